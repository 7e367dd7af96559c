import { describe, expect, it } from "vitest";
import { startOfDayInBelgium } from "../../forms/dates";

describe("startOfDayInBelgium", () => {
  it("is midnight in Brussels, in winter and in summer time", () => {
    expect(startOfDayInBelgium("2026-01-15").toISOString()).toBe("2026-01-14T23:00:00.000Z");
    expect(startOfDayInBelgium("2026-07-15").toISOString()).toBe("2026-07-14T22:00:00.000Z");
  });

  it("follows the clock change: the days it happens begin before it", () => {
    // Summer time starts on 29 March 2026 at 02:00 and ends on 25 October 2026 at 03:00.
    expect(startOfDayInBelgium("2026-03-29").toISOString()).toBe("2026-03-28T23:00:00.000Z");
    expect(startOfDayInBelgium("2026-03-30").toISOString()).toBe("2026-03-29T22:00:00.000Z");
    expect(startOfDayInBelgium("2026-10-25").toISOString()).toBe("2026-10-24T22:00:00.000Z");
    expect(startOfDayInBelgium("2026-10-26").toISOString()).toBe("2026-10-25T23:00:00.000Z");
  });

  it("refuses what is not a calendar date", () => {
    expect(() => startOfDayInBelgium("2026-02-30")).toThrow();
    expect(() => startOfDayInBelgium("yesterday")).toThrow();
  });
});
