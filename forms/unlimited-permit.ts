import type { RegionalAuthority } from "./authorities";
import { addYears, daysBetween, isCalendarDate } from "./dates";

/**
 * The conditions of an unlimited (indefinite) work authorisation, by region, and the
 * periods of stay and work that count towards them (docs/domain.md §6). Pure.
 *
 * Only Flanders' conditions were found: four years of work in the previous five under
 * fixed-term work authorisations (vlaanderen.be, "single permit with indefinite term"), or
 * one year of work as a long-term resident (kortenberg.be, "gecombineerde vergunning").
 * Wallonia, Brussels-Capital and the German-speaking Community: UNCONFIRMED, the officer
 * assesses. Which kinds of period do not count (posting, au pair, trainee, student) is
 * UNCONFIRMED too: they are told apart so the rule can follow the text once found; until
 * then only work under a work authorisation counts, as the Flemish page says.
 */
export const PERIOD_KINDS = ["single-permit", "work-permit", "long-term-resident", "posting", "au-pair", "trainee", "student"] as const;
export type PeriodKind = (typeof PERIOD_KINDS)[number];

/** Work under a fixed-term work authorisation (single permit, or the former work permit B). */
const COUNTS_AS_AUTHORISED_WORK: Readonly<Record<PeriodKind, boolean>> = {
  "single-permit": true,
  "work-permit": true,
  "long-term-resident": true,
  posting: false,
  "au-pair": false,
  trainee: false,
  student: false,
};

export interface Period {
  kind: PeriodKind;
  /** First day, "YYYY-MM-DD". */
  from: string;
  /** Last day, inclusive. */
  until: string;
}

export interface UnlimitedCondition {
  /** Years of counted work required … */
  years: number;
  /** … within this many years before the filing. */
  withinYears: number;
  /** Or: years of work as a long-term resident, within the same window. */
  longTermResidentYears?: number;
  source: string;
}

export const UNLIMITED_CONDITIONS: Readonly<Record<RegionalAuthority, UnlimitedCondition | null>> = {
  flanders: { years: 4, withinYears: 5, longTermResidentYears: 1, source: "vlaanderen.be (single permit with indefinite term); kortenberg.be" },
  wallonia: null,
  brussels: null,
  dg: null,
};

/** Days of the periods of these kinds inside [windowStart, windowEnd), overlaps counted once. */
export function countedDays(periods: readonly Period[], kinds: (kind: PeriodKind) => boolean, windowStart: string, windowEnd: string): number {
  const days = new Set<number>();
  for (const period of periods) {
    if (!kinds(period.kind) || !isCalendarDate(period.from) || !isCalendarDate(period.until) || period.until < period.from) continue;
    const from = period.from > windowStart ? period.from : windowStart;
    const end = period.until >= windowEnd ? windowEnd : null;
    const last = end === null ? daysBetween(windowStart, period.until) : daysBetween(windowStart, end) - 1;
    for (let day = daysBetween(windowStart, from); day <= last; day++) days.add(day);
  }
  return days.size;
}

export type UnlimitedVerdict =
  | { decided: false }
  | { decided: true; met: boolean; countedDays: number; requiredDays: number; basis: "work" | "long-term-resident" | null; source: string };

/** Does the worker meet the competent region's conditions on the filing day? Undecided where none is known. */
export function unlimitedConditionsMet(authority: RegionalAuthority, periods: readonly Period[], filedOn: string): UnlimitedVerdict {
  const condition = UNLIMITED_CONDITIONS[authority];
  if (!condition) return { decided: false };
  const windowStart = addYears(filedOn, -condition.withinYears);
  const required = daysBetween(addYears(filedOn, -condition.years), filedOn);
  const worked = countedDays(periods, (kind) => COUNTS_AS_AUTHORISED_WORK[kind], windowStart, filedOn);
  if (worked >= required) return { decided: true, met: true, countedDays: worked, requiredDays: required, basis: "work", source: condition.source };
  if (condition.longTermResidentYears) {
    const resident = countedDays(periods, (kind) => kind === "long-term-resident", windowStart, filedOn);
    const residentRequired = daysBetween(addYears(filedOn, -condition.longTermResidentYears), filedOn);
    if (resident >= residentRequired) return { decided: true, met: true, countedDays: resident, requiredDays: residentRequired, basis: "long-term-resident", source: condition.source };
  }
  return { decided: true, met: false, countedDays: worked, requiredDays: required, basis: null, source: condition.source };
}
