import { sql, type Kysely } from "kysely";

/**
 * Issue 14, points 4 and 5 (docs/decisions/025-inspection-signals-and-wider-cadastre.md).
 *
 * - `inspection_signals`: a signal from the Immigration Office to the social inspection about
 *   a file (suspected fictitious employment or abuse), and the inspection's findings. The
 *   employer's enterprise number and the worker's national number are copied at filing, so
 *   later files of the same employer or worker find the signal without reading other cases.
 * - `limosa.records`: the cadastre's entries that come from other authorities (work cards B/C,
 *   professional cards of the self-employed, the OE's annex 3), through the import seam; one
 *   row per source and source id, so the same batch imported twice is the same rows.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable("inspection_signals")
    .addColumn("id", "uuid", (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn("application_id", "uuid", (c) => c.notNull().references("applications.id").onDelete("cascade"))
    .addColumn("case_reference", "text", (c) => c.notNull())
    .addColumn("employer_enterprise_number", "text")
    .addColumn("worker_person_number", "text")
    // forms/inspection-signal.ts: SIGNAL_REASONS
    .addColumn("reason", "text", (c) => c.notNull())
    .addColumn("facts", "text", (c) => c.notNull())
    .addColumn("filed_by", "uuid", (c) => c.notNull().references("users.id"))
    .addColumn("filed_at", "timestamptz", (c) => c.notNull())
    // forms/inspection-signal.ts: SIGNAL_FINDINGS; null while the signal is open.
    .addColumn("finding", "text")
    .addColumn("finding_note", "text")
    .addColumn("inspection_file", "text")
    .addColumn("answered_by", "uuid", (c) => c.references("users.id"))
    .addColumn("answered_at", "timestamptz")
    .addCheckConstraint("inspection_signals_reason_check", sql`reason in ('fictitious-employment', 'sham-employer', 'exploitation', 'false-documents', 'other-abuse')`)
    .addCheckConstraint("inspection_signals_finding_check", sql`finding is null or finding in ('no-real-employment', 'fraud', 'exploitation', 'nothing-found')`)
    .execute();
  await db.schema.createIndex("inspection_signals_employer_idx").on("inspection_signals").column("employer_enterprise_number").execute();
  await db.schema.createIndex("inspection_signals_worker_idx").on("inspection_signals").column("worker_person_number").execute();
  await db.schema.createIndex("inspection_signals_application_idx").on("inspection_signals").column("application_id").execute();

  await db.withSchema("limosa").schema
    .createTable("records")
    .addColumn("id", "serial", (c) => c.primaryKey())
    // Who sent it (e.g. "vlaanderen-work-cards") and its own id there: idempotent by both.
    .addColumn("source", "text", (c) => c.notNull())
    .addColumn("source_id", "text", (c) => c.notNull())
    // "work-card-b" | "work-card-c" | "professional-card" | "annex-3"
    .addColumn("kind", "text", (c) => c.notNull())
    .addColumn("worker_person_number", "text")
    .addColumn("worker_family_name", "text", (c) => c.notNull())
    .addColumn("worker_given_names", "text", (c) => c.notNull())
    .addColumn("worker_birth_date", "date")
    .addColumn("worker_nationality", "text", (c) => c.notNull())
    .addColumn("foreign_address", "text")
    .addColumn("employer_enterprise_number", "text")
    .addColumn("employer_name", "text")
    .addColumn("limosa_l1", "text")
    .addColumn("authority", "text", (c) => c.notNull())
    .addColumn("decision_date", "date", (c) => c.notNull())
    .addColumn("annex", "text", (c) => c.notNull())
    .addColumn("valid_from", "date")
    .addColumn("valid_until", "date")
    .addColumn("imported_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .addUniqueConstraint("records_source_key", ["source", "source_id"])
    .execute();
  await db.withSchema("limosa").schema.createIndex("records_person_idx").on("records").column("worker_person_number").execute();
  await db.withSchema("limosa").schema.createIndex("records_enterprise_idx").on("records").column("employer_enterprise_number").execute();
  // The Limosa number and foreign home address of this portal's own permits, when known.
  await db.withSchema("limosa").schema.alterTable("permits").addColumn("limosa_l1", "text").execute();
  await db.withSchema("limosa").schema.alterTable("permits").addColumn("foreign_address", "text").execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.withSchema("limosa").schema.alterTable("permits").dropColumn("foreign_address").execute();
  await db.withSchema("limosa").schema.alterTable("permits").dropColumn("limosa_l1").execute();
  await db.withSchema("limosa").schema.dropTable("records").execute();
  await db.schema.dropTable("inspection_signals").execute();
}
