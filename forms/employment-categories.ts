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

/**
 * The kinds of case that are a category of their own in the queue and in the published
 * processing times: each has its own legal term (an unlimited permit; a change of employer's
 * opposition window). Every other case counts under its employment category.
 */
export const KIND_CATEGORIES = ["permanent", "change-of-employer"] as const;
export type QueueCategory = EmploymentCategory | (typeof KIND_CATEGORIES)[number];
export const QUEUE_CATEGORIES: readonly QueueCategory[] = [...EMPLOYMENT_CATEGORIES, ...KIND_CATEGORIES];

export function isQueueCategory(value: unknown): value is QueueCategory {
  return isEmploymentCategory(value) || (KIND_CATEGORIES as readonly unknown[]).includes(value);
}

/** A case's category, as the queue's SQL computes it (app/db/queue-sql.ts); null for a case without one. */
export function queueCategory(kind: string, employmentCategory: string | null): string | null {
  return (KIND_CATEGORIES as readonly string[]).includes(kind) ? kind : employmentCategory;
}
