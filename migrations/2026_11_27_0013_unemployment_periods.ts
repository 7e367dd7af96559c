import { sql, type Kysely } from "kysely";

/**
 * The unemployment period after an employment ended (issue 17, point 2;
 * workflows/unemployment-period.ts; docs/decisions/022-unemployment-clock.md): one row per
 * employment that ended, started by the employer's or the worker's report, stopped by a
 * change of employer filed within it, or run out (then the Immigration Office decides on the
 * residence). The Limosa cadastre stub keeps its own copy of each period (schema limosa).
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable("unemployment_periods")
    .addColumn("id", "uuid", (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    // The permit whose employment ended: one period per employment.
    .addColumn("application_id", "uuid", (c) => c.notNull().unique().references("applications.id").onDelete("cascade"))
    .addColumn("worker_person_number", "text", (c) => c.notNull())
    .addColumn("employment_ended_on", "date", (c) => c.notNull())
    .addColumn("starts_on", "date", (c) => c.notNull())
    .addColumn("ends_on", "date", (c) => c.notNull())
    // "be-90-days" | "eu-3-months" | "eu-6-months"
    .addColumn("rule", "text", (c) => c.notNull())
    .addColumn("earlier_days", "integer", (c) => c.notNull().defaultTo(0))
    // "employer" | "worker": who reported the end of the employment.
    .addColumn("reported_by", "text", (c) => c.notNull())
    // "running" | "stopped" | "run-out"
    .addColumn("status", "text", (c) => c.notNull().defaultTo("running"))
    .addColumn("stopped_on", "date")
    .addColumn("stop_reason", "text")
    // When the sweep found it run out and put it before the Immigration Office.
    .addColumn("run_out_at", "timestamptz")
    .addColumn("created_at", "timestamptz", (c) => c.notNull())
    .addCheckConstraint("unemployment_periods_status_check", sql`status in ('running', 'stopped', 'run-out')`)
    .execute();
  await db.schema.createIndex("unemployment_periods_worker_idx").on("unemployment_periods").column("worker_person_number").execute();
  await db.schema.createIndex("unemployment_periods_running_idx").on("unemployment_periods").columns(["status", "ends_on"]).execute();

  await db.withSchema("limosa").schema
    .createTable("unemployment_periods")
    .addColumn("case_reference", "text", (c) => c.primaryKey())
    .addColumn("worker_person_number", "text", (c) => c.notNull())
    .addColumn("starts_on", "date", (c) => c.notNull())
    .addColumn("ends_on", "date", (c) => c.notNull())
    .addColumn("status", "text", (c) => c.notNull())
    .addColumn("status_on", "date", (c) => c.notNull())
    // What fed the current state: the same feed twice changes nothing.
    .addColumn("feed_key", "text", (c) => c.notNull())
    .addColumn("updated_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
  await db.withSchema("limosa").schema.createIndex("unemployment_periods_person_idx").on("unemployment_periods").column("worker_person_number").execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.withSchema("limosa").schema.dropTable("unemployment_periods").execute();
  await db.schema.dropTable("unemployment_periods").execute();
}
