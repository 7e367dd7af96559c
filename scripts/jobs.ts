// `npm run jobs`: the deadline sweep, once (cron it daily, or run it by hand). It raises
// deemed grants and escalations for cases whose legal clock ran out; running it twice
// changes nothing the second time.
import { databaseFromEnv, migrateToLatest } from "../app/db/db.server";
import { sweepDeadlines } from "../app/cases/case-commands.server";

const db = databaseFromEnv();
try {
  await migrateToLatest(db);
  const result = await sweepDeadlines(db);
  console.log(`Deadline sweep: ${result.deemedGrants} deemed grant(s), ${result.escalations} escalation(s).`);
} catch (error) {
  console.error(error);
  process.exitCode = 1;
} finally {
  await db.destroy();
}
