import { sql, type RawBuilder } from "kysely";
import { KIND_CATEGORIES } from "../../forms/employment-categories";
import { CASE_STATUSES, isOpen, type CaseStatus } from "../../workflows/case-status";

/**
 * The SQL expressions the officers' queue filters and sorts on, in one place: the queue's
 * query (app/cases/cases.repository.ts) and the partial indexes built for it
 * (online-indexes.server.ts) must spell them the same way, or the planner cannot use the
 * index. Status lists are literals, not parameters, so a partial index's predicate is
 * provably implied by the query's.
 */
export const OPEN_STATUSES: readonly CaseStatus[] = CASE_STATUSES.filter(isOpen);
export const OE_STAGES: readonly CaseStatus[] = ["awaiting-oe-pre-checks", "oe-review", "oe-awaiting-documents"];

function literalList(values: readonly string[]): string {
  return values.map((value) => `'${value.replace(/'/g, "''")}'`).join(", ");
}

/** Text forms, for index definitions. */
export const QUEUE_SQL = {
  /** Cases without a running clock (suspended, or none) sort after every dated one. */
  sortKey: "coalesce(due_on, 'infinity'::date)",
  /** The queue's category (queueCategory in forms/employment-categories.ts). */
  category: `(case when kind in (${literalList(KIND_CATEGORIES)}) then kind else employment_category end)`,
  open: `status in (${literalList(OPEN_STATUSES)})`,
  /** The Immigration Office's open work: pre-checks still to do on an open case, or the residence part. */
  oeWork: `((oe_pre_checks_pending and status in (${literalList(OPEN_STATUSES)})) or status in (${literalList(OE_STAGES)}))`,
  filed: "status <> 'draft'",
  /** Decided after being complete: what the published processing times count (a withdrawal is no decision). */
  decidedComplete: "complete_on is not null and status <> 'withdrawn'",
  /** Complete and still open: the files waiting for a decision. */
  waitingComplete: `complete_on is not null and status in (${literalList(OPEN_STATUSES)})`,
} as const;

/** The same expressions on the `applications` table, for queries. */
export const queueSql = {
  sortKey: sql<string>`coalesce(applications.due_on, 'infinity'::date)`,
  category: sql<string | null>`(case when applications.kind in (${sql.raw(literalList(KIND_CATEGORIES))}) then applications.kind else applications.employment_category end)`,
  open: sql<boolean>`applications.status in (${sql.raw(literalList(OPEN_STATUSES))})`,
  oeWork: sql<boolean>`((applications.oe_pre_checks_pending and applications.status in (${sql.raw(literalList(OPEN_STATUSES))})) or applications.status in (${sql.raw(literalList(OE_STAGES))}))`,
  decidedComplete: sql<boolean>`applications.complete_on is not null and applications.status <> 'withdrawn'`,
  waitingComplete: sql<boolean>`applications.complete_on is not null and applications.status in (${sql.raw(literalList(OPEN_STATUSES))})`,
} satisfies Record<string, RawBuilder<unknown>>;

/** `applications.status in (…)` with the statuses as literals, so the partial indexes on filed cases apply. */
export function statusIn(statuses: readonly CaseStatus[]): RawBuilder<boolean> {
  return sql<boolean>`applications.status in (${sql.raw(literalList(statuses))})`;
}
