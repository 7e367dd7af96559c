import { describe, expect, it } from "vitest";
import { ageOn, parseSalary, salaryThreshold } from "../../forms/employment";
import { minimumWageOn } from "../../forms/minimum-wage";
import { isIctRole, turns30DuringEmployment } from "../../forms/salary-grid";

describe("the national minimum wage (CCT 43), dated", () => {
  it("is the amount in force on the day, twelve times a year", () => {
    expect(minimumWageOn("2023-06-01")).toMatchObject({ monthly: 1_954.99, annual: 23_459.88, unconfirmed: false });
    expect(minimumWageOn("2024-03-31").monthly).toBe(1_994.18);
    expect(minimumWageOn("2024-04-01").monthly).toBe(2_029.88);
    expect(minimumWageOn("2024-05-01").monthly).toBe(2_070.48);
    expect(minimumWageOn("2025-02-01")).toMatchObject({ monthly: 2_111.89, annual: 25_342.68, unconfirmed: true });
    expect(minimumWageOn("2026-04-01")).toMatchObject({ monthly: 2_146.89, unconfirmed: true });
  });
});

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

  it("splits intra-corporate transferees by position (Wallonia 2025: 66,738 / 53,390 / 33,370)", () => {
    expect(salaryThreshold("wallonia", "intra-corporate-transferee", "2025-06-01", { workerAge: 40, ictRole: "manager" })?.amount).toBe(66_738);
    expect(salaryThreshold("wallonia", "intra-corporate-transferee", "2025-06-01", { workerAge: 40, ictRole: "specialist" })?.amount).toBe(53_390);
    expect(salaryThreshold("wallonia", "intra-corporate-transferee", "2025-06-01", { workerAge: 40, ictRole: "trainee" })?.amount).toBe(33_370);
    expect(salaryThreshold("flanders", "intra-corporate-transferee", "2025-06-01", { workerAge: 40, ictRole: "manager" })?.amount).toBe(78_259);
    expect(salaryThreshold("brussels", "intra-corporate-transferee", "2025-06-01", { workerAge: 40, ictRole: "manager" })).toBeNull();
  });

  it("raises the Flemish EU Blue Card amount on 1 May 2024 from 55,958 to 60,622, flagged unconfirmed", () => {
    expect(salaryThreshold("flanders", "blue-card", "2024-04-30", 40)).toMatchObject({ amount: 55_958, unconfirmed: false });
    expect(salaryThreshold("flanders", "blue-card", "2024-05-01", 40)).toMatchObject({ amount: 60_622, unconfirmed: true, grid: "flanders:2024-05-01" });
    expect(salaryThreshold("flanders", "blue-card", "2025-01-01", 40)).toMatchObject({ amount: 63_586, unconfirmed: false });
  });

  it("flags Wallonia's 2025 executive and Blue Card amounts as unconfirmed, not its 2026 ones", () => {
    expect(salaryThreshold("wallonia", "executive", "2025-06-01", 40)).toMatchObject({ amount: 86_110, unconfirmed: true });
    expect(salaryThreshold("wallonia", "blue-card", "2025-06-01", 40)).toMatchObject({ amount: 66_738, unconfirmed: true });
    expect(salaryThreshold("wallonia", "highly-qualified", "2025-06-01", 40)).toMatchObject({ amount: 51_613, unconfirmed: false });
    expect(salaryThreshold("wallonia", "executive", "2026-06-01", 40)).toMatchObject({ amount: 88_790, unconfirmed: false });
  });

  it("gives Flanders' reduced amount to nurses always and to teachers from 2025, never to posted workers", () => {
    expect(salaryThreshold("flanders", "highly-qualified", "2024-06-01", { workerAge: 45, occupation: "nurse" })?.amount).toBe(37_305.6);
    expect(salaryThreshold("flanders", "highly-qualified", "2024-06-01", { workerAge: 45, occupation: "teacher" })?.amount).toBe(46_632);
    expect(salaryThreshold("flanders", "highly-qualified", "2025-06-01", { workerAge: 45, occupation: "teacher" })?.amount).toBe(39_129.6);
    expect(salaryThreshold("flanders", "highly-qualified", "2025-06-01", { workerAge: 25, posted: true })?.amount).toBe(48_912);
    // Wallonia has an under-30 amount but no occupations.
    expect(salaryThreshold("wallonia", "highly-qualified", "2026-06-01", { workerAge: 45, occupation: "nurse" })?.amount).toBe(53_220);
  });

  it("tells when a worker under 30 turns 30 before his employment ends", () => {
    expect(turns30DuringEmployment("1997-03-10", "2026-11-27", "2028-12-31")).toBe("2027-03-10");
    expect(turns30DuringEmployment("1997-03-10", "2026-11-27", null)).toBe("2027-03-10"); // open-ended
    expect(turns30DuringEmployment("1997-03-10", "2026-11-27", "2027-03-09")).toBeNull();
    expect(turns30DuringEmployment("1990-03-10", "2026-11-27", null)).toBeNull(); // 30 already
  });

  it("gives the full amount from the 30th birthday on, and when the age is not known", () => {
    expect(salaryThreshold("flanders", "highly-qualified", "2025-03-01", 29)).toMatchObject({ amount: 39_129.6, basis: "highlyQualifiedReduced" });
    expect(salaryThreshold("flanders", "highly-qualified", "2025-03-01", 30)).toMatchObject({ amount: 48_912, basis: "highlyQualified" });
    expect(salaryThreshold("flanders", "highly-qualified", "2025-03-01", null)).toMatchObject({ amount: 48_912, basis: "highlyQualified" });
    expect(salaryThreshold("flanders", "highly-qualified", "2025-03-01", { workerAge: null })).toMatchObject({ amount: 48_912, basis: "highlyQualified" });
  });

  it("names the intra-corporate position its amount is for; knows the three positions only", () => {
    expect(salaryThreshold("wallonia", "intra-corporate-transferee", "2025-06-01", { workerAge: 40, ictRole: "trainee" })?.basis).toBe("intraCorporate.trainee");
    expect(salaryThreshold("wallonia", "intra-corporate-transferee", "2025-06-01", 40)?.basis).toBe("intraCorporate.specialist");
    expect(isIctRole("manager")).toBe(true);
    expect(isIctRole("director")).toBe(false);
    expect(isIctRole(undefined)).toBe(false);
  });

  it("turning 30 on the filing day is 30 already; on the employment's last day, during it", () => {
    expect(turns30DuringEmployment("1996-11-27", "2026-11-27", null)).toBeNull();
    expect(turns30DuringEmployment("1997-03-10", "2026-11-27", "2027-03-10")).toBe("2027-03-10");
  });

  it("computes age on a date and reads amounts as people type them", () => {
    expect(ageOn("1996-11-23", "2026-11-22")).toBe(29);
    expect(ageOn("1996-11-22", "2026-11-22")).toBe(30);
    expect(parseSalary("48 912")).toBe(48_912);
    expect(parseSalary("48.912,50")).toBe(48_912.5);
    expect(parseSalary("48,912.50")).toBe(48_912.5);
    expect(parseSalary("48912,5")).toBe(48_912.5);
    expect(parseSalary("€ 60000")).toBe(60_000);
    expect(parseSalary("123.456,7")).toBe(123_456.7);
    expect(parseSalary("1.2345")).toBeNull();
    expect(parseSalary("-5")).toBeNull();
    expect(parseSalary("lots")).toBeNull();
    expect(parseSalary("")).toBeNull();
  });
});
