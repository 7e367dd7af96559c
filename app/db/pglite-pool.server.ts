import { PGlite, types } from "@electric-sql/pglite";
import { mkdirSync } from "node:fs";
import { dirname } from "node:path";

/**
 * PGlite presented as the small part of a `pg.Pool` that Kysely's PostgresDriver uses
 * (`connect()` → client with `query()` and `release()`, and `end()`), so that both
 * databases go through the same Kysely dialect and the same SQL.
 *
 * PGlite is a single session. Handing it to two requests at once would let one request's
 * query run inside another request's open transaction, so `connect()` is a mutex: a
 * client is lent to one caller at a time and the next waits for `release()`.
 * See docs/decisions/002-embedded-database.md.
 */
export interface PgliteLike {
  query<R>(sql: string, params?: unknown[]): Promise<{ rows: R[]; affectedRows?: number; command?: string }>;
  close(): Promise<void>;
}

/** The same value shapes as our `pg` configuration (pgTypes in db.server.ts). */
export const PGLITE_PARSERS = {
  [types.INT8]: (value: string) => Number(value),
  [types.DATE]: (value: string) => value,
};

export class PglitePool {
  #db: PgliteLike;
  #queue: Promise<void> = Promise.resolve();
  #ended = false;

  constructor(db: PgliteLike) {
    this.#db = db;
  }

  async connect() {
    if (this.#ended) throw new Error("database pool has been closed");
    let release!: () => void;
    const released = new Promise<void>((resolve) => (release = resolve));
    const turn = this.#queue;
    this.#queue = this.#queue.then(() => released);
    await turn;
    const db = this.#db;
    let done = false;
    return {
      async query(sql: string, params: unknown[] = []) {
        if (done) throw new Error("query on a released connection");
        const result = await db.query<Record<string, unknown>>(sql, params);
        const command = result.command ?? sql.trim().split(/\s+/, 1)[0]!.toUpperCase();
        return { command, rowCount: result.affectedRows ?? result.rows.length, rows: result.rows };
      },
      release() {
        if (done) return;
        done = true;
        release();
      },
    };
  }

  async end() {
    if (this.#ended) return;
    this.#ended = true;
    await this.#queue;
    await this.#db.close();
  }
}

/**
 * PostgreSQL's page cache inside PGlite's wasm memory. PostgreSQL's default (128 MB) is
 * sized for a server whose database outgrows the OS cache; here the files sit in the same
 * process's file system (or in memory), and the wasm memory never shrinks once grown, so
 * it is counted in full against the server's resident memory. PGLITE_SHARED_BUFFERS
 * overrides it (docs/decisions/018-speed.md has what each size cost).
 */
const SHARED_BUFFERS = process.env.PGLITE_SHARED_BUFFERS || "16MB";

export async function openPglite(dataDir: string | undefined, loadDataDir?: Blob): Promise<PGlite> {
  // PGlite creates its own directory but not its parents (./data on a fresh clone).
  if (dataDir) mkdirSync(dirname(dataDir), { recursive: true });
  return PGlite.create({
    dataDir,
    loadDataDir,
    parsers: PGLITE_PARSERS,
    startParams: [...PGlite.defaultStartParams, "-c", `shared_buffers=${SHARED_BUFFERS}`],
  });
}
