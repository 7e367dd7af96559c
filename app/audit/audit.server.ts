import type { DB } from "../db/db.server";
import type { User } from "../identity/user";
import { insertAuditEntry, officerReadsOf, searchAuditLog, type AuditEntry, type AuditFilters } from "./audit.repository";

/**
 * Who read which personal data, when and why: every officer or inspector read is written
 * here before anything is shown, refused attempts included (allowed = false). The exchange
 * of social data requires that every consultation can be traced end to end; the
 * data-protection officer reads the log, and each person sees who consulted his file and why.
 */
export async function recordRead(
  db: DB,
  user: Pick<User, "id" | "role" | "authority">,
  read: {
    subject: { type: AuditEntry["subjectType"]; id: string };
    /** The case the read concerned, when there is one. */
    applicationId?: string | null;
    purpose: string;
    allowed: boolean;
    action?: string;
  },
): Promise<void> {
  await insertAuditEntry(db, {
    actorUserId: user.id,
    actorRole: user.role,
    actorAuthority: user.authority,
    action: read.action ?? "read",
    subjectType: read.subject.type,
    subjectId: read.subject.id,
    applicationId: read.applicationId ?? null,
    purpose: read.purpose,
    allowed: read.allowed,
  });
}

export interface Consultation {
  authority: string | null;
  action: string;
  purpose: string;
  at: string;
}

/** Which authorities consulted a file, what they did, why and when (shown to the applicant and the worker). */
export async function consultationsOf(db: DB, applicationId: string): Promise<Consultation[]> {
  const rows = await officerReadsOf(db, applicationId, 100);
  return rows.map((row) => ({ authority: row.actor_authority, action: row.action, purpose: row.purpose, at: new Date(row.created_at).toISOString() }));
}

const AUDIT_PAGE = 200;

/**
 * The data-protection officer's view of the log. His own look-ups are logged too: the
 * log holds personal data (whose file was read).
 */
export async function auditTrail(db: DB, dpo: User, filters: AuditFilters) {
  await recordRead(db, dpo, {
    subject: { type: "audit", id: JSON.stringify(filters) },
    purpose: "data-protection-supervision",
    allowed: true,
    action: "search",
  });
  const rows = await searchAuditLog(db, filters, AUDIT_PAGE);
  return rows.map((row) => ({
    id: row.id,
    at: new Date(row.created_at).toISOString(),
    actor: { login: row.login, name: row.display_name, role: row.actor_role, authority: row.actor_authority },
    action: row.action,
    subject: { type: row.subject_type, id: row.subject_id, reference: row.reference },
    purpose: row.purpose,
    allowed: row.allowed,
  }));
}
