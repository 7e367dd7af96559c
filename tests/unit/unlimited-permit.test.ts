import { describe, expect, it } from "vitest";
import { countedDays, unlimitedConditionsMet } from "../../forms/unlimited-permit";

describe("the unlimited permit's conditions", () => {
  it("asks Flanders' four years of authorised work in the previous five, to the day", () => {
    const fourYears = [{ kind: "single-permit" as const, from: "2022-11-27", until: "2026-11-26" }];
    expect(unlimitedConditionsMet("flanders", fourYears, "2026-11-27")).toMatchObject({ decided: true, met: true, basis: "work", requiredDays: 1461 });
    const oneDayShort = [{ kind: "single-permit" as const, from: "2022-11-28", until: "2026-11-26" }];
    expect(unlimitedConditionsMet("flanders", oneDayShort, "2026-11-27")).toMatchObject({ decided: true, met: false, countedDays: 1460 });
  });

  it("does not count posting, au pair, trainee or student periods, nor days before the five years", () => {
    const mixed = [
      { kind: "single-permit" as const, from: "2023-01-01", until: "2025-12-31" },
      { kind: "posting" as const, from: "2021-01-01", until: "2022-12-31" },
      { kind: "student" as const, from: "2026-01-01", until: "2026-11-26" },
    ];
    expect(unlimitedConditionsMet("flanders", mixed, "2026-11-27")).toMatchObject({ met: false, countedDays: 1096 });
    expect(countedDays([{ kind: "work-permit", from: "2015-01-01", until: "2021-12-31" }], () => true, "2021-11-27", "2026-11-27")).toBe(35);
  });

  it("counts overlapping periods once, and accepts a year as a long-term resident", () => {
    const overlapping = [
      { kind: "single-permit" as const, from: "2024-01-01", until: "2024-12-31" },
      { kind: "work-permit" as const, from: "2024-06-01", until: "2025-05-31" },
    ];
    expect(countedDays(overlapping, () => true, "2021-11-27", "2026-11-27")).toBe(517);
    expect(unlimitedConditionsMet("flanders", [{ kind: "long-term-resident", from: "2025-11-01", until: "2026-11-26" }], "2026-11-27")).toMatchObject({ met: true, basis: "long-term-resident" });
  });

  it("leaves the other regions to the officer: their conditions are unconfirmed", () => {
    for (const region of ["wallonia", "brussels", "dg"] as const) {
      expect(unlimitedConditionsMet(region, [{ kind: "single-permit", from: "2015-01-01", until: "2026-11-26" }], "2026-11-27")).toEqual({ decided: false });
    }
  });

  it("accepts exactly a year as a long-term resident, not a day less", () => {
    const year = [{ kind: "long-term-resident" as const, from: "2025-11-27", until: "2026-11-26" }];
    expect(unlimitedConditionsMet("flanders", year, "2026-11-27")).toMatchObject({ decided: true, met: true, basis: "long-term-resident", countedDays: 365, requiredDays: 365 });
    const dayShort = [{ kind: "long-term-resident" as const, from: "2025-11-28", until: "2026-11-26" }];
    expect(unlimitedConditionsMet("flanders", dayShort, "2026-11-27")).toMatchObject({ met: false, basis: null });
  });

  it("counts a one-day period, and nothing from the filing day on", () => {
    const all = () => true;
    expect(countedDays([{ kind: "single-permit", from: "2024-01-01", until: "2024-01-01" }], all, "2021-11-27", "2026-11-27")).toBe(1);
    expect(countedDays([{ kind: "single-permit", from: "2026-11-01", until: "2026-11-27" }], all, "2021-11-27", "2026-11-27")).toBe(26);
    expect(countedDays([{ kind: "single-permit", from: "2026-11-01", until: "2026-12-31" }], all, "2021-11-27", "2026-11-27")).toBe(26);
  });
});
