import { sql } from "kysely";
import type { DB } from "./db.server";
import { QUEUE_SQL } from "./queue-sql";

/**
 * Indexes on the big tables (cases, outbox, cadastre), built after the migrations and not
 * in them (docs/decisions/014-scale.md). Kysely runs each migration in a transaction on
 * PostgreSQL, where CREATE INDEX locks the table against writes for the whole build: minutes
 * on a million cases. Here PostgreSQL builds them CONCURRENTLY (writes go on; the build
 * cannot run in a transaction), the embedded database plainly (nobody else writes to it).
 * Every statement is idempotent, so start-up and `npm run db:migrate` can both run this:
 * an index already there costs one catalogue look-up.
 */
interface OnlineIndex {
  name: string;
  /** "schema.table" or "table". */
  table: string;
  /** What follows ON <table>: columns and, for a partial index, its WHERE. */
  definition: string;
}

const S = QUEUE_SQL;
const pageOrder = `${S.sortKey}, submitted_at, id`;

export const ONLINE_INDEXES: readonly OnlineIndex[] = [
  // The officers' queue: each view reads its page in due-date order straight from an index.
  { name: "applications_queue_open_idx", table: "applications", definition: `(competent_authority, ${pageOrder}) where ${S.open}` },
  { name: "applications_queue_kind_category_idx", table: "applications", definition: `(competent_authority, ${S.category}, ${pageOrder}) where ${S.open}` },
  { name: "applications_queue_mine_idx", table: "applications", definition: `(assigned_to, ${pageOrder}) where ${S.open}` },
  // "Mine" at the Immigration Office: its own stage's claim (oe_assigned_to, migration 0007).
  { name: "applications_queue_oe_mine_idx", table: "applications", definition: `(oe_assigned_to, ${pageOrder}) where ${S.open}` },
  { name: "applications_queue_oe_idx", table: "applications", definition: `(${pageOrder}) where ${S.oeWork}` },
  { name: "applications_queue_oe_kind_category_idx", table: "applications", definition: `(${S.category}, ${pageOrder}) where ${S.oeWork}` },
  { name: "applications_queue_filed_idx", table: "applications", definition: `(competent_authority, ${pageOrder}) where ${S.filed}` },
  { name: "applications_queue_status_idx", table: "applications", definition: `(competent_authority, status, ${pageOrder}) where ${S.filed}` },
  { name: "applications_queue_all_filed_idx", table: "applications", definition: `(${pageOrder}) where ${S.filed}` },
  { name: "applications_queue_any_status_idx", table: "applications", definition: `(status, ${pageOrder}) where ${S.filed}` },
  // The published processing times (app/cases/processing-times.server.ts): a region's decisions
  // of the last 90 days, and its complete files still waiting, per category.
  { name: "applications_decided_complete_idx", table: "applications", definition: `(competent_authority, decided_at) where ${S.decidedComplete}` },
  { name: "applications_waiting_complete_category_idx", table: "applications", definition: `(competent_authority, ${S.category}) where ${S.waitingComplete}` },
  // The outbox: the next due rows, and "an older undelivered row of this case" (both tiny:
  // delivered rows, the bulk, are in neither); a case's deliveries on its page.
  { name: "outbox_pending_idx", table: "outbox", definition: "(id) where status = 'pending'" },
  { name: "outbox_undelivered_case_idx", table: "outbox", definition: "(application_id, kind, id) where status <> 'delivered'" },
  { name: "outbox_application_idx", table: "outbox", definition: "(application_id, id)" },
  { name: "outbox_delivered_idx", table: "outbox", definition: "(delivered_at) where status = 'delivered'" },
  // The cadastre search: one index per key, in the order the results are shown (newest first).
  { name: "permits_person_updated_idx", table: "limosa.permits", definition: "(worker_person_number, updated_at desc)" },
  { name: "permits_employer_updated_idx", table: "limosa.permits", definition: "(employer_enterprise_number, updated_at desc)" },
  { name: "permits_name_birth_updated_idx", table: "limosa.permits", definition: "(lower(worker_family_name), worker_birth_date, updated_at desc)" },
  // The e-Box reminder sweep: decisions never opened nor reminded of.
  { name: "ebox_messages_unopened_idx", table: "ebox_messages", definition: "(delivered_at) where opened_at is null and reminded_at is null and attachment_sha256 is not null" },
];

/** Indexes the ones above replace: dropped (concurrently) once those exist. */
export const REPLACED_INDEXES: readonly { name: string; schema: string }[] = [
  { name: "applications_queue_idx", schema: "public" },
  { name: "applications_due_idx", schema: "public" },
  { name: "applications_category_idx", schema: "public" },
  // Built on the category before a change of employer was one of its own.
  { name: "applications_queue_category_idx", schema: "public" },
  { name: "applications_queue_oe_category_idx", schema: "public" },
  { name: "applications_waiting_complete_idx", schema: "public" },
  { name: "outbox_due_idx", schema: "public" },
  { name: "permits_person_idx", schema: "limosa" },
  { name: "permits_name_idx", schema: "limosa" },
  { name: "permits_employer_idx", schema: "limosa" },
];

function qualified(table: string): string {
  return table
    .split(".")
    .map((part) => `"${part}"`)
    .join(".");
}

/**
 * Builds what is missing. `concurrently` is for PostgreSQL; pass false on the embedded
 * database. A concurrent build that failed (a crash, a unique violation) leaves an INVALID
 * index that IF NOT EXISTS would take for done: it is dropped and built again.
 */
export async function ensureOnlineIndexes(db: DB, options: { concurrently: boolean; log?: (message: string) => void }): Promise<void> {
  const concurrently = options.concurrently ? "concurrently " : "";
  for (const index of ONLINE_INDEXES) {
    const schema = index.table.includes(".") ? index.table.split(".")[0]! : "public";
    const { rows } = await sql<{ valid: boolean }>`
      select i.indisvalid as valid
        from pg_index i join pg_class c on c.oid = i.indexrelid join pg_namespace n on n.oid = c.relnamespace
       where c.relname = ${index.name} and n.nspname = ${schema}`.execute(db);
    if (rows[0]?.valid) continue;
    if (rows[0]) await sql.raw(`drop index ${concurrently}if exists "${schema}"."${index.name}"`).execute(db);
    const started = Date.now();
    try {
      await sql.raw(`create index ${concurrently}if not exists "${index.name}" on ${qualified(index.table)} ${index.definition}`).execute(db);
    } catch (error) {
      // Another server starting at the same moment built it first.
      const code = (error as { code?: string }).code;
      if (code !== "23505" && code !== "42P07") throw error;
      continue;
    }
    options.log?.(`index ${index.name} built in ${Date.now() - started} ms`);
  }
  for (const index of REPLACED_INDEXES) {
    await sql.raw(`drop index ${concurrently}if exists "${index.schema}"."${index.name}"`).execute(db);
  }
}
