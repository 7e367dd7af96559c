import { sql, type Kysely } from "kysely";

/**
 * Delivery and the cadastre: the permit a grant creates (with its public verification
 * code), the e-Box stub's messages, end-of-stay notices sent, and the Limosa cadastre in
 * its own schema, written only by the outbox worker.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable("permits")
    .addColumn("application_id", "uuid", (c) => c.primaryKey().references("applications.id"))
    // Printed on the PDF; /verify/<code> answers whether the permit is valid.
    .addColumn("verification_code", "text", (c) => c.notNull().unique())
    .addColumn("annex", "text", (c) => c.notNull())
    .addColumn("valid_from", "date", (c) => c.notNull())
    .addColumn("valid_until", "date", (c) => c.notNull())
    .addColumn("granted_at", "timestamptz", (c) => c.notNull())
    .addColumn("revoked_on", "date")
    .addColumn("revocation_reason", "text")
    .execute();
  await db.schema.createIndex("permits_valid_until_idx").on("permits").column("valid_until").execute();

  await db.schema
    .createTable("ebox_messages")
    .addColumn("id", "uuid", (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    // The outbox row that delivered it: the same delivery twice is one message.
    .addColumn("delivery_key", "text", (c) => c.notNull().unique())
    .addColumn("recipient_kind", "text", (c) => c.notNull().check(sql`recipient_kind in ('enterprise','person')`))
    .addColumn("recipient_id", "text", (c) => c.notNull())
    .addColumn("application_id", "uuid", (c) => c.references("applications.id"))
    .addColumn("subject", "text", (c) => c.notNull())
    .addColumn("body", "text", (c) => c.notNull())
    .addColumn("attachment_name", "text")
    .addColumn("attachment_sha256", "text")
    .addColumn("delivered_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn("opened_at", "timestamptz")
    .addColumn("reminded_at", "timestamptz")
    .execute();
  await db.schema
    .createIndex("ebox_messages_recipient_idx")
    .on("ebox_messages")
    .columns(["recipient_kind", "recipient_id", "delivered_at"])
    .execute();
  await db.schema.createIndex("ebox_messages_application_idx").on("ebox_messages").column("application_id").execute();

  await db.schema
    .createTable("end_of_stay_notices")
    .addColumn("application_id", "uuid", (c) => c.notNull().references("applications.id"))
    .addColumn("days_before", "integer", (c) => c.notNull())
    .addColumn("created_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .addPrimaryKeyConstraint("end_of_stay_notices_pk", ["application_id", "days_before"])
    .execute();

  await db.schema
    .alterTable("applications")
    .addColumn("end_of_employment_reported_on", "date")
    .execute();

  await db.schema.createSchema("limosa").execute();
  const limosa = db.withSchema("limosa");
  await limosa.schema
    .createTable("permits")
    .addColumn("id", "bigserial", (c) => c.primaryKey())
    .addColumn("case_reference", "text", (c) => c.notNull().unique())
    .addColumn("permit_kind", "text", (c) => c.notNull())
    .addColumn("worker_person_number", "text")
    .addColumn("worker_family_name", "text", (c) => c.notNull())
    .addColumn("worker_given_names", "text", (c) => c.notNull())
    .addColumn("worker_birth_date", "date")
    .addColumn("worker_nationality", "text", (c) => c.notNull())
    .addColumn("employer_enterprise_number", "text")
    .addColumn("employer_name", "text")
    .addColumn("authority", "text", (c) => c.notNull())
    .addColumn("category", "text", (c) => c.notNull())
    .addColumn("job", "text")
    .addColumn("place_of_work", "text")
    .addColumn("valid_from", "date")
    .addColumn("valid_until", "date")
    .addColumn("status", "text", (c) => c.notNull())
    .addColumn("status_reason", "text")
    .addColumn("status_on", "date", (c) => c.notNull())
    // The case version of the last decision applied: an older one never overwrites a newer.
    .addColumn("case_version", "integer", (c) => c.notNull())
    .addColumn("updated_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
  await limosa.schema.createIndex("permits_person_idx").on("permits").column("worker_person_number").execute();
  await limosa.schema
    .createIndex("permits_name_idx")
    .on("permits")
    .columns(["worker_family_name", "worker_birth_date"])
    .execute();
  await limosa.schema.createIndex("permits_employer_idx").on("permits").column("employer_enterprise_number").execute();
  await limosa.schema
    .createTable("permit_history")
    .addColumn("id", "bigserial", (c) => c.primaryKey())
    .addColumn("permit_id", "bigint", (c) => c.notNull().references("limosa.permits.id"))
    // What fed it: the same feed twice is one history line.
    .addColumn("feed_key", "text", (c) => c.notNull().unique())
    .addColumn("case_version", "integer", (c) => c.notNull())
    .addColumn("status", "text", (c) => c.notNull())
    .addColumn("status_on", "date", (c) => c.notNull())
    .addColumn("reason", "text")
    .addColumn("recorded_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
  await limosa.schema.createIndex("permit_history_permit_idx").on("permit_history").columns(["permit_id", "case_version"]).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropSchema("limosa").cascade().execute();
  await db.schema.alterTable("applications").dropColumn("end_of_employment_reported_on").execute();
  await db.schema.dropTable("end_of_stay_notices").execute();
  await db.schema.dropTable("ebox_messages").execute();
  await db.schema.dropTable("permits").execute();
}
