import { describe, expect, it } from "vitest";
import { permitValidity } from "../../app/delivery/decision-effects.server";

// docs/domain.md §3.8 "Permit validity": from the contract's first day, or the decision's day if
// later (UNCONFIRMED: no text found), until a fixed-term contract's end, at most 3 years.
describe("the permit's validity", () => {
  it("starts with the contract when the contract starts after the decision", () => {
    expect(permitValidity("2026-11-27", "2027-01-04", undefined)).toEqual({ validFrom: "2027-01-04", validUntil: "2030-01-03" });
  });

  it("starts on the decision's day when the contract started before it (no validity in the past)", () => {
    expect(permitValidity("2026-11-27", "2026-09-01", undefined)).toEqual({ validFrom: "2026-11-27", validUntil: "2029-11-26" });
    expect(permitValidity("2026-11-27", "2026-11-27", undefined)).toEqual({ validFrom: "2026-11-27", validUntil: "2029-11-26" });
  });

  it("ends with a fixed-term contract, and after three years at most", () => {
    expect(permitValidity("2026-11-27", "2027-01-04", "2027-12-31")).toEqual({ validFrom: "2027-01-04", validUntil: "2027-12-31" });
    expect(permitValidity("2026-11-27", "2027-01-04", "2031-06-30")).toEqual({ validFrom: "2027-01-04", validUntil: "2030-01-03" });
  });

  it("ignores a contract start that is not a calendar date", () => {
    expect(permitValidity("2026-11-27", "2027-02-30", undefined).validFrom).toBe("2026-11-27");
  });
});
