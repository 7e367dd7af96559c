import { sql, type Kysely } from "kysely";

/**
 * Scale (docs/decisions/014-scale.md). What must be in one transaction with the schema:
 * the leased jobs table (a sweep runs once per interval across all workers), and a
 * suspended clock's stale due date put right (a case waiting for the applicant is due
 * nothing). The indexes the queue, the cadastre search and the outbox need are built
 * after the migrations, CONCURRENTLY on PostgreSQL (app/db/online-indexes.server.ts): a
 * migration runs in a transaction, and a plain CREATE INDEX there would lock a live table
 * of a million cases against writes for the whole build.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable("background_jobs")
    .addColumn("name", "text", (c) => c.primaryKey())
    // The start of the interval the last run claimed: another worker claims the next one.
    .addColumn("last_run_at", "timestamptz", (c) => c.notNull())
    .addColumn("last_run_by", "text")
    .execute();
  // Until now a suspended clock kept the due date of the day it stopped, so the queue
  // showed cases waiting for the applicant as overdue. A stopped clock is due nothing.
  await sql`
    update applications set due_on = null
     where due_on is not null
       and legal_clock -> 'clock' -> 'suspensions' @> '[{"to": null}]'::jsonb`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable("background_jobs").execute();
}
