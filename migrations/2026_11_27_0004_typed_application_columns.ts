import { sql, type Kysely } from "kysely";

/**
 * Drafts and filings no longer share one JSON column: `draft_form` holds a draft's answers
 * by step, `filed_form` what was filed, tagged with the application's kind. The employment
 * category becomes a real, indexed column (the officers' queue filters on it). The audit
 * log names the case a read concerned (a document download is about a case), and a
 * data-protection officer role reads it.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .alterTable("applications")
    .addColumn("draft_form", "jsonb")
    .addColumn("filed_form", "jsonb")
    .addColumn("employment_category", "text")
    .execute();
  // Version-1 drafts were one flat page of answers: kept aside as typed, moved to steps when opened.
  await sql`
    update applications
       set draft_form = case when form_version = 1 then jsonb_build_object('legacy', form_data) else form_data end
     where status = 'draft'`.execute(db);
  await sql`
    update applications
       set filed_form = form_data || jsonb_build_object('kind', kind),
           employment_category = case when kind = 'single' then nullif(form_data ->> 'category', '') end
     where status <> 'draft'`.execute(db);
  await db.schema.alterTable("applications").dropColumn("form_data").execute();
  await sql`
    alter table applications add constraint applications_form_shape_check
      check ((status = 'draft') = (draft_form is not null) and (status = 'draft') = (filed_form is null))`.execute(db);
  await db.schema
    .createIndex("applications_category_idx")
    .on("applications")
    .columns(["employment_category", "competent_authority", "due_on"])
    .execute();

  await db.schema.alterTable("audit_log").addColumn("application_id", "uuid").execute();
  await sql`update audit_log set application_id = subject_id::uuid where subject_type = 'application'`.execute(db);
  await db.schema.createIndex("audit_log_application_idx").on("audit_log").columns(["application_id", "created_at"]).execute();
  await db.schema.createIndex("audit_log_created_idx").on("audit_log").column("created_at").execute();

  await sql`alter table users drop constraint users_role_check`.execute(db);
  await sql`
    alter table users add constraint users_role_check
      check (role in ('employer','worker','resident','regional-officer','oe-officer','inspector','data-protection-officer'))`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`delete from users where role = 'data-protection-officer'`.execute(db);
  await sql`alter table users drop constraint users_role_check`.execute(db);
  await sql`
    alter table users add constraint users_role_check
      check (role in ('employer','worker','resident','regional-officer','oe-officer','inspector'))`.execute(db);
  await db.schema.dropIndex("audit_log_created_idx").execute();
  await db.schema.dropIndex("audit_log_application_idx").execute();
  await db.schema.alterTable("audit_log").dropColumn("application_id").execute();
  await db.schema.dropIndex("applications_category_idx").execute();
  await sql`alter table applications drop constraint applications_form_shape_check`.execute(db);
  await db.schema.alterTable("applications").addColumn("form_data", "jsonb", (c) => c.notNull().defaultTo(sql`'{}'::jsonb`)).execute();
  await sql`
    update applications
       set form_data = coalesce(draft_form -> 'legacy', draft_form, filed_form - 'kind', '{}'::jsonb)`.execute(db);
  await db.schema.alterTable("applications").dropColumn("draft_form").dropColumn("filed_form").dropColumn("employment_category").execute();
}
