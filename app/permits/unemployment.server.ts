import type { Kysely, Transaction } from "kysely";
import { todayInBelgium } from "../../workflows/legal-clock";
import { daysUnemployed, hasRunOut, unemploymentDaysLeft, unemploymentPeriod, type UnemploymentRule } from "../../workflows/unemployment-period";
import type { DB } from "../db/db.server";
import type { Database } from "../db/schema";
import { insertCaseEvent } from "../cases/cases.repository";
import { earlyEndCandidate } from "../delivery/delivery.repository";
import { enqueue } from "../outbox/outbox.server";
import { workerNoticeRecipient, type SweepLog } from "../delivery/notices.server";

/**
 * The unemployment clock (issue 17, point 2; docs/decisions/022-unemployment-clock.md): when
 * an employment ends — reported by the employer on the case, or by the worker on /permits —
 * the period the worker may stay without work starts (workflows/unemployment-period.ts). A
 * change of employer filed within it stops it (`stopUnemploymentClock`); a period that runs
 * out is put before the Immigration Office, which decides on the residence
 * (`sweepUnemploymentPeriods`, run by `npm run jobs` and the background work). Every change
 * goes to the cadastre and, where relevant, to the employer's and the worker's e-Box, through
 * the outbox in the same transaction.
 */

type Queryable = Kysely<Database>;

export type UnemploymentStatus = "running" | "stopped" | "run-out";

/** A period as the worker's page, the officer's case page and the dashboard show it. */
export interface UnemploymentPeriodView {
  id: string;
  caseId: string;
  reference: string | null;
  employmentEndedOn: string;
  startsOn: string;
  endsOn: string;
  rule: UnemploymentRule;
  earlierDays: number;
  reportedBy: "employer" | "worker" | "region";
  status: UnemploymentStatus;
  stoppedOn: string | null;
  stopReason: string | null;
  /** Days left today (0 on the last day); null once stopped or run out. */
  daysLeft: number | null;
}

const SYSTEM_ACTOR = { userId: null, role: "system", authority: null } as const;

/** Runs `work` in the caller's transaction, or in a new one. */
function inTransaction<T>(db: Queryable, work: (trx: Transaction<Database>) => Promise<T>): Promise<T> {
  return db.isTransaction ? work(db as Transaction<Database>) : db.transaction().execute(work);
}

/**
 * Starts the clock of the employment that ended on `employmentEndedOn` under this permit,
 * in the caller's transaction (the report's, or the region's decision's when nobody reported:
 * `reportedBy` "region", app/revocation). One period per employment: a second report changes
 * nothing (returns null). A worker whose national number the portal does not know has his
 * period too (the 90 days hold for him as for any holder; migration 0018): it names no
 * number, earlier periods cannot be found for it, and his notice goes to the employer's
 * e-Box, to forward.
 */
export async function startUnemploymentClock(
  trx: Transaction<Database>,
  start: { applicationId: string; employmentEndedOn: string; reportedBy: "employer" | "worker" | "region"; now: Date },
): Promise<UnemploymentPeriodView | null> {
  const facts = await trx
    .selectFrom("applications as a")
    .innerJoin("workers as w", "w.id", "a.worker_id")
    .leftJoin("permits as p", "p.application_id", "a.id")
    .select(["a.id", "a.reference", "a.procedure_language", "w.person_number", "p.valid_from"])
    .where("a.id", "=", start.applicationId)
    .executeTakeFirst();
  if (!facts) return null;
  const personNumber = facts.person_number;
  const validFrom = facts.valid_from ?? start.employmentEndedOn;
  // The directive counts the total during the permit: earlier periods of this worker since its first day (found by his number).
  const earlier = personNumber
    ? await trx
        .selectFrom("unemployment_periods")
        .select(["starts_on", "ends_on", "stopped_on", "status"])
        .where("worker_person_number", "=", personNumber)
        .where("application_id", "<>", start.applicationId)
        .where("starts_on", ">=", validFrom)
        .execute()
    : [];
  const earlierDays = earlier.reduce((sum, period) => sum + daysUnemployed({ startsOn: period.starts_on, endsOn: period.ends_on }, period.stopped_on ?? period.ends_on), 0);
  const plan = unemploymentPeriod({ employmentEndedOn: start.employmentEndedOn, permitValidFrom: validFrom, earlierDays });
  const inserted = await trx
    .insertInto("unemployment_periods")
    .values({
      application_id: start.applicationId,
      worker_person_number: personNumber,
      employment_ended_on: start.employmentEndedOn,
      starts_on: plan.startsOn,
      ends_on: plan.endsOn,
      rule: plan.rule,
      earlier_days: plan.earlierDays,
      reported_by: start.reportedBy,
      created_at: start.now,
    })
    .onConflict((oc) => oc.column("application_id").doNothing())
    .returningAll()
    .executeTakeFirst();
  if (!inserted) return null;
  const today = todayInBelgium(start.now);
  const reference = facts.reference ?? facts.id;
  await feedCadastre(trx, { id: inserted.id, caseId: start.applicationId, reference, personNumber, startsOn: plan.startsOn, endsOn: plan.endsOn }, "running", today);
  // The worker is told when his period ends, in his own language when he chose one; without an e-Box, through the employer's.
  const to = await workerNoticeRecipient(trx, start.applicationId, personNumber);
  if (to) {
    await enqueue(trx, {
      key: `unemployment-started:${inserted.id}`,
      kind: "ebox.notice",
      applicationId: start.applicationId,
      payload: {
        recipient: to.recipient,
        language: (personNumber ? await languageOf(trx, personNumber) : null) ?? facts.procedure_language ?? "fr",
        template: "unemploymentStarted",
        values: { reference, date: plan.endsOn, days: unemploymentDaysLeft(plan, today) },
        ...(to.forward ? { forward: true } : {}),
      },
    });
  }
  // An employer warned of the stay's end hears that it may now end earlier (notices.server.ts).
  const warned = await earlyEndCandidate(trx, start.applicationId, today);
  if (warned && plan.endsOn < warned.planned_end) {
    await enqueue(trx, {
      key: `end-of-stay-unemployment:${start.applicationId}`,
      kind: "ebox.notice",
      applicationId: start.applicationId,
      payload: {
        recipient: { kind: "enterprise", id: warned.enterprise_number },
        language: warned.procedure_language ?? "fr",
        template: "endOfStayUnemployment",
        values: {
          reference,
          worker: [warned.given_names, warned.family_name].filter(Boolean).join(" "),
          date: plan.endsOn,
          plannedEnd: warned.planned_end,
        },
      },
    });
  }
  return toView({ ...inserted, reference: facts.reference }, today);
}

/**
 * A change of employer filed within the period stops it: the worker's running period whose
 * last day has not passed is stopped today, the case's history says why, and the cadastre is
 * told. Pass the change's transaction as `db` to stop it in the same transaction. Returns the
 * period stopped, or null when none was running (none at all, or already run out).
 */
export async function stopUnemploymentClock(db: Queryable, workerNationalNumber: string, reason: string, now = new Date()): Promise<UnemploymentPeriodView | null> {
  const today = todayInBelgium(now);
  return inTransaction(db, async (trx) => {
    const stopped = await trx
      .updateTable("unemployment_periods")
      .set({ status: "stopped", stopped_on: today, stop_reason: reason.slice(0, 500) })
      .where("worker_person_number", "=", workerNationalNumber)
      .where("status", "=", "running")
      .where("ends_on", ">=", today)
      .returningAll()
      .execute();
    const period = stopped[0];
    if (!period) return null;
    for (const row of stopped) {
      await insertCaseEvent(trx, {
        applicationId: row.application_id,
        type: "unemployment-period-stopped",
        actor: SYSTEM_ACTOR,
        fromStatus: null,
        toStatus: await caseStatusOf(trx, row.application_id),
        reason: reason.slice(0, 500) || null,
        detail: { stoppedOn: today, endsOn: row.ends_on },
        version: await caseVersionOf(trx, row.application_id),
        at: now,
      });
      await feedCadastre(trx, { id: row.id, caseId: row.application_id, reference: (await caseReference(trx, row.application_id)) ?? row.application_id, personNumber: row.worker_person_number, startsOn: row.starts_on, endsOn: row.ends_on }, "stopped", today);
    }
    return toView({ ...period, reference: await caseReference(trx, period.application_id) }, today);
  });
}

/**
 * The periods whose last day has passed without a stop: each is marked run out and put
 * before the Immigration Office (a line in the case's history; the OE's deadlines page lists
 * it), the cadastre and the worker are told. One transaction per period: one that fails is
 * logged and left for the next sweep. Returns the references of the cases that reached the OE.
 */
export async function sweepUnemploymentPeriods(db: DB, now = new Date(), log: SweepLog = console.error): Promise<string[]> {
  const today = todayInBelgium(now);
  const due = await db
    .selectFrom("unemployment_periods")
    .select(["id"])
    .where("status", "=", "running")
    .where("ends_on", "<", today)
    .orderBy("ends_on")
    .limit(1000)
    .execute();
  const reached: string[] = [];
  for (const { id } of due) {
    try {
      const reference = await db.transaction().execute(async (trx) => {
        const row = await trx
          .updateTable("unemployment_periods")
          .set({ status: "run-out", run_out_at: now })
          .where("id", "=", id)
          .where("status", "=", "running")
          .returningAll()
          .executeTakeFirst();
        if (!row || !hasRunOut({ endsOn: row.ends_on }, today)) return null;
        const ref = (await caseReference(trx, row.application_id)) ?? row.application_id;
        await insertCaseEvent(trx, {
          applicationId: row.application_id,
          type: "unemployment-period-run-out",
          actor: SYSTEM_ACTOR,
          fromStatus: null,
          toStatus: await caseStatusOf(trx, row.application_id),
          reason: null,
          detail: { endsOn: row.ends_on },
          version: await caseVersionOf(trx, row.application_id),
          at: now,
          authority: "oe",
        });
        await feedCadastre(trx, { id: row.id, caseId: row.application_id, reference: ref, personNumber: row.worker_person_number, startsOn: row.starts_on, endsOn: row.ends_on }, "run-out", today);
        const to = await workerNoticeRecipient(trx, row.application_id, row.worker_person_number);
        if (to) {
          await enqueue(trx, {
            key: `unemployment-run-out:${row.id}`,
            kind: "ebox.notice",
            applicationId: row.application_id,
            payload: {
              recipient: to.recipient,
              language: (row.worker_person_number ? await languageOf(trx, row.worker_person_number) : null) ?? (await procedureLanguageOf(trx, row.application_id)),
              template: "unemploymentRunOut",
              values: { reference: ref, date: row.ends_on },
              ...(to.forward ? { forward: true } : {}),
            },
          });
        }
        return ref;
      });
      if (reference) reached.push(reference);
    } catch (error) {
      log(`unemployment period ${id} failed`, error);
    }
  }
  return reached;
}

/** The periods of one worker, newest first (his own page; access decided by the caller). */
export async function unemploymentPeriodsOf(db: Queryable, personNumber: string, now = new Date()): Promise<UnemploymentPeriodView[]> {
  const rows = await periodQuery(db).where("u.worker_person_number", "=", personNumber).orderBy("u.starts_on", "desc").execute();
  const today = todayInBelgium(now);
  return rows.map((row) => toView(row, today));
}

/** The period of one case, if its employment ended (the officer's case page; access decided by the caller). */
export async function unemploymentPeriodOfCase(db: Queryable, applicationId: string, now = new Date()): Promise<UnemploymentPeriodView | null> {
  const row = await periodQuery(db).where("u.application_id", "=", applicationId).executeTakeFirst();
  return row ? toView(row, todayInBelgium(now)) : null;
}

/**
 * The Immigration Office's side: the periods run out whose residence is still to be decided
 * (the case neither revoked nor withdrawn since), oldest first, and how many run now. Case
 * references and dates only, no personal data.
 */
export async function unemploymentForOe(db: Queryable, now = new Date()) {
  const today = todayInBelgium(now);
  const runOut = await periodQuery(db)
    // Run out: put before the OE by the sweep, or past its last day and not swept yet.
    .where((eb) => eb.or([eb("u.status", "=", "run-out"), eb.and([eb("u.status", "=", "running"), eb("u.ends_on", "<", today)])]))
    .where("a.status", "not in", ["revoked", "withdrawn"])
    .orderBy("u.ends_on")
    .limit(200)
    .execute();
  const running = await db
    .selectFrom("unemployment_periods")
    .select((eb) => eb.fn.countAll<string>().as("count"))
    .where("status", "=", "running")
    .where("ends_on", ">=", today)
    .executeTakeFirstOrThrow();
  return { runOut: runOut.map((row) => toView(row, today)), running: Number(running.count) };
}

function periodQuery(db: Queryable) {
  return db
    .selectFrom("unemployment_periods as u")
    .innerJoin("applications as a", "a.id", "u.application_id")
    .selectAll("u")
    .select("a.reference");
}

type PeriodRow = Awaited<ReturnType<ReturnType<typeof periodQuery>["executeTakeFirstOrThrow"]>>;

function toView(row: PeriodRow, today: string): UnemploymentPeriodView {
  const running = row.status === "running" && !hasRunOut({ endsOn: row.ends_on }, today);
  return {
    id: row.id,
    caseId: row.application_id,
    reference: row.reference,
    employmentEndedOn: row.employment_ended_on,
    startsOn: row.starts_on,
    endsOn: row.ends_on,
    rule: row.rule,
    earlierDays: row.earlier_days,
    reportedBy: row.reported_by,
    // A period past its last day has run out, even before the sweep put it before the OE.
    status: row.status === "running" && !running ? "run-out" : row.status,
    stoppedOn: row.stopped_on,
    stopReason: row.stop_reason,
    daysLeft: running ? unemploymentDaysLeft({ endsOn: row.ends_on }, today) : null,
  };
}

async function feedCadastre(
  trx: Transaction<Database>,
  period: { id: string; caseId: string; reference: string; personNumber: string | null; startsOn: string; endsOn: string },
  status: UnemploymentStatus,
  today: string,
) {
  await enqueue(trx, {
    key: `cadastre-unemployment:${period.id}:${status}`,
    kind: "cadastre.unemployment",
    applicationId: period.caseId,
    payload: { caseReference: period.reference, workerPersonNumber: period.personNumber, startsOn: period.startsOn, endsOn: period.endsOn, status, statusOn: today },
  });
}

async function languageOf(db: Queryable, personNumber: string): Promise<string | null> {
  const user = await db.selectFrom("users").select("preferred_language").where("person_number", "=", personNumber).executeTakeFirst();
  return user?.preferred_language ?? null;
}

async function procedureLanguageOf(db: Queryable, applicationId: string): Promise<string> {
  const row = await db.selectFrom("applications").select("procedure_language").where("id", "=", applicationId).executeTakeFirst();
  return row?.procedure_language ?? "fr";
}

async function caseReference(db: Queryable, applicationId: string): Promise<string | null> {
  const row = await db.selectFrom("applications").select("reference").where("id", "=", applicationId).executeTakeFirst();
  return row?.reference ?? null;
}

async function caseStatusOf(db: Queryable, applicationId: string): Promise<string> {
  const row = await db.selectFrom("applications").select("status").where("id", "=", applicationId).executeTakeFirstOrThrow();
  return row.status;
}

async function caseVersionOf(db: Queryable, applicationId: string): Promise<number> {
  const row = await db.selectFrom("applications").select("version").where("id", "=", applicationId).executeTakeFirstOrThrow();
  return row.version;
}
