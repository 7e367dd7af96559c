import { describe, expect, it } from "vitest";
import { daysUnemployed, directiveApplies, hasRunOut, unemploymentDaysLeft, unemploymentPeriod } from "../../workflows/unemployment-period";

// The rule and its sources: workflows/unemployment-period.ts and docs/domain.md §5.
const period = (employmentEndedOn: string, permitValidFrom = "2025-09-01", earlierDays = 0) =>
  unemploymentPeriod({ employmentEndedOn, permitValidFrom, earlierDays });

describe("the unemployment period after an employment ended", () => {
  it("before 21 May 2026: the Belgian 90 days from the end of the employment", () => {
    expect(period("2026-03-31")).toMatchObject({ startsOn: "2026-04-01", endsOn: "2026-06-29", rule: "be-90-days" });
    expect(period("2026-05-20")).toMatchObject({ endsOn: "2026-08-18", rule: "be-90-days" });
    expect(directiveApplies("2026-05-20")).toBe(false);
    expect(directiveApplies("2026-05-21")).toBe(true);
  });

  it("from 21 May 2026: three months date to date, unless the 90 days end later", () => {
    // 31 Aug + 3 months = 30 Nov; + 90 days = 29 Nov.
    expect(period("2026-08-31")).toMatchObject({ startsOn: "2026-09-01", endsOn: "2026-11-30", rule: "eu-3-months" });
    // 31 Jan 2027 + 3 months = 30 Apr (common year); + 90 days = 1 May: the 90 days are longer.
    expect(period("2027-01-31", "2026-01-01")).toMatchObject({ endsOn: "2027-05-01", rule: "be-90-days" });
  });

  it("leap years and month ends", () => {
    // 31 Jan 2028 + 3 months = 30 Apr 2028; 90 days through 29 Feb also end on 30 Apr.
    expect(period("2028-01-31", "2027-01-01")).toMatchObject({ startsOn: "2028-02-01", endsOn: "2028-04-30", rule: "eu-3-months" });
    // 29 Nov 2027 + 3 months = 29 Feb 2028 (leap day); 90 days end on 27 Feb.
    expect(period("2027-11-29", "2027-01-01")).toMatchObject({ endsOn: "2028-02-29", rule: "eu-3-months" });
    // 30 Nov 2026 + 3 months = 28 Feb 2027, the same day as 90 days.
    expect(period("2026-11-30")).toMatchObject({ endsOn: "2027-02-28", rule: "eu-3-months" });
    // A permit from 29 Feb 2024 is held two years on 28 Feb 2026.
    expect(period("2026-06-15", "2024-02-29").twoYearsOn).toBe("2026-02-28");
  });

  it("six months once the permit has been held two years: just before, at and just after the day", () => {
    // Permit from 1 June 2024: two years on 1 June 2026.
    const before = period("2026-05-30", "2024-06-01"); // first day without work 31 May
    expect(before).toMatchObject({ startsOn: "2026-05-31", endsOn: "2026-08-30", rule: "eu-3-months", twoYearsOn: "2026-06-01" });
    const at = period("2026-05-31", "2024-06-01"); // first day without work 1 June
    expect(at).toMatchObject({ startsOn: "2026-06-01", endsOn: "2026-11-30", rule: "eu-6-months" });
    const after = period("2026-06-01", "2024-06-01");
    expect(after).toMatchObject({ startsOn: "2026-06-02", endsOn: "2026-12-01", rule: "eu-6-months" });
  });

  it("earlier unemployment on the same permit comes off the directive's total, never under the 90 days", () => {
    // 30 Nov − 40 days = 21 Oct, before the 90 days' 29 Nov.
    expect(period("2026-08-31", "2025-09-01", 40)).toMatchObject({ endsOn: "2026-11-29", rule: "be-90-days", earlierDays: 40 });
    // Six months (2026-12-01) − 10 days = 21 Nov, still after the 90 days' 30 Aug.
    expect(period("2026-06-01", "2024-06-01", 10)).toMatchObject({ endsOn: "2026-11-21", rule: "eu-6-months" });
  });

  it("days left, the last day, and the day after", () => {
    const running = period("2026-05-30", "2024-06-01");
    expect(unemploymentDaysLeft(running, "2026-08-01")).toBe(29);
    expect(unemploymentDaysLeft(running, "2026-08-30")).toBe(0);
    expect(hasRunOut(running, "2026-08-30")).toBe(false);
    expect(hasRunOut(running, "2026-08-31")).toBe(true);
    expect(unemploymentDaysLeft(running, "2026-08-31")).toBe(-1);
  });

  it("counts the days used, up to a stop or the period's end", () => {
    const running = period("2026-05-30", "2024-06-01");
    expect(daysUnemployed(running, "2026-06-09")).toBe(10);
    expect(daysUnemployed(running, "2026-05-30")).toBe(0);
    expect(daysUnemployed(running, "2027-01-01")).toBe(92);
  });
});
