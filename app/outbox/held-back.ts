/**
 * Which undelivered messages wait behind a failed one. The worker takes a row only when no
 * older row of the same case and kind is undelivered (outbox.repository.ts, lockNextDueRow),
 * so a row failed for good holds back every later row of its case and kind until an officer
 * retries it. Pure: the officer's case page and the "undelivered" list derive it the same way.
 */
export interface OutboxLine {
  id: number;
  kind: string;
  status: string;
  applicationId: string | null;
}

/** For each failed row, the pending rows of its case and kind after it (oldest first). */
export function waitingBehindFailed<T extends OutboxLine>(rows: readonly T[]): Map<number, T[]> {
  const waiting = new Map<number, T[]>();
  const sorted = [...rows].sort((a, b) => a.id - b.id);
  for (const failed of sorted) {
    if (failed.status !== "failed" || failed.applicationId === null) continue;
    // An earlier failed row of the same case and kind already holds these: they are listed under it.
    const heldByEarlier = sorted.some(
      (other) => other.status === "failed" && other.id < failed.id && other.kind === failed.kind && other.applicationId === failed.applicationId,
    );
    if (heldByEarlier) continue;
    waiting.set(
      failed.id,
      sorted.filter((row) => row.id > failed.id && row.status === "pending" && row.kind === failed.kind && row.applicationId === failed.applicationId),
    );
  }
  return waiting;
}

/** The failed row each pending row waits behind, if any. */
export function blockedBy(rows: readonly OutboxLine[]): Map<number, number> {
  const blocked = new Map<number, number>();
  for (const [failedId, waiting] of waitingBehindFailed(rows)) for (const row of waiting) blocked.set(row.id, failedId);
  return blocked;
}
