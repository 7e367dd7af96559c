import type { EmploymentCategory } from "./employment-categories";

/**
 * One year's row of a region's salary grid: the minimum gross annual salary per category,
 * in force from `from` until the next row. Amounts change every year: a new year is a new
 * row in the region's file (forms/regions/), never an edit of an old one.
 */
export interface SalaryGridRow {
  from: string;
  highlyQualified: number;
  /** Reduced highly-qualified threshold for workers under 30, where the region has one. */
  highlyQualifiedUnder30?: number;
  executive: number;
  blueCard?: number;
  /** Intra-corporate transferee (specialist). */
  intraCorporate?: number;
}

export interface SalaryThreshold {
  amount: number;
  /** Which row decided it, e.g. "flanders:2025-01-01" (kept with the check for the officer). */
  grid: string;
}

/** The row in force on a day and the amount it sets for a category, or null if it sets none. */
export function thresholdFromGrid(
  name: string,
  rows: readonly SalaryGridRow[],
  category: EmploymentCategory,
  onDate: string,
  workerAge: number | null,
): SalaryThreshold | null {
  const row = [...rows].reverse().find((candidate) => candidate.from <= onDate);
  if (!row) return null;
  const amount =
    category === "highly-qualified"
      ? workerAge !== null && workerAge < 30 && row.highlyQualifiedUnder30
        ? row.highlyQualifiedUnder30
        : row.highlyQualified
      : category === "executive"
        ? row.executive
        : category === "blue-card"
          ? row.blueCard
          : category === "intra-corporate-transferee"
            ? row.intraCorporate
            : undefined;
  return amount === undefined ? null : { amount, grid: `${name}:${row.from}` };
}
