import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { applyCaseCommand } from "../../app/cases/case-commands.server";
import type { DB } from "../../app/db/db.server";
import { seedDemoData } from "../../app/demo/seed.server";
import type { User } from "../../app/identity/user";
import { LANGUAGE_COOKIE } from "../../app/i18n/config";
import { todayInBelgium } from "../../workflows/legal-clock";
import { fileFor, validApplication } from "../support/applications";
import { startRenderedApp } from "../support/rendered-app";
import { openTestDatabase } from "../support/test-db";
import { demoUser, openBrowserSession, type BrowserSession } from "../support/users";

/**
 * docs/decisions/020-decide-then-confirm.md through the whole app, as a browser without
 * JavaScript meets it: the "Decide" form changes nothing and leads to the confirmation
 * page; only confirming records the decision; going back changes nothing; a confirmation
 * that is forged or stale (another officer's, another case's, an outcome the case no longer
 * allows) is refused with a 4xx page and leaves the case as it was.
 */

let db: DB;
let drop: () => Promise<void>;
let documentsDir: string;
let app: Awaited<ReturnType<typeof startRenderedApp>>;
const TODAY = todayInBelgium(new Date());
const ORIGIN = "http://localhost";
const users: Record<string, User> = {};
const sessions: Record<string, BrowserSession> = {};

beforeAll(async () => {
  documentsDir = mkdtempSync(join(tmpdir(), "officer-confirm-"));
  process.env.DOCUMENTS_DIR = documentsDir;
  ({ db, drop } = await openTestDatabase());
  await seedDemoData(db);
  app = await startRenderedApp(db);
  for (const [who, login, actingFor] of [
    ["employer", "employer", "Tuinbouw De Wilde BV"],
    ["flanders", "officer.flanders"],
    ["wallonia", "officer.wallonia"],
    ["oe", "officer.oe"],
  ] as const) {
    users[who] = await demoUser(db, login, actingFor);
    sessions[who] = await openBrowserSession(db, users[who]!, users[who]!.actingFor?.employerId, "decide-then-confirm");
  }
}, 120_000);

afterAll(async () => {
  await app?.close();
  await drop?.();
  delete process.env.DOCUMENTS_DIR;
  if (documentsDir) rmSync(documentsDir, { recursive: true, force: true });
});

async function request(who: string, path: string, form?: Record<string, string>, language = "en") {
  const session = sessions[who]!;
  const headers = new Headers({ Cookie: `${session.cookie}; ${LANGUAGE_COOKIE}=${language}` });
  let body: string | undefined;
  if (form) {
    headers.set("Origin", ORIGIN);
    headers.set("Content-Type", "application/x-www-form-urlencoded");
    body = new URLSearchParams({ csrf: session.csrf, ...form }).toString();
  }
  const response = await app.fetch(new Request(`${ORIGIN}${path}`, { method: form ? "POST" : "GET", headers, body, redirect: "manual" }));
  return { status: response.status, location: response.headers.get("Location"), html: await response.text() };
}

async function fileCase(passportNumber: string) {
  const filed = await fileFor(
    db,
    users.employer!,
    await validApplication(
      { givenNames: "Milan", familyName: "Jovanović", nationality: "RS", birthDate: "1992-07-07", passportNumber, personNumber: "", placeOfWorkPostalCode: "3800", jobTitle: "Welder", employmentEnd: "", category: "other", grossAnnualSalary: "34000" },
      TODAY,
    ),
  );
  return filed.id;
}

/** What a decision would change: the case row, its history, what it sends out. */
async function stateOf(id: string) {
  const row = await db.selectFrom("applications").select(["status", "version", "machine_snapshot"]).where("id", "=", id).executeTakeFirstOrThrow();
  const events = await db.selectFrom("application_events").select(["type", "version"]).where("application_id", "=", id).orderBy("id").execute();
  const outbox = await db.selectFrom("outbox").select(["key"]).where("application_id", "=", id).orderBy("id").execute();
  return { status: row.status, version: row.version, snapshot: JSON.stringify(row.machine_snapshot), events, outbox };
}

/** The "Decide" form's post; the decision id from the confirmation page it leads to. */
async function decide(who: string, id: string, form: Record<string, string>) {
  const version = String((await stateOf(id)).version);
  const answer = await request(who, `/officer/cases/${id}`, { intent: "decide", version, ...form });
  expect(answer.status, answer.html.slice(0, 300)).toBe(303);
  const location = new URL(answer.location!, ORIGIN);
  expect(location.pathname).toBe(`/officer/cases/${id}/confirm`);
  return location.searchParams.get("decision")!;
}

const visibleText = (html: string) => html.replace(/<script[\s\S]*?<\/script>/g, "").replace(/<[^>]+>/g, " ").replace(/&#x27;|&#39;/g, "'").replace(/\s+/g, " ");

describe("decide, then confirm", () => {
  it("the decision is not applied before it is confirmed; the confirmation page says what it does and who will be told", async () => {
    const id = await fileCase("RS8800001");
    const before = await stateOf(id);
    const decision = await decide("flanders", id, { outcome: "DECLARE_INADMISSIBLE", ground: "fee-missing", reason: "No proof that the fee was paid." });
    expect(await stateOf(id)).toEqual(before);

    const page = await request("flanders", `/officer/cases/${id}/confirm?decision=${decision}`);
    expect(page.status).toBe(200);
    const text = visibleText(page.html);
    expect(text).toContain("Declare the application inadmissible");
    expect(text).toContain("No proof that the fee was paid.");
    expect(text).toContain("declared inadmissible by the region");
    expect(text).toContain("Council of State within 60 days");
    expect(text).toContain("The employer, Tuinbouw De Wilde BV");
    expect(text).toContain("Limosa cadastre");
    // The worker has no national number yet: his e-Box is not among those told.
    expect(text).not.toContain("The worker,");
    expect(await stateOf(id)).toEqual(before);

    // Confirmed: recorded, sent out, and the case page says so.
    const confirmed = await request("flanders", `/officer/cases/${id}/confirm`, { intent: "confirm", decision });
    expect(confirmed).toMatchObject({ status: 302, location: `/officer/cases/${id}?done=decided` });
    const after = await stateOf(id);
    expect(after.status).toBe("inadmissible");
    expect(after.events.at(-1)).toMatchObject({ type: "declare-inadmissible", version: before.version + 1 });
    expect(after.outbox.length).toBeGreaterThan(before.outbox.length);
    const casePage = visibleText((await request("flanders", confirmed.location!)).html);
    expect(casePage).toContain("Your decision is recorded.");
    expect(casePage).toContain("declared inadmissible");
  });

  it("going back from the confirmation changes nothing, and the form shows the choice again", async () => {
    const id = await fileCase("RS8800002");
    const before = await stateOf(id);
    await decide("flanders", id, { outcome: "DECLARE_COMPLETE", reason: "" });
    const back = await request("flanders", `/officer/cases/${id}`, undefined, "nl");
    expect(back.status).toBe(200);
    expect(back.html).toMatch(/<input[^>]*value="DECLARE_COMPLETE"[^>]*checked=""|<input[^>]*checked=""[^>]*value="DECLARE_COMPLETE"/);
    expect(await stateOf(id)).toEqual(before);
  });

  it("refuses a forged or stale confirmation with a 4xx page and leaves the case as it was", async () => {
    const id = await fileCase("RS8800003");
    const other = await fileCase("RS8800004");
    const decision = await decide("flanders", id, { outcome: "DECLARE_COMPLETE" });
    const before = { id: await stateOf(id), other: await stateOf(other) };
    const confirm = (who: string, caseId: string, decisionId: string) => request(who, `/officer/cases/${caseId}/confirm`, { intent: "confirm", decision: decisionId });

    // Another officer (the OE handles every case) with the Flemish officer's decision: not his.
    expect((await confirm("oe", id, decision)).status).toBe(404);
    expect((await request("oe", `/officer/cases/${id}/confirm?decision=${decision}`)).status).toBe(404);
    // The decision posted against another case of the same region.
    expect((await confirm("flanders", other, decision)).status).toBe(404);
    // Another region's officer: refused by the access rule.
    expect((await confirm("wallonia", id, decision)).status).toBe(403);
    // Not a decision id at all.
    expect((await confirm("flanders", id, "not-an-id")).status).toBe(404);
    // Without the session's token: refused before anything.
    const forged = await app.fetch(
      new Request(`${ORIGIN}/officer/cases/${id}/confirm`, {
        method: "POST",
        headers: { Cookie: sessions.flanders!.cookie, Origin: ORIGIN, "Content-Type": "application/x-www-form-urlencoded" },
        body: new URLSearchParams({ intent: "confirm", decision }).toString(),
      }),
    );
    expect(forged.status).toBe(403);
    expect(await stateOf(id)).toEqual(before.id);
    expect(await stateOf(other)).toEqual(before.other);

    // The case moved on (documents requested) before the confirmation: the outcome is no longer allowed.
    await applyCaseCommand(db, { user: users.flanders! }, id, before.id.version, { type: "REQUEST_DOCUMENTS", message: "Please send the contract.", items: ["Contract"] });
    const moved = await stateOf(id);
    const stalePage = await request("flanders", `/officer/cases/${id}/confirm?decision=${decision}`);
    expect(stalePage.status).toBe(409);
    expect(visibleText(stalePage.html)).toContain("This case changed since you opened it");
    expect((await confirm("flanders", id, decision)).status).toBe(409);
    expect(await stateOf(id)).toEqual(moved);
    // A decision the case does not allow now is refused on the "Decide" form itself.
    const refused = await request("flanders", `/officer/cases/${id}`, { intent: "decide", outcome: "AUTHORISE_WORK", version: String(moved.version) });
    expect(refused.status).toBe(409);
    expect(await stateOf(id)).toEqual(moved);
  });

  it("errors of the Decide form are tied to their fields, with the choice kept", async () => {
    const id = await fileCase("RS8800005");
    const answer = await request("flanders", `/officer/cases/${id}`, { intent: "decide", version: "1", outcome: "DECLARE_INADMISSIBLE", ground: "", reason: "" }, "fr");
    expect(answer.status).toBe(400);
    expect(answer.html).toMatch(/<title[^>]*>Erreur :/);
    // The summary links to the fields; each field names its message and is marked invalid.
    expect(answer.html).toContain('href="#decide-reason"');
    expect(answer.html).toContain('href="#DECLARE_INADMISSIBLE-ground"');
    expect(answer.html).toMatch(/<textarea[^>]*id="decide-reason"[^>]*aria-invalid="true"|<textarea[^>]*aria-invalid="true"[^>]*id="decide-reason"/);
    expect(answer.html).toMatch(/id="decide-reason"[^>]*aria-describedby="decide-reason-hint decide-reason-error"|aria-describedby="decide-reason-hint decide-reason-error"[^>]*id="decide-reason"/);
    expect(answer.html).toContain('id="decide-reason-error"');
    expect(answer.html).toMatch(/value="DECLARE_INADMISSIBLE"[^>]*checked=""|checked=""[^>]*value="DECLARE_INADMISSIBLE"/);
    const noOutcome = await request("flanders", `/officer/cases/${id}`, { intent: "decide", version: "1", reason: "" });
    expect(noOutcome.status).toBe(400);
    expect(noOutcome.html).toContain('href="#outcome"');
    expect(noOutcome.html).toContain('id="outcome-error"');
  });
});
