import { sql, type Kysely } from "kysely";

/**
 * An officer's decision waiting for his confirmation (docs/decisions/020-decide-then-confirm.md):
 * the "Decide" form writes one row, the confirmation page reads it back and restates it,
 * and confirming takes it and applies the decision against the version it was made on.
 * One row per officer and case (a new choice replaces the last); rows are small, personal
 * (the reasons) and short-lived: taken on confirmation, or dropped after eight hours.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable("pending_decisions")
    .addColumn("id", "uuid", (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn("application_id", "uuid", (c) => c.notNull().references("applications.id").onDelete("cascade"))
    .addColumn("officer_user_id", "uuid", (c) => c.notNull().references("users.id").onDelete("cascade"))
    // The case's version the officer decided on: a case that moved on makes it stale.
    .addColumn("version", "integer", (c) => c.notNull())
    .addColumn("outcome", "text", (c) => c.notNull())
    .addColumn("ground", "text")
    .addColumn("reason", "text")
    .addColumn("created_at", "timestamptz", (c) => c.notNull())
    .addUniqueConstraint("pending_decisions_officer_case_key", ["officer_user_id", "application_id"])
    .execute();
  await db.schema.createIndex("pending_decisions_created_idx").on("pending_decisions").column("created_at").execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable("pending_decisions").execute();
}
