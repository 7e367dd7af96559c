import { randomUUID } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { requireCase } from "../../app/cases/access.server";
import { applyCaseCommand, sweepDeadlines } from "../../app/cases/case-commands.server";
import type { DB } from "../../app/db/db.server";
import { seedDemoCase, seedDemoData } from "../../app/demo/seed.server";
import { deliverPending, localChannels } from "../../app/delivery/delivery.server";
import { localDocumentStore } from "../../app/documents/store.server";
import { officerQueue, parseQueueFilters } from "../../app/cases/officer-queue.server";
import { QUEUE_CATEGORIES } from "../../forms/employment-categories";
import { ForbiddenError, NotFoundError } from "../../app/errors";
import { currentPermitFor, fileChangeOfEmployer } from "../../app/permits/change-of-employer.server";
import { addDays, todayInBelgium } from "../../workflows/legal-clock";
import { changeOfEmployerTerm } from "../../workflows/change-of-employer";
import { fileFor, validApplication } from "../support/applications";
import type { User } from "../../app/identity/user";
import { LANGUAGE_COOKIE } from "../../app/i18n/config";
import { giveConsent, hasConsent, listConsents, withdrawConsent } from "../../app/permits/consents.server";
import { makeEnterpriseNumber, makePersonNumber } from "../../forms/identifiers";
import { startRenderedApp } from "../support/rendered-app";
import { openTestDatabase } from "../support/test-db";
import { demoUser, openBrowserSession, type BrowserSession } from "../support/users";

/**
 * Issue 17.1, a change of employer: the worker's consent, the new employer's view of the
 * permit from the cadastre, the filing, the opposition window, the decision's effects and
 * who may see what.
 */

let db: DB;
let drop: () => Promise<void>;
let app: Awaited<ReturnType<typeof startRenderedApp>>;
const ORIGIN = "http://localhost";
const users: Record<string, User> = {};
const sessions: Record<string, BrowserSession> = {};
const DIGITAL = makeEnterpriseNumber("06543210"); // Brussels Digital Solutions SRL (demo)
const PORT = makeEnterpriseNumber("07654321"); // Antwerp Port Engineering NV (demo), Ana's employer
const TODAY = todayInBelgium(new Date());
let root: string;
let channels: ReturnType<typeof localChannels>;

async function drain() {
  for (let pass = 0; pass < 20; pass++) {
    const result = await deliverPending(db, channels);
    if (result.delivered + result.failed === 0) return;
  }
}

beforeAll(async () => {
  root = mkdtempSync(join(tmpdir(), "change-of-employer-"));
  ({ db, drop } = await openTestDatabase());
  await seedDemoData(db);
  // The demo's Flemish permit of Ana Šimić (login "worker"), in the cadastre once delivered.
  await seedDemoCase(db);
  channels = localChannels(db, localDocumentStore(root));
  await drain();
  // A representative of Antwerp Port Engineering only: the former employer.
  const portId = (await db.selectFrom("employers").select("id").where("enterprise_number", "=", PORT).executeTakeFirstOrThrow()).id;
  const hr = await db.insertInto("users").values({ login: "port-hr", display_name: "Port HR", role: "employer", authority: null, person_number: makePersonNumber("1975-05-05", 88) }).returning("id").executeTakeFirstOrThrow();
  await db.insertInto("mandates").values({ user_id: hr.id, employer_id: portId, granted_on: "2026-01-01" }).execute();
  app = await startRenderedApp(db);
  for (const [who, login, actingFor] of [
    ["worker", "worker"],
    ["resident", "resident"],
    ["secretariat", "secretariat", "Brussels Digital Solutions SRL"],
    ["portSecretariat", "secretariat", "Antwerp Port Engineering NV"],
    ["formerEmployer", "port-hr", "Antwerp Port Engineering NV"],
    ["brussels", "officer.brussels"],
    ["flanders", "officer.flanders"],
    ["oe", "officer.oe"],
  ] as const) {
    users[who] = await demoUser(db, login, actingFor);
    sessions[who] = await openBrowserSession(db, users[who]!, users[who]!.actingFor?.employerId, "change-of-employer");
  }
}, 120_000);

afterAll(async () => {
  await app?.close();
  await drop?.();
  if (root) rmSync(root, { recursive: true, force: true });
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

describe("the worker's consent", () => {
  it("is given and withdrawn by the worker on his own page, without JavaScript", async () => {
    const page = await request("worker", "/permits/consents", undefined, "nl");
    expect(page.status).toBe(200);
    expect(page.html).toContain("Toestemming voor een nieuwe werkgever");
    const given = await request("worker", "/permits/consents", { intent: "give", enterpriseNumber: "0654.321.0" + DIGITAL.slice(8) });
    expect(given.status, given.html.slice(0, 200)).toBe(303);
    expect(await hasConsent(db, users.worker!.personNumber!, DIGITAL)).toBe(true);
    const list = await request("worker", "/permits/consents?done=given");
    expect(list.html).toContain("Brussels Digital Solutions SRL");
    expect(list.html).toContain("Your consent is recorded.");

    const [consent] = await listConsents(db, users.worker!);
    const withdrawn = await request("worker", "/permits/consents", { intent: "withdraw", consentId: consent!.id });
    expect(withdrawn.status).toBe(303);
    expect(await hasConsent(db, users.worker!.personNumber!, DIGITAL)).toBe(false);
    expect((await listConsents(db, users.worker!))[0]).toMatchObject({ active: false });
  });

  it("answers a bad, unknown or hostile enterprise number with a message, what was typed kept", async () => {
    for (const [typed, message] of [
      ["", "Enter the enterprise number of the new employer."],
      ["0654.321.000", "This is not a valid enterprise number"],
      [makeEnterpriseNumber("09999999"), "is known to the enterprise register"],
      ["<script>alert(1)</script>", "This is not a valid enterprise number"],
    ] as const) {
      const answer = await request("worker", "/permits/consents", { intent: "give", enterpriseNumber: typed });
      expect(answer.status, typed).toBe(400);
      expect(answer.html.replace(/&#x27;|&#39;/g, "'")).toContain(message);
      if (typed.startsWith("<")) expect(answer.html).not.toContain("<script>alert(1)</script>");
    }
    const unknownIntent = await request("worker", "/permits/consents", { intent: "other" });
    expect(unknownIntent.status).toBe(400);
  });

  it("lasts 90 days, is renewed rather than doubled, and ends on its last day", async () => {
    const now = new Date("2026-11-27T10:00:00Z");
    const first = await giveConsent(db, users.resident!, DIGITAL, now);
    const again = await giveConsent(db, users.resident!, DIGITAL, now);
    expect(first.ok && again.ok && first.consentId === again.consentId).toBe(true);
    expect(await hasConsent(db, users.resident!.personNumber!, DIGITAL, new Date("2027-02-25T12:00:00Z"))).toBe(true);
    expect(await hasConsent(db, users.resident!.personNumber!, DIGITAL, new Date("2027-02-26T12:00:00Z"))).toBe(false);
  });

  it("is the worker's alone: no employer or officer gives, lists or withdraws it, nor another worker's", async () => {
    await expect(giveConsent(db, users.secretariat!, DIGITAL)).rejects.toBeInstanceOf(ForbiddenError);
    await expect(listConsents(db, users.brussels!)).rejects.toBeInstanceOf(ForbiddenError);
    for (const who of ["secretariat", "brussels"]) {
      expect((await request(who, "/permits/consents")).status).toBe(403);
      expect((await request(who, "/permits/consents", { intent: "give", enterpriseNumber: DIGITAL })).status).toBe(403);
    }
    const given = await giveConsent(db, users.worker!, DIGITAL);
    if (!given.ok) throw new Error("consent expected");
    await expect(withdrawConsent(db, users.resident!, given.consentId)).rejects.toBeInstanceOf(NotFoundError);
    expect((await request("resident", "/permits/consents", { intent: "withdraw", consentId: given.consentId })).status).toBe(404);
    expect((await request("resident", "/permits/consents", { intent: "withdraw", consentId: "' or 1=1 --" })).status).toBe(404);
    expect(await hasConsent(db, users.worker!.personNumber!, DIGITAL)).toBe(true);
  });

  it("refuses a post from another site or without the session's token", async () => {
    const session = sessions.worker!;
    const response = await app.fetch(
      new Request(`${ORIGIN}/permits/consents`, {
        method: "POST",
        headers: { Cookie: session.cookie, Origin: "https://evil.example", "Content-Type": "application/x-www-form-urlencoded" },
        body: new URLSearchParams({ csrf: session.csrf, intent: "give", enterpriseNumber: DIGITAL }).toString(),
      }),
    );
    expect(response.status).toBe(403);
    const noToken = await app.fetch(
      new Request(`${ORIGIN}/permits/consents`, {
        method: "POST",
        headers: { Cookie: session.cookie, Origin: ORIGIN, "Content-Type": "application/x-www-form-urlencoded" },
        body: new URLSearchParams({ intent: "give", enterpriseNumber: DIGITAL }).toString(),
      }),
    );
    expect(noToken.status).toBe(403);
  });
});

const visibleText = (html: string) => html.replace(/<script[\s\S]*?<\/script>/g, "").replace(/<[^>]+>/g, " ").replace(/&#x27;|&#39;/g, "'").replace(/\s+/g, " ");

async function consentOnly(personNumber: string, enterpriseNumber: string) {
  await db.updateTable("permit_consents").set({ withdrawn_at: new Date() }).where("worker_person_number", "=", personNumber).where("withdrawn_at", "is", null).execute();
  await db
    .insertInto("permit_consents")
    .values({ worker_person_number: personNumber, enterprise_number: enterpriseNumber, given_at: new Date(), expires_on: addDays(TODAY, 90), withdrawn_at: null })
    .execute();
}

const CHANGE = (overrides: Record<string, string> = {}) => ({
  jobTitle: "Data engineer",
  placeOfWorkPostalCode: "1000",
  contractStart: addDays(TODAY, 14),
  employmentEnd: addDays(TODAY, 300),
  grossAnnualSalary: "48000",
  vacancyReference: "",
  vacancyPublishedOn: "",
  ...overrides,
});

describe("a change of employer, filed by the new employer with the worker's consent", () => {
  let changeId: string;
  let formerId: string;

  it("shows nothing of the permit without consent, and logs the refused look-up", async () => {
    await db.updateTable("permit_consents").set({ withdrawn_at: new Date() }).where("withdrawn_at", "is", null).execute();
    const answer = await request("secretariat", "/applications/change-of-employer", { intent: "find", personNumber: users.worker!.personNumber! });
    expect(answer.status).toBe(400);
    expect(visibleText(answer.html)).toContain("The worker has not given your enterprise his consent");
    expect(answer.html).not.toContain("Havenkraanmachinist");
    const logged = await db.selectFrom("audit_log").selectAll().where("actor_user_id", "=", users.secretariat!.id).orderBy("id", "desc").executeTakeFirstOrThrow();
    expect(logged).toMatchObject({ action: "view", subject_type: "cadastre", allowed: false, purpose: "change-of-employer" });
  });

  it("with consent shows the current permit from the cadastre, then files the change with Brussels", async () => {
    // The demo's Ana lost her Flemish job 20 days ago: her period without work is running.
    const running = await db.selectFrom("unemployment_periods").select("status").where("worker_person_number", "=", users.worker!.personNumber!).execute();
    expect(running.map((p) => p.status)).toEqual(["running"]);
    const consented = await giveConsent(db, users.worker!, DIGITAL);
    expect(consented.ok).toBe(true);
    const found = await request("secretariat", "/applications/change-of-employer", { intent: "find", personNumber: users.worker!.personNumber! }, "fr");
    expect(found.status).toBe(200);
    const page = visibleText(found.html);
    expect(page).toContain("Antwerp Port Engineering NV");
    expect(page).toContain("Havenkraanmachinist");
    expect(page).toContain("limité à l'employeur indiqué");
    expect(page).toContain("Pas encore confirmé");
    const applicationId = /name="applicationId" value="([0-9a-f-]{36})"/.exec(found.html)![1]!;

    // Bad and hostile answers: the messages, what was typed kept, nothing filed.
    const bad = await request("secretariat", "/applications/change-of-employer", {
      intent: "file",
      personNumber: users.worker!.personNumber!,
      applicationId,
      ...CHANGE({ jobTitle: "<img src=x onerror=alert(1)>", placeOfWorkPostalCode: "0999", contractStart: "31/02/2027", grossAnnualSalary: "12" }),
    });
    expect(bad.status).toBe(400);
    const badText = visibleText(bad.html);
    expect(badText).toContain("Enter a Belgian postal code of 4 digits");
    expect(badText).toContain("Enter the date as day, month and year");
    expect(badText).toContain("at least the national minimum");
    expect(bad.html).not.toContain("<img src=x");
    expect(bad.html).toContain("31/02/2027");
    expect(await db.selectFrom("applications").select("id").where("id", "=", applicationId).executeTakeFirst()).toBeUndefined();

    const filed = await request("secretariat", "/applications/change-of-employer", { intent: "file", personNumber: users.worker!.personNumber!, applicationId, ...CHANGE() });
    expect(filed.status, filed.html.slice(0, 300)).toBe(303);
    expect(filed.location).toBe(`/applications/${applicationId}?submitted=1`);
    // Sent twice (a double click): one case.
    const again = await request("secretariat", "/applications/change-of-employer", { intent: "file", personNumber: users.worker!.personNumber!, applicationId, ...CHANGE() });
    expect(again.location).toBe(`/applications/${applicationId}?submitted=1`);
    changeId = applicationId;
    const row = await db.selectFrom("applications").selectAll().where("id", "=", changeId).executeTakeFirstOrThrow();
    const former = await db.selectFrom("applications").select(["id", "status"]).where("id", "=", row.changes_application_id!).executeTakeFirstOrThrow();
    formerId = former.id;
    expect(row).toMatchObject({ kind: "change-of-employer", category: "change-of-employer", competent_authority: "brussels", status: "regional-completeness" });
    expect(row.legal_clock?.phase).toBe("decision");
    expect(row.due_on).toBe(changeOfEmployerTerm(TODAY).endsOn);
    expect(former.status).toBe("issued");
    // Filing the change stopped her clock (issue 17.2), in the filing's transaction.
    const stopped = await db.selectFrom("unemployment_periods").select(["status", "stop_reason"]).where("worker_person_number", "=", users.worker!.personNumber!).execute();
    expect(stopped).toEqual([{ status: "stopped", stop_reason: `change of employer ${row.reference}` }]);
    // In the Brussels officer's queue, as a change of employer.
    const queued = (await officerQueue(db, users.brussels!)).cases.find((c) => c.id === changeId);
    expect(queued).toMatchObject({ category: "change-of-employer", authority: "brussels" });
    // The queue's category filter finds it as a change of employer, and under no other category.
    const filtered = async (category: string) =>
      (await officerQueue(db, users.brussels!, parseQueueFilters(new URLSearchParams({ category })))).cases.map((c) => c.id);
    expect(await filtered("change-of-employer")).toContain(changeId);
    for (const other of QUEUE_CATEGORIES.filter((category) => category !== "change-of-employer")) expect(await filtered(other)).not.toContain(changeId);
  });

  it("is followed by the worker and the new employer, with the opposition window; the former employer does not see it", async () => {
    const worker = await request("worker", `/applications/${changeId}`);
    expect(worker.status).toBe(200);
    expect(visibleText(worker.html)).toContain("Opposition window: the region may oppose until");
    expect((await request("secretariat", `/applications/${changeId}`)).status).toBe(200);
    expect((await request("formerEmployer", `/applications/${changeId}`)).status).toBe(404);
    await expect(requireCase(db, { user: users.formerEmployer! }, changeId, "follow")).rejects.toBeInstanceOf(NotFoundError);
    // The worker follows, he does not act on it.
    expect((await request("worker", `/applications/${changeId}`, { intent: "WITHDRAW" })).status).toBe(403);
    // Another region's officer is refused, and the refusal is logged.
    expect((await request("flanders", `/officer/cases/${changeId}`)).status).toBe(403);
    const refused = await db.selectFrom("audit_log").selectAll().where("actor_user_id", "=", users.flanders!.id).where("application_id", "=", changeId).executeTakeFirstOrThrow();
    expect(refused.allowed).toBe(false);
    // The former employer's representative cannot see the worker's permit through the journey either.
    const former = await currentPermitFor(db, users.formerEmployer!, users.worker!.personNumber!);
    expect(former.state).toBe("no-consent");
  });

  it("allowed by the Brussels officer: the former permit ends, the cadastre, both employers and the worker are told", async () => {
    let version = 1;
    for (const type of ["DECLARE_COMPLETE", "AUTHORISE_WORK"] as const) {
      version = (await applyCaseCommand(db, { user: users.brussels! }, changeId, version, { type })).version;
    }
    expect((await db.selectFrom("applications").select("status").where("id", "=", changeId).executeTakeFirstOrThrow()).status).toBe("granted");
    const former = await db.selectFrom("applications").select(["status", "reference"]).where("id", "=", formerId).executeTakeFirstOrThrow();
    expect(former.status).toBe("ended");
    expect((await db.selectFrom("permits").select("revoked_on").where("application_id", "=", formerId).executeTakeFirstOrThrow()).revoked_on).toBe(TODAY);
    await drain();
    const change = await db.selectFrom("applications").select(["status", "reference"]).where("id", "=", changeId).executeTakeFirstOrThrow();
    expect(change.status).toBe("issued");
    // The worker's tracker: the region alone allowed the change, so there is no Immigration Office step.
    const tracker = /<ol class="tracker"[^>]*>([\s\S]*?)<\/ol>/.exec((await request("worker", `/applications/${changeId}`)).html)?.[1] ?? "";
    expect(visibleText(tracker)).toContain("Work permit decision");
    expect(visibleText(tracker)).toContain("Permit issued");
    expect(visibleText(tracker)).not.toContain("Immigration Office");
    const cadastre = await db.selectFrom("limosa.permits").selectAll().where("worker_person_number", "=", users.worker!.personNumber!).orderBy("id").execute();
    expect(cadastre.map((p) => [p.case_reference, p.employer_enterprise_number, p.status])).toEqual([
      [former.reference, PORT, "ended"],
      [change.reference, DIGITAL, "valid"],
    ]);
    expect(cadastre[1]).toMatchObject({ permit_kind: "single", authority: "brussels", job: "Data engineer" });
    const messages = await db.selectFrom("ebox_messages").select(["recipient_kind", "recipient_id", "attachment_name"]).where("application_id", "in", [changeId, formerId]).where("delivered_at", ">=", new Date(Date.now() - 60_000)).execute();
    const to = (id: string) => messages.filter((m) => m.recipient_id === id).map((m) => m.attachment_name);
    expect(to(DIGITAL).some((name) => name?.includes("change-allowed"))).toBe(true);
    expect(to(PORT).some((name) => name?.includes("employer-changed"))).toBe(true);
    expect(to(users.worker!.personNumber!).some((name) => name?.includes("change-allowed"))).toBe(true);
    expect(to(users.worker!.personNumber!).some((name) => name?.includes("employer-changed"))).toBe(true);
    // The new permit ends with the former one's validity (the region alone allowed it: the stay is unchanged).
    const permit = await db.selectFrom("permits").selectAll().where("application_id", "=", changeId).executeTakeFirstOrThrow();
    expect(permit.valid_from).toBe(addDays(TODAY, 14));
  });

  it("goes to the OE too when the stay must be extended, and is allowed by law when nobody opposes within the window", async () => {
    // Another permit holder, granted in Flanders, whose new contract has no end.
    const person = makePersonNumber("1988-04-04", 55);
    const input = await validApplication(
      { givenNames: "Tariq", familyName: "Aziz", nationality: "PK", birthDate: "1988-04-04", passportNumber: "PK7766554", personNumber: person, placeOfWorkPostalCode: "2030", jobTitle: "Crane operator", employmentEnd: addDays(TODAY, 200), category: "other", grossAnnualSalary: "36000" },
      TODAY,
    );
    const old = await fileFor(db, users.portSecretariat!, input);
    let version = 1;
    for (const [who, type] of [["flanders", "DECLARE_COMPLETE"], ["oe", "PRE_CHECKS_DONE"], ["flanders", "AUTHORISE_WORK"], ["oe", "GRANT_RESIDENCE"]] as const) {
      version = (await applyCaseCommand(db, { user: users[who]! }, old.id, version, { type })).version;
    }
    await drain();
    await consentOnly(person, DIGITAL);
    const filed = await fileChangeOfEmployer(db, users.secretariat!, {
      applicationId: randomUUID(),
      personNumber: person,
      data: { jobTitle: "Warehouse lead", placeOfWorkPostalCode: "1050", contractStart: addDays(TODAY, 7), employmentEnd: "", grossAnnualSalary: 40000 },
      authority: "brussels",
      uiLanguage: "en",
    });
    // The Brussels officer authorises the work: with the stay affected, the OE still decides.
    await applyCaseCommand(db, { user: users.brussels! }, filed.id, 1, { type: "DECLARE_COMPLETE" });
    expect((await db.selectFrom("applications").select(["status", "oe_pre_checks_pending"]).where("id", "=", filed.id).executeTakeFirstOrThrow())).toMatchObject({ status: "regional-assessment", oe_pre_checks_pending: true });
    // Nobody decides; the day after the window's last day the sweep allows the change.
    const lastDay = changeOfEmployerTerm(TODAY).endsOn;
    const onLastDay = await sweepDeadlines(db, new Date(`${lastDay}T12:00:00Z`));
    expect(onLastDay.references.deemedGrants).not.toContain(filed.reference);
    const after = await sweepDeadlines(db, new Date(`${addDays(lastDay, 1)}T12:00:00Z`));
    expect(after.references.deemedGrants).toContain(filed.reference);
    const row = await db.selectFrom("applications").select(["status", "machine_snapshot"]).where("id", "=", filed.id).executeTakeFirstOrThrow();
    expect(row.status).toBe("granted");
    expect((row.machine_snapshot as { context: { decision: unknown } }).context.decision).toMatchObject({ by: "law", outcome: "granted", annex: null, ground: "change-of-employer" });
    expect((await db.selectFrom("applications").select("status").where("id", "=", old.id).executeTakeFirstOrThrow()).status).toBe("ended");
    const worker = await request("secretariat", `/applications/${filed.id}`);
    expect(visibleText(worker.html)).toContain("Change of employer allowed (no opposition)");
  });

  it("an opposition (the region refuses) leaves the former permit as it is", async () => {
    const person = makePersonNumber("1991-09-09", 66);
    const input = await validApplication(
      { givenNames: "Lina", familyName: "Haddad", nationality: "LB", birthDate: "1991-09-09", passportNumber: "LB1122334", personNumber: person, placeOfWorkPostalCode: "2030", jobTitle: "Welder", employmentEnd: addDays(TODAY, 200), category: "other", grossAnnualSalary: "36000" },
      TODAY,
    );
    const old = await fileFor(db, users.portSecretariat!, input);
    let version = 1;
    for (const [who, type] of [["flanders", "DECLARE_COMPLETE"], ["oe", "PRE_CHECKS_DONE"], ["flanders", "AUTHORISE_WORK"], ["oe", "GRANT_RESIDENCE"]] as const) {
      version = (await applyCaseCommand(db, { user: users[who]! }, old.id, version, { type })).version;
    }
    await drain();
    await consentOnly(person, DIGITAL);
    const filed = await fileChangeOfEmployer(db, users.secretariat!, {
      applicationId: randomUUID(),
      personNumber: person,
      data: { jobTitle: "Welder", placeOfWorkPostalCode: "1000", contractStart: addDays(TODAY, 7), employmentEnd: addDays(TODAY, 100), grossAnnualSalary: 40000 },
      authority: "brussels",
      uiLanguage: "en",
    });
    let v = (await applyCaseCommand(db, { user: users.brussels! }, filed.id, 1, { type: "DECLARE_COMPLETE" })).version;
    v = (await applyCaseCommand(db, { user: users.brussels! }, filed.id, v, { type: "REFUSE_WORK", reason: "The new job is a sham: no activity at the address." })).version;
    expect((await db.selectFrom("applications").select("status").where("id", "=", filed.id).executeTakeFirstOrThrow()).status).toBe("refused");
    expect((await db.selectFrom("applications").select("status").where("id", "=", old.id).executeTakeFirstOrThrow()).status).toBe("issued");
  });

  it("cannot be filed without consent, for one's own worker, or by a worker", async () => {
    const data = { jobTitle: "Analyst", placeOfWorkPostalCode: "1000", contractStart: addDays(TODAY, 7), employmentEnd: "", grossAnnualSalary: 40000 };
    await db.updateTable("permit_consents").set({ withdrawn_at: new Date() }).where("withdrawn_at", "is", null).execute();
    const person = makePersonNumber("1991-09-09", 66);
    await expect(fileChangeOfEmployer(db, users.secretariat!, { applicationId: randomUUID(), personNumber: person, data, authority: "brussels", uiLanguage: "en" })).rejects.toMatchObject({ messageKey: "changeOfEmployer.errors.noConsent" });
    await consentOnly(person, PORT);
    await expect(fileChangeOfEmployer(db, users.portSecretariat!, { applicationId: randomUUID(), personNumber: person, data, authority: "brussels", uiLanguage: "en" })).rejects.toMatchObject({ messageKey: "changeOfEmployer.errors.ownPermit" });
    await expect(fileChangeOfEmployer(db, users.worker!, { applicationId: randomUUID(), personNumber: person, data, authority: "brussels", uiLanguage: "en" })).rejects.toBeInstanceOf(ForbiddenError);
    for (const who of ["worker", "brussels"]) expect((await request(who, "/applications/change-of-employer")).status).toBe(403);
    const hostile = await request("secretariat", "/applications/change-of-employer", { intent: "find", personNumber: "'; drop table applications; --" });
    expect(hostile.status).toBe(400);
    expect(visibleText(hostile.html)).toContain("This is not a valid national number");
  });
});
