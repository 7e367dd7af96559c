import { isEmploymentCategory, type EmploymentCategory } from "../../forms/employment";
import { CASE_STATUSES, type CaseStatus } from "../../workflows/case-status";
import { todayInBelgium, addDays } from "../../workflows/legal-clock";
import type { DB } from "../db/db.server";
import { recordRead } from "../audit/audit.server";
import { ForbiddenError } from "../errors";
import type { User } from "../identity/user";
import { requireCase } from "./access.server";
import { queueRows, setHousekeeping } from "./cases.repository";

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
  category: EmploymentCategory | "permanent" | "all";
};

export const DEFAULT_FILTERS: QueueFilters = { status: "open", due: "all", mine: false, category: "all" };

export function parseQueueFilters(params: URLSearchParams): QueueFilters {
  const status = params.get("status");
  const due = params.get("due");
  return {
    status: status === "all" || (CASE_STATUSES as readonly string[]).includes(status ?? "") ? (status as QueueFilters["status"]) : "open",
    due: due === "overdue" || due === "week" ? due : "all",
    mine: params.get("mine") === "1",
    category: ((category) => (isEmploymentCategory(category) || category === "permanent" ? category : "all"))(params.get("category")),
  };
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
}

/**
 * The officer's queue: his authority's cases, earliest legal due date first (cases without
 * a running clock last). Reading it is logged: it lists personal data.
 */
export async function officerQueue(db: DB, user: User, filters: QueueFilters = DEFAULT_FILTERS, now = new Date()): Promise<QueueItem[]> {
  const authority = user.authority;
  if ((user.role !== "regional-officer" && user.role !== "oe-officer") || !authority) throw new ForbiddenError("the queue is an officer's");
  const today = todayInBelgium(now);
  const rows = await queueRows(db, {
    authority: user.role === "regional-officer" ? authority : null,
    oeWork: user.role === "oe-officer" && filters.status === "open",
    status: filters.status,
    dueBefore: filters.due === "overdue" ? today : null,
    dueBy: filters.due === "week" ? addDays(today, 7) : null,
    assignedTo: filters.mine ? user.id : null,
    assigneeColumn: assigneeColumn(user),
    category: filters.category,
  });
  await recordRead(db, user, { subject: { type: "queue", id: authority }, purpose: "case-handling", allowed: true, action: "list" });
  return rows.map((row) => ({
    id: row.id,
    reference: row.reference ?? "",
    workerName: [row.given_names, row.family_name].filter(Boolean).join(" "),
    nationality: row.nationality ?? "",
    employerName: row.employer_name,
    status: row.status,
    authority: row.competent_authority,
    category: row.kind === "permanent" ? "permanent" : (row.employment_category ?? "other"),
    submittedAt: new Date(row.submitted_at!).toISOString(),
    dueOn: row.due_on,
    assignedTo: row.assignee_name,
    assignedToMe: row.assigned_to === user.id,
    incompleteMarked: row.incomplete_marked_at !== null,
    escalated: row.escalated,
    proposal: row.has_proposal === true,
  }));
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
