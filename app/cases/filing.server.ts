import type { Transaction } from "kysely";
import { procedureLanguageFor, type Language, type RegionalAuthority } from "../../forms/authorities";
import { isEmploymentCategory } from "../../forms/employment";
import { identityMatches } from "../../forms/identity-match";
import { PERMANENT_FORM_VERSION } from "../../forms/permanent-application";
import { REGION_FORMS } from "../../forms/regions";
import type { FiledForm, PermanentApplicationData } from "../../forms/stored-forms";
import { FORM_VERSION, type SingleApplicationData } from "../../forms/universal-form";
import { clockAtSubmission, storedDueDate } from "../../workflows/case-clock";
import { CASE_LIFECYCLE_VERSION, caseStatus, initialCaseSnapshot, persistCase } from "../../workflows/case-lifecycle";
import { clockCategoryFor, todayInBelgium, type ClockCategory } from "../../workflows/legal-clock";
import type { DB } from "../db/db.server";
import type { Database } from "../db/schema";
import { ConflictError, ForbiddenError, NotFoundError } from "../errors";
import { isUuid } from "../ids";
import type { User } from "../identity/user";
import { lookUpPerson } from "../registers/national-register.server";
import { decideDraftAccess } from "./access.server";
import { findApplication, findWorkerByPersonNumber, insertCaseEvent, insertWorker, lockApplicationId, upsertFiledApplication } from "./cases.repository";
import { nextReference } from "./references.server";

export type Filed = { id: string; reference: string; created: boolean };

/**
 * Files an application once. Its id comes from the form the server rendered (the draft's),
 * so a double click, a resent form or a second tab finds the application already filed
 * and gets it back: one application, never two. `applicant` says whose it is: the
 * enterprise it is filed for (the draft's, fixed when the draft was started) or the resident.
 */
export async function fileOnce(
  db: DB,
  applicationId: string,
  applicant: { employerId: string | null; userId: string },
  create: (trx: Transaction<Database>) => Promise<string>,
): Promise<Filed> {
  return db.transaction().execute(async (trx) => {
    await lockApplicationId(trx, applicationId);
    const existing = await findApplication(trx, applicationId);
    if (existing) {
      // The draft becomes the application (same id, its documents stay attached); or it was filed already.
      const same = applicant.employerId !== null ? existing.employer_id === applicant.employerId : existing.created_by === applicant.userId;
      if (!same) throw new NotFoundError(`application ${applicationId} of another applicant`);
      if (existing.status !== "draft") return { id: existing.id, reference: existing.reference ?? "", created: false };
    }
    return { id: applicationId, reference: await create(trx), created: true };
  });
}

/**
 * A single-permit application for an enterprise, filed by one of its representatives. The
 * enterprise is the one the draft was started for; a representative who no longer holds
 * its mandate cannot file it (he is told so, and the draft stays).
 */
export async function submitNewApplication(
  db: DB,
  user: User,
  filing: { applicationId: string; employerId: string; data: SingleApplicationData; authority: RegionalAuthority; uiLanguage: Language },
  now = new Date(),
): Promise<Filed> {
  const { applicationId, employerId, data, authority, uiLanguage } = filing;
  if (user.role !== "employer") throw new ForbiddenError("only an enterprise's representative files a single permit");
  if (!user.mandates.some((mandate) => mandate.employerId === employerId)) throw new ConflictError("applicationForm.errors.mandateEnded");
  await confirmWorker(db, data);
  return fileOnce(db, applicationId, { employerId, userId: user.id }, async (trx) => {
    const worker = await workerFor(trx, data);
    return insertSubmittedApplication(trx, {
      applicationId,
      kind: "single",
      category: clockCategoryFor(isEmploymentCategory(data.category) ? data.category : "other"),
      employmentCategory: isEmploymentCategory(data.category) ? data.category : null,
      user,
      employerId,
      workerId: worker.id,
      authority,
      procedureLanguage: REGION_FORMS[authority].procedureLanguage?.(data.regional ?? {}) ?? procedureLanguageFor(authority, uiLanguage),
      formVersion: FORM_VERSION,
      // The interface language too: decisions get a courtesy copy in it (decision-effects.server.ts).
      filedForm: { kind: "single", ...data, uiLanguage },
      now,
    });
  });
}

/**
 * A long-term resident's own request for an unlimited permit: no employer; the worker
 * record is his entry in the national register (found by his national number).
 */
export async function submitPermanentApplication(
  db: DB,
  user: User,
  filing: { applicationId: string; data: PermanentApplicationData; authority: RegionalAuthority; uiLanguage: Language },
  now = new Date(),
): Promise<Filed> {
  const { applicationId, data, authority, uiLanguage } = filing;
  const personNumber = user.personNumber;
  if (user.role !== "resident" || !personNumber) throw new ForbiddenError("only a resident requests an unlimited permit");
  // The register is an outside system: asked before the filing's transaction, never inside it.
  const answer = await lookUpPerson(db, personNumber);
  if (answer.state === "unavailable") throw new ConflictError("newApplication.errors.registerUnavailable", answer.why);
  if (answer.state === "unknown") throw new ConflictError("permanent.errors.notInRegister");
  const { person } = answer;
  return fileOnce(db, applicationId, { employerId: null, userId: user.id }, async (trx) => {
    const worker =
      (await findWorkerByPersonNumber(trx, personNumber)) ??
      (await insertWorker(trx, {
        person_number: personNumber,
        family_name: person.familyName,
        given_names: person.givenNames,
        nationality: person.nationality,
        birth_date: person.birthDate,
        passport_number: null,
      }));
    return insertSubmittedApplication(trx, {
      applicationId,
      kind: "permanent",
      category: "permanent",
      employmentCategory: null,
      user,
      employerId: null,
      workerId: worker.id,
      authority,
      procedureLanguage: procedureLanguageFor(authority, uiLanguage),
      formVersion: PERMANENT_FORM_VERSION,
      filedForm: { kind: "permanent", ...data, uiLanguage },
      now,
    });
  });
}

/**
 * Writes a submitted application: its reference from the year's sequence, the lifecycle's
 * first state and the running clock, and the first history event. Shared by every kind.
 */
export async function insertSubmittedApplication(
  trx: Transaction<Database>,
  input: {
    applicationId: string;
    kind: Database["applications"]["kind"] & string;
    category: ClockCategory;
    employmentCategory: Database["applications"]["employment_category"];
    user: User;
    employerId: string | null;
    workerId: string;
    authority: RegionalAuthority;
    procedureLanguage: Language;
    formVersion: number;
    filedForm: FiledForm;
    now: Date;
    /** A change of employer: the case whose permit it changes, and whether the OE decides too. */
    changesApplicationId?: string;
    oeConcerned?: boolean;
  },
): Promise<string> {
  const { applicationId, user, authority, now } = input;
  const today = todayInBelgium(now);
  const reference = await nextReference(trx, Number(today.slice(0, 4)));
  const clock = clockAtSubmission(today, input.category);
  const snapshot = initialCaseSnapshot({
    kind: input.kind,
    authority,
    category: input.category,
    ...(input.oeConcerned !== undefined ? { oeConcerned: input.oeConcerned } : {}),
  });
  const status = caseStatus(snapshot);
  await upsertFiledApplication(trx, {
    id: applicationId,
    reference,
    kind: input.kind,
    status,
    created_by: user.id,
    employer_id: input.employerId,
    worker_id: input.workerId,
    competent_authority: authority,
    procedure_language: input.procedureLanguage,
    form_version: input.formVersion,
    filed_form: JSON.stringify(input.filedForm),
    employment_category: input.employmentCategory,
    machine_snapshot: JSON.stringify(persistCase(snapshot)),
    machine_version: CASE_LIFECYCLE_VERSION,
    version: 1,
    submitted_at: now,
    created_at: now,
    updated_at: now,
    category: input.category,
    legal_clock: JSON.stringify(clock),
    due_on: storedDueDate(clock, today),
    changes_application_id: input.changesApplicationId ?? null,
  });
  await insertCaseEvent(trx, {
    applicationId,
    type: "submitted",
    actor: { userId: user.id, role: user.role, authority: null },
    fromStatus: null,
    toStatus: status,
    reason: null,
    detail: { authority, employerId: input.employerId },
    version: 1,
    at: now,
  });
  return reference;
}

/** What a national number typed with names and a birth date comes to: the same person, another, or no answer from the register. */
export type WorkerCheck = { state: "matches" } | { state: "mismatch" } | { state: "unavailable"; why: string };

/**
 * With a national number, the names and birth date typed must be the register's person's.
 * When the register knows no such number, the portal's own worker of that number (filed
 * earlier) must be the same person: one national number, one worker, so a second employer
 * typing other names is told so rather than having his case tied to the first one's names.
 * The register is an outside system: this is asked before any transaction.
 */
export async function checkTypedWorker(db: DB, typed: { personNumber: string; givenNames: string; familyName: string; birthDate: string }): Promise<WorkerCheck> {
  const answer = await lookUpPerson(db, typed.personNumber);
  if (answer.state === "unavailable") return { state: "unavailable", why: answer.why };
  const same =
    answer.state === "found"
      ? identityMatches(typed, { ...answer.person, birthDate: answer.person.birthDate ?? "" })
      : await findWorkerByPersonNumber(db, typed.personNumber).then(
          (known) => !known || identityMatches(typed, { givenNames: known.given_names, familyName: known.family_name, birthDate: known.birth_date ?? "" }),
        );
  return { state: same ? "matches" : "mismatch" };
}

/** The worker step's check held again at filing: when the register cannot be reached the filing waits (409 with a message; the draft stays as it is). */
async function confirmWorker(db: DB, data: SingleApplicationData): Promise<void> {
  if (!data.personNumber) return;
  const check = await checkTypedWorker(db, data);
  if (check.state === "unavailable") throw new ConflictError("newApplication.errors.registerUnavailable", check.why);
  if (check.state === "mismatch") throw new ConflictError("newApplication.errors.personNumberMismatch");
}

/**
 * The worker the application is for: the person the portal already knows by that national
 * number (confirmWorker checked the register agrees), else a new one. Without a number,
 * every application names its worker anew; passport number and birth date still tie his
 * files together (earlier refusals).
 */
async function workerFor(trx: Transaction<Database>, data: SingleApplicationData): Promise<{ id: string }> {
  if (data.personNumber) {
    const known = await findWorkerByPersonNumber(trx, data.personNumber);
    if (known) return known;
  }
  return insertWorker(trx, {
    person_number: data.personNumber || null,
    family_name: data.familyName,
    given_names: data.givenNames,
    nationality: data.nationality,
    birth_date: data.birthDate,
    passport_number: data.passportNumber,
  });
}

/**
 * Is this id a draft this person may continue (then its page is the form's)? A draft he
 * may not continue is "not found", like any case that is not his: the answer must not
 * confirm that it exists.
 */
export async function isDraftOf(db: DB, user: User, id: string): Promise<boolean> {
  const row = isUuid(id) ? await findApplication(db, id) : undefined;
  if (row?.status !== "draft") return false;
  if (!decideDraftAccess(user, { status: row.status, employerId: row.employer_id }).allowed) throw new NotFoundError(`draft ${id}`);
  return true;
}
