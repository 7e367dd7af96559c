import { randomBytes } from "node:crypto";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { sql } from "kysely";
import { inject } from "vitest";
import { createDb, type DB } from "../../app/db/db.server";
import { databaseUrl, serverAdmin } from "./global-setup";

/**
 * A fresh, migrated database of its own for a test file, on whichever engine this run
 * uses (PGlite by default, PostgreSQL when DATABASE_URL is set). The tests hand it to the
 * services they call, as the server does. `drop()` removes it. `onDisk` puts an embedded
 * database in a data directory (`pgliteDir`) instead of memory.
 */
export async function openTestDatabase(
  options: { onDisk?: boolean } = {},
): Promise<{ db: DB; drop: () => Promise<void>; engine: string; url?: string; pgliteDir?: string }> {
  const target = inject("testDatabase");
  if (target.kind === "pglite" && options.onDisk) {
    // A data directory of its own, for a test that hands the database to another process
    // (PGlite opens a directory in one process at a time: close `db` first, reopen after).
    const parent = mkdtempSync(join(tmpdir(), "sp-pglite-"));
    const pgliteDir = join(parent, "pglite");
    const db = createDb({ pgliteDir, pgliteDump: new Blob([readFileSync(target.dump)]) });
    return {
      db,
      engine: "pglite",
      pgliteDir,
      drop: async () => {
        await db.destroy();
        rmSync(parent, { recursive: true, force: true });
      },
    };
  }
  if (target.kind === "pglite") {
    const db = createDb({ pgliteDump: new Blob([readFileSync(target.dump)]) });
    return { db, engine: "pglite", drop: () => db.destroy() };
  }
  const name = `sp_test_${target.runId}_${randomBytes(4).toString("hex")}`;
  const admin = serverAdmin(target.serverUrl);
  await sql`create database ${sql.id(name)} template ${sql.id(target.template)}`.execute(admin);
  const url = databaseUrl(target.serverUrl, name);
  const db = createDb({ url });
  return {
    db,
    engine: "postgres",
    url,
    drop: async () => {
      await db.destroy();
      await sql`drop database if exists ${sql.id(name)} with (force)`.execute(admin);
      await admin.destroy();
    },
  };
}
