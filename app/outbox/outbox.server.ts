import type { Transaction } from "kysely";
import type { DB } from "../db/db.server";
import type { Database } from "../db/schema";
import { parseOutboxMessage, type OutboxEntry, type OutboxKind, type OutboxMessage } from "./messages";
import {
  insertOutboxRow,
  listOutboxRowsOfCase,
  deleteDeliveredBefore,
  lockDueBatch,
  leaseRows,
  markDelivered,
  recordFailure,
  requeueFailedRow,
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

/**
 * Delivers one outbox row; throws to retry later. It runs outside every transaction of the
 * outbox: what the receiving system writes, it writes in its own, and what the delivery
 * changes in the portal it changes in its own. `batch` is what `prepare` read ahead.
 */
export type Deliver<Batch = undefined> = (db: DB, row: OutboxRow, now: Date, batch: Batch) => Promise<void>;

export const MAX_ATTEMPTS = 8;

/** 30 s, 1 min, 2 min, … capped at 1 hour. */
export function backoffMs(attempts: number): number {
  return Math.min(30_000 * 2 ** Math.max(0, attempts - 1), 3_600_000);
}

/** Rows claimed per transaction. */
export const BATCH_SIZE = 50;

/**
 * How long claimed rows are left to the worker that claimed them. A worker that dies holds
 * them this long; then another delivers them again, and the receivers, which already have
 * what was delivered, de-duplicate on the key. Longer than a batch's deliveries take.
 */
export const CLAIM_LEASE_MS = 5 * 60_000;

/**
 * Drains due outbox rows, a batch at a time, in three steps:
 *
 * 1. claim, in one short transaction: lock up to BATCH_SIZE rows (SKIP LOCKED, so several
 *    workers share the work without touching the same row) and lease them for
 *    CLAIM_LEASE_MS, so that no other worker takes them meanwhile; commit. A row waits while
 *    an older undelivered row of the same case and kind exists, so a revocation never
 *    overtakes the grant before it (a batch holds at most one row of a case and kind). A
 *    row whose payload does not parse is "failed" at once: retrying cannot mend it;
 * 2. deliver each row, outside any transaction of the outbox: the receiving systems write
 *    in their own transactions (on the embedded database, one after the other through its
 *    one connection), as real ones would;
 * 3. record, in one transaction: the delivered rows, and for each failure its attempt,
 *    retried with backoff and after MAX_ATTEMPTS left "failed" (visible to officers, who
 *    can retry it).
 *
 * Exactly once: between 2 and 3 a delivery is done but not recorded. If the process dies
 * there, the rows come back when their lease ends and are delivered again; every receiver
 * de-duplicates on the row's key (docs/decisions/017-outside-systems.md), so nothing
 * arrives twice. Stops after `limit` rows or when nothing is due.
 */
export async function drainOutbox<Batch = undefined>(
  db: DB,
  deliver: Deliver<Batch>,
  options: {
    now?: () => Date;
    limit?: number;
    batchSize?: number;
    /** Reads what a batch's deliveries need in a few statements instead of a few per row. */
    prepare?: (db: DB, rows: readonly OutboxRow[]) => Promise<Batch>;
  } = {},
) {
  const now = options.now ?? (() => new Date());
  const limit = options.limit ?? 500;
  let delivered = 0;
  let failed = 0;
  while (delivered + failed < limit) {
    const at = now();
    const claim = await db.transaction().execute(async (trx) => {
      const stored = await lockDueBatch(trx, at, Math.min(options.batchSize ?? BATCH_SIZE, limit - delivered - failed));
      const rows: OutboxRow[] = [];
      let malformed = 0;
      for (const row of stored) {
        const parsed = parseOutboxMessage(row.kind, row.payload);
        if (parsed.ok) {
          rows.push({ ...parsed.message, id: row.id, key: row.key, application_id: row.application_id, attempts: row.attempts });
          continue;
        }
        // Not delivered, and not retried: an officer sees it failed with the reason. Like any
        // failed row it holds back the later rows of its case and kind, which keeps them in order.
        await recordFailure(trx, row.id, {
          attempts: row.attempts + 1,
          status: "failed",
          nextAttemptAt: at,
          lastError: `malformed payload: ${parsed.reason}`.slice(0, 500),
        });
        malformed++;
      }
      await leaseRows(
        trx,
        rows.map((row) => row.id),
        new Date(at.getTime() + CLAIM_LEASE_MS),
      );
      return { claimed: stored.length, rows, malformed };
    });
    if (claim.claimed === 0) break;
    const batch = (claim.rows.length > 0 && options.prepare ? await options.prepare(db, claim.rows) : undefined) as Batch;
    const done: number[] = [];
    const failures: { row: OutboxRow; error: unknown }[] = [];
    for (const row of claim.rows) {
      try {
        await deliver(db, row, at, batch);
        done.push(row.id);
      } catch (error) {
        failures.push({ row, error: error ?? "unknown failure" });
      }
    }
    // If the process dies before this commits, the batch is delivered again after the lease: the receivers de-duplicate on the key.
    await db.transaction().execute(async (trx) => {
      await markDelivered(trx, done, at);
      for (const { row, error } of failures) {
        const attempts = row.attempts + 1;
        await recordFailure(trx, row.id, {
          attempts,
          status: attempts >= MAX_ATTEMPTS ? "failed" : "pending",
          nextAttemptAt: new Date(at.getTime() + backoffMs(attempts)),
          lastError: String(error instanceof Error ? error.message : error).slice(0, 500),
        });
      }
    });
    delivered += done.length;
    failed += failures.length + claim.malformed;
  }
  return { delivered, failed };
}

/** Delivered rows are kept this long (OUTBOX_RETENTION_DAYS, default 30), for the case pages and for audits, then deleted. */
export function outboxRetentionDays(env: string | undefined = process.env.OUTBOX_RETENTION_DAYS): number {
  const days = Number(env ?? 30);
  return Number.isInteger(days) && days >= 1 ? days : 30;
}

/**
 * Deletes delivered rows older than the retention period, a slice at a time (no long lock,
 * no huge transaction). Safe: the consumers deduplicate on their own records (e-Box
 * messages, cadastre history), not on the outbox row, and pending or failed rows are kept.
 */
export async function pruneDeliveredOutbox(db: DB, now = new Date(), days = outboxRetentionDays()): Promise<number> {
  const before = new Date(now.getTime() - days * 86_400_000);
  let pruned = 0;
  for (;;) {
    const deleted = await deleteDeliveredBefore(db, before, 5_000);
    pruned += deleted;
    if (deleted < 5_000) return pruned;
  }
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
      recipient: parsed.ok && (parsed.message.kind === "ebox.document" || parsed.message.kind === "ebox.notice") ? parsed.message.payload.recipient.kind : null,
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
