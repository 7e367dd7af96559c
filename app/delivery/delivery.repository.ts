import { sql, type Kysely, type Selectable, type Transaction } from "kysely";
import { findApplication, findEmployer, findWorker, permitOf } from "../cases/cases.repository";
import type { ApplicationRow, Database, EmployerRow, PermitsTable, WorkerRow } from "../db/schema";

/**
 * The SQL of delivery: what the deliverer reads of a case, what a decision writes besides
 * its outbox rows, and what the notice sweeps look for. The e-Box and cadastre stubs keep
 * theirs: they stand for outside systems. Callers pass the database or their transaction.
 */

export type PermitRow = Selectable<PermitsTable>;

/** The answers of the stored form that a decision document and a cadastre entry show. */
export interface DeliveredAnswers {
  jobTitle?: string;
  placeOfWorkPostalCode?: string;
  category?: string;
}

export interface CaseFacts {
  application: ApplicationRow;
  worker: WorkerRow | undefined;
  employer: EmployerRow | undefined;
  permit: PermitRow | undefined;
  form: DeliveredAnswers;
}

/** A case as a delivery shows it: the application, its worker, employer and permit, and some answers. */
export async function caseFacts(trx: Kysely<Database>, applicationId: string): Promise<CaseFacts> {
  const application = await findApplication(trx, applicationId);
  if (!application) throw new Error(`no case ${applicationId} to deliver for`);
  const worker = application.worker_id ? await findWorker(trx, application.worker_id) : undefined;
  const employer = application.employer_id ? await findEmployer(trx, application.employer_id) : undefined;
  const permit = await permitOf(trx, applicationId);
  const form = deliveredAnswers(application);
  return { application, worker, employer, permit, form };
}

/** The answers of the stored form that a decision document and a cadastre entry show. */
function deliveredAnswers(application: ApplicationRow): DeliveredAnswers {
  const filed = application.filed_form;
  // An unlimited permit's request has no job: the document and the cadastre say so.
  if (filed?.kind === "change-of-employer") return { jobTitle: filed.jobTitle, placeOfWorkPostalCode: filed.placeOfWorkPostalCode };
  return filed?.kind === "single"
      ? {
          jobTitle: filed.jobTitle,
          // The main place; else a posted worker's user enterprise; else every place (work spread evenly).
          placeOfWorkPostalCode: filed.placeOfWorkPostalCode || filed.userEnterprisePostalCode || filed.otherPlacesOfWork || filed.placeOfWorkPostalCode,
          category: filed.category,
        }
      : {};
}

/** The facts of several cases in four statements, whatever their number: what a batch of deliveries reads. */
export async function caseFactsOf(trx: Kysely<Database>, applicationIds: readonly string[]): Promise<Map<string, CaseFacts>> {
  const facts = new Map<string, CaseFacts>();
  if (applicationIds.length === 0) return facts;
  const applications = await trx.selectFrom("applications").selectAll().where("id", "in", applicationIds).execute();
  const workerIds = [...new Set(applications.flatMap((a) => (a.worker_id ? [a.worker_id] : [])))];
  const employerIds = [...new Set(applications.flatMap((a) => (a.employer_id ? [a.employer_id] : [])))];
  const [workers, employers, permits] = await Promise.all([
    workerIds.length ? trx.selectFrom("workers").selectAll().where("id", "in", workerIds).execute() : [],
    employerIds.length ? trx.selectFrom("employers").selectAll().where("id", "in", employerIds).execute() : [],
    trx.selectFrom("permits").selectAll().where("application_id", "in", applicationIds).execute(),
  ]);
  const workerById = new Map(workers.map((w) => [w.id, w]));
  const employerById = new Map(employers.map((e) => [e.id, e]));
  const permitByCase = new Map(permits.map((p) => [p.application_id, p]));
  for (const application of applications) {
    facts.set(application.id, {
      application,
      worker: application.worker_id ? workerById.get(application.worker_id) : undefined,
      employer: application.employer_id ? employerById.get(application.employer_id) : undefined,
      permit: permitByCase.get(application.id),
      form: deliveredAnswers(application),
    });
  }
  return facts;
}

/** The reasons of the decision at this case version (the event's), or null. */
/** The step that made this version of the case (a decision's document names its version): when, and why. */
export async function caseStepAt(trx: Kysely<Database>, applicationId: string, version: number): Promise<{ at: Date; reason: string | null } | undefined> {
  const event = await trx
    .selectFrom("application_events")
    .select(["created_at", "reason"])
    .where("application_id", "=", applicationId)
    .where("version", "=", version)
    .executeTakeFirst();
  return event && { at: new Date(event.created_at), reason: event.reason };
}

export async function enterpriseNumberOf(trx: Kysely<Database>, employerId: string): Promise<string> {
  const employer = await trx.selectFrom("employers").select("enterprise_number").where("id", "=", employerId).executeTakeFirstOrThrow();
  return employer.enterprise_number;
}

/** The worker's national or BIS number, null while it is not known. */
export async function personNumberOf(trx: Kysely<Database>, workerId: string): Promise<string | null> {
  const worker = await trx.selectFrom("workers").select("person_number").where("id", "=", workerId).executeTakeFirstOrThrow();
  return worker.person_number;
}

/** Records the permit a grant produced; a case has one permit, a second grant leaves it as it is. */
export async function insertPermit(
  trx: Transaction<Database>,
  permit: { applicationId: string; verificationCode: string; annex: "46" | "47" | "change"; grantedAt: Date; validFrom: string; validUntil: string; seasonEndsOn?: string | null },
): Promise<void> {
  await trx
    .insertInto("permits")
    .values({
      application_id: permit.applicationId,
      verification_code: permit.verificationCode,
      annex: permit.annex,
      granted_at: permit.grantedAt,
      valid_from: permit.validFrom,
      valid_until: permit.validUntil,
      season_ends_on: permit.seasonEndsOn ?? null,
    })
    .onConflict((oc) => oc.column("application_id").doNothing())
    .execute();
}

export async function revokePermit(trx: Transaction<Database>, applicationId: string, revokedOn: string, reason: string | null): Promise<void> {
  await trx.updateTable("permits").set({ revoked_on: revokedOn, revocation_reason: reason }).where("application_id", "=", applicationId).execute();
}

/**
 * Whether a permit's employer gets end-of-stay notices (p = permits, a = applications, e =
 * employers): his own choice; not chosen, on for seasonal work — an enterprise of a
 * seasonal sector, or a permit for seasonal work — and off for the rest (issue 14 point 6;
 * the basis in docs/domain.md §5).
 */
const NOTICES_ON = sql<boolean>`coalesce(e.end_of_stay_notices, e.seasonal_sector is not null or a.employment_category = 'seasonal')`;

/** The day the worker's stay ends: the season's end for seasonal work (never after the permit), else the permit's. */
const STAY_ENDS = sql<string>`least(p.valid_until, p.season_ends_on)`;

export interface EndOfStayCandidate {
  application_id: string;
  /** The day the stay ends (the season's end for seasonal work). */
  valid_until: string;
  /** The permit is for a season: the notice says so. */
  seasonal: boolean;
  reference: string | null;
  procedure_language: string | null;
  enterprise_number: string;
  given_names: string | null;
  family_name: string | null;
}

/** Live permits whose stay ends between `from` and `until` and whose employer is warned (NOTICES_ON). */
export async function endOfStayCandidates(db: Kysely<Database>, from: string, until: string): Promise<EndOfStayCandidate[]> {
  const { rows } = await sql<EndOfStayCandidate>`
    select p.application_id, to_char(${STAY_ENDS}, 'YYYY-MM-DD') as valid_until, (p.season_ends_on is not null) as seasonal,
           a.reference, a.procedure_language, e.enterprise_number, w.given_names, w.family_name
      from permits p
      join applications a on a.id = p.application_id
      join employers e on e.id = a.employer_id
      left join workers w on w.id = a.worker_id
     where ${NOTICES_ON}
       and p.revoked_on is null
       and a.status in ('granted', 'issued')
       and ${STAY_ENDS} >= ${from}::date
       and ${STAY_ENDS} <= ${until}::date`.execute(db);
  return rows;
}

/** Records the notices due for a case; returns the thresholds that were not recorded before. */
export async function recordEndOfStayNotices(trx: Transaction<Database>, applicationId: string, daysBefore: number[]): Promise<number[]> {
  const inserted = await trx
    .insertInto("end_of_stay_notices")
    .values(daysBefore.map((days) => ({ application_id: applicationId, days_before: days })))
    .onConflict((oc) => oc.columns(["application_id", "days_before"]).doNothing())
    .returning("days_before")
    .execute();
  return inserted.map((row) => row.days_before);
}

export interface UnopenedDecision {
  id: string;
  recipient_kind: "enterprise" | "person";
  recipient_id: string;
  delivered_at: Date;
  application_id: string;
  reference: string | null;
  procedure_language: string | null;
}

/** Decision documents delivered before `before`, never opened and never reminded of. */
export async function unopenedDecisions(db: Kysely<Database>, before: Date): Promise<UnopenedDecision[]> {
  return db
    .selectFrom("ebox_messages")
    .innerJoin("applications", "applications.id", "ebox_messages.application_id")
    .select([
      "ebox_messages.id",
      "ebox_messages.recipient_kind",
      "ebox_messages.recipient_id",
      "ebox_messages.delivered_at",
      "applications.id as application_id",
      "applications.reference",
      "applications.procedure_language",
    ])
    // Reminders are for the applicant's side; a post's inbox is not reminded.
    .where("ebox_messages.recipient_kind", "in", ["enterprise", "person"])
    .where("ebox_messages.opened_at", "is", null)
    .where("ebox_messages.reminded_at", "is", null)
    .where("ebox_messages.attachment_sha256", "is not", null)
    .where("ebox_messages.delivered_at", "<", before)
    .$narrowType<{ recipient_kind: "enterprise" | "person" }>()
    .execute();
}

/** Marks a message reminded; false when another sweep did first (one reminder per message). */
export async function claimReminder(trx: Transaction<Database>, messageId: string, at: Date): Promise<boolean> {
  const claimed = await trx
    .updateTable("ebox_messages")
    .set({ reminded_at: at })
    .where("id", "=", messageId)
    .where("reminded_at", "is", null)
    .returning("id")
    .executeTakeFirst();
  return claimed !== undefined;
}

/** A permit by the code printed on it, with what /verify may show of its case. */
export function findPermitByVerificationCode(db: Kysely<Database>, code: string) {
  return db
    .selectFrom("permits")
    .innerJoin("applications", "applications.id", "permits.application_id")
    .leftJoin("workers", "workers.id", "applications.worker_id")
    .select([
      "permits.verification_code",
      "permits.annex",
      "permits.valid_from",
      "permits.valid_until",
      "permits.revoked_on",
      "applications.reference",
      "applications.kind",
      "applications.competent_authority",
      "workers.given_names",
      "workers.family_name",
    ])
    .where("permits.verification_code", "=", code)
    .executeTakeFirst();
}

/** An enterprise's choice about end-of-stay notices, and whether it is in a seasonal sector. */
export function noticeSettingsOf(db: Kysely<Database>, employerId: string) {
  return db.selectFrom("employers").select(["end_of_stay_notices", "seasonal_sector"]).where("id", "=", employerId).executeTakeFirstOrThrow();
}

export async function setNoticeSetting(db: Kysely<Database>, employerId: string, enabled: boolean): Promise<void> {
  await db.updateTable("employers").set({ end_of_stay_notices: enabled }).where("id", "=", employerId).execute();
}

/**
 * The end-of-stay sweep in one statement (insert … select … where not exists): for every
 * live permit whose employer is warned (NOTICES_ON) and whose stay ends (STAY_ENDS: the
 * season's end for seasonal work) within `thresholds[0]` days, not yet warned at its
 * nearest threshold, record every threshold now due and enqueue the notice of the nearest,
 * as sweepEndOfStay's loop does one permit at a time. Returns the references of the cases
 * warned. `thresholds` are whole days (noticeDays()).
 */
export async function enqueueEndOfStayNotices(trx: Kysely<Database>, today: string, thresholds: readonly number[], now: Date): Promise<string[]> {
  const days = sql.join(thresholds.map((d) => sql.lit(Math.trunc(d))));
  const until = Math.max(...thresholds);
  const { rows } = await sql<{ reference: string | null }>`
    with candidate as (
      select p.application_id, ${STAY_ENDS} as ends_on, (${STAY_ENDS} - ${today}::date) as days_left,
             (p.season_ends_on is not null) as seasonal,
             a.reference, a.procedure_language, e.enterprise_number, w.given_names, w.family_name
        from permits p
        join applications a on a.id = p.application_id
        join employers e on e.id = a.employer_id
        left join workers w on w.id = a.worker_id
       where ${NOTICES_ON}
         and p.revoked_on is null
         and a.status in ('granted', 'issued')
         and ${STAY_ENDS} >= ${today}::date
         and ${STAY_ENDS} <= ${today}::date + ${sql.lit(until)}
         and not exists (
           select 1 from end_of_stay_notices s
            where s.application_id = p.application_id
              and s.days_before = (select min(t) from unnest(array[${days}]) as t where t >= ${STAY_ENDS} - ${today}::date))
    ),
    due as (
      select c.application_id, t.days from candidate c cross join unnest(array[${days}]) as t(days) where c.days_left <= t.days
    ),
    recorded as (
      insert into end_of_stay_notices (application_id, days_before, created_at)
      select application_id, days, ${now} from due
      on conflict (application_id, days_before) do nothing
      returning application_id, days_before
    ),
    nearest as (select application_id, min(days) as days from due group by application_id),
    sent as (
      insert into outbox (key, kind, application_id, payload, next_attempt_at, created_at)
      select 'end-of-stay:' || c.application_id || ':' || n.days, 'ebox.notice', c.application_id,
             jsonb_build_object(
               'recipient', jsonb_build_object('kind', 'enterprise', 'id', c.enterprise_number),
               'language', coalesce(c.procedure_language, 'fr'),
               'template', case when c.seasonal then 'endOfSeason' else 'endOfStay' end,
               'values', jsonb_build_object(
                 'reference', coalesce(c.reference, ''),
                 'worker', concat_ws(' ', nullif(c.given_names, ''), nullif(c.family_name, '')),
                 'date', to_char(c.ends_on, 'YYYY-MM-DD'),
                 'days', c.days_left)),
             ${now}, ${now}
        from nearest n
        join recorded r on r.application_id = n.application_id and r.days_before = n.days
        join candidate c on c.application_id = n.application_id
      on conflict (key) do nothing
      returning application_id
    )
    select c.reference from sent join candidate c on c.application_id = sent.application_id`.execute(trx);
  return rows.map((row) => row.reference ?? "");
}

/**
 * What an early end notice needs of a permit that was live until today's decision, if its
 * employer is warned (NOTICES_ON) and its stay was to end after `today`; else undefined.
 */
export async function earlyEndCandidate(trx: Kysely<Database>, applicationId: string, today: string) {
  const { rows } = await sql<{ planned_end: string; reference: string | null; procedure_language: string | null; enterprise_number: string; given_names: string | null; family_name: string | null }>`
    select to_char(${STAY_ENDS}, 'YYYY-MM-DD') as planned_end, a.reference, a.procedure_language, e.enterprise_number, w.given_names, w.family_name
      from permits p
      join applications a on a.id = p.application_id
      join employers e on e.id = a.employer_id
      left join workers w on w.id = a.worker_id
     where p.application_id = ${applicationId}
       and ${NOTICES_ON}
       and ${STAY_ENDS} > ${today}::date`.execute(trx);
  return rows[0];
}

/**
 * The reminder sweep in one statement: marks every decision document delivered before
 * `before`, never opened nor reminded of, as reminded, and enqueues its reminder.
 */
export async function enqueueReminders(trx: Kysely<Database>, before: Date, now: Date): Promise<number> {
  const { rows } = await sql<{ id: number }>`
    with claimed as (
      update ebox_messages m set reminded_at = ${now}
        from applications a
       where a.id = m.application_id
         and m.opened_at is null and m.reminded_at is null and m.attachment_sha256 is not null
         and m.delivered_at < ${before}
      returning m.id, m.recipient_kind, m.recipient_id, m.delivered_at, a.id as application_id, a.reference, a.procedure_language
    )
    insert into outbox (key, kind, application_id, payload, next_attempt_at, created_at)
    select 'reminder:' || c.id, 'ebox.notice', c.application_id,
           jsonb_build_object(
             'recipient', jsonb_build_object('kind', c.recipient_kind, 'id', c.recipient_id),
             'language', coalesce(c.procedure_language, 'fr'),
             'template', 'reminder',
             'values', jsonb_build_object(
               'reference', coalesce(c.reference, ''),
               'date', to_char(c.delivered_at at time zone 'Europe/Brussels', 'YYYY-MM-DD'))),
           ${now}, ${now}
      from claimed c
    on conflict (key) do nothing
    returning id`.execute(trx);
  return rows.length;
}

/**
 * Claims the current run of a background job: true for exactly one caller per interval,
 * whichever worker asks first (one statement, so two workers asking at once cannot both
 * win). A worker that dies during its run leaves the job to the next interval; every
 * sweep is idempotent, so a run missed is made up by the next.
 */
export async function claimJobRun(db: Kysely<Database>, name: string, now: Date, intervalMs: number, holder: string): Promise<boolean> {
  const { rows } = await sql<{ name: string }>`
    insert into background_jobs (name, last_run_at, last_run_by) values (${name}, ${now}, ${holder})
    on conflict (name) do update set last_run_at = excluded.last_run_at, last_run_by = excluded.last_run_by
     where background_jobs.last_run_at <= ${new Date(now.getTime() - intervalMs)}
    returning name`.execute(db);
  return rows.length > 0;
}

/** Live permits already warned of an end of stay still to come, by the day it ends: what `npm run jobs` reports beside what it sent. */
export async function warnedStays(db: Kysely<Database>, today: string): Promise<{ reference: string; ends_on: string }[]> {
  const { rows } = await sql<{ reference: string | null; ends_on: string }>`
    select a.reference, to_char(${STAY_ENDS}, 'YYYY-MM-DD') as ends_on
      from permits p
      join applications a on a.id = p.application_id
     where p.revoked_on is null
       and ${STAY_ENDS} >= ${today}::date
       and exists (select 1 from end_of_stay_notices s where s.application_id = p.application_id)
     order by 2, 1`.execute(db);
  return rows.map((row) => ({ reference: row.reference ?? "", ends_on: row.ends_on }));
}
