import { sql, type Kysely } from "kysely";

/**
 * The foundation schema: identities, employers and their mandates, workers, applications
 * with their append-only event log, documents, the outbox and the audit log.
 * Frozen once landed: later changes are new files.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable("users")
    .addColumn("id", "uuid", (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn("login", "text", (c) => c.notNull().unique())
    .addColumn("display_name", "text", (c) => c.notNull())
    .addColumn("role", "text", (c) =>
      c.notNull().check(sql`role in ('employer','worker','resident','regional-officer','oe-officer','inspector')`),
    )
    // The authority an officer works for: a region, or 'oe' for the Immigration Office.
    .addColumn("authority", "text")
    // NISS or BIS number of a worker or resident: what links him to his own files.
    .addColumn("person_number", "text")
    .addColumn("password_hash", "text", (c) => c.notNull())
    .addColumn("preferred_language", "text")
    .addColumn("created_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .execute();

  await db.schema
    .createTable("employers")
    .addColumn("id", "uuid", (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn("enterprise_number", "text", (c) => c.notNull().unique())
    .addColumn("name", "text", (c) => c.notNull())
    .addColumn("street", "text", (c) => c.notNull())
    .addColumn("postal_code", "text", (c) => c.notNull())
    .addColumn("municipality", "text", (c) => c.notNull())
    .addColumn("nace_code", "text")
    .addColumn("seasonal_sector", "text")
    // Where the register data came from and when, shown next to prefilled fields.
    .addColumn("source", "text", (c) => c.notNull())
    .addColumn("source_date", "date", (c) => c.notNull())
    .addColumn("end_of_stay_notices", "boolean", (c) => c.notNull().defaultTo(false))
    .execute();

  await db.schema
    .createTable("mandates")
    .addColumn("user_id", "uuid", (c) => c.notNull().references("users.id"))
    .addColumn("employer_id", "uuid", (c) => c.notNull().references("employers.id"))
    .addColumn("granted_on", "date", (c) => c.notNull())
    .addColumn("revoked_on", "date")
    .addPrimaryKeyConstraint("mandates_pk", ["user_id", "employer_id"])
    .execute();
  await db.schema.createIndex("mandates_employer_idx").on("mandates").column("employer_id").execute();

  await db.schema
    .createTable("workers")
    .addColumn("id", "uuid", (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn("person_number", "text", (c) => c.unique())
    .addColumn("family_name", "text", (c) => c.notNull())
    .addColumn("given_names", "text", (c) => c.notNull())
    .addColumn("nationality", "text", (c) => c.notNull())
    .addColumn("birth_date", "date")
    .addColumn("passport_number", "text")
    .addColumn("created_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
  await db.schema.createIndex("workers_passport_idx").on("workers").columns(["passport_number", "birth_date"]).execute();

  await db.schema
    .createTable("applications")
    .addColumn("id", "uuid", (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    // Given at submission from a per-year sequence: SP-2026-000123.
    .addColumn("reference", "text", (c) => c.unique())
    .addColumn("kind", "text", (c) => c.notNull().check(sql`kind in ('single','permanent')`))
    .addColumn("status", "text", (c) => c.notNull())
    .addColumn("created_by", "uuid", (c) => c.notNull().references("users.id"))
    .addColumn("employer_id", "uuid", (c) => c.references("employers.id"))
    .addColumn("worker_id", "uuid", (c) => c.references("workers.id"))
    .addColumn("competent_authority", "text")
    .addColumn("procedure_language", "text")
    .addColumn("form_version", "integer", (c) => c.notNull())
    .addColumn("form_data", "jsonb", (c) => c.notNull().defaultTo(sql`'{}'::jsonb`))
    .addColumn("machine_snapshot", "jsonb")
    .addColumn("machine_version", "integer")
    // Optimistic concurrency: every change bumps it; a command for an older version is refused.
    .addColumn("version", "integer", (c) => c.notNull().defaultTo(1))
    .addColumn("submitted_at", "timestamptz")
    .addColumn("created_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn("updated_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
  await db.schema
    .createIndex("applications_queue_idx")
    .on("applications")
    .columns(["competent_authority", "status", "submitted_at"])
    .execute();
  await db.schema.createIndex("applications_employer_idx").on("applications").column("employer_id").execute();
  await db.schema.createIndex("applications_created_by_idx").on("applications").column("created_by").execute();
  await db.schema.createIndex("applications_worker_idx").on("applications").column("worker_id").execute();

  await db.schema
    .createTable("application_events")
    .addColumn("id", "bigserial", (c) => c.primaryKey())
    .addColumn("application_id", "uuid", (c) => c.notNull().references("applications.id"))
    .addColumn("type", "text", (c) => c.notNull())
    .addColumn("actor_user_id", "uuid", (c) => c.references("users.id"))
    .addColumn("actor_role", "text", (c) => c.notNull())
    .addColumn("actor_authority", "text")
    .addColumn("from_status", "text")
    .addColumn("to_status", "text", (c) => c.notNull())
    .addColumn("reason", "text")
    .addColumn("detail", "jsonb", (c) => c.notNull().defaultTo(sql`'{}'::jsonb`))
    .addColumn("version", "integer", (c) => c.notNull())
    .addColumn("created_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
  await db.schema
    .createIndex("application_events_application_idx")
    .on("application_events")
    .columns(["application_id", "id"])
    .execute();
  // Append-only: the log is evidence, so the database itself refuses edits.
  await sql`create function application_events_append_only() returns trigger language plpgsql as $$
    begin raise exception 'application_events is append-only'; end $$`.execute(db);
  await sql`create trigger application_events_no_change before update or delete on application_events
    for each row execute function application_events_append_only()`.execute(db);

  await db.schema
    .createTable("documents")
    .addColumn("id", "uuid", (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn("application_id", "uuid", (c) => c.notNull().references("applications.id"))
    .addColumn("item", "text", (c) => c.notNull())
    .addColumn("file_name", "text", (c) => c.notNull())
    .addColumn("media_type", "text", (c) => c.notNull())
    .addColumn("size_bytes", "integer", (c) => c.notNull())
    .addColumn("sha256", "text", (c) => c.notNull())
    .addColumn("uploaded_by", "uuid", (c) => c.notNull().references("users.id"))
    .addColumn("created_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn("removed_at", "timestamptz")
    .execute();
  await db.schema.createIndex("documents_application_idx").on("documents").columns(["application_id", "item"]).execute();

  await db.schema
    .createTable("outbox")
    .addColumn("id", "bigserial", (c) => c.primaryKey())
    // What a consumer deduplicates on: the same key is delivered once.
    .addColumn("key", "text", (c) => c.notNull().unique())
    .addColumn("kind", "text", (c) => c.notNull())
    .addColumn("application_id", "uuid", (c) => c.references("applications.id"))
    .addColumn("payload", "jsonb", (c) => c.notNull())
    .addColumn("status", "text", (c) => c.notNull().defaultTo("pending"))
    .addColumn("attempts", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("next_attempt_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn("last_error", "text")
    .addColumn("created_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn("delivered_at", "timestamptz")
    .execute();
  await db.schema.createIndex("outbox_due_idx").on("outbox").columns(["status", "next_attempt_at"]).execute();

  await db.schema
    .createTable("audit_log")
    .addColumn("id", "bigserial", (c) => c.primaryKey())
    .addColumn("actor_user_id", "uuid", (c) => c.notNull().references("users.id"))
    .addColumn("actor_role", "text", (c) => c.notNull())
    .addColumn("actor_authority", "text")
    .addColumn("action", "text", (c) => c.notNull())
    .addColumn("subject_type", "text", (c) => c.notNull())
    .addColumn("subject_id", "text", (c) => c.notNull())
    .addColumn("purpose", "text", (c) => c.notNull())
    .addColumn("allowed", "boolean", (c) => c.notNull())
    .addColumn("created_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
  await db.schema.createIndex("audit_log_subject_idx").on("audit_log").columns(["subject_type", "subject_id"]).execute();
  await db.schema.createIndex("audit_log_actor_idx").on("audit_log").columns(["actor_user_id", "created_at"]).execute();

  await db.schema
    .createTable("login_attempts")
    .addColumn("id", "bigserial", (c) => c.primaryKey())
    .addColumn("login", "text", (c) => c.notNull())
    .addColumn("client_address", "text", (c) => c.notNull())
    .addColumn("succeeded", "boolean", (c) => c.notNull())
    .addColumn("created_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
  await db.schema.createIndex("login_attempts_login_idx").on("login_attempts").columns(["login", "created_at"]).execute();
  await db.schema
    .createIndex("login_attempts_address_idx")
    .on("login_attempts")
    .columns(["client_address", "created_at"])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const table of [
    "login_attempts",
    "audit_log",
    "outbox",
    "documents",
    "application_events",
    "applications",
    "workers",
    "mandates",
    "employers",
    "users",
  ]) {
    await db.schema.dropTable(table).execute();
  }
  await sql`drop function application_events_append_only()`.execute(db);
}
