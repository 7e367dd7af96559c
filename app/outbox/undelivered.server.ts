import type { DB } from "../db/db.server";
import { ForbiddenError } from "../errors";
import type { User } from "../identity/user";
import { waitingBehindFailed } from "./held-back";
import { parseOutboxMessage } from "./messages";
import { failedRows, undeliveredRowsOfCases } from "./undelivered.repository";

/** A message waiting behind a failed one. */
export interface WaitingMessage {
  id: number;
  kind: string;
  recipient: "enterprise" | "person" | "post" | null;
  createdAt: string;
}

/** A message that failed for good (after the last attempt, or malformed), with what waits behind it. */
export interface UndeliveredMessage extends WaitingMessage {
  caseId: string | null;
  reference: string | null;
  attempts: number;
  lastError: string | null;
  waiting: WaitingMessage[];
}

const SHOWN = 200;

function recipientOf(kind: string, payload: unknown): WaitingMessage["recipient"] {
  const parsed = parseOutboxMessage(kind, payload);
  return parsed.ok && "recipient" in parsed.message.payload ? parsed.message.payload.recipient.kind : null;
}

/**
 * The officers' list of messages nobody will deliver until someone retries them: a
 * regional officer sees those of his region's cases (the cases he handles, access.server.ts),
 * an OE officer all of them. It names cases by reference and what failed, no personal data.
 */
export async function undeliveredFor(db: DB, user: User): Promise<UndeliveredMessage[]> {
  if ((user.role !== "regional-officer" && user.role !== "oe-officer") || !user.authority) throw new ForbiddenError("the undelivered list is an officer's");
  const failed = await failedRows(db, user.role === "regional-officer" ? user.authority : null, SHOWN);
  const caseIds = [...new Set(failed.flatMap((row) => (row.application_id ? [row.application_id] : [])))];
  const undelivered = await undeliveredRowsOfCases(db, caseIds);
  const waiting = waitingBehindFailed(undelivered.map((row) => ({ ...row, applicationId: row.application_id })));
  return failed.map((row) => ({
    id: row.id,
    kind: row.kind,
    recipient: recipientOf(row.kind, row.payload),
    createdAt: new Date(row.created_at).toISOString(),
    caseId: row.application_id,
    reference: row.reference,
    attempts: row.attempts,
    lastError: row.last_error,
    waiting: (waiting.get(row.id) ?? []).map((behind) => ({
      id: behind.id,
      kind: behind.kind,
      recipient: recipientOf(behind.kind, behind.payload),
      createdAt: new Date(behind.created_at).toISOString(),
    })),
  }));
}
