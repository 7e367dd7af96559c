import { addDays, startOfDayInBelgium } from "../../forms/dates";
import type { DB } from "../db/db.server";

/** The SQL of the audit log: append-only; read by the data-protection officer and, for his own file, the applicant. */

export interface AuditEntry {
  actorUserId: string;
  actorRole: string;
  actorAuthority: string | null;
  action: string;
  subjectType: "application" | "document" | "queue" | "cadastre" | "audit" | "enterprise" | "signal";
  subjectId: string;
  applicationId: string | null;
  purpose: string;
  allowed: boolean;
}

/** Was this representative's lost mandate for this enterprise already logged since `since` (his session's start)? */
export async function mandateEndNoticed(db: DB, userId: string, enterpriseNumber: string, since: Date): Promise<boolean> {
  const row = await db
    .selectFrom("audit_log")
    .select("id")
    .where("actor_user_id", "=", userId)
    .where("action", "=", "mandate-ended")
    .where("subject_type", "=", "enterprise")
    .where("subject_id", "=", enterpriseNumber)
    .where("created_at", ">=", since)
    .executeTakeFirst();
  return row !== undefined;
}

export async function insertAuditEntry(db: DB, entry: AuditEntry): Promise<void> {
  await insertAuditEntries(db, [entry]);
}

/** Several lines in one statement (a search and every record it shows). */
export async function insertAuditEntries(db: DB, entries: readonly AuditEntry[]): Promise<void> {
  if (entries.length === 0) return;
  await db
    .insertInto("audit_log")
    .values(
      entries.map((entry) => ({
        actor_user_id: entry.actorUserId,
        actor_role: entry.actorRole,
        actor_authority: entry.actorAuthority,
        action: entry.action,
        subject_type: entry.subjectType,
        subject_id: entry.subjectId,
        application_id: entry.applicationId,
        purpose: entry.purpose,
        allowed: entry.allowed,
      })),
    )
    .execute();
}

/** Officers', posts' and communes' allowed reads of one case (the case itself, its documents, it shown beside another). */
export function officerReadsOf(db: DB, applicationId: string, limit: number) {
  return db
    .selectFrom("audit_log")
    .select(["actor_authority", "actor_role", "action", "purpose", "created_at"])
    .where("application_id", "=", applicationId)
    .where("allowed", "=", true)
    .where("actor_role", "in", ["regional-officer", "oe-officer", "diplomatic-post", "commune"])
    .orderBy("created_at", "desc")
    .limit(limit)
    .execute();
}

export interface AuditFilters {
  /** A case reference (SP-2026-000123) or a cadastre record's reference. */
  reference?: string;
  login?: string;
  /** Belgian calendar days ("YYYY-MM-DD"), both included: what the log's times are shown in. */
  from?: string;
  until?: string;
}

/** The log, newest first, as the data-protection officer searches it. */
export function searchAuditLog(db: DB, filters: AuditFilters, limit: number) {
  return db
    .selectFrom("audit_log")
    .innerJoin("users", "users.id", "audit_log.actor_user_id")
    .leftJoin("applications", "applications.id", "audit_log.application_id")
    .select([
      "audit_log.id",
      "audit_log.created_at",
      "audit_log.actor_role",
      "audit_log.actor_authority",
      "audit_log.action",
      "audit_log.subject_type",
      "audit_log.subject_id",
      "audit_log.purpose",
      "audit_log.allowed",
      "users.login",
      "users.display_name",
      "applications.reference",
    ])
    .$if(Boolean(filters.reference), (q) =>
      q.where((eb) => eb.or([eb("applications.reference", "=", filters.reference!), eb("audit_log.subject_id", "=", filters.reference!)])),
    )
    .$if(Boolean(filters.login), (q) => q.where("users.login", "=", filters.login!))
    .$if(Boolean(filters.from), (q) => q.where("audit_log.created_at", ">=", startOfDayInBelgium(filters.from!)))
    .$if(Boolean(filters.until), (q) => q.where("audit_log.created_at", "<", startOfDayInBelgium(addDays(filters.until!, 1))))
    .orderBy("audit_log.id", "desc")
    .limit(limit)
    .execute();
}
