import type { RegionalAuthority } from "../forms/authorities";
import { addMonths, daysBetween, isCalendarDate } from "../forms/dates";
import { clockDueDate, decisionTermFor, startTerm, type TermRule } from "./legal-clock";

/**
 * A change of employer by the holder of a single permit (Directive (EU) 2024/1233 art. 11;
 * docs/domain.md §5, "Change of employer"). Pure: dates are "YYYY-MM-DD".
 *
 * Art. 11(2): member states shall allow the holder to change employer; art. 11(3): they may
 * require a notification to the competent authority, a labour-market check, and a minimum
 * period with the first employer (at most six months), and the authority may oppose the
 * change within a window. The Belgian transposition (deadline 21 May 2026) was not found for
 * any region: what each region asks below is the portal's reading, marked UNCONFIRMED.
 */

export interface ChangeOfEmployerRule {
  authority: RegionalAuthority;
  /** The region asks the labour-market test evidence it asks on a first application. */
  labourMarketTest: boolean;
  /** Months the worker must have held the permit with the first employer; null: none set. */
  minimumMonthsWithFirstEmployer: number | null;
  source: string;
  unconfirmed: string;
}

const NOT_TRANSPOSED =
  "no transposition of Directive 2024/1233 art. 11 found for this region; before it, a new employer filed a new application (DOMAIN brief §5)";

/**
 * Each region's rule. Before the recast every region treated a new employer as a new
 * application with the region's own questions (vlaanderen.be, "changes after obtaining a
 * permit"; emploi.wallonie.be FAQ; propay.be, single permit rights and obligations). For a
 * change, the portal asks only what a region asks on a first application and art. 11(3)
 * allows: Flanders' labour-market test (VDAB + EURES vacancy, vlaanderen.be); the other
 * regions ask no labour-market evidence on the universal form, so none here. No region's
 * minimum period was found: none is applied.
 */
export const CHANGE_OF_EMPLOYER_RULES: Readonly<Record<RegionalAuthority, ChangeOfEmployerRule>> = {
  flanders: {
    authority: "flanders",
    labourMarketTest: true,
    minimumMonthsWithFirstEmployer: null,
    source: "vlaanderen.be (changes after obtaining a permit; medium-skilled: VDAB + EURES vacancy); Directive 2024/1233 art. 11(3)",
    unconfirmed: NOT_TRANSPOSED,
  },
  wallonia: {
    authority: "wallonia",
    labourMarketTest: false,
    minimumMonthsWithFirstEmployer: null,
    source: "emploi.wallonie.be (FAQ, que devez-vous faire); Directive 2024/1233 art. 11(3)",
    unconfirmed: NOT_TRANSPOSED,
  },
  brussels: {
    authority: "brussels",
    labourMarketTest: false,
    minimumMonthsWithFirstEmployer: null,
    source: "economy-employment.brussels (single permit); Directive 2024/1233 art. 11(3)",
    unconfirmed: NOT_TRANSPOSED,
  },
  dg: {
    authority: "dg",
    labourMarketTest: false,
    minimumMonthsWithFirstEmployer: null,
    source: "ostbelgienlive.be (no page on a change of employer found); Directive 2024/1233 art. 11(3)",
    unconfirmed: NOT_TRANSPOSED,
  },
};

/** The term a change filed on `filedOn` runs on, and its last day (Judicial Code art. 53 for a day off). */
export function changeOfEmployerTerm(filedOn: string): { rule: TermRule; endsOn: string; oppositionWindow: boolean } {
  const rule = decisionTermFor("change-of-employer", filedOn);
  return { rule, endsOn: clockDueDate(startTerm(filedOn, rule, filedOn)), oppositionWindow: rule.fromFiling === true };
}

/**
 * Where the worker's residence is affected, the OE decides too: when the new employment runs
 * past the last day of the current permit (the stay must be extended), or has no end (an
 * open-ended contract outlasts any fixed-term permit). A change within the permit's validity
 * leaves the residence as it is: the region alone. The portal's reading (UNCONFIRMED).
 */
export function residenceAffected(permitValidUntil: string | null, employmentEndsOn: string | null): boolean {
  if (permitValidUntil === null || !isCalendarDate(permitValidUntil)) return true;
  if (employmentEndsOn === null) return true;
  return employmentEndsOn > permitValidUntil;
}

/**
 * Has the worker held the permit long enough with the first employer? With no minimum set
 * (every region today), always. `since` is the first day of the current permit.
 */
export function minimumPeriodMet(since: string, changeOn: string, minimumMonths: number | null): boolean {
  if (minimumMonths === null) return true;
  return addMonths(since, minimumMonths) <= changeOn;
}

export type OppositionWindowState =
  | { state: "open"; endsOn: string; daysLeft: number }
  | { state: "lapsed"; endsOn: string };

/** What the tracker says about the window on `today`: still open (days left) or passed. */
export function oppositionWindowState(endsOn: string, today: string): OppositionWindowState {
  const left = daysBetween(today, endsOn);
  return left >= 0 ? { state: "open", endsOn, daysLeft: left } : { state: "lapsed", endsOn };
}
