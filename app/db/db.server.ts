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

/**
 * The database the server runs on, migrated to the latest schema. Opened once, by the
 * server's start-up (app/entry.server.tsx), and handed to every route through Remix's load
 * context; scripts open their own. Nothing below the routes looks it up.
 */
export async function openDatabase(env: NodeJS.ProcessEnv = process.env): Promise<DB> {
  const db = databaseFromEnv(env);
  await migrateToLatest(db);
  return db;
}
