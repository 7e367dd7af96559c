import { sql } from "kysely";
import type { Language, RegionalAuthority } from "../../forms/authorities";
import { procedureLanguageFor } from "../../forms/authorities";
import { REGION_FORMS } from "../../forms/regions";
import { FORM_VERSION, type SingleApplicationData } from "../../forms/universal-form";
import { PERMANENT_FORM_VERSION, type PermanentApplicationResult } from "../../forms/permanent-application";
import { caseDueDate, clockAtSubmission } from "../../workflows/case-clock";
import { clockCategoryFor, todayInBelgium, type ClockCategory } from "../../workflows/legal-clock";
import type { EmploymentCategory } from "../../forms/employment";
import { startCase, type CaseStatus } from "./case-store.server";
import type { Transaction } from "kysely";
import { getDb, type DB } from "../db/db.server";
import type { ApplicationRow, Database } from "../db/schema";
import type { User } from "../identity/auth.server";
import { nextReference } from "./references.server";

export interface ApplicationSummary {
  id: string;
  reference: string | null;
  kind: "single" | "permanent";
  status: CaseStatus | "draft";
  authority: RegionalAuthority | null;
  workerName: string;
  nationality: string;
  employerName: string | null;
  submittedAt: string | null;
}

export function selectSummaries(db: DB) {
  return db
    .selectFrom("applications")
    .leftJoin("workers", "workers.id", "applications.worker_id")
    .leftJoin("employers", "employers.id", "applications.employer_id")
    .select([
      "applications.id",
      "applications.reference",
      "applications.kind",
      "applications.status",
      "applications.competent_authority",
      "applications.submitted_at",
      "employers.name as employer_name",
      // A draft has no worker record yet: its name is what the form's worker step holds so far.
      sql<string | null>`coalesce(workers.given_names, applications.form_data #>> '{answers,worker,givenNames}')`.as("given_names"),
      sql<string | null>`coalesce(workers.family_name, applications.form_data #>> '{answers,worker,familyName}')`.as("family_name"),
      sql<string | null>`coalesce(workers.nationality, applications.form_data #>> '{answers,worker,nationality}')`.as("nationality"),
    ]);
}

type SummaryRow = Awaited<ReturnType<ReturnType<typeof selectSummaries>["execute"]>>[number];

export function toSummary(row: SummaryRow): ApplicationSummary {
  return {
    id: row.id,
    reference: row.reference,
    kind: row.kind,
    status: row.status as CaseStatus,
    authority: row.competent_authority as RegionalAuthority | null,
    workerName: [row.given_names, row.family_name].filter(Boolean).join(" "),
    nationality: row.nationality ?? "",
    employerName: row.employer_name,
    submittedAt: row.submitted_at ? new Date(row.submitted_at).toISOString() : null,
  };
}

/** "My applications": for a representative, those of the enterprise he acts for; for a worker, his own. */
export async function listApplicationsFor(user: User): Promise<ApplicationSummary[]> {
  const db = await getDb();
  let query = selectSummaries(db);
  if (user.role === "employer") {
    if (!user.actingFor) return [];
    query = query.where("applications.employer_id", "=", user.actingFor.employerId);
  } else if (user.role === "worker" || user.role === "resident") {
    query = query.where((eb) =>
      eb.or([
        eb("applications.created_by", "=", user.id),
        ...(user.personNumber ? [eb("workers.person_number", "=", user.personNumber)] : []),
      ]),
    );
  } else {
    return [];
  }
  const rows = await query.orderBy("applications.created_at", "desc").limit(200).execute();
  return rows.map(toSummary);
}

/** May this applicant-side user see this application? Employer by mandate, worker by national number. */
export async function applicantMaySee(db: DB, user: User, application: ApplicationRow): Promise<boolean> {
  if (user.role === "employer") {
    return user.mandates.some((mandate) => mandate.employerId === application.employer_id);
  }
  if (user.role === "worker" || user.role === "resident") {
    if (application.created_by === user.id) return true;
    if (!user.personNumber || !application.worker_id) return false;
    const worker = await db
      .selectFrom("workers")
      .select("person_number")
      .where("id", "=", application.worker_id)
      .executeTakeFirst();
    return worker?.person_number === user.personNumber;
  }
  return false;
}

export interface ApplicationDetail extends ApplicationSummary {
  placeOfWorkPostalCode: string | null;
  procedureLanguage: string | null;
  events: { type: string; toStatus: string; at: string; actorRole: string; actorAuthority: string | null }[];
}

export async function loadApplicationDetail(db: DB, id: string): Promise<ApplicationDetail | null> {
  const row = await selectSummaries(db)
    .select(["applications.form_data", "applications.procedure_language"])
    .where("applications.id", "=", id)
    .executeTakeFirst();
  if (!row) return null;
  const events = await db
    .selectFrom("application_events")
    .select(["type", "to_status", "created_at", "actor_role", "actor_authority"])
    .where("application_id", "=", id)
    .orderBy("id")
    .execute();
  const form = row.form_data as Partial<SingleApplicationData>;
  return {
    ...toSummary(row),
    placeOfWorkPostalCode: form.placeOfWorkPostalCode ?? null,
    procedureLanguage: row.procedure_language,
    events: events.map((event) => ({
      type: event.type,
      toStatus: event.to_status,
      at: new Date(event.created_at).toISOString(),
      actorRole: event.actor_role,
      actorAuthority: event.actor_authority,
    })),
  };
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

export function isApplicationId(value: unknown): value is string {
  return typeof value === "string" && UUID.test(value);
}

/**
 * Files an application once. Its id comes from the form the server rendered, so a double
 * click, a resent form or a second tab finds the application already filed and gets it
 * back: one application, never two.
 */
async function fileOnce(
  user: User,
  applicationId: string,
  create: (trx: Transaction<Database>) => Promise<string>,
): Promise<{ id: string; reference: string; created: boolean }> {
  const db = await getDb();
  return db.transaction().execute(async (trx) => {
    // Two concurrent posts of the same form queue here; the second then finds the first's row.
    await sql`select pg_advisory_xact_lock(hashtext(${applicationId}))`.execute(trx);
    const existing = await trx
      .selectFrom("applications")
      .select(["id", "reference", "created_by", "status", "employer_id"])
      .where("id", "=", applicationId)
      .forUpdate()
      .executeTakeFirst();
    if (existing?.status === "draft") {
      // The draft becomes the application: same id and row (its uploaded documents stay attached), filed now.
      if (!belongsToApplicant(user, existing)) throw new Response("Forbidden", { status: 403 });
    } else if (existing) {
      // Filed already (a second tab, perhaps a colleague's): the same application back.
      if (!belongsToApplicant(user, existing)) throw new Response("Forbidden", { status: 403 });
      return { id: existing.id, reference: existing.reference ?? "", created: false };
    }
    return { id: applicationId, reference: await create(trx), created: true };
  });
}

/**
 * A draft or a filing belongs to whoever made it and, for an enterprise's, to every one of
 * its mandated representatives: any of them may continue the draft or get the filing back.
 */
export function belongsToApplicant(user: User, application: { created_by: string; employer_id: string | null }): boolean {
  return application.created_by === user.id || user.mandates.some((mandate) => mandate.employerId === application.employer_id);
}

/** A single-permit application for the enterprise the representative acts for. */
export async function submitNewApplication(
  user: User,
  applicationId: string,
  input: SingleApplicationData,
  authority: RegionalAuthority,
  uiLanguage: Language,
  now = new Date(),
): Promise<{ id: string; reference: string; created: boolean }> {
  if (user.role !== "employer" || !user.actingFor) throw new Response("Forbidden", { status: 403 });
  const employerId = user.actingFor.employerId;
  return fileOnce(user, applicationId, async (trx) => {
    const worker = await findOrCreateWorker(trx, input);
    return insertSubmittedApplication(trx, {
      applicationId,
      kind: "single",
      category: clockCategoryFor(input.category as EmploymentCategory),
      user,
      employerId,
      workerId: worker.id,
      authority,
      procedureLanguage: REGION_FORMS[authority].procedureLanguage?.(input.regional ?? {}) ?? procedureLanguageFor(authority, uiLanguage),
      formVersion: FORM_VERSION,
      // The interface language too: decisions get a courtesy copy in it (decision-effects.server.ts).
      formData: { ...input, uiLanguage },
      now,
    });
  });
}

/**
 * A long-term resident's own request for an unlimited permit: no employer; the worker
 * record is his entry in the national register (found by his national number).
 */
export async function submitPermanentApplication(
  user: User,
  applicationId: string,
  input: PermanentApplicationResult & { ok: true },
  uiLanguage: Language,
  now = new Date(),
): Promise<{ id: string; reference: string; created: boolean }> {
  if (user.role !== "resident" || !user.personNumber) throw new Response("Forbidden", { status: 403 });
  const personNumber = user.personNumber;
  return fileOnce(user, applicationId, async (trx) => {
    const person = await nationalRegisterEntry(trx, personNumber);
    if (!person) throw new Response("Conflict", { status: 409 });
    const authority = input.authority;
    return insertSubmittedApplication(trx, {
      applicationId,
      kind: "permanent",
      category: "permanent",
      user,
      employerId: null,
      workerId: person.id,
      authority,
      procedureLanguage: procedureLanguageFor(authority, uiLanguage),
      formVersion: PERMANENT_FORM_VERSION,
      formData: { ...input.value, uiLanguage },
      now,
    });
  });
}

/**
 * The national register, as far as this portal holds it: identity by national number.
 * A real deployment asks the register itself (same shape, different source).
 */
export async function nationalRegisterEntry(db: DB | Transaction<Database>, personNumber: string) {
  return db
    .selectFrom("workers")
    .select(["id", "given_names", "family_name", "birth_date", "nationality", "person_number"])
    .where("person_number", "=", personNumber)
    .executeTakeFirst();
}

/**
 * Writes a submitted application: its reference from the year's sequence, the lifecycle's
 * first state and the running clock, and the first history event. Shared by every kind.
 */
export async function insertSubmittedApplication(
  trx: Transaction<Database>,
  input: {
    applicationId: string;
    kind: "single" | "permanent";
    category: ClockCategory;
    user: User;
    employerId: string | null;
    workerId: string;
    authority: RegionalAuthority;
    procedureLanguage: Language;
    formVersion: number;
    formData: Record<string, unknown>;
    now: Date;
  },
): Promise<string> {
  const { applicationId, user, authority, now } = input;
  const today = todayInBelgium(now);
  const reference = await nextReference(trx, Number(today.slice(0, 4)));
  const clock = clockAtSubmission(today);
  const started = startCase({ kind: input.kind, authority, category: input.category });
  const filed = {
    id: applicationId,
    reference,
    kind: input.kind,
    status: started.status,
    created_by: user.id,
    employer_id: input.employerId,
    worker_id: input.workerId,
    competent_authority: authority,
    procedure_language: input.procedureLanguage,
    form_version: input.formVersion,
    form_data: JSON.stringify(input.formData),
    machine_snapshot: JSON.stringify(started.snapshot),
    machine_version: started.machineVersion,
    version: 1,
    submitted_at: now,
    created_at: now,
    updated_at: now,
    category: input.category,
    legal_clock: JSON.stringify(clock),
    due_on: caseDueDate(clock, today),
  };
  // A draft of the same id becomes this application (fileOnce holds its lock).
  await trx
    .insertInto("applications")
    .values(filed)
    .onConflict((oc) =>
      oc
        .column("id")
        .doUpdateSet({ ...filed, created_at: undefined })
        .where("applications.status", "=", "draft"),
    )
    .execute();
  await trx
    .insertInto("application_events")
    .values({
      application_id: applicationId,
      type: "submitted",
      actor_user_id: user.id,
      actor_role: user.role,
      actor_authority: null,
      from_status: null,
      to_status: started.status,
      reason: null,
      detail: JSON.stringify({ authority, employerId: input.employerId }),
      version: 1,
      created_at: now,
    })
    .execute();
  return reference;
}

/**
 * The worker the application is for: the one already known under this national number,
 * else a new record. Without a national number every application names its worker anew;
 * passport number and birth date still tie his files together (earlier refusals).
 */
async function findOrCreateWorker(trx: Transaction<Database>, input: SingleApplicationData): Promise<{ id: string }> {
  if (input.personNumber) {
    const known = await trx
      .selectFrom("workers")
      .select("id")
      .where("person_number", "=", input.personNumber)
      .forUpdate()
      .executeTakeFirst();
    if (known) return known;
  }
  return trx
    .insertInto("workers")
    .values({
      person_number: input.personNumber || null,
      family_name: input.familyName,
      given_names: input.givenNames,
      nationality: input.nationality,
      birth_date: input.birthDate,
      passport_number: input.passportNumber,
    })
    .returning("id")
    .executeTakeFirstOrThrow();
}
