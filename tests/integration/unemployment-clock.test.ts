import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { applyCaseCommand } from "../../app/cases/case-commands.server";
import { submitNewApplication } from "../../app/cases/filing.server";
import type { DB } from "../../app/db/db.server";
import { seedDemoData } from "../../app/demo/seed.server";
import { deliverPending, localChannels } from "../../app/delivery/delivery.server";
import { localCadastre } from "../../app/delivery/cadastre.server";
import { searchCadastre } from "../../app/inspection/inspection.server";
import { setEndOfStayNotices } from "../../app/delivery/notice-settings.server";
import { recordEndOfEmployment } from "../../app/permits/end-of-employment.server";
import { stopUnemploymentClock, sweepUnemploymentPeriods, unemploymentForOe, unemploymentPeriodOfCase, unemploymentPeriodsOf } from "../../app/permits/unemployment.server";
import { makePersonNumber } from "../../forms/identifiers";
import { applicationData } from "../../forms/universal-form";
import { addDays, todayInBelgium } from "../../workflows/legal-clock";
import { unemploymentPeriod } from "../../workflows/unemployment-period";
import { openTestDatabase } from "../support/test-db";
import { openBrowserSession, demoUser, type BrowserSession } from "../support/users";
import { startRenderedApp } from "../support/rendered-app";
import { LANGUAGE_COOKIE } from "../../app/i18n/config";
import { loadUser } from "../../app/identity/users.server";

/**
 * Issue 17 point 2: an employment that ends starts the unemployment clock; a change of
 * employer within it stops it; one that runs out reaches the Immigration Office; the
 * cadastre and the e-Boxes follow. On PGlite and on PostgreSQL.
 */

let db: DB;
let drop: () => Promise<void>;
let app: Awaited<ReturnType<typeof startRenderedApp>>;
const NOW = new Date();
const TODAY = todayInBelgium(NOW);
let serial = 500;

beforeAll(async () => {
  ({ db, drop } = await openTestDatabase());
  await seedDemoData(db);
  app = await startRenderedApp(db);
}, 120_000);
afterAll(async () => {
  await app?.close();
  await drop();
});

/** A granted single permit in Brussels for a new worker; returns the case and the worker's number. */
async function grantedPermit(personNumber = makePersonNumber("1991-02-03", ++serial)) {
  const representative = await demoUser(db, "secretariat", "Brussels Digital Solutions SRL");
  const data = applicationData(
    {
      worker: { givenNames: "Lejla", familyName: "Hodžić", nationality: "BA", birthDate: "1991-02-03", passportNumber: `B${serial}000`, personNumber, livesIn: "abroad", visaPost: "sarajevo" },
      employment: { category: "other", jobTitle: "Developer", placeOfWorkPostalCode: "1000", contractStart: addDays(TODAY, -1), employmentEnd: "", grossAnnualSalary: "52000" },
      residence: { feeStatus: "paid", feePaidOn: addDays(TODAY, -3), healthInsurance: "mutuality" },
    },
    [],
  );
  const { id } = await submitNewApplication(db, representative, { applicationId: randomUUID(), employerId: representative.actingFor!.employerId, data, authority: "brussels", uiLanguage: "en" });
  const brussels = await demoUser(db, "officer.brussels");
  const oe = await demoUser(db, "officer.oe");
  let version = 1;
  for (const [user, type] of [[brussels, "DECLARE_COMPLETE"], [oe, "PRE_CHECKS_DONE"], [brussels, "AUTHORISE_WORK"], [oe, "GRANT_RESIDENCE"]] as const) {
    version = (await applyCaseCommand(db, { user }, id, version, { type })).version;
  }
  const { reference } = await db.selectFrom("applications").select("reference").where("id", "=", id).executeTakeFirstOrThrow();
  const { valid_from } = await db.selectFrom("permits").select("valid_from").where("application_id", "=", id).executeTakeFirstOrThrow();
  return { id, representative, personNumber, reference: reference!, validFrom: valid_from };
}

const drain = async () => {
  for (let pass = 0; pass < 5; pass++) if ((await deliverPending(db, localChannels(db))).delivered === 0) break;
};

const noticesTo = (recipient: string) =>
  db.selectFrom("ebox_messages").select(["subject", "body"]).where("recipient_id", "=", recipient).orderBy("delivered_at").execute();

describe("the unemployment clock", () => {
  it("starts when the employer reports the end of the employment: the worker, his e-Box and the cadastre see it", async () => {
    const permit = await grantedPermit();
    const endedOn = addDays(TODAY, -10);
    await recordEndOfEmployment(db, permit.representative, permit.id, { endedOn, note: "" }, NOW);
    const expected = unemploymentPeriod({ employmentEndedOn: endedOn, permitValidFrom: permit.validFrom });

    const [period] = await unemploymentPeriodsOf(db, permit.personNumber, NOW);
    expect(period).toMatchObject({ caseId: permit.id, reference: permit.reference, startsOn: addDays(TODAY, -9), endsOn: expected.endsOn, status: "running", reportedBy: "employer" });
    console.log(`period: ended ${endedOn}, runs ${period!.startsOn} → ${period!.endsOn} (${period!.rule}), ${period!.daysLeft} days left`);
    expect(period!.daysLeft).toBeGreaterThanOrEqual(80);

    // A second report changes nothing.
    await expect(recordEndOfEmployment(db, permit.representative, permit.id, { endedOn, note: "" }, NOW)).rejects.toMatchObject({ messageKey: "endOfEmployment.errors.notNow" });
    expect(await unemploymentPeriodsOf(db, permit.personNumber, NOW)).toHaveLength(1);

    await drain();
    const notices = await noticesTo(permit.personNumber);
    expect(notices.map((n) => n.subject)).toContainEqual(expect.stringContaining("votre période pour trouver un emploi court jusqu"));
    const consulted = await localCadastre(db).consult({ personNumber: permit.personNumber });
    expect(consulted.unemployment).toEqual([expect.objectContaining({ case_reference: permit.reference, status: "running", ends_on: expected.endsOn })]);
    // The inspector who looks the worker up sees the period under the permit it runs under.
    const found = await searchCadastre(db, await demoUser(db, "inspector"), "INS-2026/117: check of a reported end of employment", { personNumber: permit.personNumber });
    expect(found.permits.find((shown) => shown.reference === permit.reference)?.unemployment).toEqual([{ status: "running", from: addDays(TODAY, -9), until: expected.endsOn, on: expect.any(String) }]);
  });

  it("tells an employer who asked for end-of-stay notices that the stay may now end earlier; one who did not is not told", async () => {
    const quiet = await grantedPermit();
    await recordEndOfEmployment(db, quiet.representative, quiet.id, { endedOn: addDays(TODAY, -2), note: "" }, NOW);
    const keys = async (id: string) => (await db.selectFrom("outbox").select("key").where("application_id", "=", id).execute()).map((row) => row.key);
    expect(await keys(quiet.id)).not.toContain(`end-of-stay-unemployment:${quiet.id}`);

    await setEndOfStayNotices(db, quiet.representative.actingFor!.employerId, true);
    const warned = await grantedPermit();
    await recordEndOfEmployment(db, warned.representative, warned.id, { endedOn: addDays(TODAY, -2), note: "" }, NOW);
    expect(await keys(warned.id)).toContain(`end-of-stay-unemployment:${warned.id}`);
    await drain();
    const [notice] = await db.selectFrom("ebox_messages").select(["subject", "body"]).where("application_id", "=", warned.id).where("recipient_kind", "=", "enterprise").where("subject", "like", "%Hodžić%").execute();
    expect(notice?.subject).toContain("peut prendre fin plus tôt");
    await setEndOfStayNotices(db, quiet.representative.actingFor!.employerId, false);
  });

  it("is stopped by a change of employer filed within it; a stop with none running does nothing", async () => {
    const permit = await grantedPermit();
    await recordEndOfEmployment(db, permit.representative, permit.id, { endedOn: addDays(TODAY, -5), note: "" }, NOW);
    const stopped = await stopUnemploymentClock(db, permit.personNumber, "change of employer SP-TEST", NOW);
    expect(stopped).toMatchObject({ status: "stopped", stoppedOn: TODAY, stopReason: "change of employer SP-TEST", daysLeft: null });
    expect(await stopUnemploymentClock(db, permit.personNumber, "again", NOW)).toBeNull();
    expect(await stopUnemploymentClock(db, makePersonNumber("1970-01-01", 997), "nobody", NOW)).toBeNull();
    // Inside the caller's transaction too.
    const other = await grantedPermit();
    await recordEndOfEmployment(db, other.representative, other.id, { endedOn: addDays(TODAY, -1), note: "" }, NOW);
    await db.transaction().execute((trx) => stopUnemploymentClock(trx, other.personNumber, "filed", NOW));
    expect(await unemploymentPeriodOfCase(db, other.id, NOW)).toMatchObject({ status: "stopped" });

    const history = await db.selectFrom("application_events").select("type").where("application_id", "=", permit.id).execute();
    expect(history.map((e) => e.type)).toContain("unemployment-period-stopped");
    await drain();
    const consulted = await localCadastre(db).consult({ personNumber: permit.personNumber });
    expect(consulted.unemployment).toEqual([expect.objectContaining({ status: "stopped", status_on: TODAY })]);
  });

  it("a period run out without a stop reaches the Immigration Office, once; too late to stop it", async () => {
    const permit = await grantedPermit();
    await recordEndOfEmployment(db, permit.representative, permit.id, { endedOn: addDays(TODAY, -3), note: "" }, NOW);
    const period = (await unemploymentPeriodOfCase(db, permit.id, NOW))!;
    const lastDay = new Date(NOW.getTime() + (period.daysLeft ?? 0) * 86_400_000);
    const dayAfter = new Date(lastDay.getTime() + 86_400_000);

    expect(await sweepUnemploymentPeriods(db, lastDay)).not.toContain(permit.reference);
    expect(await stopUnemploymentClock(db, permit.personNumber, "too late", dayAfter)).toBeNull();
    // Before the sweep the OE already sees it as run out.
    expect((await unemploymentForOe(db, dayAfter)).runOut.map((p) => p.reference)).toContain(permit.reference);
    expect(await sweepUnemploymentPeriods(db, dayAfter)).toContain(permit.reference);
    expect(await sweepUnemploymentPeriods(db, dayAfter)).not.toContain(permit.reference);
    expect(await unemploymentPeriodOfCase(db, permit.id, dayAfter)).toMatchObject({ status: "run-out", daysLeft: null });
    const oe = await unemploymentForOe(db, dayAfter);
    expect(oe.runOut.map((p) => p.reference)).toContain(permit.reference);
    console.log(`OE: ${oe.runOut.length} run out (${oe.runOut.map((p) => p.reference).join(", ")}), ${oe.running} running`);
    const history = await db.selectFrom("application_events").select(["type", "authority"]).where("application_id", "=", permit.id).orderBy("id").execute();
    expect(history.at(-1)).toEqual({ type: "unemployment-period-run-out", authority: "oe" });

    // The OE ends the right to stay: the item leaves its list.
    const oeOfficer = await demoUser(db, "officer.oe");
    const { version } = await db.selectFrom("applications").select("version").where("id", "=", permit.id).executeTakeFirstOrThrow();
    await applyCaseCommand(db, { user: oeOfficer }, permit.id, version, { type: "REVOKE", reason: "Unemployment period ran out", ground: "conditions-not-met" });
    expect((await unemploymentForOe(db, dayAfter)).runOut.map((p) => p.reference)).not.toContain(permit.reference);

    await drain();
    expect((await noticesTo(permit.personNumber)).map((n) => n.subject)).toContainEqual(expect.stringContaining("Votre période pour trouver un emploi a pris fin"));
    expect((await localCadastre(db).consult({ personNumber: permit.personNumber })).unemployment).toEqual([expect.objectContaining({ status: "run-out" })]);
  });
});

/** A worker signed in with this national number (a user of role worker made for the test). */
async function workerSession(personNumber: string): Promise<BrowserSession> {
  const created = await db.insertInto("users").values({ login: `worker.${personNumber}`, display_name: `Worker ${personNumber}`, role: "worker", person_number: personNumber }).returning("id").executeTakeFirstOrThrow();
  return openBrowserSession(db, (await loadUser(db, created.id, undefined, ""))!);
}

async function page(session: BrowserSession | null, path: string, language = "en", form?: Record<string, string>) {
  const headers = new Headers({ Cookie: [session?.cookie, `${LANGUAGE_COOKIE}=${language}`].filter(Boolean).join("; ") });
  let body: string | undefined;
  if (form) {
    headers.set("Content-Type", "application/x-www-form-urlencoded");
    headers.set("Origin", "http://localhost");
    body = new URLSearchParams({ csrf: session?.csrf ?? "", ...form }).toString();
  }
  const response = await app.fetch(new Request(`http://localhost${path}`, { method: form ? "POST" : "GET", headers, body, redirect: "manual" }));
  return { status: response.status, location: response.headers.get("Location"), html: await response.text() };
}

describe("the worker's own page, /permits", () => {
  it("shows the worker his permit, its limits and the clock; he reports the end himself; nobody else sees it", async () => {
    const permit = await grantedPermit();
    const own = await workerSession(permit.personNumber);
    const before = await page(own, "/permits");
    expect(before.status).toBe(200);
    expect(before.html).toContain(`Permit ${permit.reference}`);
    expect(before.html).toContain("Brussels Digital Solutions SRL");
    expect(before.html).toContain("Developer");
    expect(before.html).toContain("Limited: only this employer and this job");
    expect(before.html).toContain("No period without work is running.");
    expect(before.html).toContain('href="/permits/consents"');

    // A date that is none: his own words kept, a message, no period.
    const bad = await page(own, "/permits", "fr", { caseId: permit.id, endedOn: "31/02/2026", note: "<b>fin</b>" });
    expect(bad.status).toBe(400);
    expect(bad.html).toContain('value="31/02/2026"');
    expect(bad.html).toContain("&lt;b&gt;fin&lt;/b&gt;");
    expect(await unemploymentPeriodOfCase(db, permit.id)).toBeNull();
    // Another worker's permit: not found, nothing recorded.
    const other = await grantedPermit();
    expect((await page(own, "/permits", "en", { caseId: other.id, endedOn: "01/11/2026" })).status).toBe(404);
    expect(await unemploymentPeriodOfCase(db, other.id)).toBeNull();

    const endedOn = addDays(TODAY, -7);
    const [y, m, d] = endedOn.split("-");
    const report = await page(own, "/permits", "nl", { caseId: permit.id, endedOn: `${d}/${m}/${y}`, note: "" });
    expect(report).toMatchObject({ status: 302, location: "/permits?reported=1#periods-title" });
    const period = (await unemploymentPeriodOfCase(db, permit.id))!;
    expect(period).toMatchObject({ reportedBy: "worker", status: "running", employmentEndedOn: endedOn });
    const after = await page(own, "/permits", "de");
    expect(after.html).toContain(`Noch ${period.daysLeft} Tage`);
    expect(after.html).toContain('data-period="running"');
    // Reported once: a second report is a conflict with a message.
    expect((await page(own, "/permits", "en", { caseId: permit.id, endedOn: `${d}/${m}/${y}` })).status).toBe(409);

    // Another worker sees nothing of it; an employer, officers, the inspector: not their page.
    const stranger = await page(await workerSession(makePersonNumber("1992-05-05", ++serial)), "/permits");
    expect(stranger.status).toBe(200);
    expect(stranger.html).not.toContain(permit.reference);
    for (const login of ["employer", "secretariat", "resident", "officer.brussels", "officer.oe", "inspector", "dpo"]) {
      const user = await demoUser(db, login);
      expect((await page(await openBrowserSession(db, user), "/permits")).status, login).toBe(403);
    }
    expect((await page(null, "/permits")).location).toBe("/login?returnTo=%2Fpermits");

    // The OE sees the clock on the case (its read logged), and the region too, as it handles the case.
    const oe = await openBrowserSession(db, await demoUser(db, "officer.oe"));
    const oeCase = await page(oe, `/officer/cases/${permit.id}`);
    expect(oeCase.html).toContain("period without work runs from");
    const read = await db.selectFrom("audit_log").innerJoin("users", "users.id", "audit_log.actor_user_id").select(["action", "purpose"]).where("users.login", "=", "officer.oe").where("application_id", "=", permit.id).execute();
    expect(read).toContainEqual({ action: "read", purpose: "case-handling" });
  });

  it("a worker's home is /permits, and the OE's deadlines page lists the periods run out", async () => {
    const worker = await demoUser(db, "worker");
    expect((await page(await openBrowserSession(db, worker), "/login")).location).toBe("/permits");
    const permit = await grantedPermit();
    // The employer reports the end long after it happened: the period has already run out.
    await recordEndOfEmployment(db, permit.representative, permit.id, { endedOn: addDays(TODAY, -200), note: "" }, NOW);
    const oe = await openBrowserSession(db, await demoUser(db, "officer.oe"));
    const deadlines = await page(oe, "/officer/deadlines", "fr");
    expect(deadlines.html).toContain("Périodes de chômage écoulées");
    expect(deadlines.html).toContain(`/officer/cases/${permit.id}#unemployment`);
    const brussels = await openBrowserSession(db, await demoUser(db, "officer.brussels"));
    expect((await page(brussels, "/officer/deadlines")).html).not.toContain("unemployment-run-out");
  });
});
