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
 * Locks the oldest due pending row that no older undelivered row of the same case and kind
 * holds back; rows other workers hold are skipped, not waited for.
 */
export async function lockNextDueRow(trx: Transaction<Database>, at: Date): Promise<StoredOutboxRow | undefined> {
  return trx
    .selectFrom("outbox as o")
    .select(["o.id", "o.key", "o.kind", "o.application_id", "o.payload", "o.attempts"])
    .where("o.status", "=", "pending")
    .where("o.next_attempt_at", "<=", at)
    .where(({ not, exists, selectFrom }) =>
      not(
        exists(
          selectFrom("outbox as older")
            .select("older.id")
            .whereRef("older.application_id", "=", "o.application_id")
            .whereRef("older.kind", "=", "o.kind")
            .whereRef("older.id", "<", "o.id")
            .where("older.status", "!=", "delivered"),
        ),
      ),
    )
    .orderBy("o.id")
    .limit(1)
    .forUpdate()
    .skipLocked()
    .executeTakeFirst();
}

export async function markDelivered(trx: Transaction<Database>, id: number, at: Date): Promise<void> {
  await trx.updateTable("outbox").set({ status: "delivered", delivered_at: at, last_error: null }).where("id", "=", id).execute();
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

/*
 * One savepoint around each delivery: a failing consumer's writes are undone while the
 * row's lock and the record of the attempt stay in the worker's transaction.
 */
export async function openDeliverySavepoint(trx: Transaction<Database>): Promise<void> {
  await sql`savepoint deliver`.execute(trx);
}

export async function releaseDeliverySavepoint(trx: Transaction<Database>): Promise<void> {
  await sql`release savepoint deliver`.execute(trx);
}

export async function rollbackToDeliverySavepoint(trx: Transaction<Database>): Promise<void> {
  await sql`rollback to savepoint deliver`.execute(trx);
}
