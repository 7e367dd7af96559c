// The session lookup alone, in this process: `getUser` as every page's root loader calls
// it, N times for one signed-in browser, with the cache warm (what a page pays) and with
// the cache emptied before each call (what the first page after a minute pays). Counts
// the database round trips on the embedded database; with DATABASE_URL set, also times
// it on that PostgreSQL server (in a database of its own, dropped after).
//
// Usage: npx tsx tests/bench/session-lookup-in-process.ts [count]   (JSON → bench-results/)
import { randomBytes } from "node:crypto";
import { mkdirSync, writeFileSync } from "node:fs";
import { sql } from "kysely";
import { createDb, migrateToLatest, type DB } from "../../app/db/db.server";
import { openPglite } from "../../app/db/pglite-pool.server";
import { seedDemoData } from "../../app/demo/seed.server";
import { getUser } from "../../app/http/guards.server";
import { sessionCacheFor } from "../../app/identity/session-cache.server";
import { databaseUrl, serverAdmin } from "../support/global-setup";
import { signedInCookie } from "../support/users";

const count = Number(process.argv[2] ?? 2000);

async function measure(db: DB, countQueries: () => number) {
  await migrateToLatest(db);
  await seedDemoData(db);
  const request = new Request("http://localhost/applications", { headers: { Cookie: await signedInCookie(db, "employer") } });
  const cache = sessionCacheFor(db);
  for (let wait = 0; !cache.usable && wait < 100; wait++) await new Promise((resolve) => setTimeout(resolve, 50));
  const run = async (cold: boolean) => {
    for (let i = 0; i < 100; i++) await getUser(request, db); // warm-up
    const before = countQueries();
    let total = 0;
    for (let i = 0; i < count; i++) {
      if (cold) cache.forget("*");
      const started = performance.now();
      const user = await getUser(request, db);
      total += performance.now() - started;
      if (!user) throw new Error("signed out");
    }
    return { meanMs: Math.round((total / count) * 1000) / 1000, roundTripsPerLookup: (countQueries() - before) / count };
  };
  return { cached: await run(false), uncached: await run(true) };
}

const results: Record<string, unknown> = {};

const pglite = await openPglite(undefined);
let queries = 0;
const counted = {
  query: <R>(text: string, params?: unknown[]) => {
    queries++;
    return pglite.query<R>(text, params);
  },
  close: () => pglite.close(),
};
const embedded = createDb({ pglite: counted });
results.pglite = await measure(embedded, () => queries);
await embedded.destroy();

if (process.env.DATABASE_URL) {
  const admin = serverAdmin(process.env.DATABASE_URL);
  const name = `sp_bench_${randomBytes(4).toString("hex")}`;
  await sql`create database ${sql.id(name)}`.execute(admin);
  const server = createDb({ url: databaseUrl(process.env.DATABASE_URL, name) });
  try {
    results.postgres = await measure(server, () => Number.NaN);
  } finally {
    await server.destroy();
    await sql`drop database if exists ${sql.id(name)} with (force)`.execute(admin);
    await admin.destroy();
  }
}

console.log(JSON.stringify(results, null, 2));
mkdirSync("bench-results", { recursive: true });
writeFileSync(`bench-results/session-lookup-in-process-${new Date().toISOString().replace(/[:.]/g, "-")}.json`, `${JSON.stringify({ count, node: process.version, results }, null, 2)}\n`);
