import type { Kysely } from "kysely";

/**
 * The national register's and the enterprise register's local stubs keep data of their own
 * (issue 18 point 2; docs/decisions/017-outside-systems.md). They used to read the portal's
 * `workers` and `employers`, so a national number an employer had typed with other names
 * became "the register's" person: the next employer typing the real names was told they did
 * not match, and the first one's names were printed on the permit as the register's. Schemas
 * of their own, as the cadastre's `limosa`; the demo seed enrols the demo's persons and
 * enterprises, tests enrol theirs. A real deployment asks the registers themselves.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.createSchema("national_register").execute();
  await db
    .withSchema("national_register")
    .schema.createTable("persons")
    .addColumn("person_number", "text", (c) => c.primaryKey())
    .addColumn("given_names", "text", (c) => c.notNull())
    .addColumn("family_name", "text", (c) => c.notNull())
    .addColumn("birth_date", "date")
    .addColumn("nationality", "text", (c) => c.notNull())
    .execute();
  await db.schema.createSchema("enterprise_register").execute();
  await db
    .withSchema("enterprise_register")
    .schema.createTable("enterprises")
    .addColumn("enterprise_number", "text", (c) => c.primaryKey())
    .addColumn("name", "text", (c) => c.notNull())
    .addColumn("street", "text", (c) => c.notNull())
    .addColumn("postal_code", "text", (c) => c.notNull())
    .addColumn("municipality", "text", (c) => c.notNull())
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropSchema("enterprise_register").cascade().execute();
  await db.schema.dropSchema("national_register").cascade().execute();
}
