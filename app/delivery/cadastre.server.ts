import { sql, type Expression, type Kysely, type SqlBool, type Transaction } from "kysely";
import type { CadastreRecord } from "../../forms/cadastre-record";
import type { Database } from "../db/schema";
import type { CadastreStatus, CadastreUnemploymentPayload } from "../outbox/messages";
import { afterCall, beforeCall, normalBehaviour, type StubBehaviour } from "../systems/stub-behaviour";

/**
 * The Limosa cadastre of foreign employment (docs/domain.md §6), in its own schema. Only
 * the outbox worker writes it, through this interface; inspectors read it through the
 * logged consultation (inspection.server.ts).
 */
export interface CadastreEntry {
  /** Idempotency: the same feed twice is one history line. */
  key: string;
  caseReference: string;
  /** Order: an entry older than what the cadastre holds never replaces it. */
  caseVersion: number;
  permitKind: string;
  worker: { personNumber: string | null; familyName: string; givenNames: string; birthDate: string | null; nationality: string };
  employer: { enterpriseNumber: string; name: string } | null;
  authority: string;
  category: string;
  job: string | null;
  placeOfWork: string | null;
  validFrom: string | null;
  validUntil: string | null;
  status: CadastreStatus;
  statusOn: string;
  reason: string | null;
}

/**
 * The cadastre as the portal sees it: it is fed decisions and consulted by inspectors. A
 * real client would send `key` as the idempotency key and compare versions the same way.
 */
/** A step after the grant, added to the permit's history without changing its state. */
export interface CadastreStep {
  /** Idempotency: the same step twice is one history line. */
  key: string;
  caseReference: string;
  caseVersion: number;
  step: string;
  on: string;
  detail: string | null;
}

export interface CadastreClient {
  feed(entry: CadastreEntry): Promise<void>;
  /**
   * An unemployment period after an employment ended: started, stopped by a change of
   * employer, or run out (app/permits/unemployment.server.ts). The same key twice changes
   * nothing; a period stopped or run out never goes back to running.
   */
  recordUnemployment(entry: CadastreUnemploymentEntry): Promise<void>;
  /** Refused (to be retried) while the cadastre does not hold the permit yet. */
  recordStep(step: CadastreStep): Promise<void>;
  /** The consultation (Dolsis): the current state of each permit matching, with its history, and the imported records matching. */
  consult(criteria: CadastreCriteria): Promise<CadastreConsultation>;
}

/**
 * The cadastre's import seam, for records of other authorities (work cards B/C, professional
 * cards, annex 3), already validated (forms/cadastre-record.ts). Idempotent by source and
 * source id: a record imported again replaces the one held, and is counted as updated. The
 * portal's delivery never uses it: only app/inspection/cadastre-import.server.ts does.
 */
export interface CadastreImportClient {
  importRecords(records: readonly CadastreRecord[]): Promise<{ added: number; updated: number }>;
}

export type CadastreUnemploymentEntry = CadastreUnemploymentPayload & { key: string };

/** The local cadastre, with the seam through which it is told how to behave. */
export interface LocalCadastre extends CadastreClient, CadastreImportClient {
  behaviour: StubBehaviour;
}

/**
 * The local cadastre: its own schema (`limosa`), written in its own transaction, never in
 * the caller's. A feed whose key it already holds adds no history line, and a state older
 * than the one it holds never replaces it.
 */
export function localCadastre(db: Kysely<Database>): LocalCadastre {
  const behaviour = normalBehaviour();
  return {
    behaviour,
    consult: (criteria) => consultCadastre(db, criteria),
    async feed(entry) {
      await beforeCall("cadastre", behaviour);
      await db.transaction().execute((trx) => writeFeed(trx, entry));
      afterCall("cadastre", behaviour);
    },
    async recordUnemployment(entry) {
      await beforeCall("cadastre", behaviour);
      await writeUnemployment(db, entry);
      afterCall("cadastre", behaviour);
    },
    async recordStep(step) {
      await beforeCall("cadastre", behaviour);
      await db.transaction().execute(async (trx) => {
        const permit = await trx.selectFrom("limosa.permits").select("id").where("case_reference", "=", step.caseReference).executeTakeFirst();
        if (!permit) throw new Error(`the cadastre holds no permit ${step.caseReference} yet`);
        await trx
          .insertInto("limosa.permit_history")
          .values({ permit_id: permit.id, feed_key: step.key, case_version: step.caseVersion, status: step.step, status_on: step.on, reason: step.detail })
          .onConflict((oc) => oc.column("feed_key").doNothing())
          .execute();
      });
      afterCall("cadastre", behaviour);
    },
    async importRecords(records) {
      await beforeCall("cadastre", behaviour);
      const result = await db.transaction().execute((trx) => writeRecords(trx, records));
      afterCall("cadastre", behaviour);
      return result;
    },
  };
}

async function writeRecords(trx: Transaction<Database>, records: readonly CadastreRecord[]): Promise<{ added: number; updated: number }> {
  let added = 0;
  let updated = 0;
  for (const record of records) {
    const values = {
      kind: record.kind,
      worker_person_number: record.worker.personNumber,
      worker_family_name: record.worker.familyName,
      worker_given_names: record.worker.givenNames,
      worker_birth_date: record.worker.birthDate,
      worker_nationality: record.worker.nationality,
      foreign_address: record.worker.foreignAddress,
      employer_enterprise_number: record.employer?.enterpriseNumber ?? null,
      employer_name: record.employer?.name ?? null,
      limosa_l1: record.limosaL1,
      authority: record.authority,
      decision_date: record.decisionDate,
      annex: record.annex,
      valid_from: record.validFrom,
      valid_until: record.validUntil,
      imported_at: new Date(),
    };
    const existing = await trx
      .selectFrom("limosa.records")
      .select("id")
      .where("source", "=", record.source)
      .where("source_id", "=", record.sourceId)
      .executeTakeFirst();
    if (existing) {
      await trx.updateTable("limosa.records").set(values).where("id", "=", existing.id).execute();
      updated++;
    } else {
      await trx.insertInto("limosa.records").values({ source: record.source, source_id: record.sourceId, ...values }).execute();
      added++;
    }
  }
  return { added, updated };
}

async function writeUnemployment(db: Kysely<Database>, entry: CadastreUnemploymentEntry): Promise<void> {
  const values = {
    worker_person_number: entry.workerPersonNumber,
    starts_on: entry.startsOn,
    ends_on: entry.endsOn,
    status: entry.status,
    status_on: entry.statusOn,
    feed_key: entry.key,
    updated_at: new Date(),
  };
  await db
    .insertInto("limosa.unemployment_periods")
    .values({ case_reference: entry.caseReference, ...values })
    .onConflict((oc) =>
      // A running period takes its end; a stopped or run-out one stays as it is.
      oc.column("case_reference").doUpdateSet(values).where("limosa.unemployment_periods.status", "=", "running").where("limosa.unemployment_periods.feed_key", "<>", entry.key),
    )
    .execute();
}

async function writeFeed(trx: Transaction<Database>, entry: CadastreEntry): Promise<void> {
  const values = {
    permit_kind: entry.permitKind,
    worker_person_number: entry.worker.personNumber,
    worker_family_name: entry.worker.familyName,
    worker_given_names: entry.worker.givenNames,
    worker_birth_date: entry.worker.birthDate,
    worker_nationality: entry.worker.nationality,
    employer_enterprise_number: entry.employer?.enterpriseNumber ?? null,
    employer_name: entry.employer?.name ?? null,
    authority: entry.authority,
    category: entry.category,
    job: entry.job,
    place_of_work: entry.placeOfWork,
    valid_from: entry.validFrom,
    valid_until: entry.validUntil,
    status: entry.status,
    status_reason: entry.reason,
    status_on: entry.statusOn,
    case_version: entry.caseVersion,
    updated_at: new Date(),
  };
  const permit = await trx
    .insertInto("limosa.permits")
    .values({ case_reference: entry.caseReference, ...values })
    .onConflict((oc) =>
      // Only a newer decision replaces the current state.
      oc.column("case_reference").doUpdateSet(values).where("limosa.permits.case_version", "<", entry.caseVersion),
    )
    .returning("id")
    .executeTakeFirst();
  const id =
    permit?.id ??
    (await trx.selectFrom("limosa.permits").select("id").where("case_reference", "=", entry.caseReference).executeTakeFirstOrThrow()).id;
  await trx
    .insertInto("limosa.permit_history")
    .values({
      permit_id: id,
      feed_key: entry.key,
      case_version: entry.caseVersion,
      status: entry.status,
      status_on: entry.statusOn,
      reason: entry.reason,
    })
    .onConflict((oc) => oc.column("feed_key").doNothing())
    .execute();
}

/** What an inspector may search the cadastre by (one of them, stated with a purpose). */
export type CadastreCriteria = { personNumber: string } | { enterpriseNumber: string } | { familyName: string; birthDate: string };

export type CadastreConsultation = Awaited<ReturnType<typeof consultCadastre>>;

/**
 * The criteria as one condition. The portal's permits and the imported records name the
 * worker and the employer with the same columns, so one condition serves both tables.
 */
function criteriaCondition(criteria: CadastreCriteria): Expression<SqlBool> {
  if ("personNumber" in criteria) return sql<SqlBool>`worker_person_number = ${criteria.personNumber}`;
  if ("enterpriseNumber" in criteria) return sql<SqlBool>`employer_enterprise_number = ${criteria.enterpriseNumber}`;
  return sql<SqlBool>`lower(worker_family_name) = ${criteria.familyName.toLowerCase()} and worker_birth_date = ${criteria.birthDate}`;
}

/**
 * The consultation side of the local cadastre (Dolsis): the current state of each permit
 * matching the criteria, newest first, at most 50, with each permit's history. Read-only;
 * the logging of who asked and why is the caller's (app/inspection).
 */
async function consultCadastre(db: Kysely<Database>, criteria: CadastreCriteria) {
  const matching = criteriaCondition(criteria);
  const permits = await db.selectFrom("limosa.permits").selectAll().where(matching).orderBy("updated_at", "desc").limit(50).execute();
  const records = await db.selectFrom("limosa.records").selectAll().where(matching).orderBy("decision_date", "desc").orderBy("id", "desc").limit(50).execute();
  const history = permits.length
    ? await db
        .selectFrom("limosa.permit_history")
        .selectAll()
        .where(
          "permit_id",
          "in",
          permits.map((permit) => permit.id),
        )
        .orderBy("case_version")
        .orderBy("id")
        .execute()
    : [];
  const persons = [...new Set(permits.flatMap((permit) => (permit.worker_person_number ? [permit.worker_person_number] : [])))];
  const unemployment = persons.length
    ? await db.selectFrom("limosa.unemployment_periods").selectAll().where("worker_person_number", "in", persons).orderBy("starts_on", "desc").execute()
    : [];
  return { permits, history, unemployment, records };
}
