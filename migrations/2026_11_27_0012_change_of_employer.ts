import { sql, type Kysely } from "kysely";

/**
 * A change of employer (issue 17.1; docs/decisions/021-change-of-employer.md):
 * - `permit_consents`: a worker's consent, given in his own account, that one enterprise may
 *   see his current permit and file a change of employer for him. Until it expires or he
 *   withdraws it; rows are kept (withdrawn_at set) as the trace of what was allowed when.
 * - `applications.kind` admits "change-of-employer", and such a case names the case whose
 *   permit it changes (`changes_application_id`): approval ends that one.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable("permit_consents")
    .addColumn("id", "uuid", (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn("worker_person_number", "text", (c) => c.notNull())
    .addColumn("enterprise_number", "text", (c) => c.notNull())
    .addColumn("given_at", "timestamptz", (c) => c.notNull())
    .addColumn("expires_on", "date", (c) => c.notNull())
    .addColumn("withdrawn_at", "timestamptz")
    .execute();
  await db.schema
    .createIndex("permit_consents_worker_enterprise_idx")
    .on("permit_consents")
    .columns(["worker_person_number", "enterprise_number"])
    .execute();
  await sql`alter table applications drop constraint applications_kind_check`.execute(db);
  await sql`alter table applications add constraint applications_kind_check check (kind in ('single','permanent','change-of-employer'))`.execute(db);
  await db.schema
    .alterTable("applications")
    .addColumn("changes_application_id", "uuid", (c) => c.references("applications.id"))
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable("applications").dropColumn("changes_application_id").execute();
  await sql`alter table applications drop constraint applications_kind_check`.execute(db);
  await sql`alter table applications add constraint applications_kind_check check (kind in ('single','permanent'))`.execute(db);
  await db.schema.dropTable("permit_consents").execute();
}
