import { redirect } from "@remix-run/node";
import { randomUUID } from "node:crypto";
import { sql } from "kysely";
import type { Language } from "../../forms/authorities";
import { readStepValues, validateStep, type StepResult, type StepValues } from "../../forms/form-definition";
import { formatEnterpriseNumber } from "../../forms/identifiers";
import {
  applicationData,
  FORM_VERSION,
  requiredDocuments,
  stepDefinition,
  type Answers,
} from "../../forms/universal-form";
import {
  formProgress,
  mayOpenStep,
  recheckSteps,
  type FormFacts,
  type FormProgress,
} from "../../workflows/application-form";
import { todayInBelgium } from "../../workflows/legal-clock";
import { getDb } from "../db/db.server";
import { requireRole, type User } from "../identity/auth.server";
import { applicantMaySee, belongsToApplicant, isApplicationId, submitNewApplication } from "../cases/applications.server";
import {
  listDocuments,
  localDocumentStore,
  readUploadForm,
  removeDocument,
  storeDocument,
  type DocumentListing,
} from "../documents/documents.server";
import { documentItemField, itemOfField, type UploadRejection } from "../../forms/documents";

/**
 * The universal single-permit form as the employer fills it in: a draft on the server
 * (an `applications` row in status "draft", pinned to the form version it started on),
 * saved at every step, continued by any representative of the enterprise, then filed once.
 * The form's flow (workflows/application-form.ts) decides which steps exist and which may
 * be opened; each step's answers are checked by its definition (forms/).
 */

/** The enterprise as the register knows it, shown on the employer step and never editable. */
export interface RegisteredEmployer {
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
  /** The stored form data as read: a save only lands if nobody else saved since (two tabs). */
  stored: unknown;
}

interface StoredForm {
  answers?: Answers;
  completed?: string[];
  renewalOf?: string;
}

function requireRepresentative(user: User): asserts user is User & { actingFor: NonNullable<User["actingFor"]> } {
  if (user.role !== "employer" || !user.actingFor) throw new Response("Forbidden", { status: 403 });
}

const WORKER_IDENTITY = ["givenNames", "familyName", "nationality", "birthDate", "passportNumber", "personNumber"];

/** The non-empty text values of these keys of a stored record. */
function pickText(record: Record<string, unknown>, keys: readonly string[]): StepValues {
  return Object.fromEntries(
    keys.map((key) => [key, record[key]] as const).filter((entry): entry is readonly [string, string] => typeof entry[1] === "string" && entry[1] !== ""),
  );
}

/** Answers of a version-1 draft (one page of questions) moved to the steps that ask them now. */
function upgradeVersion1(values: Record<string, unknown>): Answers {
  return {
    worker: pickText(values, WORKER_IDENTITY),
    employment: pickText(values, ["category", "jobTitle", "placeOfWorkPostalCode", "employmentEnd", "grossAnnualSalary"]),
  };
}

/**
 * Starts an application for the enterprise the representative acts for. A renewal starts
 * from the permit it renews: the worker and the job are prefilled (checked again like any
 * answer), the dates and the documents are asked anew.
 */
export async function startApplication(user: User, options: { renewalOf?: string } = {}): Promise<string> {
  requireRepresentative(user);
  const db = await getDb();
  let stored: StoredForm = { answers: {}, completed: [] };
  if (options.renewalOf) {
    const permit = await db
      .selectFrom("applications")
      .select(["id", "employer_id", "status", "form_data", "kind"])
      .where("id", "=", options.renewalOf)
      .executeTakeFirst();
    if (!permit || permit.kind !== "single" || permit.employer_id !== user.actingFor.employerId || !RENEWABLE.has(permit.status)) {
      throw new Response("Not Found", { status: 404 });
    }
    const data = permit.form_data as Record<string, unknown>;
    stored = {
      answers: {
        // A worker with a permit lives in Belgium now.
        worker: { ...pickText(data, WORKER_IDENTITY), livesIn: "belgium", ...pickText(data, ["residencePostalCode"]) },
        employment: pickText(data, ["category", "jobTitle", "placeOfWorkPostalCode", "grossAnnualSalary"]),
        // No IO fee for a renewal with the same status (dofi.ibz.be, docs/domain.md §4); a change of category is a choice to make here.
        residence: { feeStatus: "exempt", feeExemption: "same-status-renewal" },
      },
      completed: [],
      renewalOf: permit.id,
    };
  }
  const id = randomUUID();
  const now = new Date();
  await db
    .insertInto("applications")
    .values({
      id,
      kind: "single",
      status: "draft",
      created_by: user.id,
      employer_id: user.actingFor.employerId,
      form_version: FORM_VERSION,
      form_data: JSON.stringify(stored),
      created_at: now,
      updated_at: now,
    })
    .execute();
  return id;
}

/** Statuses of a permit that can be renewed: granted and delivered. */
const RENEWABLE = new Set(["granted", "issued"]);

/** A draft this user may continue, with where it stands; null when there is none (or not his). */
export async function loadFormDraft(user: User, id: string): Promise<FormDraft | null> {
  if (user.role !== "employer" || !isApplicationId(id)) return null;
  const db = await getDb();
  const row = await db
    .selectFrom("applications")
    .innerJoin("employers", "employers.id", "applications.employer_id")
    .select([
      "applications.id",
      "applications.status",
      "applications.created_by",
      "applications.employer_id",
      "applications.form_version",
      "applications.form_data",
      "employers.name",
      "employers.enterprise_number",
      "employers.street",
      "employers.postal_code",
      "employers.municipality",
      "employers.source",
      "employers.source_date",
    ])
    .where("applications.id", "=", id)
    .executeTakeFirst();
  if (!row || row.status !== "draft" || !belongsToApplicant(user, row)) return null;
  const stored = row.form_data as StoredForm & Record<string, unknown>;
  const answers = row.form_version === 1 ? upgradeVersion1(stored) : (stored.answers ?? {});
  const facts: FormFacts = { answers, completed: stored.completed ?? [], employerSeatPostalCode: row.postal_code };
  return {
    id: row.id,
    formVersion: row.form_version,
    outdated: row.form_version !== FORM_VERSION,
    facts,
    progress: formProgress(facts),
    employer: {
      name: row.name,
      enterpriseNumber: formatEnterpriseNumber(row.enterprise_number),
      address: `${row.street}, ${row.postal_code} ${row.municipality}`,
      postalCode: row.postal_code,
      source: row.source,
      sourceDate: new Date(row.source_date).toISOString().slice(0, 10),
    },
    renewalOf: stored.renewalOf ?? null,
    stored: row.form_data,
  };
}

/**
 * Writes the draft's answers if they are still what this draft was read with: "conflict"
 * when another save (a second tab) came in between, "already-submitted" once it is filed
 * (the back button after submit).
 */
async function storeFacts(draft: FormDraft, facts: FormFacts): Promise<"saved" | "conflict" | "already-submitted"> {
  const db = await getDb();
  const stored: StoredForm = { answers: facts.answers, completed: [...facts.completed], ...(draft.renewalOf ? { renewalOf: draft.renewalOf } : {}) };
  const result = await db
    .updateTable("applications")
    .set({ form_data: JSON.stringify(stored), form_version: FORM_VERSION, updated_at: new Date() })
    .where("id", "=", draft.id)
    .where("status", "=", "draft")
    .where(sql<boolean>`form_data = ${JSON.stringify(draft.stored)}::jsonb`)
    .executeTakeFirst();
  if (Number(result.numUpdatedRows) > 0) return "saved";
  const row = await db.selectFrom("applications").select("status").where("id", "=", draft.id).executeTakeFirst();
  return row?.status === "draft" ? "conflict" : "already-submitted";
}

/**
 * Applies a change to a draft's answers and stores it; when another save came in between,
 * reads the draft again and applies the change to that, so no save overwrites another.
 */
async function updateDraft<T extends { facts: FormFacts }>(
  user: User,
  draft: FormDraft,
  change: (current: FormDraft) => Promise<T>,
): Promise<(T & { kind: "saved" }) | { kind: "already-submitted" }> {
  let current = draft;
  for (let attempt = 0; attempt < 5; attempt++) {
    const changed = await change(current);
    const outcome = await storeFacts(current, changed.facts);
    if (outcome === "saved") return { ...changed, kind: "saved" };
    if (outcome === "already-submitted") return { kind: "already-submitted" };
    const again = await loadFormDraft(user, draft.id);
    if (!again) return { kind: "already-submitted" };
    current = again;
  }
  throw new Error(`draft ${draft.id} kept changing while it was saved`);
}

export type StepSaveResult =
  | { kind: "saved"; result: StepResult; progress: FormProgress; typed: StepValues; facts: FormFacts }
  | { kind: "already-submitted" };

/**
 * Saves one step: what was typed is kept even when it fails the checks (nothing typed is
 * ever lost); only answers that pass complete the step. Later branches the new answers no
 * longer take are dropped by the flow.
 */
export async function saveStep(
  user: User,
  draft: FormDraft,
  step: string,
  raw: Record<string, unknown>,
  now = new Date(),
): Promise<StepSaveResult> {
  const definition = stepDefinition(step);
  if (!definition || !mayOpenStep(draft.progress, step)) throw new Response("Not Found", { status: 404 });
  const typed = readStepValues(definition, raw);
  return updateDraft(user, draft, async (current) => {
    const result = await validateStep(definition, typed, {
      today: todayInBelgium(now),
      answers: current.facts.answers,
      employerSeatPostalCode: current.facts.employerSeatPostalCode,
    });
    // Invalid: keep exactly what was typed (also the conditional fields); valid: the clean values.
    const values: StepValues = result.ok ? result.values : typed;
    const progress = formProgress(current.facts, [{ type: "STEP_SAVED", step, values, complete: result.ok }]);
    return { result, progress, typed, facts: progress.facts };
  });
}

export interface DocumentItem {
  item: string;
  files: DocumentListing[];
}

/** Each required document with the files uploaded for it. */
export async function draftDocuments(draft: FormDraft, now = new Date()): Promise<DocumentItem[]> {
  const db = await getDb();
  const files = await listDocuments(db, draft.id);
  return requiredDocuments(draft.facts.answers, draft.progress.plan.authority, todayInBelgium(now)).map((item) => ({
    item,
    files: files.filter((file) => file.item === item),
  }));
}

/** Marks the documents step complete when every required item has a file, or not; says which. */
async function markDocuments(user: User, draft: FormDraft): Promise<boolean> {
  const marked = await updateDraft(user, draft, async (current) => {
    const complete = (await draftDocuments(current)).every((item) => item.files.length > 0);
    return { complete, facts: formProgress(current.facts, [{ type: "DOCUMENTS_CHECKED", complete }]).facts };
  });
  return marked.kind === "saved" && marked.complete;
}

export type DocumentsActionResult = {
  rejected: { item: string; fileName: string; reason: UploadRejection }[];
  uploaded: number;
  removed: boolean;
  intent: string;
  /** Every required item has a file now. */
  complete: boolean;
};

/**
 * The documents step's POST: files per item (each checked by content, size and
 * completeness; refused ones reported by name, the others kept), or the removal of one.
 */
export async function handleDocumentsPost(user: User, draft: FormDraft, request: Request): Promise<DocumentsActionResult> {
  requireRepresentative(user);
  const fields = (await draftDocuments(draft)).map((item) => documentItemField(item.item));
  const form = await readUploadForm(request, user, fields);
  const db = await getDb();
  const intent = form.fields.intent ?? "upload";
  const result: DocumentsActionResult = { rejected: [], uploaded: 0, removed: false, intent, complete: false };
  if (intent.startsWith("remove:")) {
    result.removed = await removeDocument(db, { applicationId: draft.id, documentId: intent.slice("remove:".length) });
  } else {
    // readUploadForm kept only the fields asked for, so each names an item.
    for (const rejection of form.rejected) result.rejected.push({ item: itemOfField(rejection.field)!, fileName: rejection.fileName, reason: rejection.reason });
    const store = localDocumentStore();
    for (const file of form.files) {
      const item = itemOfField(file.field)!;
      const stored = await storeDocument(db, store, { applicationId: draft.id, item, fileName: file.fileName, bytes: file.bytes, uploadedBy: user.id });
      if (stored.ok) result.uploaded++;
      else result.rejected.push({ item, fileName: file.fileName, reason: stored.reason });
    }
  }
  result.complete = await markDocuments(user, draft);
  return result;
}

export type SubmitResult = { kind: "filed"; id: string; reference: string } | { kind: "incomplete"; step: string };

/**
 * Files the draft: every step checked again (a threshold or a date may have moved since
 * it was saved), the stale branches already dropped, then filed once under the draft's id
 * (a double click or a second tab finds it filed and gets the same application).
 */
export async function submitDraft(user: User, draft: FormDraft, uiLanguage: Language, now = new Date()): Promise<SubmitResult> {
  requireRepresentative(user);
  const today = todayInBelgium(now);
  const recheck = await recheckSteps(draft.facts, today);
  const items = await draftDocuments(draft, now);
  const firstFailing = recheck.failing[0];
  if (firstFailing || items.some((item) => item.files.length === 0)) {
    // Mark what no longer passes, so the task list and the step say so.
    const failing = recheck.failing.map(({ step }) => step);
    await updateDraft(user, draft, async (current) => ({
      facts: formProgress(current.facts, [
        ...failing.map((step) => ({ type: "STEP_SAVED" as const, step, values: current.facts.answers[step] ?? {}, complete: false })),
        { type: "DOCUMENTS_CHECKED" as const, complete: (await draftDocuments(current, now)).every((item) => item.files.length > 0) },
      ]).facts,
    }));
    return { kind: "incomplete", step: firstFailing?.step ?? "documents" };
  }
  const authority = draft.progress.plan.authority;
  if (!authority) return { kind: "incomplete", step: "employment" };
  // Files of items the answers no longer call for (another region's annex) are not filed with it.
  const db = await getDb();
  const files = await listDocuments(db, draft.id);
  const required = new Set(items.map((item) => item.item));
  for (const file of files.filter((candidate) => !required.has(candidate.item))) {
    await removeDocument(db, { applicationId: draft.id, documentId: file.id });
  }
  const regional = draft.progress.sections.find((section) => section.id === "regional")?.steps ?? [];
  const data = applicationData({ ...draft.facts.answers, ...recheck.values }, regional);
  const filed = await submitNewApplication(user, draft.id, { ...data, ...(draft.renewalOf ? { renewalOf: draft.renewalOf } : {}) }, authority, uiLanguage, now);
  return { kind: "filed", id: filed.id, reference: filed.reference };
}

/** Has this id been filed already (the back button after submit)? Then it is the application's page. */
export async function filedApplicationId(user: User, id: string): Promise<string | null> {
  if (!isApplicationId(id)) return null;
  const db = await getDb();
  const row = await db.selectFrom("applications").selectAll().where("id", "=", id).executeTakeFirst();
  if (!row || row.status === "draft") return null;
  return (await applicantMaySee(db, user, row)) ? row.id : null;
}

/**
 * The draft a form page is about, for the signed-in representative. A draft filed in the
 * meantime (the back button after submit, a second tab) sends him to the application
 * itself; anything else he may not continue is "not found".
 */
export async function requireFormDraft(request: Request, id: string | undefined) {
  const user = await requireRole(request, ["employer"]);
  const draft = id ? await loadFormDraft(user, id) : null;
  if (!draft) {
    const filed = id ? await filedApplicationId(user, id) : null;
    if (filed) throw redirect(`/applications/${filed}`);
    throw new Response("Not Found", { status: 404 });
  }
  return { user, draft };
}

/** Deletes a draft and the files uploaded for it (the bytes stay: other documents may share them). */
export async function deleteDraft(user: User, draft: FormDraft): Promise<"deleted" | "already-submitted"> {
  requireRepresentative(user);
  const db = await getDb();
  return db.transaction().execute(async (trx) => {
    const row = await trx.selectFrom("applications").select("id").where("id", "=", draft.id).where("status", "=", "draft").forUpdate().executeTakeFirst();
    // Filed in the meantime (another tab): the application and its documents stay.
    if (!row) return "already-submitted";
    await trx.deleteFrom("documents").where("application_id", "=", draft.id).execute();
    await trx.deleteFrom("applications").where("id", "=", draft.id).execute();
    return "deleted";
  });
}
