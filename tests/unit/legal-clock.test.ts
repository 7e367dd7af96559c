import { describe, expect, it } from "vitest";
import {
  addDays,
  clockDueDate,
  daysBetween,
  daysLeft,
  decisionPeriodDays,
  deemedGrantApplies,
  extendClock,
  resumeClock,
  startClock,
  suspendClock,
  todayInBelgium,
} from "../../workflows/legal-clock";

describe("calendar arithmetic", () => {
  it("crosses month ends and leap days", () => {
    expect(addDays("2026-01-31", 1)).toBe("2026-02-01");
    expect(addDays("2028-02-28", 1)).toBe("2028-02-29");
    expect(addDays("2027-02-28", 1)).toBe("2027-03-01");
    expect(addDays("2026-12-31", 120)).toBe("2027-04-30");
    expect(daysBetween("2028-02-01", "2028-03-01")).toBe(29);
    expect(addDays("2026-03-01", -1)).toBe("2026-02-28");
  });

  it("ignores daylight saving: a day is a day", () => {
    expect(daysBetween("2026-03-28", "2026-03-30")).toBe(2);
    expect(addDays("2026-10-24", 2)).toBe("2026-10-26");
  });

  it("reads the date in Belgium, not on the server's clock", () => {
    expect(todayInBelgium(new Date("2026-03-28T23:30:00Z"))).toBe("2026-03-29"); // CET+1 → already Sunday
    expect(todayInBelgium(new Date("2026-10-24T22:30:00Z"))).toBe("2026-10-25"); // CEST+2
    expect(todayInBelgium(new Date("2026-12-31T22:59:59Z"))).toBe("2026-12-31");
    expect(todayInBelgium(new Date("2026-12-31T23:00:00Z"))).toBe("2027-01-01");
  });

  it("refuses what is not a calendar date", () => {
    expect(() => addDays("2026-02-30", 1)).toThrow();
    expect(() => addDays("31/01/2026", 1)).toThrow();
  });
});

describe("the legal clock", () => {
  it("has the period of each category", () => {
    expect(decisionPeriodDays("general")).toBe(120);
    expect(decisionPeriodDays("directive")).toBe(90);
    expect(decisionPeriodDays("seasonal")).toBe(90);
    expect(decisionPeriodDays("seasonal-returning")).toBe(60);
    expect(decisionPeriodDays("seasonal-renewal")).toBe(30);
  });

  it("moves the due date by suspended days (from inclusive, to exclusive) and extensions", () => {
    let clock = startClock("2026-01-10", 120);
    expect(clockDueDate(clock)).toBe("2026-05-10");
    clock = suspendClock(clock, "2026-02-01", "documents requested");
    expect(() => suspendClock(clock, "2026-02-02", "again")).toThrow();
    expect(clockDueDate(clock, "2026-02-05")).toBe("2026-05-14"); // open: counts up to today
    clock = resumeClock(clock, "2026-02-11");
    expect(clockDueDate(clock, "2026-04-01")).toBe("2026-05-20");
    clock = extendClock(clock, 30);
    expect(clockDueDate(clock)).toBe("2026-06-19");
    expect(daysLeft(clock, "2026-06-09")).toBe(10);
    expect(() => resumeClock(clock, "2026-03-01")).toThrow();
  });

  it("gives a deemed grant for the general permit, not for the 2024 categories since 5 April 2024", () => {
    expect(deemedGrantApplies("general", "2026-01-01")).toBe(true);
    expect(deemedGrantApplies("directive", "2024-04-04")).toBe(true);
    expect(deemedGrantApplies("directive", "2024-04-05")).toBe(false);
    expect(deemedGrantApplies("seasonal", "2025-01-01")).toBe(false);
  });
});
