import type { Transaction } from "kysely";
import { clockAfter, filedOnOf, mayExtend, overdueAction, storedDueDate, type CaseClock } from "../../workflows/case-clock";
import {
  CASE_LIFECYCLE_VERSION,
  caseStatus,
  caseTransition,
  oePreChecksPending,
  persistCase,
  restoreCase,
  type CaseEvent,
} from "../../workflows/case-lifecycle";
import { isOpen, type CaseStatus } from "../../workflows/case-status";
import { termEnd, termFor, todayInBelgium } from "../../workflows/legal-clock";
import type { DB } from "../db/db.server";
import type { Database } from "../db/schema";
import { recordDecisionEffects } from "../delivery/decision-effects.server";
import { ConflictError, InvalidInputError, NotFoundError } from "../errors";
import { caseActorFor, caseFacts, decideCaseAccess, requireCase } from "./access.server";
import type { Acting, CaseCommand } from "./case-command";

export type { Acting, CaseCommand };
import {
  casesPastDue,
  closeOpenRequests,
  hasUnansweredItem,
  insertCaseEvent,
  insertDocumentRequest,
  lapsedRequests,
  lockApplication,
  updateApplication,
} from "./cases.repository";

/** The case changed since the user opened it: nothing was written. */
export class CaseConflictError extends ConflictError {
  constructor() {
    super("caseActions.errors.conflict", "case-conflict");
  }
}

/** The lifecycle does not allow this command in this state, for this person. */
export class CaseCommandRefused extends ConflictError {
  constructor() {
    super("caseActions.errors.refused", "case-command-refused");
  }
}

/** An answer to a request for documents must bring at least one file for every item asked. */
export class MissingDocumentsError extends InvalidInputError {
  constructor() {
    super({}, "requests.errors.missingDocuments");
  }
}

/** Commands the applicant's side sends; every other one is an officer's or the system's. */
const APPLICANT_COMMANDS: ReadonlySet<CaseCommand["type"]> = new Set(["WITHDRAW", "DOCUMENTS_PROVIDED"]);


const purposeOf = (command: CaseCommand) => (APPLICANT_COMMANDS.has(command.type) ? "act-as-applicant" : "handle");

/** How an event is named in the history (i18n key events.<name>). */
export function eventName(type: CaseCommand["type"]): string {
  return type.toLowerCase().replaceAll("_", "-");
}

/** The day a case was filed: its clock says so, or (clocks stored before it did) its submission. */
function filedOnOfRow(row: { legal_clock: CaseClock | null; submitted_at: Date | string | null }): string {
  if (row.legal_clock?.clock.filedOn) return row.legal_clock.clock.filedOn;
  return row.submitted_at ? todayInBelgium(new Date(row.submitted_at)) : row.legal_clock ? filedOnOf(row.legal_clock) : "1970-01-01";
}

function toEvent(command: CaseCommand, acting: Acting, filedOn: string): CaseEvent {
  const actor = caseActorFor(acting, purposeOf(command));
  switch (command.type) {
    case "REQUEST_DOCUMENTS":
      return { type: "REQUEST_DOCUMENTS", actor };
    case "DEEMED_GRANT":
    case "DEADLINE_MISSED":
      return { type: command.type, actor, filedOn };
    case "REFUSE_WORK":
    case "REFUSE_RESIDENCE":
    case "END_EMPLOYMENT":
    case "EXTEND_TERM":
    case "EMPLOYER_CHANGED":
      return { type: command.type, reason: command.reason, actor };
    case "REVOKE":
      return { type: "REVOKE", reason: command.reason, ...(command.ground ? { ground: command.ground } : {}), actor };
    case "DECLARE_INADMISSIBLE":
      return { type: "DECLARE_INADMISSIBLE", reason: command.reason, ground: command.ground, actor };
    case "SET_CLOCK_CATEGORY":
      return { type: "SET_CLOCK_CATEGORY", category: command.category, reason: command.reason, actor };
    case "REQUEST_LAPSED":
      return { type: "REQUEST_LAPSED", dueOn: command.dueOn, actor };
    case "REROUTE":
      return { type: "REROUTE", to: command.to, reason: command.reason, actor };
    default:
      return { type: command.type, actor };
  }
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
  await requireCase(db, acting, applicationId, purposeOf(command), { action: "act" });
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
  const row = await lockApplication(trx, applicationId);
  if (!row || row.status === "draft" || !row.machine_snapshot) throw new NotFoundError(`case ${applicationId}`);
  // Stale page, or the case moved (e.g. rerouted) between the access check and the lock.
  const stillAllowed = decideCaseAccess(acting, await caseFacts(trx, row), purposeOf(command)).allowed;
  if ((expectedVersion !== null && row.version !== expectedVersion) || !stillAllowed) throw new CaseConflictError();

  const clock = row.legal_clock;
  const filedOn = filedOnOfRow(row);
  // The recast's extension is notified once, and only where the filing's rules have one.
  if (command.type === "EXTEND_TERM" && !mayExtend(clock)) throw new CaseCommandRefused();
  const result = caseTransition(restoreCase(row.machine_snapshot), toEvent(command, acting, filedOn));
  if (!result.ok) throw new CaseCommandRefused();
  const after = result.snapshot;
  const status = caseStatus(after);
  const today = todayInBelgium(now);
  const nextClock = clock ? clockAfter(clock, command.type, today, after.context.category, filedOn) : null;
  const version = row.version + 1;
  const userId = "user" in acting ? acting.user.id : null;
  const authority = "user" in acting ? acting.user.authority : null;
  const detail: Record<string, unknown> = {};

  if (command.type === "DOCUMENTS_PROVIDED" && (await hasUnansweredItem(trx, row.id))) throw new MissingDocumentsError();
  if (command.type === "REQUEST_DOCUMENTS") {
    detail.requestId = await insertDocumentRequest(trx, {
      applicationId: row.id,
      requestedBy: userId!,
      authority: authority ?? "",
      message: command.message,
      // 15 days, the last one moved off a weekend or legal holiday (legal-clock.ts).
      dueOn: termEnd(today, termFor("request-answer", filedOn).length),
      at: now,
      items: command.items,
    });
    detail.items = command.items;
  }
  // Answered, or moot: the file moved to another region or the case ended.
  if (command.type === "DOCUMENTS_PROVIDED" || command.type === "REROUTE" || !isOpen(status)) await closeOpenRequests(trx, row.id, now);
  // A reroute keeps the original dates (case-clock.ts): the history says which.
  if (command.type === "REROUTE") Object.assign(detail, { from: row.competent_authority, to: command.to, filedOn, admissibleOn: clock?.phase === "decision" ? clock.clock.startedOn : null });
  if (command.type === "SET_CLOCK_CATEGORY") Object.assign(detail, { from: row.category, to: command.category });
  if (command.type === "REQUEST_LAPSED") detail.dueOn = command.dueOn;
  if (command.type === "EXTEND_TERM" && nextClock) detail.extensionDays = nextClock.clock.extensionDays;
  if ((command.type === "DECLARE_INADMISSIBLE" || command.type === "REVOKE") && after.context.decision?.ground) detail.ground = after.context.decision.ground;
  if (after.context.decision?.annex) detail.annex = after.context.decision.annex;

  await updateApplication(trx, row.id, {
    status,
    machine_snapshot: JSON.stringify(persistCase(after)),
    machine_version: CASE_LIFECYCLE_VERSION,
    version,
    competent_authority: after.context.authority,
    category: after.context.category,
    oe_pre_checks_pending: oePreChecksPending(after),
    legal_clock: nextClock ? JSON.stringify(nextClock) : null,
    due_on: storedDueDate(nextClock, today),
    escalated: after.context.escalated,
    decided_at: isOpen(status) ? null : (row.decided_at ?? now),
    // The day the file was complete, kept after the clock is gone: the published processing times count from it.
    ...(row.complete_on === null && nextClock?.phase === "decision" ? { complete_on: nextClock.clock.startedOn } : {}),
    // A rerouted case arrives unassigned in the other region.
    ...(command.type === "REROUTE" ? { assigned_to: null, incomplete_marked_at: null } : {}),
    updated_at: now,
  });
  await insertCaseEvent(trx, {
    applicationId: row.id,
    // A change of employer allowed by the window's lapse has no annex 47: its own line in the history.
    type: row.kind === "change-of-employer" && command.type === "DEEMED_GRANT" ? "change-allowed-by-law" : eventName(command.type),
    actor: { userId, role: "user" in acting ? acting.user.role : "system", authority: "user" in acting && purposeOf(command) === "handle" ? authority : null },
    fromStatus: row.status,
    toStatus: status,
    reason: "reason" in command ? (command.reason ?? null) : command.type === "REQUEST_DOCUMENTS" ? command.message : null,
    detail,
    version,
    at: now,
    // The authority that held the case when the step was taken: a reroute's line is the region it left.
    authority: row.competent_authority,
  });
  // What must leave the system because of this decision, written in the same transaction.
  await recordDecisionEffects(trx, { row, status, version, command, decision: after.context.decision, acting, now });
  // A change of employer allowed (by the region, the OE or the lapse of the window): the permit
  // it changes ends in the same transaction, so the cadastre and the e-Boxes get both changes.
  if (status === "granted" && row.kind === "change-of-employer" && row.changes_application_id) {
    await applyCaseCommandIn(trx, { system: true }, row.changes_application_id, null, { type: "EMPLOYER_CHANGED", reason: `change of employer ${row.reference ?? row.id}` }, now);
  }
  return { version, status };
}

/** The cases a deadline sweep acted on, by reference. */
export interface SweepReferences {
  deemedGrants: string[];
  escalations: string[];
  proposals: string[];
}

/**
 * The deadline sweep (npm run jobs): every open case whose running clock is past due gets
 * a deemed grant where the law gives one, else is escalated, once; every request for
 * documents that lapsed unanswered gets a proposal to declare the file inadmissible, which
 * an officer confirms (no source gives the lapse an automatic legal effect). Safe to run
 * twice or beside another sweep: each case is one command against the version read. One
 * case that fails is logged and the sweep goes on with the others.
 */
export async function sweepDeadlines(
  db: DB,
  now = new Date(),
  log: (message: string, error: unknown) => void = console.error,
): Promise<{ deemedGrants: number; escalations: number; proposals: number; failed: number; references: SweepReferences }> {
  const today = todayInBelgium(now);
  let deemedGrants = 0;
  let escalations = 0;
  let proposals = 0;
  let failed = 0;
  // Which cases it acted on, by reference: what `npm run jobs` prints.
  const references: SweepReferences = { deemedGrants: [], escalations: [], proposals: [] };
  for (const lapsed of await lapsedRequests(db, today)) {
    try {
      await applyCaseCommand(db, { system: true }, lapsed.id, lapsed.version, { type: "REQUEST_LAPSED", dueOn: lapsed.due_on }, now);
      proposals++;
      references.proposals.push(lapsed.reference ?? lapsed.id);
    } catch (error) {
      // Proposed already, answered meanwhile, or someone acted: nothing to do.
      if (error instanceof CaseConflictError || error instanceof CaseCommandRefused) continue;
      failed++;
      log(`deadline sweep: case ${lapsed.id} skipped`, error);
    }
  }
  for (const row of await casesPastDue(db, today)) {
    try {
      const action = row.legal_clock ? overdueAction(row.legal_clock, row.category, today) : null;
      // Escalate once; a deemed grant is still due even on an escalated case.
      if (!action || (action === "DEADLINE_MISSED" && row.escalated)) continue;
      await applyCaseCommand(db, { system: true }, row.id, row.version, { type: action }, now);
      if (action === "DEEMED_GRANT") {
        deemedGrants++;
        references.deemedGrants.push(row.reference ?? row.id);
      } else {
        escalations++;
        references.escalations.push(row.reference ?? row.id);
      }
    } catch (error) {
      // Someone acted on the case meanwhile: the next sweep looks again.
      if (error instanceof CaseConflictError || error instanceof CaseCommandRefused) continue;
      failed++;
      log(`deadline sweep: case ${row.id} skipped`, error);
    }
  }
  return { deemedGrants, escalations, proposals, failed, references };
}
