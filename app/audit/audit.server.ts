import type { DB } from "../db/db.server";
import type { User } from "../identity/auth.server";

export type AuditPurpose = "case-handling" | "queue" | string;

/**
 * Writes who read which personal data, when and why. Called for every officer or
 * inspector read, including refused attempts (allowed = false), before anything is shown.
 */
export async function recordRead(
  db: DB,
  user: Pick<User, "id" | "role" | "authority">,
  subject: { type: "application" | "queue" | "cadastre"; id: string },
  purpose: AuditPurpose,
  allowed: boolean,
  action = "read",
): Promise<void> {
  await db
    .insertInto("audit_log")
    .values({
      actor_user_id: user.id,
      actor_role: user.role,
      actor_authority: user.authority,
      action,
      subject_type: subject.type,
      subject_id: subject.id,
      purpose,
      allowed,
    })
    .execute();
}
