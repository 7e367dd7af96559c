import { sql, type Kysely } from "kysely";

/**
 * The diplomatic post and the commune (issue 14, docs/decisions/023-post-and-commune.md):
 * two roles whose `users.authority` names their post or commune; an e-Box inbox per post
 * (the annex 46 reaches the post chosen on the form); and one row per granted case for the
 * steps after the grant (workflows/residence-steps.ts), with the columns the queues filter on
 * and the annex 49's verification code, checked at /verify like a permit's.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await sql`alter table users drop constraint users_role_check`.execute(db);
  await sql`
    alter table users add constraint users_role_check
      check (role in ('employer','worker','resident','regional-officer','oe-officer','inspector','data-protection-officer','diplomatic-post','commune'))`.execute(db);
  await sql`alter table ebox_messages drop constraint ebox_messages_recipient_kind_check`.execute(db);
  await sql`alter table ebox_messages add constraint ebox_messages_recipient_kind_check check (recipient_kind in ('enterprise','person','post'))`.execute(db);

  await db.schema
    .createTable("residence_steps")
    .addColumn("application_id", "uuid", (c) => c.primaryKey().references("applications.id").onDelete("cascade"))
    // The post chosen on the form (worker abroad), and the commune of the worker's address in Belgium once known.
    .addColumn("visa_post", "text")
    .addColumn("postal_code", "text")
    .addColumn("commune", "text")
    .addColumn("stage", "text", (c) => c.notNull())
    .addColumn("machine_snapshot", "jsonb", (c) => c.notNull())
    .addColumn("machine_version", "integer", (c) => c.notNull())
    .addColumn("version", "integer", (c) => c.notNull().defaultTo(1))
    .addColumn("annex49_code", "text", (c) => c.unique())
    .addColumn("created_at", "timestamptz", (c) => c.notNull())
    .addColumn("updated_at", "timestamptz", (c) => c.notNull())
    .execute();
  await db.schema.createIndex("residence_steps_post_idx").on("residence_steps").columns(["visa_post", "stage"]).execute();
  await db.schema.createIndex("residence_steps_commune_idx").on("residence_steps").columns(["commune", "stage"]).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable("residence_steps").execute();
  await sql`delete from ebox_messages where recipient_kind = 'post'`.execute(db);
  await sql`alter table ebox_messages drop constraint ebox_messages_recipient_kind_check`.execute(db);
  await sql`alter table ebox_messages add constraint ebox_messages_recipient_kind_check check (recipient_kind in ('enterprise','person'))`.execute(db);
  await sql`delete from users where role in ('diplomatic-post','commune')`.execute(db);
  await sql`alter table users drop constraint users_role_check`.execute(db);
  await sql`
    alter table users add constraint users_role_check
      check (role in ('employer','worker','resident','regional-officer','oe-officer','inspector','data-protection-officer'))`.execute(db);
}
