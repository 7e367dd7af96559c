/**
 * The legal clock of a case: pure calendar arithmetic on "YYYY-MM-DD" dates.
 * Deadlines are data: the start, the suspensions and the extensions are stored, and every
 * date is computed from them (docs/domain.md §3). No time of day anywhere: legal terms
 * count calendar days, and all arithmetic runs on UTC midnights so that a daylight-saving
 * change in Brussels can never add or lose a day.
 *
 * Every term is a row of TERMS below: what it is for, the filing dates it applies to, its
 * length in days or months, whether missing it grants the permit, and its source. Which
 * row applies is decided by the date the application was FILED: the text in force then
 * governs the procedure (docs/decisions/011-decisions-by-decider.md).
 *
 * How a term is counted (Judicial Code arts. 52–54, applied to these administrative terms
 * by analogy; UNCONFIRMED that a court would apply them to this procedure — no specific
 * rule was found in the cooperation agreements):
 * - it runs from the day after the event (art. 52): a term of N days from day D ends on D + N;
 * - a term in months runs "de quantième à veille de quantième" (art. 54): from 31 January,
 *   four months end on 31 May (a day the month lacks becomes its last day: 31 October +
 *   4 months = 28/29 February);
 * - an end falling on a Saturday, a Sunday or a legal holiday moves to the next working day
 *   (art. 53). Regulation (EEC, Euratom) 1182/71 art. 3(4) gives the same rule for periods
 *   of EU acts. Legal holidays: Law of 4 January 1974 and Royal Decree of 18 April 1974.
 */

import type { EmploymentCategory } from "../forms/employment";

export { addDays, addMonths, addYears, daysBetween, isCalendarDate, todayInBelgium } from "../forms/dates";
import { addDays, addMonths, assertWholeDays, daysBetween, isCalendarDate, toUtc } from "../forms/dates";

export type ClockCategory =
  | "general"
  | "directive"
  | "seasonal"
  | "seasonal-returning"
  | "seasonal-renewal"
  | "permanent"
  | "change-of-employer";

export const CLOCK_CATEGORIES: readonly ClockCategory[] = [
  "general",
  "directive",
  "seasonal",
  "seasonal-returning",
  "seasonal-renewal",
  "permanent",
  "change-of-employer",
];

/** The seasonal clocks an officer may switch between once he knows the worker's history. */
export const SEASONAL_CLOCKS: readonly ClockCategory[] = ["seasonal", "seasonal-returning", "seasonal-renewal"];

export function isClockCategory(value: unknown): value is ClockCategory {
  return typeof value === "string" && (CLOCK_CATEGORIES as readonly string[]).includes(value);
}

/**
 * Which clock an employment category runs on at filing: the EU-directive categories (Blue
 * Card, intra-corporate transferee, researcher), seasonal work, the rest general. Whether a
 * seasonal worker returns (admitted in the previous 5 years) or renews is the officer's to
 * say (SET_CLOCK_CATEGORY).
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

export type TermLength = { days: number } | { months: number };

export type TermKind = "completeness" | "request-answer" | "transfer-to-oe" | "decision" | "extension";

/** One legal term, for the filings made from `filedFrom` (inclusive) until `filedUntil` (exclusive). */
export interface TermRule {
  id: string;
  kind: TermKind;
  /** For decision terms: the clock category. */
  category?: ClockCategory;
  filedFrom: string;
  filedUntil: string | null;
  length: TermLength;
  /** Missing this decision term grants the permit (annex 47). */
  deemedGrant: boolean;
  source: string;
  unconfirmed?: string;
  /**
   * The term runs from the filing (the notification) itself, not from the file declared
   * complete: an opposition window (the change of employer, Directive 2024/1233 art. 11).
   */
  fromFiling?: boolean;
}

/** The Cooperation Agreement of 2 Feb 2018 applies from 1 January 2019. */
export const SINGLE_PERMIT_FROM = "2019-01-01";
/** CA of 22 March 2024, in force 5 April 2024: no deemed grant any more for the directive and seasonal categories. */
export const NO_DEEMED_GRANT_FROM = "2024-04-05";
/** Directive (EU) 2024/1233 (the recast) must be transposed by 21 May 2026: 90 days from a complete application. */
export const RECAST_FROM = "2026-05-21";

const SEASONAL_SOURCE = "home-affairs.ec.europa.eu (seasonal worker, Belgium); emploi.wallonie.be; agii.be (seizoenarbeider)";
const NO_DEEMED_GRANT_SOURCE = "Cooperation Agreement of 22 March 2024, in force 5 April 2024 (vreemdelingenrecht.be)";

function decisionRows(category: ClockCategory, length: TermLength, source: string): TermRule[] {
  return [
    { id: `decision.${category}.2019`, kind: "decision", category, filedFrom: SINGLE_PERMIT_FROM, filedUntil: NO_DEEMED_GRANT_FROM, length, deemedGrant: true, source },
    {
      id: `decision.${category}.2024`,
      kind: "decision",
      category,
      filedFrom: NO_DEEMED_GRANT_FROM,
      filedUntil: null,
      length,
      deemedGrant: false,
      source: `${source}; ${NO_DEEMED_GRANT_SOURCE}`,
    },
  ];
}

/**
 * The opposition window on a notified change of employer (Directive (EU) 2024/1233 art. 11(3)):
 * 45 days as DOMAIN brief §3 reports it; the article's text was seen only in part
 * (fantasticsearch.net, art. 11(1)-(3)(a)), hence UNCONFIRMED.
 */
export const CHANGE_OF_EMPLOYER_WINDOW_DAYS = 45;

/** Every term of the procedure, dated by filing date, with its source (docs/domain.md §3). */
export const TERMS: readonly TermRule[] = [
  {
    id: "completeness",
    kind: "completeness",
    filedFrom: SINGLE_PERMIT_FROM,
    filedUntil: null,
    length: { days: 30 },
    deemedGrant: false,
    source: "Cooperation Agreement of 2 Feb 2018 as reported by leglobal.law (2019): the region checks completeness and admissibility within 30 days",
    unconfirmed: "article not seen",
  },
  {
    id: "request-answer",
    kind: "request-answer",
    filedFrom: SINGLE_PERMIT_FROM,
    filedUntil: null,
    length: { days: 15 },
    deemedGrant: false,
    source: "leglobal.law (2019); relocatemagazine.com: an incomplete file gets 15 days to be completed; dofi.ibz.be: OE requests due within 15 days",
    unconfirmed: "article not seen",
  },
  {
    id: "transfer-to-oe",
    kind: "transfer-to-oe",
    filedFrom: SINGLE_PERMIT_FROM,
    filedUntil: null,
    length: { days: 15 },
    deemedGrant: false,
    // Met by construction: the portal hands the file to the OE the moment the region authorises the work.
    source: "leglobal.law (2019); fakhouryglobal.com: the region passes the admissible file to the OE within 15 days",
    unconfirmed: "article not seen",
  },
  // The general single permit: four months (Directive 2011/98/EU art. 5(2); vreemdelingenrecht.be, EU Blue Card:
  // "de gebruikelijke vier maanden"; fakhouryglobal.com: "a maximum of 4 months from the notification of the
  // admissibility"; Brussels: "4 months max from complete file"); deemed grant when missed (myria.be: annex 47).
  {
    id: "decision.general.2011-98",
    kind: "decision",
    category: "general",
    filedFrom: SINGLE_PERMIT_FROM,
    filedUntil: RECAST_FROM,
    length: { months: 4 },
    deemedGrant: true,
    source: "Directive 2011/98/EU art. 5(2); Cooperation Agreement of 2 Feb 2018 (myria.be; vreemdelingenrecht.be)",
  },
  // From the recast's transposition date: 90 days from the complete application (Directive 2024/1233 art. 5(2)),
  // applied as the directive's deadline has passed; the Belgian transposing text was not found.
  {
    id: "decision.general.2024-1233",
    kind: "decision",
    category: "general",
    filedFrom: RECAST_FROM,
    filedUntil: null,
    length: { days: 90 },
    deemedGrant: true,
    source: "Directive (EU) 2024/1233 art. 5(2) (OJ L 2024/1233); deemed grant of the Cooperation Agreement of 2 Feb 2018 kept",
    unconfirmed: "Belgian transposition of the recast not seen; whether the deemed grant survives it not seen",
  },
  {
    id: "extension.2024-1233",
    kind: "extension",
    filedFrom: RECAST_FROM,
    filedUntil: null,
    length: { days: 30 },
    deemedGrant: false,
    source: "Directive (EU) 2024/1233 art. 5(2): +30 days in exceptional and duly justified cases linked to the complexity of the application",
    unconfirmed: "Belgian transposition of the recast not seen",
  },
  ...decisionRows("directive", { days: 90 }, "Cooperation Agreement of 6 Dec 2018 as amended; dofi.ibz.be (ICT); vreemdelingenrecht.be (EU Blue Card: 90 days)"),
  ...decisionRows("seasonal", { days: 90 }, SEASONAL_SOURCE),
  ...decisionRows("seasonal-returning", { days: 60 }, `${SEASONAL_SOURCE}: admitted as a seasonal worker in the previous 5 years`),
  ...decisionRows("seasonal-renewal", { days: 30 }, `${SEASONAL_SOURCE}: extension of stay / renewal`),
  // A change of employer. Before the recast: a new application of the new employer, on the general
  // single permit's term (vlaanderen.be, "changes after obtaining a permit": new employer, new
  // application; emploi.wallonie.be; propay.be). From the transposition deadline: the change is a
  // right (Directive 2024/1233 art. 11(2)); it may be made subject to a notification the authority
  // may oppose within a window (art. 11(3)); no opposition within it = the change is allowed.
  {
    id: "decision.change-of-employer.2011-98",
    kind: "decision",
    category: "change-of-employer",
    filedFrom: SINGLE_PERMIT_FROM,
    filedUntil: RECAST_FROM,
    length: { months: 4 },
    deemedGrant: true,
    source: "pre-recast practice: a new application by the new employer (vlaanderen.be, changes after obtaining a permit; emploi.wallonie.be); Directive 2011/98/EU art. 5(2)",
  },
  {
    id: "decision.change-of-employer.2024-1233",
    kind: "decision",
    category: "change-of-employer",
    filedFrom: RECAST_FROM,
    filedUntil: null,
    length: { days: CHANGE_OF_EMPLOYER_WINDOW_DAYS },
    deemedGrant: true,
    fromFiling: true,
    source: "Directive (EU) 2024/1233 art. 11(2)-(3): the change of employer is allowed; a notified change may be opposed within the window; no opposition = allowed",
    unconfirmed: "Belgian transposition of art. 11 not seen (no cooperation agreement or regional text found); the 45-day window is the DOMAIN brief's reading of art. 11(3), text seen only in part",
  },
  // The unlimited permit: no term found in any source. The officers get the general term as
  // a working target, and missing it gives no deemed grant (none is sourced): it is escalated.
  {
    id: "decision.permanent",
    kind: "decision",
    category: "permanent",
    filedFrom: SINGLE_PERMIT_FROM,
    filedUntil: null,
    length: { months: 4 },
    deemedGrant: false,
    source: "none found: the general term as a working target, no deemed grant",
    unconfirmed: "no legal term for the unlimited permit found",
  },
];

/** The term of this kind (and clock category, for decisions) for an application filed on `filedOn`. */
export function termFor(kind: TermKind, filedOn: string, category?: ClockCategory): TermRule {
  toUtc(filedOn); // a typo must not silently pick a term
  // Filings from before the single permit existed are treated as filed on its first day.
  const day = filedOn < SINGLE_PERMIT_FROM ? SINGLE_PERMIT_FROM : filedOn;
  const rule = TERMS.find(
    (candidate) =>
      candidate.kind === kind &&
      (kind !== "decision" || candidate.category === category) &&
      candidate.filedFrom <= day &&
      (candidate.filedUntil === null || day < candidate.filedUntil),
  );
  if (!rule) throw new Error(`no ${kind} term for ${category ?? "any category"} filed on ${filedOn}`);
  return rule;
}

/** The decision term of a category for a filing date. */
export function decisionTermFor(category: ClockCategory, filedOn: string): TermRule {
  return termFor("decision", filedOn, category);
}

/** Is there an extension the officer may notify for this filing (the recast's +30 days)? */
export function extensionFor(filedOn: string): TermRule | null {
  try {
    return termFor("extension", filedOn);
  } catch {
    return null;
  }
}

/**
 * Does a missed decision deadline give a deemed grant (annex 47)? Decided by the row of the
 * filing date: for the general single permit always; for the directive and seasonal
 * categories only for applications filed before 5 April 2024 (CA 22 Mar 2024); never for
 * the unlimited permit (no source gives one).
 */
export function deemedGrantApplies(category: ClockCategory, filedOn: string): boolean {
  return decisionTermFor(category, filedOn).deemedGrant;
}

/** Easter Sunday of a year (the anonymous Gregorian computus). */
export function easterSunday(year: number): string {
  const a = year % 19;
  const b = Math.floor(year / 100);
  const c = year % 100;
  const d = Math.floor(b / 4);
  const e = b % 4;
  const f = Math.floor((b + 8) / 25);
  const g = Math.floor((b - f + 1) / 3);
  const h = (19 * a + b - d - g + 15) % 30;
  const i = Math.floor(c / 4);
  const k = c % 4;
  const l = (32 + 2 * e + 2 * i - h - k) % 7;
  const m = Math.floor((a + 11 * h + 22 * l) / 451);
  const month = Math.floor((h + l - 7 * m + 114) / 31);
  const day = ((h + l - 7 * m + 114) % 31) + 1;
  return `${year}-${String(month).padStart(2, "0")}-${String(day).padStart(2, "0")}`;
}

/**
 * The ten Belgian legal holidays of a year (Law of 4 January 1974; Royal Decree of 18 April
 * 1974): New Year, Easter Monday, Labour Day, Ascension, Whit Monday, the National Day,
 * Assumption, All Saints, Armistice, Christmas.
 */
export function legalHolidays(year: number): string[] {
  const easter = easterSunday(year);
  const fixed = ["01-01", "05-01", "07-21", "08-15", "11-01", "11-11", "12-25"].map((day) => `${year}-${day}`);
  return [...fixed, addDays(easter, 1), addDays(easter, 39), addDays(easter, 50)].sort();
}

/** Saturday, Sunday or a legal holiday. */
export function isNonWorkingDay(date: string): boolean {
  const weekday = new Date(toUtc(date)).getUTCDay();
  return weekday === 0 || weekday === 6 || legalHolidays(Number(date.slice(0, 4))).includes(date);
}

/** The day itself if it is a working day, else the next working day (Judicial Code art. 53). */
export function nextWorkingDay(date: string): string {
  let day = date;
  while (isNonWorkingDay(day)) day = addDays(day, 1);
  return day;
}

/** The last day of a term of this length from an event on `from` (Judicial Code arts. 52–54). */
export function termEnd(from: string, length: TermLength): string {
  return nextWorkingDay("months" in length ? addMonths(from, length.months) : addDays(from, length.days));
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
  /** The term in days (0 when it is in months). */
  periodDays: number;
  /** The term in months, where the law says months (absent on clocks stored before it existed). */
  periodMonths?: number;
  suspensions: Suspension[];
  extensionDays: number;
  /** The day the application was filed: it decides which rule applies (absent on older clocks). */
  filedOn?: string;
  /** The TERMS row the clock runs on. */
  rule?: string;
}

/** A clock of `period` days (a number) or of a term's length, from `startedOn`. */
export function startClock(startedOn: string, period: number | TermLength, extra: { filedOn?: string; rule?: string } = {}): LegalClock {
  toUtc(startedOn);
  const length: TermLength = typeof period === "number" ? { days: period } : period;
  const amount = "days" in length ? length.days : length.months;
  assertWholeDays(amount, "a legal term");
  if (amount < 0) throw new Error("a legal term cannot be negative");
  return {
    startedOn,
    periodDays: "days" in length ? length.days : 0,
    ...("months" in length ? { periodMonths: length.months } : {}),
    suspensions: [],
    extensionDays: 0,
    ...(extra.filedOn ? { filedOn: extra.filedOn } : {}),
    ...(extra.rule ? { rule: extra.rule } : {}),
  };
}

/** A clock on a TERMS row. */
export function startTerm(startedOn: string, rule: TermRule, filedOn: string): LegalClock {
  return startClock(startedOn, rule.length, { filedOn, rule: rule.id });
}

/** The same clock on another term (the officer changed the seasonal category): start, suspensions and extensions kept. */
export function changeTerm(clock: LegalClock, rule: TermRule): LegalClock {
  const { periodMonths: _months, ...rest } = clock;
  return {
    ...rest,
    periodDays: "days" in rule.length ? rule.length.days : 0,
    ...("months" in rule.length ? { periodMonths: rule.length.months } : {}),
    rule: rule.id,
  };
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
 * The decision is due on this date: startedOn + the term (days, or months date to date) +
 * extensionDays + suspended days, moved to the next working day if it falls on a Saturday,
 * Sunday or legal holiday (Judicial Code art. 53). An open suspension keeps moving it day
 * by day, so pass `asOf` = today; without `asOf` an open suspension has not counted any day yet.
 */
export function clockDueDate(clock: LegalClock, asOf: string = clock.startedOn): string {
  const end = clock.periodMonths ? addMonths(clock.startedOn, clock.periodMonths) : addDays(clock.startedOn, clock.periodDays);
  return nextWorkingDay(addDays(end, clock.extensionDays + suspendedDays(clock, asOf)));
}

/** Days until the due date (0 on the due date, negative once it has passed). Frozen while suspended. */
export function daysLeft(clock: LegalClock, today: string): number {
  return daysBetween(today, clockDueDate(clock, today));
}

/**
 * The last day a decision may come for a file filed on `filedOn`, when no documents are
 * requested and no extension is notified: the region's completeness term, then the decision
 * term of the category. It is the legal bound, not a forecast (the published processing
 * times give one).
 */
export function latestDecisionDate(filedOn: string, category: ClockCategory): string {
  const complete = termEnd(filedOn, termFor("completeness", filedOn).length);
  return termEnd(complete, decisionTermFor(category, filedOn).length);
}

/**
 * A worker filing from within Belgium stays on his current title while the file is handled
 * (docs/domain.md §3, in-country applications). When that title may end before the latest
 * decision date, the employer is told before filing: the day it ends, and that bound.
 * Null when the title outlasts the bound.
 */
export function titleEndsBeforeDecision(
  titleEndsOn: string,
  filedOn: string,
  category: ClockCategory,
): { titleEndsOn: string; latestDecision: string } | null {
  if (!isCalendarDate(titleEndsOn)) return null;
  const latestDecision = latestDecisionDate(filedOn, category);
  return titleEndsOn < latestDecision ? { titleEndsOn, latestDecision } : null;
}
