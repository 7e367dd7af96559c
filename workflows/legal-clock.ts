/**
 * The legal clock of a case: pure calendar arithmetic on "YYYY-MM-DD" dates.
 * Deadlines are data: the start, the suspensions and the extensions are stored, and every
 * date is computed from them (docs/domain.md §3).
 *
 * Sources: Cooperation Agreement of 2 Feb 2018 (120 days in principle, deemed grant,
 * annex 47); Directive 2011/98/EU art. 5 (clock suspended while documents are missing);
 * Cooperation Agreement of 22 Mar 2024, in force 5 Apr 2024 (90 days for the directive
 * categories; seasonal 90/60/30; no deemed grant for Blue Card, seasonal, ICT,
 * researchers, trainees, volunteers); leglobal.law 2019 (30-day admissibility check,
 * 15 days to complete, 15 days to transfer to the OE).
 */

import type { EmploymentCategory } from "../forms/employment";

export const COMPLETENESS_CHECK_DAYS = 30;
export const DOCUMENT_REQUEST_DAYS = 15;
export const TRANSFER_TO_OE_DAYS = 15;

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const DAY_MS = 86_400_000;

function toUtc(date: string): number {
  const match = DATE.exec(date);
  if (!match) throw new Error(`not a calendar date: ${date}`);
  const [, y, m, d] = match.map(Number) as [number, number, number, number];
  const time = Date.UTC(y, m - 1, d);
  if (new Date(time).getUTCDate() !== d) throw new Error(`not a calendar date: ${date}`);
  return time;
}

function fromUtc(time: number): string {
  return new Date(time).toISOString().slice(0, 10);
}

export function isCalendarDate(value: unknown): value is string {
  try {
    return typeof value === "string" && toUtc(value) >= 0;
  } catch {
    return false;
  }
}

/** The calendar date in Belgium at an instant: legal days are Brussels days, whatever the server's zone. */
export function todayInBelgium(now: Date): string {
  return new Intl.DateTimeFormat("en-CA", { timeZone: "Europe/Brussels", year: "numeric", month: "2-digit", day: "2-digit" }).format(now);
}

/** Calendar days; computed in UTC so a daylight-saving change never adds or loses a day. */
export function addDays(date: string, days: number): string {
  return fromUtc(toUtc(date) + days * DAY_MS);
}

/** Same day n years later; 29 February becomes 28 February in a common year. */
export function addYears(date: string, years: number): string {
  toUtc(date); // validates
  const [y, m, d] = date.split("-").map(Number) as [number, number, number];
  const target = new Date(Date.UTC(y + years, m - 1, d));
  return target.getUTCMonth() === m - 1 ? fromUtc(target.getTime()) : fromUtc(Date.UTC(y + years, m, 0));
}

/** b − a, in days. */
export function daysBetween(a: string, b: string): number {
  return Math.round((toUtc(b) - toUtc(a)) / DAY_MS);
}

export type ClockCategory = "general" | "directive" | "seasonal" | "seasonal-returning" | "seasonal-renewal" | "permanent";

/**
 * Which clock an employment category runs on: the EU-directive categories (Blue Card,
 * intra-corporate transferee, researcher) have 90 days, seasonal work 90, the rest 120.
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

export function decisionPeriodDays(category: ClockCategory): number {
  switch (category) {
    case "general":
      return 120;
    case "directive":
    case "seasonal":
      return 90;
    case "seasonal-returning":
      return 60;
    case "seasonal-renewal":
      return 30;
    case "permanent":
      // No specific term found for the unlimited permit (UNCONFIRMED): the general one applies.
      return 120;
  }
}

const NO_DEEMED_GRANT_FROM = "2024-04-05";

/** Does a missed deadline still give a deemed grant (annex 47)? Not for the 2024 categories. */
export function deemedGrantApplies(category: ClockCategory, startedOn: string): boolean {
  if (category === "general" || category === "permanent") return true;
  return startedOn < NO_DEEMED_GRANT_FROM;
}

/**
 * A suspension covers the days from `from` (inclusive) to `to` (exclusive): a request
 * sent on the 1st and answered on the 5th stops the clock for 4 days.
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
  return { startedOn, periodDays, suspensions: [], extensionDays: 0 };
}

export function isSuspended(clock: LegalClock): boolean {
  return clock.suspensions.some((s) => s.to === null);
}

export function suspendClock(clock: LegalClock, on: string, reason: string): LegalClock {
  toUtc(on);
  if (isSuspended(clock)) throw new Error("the clock is already suspended");
  return { ...clock, suspensions: [...clock.suspensions, { from: on, to: null, reason }] };
}

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

export function extendClock(clock: LegalClock, days: number): LegalClock {
  if (!Number.isInteger(days) || days < 0) throw new Error("an extension is a positive number of days");
  return { ...clock, extensionDays: clock.extensionDays + days };
}

/** Days the clock stood still, counting an open suspension up to `asOf`. */
export function suspendedDays(clock: LegalClock, asOf: string): number {
  return clock.suspensions.reduce((total, s) => total + Math.max(0, daysBetween(s.from, s.to ?? asOf)), 0);
}

/** The decision is due on this date; an open suspension keeps moving it, so pass today. */
export function clockDueDate(clock: LegalClock, asOf: string = clock.startedOn): string {
  return addDays(clock.startedOn, clock.periodDays + clock.extensionDays + suspendedDays(clock, asOf));
}

export function daysLeft(clock: LegalClock, today: string): number {
  return daysBetween(today, clockDueDate(clock, today));
}
