import { sql, type Kysely, type Transaction } from "kysely";
import type { Database } from "../db/schema";
import type { OutboxEntry } from "./messages";

/**
 * The SQL of the outbox. Callers pass the database or the transaction they are in; the
 * rules (ordering, backoff, when a row is given up) are outbox.server.ts's.
 */

/** A row as stored: its kind and payload are whatever was written, to be parsed before use. */
export interface StoredOutboxRow {
  id: number;
  key: string;
  kind: string;
  application_id: string | null;
  payload: unknown;
  attempts: number;
}

/** Inserts a message; a key already there is left as it is (the same intent twice is one row). */
export async function insertOutboxRow(trx: Transaction<Database>, entry: OutboxEntry): Promise<void> {
  await trx
    .insertInto("outbox")
    .values({
      key: entry.key,
      kind: entry.kind,
      application_id: entry.applicationId,
      payload: JSON.stringify(entry.payload),
      next_attempt_at: entry.at ?? new Date(),
    })
    .onConflict((oc) => oc.column("key").doNothing())
    .execute();
}

/**
 * Locks up to `limit` of the oldest due pending rows, each the first undelivered row of
 * its case and kind (so a batch never holds two rows of one case and kind, and none
 * overtakes an older one); rows other workers hold are skipped, not waited for. Both
 * look-ups run on small partial indexes (online-indexes.server.ts): the pending rows, and
 * the undelivered rows by case; the delivered ones, the bulk of the table, are in neither.
 */
export async function lockDueBatch(trx: Transaction<Database>, at: Date, limit: number): Promise<StoredOutboxRow[]> {
  return trx
    .selectFrom("outbox as o")
    .select(["o.id", "o.key", "o.kind", "o.application_id", "o.payload", "o.attempts"])
    // Literals, not parameters: the partial indexes' predicates must be provably implied.
    .where(sql<boolean>`o.status = 'pending'`)
    .where("o.next_attempt_at", "<=", at)
    .where(({ not, exists, selectFrom }) =>
      not(
        exists(
          selectFrom("outbox as older")
            .select("older.id")
            .whereRef("older.application_id", "=", "o.application_id")
            .whereRef("older.kind", "=", "o.kind")
            .whereRef("older.id", "<", "o.id")
            .where(sql<boolean>`older.status <> 'delivered'`),
        ),
      ),
    )
    .orderBy("o.id")
    .limit(limit)
    .forUpdate()
    .skipLocked()
    .execute();
}

/** Leaves claimed rows to their worker until `until`: other workers see them as not due. */
export async function leaseRows(trx: Transaction<Database>, ids: readonly number[], until: Date): Promise<void> {
  if (ids.length === 0) return;
  await trx.updateTable("outbox").set({ next_attempt_at: until }).where("id", "in", ids).execute();
}

export async function markDelivered(trx: Transaction<Database>, ids: readonly number[], at: Date): Promise<void> {
  if (ids.length === 0) return;
  await trx.updateTable("outbox").set({ status: "delivered", delivered_at: at, last_error: null }).where("id", "in", ids).execute();
}

/** Deletes up to `limit` rows delivered before `before`; returns how many went. */
export async function deleteDeliveredBefore(db: Kysely<Database>, before: Date, limit: number): Promise<number> {
  const result = await db
    .deleteFrom("outbox")
    .where("id", "in", (eb) =>
      eb.selectFrom("outbox").select("id").where("status", "=", "delivered").where("delivered_at", "<", before).limit(limit),
    )
    .executeTakeFirst();
  return Number(result.numDeletedRows);
}

export async function recordFailure(
  trx: Transaction<Database>,
  id: number,
  failure: { attempts: number; status: "pending" | "failed"; nextAttemptAt: Date; lastError: string },
): Promise<void> {
  await trx
    .updateTable("outbox")
    .set({ attempts: failure.attempts, status: failure.status, next_attempt_at: failure.nextAttemptAt, last_error: failure.lastError })
    .where("id", "=", id)
    .execute();
}

/** A case's rows, oldest first, for the officer's and the applicant's views. */
export async function listOutboxRowsOfCase(db: Kysely<Database>, applicationId: string) {
  return db
    .selectFrom("outbox")
    .select(["id", "kind", "status", "attempts", "last_error", "created_at", "delivered_at", "payload"])
    .where("application_id", "=", applicationId)
    .orderBy("id")
    .execute();
}

/** Puts a failed row of this case back in line at `at`; returns whether there was one. */
export async function requeueFailedRow(db: Kysely<Database>, applicationId: string, id: number, at: Date): Promise<boolean> {
  const result = await db
    .updateTable("outbox")
    .set({ status: "pending", attempts: 0, next_attempt_at: at })
    .where("id", "=", id)
    .where("application_id", "=", applicationId)
    .where("status", "=", "failed")
    .executeTakeFirst();
  return result.numUpdatedRows > 0n;
}
