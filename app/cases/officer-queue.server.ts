import { sql } from "kysely";
import type { HandlingAuthority } from "../../forms/authorities";
import { isEmploymentCategory, type EmploymentCategory } from "../../forms/employment";
import { CASE_STATUSES, isOpen, type CaseStatus } from "../../workflows/case-status";
import { todayInBelgium, addDays } from "../../workflows/legal-clock";
import { getDb } from "../db/db.server";
import type { ApplicationRow } from "../db/schema";
import { recordRead } from "../audit/audit.server";
import type { User } from "../identity/auth.server";

export function requireOfficer(user: User): HandlingAuthority {
  if ((user.role !== "regional-officer" && user.role !== "oe-officer") || !user.authority) {
    throw new Response("Forbidden", { status: 403 });
  }
  return user.authority;
}

/**
 * Who may see a submitted case: a regional officer while the case is with his region (it
 * stays visible there once the region decided; a reroute takes it away); the OE officer
 * every case, because the OE's pre-checks run from submission, in parallel with the region.
 */
export function officerMaySee(user: User, application: Pick<ApplicationRow, "competent_authority" | "submitted_at">) {
  if (!application.submitted_at) return false;
  if (user.role === "regional-officer") return application.competent_authority === user.authority;
  return user.role === "oe-officer";
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
}

/**
 * The officer's queue: his authority's cases, earliest legal due date first (cases without
 * a running clock last). Reading it is logged: it lists personal data.
 */
export async function officerQueue(user: User, filters: QueueFilters = DEFAULT_FILTERS, now = new Date()): Promise<QueueItem[]> {
  const authority = requireOfficer(user);
  const db = await getDb();
  const today = todayInBelgium(now);
  const openStatuses = CASE_STATUSES.filter(isOpen);
  const rows = await db
    .selectFrom("applications")
    .leftJoin("workers", "workers.id", "applications.worker_id")
    .leftJoin("employers", "employers.id", "applications.employer_id")
    .leftJoin("users as assignee", "assignee.id", "applications.assigned_to")
    .select([
      "applications.id",
      "applications.reference",
      "applications.status",
      "applications.competent_authority",
      "applications.category",
      "applications.submitted_at",
      "applications.due_on",
      "applications.assigned_to",
      "applications.incomplete_marked_at",
      "applications.escalated",
      "applications.kind",
      sql<string | null>`applications.form_data->>'category'`.as("employment_category"),
      "workers.given_names",
      "workers.family_name",
      "workers.nationality",
      "employers.name as employer_name",
      "assignee.display_name as assignee_name",
    ])
    .where("applications.submitted_at", "is not", null)
    .$if(user.role === "regional-officer", (q) => q.where("applications.competent_authority", "=", authority))
    .$if(user.role === "oe-officer" && filters.status === "open", (q) =>
      // The OE's own work: pre-checks still to do, or the residence part.
      q.where((eb) =>
        eb.or([
          eb.and([eb("applications.oe_pre_checks_pending", "=", true), eb("applications.status", "in", openStatuses)]),
          eb("applications.status", "in", ["awaiting-oe-pre-checks", "oe-review", "oe-awaiting-documents"]),
        ]),
      ),
    )
    .$if(filters.status === "open", (q) => q.where("applications.status", "in", openStatuses))
    .$if(filters.status !== "open" && filters.status !== "all", (q) => q.where("applications.status", "=", filters.status))
    .$if(filters.due === "overdue", (q) => q.where("applications.due_on", "<", today))
    .$if(filters.due === "week", (q) => q.where("applications.due_on", "<=", addDays(today, 7)))
    .$if(filters.mine, (q) => q.where("applications.assigned_to", "=", user.id))
    .$if(filters.category === "permanent", (q) => q.where("applications.kind", "=", "permanent"))
    .$if(filters.category !== "all" && filters.category !== "permanent", (q) =>
      q.where(sql<string>`applications.form_data->>'category'`, "=", filters.category),
    )
    .orderBy("applications.due_on", (ob) => ob.asc().nullsLast())
    .orderBy("applications.submitted_at", "asc")
    .limit(500)
    .execute();
  await recordRead(db, user, { type: "queue", id: authority }, "case-handling", true, "list");
  return rows.map((row) => ({
    id: row.id,
    reference: row.reference ?? "",
    workerName: [row.given_names, row.family_name].filter(Boolean).join(" "),
    nationality: row.nationality ?? "",
    employerName: row.employer_name,
    status: row.status as CaseStatus,
    authority: row.competent_authority,
    category: row.kind === "permanent" ? "permanent" : (row.employment_category ?? "other"),
    submittedAt: new Date(row.submitted_at!).toISOString(),
    dueOn: row.due_on,
    assignedTo: row.assignee_name,
    assignedToMe: row.assigned_to === user.id,
    incompleteMarked: row.incomplete_marked_at !== null,
    escalated: row.escalated,
  }));
}

/**
 * Checks and logs an officer's read of a case before anything is shown: another
 * authority's officer gets 403 (logged too); an unknown id is 404.
 */
export async function authoriseOfficerRead(user: User, applicationId: string): Promise<ApplicationRow> {
  requireOfficer(user);
  const db = await getDb();
  const row = await db.selectFrom("applications").selectAll().where("id", "=", applicationId).executeTakeFirst();
  if (!row || !row.submitted_at) throw new Response("Not Found", { status: 404 });
  const allowed = officerMaySee(user, row);
  await recordRead(db, user, { type: "application", id: row.id }, "case-handling", allowed);
  if (!allowed) throw new Response("Forbidden", { status: 403 });
  return row;
}

/** Claim (or give back) a case; "looked at, incomplete" marker. Housekeeping: not case history. */
export async function setCaseHousekeeping(
  user: User,
  applicationId: string,
  change: { assign: "me" | "nobody" } | { incompleteMarker: boolean },
): Promise<void> {
  const row = await authoriseOfficerRead(user, applicationId);
  const db = await getDb();
  await db
    .updateTable("applications")
    .set(
      "assign" in change
        ? { assigned_to: change.assign === "me" ? user.id : null }
        : { incomplete_marked_at: change.incompleteMarker ? new Date() : null },
    )
    .where("id", "=", row.id)
    .execute();
}
