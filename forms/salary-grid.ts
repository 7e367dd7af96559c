import { addYears } from "./dates";
import type { EmploymentCategory } from "./employment-categories";

/** The three intra-corporate transferee positions the regions set amounts for (Directive 2014/66/EU). */
export const ICT_ROLES = ["manager", "specialist", "trainee"] as const;
export type IctRole = (typeof ICT_ROLES)[number];

export function isIctRole(value: unknown): value is IctRole {
  return typeof value === "string" && (ICT_ROLES as readonly string[]).includes(value);
}

/** Why a worker may be held to a region's reduced highly-qualified amount (besides being under 30). */
export const REDUCED_THRESHOLD_OCCUPATIONS = ["nurse", "teacher"] as const;
export type ReducedThresholdOccupation = (typeof REDUCED_THRESHOLD_OCCUPATIONS)[number];

/** The amounts of a row, by what they are for: what `unconfirmed` names. */
export type GridAmount = "highlyQualified" | "highlyQualifiedReduced" | "executive" | "blueCard" | `intraCorporate.${IctRole}`;

/**
 * One row of a region's salary grid: the minimum gross annual salary per category, in
 * force from `from` until the next row. Amounts change every year: a new amount is a new
 * row in the region's file (forms/regions/), never an edit of an old one. Each row names
 * its source; an amount no source confirmed is listed in `unconfirmed` and is shown to the
 * officer as such (docs/domain.md §4).
 */
export interface SalaryGridRow {
  from: string;
  source: string;
  highlyQualified: number;
  /** The reduced highly-qualified amount, where the region has one. */
  highlyQualifiedReduced?: number;
  /** Who gets the reduced amount besides workers under 30 (Flanders: nurses; teachers from 2025). */
  reducedFor?: readonly ReducedThresholdOccupation[];
  /** Posted workers never get the reduced amount (Flanders). */
  reducedExcludesPosted?: boolean;
  executive: number;
  blueCard?: number;
  /** Intra-corporate transferees: one amount per position. */
  intraCorporate?: Partial<Record<IctRole, number>>;
  unconfirmed?: readonly GridAmount[];
}

/** What the worker's situation adds to the category when choosing the amount. */
export interface SalaryCase {
  /** Age on the day of filing; null when unknown. */
  workerAge: number | null;
  ictRole?: IctRole | null;
  occupation?: ReducedThresholdOccupation | null;
  posted?: boolean;
}

export interface SalaryThreshold {
  amount: number;
  /** Which row decided it, e.g. "flanders:2025-01-01" (kept with the check for the officer). */
  grid: string;
  source: string;
  /** Which amount of the row applied. */
  basis: GridAmount;
  /** No source confirmed this amount: the officer is told (docs/domain.md §4). */
  unconfirmed: boolean;
}

/** The row in force on a day and the amount it sets for a category, or null if it sets none. */
export function thresholdFromGrid(
  name: string,
  rows: readonly SalaryGridRow[],
  category: EmploymentCategory,
  onDate: string,
  situation: SalaryCase,
): SalaryThreshold | null {
  const row = [...rows].reverse().find((candidate) => candidate.from <= onDate);
  if (!row) return null;
  const picked = amountOf(row, category, situation);
  if (!picked) return null;
  return { amount: picked.amount, grid: `${name}:${row.from}`, source: row.source, basis: picked.basis, unconfirmed: (row.unconfirmed ?? []).includes(picked.basis) };
}

function amountOf(row: SalaryGridRow, category: EmploymentCategory, situation: SalaryCase): { amount: number; basis: GridAmount } | null {
  switch (category) {
    case "highly-qualified": {
      const reduced =
        row.highlyQualifiedReduced !== undefined &&
        !(situation.posted && row.reducedExcludesPosted) &&
        ((situation.workerAge !== null && situation.workerAge < 30) || (!!situation.occupation && (row.reducedFor ?? []).includes(situation.occupation)));
      return reduced
        ? { amount: row.highlyQualifiedReduced!, basis: "highlyQualifiedReduced" }
        : { amount: row.highlyQualified, basis: "highlyQualified" };
    }
    case "executive":
      return { amount: row.executive, basis: "executive" };
    case "blue-card":
      return row.blueCard === undefined ? null : { amount: row.blueCard, basis: "blueCard" };
    case "intra-corporate-transferee": {
      // Before the position is asked (filings of an earlier form), the specialist's amount.
      const role = situation.ictRole ?? "specialist";
      const amount = row.intraCorporate?.[role];
      return amount === undefined ? null : { amount, basis: `intraCorporate.${role}` };
    }
    default:
      return null;
  }
}

/**
 * The day a worker under 30 turns 30, when that is before the end of the employment (an
 * open-ended contract always runs past it): the reduced amount was granted on his age at
 * filing, and whether it still holds after that day is not settled by any source we found
 * (UNCONFIRMED), so the officer is told. Null when it does not arise.
 */
export function turns30DuringEmployment(birthDate: string, filedOn: string, employmentEnd: string | null): string | null {
  const thirtieth = addYears(birthDate, 30);
  if (thirtieth <= filedOn) return null;
  return employmentEnd === null || employmentEnd >= thirtieth ? thirtieth : null;
}
