import { describe, expect, it } from "vitest";
import { expectedDecision, MINIMUM_DECISIONS, percentile, processingFigures, windowStart } from "../../workflows/processing-times";

describe("processing times", () => {
  it("takes the nearest-rank percentile: a duration some file took, at least p % at or under it", () => {
    const days = [30, 10, 20, 40, 50];
    expect(percentile(days, 50)).toBe(30);
    expect(percentile(days, 90)).toBe(50);
    // An even count: the lower middle (half of the files were decided within it), not an average.
    expect(percentile([10, 20, 30, 40], 50)).toBe(20);
    expect(percentile([10, 20, 30, 40, 50, 60, 70, 80, 90, 100], 90)).toBe(90);
    expect(percentile([10, 20, 30, 40, 50, 60, 70, 80, 90, 100, 110], 90)).toBe(100);
    expect(percentile([7], 50)).toBe(7);
    expect(() => percentile([], 50)).toThrow();
    expect(() => percentile([1], 0)).toThrow();
  });

  it("publishes no figure under five decisions", () => {
    expect(MINIMUM_DECISIONS).toBe(5);
    expect(processingFigures([12, 14, 16, 18])).toEqual({ enough: false, decided: 4 });
    expect(processingFigures([])).toEqual({ enough: false, decided: 0 });
    expect(processingFigures([12, 14, 16, 18, 60])).toEqual({ enough: true, decided: 5, medianDays: 16, p90Days: 60 });
  });

  it("dates the expectation from the day the file was complete, in calendar days", () => {
    const figures = processingFigures([21, 28, 35, 42, 90, 14, 30]);
    expect(figures).toMatchObject({ medianDays: 30, p90Days: 90 });
    // Completed on 27 November 2026: half decided by 27 December, nine in ten by 25 February 2027.
    expect(expectedDecision(figures, "2026-11-27")).toEqual({ typicalOn: "2026-12-27", latestOn: "2027-02-25" });
    // Across the end of February in a leap year.
    expect(expectedDecision(processingFigures([1, 1, 1, 1, 1]), "2028-02-28")).toEqual({ typicalOn: "2028-02-29", latestOn: "2028-02-29" });
    expect(expectedDecision(processingFigures([1, 2]), "2026-11-27")).toBeNull();
  });

  it("looks back 90 days, today included", () => {
    expect(windowStart("2026-11-27")).toBe("2026-08-30");
    expect(windowStart("2026-03-01", 1)).toBe("2026-03-01");
  });
});

describe("the nearest-rank percentile's bounds", () => {
  it("takes 100 % as the longest duration, and refuses no durations, 0 % and over 100 %", () => {
    expect(percentile([40, 12, 70], 100)).toBe(70);
    expect(() => percentile([], 50)).toThrow(/no durations/);
    expect(() => percentile([1, 2], 0)).toThrow(/percentile 0 out of \(0, 100\]/);
    expect(() => percentile([1, 2], 100.5)).toThrow(/out of/);
  });
});
