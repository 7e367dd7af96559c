/**
 * The period a single-permit holder may stay without work after his employment ended, and
 * how long of it is left (docs/domain.md §5, "The unemployment period"). Pure: no I/O.
 *
 * Two rules, by the day the employment ended:
 * - Belgian practice (agii.be, "beëindiging en intrekking gecombineerde vergunning"; DOMAIN
 *   brief §5 [S13]): the worker keeps his A card **90 days** to find an employer who files
 *   anew; without a new application his right to stay ends.
 * - Directive (EU) 2024/1233 art. 11, for an employment that ended from the transposition
 *   deadline (21 May 2026): the permit may not be withdrawn while the **total** unemployment
 *   during its validity stays within **three months**, or **six months** once the worker has
 *   held it for two years. Belgian transposition: UNCONFIRMED.
 * Reconciled (UNCONFIRMED, the most favourable reading): from 21 May 2026 the period ends on
 * the later of the two ends; earlier unemployment on the same permit is taken off the
 * directive's allowance, never off the Belgian 90 days (which run anew after each end).
 *
 * Counting (as workflows/legal-clock.ts, Judicial Code arts. 52–54 by analogy, UNCONFIRMED):
 * the period runs from the day after the employment ended; months run date to date, a day
 * the last month lacks becoming its last day. No working-day shift: it is a period of stay,
 * not a term for a filing (UNCONFIRMED).
 */
import { addDays, addMonths, addYears, daysBetween, RECAST_FROM } from "./legal-clock";

export type UnemploymentRule = "be-90-days" | "eu-3-months" | "eu-6-months";

export const UNEMPLOYMENT_RULES: readonly UnemploymentRule[] = ["be-90-days", "eu-3-months", "eu-6-months"];

/** The Belgian search period after the end of employment (agii.be). */
export const SEARCH_DAYS = 90;

export interface UnemploymentPeriodFacts {
  /** The last day of the employment ("YYYY-MM-DD"). */
  employmentEndedOn: string;
  /** The first day of the permit's validity: two years from it the allowance doubles. */
  permitValidFrom: string;
  /** Days of earlier unemployment on the same permit (the directive counts the total). */
  earlierDays?: number;
}

export interface UnemploymentPeriod {
  /** The first day without work. */
  startsOn: string;
  /** The last day of the period: from the day after, the OE decides on the residence. */
  endsOn: string;
  /** Which rule gave `endsOn`. */
  rule: UnemploymentRule;
  /** The day the worker has held the permit two years. */
  twoYearsOn: string;
  earlierDays: number;
}

/** Does the directive's rule govern an employment that ended on this day? */
export function directiveApplies(employmentEndedOn: string): boolean {
  return employmentEndedOn >= RECAST_FROM;
}

/** The period that starts when an employment ends. */
export function unemploymentPeriod(facts: UnemploymentPeriodFacts): UnemploymentPeriod {
  const { employmentEndedOn, permitValidFrom } = facts;
  const earlierDays = Math.max(0, Math.trunc(facts.earlierDays ?? 0));
  const startsOn = addDays(employmentEndedOn, 1);
  const twoYearsOn = addYears(permitValidFrom, 2);
  const searchEnd = addDays(employmentEndedOn, SEARCH_DAYS);
  if (!directiveApplies(employmentEndedOn)) return { startsOn, endsOn: searchEnd, rule: "be-90-days", twoYearsOn, earlierDays };
  // Two years held on the first day without work (at exactly two years: held; UNCONFIRMED).
  const months = startsOn >= twoYearsOn ? 6 : 3;
  const directiveEnd = addDays(addMonths(employmentEndedOn, months), -earlierDays);
  const rule: UnemploymentRule = months === 6 ? "eu-6-months" : "eu-3-months";
  return directiveEnd >= searchEnd
    ? { startsOn, endsOn: directiveEnd, rule, twoYearsOn, earlierDays }
    : { startsOn, endsOn: searchEnd, rule: "be-90-days", twoYearsOn, earlierDays };
}

/** Days left on `today`: the last day counts as 0 left after it; negative once it has run out. */
export function unemploymentDaysLeft(period: Pick<UnemploymentPeriod, "endsOn">, today: string): number {
  return daysBetween(today, period.endsOn);
}

/** The period has run out: its last day is over, and nobody stopped it. */
export function hasRunOut(period: Pick<UnemploymentPeriod, "endsOn">, today: string): boolean {
  return today > period.endsOn;
}

/** Days without work from the period's first day to `until` (inclusive), for the next period's total. */
export function daysUnemployed(period: Pick<UnemploymentPeriod, "startsOn" | "endsOn">, until: string): number {
  const last = until < period.endsOn ? until : period.endsOn;
  return Math.max(0, daysBetween(period.startsOn, last) + 1);
}
