// `npm run worker`: delivers the outbox and runs the sweeps until stopped (SIGTERM/SIGINT).
// Start as many as you like against one PostgreSQL; each delivery happens once.
import { databaseFromEnv, migrateToLatest } from "../app/db/db.server";
import { startBackgroundWork } from "../app/delivery/background.server";

const db = databaseFromEnv();
await migrateToLatest(db);
const stop = startBackgroundWork(db);
console.log("Worker running: outbox delivered while there is work, each sweep once an hour across all workers.");
const keepAlive = setInterval(() => {}, 1 << 30);
for (const signal of ["SIGTERM", "SIGINT"] as const) {
  process.once(signal, async () => {
    clearInterval(keepAlive);
    await stop();
    await db.destroy();
    process.exit(0);
  });
}
