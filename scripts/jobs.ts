// `npm run jobs`: the sweeps, once (cron it daily, or run it by hand): deadlines (deemed
// grants, escalations, lapsed requests), unemployment periods run out (to the OE),
// end-of-stay notices, e-Box reminders; then it
// delivers what they queued, and says what it did. Running it twice changes nothing the
// second time. On the embedded database, stop the portal first: one process at a time.
import { databaseFromEnv, migrateToLatest } from "../app/db/db.server";
import { sweepDeadlines } from "../app/cases/case-commands.server";
import { deliverPending, localChannels } from "../app/delivery/delivery.server";
import { stillWarned, sweepEndOfStayCases, sweepUnopenedDecisions } from "../app/delivery/notices.server";
import { sweepUnemploymentPeriods, unemploymentForOe } from "../app/permits/unemployment.server";

const db = databaseFromEnv();
const list = (references: readonly string[]) => (references.length > 0 ? `: ${references.join(", ")}` : "");
try {
  await migrateToLatest(db);
  const now = new Date();
  const deadlines = await sweepDeadlines(db, now);
  const { references } = deadlines;
  console.log(`Deadline sweep: ${deadlines.deemedGrants} deemed grant(s)${list(references.deemedGrants)}; ${deadlines.escalations} escalation(s)${list(references.escalations)}; ${deadlines.proposals} lapsed request(s) proposed inadmissible${list(references.proposals)}.`);
  const runOut = await sweepUnemploymentPeriods(db, now);
  const { running } = await unemploymentForOe(db, now);
  console.log(`Unemployment periods: ${runOut.length} run out, now before the Immigration Office${list(runOut)}; ${running} running.`);
  // Of those, the changes of employer nobody opposed within the window (Directive 2024/1233 art. 11; ADR 021).
  const changes = references.deemedGrants.length
    ? await db.selectFrom("applications").select("reference").where("reference", "in", references.deemedGrants).where("kind", "=", "change-of-employer").execute()
    : [];
  if (changes.length > 0) console.log(`Changes of employer allowed without opposition: ${changes.map((c) => c.reference).join(", ")}.`);
  const notices = await sweepEndOfStayCases(db, now);
  console.log(`End-of-stay notices: ${notices.length} sent${list(notices)}.`);
  const warned = await stillWarned(db, now);
  if (warned.length > 0) console.log(`Employers warned of a stay ending: ${warned.map((stay) => `${stay.reference} (${stay.ends_on})`).join(", ")}.`);
  const reminders = await sweepUnopenedDecisions(db, now);
  console.log(`e-Box reminders: ${reminders} sent.`);
  // Deliver what the sweeps queued (and anything else waiting), so the e-Box holds it now.
  let delivered = 0;
  for (let pass = 0; pass < 20; pass++) {
    const result = await deliverPending(db, localChannels(db));
    delivered += result.delivered;
    if (result.delivered + result.failed === 0) break;
  }
  console.log(`Outbox: ${delivered} message(s) delivered.`);
  if (deadlines.failed > 0) process.exitCode = 1;
} catch (error) {
  console.error(error);
  process.exitCode = 1;
} finally {
  await db.destroy();
}
