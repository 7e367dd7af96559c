import { randomUUID } from "node:crypto";
import type { Language } from "../../forms/authorities";
import { documentItemField, itemOfField, type UploadRejection } from "../../forms/documents";
import { readStepValues, validateStep, type StepResult, type StepValues } from "../../forms/form-definition";
import { formatEnterpriseNumber } from "../../forms/identifiers";
import { identityMatches } from "../../forms/identity-match";
import type { DraftForm } from "../../forms/stored-forms";
import { applicationData, FORM_VERSION, requiredDocuments, stepDefinition, type Answers } from "../../forms/universal-form";
import { formProgress, mayOpenStep, recheckSteps, type FormFacts, type FormProgress } from "../../workflows/application-form";
import { clockCategoryFor, titleEndsBeforeDecision, todayInBelgium } from "../../workflows/legal-clock";
import { isEmploymentCategory } from "../../forms/employment";
import { decideCaseAccess, decideDraftAccess, caseFacts } from "../cases/access.server";
import { findApplication } from "../cases/cases.repository";
import { checkTypedWorker, submitNewApplication } from "../cases/filing.server";
import type { DB } from "../db/db.server";
import { documentsOf, removeDraftDocument, storeDocument, type DocumentListing } from "../documents/documents.server";
import type { DocumentStore } from "../documents/store.server";
import { ConflictError, ForbiddenError, NotFoundError } from "../errors";
import { isUuid } from "../ids";
import type { User } from "../identity/user";
import { lostMandateFor, recordMandateRefusal } from "../identity/mandates.server";
import { lookUpPerson, type RegisteredPerson } from "../registers/national-register.server";
import { applicationStatus, deleteDraftRow, findDraftWithEmployer, findPermitCase, insertDraft, refreshEmployerCopy, saveDraftFormIfUnchanged } from "./drafts.repository";
import { lookUpEnterprise } from "../registers/enterprise-register.server";

/**
 * The universal single-permit form as the employer fills it in: a draft on the server
 * (an `applications` row in status "draft", pinned to the form version it started on and
 * to the enterprise it was started for), saved at every step, continued by any
 * representative of that enterprise, then filed once. The form's flow
 * (workflows/application-form.ts) decides which steps exist and which may be opened; each
 * step's answers are checked by its definition (forms/).
 */

/** The enterprise as the register knows it, shown on the employer step and never editable. */
export interface RegisteredEmployer {
  id: string;
  name: string;
  enterpriseNumber: string;
  address: string;
  postalCode: string;
  source: string;
  sourceDate: string;
}

export interface FormDraft {
  id: string;
  formVersion: number;
  /** Started on an earlier version of the questions: every answer must be looked at again. */
  outdated: boolean;
  facts: FormFacts;
  progress: FormProgress;
  employer: RegisteredEmployer;
  renewalOf: string | null;
  /** The stored form as read: a save only lands if nobody else saved since (two tabs). */
  stored: DraftForm;
}

const WORKER_IDENTITY = ["givenNames", "familyName", "nationality", "birthDate", "passportNumber", "personNumber"];

/** The non-empty text values of these keys of a stored record. */
function pickText(record: Readonly<Record<string, unknown>>, keys: readonly string[]): StepValues {
  return Object.fromEntries(
    keys.map((key) => [key, record[key]] as const).filter((entry): entry is readonly [string, string] => typeof entry[1] === "string" && entry[1] !== ""),
  );
}

/** Answers of a version-1 draft (one page of questions) moved to the steps that ask them now. */
function upgradeVersion1(values: Readonly<Record<string, unknown>>): Answers {
  return {
    worker: pickText(values, WORKER_IDENTITY),
    employment: pickText(values, ["category", "jobTitle", "placeOfWorkPostalCode", "employmentEnd", "grossAnnualSalary"]),
  };
}

/**
 * For a worker filing from within Belgium: does his residence title end before the legal
 * bound of a decision on a file submitted today? Shown on the check page before filing.
 */
export function residenceTitleWarning(answers: Answers, now = new Date()) {
  const worker = answers.worker ?? {};
  const category = answers.employment?.category;
  if (worker.livesIn !== "belgium" || !isEmploymentCategory(category)) return null;
  return titleEndsBeforeDecision(worker.residenceTitleEndsOn ?? "", todayInBelgium(now), clockCategoryFor(category));
}

/** Statuses of a permit that can be renewed: granted and delivered. */
const RENEWABLE = new Set(["granted", "issued"]);

/**
 * Starts an application for the enterprise the representative acts for; the draft stays
 * that enterprise's whatever he switches to later. A renewal starts from the permit it
 * renews: the worker and the job are prefilled (checked again like any answer), the dates
 * and the documents are asked anew.
 */
export async function startApplication(db: DB, user: User, options: { renewalOf?: string } = {}, now = new Date()): Promise<string> {
  if (user.role !== "employer" || !user.actingFor) throw new ForbiddenError("only a representative acting for an enterprise starts an application");
  const employerId = user.actingFor.employerId;
  let form: DraftForm = { answers: {}, completed: [] };
  if (options.renewalOf) {
    const permit = isUuid(options.renewalOf) ? await findPermitCase(db, options.renewalOf) : undefined;
    const filed = permit?.filed_form;
    if (!permit || filed?.kind !== "single" || permit.employer_id !== employerId || !RENEWABLE.has(permit.status)) {
      throw new NotFoundError(`renewable permit ${options.renewalOf}`);
    }
    form = {
      answers: {
        // A worker with a permit lives in Belgium now, on that permit until its last day.
        worker: {
          ...pickText(filed, WORKER_IDENTITY),
          livesIn: "belgium",
          ...pickText(filed, ["residencePostalCode"]),
          residenceTitle: "single-permit",
          ...(permit.valid_until ? { residenceTitleEndsOn: permit.valid_until } : {}),
        },
        employment: pickText(filed, ["category", "jobTitle", "placeOfWorkPostalCode", "grossAnnualSalary"]),
        // No IO fee for a renewal with the same status (dofi.ibz.be, docs/domain.md §4); a change of category is a choice to make here.
        residence: { feeStatus: "exempt", feeExemption: "same-status-renewal" },
      },
      completed: [],
      renewalOf: permit.id,
    };
  }
  // The employer comes from the enterprise register, asked now; without an answer in time the
  // portal's last copy is used, and the employer step says when it was consulted.
  const registered = await lookUpEnterprise(db, user.actingFor.enterpriseNumber);
  if (registered) await refreshEmployerCopy(db, employerId, registered, todayInBelgium(now));
  const id = randomUUID();
  await insertDraft(db, { id, createdBy: user.id, employerId, formVersion: FORM_VERSION, form, at: now });
  return id;
}

/** A draft this user may continue, with where it stands; null when there is none (or not his). */
export async function loadFormDraft(db: DB, user: User, id: string): Promise<FormDraft | null> {
  if (!isUuid(id)) return null;
  const row = await findDraftWithEmployer(db, id);
  if (!row || !row.draft_form || !decideDraftAccess(user, { status: row.status, employerId: row.employer_id }).allowed) return null;
  const stored = row.draft_form;
  const answers = stored.legacy ? upgradeVersion1(stored.legacy) : (stored.answers ?? {});
  const facts: FormFacts = { answers, completed: stored.completed ?? [], employerSeatPostalCode: row.postal_code };
  return {
    id: row.id,
    formVersion: row.form_version,
    outdated: row.form_version !== FORM_VERSION,
    facts,
    progress: formProgress(facts),
    employer: {
      id: row.employer_id!,
      name: row.name,
      enterpriseNumber: formatEnterpriseNumber(row.enterprise_number),
      address: `${row.street}, ${row.postal_code} ${row.municipality}`,
      postalCode: row.postal_code,
      source: row.source,
      sourceDate: new Date(row.source_date).toISOString().slice(0, 10),
    },
    renewalOf: stored.renewalOf ?? null,
    stored,
  };
}

/**
 * The draft a form page is about: the draft itself, or — filed in the meantime (the back
 * button after submit, a second tab) — the id of the application this user may follow.
 */
export async function findDraftOrFiling(db: DB, user: User, id: string): Promise<{ draft: FormDraft } | { filedId: string }> {
  const draft = await loadFormDraft(db, user, id);
  if (draft) return { draft };
  const row = isUuid(id) ? await findApplication(db, id) : undefined;
  if (row && row.status !== "draft" && decideCaseAccess({ user }, await caseFacts(db, row), "follow").allowed) return { filedId: row.id };
  // His own draft, or one of an enterprise whose mandate ended during his session: say so, the draft stays for its colleagues.
  if (row?.status === "draft" && (row.created_by === user.id || lostMandateFor(user, row.employer_id))) {
    await recordMandateRefusal(db, user, { subject: { type: "application", id: row.id }, applicationId: null, action: "read" });
    throw new ConflictError("applicationForm.errors.mandateEnded");
  }
  throw new NotFoundError(`draft ${id}`);
}

/**
 * Writes a change to a draft's answers; when another save came in between (a second tab,
 * a colleague), reads the draft again and applies the change to that, so no save
 * overwrites another.
 */
async function updateDraft<T extends { facts: FormFacts }>(
  db: DB,
  user: User,
  draft: FormDraft,
  change: (current: FormDraft) => Promise<T>,
): Promise<(T & { kind: "saved" }) | { kind: "already-submitted" }> {
  let current = draft;
  for (let attempt = 0; attempt < 5; attempt++) {
    const changed = await change(current);
    const next: DraftForm = { answers: changed.facts.answers, completed: [...changed.facts.completed], ...(current.renewalOf ? { renewalOf: current.renewalOf } : {}) };
    if (await saveDraftFormIfUnchanged(db, current.id, current.stored, next, FORM_VERSION)) return { ...changed, kind: "saved" };
    if ((await applicationStatus(db, draft.id)) !== "draft") return { kind: "already-submitted" };
    const again = await loadFormDraft(db, user, draft.id);
    if (!again) return { kind: "already-submitted" };
    current = again;
  }
  throw new Error(`draft ${draft.id} kept changing while it was saved`);
}

export type StepSaveResult =
  | { kind: "saved"; result: StepResult; progress: FormProgress; typed: StepValues; facts: FormFacts }
  | { kind: "already-submitted" };

/**
 * The national register confirms the worker typed, it never reveals one: with a national
 * number the names and birth date typed must be the register's person's (or, for a number
 * the register does not know, those of the worker filed earlier under it), or the step
 * fails on that number — and nothing of either is shown.
 */
async function confirmByRegister(db: DB, result: StepResult): Promise<StepResult> {
  if (!result.ok || !result.values.personNumber) return result;
  const check = await checkTypedWorker(db, { ...typedIdentity(result.values), personNumber: result.values.personNumber });
  // The register cannot be reached: the step waits (what was typed is kept), it is not taken on trust.
  if (check.state === "unavailable") return { ok: false, values: result.values, errors: { personNumber: { key: "newApplication.errors.registerUnavailable" } } };
  if (check.state === "matches") return result;
  return { ok: false, values: result.values, errors: { personNumber: { key: "newApplication.errors.personNumberMismatch" } } };
}

const typedIdentity = (values: StepValues) => ({
  givenNames: values.givenNames ?? "",
  familyName: values.familyName ?? "",
  birthDate: values.birthDate ?? "",
});
const registeredIdentity = (person: RegisteredPerson) => ({ ...person, birthDate: person.birthDate ?? "" });

/**
 * Saves one step: what was typed is kept even when it fails the checks (nothing typed is
 * ever lost); only answers that pass complete the step. Later branches the new answers no
 * longer take are dropped by the flow. Unknown or not-yet-open steps are "not found".
 */
export async function saveStep(db: DB, user: User, draft: FormDraft, step: string, raw: Record<string, unknown>, now = new Date()): Promise<StepSaveResult> {
  const definition = stepDefinition(step);
  if (!definition || !mayOpenStep(draft.progress, step)) throw new NotFoundError(`step ${step}`);
  const typed = readStepValues(definition, raw);
  return updateDraft(db, user, draft, async (current) => {
    const checked = await validateStep(definition, typed, {
      today: todayInBelgium(now),
      answers: current.facts.answers,
      employerSeatPostalCode: current.facts.employerSeatPostalCode,
    });
    const result = definition.id === "worker" ? await confirmByRegister(db, checked) : checked;
    // Invalid: keep exactly what was typed (also the conditional fields); valid: the clean values.
    const values: StepValues = result.ok ? result.values : typed;
    const progress = formProgress(current.facts, [{ type: "STEP_SAVED", step, values, complete: result.ok }]);
    return { result, progress, typed, facts: progress.facts };
  });
}

/**
 * What will be printed on the permit for the worker, when the register knows him: its
 * names and nationality (the register's, with where they come from), and whether the
 * nationality typed differs. Null without a national number, or for one the register
 * does not confirm.
 */
export async function registeredWorker(db: DB, answers: Answers) {
  const worker = answers.worker ?? {};
  if (!worker.personNumber) return null;
  const answer = await lookUpPerson(db, worker.personNumber);
  if (answer.state !== "found" || !identityMatches(typedIdentity(worker), registeredIdentity(answer.person))) return null;
  const person = answer.person;
  return {
    givenNames: person.givenNames,
    familyName: person.familyName,
    nationality: person.nationality,
    nationalityDiffers: Boolean(worker.nationality) && worker.nationality !== person.nationality,
    source: "national-register" as const,
  };
}

export interface DocumentItem {
  item: string;
  files: DocumentListing[];
}

/** Each required document with the files uploaded for it. */
export async function draftDocuments(db: DB, draft: FormDraft, now = new Date()): Promise<DocumentItem[]> {
  const files = await documentsOf(db, draft.id);
  return requiredDocuments(draft.facts.answers, draft.progress.plan.authority, todayInBelgium(now)).map((item) => ({
    item,
    files: files.filter((file) => file.item === item),
  }));
}

/** The upload fields of the documents step, one per required item. */
export async function draftDocumentFields(db: DB, draft: FormDraft): Promise<string[]> {
  return (await draftDocuments(db, draft)).map((item) => documentItemField(item.item));
}

/** Marks the documents step complete when every required item has a file, or not; says which. */
async function markDocuments(db: DB, user: User, draft: FormDraft): Promise<boolean> {
  const marked = await updateDraft(db, user, draft, async (current) => {
    const complete = (await draftDocuments(db, current)).every((item) => item.files.length > 0);
    return { complete, facts: formProgress(current.facts, [{ type: "DOCUMENTS_CHECKED", complete }]).facts };
  });
  return marked.kind === "saved" && marked.complete;
}

export type DocumentsOutcome = {
  rejected: { item: string; fileName: string; reason: UploadRejection }[];
  uploaded: number;
  removed: boolean;
  /** Every required item has a file now. */
  complete: boolean;
};

/**
 * The documents step: files per item (each checked by content, size and completeness;
 * refused ones reported by name, the others kept), or the removal of one.
 */
export async function updateDraftDocuments(
  db: DB,
  store: DocumentStore,
  user: User,
  draft: FormDraft,
  change:
    | { remove: string }
    | { files: { field: string; fileName: string; bytes: Uint8Array }[]; rejected: { field: string; fileName: string; reason: UploadRejection }[] },
): Promise<DocumentsOutcome> {
  const outcome: DocumentsOutcome = { rejected: [], uploaded: 0, removed: false, complete: false };
  if ("remove" in change) {
    outcome.removed = await removeDraftDocument(db, draft, change.remove);
  } else {
    // The upload kept only the fields asked for, so each names an item.
    for (const rejection of change.rejected) outcome.rejected.push({ item: itemOfField(rejection.field)!, fileName: rejection.fileName, reason: rejection.reason });
    for (const file of change.files) {
      const item = itemOfField(file.field)!;
      const stored = await storeDocument(db, store, { applicationId: draft.id, item, fileName: file.fileName, bytes: file.bytes, uploadedBy: user.id });
      if (!stored.ok) outcome.rejected.push({ item, fileName: file.fileName, reason: stored.reason });
      else if (stored.added) outcome.uploaded++; // the same file sent again is the one already there
    }
  }
  outcome.complete = await markDocuments(db, user, draft);
  return outcome;
}

export type SubmitResult = { kind: "filed"; id: string; reference: string } | { kind: "incomplete"; step: string };

/**
 * Files the draft under the enterprise it was started for: every step checked again (a
 * threshold or a date may have moved since it was saved, the register may disagree now),
 * the stale branches already dropped, then filed once under the draft's id (a double
 * click or a second tab finds it filed and gets the same application).
 */
export async function submitDraft(db: DB, user: User, draft: FormDraft, uiLanguage: Language, now = new Date()): Promise<SubmitResult> {
  const today = todayInBelgium(now);
  const recheck = await recheckSteps(draft.facts, today);
  const workerRecheck = await confirmByRegister(db, { ok: true, values: draft.facts.answers.worker ?? {} });
  const failing = [...recheck.failing.map(({ step }) => step), ...(workerRecheck.ok ? [] : ["worker"])];
  const items = await draftDocuments(db, draft, now);
  if (failing.length > 0 || items.some((item) => item.files.length === 0)) {
    // Mark what no longer passes, so the task list and the step say so.
    await updateDraft(db, user, draft, async (current) => ({
      facts: formProgress(current.facts, [
        ...failing.map((step) => ({ type: "STEP_SAVED" as const, step, values: current.facts.answers[step] ?? {}, complete: false })),
        { type: "DOCUMENTS_CHECKED" as const, complete: (await draftDocuments(db, current, now)).every((item) => item.files.length > 0) },
      ]).facts,
    }));
    return { kind: "incomplete", step: failing[0] ?? "documents" };
  }
  const authority = draft.progress.plan.authority;
  if (!authority) return { kind: "incomplete", step: "employment" };
  // Files of items the answers no longer call for (another region's annex) are not filed with it.
  const required = new Set(items.map((item) => item.item));
  for (const file of (await documentsOf(db, draft.id)).filter((candidate) => !required.has(candidate.item))) {
    await removeDraftDocument(db, draft, file.id, now);
  }
  const regional = draft.progress.sections.find((section) => section.id === "regional")?.steps ?? [];
  const data = applicationData({ ...draft.facts.answers, ...recheck.values }, regional);
  const filed = await submitNewApplication(
    db,
    user,
    {
      applicationId: draft.id,
      employerId: draft.employer.id,
      data: { ...data, ...(draft.renewalOf ? { renewalOf: draft.renewalOf } : {}) },
      authority,
      uiLanguage,
    },
    now,
  );
  return { kind: "filed", id: filed.id, reference: filed.reference };
}

/** Deletes a draft and the files uploaded for it (the bytes stay: other documents may share them). */
export async function deleteDraft(db: DB, draft: FormDraft): Promise<"deleted" | "already-submitted"> {
  // Filed in the meantime (another tab): the application and its documents stay.
  return (await deleteDraftRow(db, draft.id)) ? "deleted" : "already-submitted";
}
