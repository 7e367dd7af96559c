import type { RegionalAuthority } from "./authorities";
import { REGION_FORMS } from "./regions";
import type { EmploymentCategory } from "./employment-categories";
import { thresholdFromGrid, type SalaryThreshold } from "./salary-grid";

export { EMPLOYMENT_CATEGORIES, isEmploymentCategory, type EmploymentCategory } from "./employment-categories";

/** Each region's dated salary grid lives in its own file (forms/regions/). */
/** The minimum gross annual salary for this region, category and date, or null if none applies. */
export function salaryThreshold(
  authority: RegionalAuthority,
  category: EmploymentCategory,
  onDate: string,
  workerAge: number | null,
): SalaryThreshold | null {
  return thresholdFromGrid(authority, REGION_FORMS[authority].salaryGrid, category, onDate, workerAge);
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
