import type { RegionalAuthority } from "./authorities";
import { REGION_FORMS } from "./regions";
import type { EmploymentCategory } from "./employment-categories";
import { thresholdFromGrid, type SalaryCase, type SalaryThreshold } from "./salary-grid";

export { EMPLOYMENT_CATEGORIES, isEmploymentCategory, type EmploymentCategory } from "./employment-categories";

/**
 * The minimum gross annual salary of the competent region's grid for this category and
 * date, or null if its grid sets none (each region's dated grid lives in its own file,
 * forms/regions/). The national minimum wage applies on top, to every category
 * (forms/minimum-wage.ts). `situation` is the worker's age, or his age with the position
 * (intra-corporate transferee), occupation and posting that choose among reduced amounts.
 */
export function salaryThreshold(
  authority: RegionalAuthority,
  category: EmploymentCategory,
  onDate: string,
  situation: number | null | SalaryCase,
): SalaryThreshold | null {
  const worker = typeof situation === "object" && situation !== null ? situation : { workerAge: situation };
  return thresholdFromGrid(authority, REGION_FORMS[authority].salaryGrid, category, onDate, worker);
}

/** Whole years between a birth date and a day, both "YYYY-MM-DD". */
export function ageOn(birthDate: string, onDate: string): number {
  const [by, bm, bd] = birthDate.split("-").map(Number) as [number, number, number];
  const [y, m, d] = onDate.split("-").map(Number) as [number, number, number];
  return y - by - (m < bm || (m === bm && d < bd) ? 1 : 0);
}

/** "48 912", "48.912,50", "48912.5" → 48912.5; null when it is not an amount. */
export function parseSalary(input: string): number | null {
  let value = input.replace(/[\s\u00a0€]/g, "");
  if (!value) return null;
  if (/^\d{1,3}([.,]\d{3})+([.,]\d{1,2})?$/.test(value)) {
    // Thousands separators: the last separator followed by 1–2 digits is the decimal one.
    const decimal = /[.,]\d{1,2}$/.test(value) ? value.slice(-3).replace(/^[^.,]*/, "") : "";
    const whole = decimal ? value.slice(0, -decimal.length) : value;
    value = whole.replace(/[.,]/g, "") + decimal.replace(",", ".");
  } else {
    value = value.replace(",", ".");
  }
  if (!/^\d+(\.\d{1,2})?$/.test(value)) return null;
  const amount = Number(value);
  return amount > 0 && amount < 10_000_000 ? amount : null;
}
