import type { Kysely } from "kysely";

/**
 * The search period of a worker whose national number the portal does not know (issue 14
 * point 3; docs/decisions/026-revocation-chain.md): when the region ends his work
 * authorisation the revocation chain starts his period itself, so the period (and the
 * cadastre's copy of it) may name no national number.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable("unemployment_periods").alterColumn("worker_person_number", (c) => c.dropNotNull()).execute();
  await db.withSchema("limosa").schema.alterTable("unemployment_periods").alterColumn("worker_person_number", (c) => c.dropNotNull()).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.deleteFrom("unemployment_periods").where("worker_person_number", "is", null).execute();
  await db.withSchema("limosa").deleteFrom("unemployment_periods").where("worker_person_number", "is", null).execute();
  await db.schema.alterTable("unemployment_periods").alterColumn("worker_person_number", (c) => c.setNotNull()).execute();
  await db.withSchema("limosa").schema.alterTable("unemployment_periods").alterColumn("worker_person_number", (c) => c.setNotNull()).execute();
}
