import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { applyCaseCommand } from "../../app/cases/case-commands.server";
import { submitNewApplication } from "../../app/cases/filing.server";
import type { DB } from "../../app/db/db.server";
import { seedDemoData } from "../../app/demo/seed.server";
import { LANGUAGE_COOKIE } from "../../app/i18n/config";
import { answerSignal, fileSignal, openSignal } from "../../app/inspection/signals.server";
import { ConflictError, ForbiddenError, NotFoundError } from "../../app/errors";
import { makePersonNumber } from "../../forms/identifiers";
import { applicationData } from "../../forms/universal-form";
import { addDays, todayInBelgium } from "../../workflows/legal-clock";
import { startRenderedApp } from "../support/rendered-app";
import { openTestDatabase } from "../support/test-db";
import { demoUser, openBrowserSession, type BrowserSession } from "../support/users";

/**
 * Issue 14 point 4: the OE officer signals a file to the social inspection, the inspector
 * opens it (logged) and records findings, which show on the file and on the later or open
 * files of the same employer or worker; each role sees only what docs/access.md gives it.
 * On PGlite and on PostgreSQL.
 */

let db: DB;
let drop: () => Promise<void>;
let app: Awaited<ReturnType<typeof startRenderedApp>>;
const TODAY = todayInBelgium(new Date());
let serial = 700;

beforeAll(async () => {
  ({ db, drop } = await openTestDatabase());
  await seedDemoData(db);
  app = await startRenderedApp(db);
}, 120_000);
afterAll(async () => {
  await app?.close();
  await drop();
});

/** A file for a new worker, filed in Brussels for this enterprise (by name); its id, reference and worker's number. */
async function filed(enterprise = "Brussels Digital Solutions SRL", personNumber = makePersonNumber("1992-04-05", ++serial), familyName = `Tazi${serial}`) {
  const representative = await demoUser(db, "secretariat", enterprise);
  const data = applicationData(
    {
      worker: { givenNames: "Omar", familyName, nationality: "MA", birthDate: "1992-04-05", passportNumber: `M${serial}000`, personNumber, livesIn: "abroad", visaPost: "casablanca" },
      employment: { category: "other", jobTitle: "Welder", placeOfWorkPostalCode: "1000", contractStart: addDays(TODAY, 30), employmentEnd: "", grossAnnualSalary: "52000" },
      residence: { feeStatus: "paid", feePaidOn: addDays(TODAY, -3), healthInsurance: "mutuality" },
    },
    [],
  );
  const { id } = await submitNewApplication(db, representative, { applicationId: randomUUID(), employerId: representative.actingFor!.employerId, data, authority: "brussels", uiLanguage: "en" });
  const { reference } = await db.selectFrom("applications").select("reference").where("id", "=", id).executeTakeFirstOrThrow();
  return { id, reference: reference!, personNumber, familyName };
}

async function page(session: BrowserSession, path: string, form?: Record<string, string>, language = "en") {
  const headers = new Headers({ Cookie: `${session.cookie}; ${LANGUAGE_COOKIE}=${language}` });
  let body: string | undefined;
  if (form) {
    headers.set("Content-Type", "application/x-www-form-urlencoded");
    headers.set("Origin", "http://localhost");
    body = new URLSearchParams({ csrf: session.csrf, ...form }).toString();
  }
  const response = await app.fetch(new Request(`http://localhost${path}`, { method: form ? "POST" : "GET", headers, body, redirect: "manual" }));
  return { status: response.status, location: response.headers.get("Location"), html: await response.text() };
}

const session = async (login: string) => openBrowserSession(db, await demoUser(db, login));
/** The signals panel of an officer's case page (the form below it lists every reason). */
const panel = (html: string) => /<section[^>]*id="signals"[^>]*>([\s\S]*?)<\/section>/.exec(html)?.[1] ?? "";
const escaped = (text: string) => text.replace(/'/g, "&#x27;");

describe("signals between the Immigration Office and the inspection", () => {
  it("goes from the OE's case page to the inspector and back, and reaches the next file of the same employer", async () => {
    const first = await filed();
    const oe = await session("officer.oe");
    const inspector = await session("inspector");

    // A signal that says too little: a message, what was typed kept, nothing sent.
    const short = await page(oe, `/officer/cases/${first.id}`, { intent: "signal", signalReason: "nonsense", facts: "<b>short</b>" });
    expect(short.status).toBe(400);
    expect(short.html).toContain("Choose the reason for the signal");
    expect(short.html).toContain("at least 20 characters");
    expect(short.html).toContain("&lt;b&gt;short&lt;/b&gt;");

    const facts = "Salary paid back in cash to the employer's manager, per the worker's statement.";
    const sent = await page(oe, `/officer/cases/${first.id}`, { intent: "signal", signalReason: "fictitious-employment", facts });
    expect(sent.status).toBe(302);
    expect(sent.location).toBe(`/officer/cases/${first.id}?done=sent#signals-title`);
    const onCase = await page(oe, `/officer/cases/${first.id}`);
    expect(onCase.html).toContain("Signals to the social inspection");
    expect(onCase.html).toContain("Suspected fictitious employment");
    expect(onCase.html).toContain("Awaiting the inspection");

    // The inspector's list, and the signal opened: what it carries, and a line in the log.
    const list = await page(inspector, "/inspector");
    expect(list.status).toBe(200);
    const signal = await db.selectFrom("inspection_signals").select("id").where("application_id", "=", first.id).executeTakeFirstOrThrow();
    expect(list.html).toContain(`href="/inspector/signals/${signal.id}"`);
    const opened = await page(inspector, `/inspector/signals/${signal.id}`);
    expect(opened.status).toBe(200);
    expect(opened.html).toContain(escaped(facts));
    expect(opened.html).toContain("Brussels Digital Solutions SRL");
    const inspectorUser = await demoUser(db, "inspector");
    const reads = await db.selectFrom("audit_log").select(["action", "subject_type", "purpose"]).where("actor_user_id", "=", inspectorUser.id).where("application_id", "=", first.id).execute();
    expect(reads).toContainEqual({ action: "read", subject_type: "signal", purpose: "inspection-signal" });

    // Findings without a file number or a note: kept, with the messages.
    const bad = await page(inspector, `/inspector/signals/${signal.id}`, { finding: "fraud", inspectionFile: "", note: "x" });
    expect(bad.status).toBe(400);
    expect(bad.html).toContain("Enter the inspection file number");
    expect(bad.html).toContain("Describe the findings");
    const answered = await page(inspector, `/inspector/signals/${signal.id}`, { finding: "no-real-employment", inspectionFile: "INS-2026/41", note: "No work done on site in three visits." });
    expect(answered.status).toBe(302);
    // Answered once: a second answer is refused, the first stands.
    await expect(answerSignal(db, inspectorUser, signal.id, { finding: "nothing-found", inspectionFile: "INS-2026/42", note: "" })).rejects.toBeInstanceOf(ConflictError);
    expect((await page(inspector, "/inspector")).html).not.toContain(`/inspector/signals/${signal.id}`);

    // On the file signalled, and on the next file of the same employer (another worker), for the OE and the region.
    const back = await page(oe, `/officer/cases/${first.id}`);
    expect(back.html).toContain("(inspection file INS-2026/41): No real employment");
    const next = await filed();
    for (const login of ["officer.oe", "officer.brussels"]) {
      const shown = await page(await session(login), `/officer/cases/${next.id}`);
      expect(shown.status).toBe(200);
      expect(shown.html).toContain("Earlier signals about the same employer or worker");
      expect(shown.html).toContain(`${first.reference}, signalled on`);
      expect(shown.html).toContain("(same employer)");
      expect(shown.html).toContain("No real employment");
      expect(shown.html).toContain("No work done on site in three visits.");
    }
    // Its showing is a logged read of the signalled file, beside the next one.
    const oeUser = await demoUser(db, "officer.oe");
    const shownWith = await db.selectFrom("audit_log").select("action").where("actor_user_id", "=", oeUser.id).where("subject_type", "=", "signal").where("application_id", "=", first.id).execute();
    expect(shownWith.map((line) => line.action)).toContain(`shown-with:${next.reference}`);

    // The same worker with another employer: shown too; an unrelated file: not.
    const sameWorker = await filed("Logistique Meuse SA", first.personNumber, first.familyName);
    expect(panel((await page(oe, `/officer/cases/${sameWorker.id}`)).html)).toContain("(same worker)");
    const unrelated = await filed("Logistique Meuse SA");
    const quiet = await page(oe, `/officer/cases/${unrelated.id}`);
    expect(quiet.html).toContain("No signal about this file, its employer or its worker.");
    expect(panel(quiet.html)).not.toContain(first.reference);
  });

  it("is not shown on a file of the same employer decided before the signal", async () => {
    const decided = await filed();
    const brussels = await demoUser(db, "officer.brussels");
    await applyCaseCommand(db, { user: brussels }, decided.id, 1, { type: "DECLARE_COMPLETE" });
    const version = (await db.selectFrom("applications").select("version").where("id", "=", decided.id).executeTakeFirstOrThrow()).version;
    await applyCaseCommand(db, { user: brussels }, decided.id, version, { type: "REFUSE_WORK", reason: "The salary is below the threshold for this job." });
    const later = await filed();
    await fileSignal(db, await demoUser(db, "officer.oe"), later.id, { reason: "sham-employer", facts: "The registered office is a letterbox address." }, new Date(Date.now() + 60_000));
    const shown = await page(await session("officer.oe"), `/officer/cases/${decided.id}`);
    expect(panel(shown.html)).not.toContain("Suspected sham employer");
    // The later file carries it, on its own page.
    expect(panel((await page(await session("officer.oe"), `/officer/cases/${later.id}`)).html)).toContain("Suspected sham employer");
  });

  it("refuses each role what is not its own", async () => {
    const file = await filed();
    const oe = await demoUser(db, "officer.oe");
    await fileSignal(db, oe, file.id, { reason: "exploitation", facts: "Twelve-hour shifts noted in the contract annex." });
    const signal = await db.selectFrom("inspection_signals").select("id").where("application_id", "=", file.id).executeTakeFirstOrThrow();

    // A regional officer does not send signals (403); an inspector, an employer, a worker are not officers here.
    expect((await page(await session("officer.brussels"), `/officer/cases/${file.id}`, { intent: "signal", signalReason: "exploitation", facts: "Twelve-hour shifts noted in the contract annex." })).status).toBe(403);
    await expect(fileSignal(db, await demoUser(db, "officer.brussels"), file.id, { reason: "exploitation", facts: "x".repeat(30) })).rejects.toBeInstanceOf(ForbiddenError);
    await expect(fileSignal(db, await demoUser(db, "inspector"), file.id, { reason: "exploitation", facts: "x".repeat(30) })).rejects.toBeInstanceOf(NotFoundError);
    // Another region's officer does not see the case, nor its signals.
    expect((await page(await session("officer.flanders"), `/officer/cases/${file.id}`)).status).toBe(403);
    // The inspector sees the signal, never the file itself.
    expect((await page(await session("inspector"), `/officer/cases/${file.id}`)).status).toBe(403);
    // Only the inspector opens or answers a signal.
    for (const login of ["officer.oe", "officer.brussels", "secretariat", "worker", "dpo"]) {
      expect((await page(await session(login), `/inspector/signals/${signal.id}`)).status, login).toBe(403);
      expect((await page(await session(login), `/inspector/signals/${signal.id}`, { finding: "fraud", inspectionFile: "INS-1/1", note: "x".repeat(20) })).status, login).toBe(403);
      expect((await page(await session(login), "/inspector")).status, login).toBe(403);
    }
    await expect(openSignal(db, oe, signal.id)).rejects.toBeInstanceOf(ForbiddenError);
    // No such signal, or not an id: not found.
    expect((await page(await session("inspector"), `/inspector/signals/${randomUUID()}`)).status).toBe(404);
    expect((await page(await session("inspector"), "/inspector/signals/'%20or%201=1")).status).toBe(404);
    expect(await db.selectFrom("inspection_signals").select("finding").where("id", "=", signal.id).executeTakeFirstOrThrow()).toEqual({ finding: null });
  });

  it("speaks the four languages on both sides", async () => {
    const file = await filed();
    await fileSignal(db, await demoUser(db, "officer.oe"), file.id, { reason: "false-documents", facts: "The diploma's seal does not match the issuing school." });
    const signal = await db.selectFrom("inspection_signals").select("id").where("application_id", "=", file.id).executeTakeFirstOrThrow();
    const expected = { fr: ["Faux documents présumés", "Signalements à l&#x27;inspection sociale"], nl: ["Vermoeden van valse documenten", "Signalen aan de sociale inspectie"], de: ["Verdacht auf gefälschte Unterlagen", "Meldungen an die Sozialinspektion"], en: ["Suspected false documents", "Signals to the social inspection"] };
    for (const [language, [reason, title]] of Object.entries(expected)) {
      const officer = await page(await session("officer.oe"), `/officer/cases/${file.id}`, undefined, language);
      expect(officer.html).toContain(reason);
      expect(officer.html).toContain(title);
      const inspector = await page(await session("inspector"), `/inspector/signals/${signal.id}`, undefined, language);
      expect(inspector.html).toContain(reason);
    }
  });
});
