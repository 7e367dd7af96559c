import type { Transaction } from "kysely";
import type { DB } from "../db/db.server";
import type { Database } from "../db/schema";
import { parseOutboxMessage, type OutboxEntry, type OutboxKind, type OutboxMessage } from "./messages";
import {
  insertOutboxRow,
  listOutboxRowsOfCase,
  lockNextDueRow,
  markDelivered,
  openDeliverySavepoint,
  recordFailure,
  releaseDeliverySavepoint,
  requeueFailedRow,
  rollbackToDeliverySavepoint,
} from "./outbox.repository";

/**
 * Puts something that must leave the system in the outbox, in the caller's transaction:
 * it leaves if and only if the decision that caused it is committed. The key makes the
 * same intent enqueued twice one row, and is what consumers deduplicate on.
 */
export async function enqueue(trx: Transaction<Database>, entry: OutboxEntry): Promise<void> {
  await insertOutboxRow(trx, entry);
}

/** A row handed to a deliverer: its message parsed, so `kind` tells the payload's type. */
export type OutboxRow = OutboxMessage & { id: number; key: string; application_id: string | null; attempts: number };

/** A row of one kind, for a deliverer of that kind. */
export type OutboxRowOf<K extends OutboxKind> = Extract<OutboxRow, { kind: K }>;

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
 * after MAX_ATTEMPTS stays "failed" (visible to officers, who can retry it). A row whose
 * payload does not parse is "failed" at once: retrying cannot mend it.
 */
export async function drainOutbox(db: DB, deliver: Deliver, options: { now?: () => Date; limit?: number } = {}) {
  const now = options.now ?? (() => new Date());
  let delivered = 0;
  let failed = 0;
  for (let n = 0; n < (options.limit ?? 100); n++) {
    const outcome = await db.transaction().execute(async (trx) => {
      const at = now();
      const stored = await lockNextDueRow(trx, at);
      if (!stored) return "empty" as const;
      const parsed = parseOutboxMessage(stored.kind, stored.payload);
      if (!parsed.ok) {
        // Not delivered, and not retried: an officer sees it failed with the reason. Like any
        // failed row it holds back the later rows of its case and kind, which keeps them in order.
        await recordFailure(trx, stored.id, {
          attempts: stored.attempts + 1,
          status: "failed",
          nextAttemptAt: at,
          lastError: `malformed payload: ${parsed.reason}`.slice(0, 500),
        });
        return "failed" as const;
      }
      const row: OutboxRow = { ...parsed.message, id: stored.id, key: stored.key, application_id: stored.application_id, attempts: stored.attempts };
      await openDeliverySavepoint(trx);
      let failure: unknown = null;
      try {
        await deliver(trx, row, at);
      } catch (error) {
        failure = error ?? "unknown failure";
      }
      if (failure === null) {
        // If the process dies before this commits, the delivery is redone: consumers are idempotent on the key.
        await releaseDeliverySavepoint(trx);
        await markDelivered(trx, row.id, at);
        return "delivered" as const;
      }
      // The consumer's partial writes go; the attempt is recorded.
      await rollbackToDeliverySavepoint(trx);
      const attempts = row.attempts + 1;
      await recordFailure(trx, row.id, {
        attempts,
        status: attempts >= MAX_ATTEMPTS ? "failed" : "pending",
        nextAttemptAt: new Date(at.getTime() + backoffMs(attempts)),
        lastError: String(failure instanceof Error ? failure.message : failure).slice(0, 500),
      });
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
  const rows = await listOutboxRowsOfCase(db, applicationId);
  return rows.map((row) => {
    const parsed = parseOutboxMessage(row.kind, row.payload);
    return {
      id: row.id,
      kind: row.kind,
      status: row.status,
      attempts: row.attempts,
      lastError: row.last_error,
      createdAt: new Date(row.created_at).toISOString(),
      deliveredAt: row.delivered_at ? new Date(row.delivered_at).toISOString() : null,
      recipient: parsed.ok && parsed.message.kind !== "cadastre.feed" ? parsed.message.payload.recipient.kind : null,
    };
  });
}

/**
 * Puts a failed delivery of this case back in line, now. An id that is not one, or not a
 * failed row of this case, changes nothing; returns whether a row was put back.
 */
export async function retryDelivery(db: DB, applicationId: string, outboxId: number, now = new Date()): Promise<boolean> {
  if (!Number.isSafeInteger(outboxId) || outboxId < 1) return false;
  return requeueFailedRow(db, applicationId, outboxId, now);
}
