import { addDays } from "./legal-clock";

/**
 * Published processing times (issue 14 point 7; docs/decisions/019-processing-times-and-seasonal-notices.md):
 * how many days files of a region and category took from "complete" to the decision,
 * over a window, and what that means for a file completed on a given day. Pure, so the
 * page, the applicant's tracker and the unit tests compute it the same way.
 */

/** Fewer decisions than this in the window: no figure is published (a median of 2 says nothing). */
export const MINIMUM_DECISIONS = 5;

/** The window the figures look back over, in days. */
export const WINDOW_DAYS = 90;

/**
 * The nearest-rank percentile: the smallest duration such that at least `p` % of the
 * durations are at most it. Chosen over interpolation so that the sentence on the page
 * ("half were decided within 40 days", "9 in 10 within 70") is literally true of the
 * files counted, and always a whole number of days that some file took.
 */
export function percentile(durations: readonly number[], p: number): number {
  if (durations.length === 0) throw new Error("no durations");
  if (!(p > 0 && p <= 100)) throw new Error(`percentile ${p} out of (0, 100]`);
  const sorted = [...durations].sort((a, b) => a - b);
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[rank - 1]!;
}

export type ProcessingFigures =
  | { enough: true; decided: number; medianDays: number; p90Days: number }
  | { enough: false; decided: number };

/** The figures of one region and category, or "too few" under MINIMUM_DECISIONS decisions. */
export function processingFigures(durations: readonly number[]): ProcessingFigures {
  if (durations.length < MINIMUM_DECISIONS) return { enough: false, decided: durations.length };
  return { enough: true, decided: durations.length, medianDays: percentile(durations, 50), p90Days: percentile(durations, 90) };
}

export interface Expectation {
  /** Half of such files were decided by this day. */
  typicalOn: string;
  /** Nine in ten by this day. */
  latestOn: string;
}

/**
 * What the figures mean for a file completed on `completeOn` (today, on the public page; the
 * case's own day on the tracker): calendar days, as the durations were counted. Null when
 * there were too few decisions to say.
 */
export function expectedDecision(figures: ProcessingFigures, completeOn: string): Expectation | null {
  if (!figures.enough) return null;
  return { typicalOn: addDays(completeOn, figures.medianDays), latestOn: addDays(completeOn, figures.p90Days) };
}

/** What the applicant's tracker says: dated from the day his file was complete, in days before that, or "too few". */
export type CaseExpectation =
  | { kind: "dated"; expected: Expectation; completeOn: string; figures: ProcessingFigures & { enough: true } }
  | { kind: "not-complete"; figures: ProcessingFigures & { enough: true } }
  | { kind: "too-few"; decided: number };

/** The first day of the window ending today (inclusive): decisions from that day on are counted. */
export function windowStart(today: string, days: number = WINDOW_DAYS): string {
  return addDays(today, -(days - 1));
}
