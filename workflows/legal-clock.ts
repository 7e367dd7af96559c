/**
 * The legal clock of a case: pure calendar arithmetic on "YYYY-MM-DD" dates.
 * Deadlines are data: the start, the suspensions and the extensions are stored, and every
 * date is computed from them (docs/domain.md §3). No time of day anywhere: legal terms
 * count calendar days, and all arithmetic runs on UTC midnights so that a daylight-saving
 * change in Brussels can never add or lose a day.
 *
 * Sources:
 * - Cooperation Agreement of 2 Feb 2018 (single permit procedure): regional
 *   completeness/admissibility check, transfer to the OE, the 120-day decision term from
 *   admissibility, and the deemed grant when it is missed.
 * - Directive 2011/98/EU, art. 5(2): decision within four months; the term is suspended
 *   while the applicant is asked for missing information.
 * - Cooperation Agreement of 22 Mar 2024, in force 5 Apr 2024: 90 days for the EU-directive
 *   categories; seasonal work 90 / 60 / 30 days; no deemed grant any more for Blue Card,
 *   seasonal workers, intra-corporate transferees, researchers, trainees and volunteers.
 * - Royal Decree of 8 Oct 1981, annexes 46 (grant), 47 (deemed grant), 48 (refusal).
 * - myria.be ("le permis unique – procédure"); dofi.ibz.be (single permit pages).
 */

import type { EmploymentCategory } from "../forms/employment";

/** The region checks completeness/admissibility within 30 days of the application. */
export const COMPLETENESS_CHECK_DAYS = 30;
/** An incomplete application: the applicant has 15 days to complete it (clock suspended meanwhile). */
export const DOCUMENT_REQUEST_DAYS = 15;
/** The region passes an admissible application to the OE within 15 days. */
export const TRANSFER_TO_OE_DAYS = 15;

export { addDays, addYears, daysBetween, isCalendarDate, todayInBelgium } from "../forms/dates";
import { addDays, assertWholeDays, daysBetween, toUtc } from "../forms/dates";

export type ClockCategory = "general" | "directive" | "seasonal" | "seasonal-returning" | "seasonal-renewal" | "permanent";

export const CLOCK_CATEGORIES: readonly ClockCategory[] = [
  "general",
  "directive",
  "seasonal",
  "seasonal-returning",
  "seasonal-renewal",
  "permanent",
];

/**
 * Which clock an employment category runs on: the EU-directive categories (Blue Card,
 * intra-corporate transferee, researcher) have 90 days, seasonal work 90, the rest 120.
 * (Returning and renewing seasonal workers are told apart later, by the officer.)
 */
export function clockCategoryFor(category: EmploymentCategory): ClockCategory {
  switch (category) {
    case "blue-card":
    case "intra-corporate-transferee":
    case "researcher":
      return "directive";
    case "seasonal":
      return "seasonal";
    default:
      return "general";
  }
}

/** The decision term, counted from admissibility (CA 2 Feb 2018; CA 22 Mar 2024). */
export function decisionPeriodDays(category: ClockCategory): number {
  switch (category) {
    case "general":
      return 120;
    case "directive": // EU Blue Card, intra-corporate transferee, researcher
    case "seasonal":
      return 90;
    case "seasonal-returning": // admitted as a seasonal worker at least once in the previous 5 years
      return 60;
    case "seasonal-renewal":
      return 30;
    case "permanent":
      // The unlimited (permanent) permit: no specific term we know of in the texts
      // (UNCONFIRMED), so the general 120 days apply until someone finds one.
      return 120;
  }
}

/** From this day a missed deadline no longer gives a deemed grant for the 2024 categories. */
export const NO_DEEMED_GRANT_FROM = "2024-04-05";

/**
 * Does a missed decision deadline give a deemed grant (annex 47)? Always for the general
 * single permit (and the permanent permit, which follows it); for the directive and
 * seasonal categories only for applications whose clock started before 5 Apr 2024
 * (CA 22 Mar 2024). `startedOn` is the day the decision clock started (admissibility).
 */
export function deemedGrantApplies(category: ClockCategory, startedOn: string): boolean {
  toUtc(startedOn); // a typo must not silently decide a legal effect
  if (category === "general" || category === "permanent") return true;
  return startedOn < NO_DEEMED_GRANT_FROM; // "YYYY-MM-DD" strings sort as dates
}

/**
 * A period during which the clock stood still.
 *
 * Boundaries: `from` is INCLUSIVE, `to` is EXCLUSIVE. The day the documents are requested
 * does not count towards the term; the day they arrive counts again. A request sent on
 * the 1st and answered on the 5th stops the clock for 4 days (1, 2, 3, 4); answered the
 * same day, for none. An open suspension (`to: null`) counts the days from `from` up to,
 * not including, the `asOf` day.
 */
export interface Suspension {
  from: string;
  to: string | null;
  reason: string;
}

export interface LegalClock {
  startedOn: string;
  periodDays: number;
  suspensions: Suspension[];
  extensionDays: number;
}

export function startClock(startedOn: string, periodDays: number): LegalClock {
  toUtc(startedOn);
  assertWholeDays(periodDays, "a legal term");
  if (periodDays < 0) throw new Error("a legal term cannot be negative");
  return { startedOn, periodDays, suspensions: [], extensionDays: 0 };
}

export function isSuspended(clock: LegalClock): boolean {
  return clock.suspensions.some((s) => s.to === null);
}

/** Stops the clock from `on` (inclusive). Throws if it is already stopped: suspensions never nest. */
export function suspendClock(clock: LegalClock, on: string, reason: string): LegalClock {
  toUtc(on);
  if (isSuspended(clock)) throw new Error("the clock is already suspended");
  const lastEnd = clock.suspensions.reduce<string | null>((end, s) => (s.to !== null && (end === null || s.to > end) ? s.to : end), null);
  // Overlapping suspensions would count the same days twice.
  if (lastEnd !== null && on < lastEnd) throw new Error(`a suspension cannot start (${on}) before the previous one ended (${lastEnd})`);
  return { ...clock, suspensions: [...clock.suspensions, { from: on, to: null, reason }] };
}

/** Restarts the clock on `on` (that day counts again). Throws if it is not stopped. */
export function resumeClock(clock: LegalClock, on: string): LegalClock {
  toUtc(on);
  if (!isSuspended(clock)) throw new Error("the clock is not suspended");
  return {
    ...clock,
    suspensions: clock.suspensions.map((s) => {
      if (s.to !== null) return s;
      // Answered the same day or, by error, earlier: no days lost, never negative.
      return { ...s, to: on < s.from ? s.from : on };
    }),
  };
}

/** Adds days to the term (e.g. an extension notified in exceptional cases, Directive 2011/98/EU art. 5(2)). */
export function extendClock(clock: LegalClock, days: number): LegalClock {
  if (!Number.isInteger(days) || days < 0) throw new Error("an extension is a positive number of days");
  return { ...clock, extensionDays: clock.extensionDays + days };
}

/**
 * Days the clock stood still, counting an open suspension up to (not including) `asOf`.
 * Days before the clock started cannot move it, so a suspension is counted from the start
 * at the earliest.
 */
export function suspendedDays(clock: LegalClock, asOf: string): number {
  toUtc(asOf);
  return clock.suspensions.reduce((total, s) => {
    const from = s.from < clock.startedOn ? clock.startedOn : s.from;
    return total + Math.max(0, daysBetween(from, s.to ?? asOf));
  }, 0);
}

/**
 * The decision is due on this date: startedOn + periodDays + extensionDays + suspended days.
 * An open suspension keeps moving it day by day, so pass `asOf` = today; without `asOf`
 * an open suspension has not counted any day yet.
 */
export function clockDueDate(clock: LegalClock, asOf: string = clock.startedOn): string {
  return addDays(clock.startedOn, clock.periodDays + clock.extensionDays + suspendedDays(clock, asOf));
}

/** Days until the due date (0 on the due date, negative once it has passed). Frozen while suspended. */
export function daysLeft(clock: LegalClock, today: string): number {
  return daysBetween(today, clockDueDate(clock, today));
}
