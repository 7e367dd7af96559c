import { sql } from "kysely";
import type { RegionalAuthority } from "../../forms/authorities";
import { caseDueDate, clockAfter, overdueAction, type CaseClock } from "../../workflows/case-clock";
import {
  CASE_LIFECYCLE_VERSION,
  caseStatus,
  caseTransition,
  oePreChecksPending,
  persistCase,
  restoreCase,
  type CaseActor,
  type CaseEvent,
} from "../../workflows/case-lifecycle";
import { isOpen, type CaseStatus } from "../../workflows/case-status";
import { addDays, DOCUMENT_REQUEST_DAYS, todayInBelgium, type ClockCategory } from "../../workflows/legal-clock";
import type { Transaction } from "kysely";
import type { DB } from "../db/db.server";
import type { ApplicationRow, Database } from "../db/schema";
import { applicantMaySee } from "./applications.server";
import { recordRead } from "../audit/audit.server";
import type { User } from "../identity/auth.server";
import { recordDecisionEffects } from "../delivery/decision-effects.server";
import { officerMaySee } from "./officer-queue.server";

/** The case changed since the user opened it: nothing was written. */
export class CaseConflictError extends Error {
  constructor() {
    super("case-conflict");
  }
}

/** An answer to a request for documents must bring at least one file for every item asked. */
export class MissingDocumentsError extends Error {
  constructor() {
    super("missing-documents");
  }
}

/** The lifecycle does not allow this command in this state, for this person. */
export class CaseCommandRefused extends Error {
  constructor() {
    super("case-command-refused");
  }
}

export type CaseCommand =
  | { type: "DECLARE_COMPLETE" | "AUTHORISE_WORK" | "PRE_CHECKS_DONE" | "GRANT_RESIDENCE" | "WITHDRAW" | "DOCUMENTS_PROVIDED" }
  | { type: "REFUSE_WORK" | "REFUSE_RESIDENCE" | "REVOKE"; reason: string }
  | { type: "REROUTE"; to: RegionalAuthority; reason: string }
  | { type: "REQUEST_DOCUMENTS"; message: string; items: string[] }
  | { type: "DEEMED_GRANT" | "DEADLINE_MISSED" | "PERMIT_ISSUED" };

/** How an event is named in the history (i18n key events.<name>). */
export function eventName(type: CaseCommand["type"]): string {
  return type.toLowerCase().replaceAll("_", "-");
}

export type Acting = { user: User } | { system: true };

function caseActor(acting: Acting): CaseActor {
  if ("system" in acting) return { role: "system" };
  const { user } = acting;
  switch (user.role) {
    case "employer":
    case "resident":
      return { role: "applicant" };
    case "regional-officer":
    case "oe-officer":
      return { role: user.role, authority: user.authority };
    default:
      // Workers follow their case read-only; inspectors never act on cases.
      throw new Response("Forbidden", { status: 403 });
  }
}

function toEvent(command: CaseCommand, actor: CaseActor, clock: CaseClock | null): CaseEvent {
  const startedOn = clock?.clock.startedOn ?? "1970-01-01";
  switch (command.type) {
    case "REQUEST_DOCUMENTS":
      return { type: "REQUEST_DOCUMENTS", actor };
    case "DEEMED_GRANT":
    case "DEADLINE_MISSED":
      return { type: command.type, actor, startedOn };
    default:
      return { ...command, actor } as CaseEvent;
  }
}

/** May this person act on this case at all? Applicants by mandate or as filer; officers by authority. */
async function mayAct(db: DB, acting: Acting, row: ApplicationRow): Promise<boolean> {
  if ("system" in acting) return true;
  const { user } = acting;
  if (user.role === "regional-officer" || user.role === "oe-officer") return officerMaySee(user, row);
  if (user.role === "employer" || user.role === "resident") return applicantMaySee(db, user, row);
  return false;
}

/**
 * Runs one lifecycle command as one transaction: the case row is locked, its version must
 * be the one the user saw, the machine must accept the event; then the new snapshot,
 * status, clock and version, the history event and any request rows are written together.
 */
export async function applyCaseCommand(
  db: DB,
  acting: Acting,
  applicationId: string,
  expectedVersion: number | null,
  command: CaseCommand,
  now = new Date(),
): Promise<{ version: number; status: CaseStatus }> {
  // Who may act is checked first, outside the transaction, so a refused attempt stays in the audit log.
  const current = await db.selectFrom("applications").selectAll().where("id", "=", applicationId).executeTakeFirst();
  if (!current || !current.submitted_at || !current.machine_snapshot) throw new Response("Not Found", { status: 404 });
  if (!(await mayAct(db, acting, current))) {
    if ("user" in acting && (acting.user.role === "regional-officer" || acting.user.role === "oe-officer")) {
      await recordRead(db, acting.user, { type: "application", id: current.id }, "case-handling", false, "act");
    }
    throw new Response("Forbidden", { status: 403 });
  }
  return db.transaction().execute((trx) => applyCaseCommandIn(trx, acting, applicationId, expectedVersion, command, now));
}

/**
 * The command inside a transaction the caller owns (the outbox worker marks a permit
 * issued in the same transaction that delivered it).
 */
export async function applyCaseCommandIn(
  trx: Transaction<Database>,
  acting: Acting,
  applicationId: string,
  expectedVersion: number | null,
  command: CaseCommand,
  now = new Date(),
): Promise<{ version: number; status: CaseStatus }> {
  {
    const row = await trx.selectFrom("applications").selectAll().where("id", "=", applicationId).forUpdate().executeTakeFirst();
    if (!row || !row.machine_snapshot) throw new Response("Not Found", { status: 404 });
    // Stale page, or the case moved (e.g. rerouted) between the check above and the lock.
    if ((expectedVersion !== null && row.version !== expectedVersion) || !(await mayAct(trx, acting, row))) {
      throw new CaseConflictError();
    }

    const actor = caseActor(acting);
    const clock = (row.legal_clock as CaseClock | null) ?? null;
    const before = restoreCase(row.machine_snapshot);
    const result = caseTransition(before, toEvent(command, actor, clock));
    if (!result.ok) throw new CaseCommandRefused();
    const after = result.snapshot;
    const status = caseStatus(after);
    const today = todayInBelgium(now);
    const nextClock = clock ? clockAfter(clock, command.type, today, row.category as ClockCategory) : null;
    const version = row.version + 1;
    const userId = "user" in acting ? acting.user.id : null;
    const detail: Record<string, unknown> = {};

    if (command.type === "DOCUMENTS_PROVIDED") {
      const missing = await trx
        .selectFrom("document_request_items")
        .innerJoin("document_requests", "document_requests.id", "document_request_items.request_id")
        .select("document_request_items.id")
        .where("document_requests.application_id", "=", row.id)
        .where("document_requests.answered_at", "is", null)
        .where(({ not, exists, selectFrom }) =>
          not(
            exists(
              selectFrom("documents")
                .select("documents.id")
                .whereRef("documents.item", "=", sql<string>`'request-item:' || document_request_items.id`)
                .where("documents.removed_at", "is", null),
            ),
          ),
        )
        .executeTakeFirst();
      if (missing) throw new MissingDocumentsError();
    }
    if (command.type === "REQUEST_DOCUMENTS") {
      const request = await trx
        .insertInto("document_requests")
        .values({
          application_id: row.id,
          requested_by: userId!,
          authority: actor.authority ?? "",
          message: command.message,
          due_on: addDays(today, DOCUMENT_REQUEST_DAYS),
          created_at: now,
        })
        .returning("id")
        .executeTakeFirstOrThrow();
      await trx
        .insertInto("document_request_items")
        .values(command.items.map((label, position) => ({ request_id: request.id, position, label })))
        .execute();
      detail.requestId = request.id;
      detail.items = command.items;
    }
    if (command.type === "DOCUMENTS_PROVIDED" || command.type === "REROUTE" || !isOpen(status)) {
      // Answered, or moot: the file moved to another region or the case ended.
      await trx
        .updateTable("document_requests")
        .set({ answered_at: now })
        .where("application_id", "=", row.id)
        .where("answered_at", "is", null)
        .execute();
    }
    if (command.type === "REROUTE") Object.assign(detail, { from: row.competent_authority, to: command.to });
    if (after.context.decision?.annex) detail.annex = after.context.decision.annex;

    await trx
      .updateTable("applications")
      .set({
        status,
        machine_snapshot: JSON.stringify(persistCase(after)),
        machine_version: CASE_LIFECYCLE_VERSION,
        version,
        competent_authority: after.context.authority,
        oe_pre_checks_pending: oePreChecksPending(after),
        legal_clock: nextClock ? JSON.stringify(nextClock) : null,
        due_on: caseDueDate(nextClock, today),
        escalated: after.context.escalated,
        decided_at: isOpen(status) ? null : row.decided_at ?? now,
        // A rerouted case arrives unassigned in the other region.
        ...(command.type === "REROUTE" ? { assigned_to: null, incomplete_marked_at: null } : {}),
        updated_at: now,
      })
      .where("id", "=", row.id)
      .execute();
    await trx
      .insertInto("application_events")
      .values({
        application_id: row.id,
        type: eventName(command.type),
        actor_user_id: userId,
        actor_role: "user" in acting ? acting.user.role : "system",
        actor_authority: actor.authority ?? null,
        from_status: row.status,
        to_status: status,
        reason: "reason" in command ? command.reason : command.type === "REQUEST_DOCUMENTS" ? command.message : null,
        detail: JSON.stringify(detail),
        version,
        created_at: now,
      })
      .execute();
    // What must leave the system because of this decision, written in the same transaction.
    await recordDecisionEffects(trx, { row, status, version, command, decision: after.context.decision, acting, now });
    return { version, status };
  }
}

/**
 * The deadline sweep (npm run jobs): every open case whose running clock is past due gets
 * a deemed grant where the law gives one, else is escalated, once. Safe to run twice or
 * beside another sweep: each case is one command against the version read.
 */
export async function sweepDeadlines(db: DB, now = new Date()): Promise<{ deemedGrants: number; escalations: number }> {
  const today = todayInBelgium(now);
  const due = await db
    .selectFrom("applications")
    .select(["id", "version", "legal_clock", "category", "escalated"])
    .where("due_on", "<", today)
    .where("legal_clock", "is not", null)
    .execute();
  let deemedGrants = 0;
  let escalations = 0;
  for (const row of due) {
    const action = overdueAction(row.legal_clock as CaseClock, row.category as ClockCategory, today);
    // Escalate once; a deemed grant is still due even on an escalated case.
    if (!action || (action === "DEADLINE_MISSED" && row.escalated)) continue;
    try {
      await applyCaseCommand(db, { system: true }, row.id, row.version, { type: action }, now);
      if (action === "DEEMED_GRANT") deemedGrants++;
      else escalations++;
    } catch (error) {
      // Someone acted on the case meanwhile: the next sweep looks again.
      if (!(error instanceof CaseConflictError || error instanceof CaseCommandRefused)) throw error;
    }
  }
  return { deemedGrants, escalations };
}
