import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DB } from "../../app/db/db.server";
import { seedDemoData } from "../../app/demo/seed.server";
import { ForbiddenError, NotFoundError } from "../../app/errors";
import type { User } from "../../app/identity/user";
import { LANGUAGE_COOKIE } from "../../app/i18n/config";
import { giveConsent, hasConsent, listConsents, withdrawConsent } from "../../app/permits/consents.server";
import { makeEnterpriseNumber } from "../../forms/identifiers";
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

beforeAll(async () => {
  ({ db, drop } = await openTestDatabase());
  await seedDemoData(db);
  app = await startRenderedApp(db);
  for (const [who, login, actingFor] of [
    ["worker", "worker"],
    ["resident", "resident"],
    ["secretariat", "secretariat", "Brussels Digital Solutions SRL"],
    ["brussels", "officer.brussels"],
  ] as const) {
    users[who] = await demoUser(db, login, actingFor);
    sessions[who] = await openBrowserSession(db, users[who]!, users[who]!.actingFor?.employerId, "change-of-employer");
  }
}, 120_000);

afterAll(async () => {
  await app?.close();
  await drop?.();
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
