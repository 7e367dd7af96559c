import { Kysely, Migrator, PostgresDialect, type MigrationProvider } from "kysely";
import pg from "pg";
import { migrations } from "../../migrations/index";
import { openPglite, PglitePool, type PgliteLike } from "./pglite-pool.server";
import type { Database } from "./schema";

export type DB = Kysely<Database>;

/** The same value shapes as PGlite (pglite-pool.server.ts): int8 → number, date → "YYYY-MM-DD". */
const pgTypes = {
  getTypeParser(oid: number, format?: "text" | "binary") {
    if (oid === 20) return (value: string) => Number(value);
    if (oid === 1082) return (value: string) => value;
    return pg.types.getTypeParser(oid, format);
  },
};

/**
 * Opens the database: PostgreSQL when `url` is a postgres:// URL, otherwise the embedded
 * PGlite in the data directory `pgliteDir` (or in memory when it is "memory://").
 */
export function createDb(options: { url?: string; pgliteDir?: string; pgliteDump?: Blob; pglite?: PgliteLike }): DB {
  if (options.url) {
    const pool = new pg.Pool({ connectionString: options.url, max: 10, types: pgTypes });
    // An idle connection that the server drops (restart, failover, admin) must not crash the
    // process: pg emits it here, and the pool replaces the connection on next use.
    pool.on("error", (error) => {
      if ((error as { code?: string }).code !== "57P01") console.error("database connection lost:", error.message);
    });
    return new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
  }
  const dir = options.pgliteDir === "memory://" ? undefined : options.pgliteDir;
  return new Kysely<Database>({
    dialect: new PostgresDialect({
      pool: async () =>
        new PglitePool(options.pglite ?? (await openPglite(dir, options.pgliteDump))) as unknown as pg.Pool,
    }),
  });
}

const provider: MigrationProvider = { getMigrations: async () => migrations };

export async function migrateToLatest(db: DB): Promise<void> {
  const migrator = new Migrator({ db, provider });
  const { error, results } = await migrator.migrateToLatest();
  const failed = results?.find((r) => r.status === "Error");
  if (error || failed) {
    throw new Error(`migration ${failed?.migrationName ?? ""} failed: ${String(error)}`);
  }
}

export function databaseFromEnv(env: NodeJS.ProcessEnv = process.env): DB {
  return createDb({ url: env.DATABASE_URL || undefined, pgliteDir: env.PGLITE_DIR || "./data/pglite" });
}

// One database per process, kept across dev-server reloads.
const holder = globalThis as typeof globalThis & { __spDb?: Promise<DB> };

/** The process-wide database, migrated to the latest schema before first use. */
export function getDb(): Promise<DB> {
  holder.__spDb ??= (async () => {
    const db = databaseFromEnv();
    await migrateToLatest(db);
    return db;
  })();
  return holder.__spDb;
}

export async function closeDb(): Promise<void> {
  const pending = holder.__spDb;
  holder.__spDb = undefined;
  if (pending) await (await pending).destroy();
}

/** Tests point the services at their own database (see tests/support/test-db.ts). */
export function useDatabaseForTests(db: DB): void {
  holder.__spDb = Promise.resolve(db);
}
