import { CASE_STATUSES, type CaseStatus } from "../../workflows/case-status";
import { todayInBelgium, addDays, isCalendarDate } from "../../workflows/legal-clock";
import type { DB } from "../db/db.server";
import { isQueueCategory, queueCategory, type QueueCategory } from "../../forms/employment-categories";
import { recordRead } from "../audit/audit.server";
import { ForbiddenError } from "../errors";
import type { User } from "../identity/user";
import { requireCase } from "./access.server";
import { queueRows, setHousekeeping, type QueueCursor, type QueueQuery } from "./cases.repository";
import { withWhom } from "../../workflows/case-status";

/**
 * Each stage has its own "handled by": the regional officer who claimed the case, and the
 * OE officer who claimed its residence part. An officer claims, sees and filters by his own.
 */
export function assigneeColumn(user: Pick<User, "role">): "assigned_to" | "oe_assigned_to" {
  return user.role === "oe-officer" ? "oe_assigned_to" : "assigned_to";
}

export type QueueFilters = {
  status: CaseStatus | "open" | "all";
  due: "all" | "overdue" | "week";
  mine: boolean;
  category: QueueCategory | "all";
  /** Where the previous page ended (the "next page" link); null for the first page. */
  after: QueueCursor | null;
};

export const DEFAULT_FILTERS: QueueFilters = { status: "open", due: "all", mine: false, category: "all", after: null };

/** Cases per page of the queue. */
export const QUEUE_PAGE = 50;

export function parseQueueFilters(params: URLSearchParams): QueueFilters {
  const status = params.get("status");
  const due = params.get("due");
  return {
    status: status === "all" || (CASE_STATUSES as readonly string[]).includes(status ?? "") ? (status as QueueFilters["status"]) : "open",
    due: due === "overdue" || due === "week" ? due : "all",
    mine: params.get("mine") === "1",
    category: ((category) => (isQueueCategory(category) ? category : "all"))(params.get("category")),
    after: parseCursor(params.get("after")),
  };
}

/** The "next page" link's position: `<due date or infinity>_<submitted at>_<id>`, base64url. */
export function formatCursor(cursor: QueueCursor): string {
  return Buffer.from(`${cursor.sortKey}_${cursor.submittedAt}_${cursor.id}`, "utf8").toString("base64url");
}

/** A position from a link; anything else (edited, truncated, hostile) is the first page. */
export function parseCursor(value: string | null): QueueCursor | null {
  if (!value || value.length > 200) return null;
  const [sortKey, submittedAt, id, ...rest] = Buffer.from(value, "base64url").toString("utf8").split("_");
  if (rest.length > 0 || !sortKey || !submittedAt || !id) return null;
  if (sortKey !== "infinity" && !isCalendarDate(sortKey)) return null;
  const moment = /^(\d{4}-\d{2}-\d{2}) ([01]\d|2[0-3]):[0-5]\d:[0-5]\d(\.\d{1,6})?[+-]\d{2}(:\d{2})?$/.exec(submittedAt);
  if (!moment || !isCalendarDate(moment[1]!)) return null;
  if (!/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/.test(id)) return null;
  return { sortKey, submittedAt, id };
}

export interface QueueItem {
  id: string;
  reference: string;
  workerName: string;
  nationality: string;
  employerName: string | null;
  status: CaseStatus;
  authority: string | null;
  category: string;
  submittedAt: string;
  dueOn: string | null;
  assignedTo: string | null;
  assignedToMe: boolean;
  incompleteMarked: boolean;
  escalated: boolean;
  /** The system proposes a decision (a lapsed request: inadmissibility). */
  proposal: boolean;
  /** The clock stands still until the applicant answers a request: nothing is due meanwhile. */
  waitingForApplicant: boolean;
}

export interface QueuePage {
  cases: QueueItem[];
  /** The position after this page, when there is more; null on the last page. */
  next: string | null;
}

/**
 * The officer's queue: his authority's cases, earliest legal due date first (cases without
 * a running clock last), QUEUE_PAGE at a time after the position in the filters (keyset
 * pagination: each page costs the same, however deep). Reading it is logged: it lists
 * personal data.
 */
export async function officerQueue(
  db: DB,
  user: User,
  filters: QueueFilters = DEFAULT_FILTERS,
  now = new Date(),
  pageSize = QUEUE_PAGE,
): Promise<QueuePage> {
  const authority = user.authority;
  if ((user.role !== "regional-officer" && user.role !== "oe-officer") || !authority) throw new ForbiddenError("the queue is an officer's");
  const rows = await queueRows(db, queueQueryOf(user, filters, now, pageSize));
  await recordRead(db, user, { subject: { type: "queue", id: authority }, purpose: "case-handling", allowed: true, action: "list" });
  const more = rows.length > pageSize;
  const shown = more ? rows.slice(0, pageSize) : rows;
  const last = shown[shown.length - 1];
  const cases = shown.map((row) => ({
    id: row.id,
    reference: row.reference ?? "",
    workerName: [row.given_names, row.family_name].filter(Boolean).join(" "),
    nationality: row.nationality ?? "",
    employerName: row.employer_name,
    status: row.status,
    authority: row.competent_authority,
    category: queueCategory(row.kind, row.employment_category) ?? "other",
    submittedAt: new Date(row.submitted_at!).toISOString(),
    dueOn: row.due_on,
    assignedTo: row.assignee_name,
    assignedToMe: row.assigned_to === user.id,
    incompleteMarked: row.incomplete_marked_at !== null,
    escalated: row.escalated,
    proposal: row.has_proposal === true,
    waitingForApplicant: withWhom(row.status) === "applicant",
  }));
  return { cases, next: more && last ? formatCursor({ sortKey: last.sort_key, submittedAt: last.submitted_key, id: last.id }) : null };
}

/** What the page asked for is, in the repository's terms. */
export function queueQueryOf(user: User, filters: QueueFilters, now: Date, pageSize: number): QueueQuery {
  const authority = user.authority!;
  const today = todayInBelgium(now);
  return {
    authority: user.role === "regional-officer" ? authority : null,
    oeWork: user.role === "oe-officer" && filters.status === "open",
    status: filters.status,
    dueBefore: filters.due === "overdue" ? today : null,
    dueBy: filters.due === "week" ? addDays(today, 7) : null,
    assignedTo: filters.mine ? user.id : null,
    assigneeColumn: assigneeColumn(user),
    category: filters.category,
    after: filters.after,
    limit: pageSize,
  };
}

/** Claim (or give back) a case; "looked at, incomplete" marker. Housekeeping: not case history. */
export async function setCaseHousekeeping(
  db: DB,
  user: User,
  applicationId: string,
  change: { assign: "me" | "nobody" } | { incompleteMarker: boolean },
): Promise<void> {
  const row = await requireCase(db, { user }, applicationId, "housekeeping");
  await setHousekeeping(
    db,
    row.id,
    "assign" in change
      ? { [assigneeColumn(user)]: change.assign === "me" ? user.id : null }
      : { incomplete_marked_at: change.incompleteMarker ? new Date() : null },
  );
}
