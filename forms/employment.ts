import type { RegionalAuthority } from "./authorities";

/**
 * Employment categories of the single permit (docs/domain.md §4) and the gross annual
 * salary thresholds per region, category and date, from the regional grids (ksk-dev.eu
 * 2025; payrollbelgium.be 2024; brusselstimes.com 2026; visahq.com 2026-01-27;
 * vlaanderen.be highly skilled workers and EU Blue Card pages). Amounts change every year:
 * a new year is a new row here, never an edit of an old one. Where a grid was not
 * published yet, the previous row stays in force (Flanders and Brussels 2026). The
 * German-speaking Community's thresholds were not found (UNCONFIRMED): none is applied.
 */
export const EMPLOYMENT_CATEGORIES = [
  "highly-qualified",
  "executive",
  "blue-card",
  "shortage-occupation",
  "seasonal",
  "intra-corporate-transferee",
  "researcher",
  "other",
] as const;
export type EmploymentCategory = (typeof EMPLOYMENT_CATEGORIES)[number];

export function isEmploymentCategory(value: unknown): value is EmploymentCategory {
  return typeof value === "string" && (EMPLOYMENT_CATEGORIES as readonly string[]).includes(value);
}

interface Grid {
  from: string;
  highlyQualified: number;
  /** Reduced highly-qualified threshold for workers under 30, where the region has one. */
  highlyQualifiedUnder30?: number;
  executive: number;
  blueCard?: number;
  /** Intra-corporate transferee (specialist). */
  intraCorporate?: number;
}

const GRIDS: Record<Exclude<RegionalAuthority, "dg">, Grid[]> = {
  flanders: [
    { from: "2024-01-01", highlyQualified: 46_632, highlyQualifiedUnder30: 37_305.6, executive: 74_611, blueCard: 55_958 },
    { from: "2025-01-01", highlyQualified: 48_912, highlyQualifiedUnder30: 39_129.6, executive: 78_259, blueCard: 63_586, intraCorporate: 48_912 },
  ],
  wallonia: [
    { from: "2024-01-01", highlyQualified: 50_310, executive: 83_936 },
    { from: "2025-01-01", highlyQualified: 51_613, highlyQualifiedUnder30: 41_290, executive: 86_110, blueCard: 66_738, intraCorporate: 53_390 },
    { from: "2026-01-01", highlyQualified: 53_220, highlyQualifiedUnder30: 42_576, executive: 88_790, blueCard: 68_815, intraCorporate: 55_053 },
  ],
  brussels: [
    { from: "2024-01-01", highlyQualified: 50_310, executive: 83_936, blueCard: 65_053 },
    { from: "2025-01-01", highlyQualified: 44_441.28, executive: 79_766.4, blueCard: 56_976 },
  ],
};

export interface SalaryThreshold {
  amount: number;
  grid: string;
}

/** The minimum gross annual salary for this region, category and date, or null if none applies. */
export function salaryThreshold(
  authority: RegionalAuthority,
  category: EmploymentCategory,
  onDate: string,
  workerAge: number | null,
): SalaryThreshold | null {
  if (authority === "dg") return null;
  const grid = [...GRIDS[authority]].reverse().find((row) => row.from <= onDate);
  if (!grid) return null;
  const amount =
    category === "highly-qualified"
      ? workerAge !== null && workerAge < 30 && grid.highlyQualifiedUnder30
        ? grid.highlyQualifiedUnder30
        : grid.highlyQualified
      : category === "executive"
        ? grid.executive
        : category === "blue-card"
          ? grid.blueCard
          : category === "intra-corporate-transferee"
            ? grid.intraCorporate
            : undefined;
  return amount === undefined ? null : { amount, grid: `${authority}:${grid.from}` };
}

/** Whole years between a birth date and a day, both "YYYY-MM-DD". */
export function ageOn(birthDate: string, onDate: string): number {
  const [by, bm, bd] = birthDate.split("-").map(Number) as [number, number, number];
  const [y, m, d] = onDate.split("-").map(Number) as [number, number, number];
  return y - by - (m < bm || (m === bm && d < bd) ? 1 : 0);
}

/** "48 912", "48.912,50", "48912.5" → 48912.5; null when it is not an amount. */
export function parseSalary(input: string): number | null {
  let value = input.replace(/[\s\u00a0€]/g, "");
  if (!value) return null;
  if (/^\d{1,3}([.,]\d{3})+([.,]\d{1,2})?$/.test(value)) {
    // Thousands separators: the last separator followed by 1–2 digits is the decimal one.
    const decimal = /[.,]\d{1,2}$/.test(value) ? value.slice(-3).replace(/^[^.,]*/, "") : "";
    const whole = decimal ? value.slice(0, -decimal.length) : value;
    value = whole.replace(/[.,]/g, "") + decimal.replace(",", ".");
  } else {
    value = value.replace(",", ".");
  }
  if (!/^\d+(\.\d{1,2})?$/.test(value)) return null;
  const amount = Number(value);
  return amount > 0 && amount < 10_000_000 ? amount : null;
}
