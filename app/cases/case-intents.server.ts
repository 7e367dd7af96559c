import { isRegionalAuthority } from "../../forms/authorities";
import type { FieldErrors } from "../../forms/errors";
import { BIDI_CONTROL, textError } from "../../forms/text";
import { INADMISSIBILITY_GROUNDS, REVOCATION_GROUNDS, type InadmissibilityGround, type RevocationGround } from "../../workflows/case-lifecycle";
import { isClockCategory } from "../../workflows/legal-clock";
import type { DB } from "../db/db.server";
import { removeRequestedDocument } from "../documents/documents.server";
import { ConflictError, ForbiddenError, InvalidInputError } from "../errors";
import type { User } from "../identity/user";
import { retryDelivery } from "../outbox/outbox.server";
import { requireCase } from "./access.server";
import { applyCaseCommand, CaseCommandRefused, CaseConflictError, type CaseCommand } from "./case-commands.server";
import { caseActionsFor } from "./case-view.server";
import { insertCaseMessage, savePendingDecision } from "./cases.repository";
import { isDecisionOutcome, PENDING_DECISION_HOURS } from "./decision-outcomes";
import { setCaseHousekeeping } from "./officer-queue.server";
import { readEndOfEmployment, recordEndOfEmployment } from "../permits/end-of-employment.server";

/**
 * What the two case pages can post, as tables of intents: the applicant's page
 * (applications.$id) and the officer's (officer.cases.$id). Each intent reads the posted
 * text values it needs, checks them, and calls one service. Field problems and a case that
 * moved on come back as an outcome the page shows beside the form; nothing here knows HTTP.
 */
export type Values = Readonly<Record<string, string>>;
export type IntentOutcome =
  | { ok: true; goTo?: "queue" | "case" }
  /** A decision chosen, waiting on its confirmation page. */
  | { ok: true; goTo: "confirm"; decisionId: string }
  | { ok: false; errors: FieldErrors; formError: string | null; conflict: boolean };

type Intent = (db: DB, user: User, caseId: string, values: Values, now: Date) => Promise<IntentOutcome>;

const MAX_REASON = 2000;
const MAX_ITEMS = 10;
const MAX_ITEM_LENGTH = 200;
const MAX_MESSAGE = 4000;

const done: IntentOutcome = { ok: true };
const invalid = (errors: FieldErrors): IntentOutcome => ({ ok: false, errors, formError: null, conflict: false });

/** A posted text value, trimmed; whether it is too long is the intent's to say. */
const text = (values: Values, name: string) => (values[name] ?? "").trim();

/** A free text's problem (a bidi control, too many characters), or null. */
const tooLong = (value: string, max: number) => textError(value, max, "caseActions.errors.tooLong");

function reasonError(reason: string) {
  if (!reason) return { key: "caseActions.errors.reasonRequired" };
  return tooLong(reason, MAX_REASON);
}

/** Reads a lifecycle command from the posted values, or says which fields are wrong. */
export function parseCaseCommand(intent: string, values: Values): { command: CaseCommand } | { errors: FieldErrors } | null {
  switch (intent) {
    case "WITHDRAW":
    case "DOCUMENTS_PROVIDED":
      return { command: { type: intent } };
    case "DECLARE_COMPLETE":
    case "AUTHORISE_WORK":
    case "PRE_CHECKS_DONE":
    case "GRANT_RESIDENCE": {
      // Reasons are optional here; what the officer writes is kept, never dropped.
      const reason = text(values, "reason");
      const error = reason ? tooLong(reason, MAX_REASON) : null;
      if (error) return { errors: { reason: error } };
      return { command: reason ? { type: intent, reason } : { type: intent } };
    }
    case "REFUSE_WORK":
    case "REFUSE_RESIDENCE":
    case "END_EMPLOYMENT":
    case "EXTEND_TERM": {
      const reason = text(values, "reason");
      const error = reasonError(reason);
      return error ? { errors: { reason: error } } : { command: { type: intent, reason } };
    }
    case "REVOKE": {
      const reason = text(values, "reason");
      const ground = text(values, "ground");
      const errors: FieldErrors = {};
      const error = reasonError(reason);
      if (error) errors.reason = error;
      if (!(REVOCATION_GROUNDS as readonly string[]).includes(ground)) errors.ground = { key: "caseActions.errors.chooseGround" };
      return Object.keys(errors).length > 0 ? { errors } : { command: { type: "REVOKE", reason, ground: ground as RevocationGround } };
    }
    case "DECLARE_INADMISSIBLE": {
      const reason = text(values, "reason");
      const ground = text(values, "ground");
      const errors: FieldErrors = {};
      const error = reasonError(reason);
      if (error) errors.reason = error;
      if (!(INADMISSIBILITY_GROUNDS as readonly string[]).includes(ground)) errors.ground = { key: "caseActions.errors.chooseGround" };
      return Object.keys(errors).length > 0 ? { errors } : { command: { type: "DECLARE_INADMISSIBLE", reason, ground: ground as InadmissibilityGround } };
    }
    case "SET_CLOCK_CATEGORY": {
      const reason = text(values, "reason");
      const category = text(values, "category");
      const errors: FieldErrors = {};
      const error = reasonError(reason);
      if (error) errors.reason = error;
      if (!isClockCategory(category)) errors.category = { key: "caseActions.errors.chooseClock" };
      return isClockCategory(category) && !error ? { command: { type: "SET_CLOCK_CATEGORY", category, reason } } : { errors };
    }
    case "REROUTE": {
      const reason = text(values, "reason");
      const to = text(values, "to");
      const errors: FieldErrors = {};
      if (!isRegionalAuthority(to)) errors.to = { key: "caseActions.errors.chooseRegion" };
      const error = reasonError(reason);
      if (error) errors.reason = error;
      return isRegionalAuthority(to) && !error ? { command: { type: "REROUTE", to, reason } } : { errors };
    }
    case "REQUEST_DOCUMENTS": {
      const message = text(values, "message");
      const items = text(values, "items")
        .split(/\r?\n/)
        .map((line) => line.trim())
        .filter(Boolean);
      const errors: FieldErrors = {};
      if (items.length === 0) errors.items = { key: "caseActions.errors.itemsRequired" };
      else if (items.some((item) => BIDI_CONTROL.test(item))) errors.items = { key: "form.errors.bidiControl" };
      else if (items.length > MAX_ITEMS || items.some((item) => tooLong(item, MAX_ITEM_LENGTH))) {
        errors.items = { key: "caseActions.errors.itemsTooMany", values: { max: MAX_ITEMS } };
      }
      const messageError = message ? tooLong(message, MAX_REASON) : { key: "caseActions.errors.messageRequired" };
      if (messageError) errors.message = messageError;
      return Object.keys(errors).length > 0 ? { errors } : { command: { type: "REQUEST_DOCUMENTS", message, items } };
    }
    default:
      return null;
  }
}

/** The version the page showed: a plain positive whole number that fits the column ("1e3", "-0" or 20 digits are none). */
function postedVersion(values: Values): number {
  const version = /^[1-9]\d{0,8}$/.test(text(values, "version")) ? Number(text(values, "version")) : NaN;
  if (Number.isNaN(version)) throw new InvalidInputError({ version: { key: "form.errors.invalid" } });
  return version;
}

/** Runs a lifecycle command against the version the page showed; a stale page or a refused step is a message. */
function lifecycleCommand(intent: string): Intent {
  return async (db, user, caseId, values, now) => {
    const parsed = parseCaseCommand(intent, values);
    if (!parsed) throw new InvalidInputError({}, "caseActions.errors.refused");
    if ("errors" in parsed) return invalid(parsed.errors);
    const version = postedVersion(values);
    await applyCaseCommand(db, { user }, caseId, version, parsed.command, now);
    return { ok: true, goTo: parsed.command.type === "REROUTE" ? "queue" : "case" };
  };
}

/**
 * The "Decide" form: one outcome of those the case allows now, with its reasons and ground.
 * Nothing is applied: the choice is kept for this officer and this case's version, and the
 * confirmation page (officer.cases.$id_.confirm) restates it before it is recorded
 * (case-decisions.server.ts). The same checks as the step itself run now, so the officer
 * hears of a missing reason or a case that moved on before he is asked to confirm.
 */
const chooseDecision: Intent = async (db, user, caseId, values, now) => {
  const outcome = text(values, "outcome");
  if (!isDecisionOutcome(outcome)) return invalid({ outcome: { key: "decide.errors.chooseOutcome" } });
  const parsed = parseCaseCommand(outcome, values);
  if (!parsed) throw new InvalidInputError({}, "caseActions.errors.refused");
  if ("errors" in parsed) return invalid(parsed.errors);
  const version = postedVersion(values);
  const row = await requireCase(db, { user }, caseId, "handle", { action: "act" });
  if (row.version !== version) throw new CaseConflictError();
  if (!(await caseActionsFor(db, row, user, "handle")).includes(outcome)) throw new CaseCommandRefused();
  const command = parsed.command;
  const decisionId = await savePendingDecision(
    db,
    {
      applicationId: row.id,
      officerUserId: user.id,
      version,
      outcome,
      ground: "ground" in command ? (command.ground ?? null) : null,
      reason: "reason" in command ? (command.reason ?? null) : null,
      at: now,
    },
    new Date(now.getTime() - PENDING_DECISION_HOURS * 3_600_000),
  );
  return { ok: true, goTo: "confirm", decisionId };
};

/** A message in the case's thread, from the applicant's side or an officer who handles the case. */
const postMessage: Intent = async (db, user, caseId, values) => {
  const body = text(values, "body");
  if (!body) return invalid({ body: { key: "caseActions.errors.messageRequired" } });
  const bodyError = tooLong(body, MAX_MESSAGE);
  if (bodyError) return invalid({ body: bodyError });
  await insertCaseMessage(db, { applicationId: caseId, authorUserId: user.id, authorRole: user.role, authorAuthority: user.authority, body });
  return done;
};

/**
 * The employer reports that the employment ended (docs/domain.md §5): recorded on the case
 * and in its history, where the region sees it and revokes the work authorisation; the
 * worker's unemployment clock starts (app/permits/end-of-employment.server.ts).
 */
const reportEndOfEmployment: Intent = async (db, user, caseId, values, now) => {
  // The employer's report: a resident's own unlimited permit has no employer to report it.
  if (user.role !== "employer") throw new ForbiddenError("only the employer reports the end of an employment");
  const report = readEndOfEmployment(values, now);
  if (!report.ok) return invalid(report.errors);
  await recordEndOfEmployment(db, user, caseId, report, now);
  return done;
};

const takeBackDocument: Intent = async (db, user, caseId, values, now) => {
  const row = await requireCase(db, { user }, caseId, "act-as-applicant");
  await removeRequestedDocument(db, user, row, text(values, "documentId"), now);
  return done;
};

const APPLICANT_INTENTS: Record<string, Intent> = {
  "remove-document": takeBackDocument,
  "end-of-employment": reportEndOfEmployment,
  message: postMessage,
  DOCUMENTS_PROVIDED: lifecycleCommand("DOCUMENTS_PROVIDED"),
  WITHDRAW: lifecycleCommand("WITHDRAW"),
};

const housekeeping =
  (change: Parameters<typeof setCaseHousekeeping>[3]): Intent =>
  async (db, user, caseId) => {
    await setCaseHousekeeping(db, user, caseId, change);
    return done;
  };

/** The steps an officer takes in one post; the decisions (decision-outcomes.ts) go through "decide" and its confirmation. */
const OFFICER_COMMANDS = [
  "SET_CLOCK_CATEGORY",
  "EXTEND_TERM",
  "REROUTE",
  "REQUEST_DOCUMENTS",
];

const OFFICER_INTENTS: Record<string, Intent> = {
  claim: housekeeping({ assign: "me" }),
  release: housekeeping({ assign: "nobody" }),
  "mark-incomplete": housekeeping({ incompleteMarker: true }),
  "unmark-incomplete": housekeeping({ incompleteMarker: false }),
  "retry-delivery": async (db, _user, caseId, values) => {
    await retryDelivery(db, caseId, Number(text(values, "outboxId")));
    return done;
  },
  message: postMessage,
  decide: chooseDecision,
  ...Object.fromEntries(OFFICER_COMMANDS.map((command) => [command, lifecycleCommand(command)])),
};

const CHECKS_ITS_OWN_ACCESS = new Set([
  ...OFFICER_COMMANDS,
  "decide",
  "DOCUMENTS_PROVIDED",
  "WITHDRAW",
  "claim",
  "release",
  "mark-incomplete",
  "unmark-incomplete",
  "remove-document",
]);

async function runIntent(
  table: Record<string, Intent>,
  purpose: "act-as-applicant" | "handle",
  db: DB,
  user: User,
  caseId: string,
  values: Values,
  now: Date,
): Promise<IntentOutcome> {
  const name = values.intent ?? "";
  const intent = Object.hasOwn(table, name) ? table[name] : undefined;
  if (!intent) throw new InvalidInputError({}, "caseActions.errors.unknownAction");
  // Every intent is a use of the case for this purpose (an officer's is logged); the lifecycle
  // commands, housekeeping and taking back a document check it themselves.
  if (!CHECKS_ITS_OWN_ACCESS.has(name)) await requireCase(db, { user }, caseId, purpose, { action: "act" });
  try {
    return await intent(db, user, caseId, values, now);
  } catch (error) {
    if (error instanceof ConflictError) return { ok: false, errors: {}, formError: error.messageKey, conflict: true };
    if (error instanceof InvalidInputError && error.messageKey) return { ok: false, errors: error.errors, formError: error.messageKey, conflict: false };
    throw error;
  }
}

/** The applicant's side acting on its case: only the applicant, never a worker who follows it. */
export function runApplicantIntent(db: DB, user: User, caseId: string, values: Values, now = new Date()) {
  return runIntent(APPLICANT_INTENTS, "act-as-applicant", db, user, caseId, values, now);
}

/** An officer acting on a case he handles. */
export function runOfficerIntent(db: DB, user: User, caseId: string, values: Values, now = new Date()) {
  return runIntent(OFFICER_INTENTS, "handle", db, user, caseId, values, now);
}
