import { describe, expect, it } from "vitest";
import { ageOn, parseSalary, salaryThreshold } from "../../forms/employment";

describe("regional salary thresholds", () => {
  it("follows the grid in force on the date, per region and category", () => {
    expect(salaryThreshold("flanders", "highly-qualified", "2024-06-01", 40)?.amount).toBe(46_632);
    expect(salaryThreshold("flanders", "highly-qualified", "2025-01-01", 40)?.amount).toBe(48_912);
    expect(salaryThreshold("flanders", "highly-qualified", "2024-12-31", 40)?.amount).toBe(46_632);
    // Flanders 2026: the 2025 amounts stay until the new grid is published.
    expect(salaryThreshold("flanders", "executive", "2026-11-22", 40)?.amount).toBe(78_259);
    expect(salaryThreshold("wallonia", "executive", "2026-11-22", 40)?.amount).toBe(88_790);
    expect(salaryThreshold("brussels", "blue-card", "2026-11-22", 40)?.amount).toBe(56_976);
    expect(salaryThreshold("wallonia", "intra-corporate-transferee", "2026-02-01", 40)?.amount).toBe(55_053);
  });

  it("uses the reduced amount for workers under 30 where the region has one", () => {
    expect(salaryThreshold("flanders", "highly-qualified", "2025-03-01", 29)?.amount).toBe(39_129.6);
    expect(salaryThreshold("wallonia", "highly-qualified", "2026-03-01", 25)?.amount).toBe(42_576);
    expect(salaryThreshold("brussels", "highly-qualified", "2026-03-01", 25)?.amount).toBe(44_441.28);
  });

  it("has no threshold where none is known: other categories, the German-speaking Community, before 2024", () => {
    expect(salaryThreshold("flanders", "shortage-occupation", "2026-01-01", 40)).toBeNull();
    expect(salaryThreshold("dg", "highly-qualified", "2026-01-01", 40)).toBeNull();
    expect(salaryThreshold("wallonia", "blue-card", "2024-06-01", 40)).toBeNull();
    expect(salaryThreshold("flanders", "executive", "2023-06-01", 40)).toBeNull();
  });

  it("computes age on a date and reads amounts as people type them", () => {
    expect(ageOn("1996-11-23", "2026-11-22")).toBe(29);
    expect(ageOn("1996-11-22", "2026-11-22")).toBe(30);
    expect(parseSalary("48 912")).toBe(48_912);
    expect(parseSalary("48.912,50")).toBe(48_912.5);
    expect(parseSalary("48,912.50")).toBe(48_912.5);
    expect(parseSalary("48912,5")).toBe(48_912.5);
    expect(parseSalary("€ 60000")).toBe(60_000);
    expect(parseSalary("-5")).toBeNull();
    expect(parseSalary("lots")).toBeNull();
    expect(parseSalary("")).toBeNull();
  });
});
