import { Kysely, Migrator, PostgresDialect, type MigrationProvider } from "kysely";
import pg from "pg";
import { migrations } from "../../migrations/index";
import { ensureOnlineIndexes } from "./online-indexes.server";
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
 * How each open database was reached: what a LISTEN connection needs, and what closes it.
 * On globalThis: the development server reloads this module but keeps the database.
 */
const shared = globalThis as typeof globalThis & { __databaseServers?: WeakMap<DB, { url: string; listeners: Set<() => Promise<void>> }> };
const servers = (shared.__databaseServers ??= new WeakMap());

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
    const listeners = new Set<() => Promise<void>>();
    // db.destroy() ends the pool; the LISTEN connections beside it end with it.
    const end = pool.end.bind(pool);
    pool.end = (async () => {
      await Promise.all([...listeners].map((close) => close()));
      return end();
    }) as typeof pool.end;
    const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
    servers.set(db, { url: options.url, listeners });
    return db;
  }
  const dir = options.pgliteDir === "memory://" ? undefined : options.pgliteDir;
  return new Kysely<Database>({
    dialect: new PostgresDialect({
      pool: async () =>
        new PglitePool(options.pglite ?? (await openPglite(dir, options.pgliteDump))) as unknown as pg.Pool,
    }),
  });
}

/**
 * Delivers PostgreSQL notifications on `channel` to `onMessage`, over a connection of its
 * own (a pooled one cannot LISTEN). `onReset` runs whenever notifications may have been
 * missed (before the first LISTEN, on a lost connection, before each LISTEN again) and
 * `onReady` once it listens; it reconnects until `db.destroy()`.
 * Returns null on the embedded database: only this process can write to it, so there is
 * nobody else to hear from.
 */
export function listenForNotifications(
  db: DB,
  channel: string,
  handlers: { onMessage: (payload: string) => void; onReset: () => void; onReady: () => void },
): { close: () => Promise<void> } | null {
  const server = servers.get(db);
  if (!server) return null;
  let client: pg.Client | undefined;
  let closed = false;
  let retry: NodeJS.Timeout | undefined;
  const connect = async (delay: number) => {
    const next = new pg.Client({ connectionString: server.url });
    client = next;
    const lost = () => {
      if (closed || client !== next) return;
      client = undefined;
      handlers.onReset();
      next.end().catch(() => undefined);
      retry = setTimeout(() => void connect(Math.min(delay * 2, 30_000)), delay);
    };
    next.on("error", lost);
    next.on("end", lost);
    next.on("notification", (message) => {
      if (message.channel === channel) handlers.onMessage(message.payload ?? "");
    });
    try {
      await next.connect();
      await next.query(`LISTEN ${pg.escapeIdentifier(channel)}`);
      if (closed) return;
      // Whatever was announced before LISTEN took effect is forgotten here too.
      handlers.onReset();
      handlers.onReady();
    } catch {
      lost();
    }
  };
  const close = async () => {
    closed = true;
    clearTimeout(retry);
    server.listeners.delete(close);
    handlers.onReset();
    await client?.end().catch(() => undefined);
  };
  server.listeners.add(close);
  void connect(500);
  return { close };
}

const provider: MigrationProvider = { getMigrations: async () => migrations };

export async function migrateToLatest(db: DB, log?: (message: string) => void): Promise<void> {
  const migrator = new Migrator({ db, provider });
  const { error, results } = await migrator.migrateToLatest();
  const failed = results?.find((r) => r.status === "Error");
  if (error || failed) {
    throw new Error(`migration ${failed?.migrationName ?? ""} failed: ${String(error)}`);
  }
  // After the migrations, outside their transaction: concurrently on a server database.
  await ensureOnlineIndexes(db, { concurrently: isServerDatabase(db), log });
}

/** Is this a PostgreSQL server (several processes may use it), not the embedded database? */
export function isServerDatabase(db: DB): boolean {
  return servers.has(db);
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
