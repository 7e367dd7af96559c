import type { Kysely } from "kysely";
import type { Database } from "../db/schema";

/** The SQL of the officers' "undelivered" list (undelivered.server.ts has the rule). */

/** Rows failed for good, oldest first, with their case; only `authority`'s cases when given. */
export async function failedRows(db: Kysely<Database>, authority: string | null, limit: number) {
  let query = db
    .selectFrom("outbox")
    .leftJoin("applications", "applications.id", "outbox.application_id")
    .select([
      "outbox.id",
      "outbox.kind",
      "outbox.payload",
      "outbox.attempts",
      "outbox.last_error",
      "outbox.created_at",
      "outbox.application_id",
      "applications.reference",
      "applications.competent_authority",
    ])
    .where("outbox.status", "=", "failed");
  if (authority !== null) query = query.where("applications.competent_authority", "=", authority);
  return query.orderBy("outbox.id").limit(limit).execute();
}

/** The undelivered (pending or failed) rows of these cases, oldest first. */
export async function undeliveredRowsOfCases(db: Kysely<Database>, applicationIds: string[]) {
  if (applicationIds.length === 0) return [];
  return db
    .selectFrom("outbox")
    .select(["id", "kind", "status", "payload", "created_at", "application_id"])
    .where("application_id", "in", applicationIds)
    .where("status", "!=", "delivered")
    .orderBy("id")
    .execute();
}
