import type { Kysely } from "kysely";

/**
 * A mandate is given until a date, or until revoked (docs/decisions/017-outside-systems.md):
 * the mandate service's stub keeps the end date beside the revocation, and a representative
 * loses the enterprise's files on his next request after either.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable("mandates").addColumn("valid_until", "date").execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable("mandates").dropColumn("valid_until").execute();
}
