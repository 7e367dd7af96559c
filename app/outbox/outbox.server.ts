import { sql, type Transaction } from "kysely";
import type { DB } from "../db/db.server";
import type { Database } from "../db/schema";

export type OutboxKind = "ebox.document" | "ebox.notice" | "cadastre.feed";

/**
 * Puts something that must leave the system in the outbox, in the caller's transaction:
 * it leaves if and only if the decision that caused it is committed. The key makes the
 * same intent enqueued twice one row, and is what consumers deduplicate on.
 */
export async function enqueue(
  trx: Transaction<Database>,
  entry: { key: string; kind: OutboxKind; applicationId: string | null; payload: Record<string, unknown>; at?: Date },
): Promise<void> {
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

export type OutboxRow = { id: number; key: string; kind: OutboxKind; application_id: string | null; payload: Record<string, unknown>; attempts: number };

/** Delivers one outbox row inside the worker's transaction; throws to retry later. */
export type Deliver = (trx: Transaction<Database>, row: OutboxRow, now: Date) => Promise<void>;

export const MAX_ATTEMPTS = 8;

/** 30 s, 1 min, 2 min, … capped at 1 hour. */
export function backoffMs(attempts: number): number {
  return Math.min(30_000 * 2 ** Math.max(0, attempts - 1), 3_600_000);
}

/**
 * Drains due outbox rows one by one, each in its own transaction: lock it (SKIP LOCKED, so
 * several workers share the work without touching the same row), deliver, mark delivered.
 * A row waits while an older undelivered row of the same case and kind exists, so a
 * revocation never overtakes the grant before it. A failure is retried with backoff and
 * after MAX_ATTEMPTS stays "failed" (visible to officers, who can retry it).
 */
export async function drainOutbox(db: DB, deliver: Deliver, options: { now?: () => Date; limit?: number } = {}) {
  const now = options.now ?? (() => new Date());
  let delivered = 0;
  let failed = 0;
  for (let n = 0; n < (options.limit ?? 100); n++) {
    const outcome = await db.transaction().execute(async (trx) => {
      const at = now();
      const row = await trx
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
      if (!row) return "empty" as const;
      await sql`savepoint deliver`.execute(trx);
      let failure: unknown = null;
      try {
        await deliver(trx, row as OutboxRow, at);
      } catch (error) {
        failure = error ?? "unknown failure";
      }
      if (failure === null) {
        // If the process dies before this commits, the delivery is redone: consumers are idempotent on the key.
        await sql`release savepoint deliver`.execute(trx);
        await trx.updateTable("outbox").set({ status: "delivered", delivered_at: at, last_error: null }).where("id", "=", row.id).execute();
        return "delivered" as const;
      }
      // The consumer's partial writes go; the attempt is recorded.
      await sql`rollback to savepoint deliver`.execute(trx);
      const attempts = row.attempts + 1;
      await trx
        .updateTable("outbox")
        .set({
          attempts,
          status: attempts >= MAX_ATTEMPTS ? "failed" : "pending",
          next_attempt_at: new Date(at.getTime() + backoffMs(attempts)),
          last_error: String(failure instanceof Error ? failure.message : failure).slice(0, 500),
        })
        .where("id", "=", row.id)
        .execute();
      return "failed" as const;
    });
    if (outcome === "empty") break;
    if (outcome === "delivered") delivered++;
    else failed++;
  }
  return { delivered, failed };
}

/** What an officer sees of a case's deliveries. */
export async function deliveriesOf(db: DB, applicationId: string) {
  const rows = await db
    .selectFrom("outbox")
    .select(["id", "kind", "status", "attempts", "last_error", "created_at", "delivered_at", "payload"])
    .where("application_id", "=", applicationId)
    .orderBy("id")
    .execute();
  return rows.map((row) => ({
    id: row.id,
    kind: row.kind,
    status: row.status,
    attempts: row.attempts,
    lastError: row.last_error,
    createdAt: new Date(row.created_at).toISOString(),
    deliveredAt: row.delivered_at ? new Date(row.delivered_at).toISOString() : null,
    recipient: (row.payload as unknown as { recipient?: { kind: string } }).recipient?.kind ?? null,
  }));
}

/** Puts a failed delivery back in line, now. */
export async function retryDelivery(db: DB, applicationId: string, outboxId: number): Promise<void> {
  if (!Number.isSafeInteger(outboxId) || outboxId < 1) return;
  await db
    .updateTable("outbox")
    .set({ status: "pending", attempts: 0, next_attempt_at: new Date() })
    .where("id", "=", outboxId)
    .where("application_id", "=", applicationId)
    .where("status", "=", "failed")
    .execute();
}
