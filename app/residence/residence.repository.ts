import type { Kysely, Transaction } from "kysely";
import type { Database, ResidenceStepsTable } from "../db/schema";
import type { Insertable, Selectable } from "kysely";

type Queryable = Kysely<Database> | Transaction<Database>;

export type ResidenceStepsRow = Selectable<ResidenceStepsTable>;

/** What the access rule needs: the worker's post and commune. */
export async function residenceFactsOf(db: Queryable, applicationId: string): Promise<{ visaPost: string | null; commune: string | null } | undefined> {
  const row = await db.selectFrom("residence_steps").select(["visa_post", "commune"]).where("application_id", "=", applicationId).executeTakeFirst();
  return row ? { visaPost: row.visa_post, commune: row.commune } : undefined;
}

export function findResidenceSteps(db: Queryable, applicationId: string): Promise<ResidenceStepsRow | undefined> {
  return db.selectFrom("residence_steps").selectAll().where("application_id", "=", applicationId).executeTakeFirst();
}

export function lockResidenceSteps(trx: Transaction<Database>, applicationId: string): Promise<ResidenceStepsRow | undefined> {
  return trx.selectFrom("residence_steps").selectAll().where("application_id", "=", applicationId).forUpdate().executeTakeFirst();
}

/** Once per case: a second grant of the same case (it has none) would keep the first row. */
export async function insertResidenceSteps(trx: Transaction<Database>, row: Insertable<ResidenceStepsTable>): Promise<void> {
  await trx.insertInto("residence_steps").values(row).onConflict((oc) => oc.column("application_id").doNothing()).execute();
}

export async function updateResidenceSteps(
  trx: Transaction<Database>,
  applicationId: string,
  change: Pick<ResidenceStepsRow, "stage" | "postal_code" | "commune" | "annex49_code"> & { machine_snapshot: string; updated_at: Date },
): Promise<void> {
  await trx
    .updateTable("residence_steps")
    .set((eb) => ({ ...change, version: eb("version", "+", 1) }))
    .where("application_id", "=", applicationId)
    .execute();
}

/** A post's or a commune's files, the open ones first, each with the worker and the employer. */
export function residenceQueueRows(db: Queryable, where: { column: "visa_post" | "commune"; office: string }) {
  return db
    .selectFrom("residence_steps")
    .innerJoin("applications", "applications.id", "residence_steps.application_id")
    .leftJoin("workers", "workers.id", "applications.worker_id")
    .leftJoin("employers", "employers.id", "applications.employer_id")
    .select([
      "applications.id",
      "applications.reference",
      "applications.employment_category",
      "residence_steps.stage",
      "residence_steps.updated_at",
      "workers.family_name",
      "workers.given_names",
      "workers.nationality",
      "workers.birth_date",
      "employers.name as employer_name",
    ])
    .where(`residence_steps.${where.column}`, "=", where.office)
    .orderBy((eb) => eb.case().when("residence_steps.stage", "in", ["visa-refused", "card-issued"]).then(1).else(0).end())
    .orderBy("residence_steps.updated_at", "desc")
    .limit(200)
    .execute();
}

/** The annex 49 behind a verification code, with what /verify may show. */
export function findAnnex49ByCode(db: Queryable, code: string) {
  return db
    .selectFrom("residence_steps")
    .innerJoin("applications", "applications.id", "residence_steps.application_id")
    .leftJoin("workers", "workers.id", "applications.worker_id")
    .select([
      "residence_steps.commune",
      "residence_steps.stage",
      "residence_steps.machine_snapshot",
      "applications.reference",
      "applications.status",
      "workers.given_names",
      "workers.family_name",
    ])
    .where("residence_steps.annex49_code", "=", code)
    .executeTakeFirst();
}
