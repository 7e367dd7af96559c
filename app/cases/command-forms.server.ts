import { isRegionalAuthority } from "../../forms/authorities";
import type { FieldErrors } from "../../forms/errors";
import { getDb } from "../db/db.server";
import type { User } from "../identity/auth.server";
import {
  applyCaseCommand,
  CaseCommandRefused,
  CaseConflictError,
  MissingDocumentsError,
  type CaseCommand,
} from "./case-commands.server";
import { field } from "../http/form.server";

const MAX_REASON = 2000;
const MAX_ITEMS = 10;

const SIMPLE = ["DECLARE_COMPLETE", "AUTHORISE_WORK", "PRE_CHECKS_DONE", "GRANT_RESIDENCE", "WITHDRAW", "DOCUMENTS_PROVIDED"] as const;
const WITH_REASON = ["REFUSE_WORK", "REFUSE_RESIDENCE", "REVOKE"] as const;

/** Reads a lifecycle command from a posted form, or says which fields are wrong. */
export function parseCaseCommand(form: FormData): { command: CaseCommand } | { errors: FieldErrors } | null {
  const intent = field(form, "intent", 40);
  if ((SIMPLE as readonly string[]).includes(intent)) return { command: { type: intent as (typeof SIMPLE)[number] } };
  const reason = field(form, "reason", MAX_REASON + 1);
  const reasonError = !reason
    ? { key: "caseActions.errors.reasonRequired" }
    : reason.length > MAX_REASON
      ? { key: "caseActions.errors.tooLong", values: { max: MAX_REASON } }
      : null;
  if ((WITH_REASON as readonly string[]).includes(intent)) {
    if (reasonError) return { errors: { reason: reasonError } };
    return { command: { type: intent as (typeof WITH_REASON)[number], reason } };
  }
  if (intent === "REROUTE") {
    const to = field(form, "to", 20);
    const errors: FieldErrors = {};
    if (!isRegionalAuthority(to)) errors.to = { key: "caseActions.errors.chooseRegion" };
    if (reasonError) errors.reason = reasonError;
    if (Object.keys(errors).length > 0 || !isRegionalAuthority(to)) return { errors };
    return { command: { type: "REROUTE", to, reason } };
  }
  if (intent === "REQUEST_DOCUMENTS") {
    const message = field(form, "message", MAX_REASON + 1);
    const items = field(form, "items", 5000)
      .split(/\r?\n/)
      .map((line) => line.trim())
      .filter(Boolean);
    const errors: FieldErrors = {};
    if (items.length === 0) errors.items = { key: "caseActions.errors.itemsRequired" };
    else if (items.length > MAX_ITEMS || items.some((item) => item.length > 200)) {
      errors.items = { key: "caseActions.errors.itemsTooMany", values: { max: MAX_ITEMS } };
    }
    if (!message) errors.message = { key: "caseActions.errors.messageRequired" };
    else if (message.length > MAX_REASON) errors.message = { key: "caseActions.errors.tooLong", values: { max: MAX_REASON } };
    if (Object.keys(errors).length > 0) return { errors };
    return { command: { type: "REQUEST_DOCUMENTS", message, items } };
  }
  return null;
}

export type CommandOutcome = { ok: true } | { ok: false; status: 400 | 409; errors: FieldErrors; formError?: string };

/** Parses and runs a command from a case page; a stale page or a refused step is a message, not a 500. */
export async function runCaseCommand(user: User, applicationId: string, form: FormData): Promise<CommandOutcome | null> {
  const parsed = parseCaseCommand(form);
  if (!parsed) return null;
  if ("errors" in parsed) return { ok: false, status: 400, errors: parsed.errors };
  const version = Number(field(form, "version", 12));
  if (!Number.isInteger(version) || version < 1) throw new Response("Bad Request", { status: 400 });
  try {
    await applyCaseCommand(await getDb(), { user }, applicationId, version, parsed.command);
    return { ok: true };
  } catch (error) {
    if (error instanceof CaseConflictError) return { ok: false, status: 409, errors: {}, formError: "caseActions.errors.conflict" };
    if (error instanceof CaseCommandRefused) return { ok: false, status: 409, errors: {}, formError: "caseActions.errors.refused" };
    if (error instanceof MissingDocumentsError) {
      return { ok: false, status: 400, errors: {}, formError: "requests.errors.missingDocuments" };
    }
    throw error;
  }
}

const MAX_MESSAGE = 4000;

/** A message in the case's thread, from the applicant's side or an officer who may see the case. */
export async function postCaseMessage(user: User, applicationId: string, form: FormData): Promise<FieldErrors | null> {
  const body = field(form, "body", MAX_MESSAGE + 1);
  if (!body) return { body: { key: "caseActions.errors.messageRequired" } };
  if (body.length > MAX_MESSAGE) return { body: { key: "caseActions.errors.tooLong", values: { max: MAX_MESSAGE } } };
  const db = await getDb();
  await db
    .insertInto("case_messages")
    .values({
      application_id: applicationId,
      author_user_id: user.id,
      author_role: user.role,
      author_authority: user.authority,
      body,
    })
    .execute();
  return null;
}

/**
 * The employer reports that the employment ended (docs/domain.md §5): recorded on the case
 * and in its history, where the region sees it and revokes the work authorisation.
 */
export async function reportEndOfEmployment(user: User, applicationId: string, form: FormData, today: string): Promise<FieldErrors | null> {
  const endedOn = field(form, "endedOn", 10);
  const note = field(form, "note", 2001);
  if (!/^\d{4}-\d{2}-\d{2}$/.test(endedOn) || Number.isNaN(Date.parse(endedOn))) return { endedOn: { key: "endOfEmployment.errors.date" } };
  if (endedOn > today) return { endedOn: { key: "endOfEmployment.errors.future" } };
  if (note.length > 2000) return { note: { key: "caseActions.errors.tooLong", values: { max: 2000 } } };
  const db = await getDb();
  await db.transaction().execute(async (trx) => {
    const row = await trx.selectFrom("applications").select(["version", "status"]).where("id", "=", applicationId).forUpdate().executeTakeFirstOrThrow();
    if (row.status !== "issued" && row.status !== "granted") throw new Response("Conflict", { status: 409 });
    await trx.updateTable("applications").set({ end_of_employment_reported_on: endedOn }).where("id", "=", applicationId).execute();
    await trx
      .insertInto("application_events")
      .values({
        application_id: applicationId,
        type: "end-of-employment-reported",
        actor_user_id: user.id,
        actor_role: user.role,
        actor_authority: null,
        from_status: row.status,
        to_status: row.status,
        reason: note || null,
        detail: JSON.stringify({ endedOn }),
        version: row.version,
      })
      .execute();
  });
  return null;
}
