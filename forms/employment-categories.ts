/** Employment categories of the single permit (docs/domain.md §4). */
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
