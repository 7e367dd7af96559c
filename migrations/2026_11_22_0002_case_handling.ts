import { sql, type Kysely } from "kysely";

/**
 * Case handling: the legal clock stored as data on the case (start, suspensions,
 * extensions; the due date computed from them and kept for sorting), officer assignment
 * and markers, requests for documents with their named items, and the message thread.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .alterTable("applications")
    .addColumn("category", "text", (c) => c.notNull().defaultTo("general"))
    .addColumn("legal_clock", "jsonb")
    .addColumn("due_on", "date")
    .addColumn("oe_pre_checks_pending", "boolean", (c) => c.notNull().defaultTo(true))
    .addColumn("assigned_to", "uuid", (c) => c.references("users.id"))
    .addColumn("incomplete_marked_at", "timestamptz")
    .addColumn("decided_at", "timestamptz")
    .addColumn("escalated", "boolean", (c) => c.notNull().defaultTo(false))
    .execute();
  await db.schema
    .createIndex("applications_due_idx")
    .on("applications")
    .columns(["competent_authority", "status", "due_on"])
    .execute();
  await db.schema.createIndex("applications_sweep_idx").on("applications").columns(["due_on", "status"]).execute();

  await db.schema
    .createTable("document_requests")
    .addColumn("id", "uuid", (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn("application_id", "uuid", (c) => c.notNull().references("applications.id"))
    .addColumn("requested_by", "uuid", (c) => c.notNull().references("users.id"))
    // Who asks: a regional authority or the OE.
    .addColumn("authority", "text", (c) => c.notNull())
    .addColumn("message", "text", (c) => c.notNull())
    .addColumn("due_on", "date", (c) => c.notNull())
    .addColumn("created_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn("answered_at", "timestamptz")
    .execute();
  await db.schema
    .createIndex("document_requests_application_idx")
    .on("document_requests")
    .columns(["application_id", "created_at"])
    .execute();

  await db.schema
    .createTable("document_request_items")
    .addColumn("id", "uuid", (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn("request_id", "uuid", (c) => c.notNull().references("document_requests.id"))
    .addColumn("position", "integer", (c) => c.notNull())
    .addColumn("label", "text", (c) => c.notNull())
    .execute();
  await db.schema.createIndex("document_request_items_request_idx").on("document_request_items").column("request_id").execute();

  await db.schema
    .createTable("case_messages")
    .addColumn("id", "bigserial", (c) => c.primaryKey())
    .addColumn("application_id", "uuid", (c) => c.notNull().references("applications.id"))
    .addColumn("author_user_id", "uuid", (c) => c.notNull().references("users.id"))
    .addColumn("author_role", "text", (c) => c.notNull())
    .addColumn("author_authority", "text")
    .addColumn("body", "text", (c) => c.notNull())
    .addColumn("created_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
  await db.schema
    .createIndex("case_messages_application_idx")
    .on("case_messages")
    .columns(["application_id", "id"])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable("case_messages").execute();
  await db.schema.dropTable("document_request_items").execute();
  await db.schema.dropTable("document_requests").execute();
  await db.schema.dropIndex("applications_sweep_idx").execute();
  await db.schema.dropIndex("applications_due_idx").execute();
  for (const column of [
    "escalated",
    "decided_at",
    "incomplete_marked_at",
    "assigned_to",
    "oe_pre_checks_pending",
    "due_on",
    "legal_clock",
    "category",
  ]) {
    await db.schema.alterTable("applications").dropColumn(column).execute();
  }
}
