import type { DB } from "../db/db.server";
import type { Recipient } from "../outbox/messages";
import { afterCall, beforeCall, normalBehaviour, type StubBehaviour } from "../systems/stub-behaviour";
import type { User } from "../identity/user";
import type { DocumentStore } from "../documents/store.server";
import { ConflictError } from "../errors";
import { recordMandateRefusal } from "../identity/mandates.server";
import { recordRead } from "../audit/audit.server";

export interface EboxMessage {
  /** The delivery's idempotency key: delivering the same key twice leaves one message. */
  key: string;
  recipient: Recipient;
  applicationId: string | null;
  subject: string;
  body: string;
  attachment?: { name: string; bytes: Uint8Array };
}

/**
 * The e-Box as the portal sees it: it takes a message for an inbox. A real client would
 * post to the federal e-Box here, passing `key` as the idempotency key.
 */
export interface EboxClient {
  deliver(message: EboxMessage): Promise<void>;
}

/** The local e-Box, with the seam through which it is told how to behave. */
export interface LocalEbox extends EboxClient {
  behaviour: StubBehaviour;
}

/**
 * The local e-Box: an inbox per enterprise number and per national/BIS number, kept in its
 * own table (`ebox_messages`), which it writes in its own transaction — never in the
 * caller's, so what it received stays received whatever happens to the caller. A message
 * whose key it already holds is not received twice.
 */
export function localEbox(db: DB, store: DocumentStore): LocalEbox {
  const behaviour = normalBehaviour();
  return {
    behaviour,
    async deliver(message) {
      await beforeCall("e-Box", behaviour);
      const attachment = message.attachment ? await store.put(message.attachment.bytes) : null;
      await db
        .insertInto("ebox_messages")
        .values({
          delivery_key: message.key,
          recipient_kind: message.recipient.kind,
          recipient_id: message.recipient.id,
          application_id: message.applicationId,
          subject: message.subject,
          body: message.body,
          attachment_name: message.attachment?.name ?? null,
          attachment_sha256: attachment?.sha256 ?? null,
        })
        .onConflict((oc) => oc.column("delivery_key").doNothing())
        .execute();
      afterCall("e-Box", behaviour);
    },
  };
}

/** Whose inbox this user reads: the enterprise he acts for, his own national number, or his post's. */
export function inboxOf(user: User): Recipient | null {
  // A diplomatic post's inbox: the annexes 46 of the workers who chose it (docs/domain.md §3.6).
  if (user.role === "diplomatic-post" && user.office) return { kind: "post", id: user.office };
  if (user.role === "employer") return user.actingFor ? { kind: "enterprise", id: user.actingFor.enterpriseNumber } : null;
  if ((user.role === "worker" || user.role === "resident") && user.personNumber) return { kind: "person", id: user.personNumber };
  return null;
}

export async function listInbox(db: DB, user: User) {
  const inbox = inboxOf(user);
  if (!inbox) return [];
  const rows = await db
    .selectFrom("ebox_messages")
    .select(["id", "subject", "delivered_at", "opened_at", "attachment_name"])
    .where("recipient_kind", "=", inbox.kind)
    .where("recipient_id", "=", inbox.id)
    .orderBy("delivered_at", "desc")
    .limit(200)
    .execute();
  return rows.map((row) => ({
    id: row.id,
    subject: row.subject,
    deliveredAt: new Date(row.delivered_at).toISOString(),
    openedAt: row.opened_at ? new Date(row.opened_at).toISOString() : null,
    attachmentName: row.attachment_name,
  }));
}

/** Opens a message of the user's own inbox (the first opening is recorded); null if not his. */
export async function openMessage(db: DB, user: User, id: string, now = new Date()) {
  const inbox = inboxOf(user);
  if (!/^[0-9a-f-]{36}$/.test(id)) return null;
  if (!inbox) {
    await refuseIfMandateEnded(db, user, id);
    return null;
  }
  const row = await db
    .selectFrom("ebox_messages")
    .selectAll()
    .where("id", "=", id)
    .where("recipient_kind", "=", inbox.kind)
    .where("recipient_id", "=", inbox.id)
    .executeTakeFirst();
  if (!row) {
    await refuseIfMandateEnded(db, user, id);
    return null;
  }
  if (user.role === "diplomatic-post") {
    // The post reads a worker's annex 46: personal data, logged like a case read.
    await recordRead(db, user, { subject: { type: "application", id: row.application_id ?? row.id }, applicationId: row.application_id, purpose: "visa", action: "read", allowed: true });
  }
  if (!row.opened_at) {
    await db.updateTable("ebox_messages").set({ opened_at: now }).where("id", "=", id).where("opened_at", "is", null).execute();
  }
  return row;
}

/** A message of an enterprise whose mandate this representative lost during his session: say so (409), and log it. */
async function refuseIfMandateEnded(db: DB, user: User, id: string): Promise<void> {
  if (user.endedMandates.length === 0) return;
  const lost = await db
    .selectFrom("ebox_messages")
    .select(["recipient_id", "application_id"])
    .where("id", "=", id)
    .where("recipient_kind", "=", "enterprise")
    .where("recipient_id", "in", user.endedMandates.map((mandate) => mandate.enterpriseNumber))
    .executeTakeFirst();
  if (!lost) return;
  await recordMandateRefusal(db, user, { subject: { type: "enterprise", id: lost.recipient_id }, applicationId: lost.application_id, action: "read" });
  throw new ConflictError("mandates.ended");
}

/** For the officer's case view: what reached which e-Box, and whether it was opened. */
export async function eboxDeliveriesOf(db: DB, applicationId: string) {
  const rows = await db
    .selectFrom("ebox_messages")
    .select(["recipient_kind", "subject", "delivered_at", "opened_at"])
    .where("application_id", "=", applicationId)
    .orderBy("delivered_at")
    .execute();
  return rows.map((row) => ({
    recipientKind: row.recipient_kind,
    subject: row.subject,
    deliveredAt: new Date(row.delivered_at).toISOString(),
    openedAt: row.opened_at ? new Date(row.opened_at).toISOString() : null,
  }));
}
