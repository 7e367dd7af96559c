/**
 * The national guaranteed average minimum monthly income (revenu minimum mensuel moyen
 * garanti / gewaarborgd gemiddeld minimum maandinkomen, collective agreement n° 43 of the
 * National Labour Council of 2 May 1988 and its amendments), for a worker of 18 or more,
 * full-time. Every single permit's salary must reach it, whatever the category and the
 * region (a regional grid only adds to it). It counts over a year: the twelve monthly pays
 * plus the end-of-year bonus and similar must reach twelve times the monthly amount
 * (groups.be, "revenu minimum mensuel moyen garanti: aperçu annuel"), so the annual
 * salary of the form is compared with 12 × the amount in force on the day of filing.
 * Part-time work is not modelled: the form asks a full-time annual salary.
 *
 * Rows are dated; a new amount is a new row. Sources (docs/domain.md §4):
 * - 1,954.99 in force in January–October 2023, 1,994.18 from November 2023, 2,070.48 from
 *   1 May 2024 (securex.be, Lex4You "RMMG national", updated 2 July 2024);
 * - 2,029.88 from 1 April 2024: +€35 by agreement n° 43/17 of 26 March 2024 (attentia.be);
 * - 2,111.89 in force on 1 February 2025 (salairesminimums.be, tables of 1 February 2025:
 *   79 % = 1,668.39); its first day is UNCONFIRMED (the row starts on the day it is attested);
 * - +€35 on 1 April 2026 planned by agreement n° 43/15 (ikbenwerkgever.be): 2,146.89 is a
 *   floor, any indexation since February 2025 is not captured (UNCONFIRMED).
 */
export interface MinimumWageRow {
  from: string;
  monthly: number;
  source: string;
  unconfirmed?: boolean;
}

export const MINIMUM_WAGE: readonly MinimumWageRow[] = [
  { from: "2023-01-01", monthly: 1_954.99, source: "securex.be RMMG national 2023" },
  { from: "2023-11-01", monthly: 1_994.18, source: "securex.be RMMG national 2023–2024" },
  { from: "2024-04-01", monthly: 2_029.88, source: "CCT 43/17 of 26 March 2024 (attentia.be)" },
  { from: "2024-05-01", monthly: 2_070.48, source: "securex.be RMMG national 2024 (index +2 %)" },
  { from: "2025-02-01", monthly: 2_111.89, source: "salairesminimums.be 1 February 2025", unconfirmed: true },
  { from: "2026-04-01", monthly: 2_146.89, source: "CCT 43/15: +€35 on 1 April 2026 (ikbenwerkgever.be); indexation since 2025 not captured", unconfirmed: true },
];

export interface MinimumWage {
  monthly: number;
  annual: number;
  from: string;
  source: string;
  unconfirmed: boolean;
}

/** The national minimum wage in force on a day (the earliest row before 2023), as monthly and annual amounts. */
export function minimumWageOn(day: string): MinimumWage {
  const row = [...MINIMUM_WAGE].reverse().find((candidate) => candidate.from <= day) ?? MINIMUM_WAGE[0]!;
  return { monthly: row.monthly, annual: Math.round(row.monthly * 12 * 100) / 100, from: row.from, source: row.source, unconfirmed: row.unconfirmed ?? false };
}
