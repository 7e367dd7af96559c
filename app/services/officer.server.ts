import type { HandlingAuthority } from "../../forms/authorities";
import { withWhom, type CaseStatus } from "../../workflows/case-lifecycle";
import { getDb } from "../db/db.server";
import type { ApplicationRow } from "../db/schema";
import {
  loadApplicationDetail,
  selectSummaries,
  toSummary,
  type ApplicationDetail,
  type ApplicationSummary,
} from "./applications.server";
import { recordRead } from "./audit.server";
import type { User } from "./auth.server";

function requireOfficer(user: User): HandlingAuthority {
  if ((user.role !== "regional-officer" && user.role !== "oe-officer") || !user.authority) {
    throw new Response("Forbidden", { status: 403 });
  }
  return user.authority;
}

/**
 * An officer sees a case while it is with his authority: a regional officer the cases
 * of his region, the OE officer those that reached the Immigration Office.
 */
export function officerMaySee(user: User, application: Pick<ApplicationRow, "competent_authority" | "status">) {
  if (user.role === "regional-officer") return application.competent_authority === user.authority;
  if (user.role === "oe-officer") return withWhom(application.status as CaseStatus) === "oe";
  return false;
}

/** The officer's queue, oldest submission first. Reading it is logged: it lists personal data. */
export async function officerQueue(user: User): Promise<ApplicationSummary[]> {
  const authority = requireOfficer(user);
  const db = await getDb();
  const rows = await selectSummaries(db)
    .where("applications.submitted_at", "is not", null)
    .$if(user.role === "regional-officer", (q) => q.where("applications.competent_authority", "=", authority))
    .orderBy("applications.submitted_at", "asc")
    .limit(500)
    .execute();
  const visible = rows.filter((row) => officerMaySee(user, row));
  await recordRead(db, user, { type: "queue", id: authority }, "case-handling", true, "list");
  return visible.map(toSummary);
}

/**
 * Opens a case for an officer. The read is logged before anything is returned; an officer
 * of another authority gets 403 and the attempt is logged too. Unknown ids are 404.
 */
export async function openCaseForOfficer(user: User, applicationId: string): Promise<ApplicationDetail> {
  requireOfficer(user);
  const db = await getDb();
  const row = await db
    .selectFrom("applications")
    .select(["id", "competent_authority", "status", "submitted_at"])
    .where("id", "=", applicationId)
    .executeTakeFirst();
  if (!row || !row.submitted_at) throw new Response("Not Found", { status: 404 });
  const allowed = officerMaySee(user, row);
  await recordRead(db, user, { type: "application", id: row.id }, "case-handling", allowed);
  if (!allowed) throw new Response("Forbidden", { status: 403 });
  const detail = await loadApplicationDetail(db, applicationId);
  if (!detail) throw new Response("Not Found", { status: 404 });
  return detail;
}
