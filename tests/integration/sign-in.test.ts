import { createHash } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { makePersonNumber } from "../../forms/identifiers";
import type { DB } from "../../app/db/db.server";
import { demoAccounts } from "../../app/dev-identity-provider/accounts.server";
import { seedDemoData } from "../../app/demo/seed.server";
import { lookUpSession } from "../../app/identity/sessions.server";
import { loader as applicationsLoader } from "../../app/routes/applications._index";
import { loader as callbackLoader } from "../../app/routes/auth.callback";
import { loader as loginLoader } from "../../app/routes/login";
import { HOSTILE_RETURN_TOS } from "../support/return-to-corpus";
import { PORTAL, startTestProvider, TestBrowser, type TestProvider } from "../support/sign-in";
import { openTestDatabase } from "../support/test-db";

let db: DB;
let drop: () => Promise<void>;
let provider: TestProvider;

const STRANGER = { login: "stranger", givenName: "Olena", familyName: "Kovalenko", nationalNumber: makePersonNumber("1995-04-09", 318) };

beforeAll(async () => {
  ({ db, drop } = await openTestDatabase());
  await seedDemoData(db);
  provider = await startTestProvider(db, { accounts: await demoAccounts([STRANGER]) });
});
afterAll(async () => {
  await provider.close();
  await drop();
});

type Handler = Parameters<TestBrowser["call"]>[0];
const asHandler = (route: unknown) => route as Handler;

describe("signing in through the identity provider (authorisation code + PKCE)", () => {
  it("signs a demo identity in: a random id in an httpOnly, SameSite cookie, only its hash on the server", async () => {
    const browser = new TestBrowser(db);
    const { response, location } = await browser.signIn("officer.flanders");
    expect(location).toBe("/officer");
    const cookie = response.headers.getSetCookie().find((header) => header.startsWith("__session="))!;
    expect(cookie).toMatch(/HttpOnly/i);
    expect(cookie).toMatch(/SameSite=Lax/i);
    const id = browser.sessionId!;
    expect(id).toMatch(/^[A-Za-z0-9_-]{43}$/); // 256 bits
    const rows = await db.selectFrom("sessions").select(["token_hash"]).execute();
    expect(rows.some((row) => row.token_hash === id)).toBe(false);
    expect(rows.some((row) => row.token_hash === createHash("sha256").update(id).digest("base64url"))).toBe(true);
    const session = await lookUpSession(db, id);
    expect(session.state === "active" && session.session.user).toMatchObject({ login: "officer.flanders", displayName: "Jan Claes", authority: "flanders" });
  });

  it("sends the person back where he was going, and asks the provider in his language", async () => {
    const browser = new TestBrowser(db, "127.0.0.1", { "Accept-Language": "nl" });
    const start = (await browser.call(asHandler((await import("../../app/routes/login")).action), browser.request("/login", { returnTo: "/ebox?page=2" }))) as Response;
    const authorize = new URL(start.headers.get("Location")!);
    expect(authorize.origin).toBe(provider.origin);
    expect(authorize.searchParams.get("code_challenge_method")).toBe("S256");
    expect(authorize.searchParams.get("code_challenge")).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(authorize.searchParams.get("ui_locales")).toBe("en");
    const { location } = await browser.signIn("worker", { returnTo: "/ebox?page=2" });
    expect(location).toBe("/ebox?page=2");
  });

  it("takes name and national number from the provider, and meets a new person as a worker, at his own permits", async () => {
    const browser = new TestBrowser(db);
    const { location } = await browser.signIn("stranger");
    expect(location).toBe("/permits");
    const user = await db.selectFrom("users").selectAll().where("person_number", "=", STRANGER.nationalNumber).executeTakeFirstOrThrow();
    expect(user).toMatchObject({ display_name: "Olena Kovalenko", role: "worker" });
    // Signing in again finds the same person, not a second one.
    await new TestBrowser(db).signIn("stranger");
    const count = await db.selectFrom("users").select((eb) => eb.fn.countAll().as("n")).where("person_number", "=", STRANGER.nationalNumber).executeTakeFirstOrThrow();
    expect(Number(count.n)).toBe(1);
  });

  it("gives a representative the mandates the mandate service lists", async () => {
    const browser = new TestBrowser(db);
    await browser.signIn("secretariat");
    const session = await lookUpSession(db, browser.sessionId!);
    expect(session.state).toBe("active");
    if (session.state !== "active") return;
    expect(session.session.user.mandates.map((mandate) => mandate.name)).toEqual([
      "Antwerp Port Engineering NV",
      "Brussels Digital Solutions SRL",
      "Eupener Maschinenbau GmbH",
      "Logistique Meuse SA",
      "Tuinbouw De Wilde BV",
    ]);
  });

  it("says so when the person cancels at the provider", async () => {
    const browser = new TestBrowser(db);
    const start = (await browser.call(asHandler((await import("../../app/routes/login")).action), browser.request("/login", {}))) as Response;
    const page = await browser.provider.go(start.headers.get("Location")!);
    const abort = /action="([^"]*\/abort)"/.exec(await page.response.text())![1]!;
    const cancelled = await browser.provider.request(new URL(abort, page.url).toString(), { form: {} });
    let location = new URL(cancelled.headers.get("Location")!, page.url).toString();
    while (!location.startsWith(PORTAL)) {
      const next = await browser.provider.request(location);
      location = new URL(next.headers.get("Location")!, location).toString();
    }
    const answer = (await browser.call(asHandler(callbackLoader), browser.request(location))) as Response;
    expect(answer.headers.get("Location")).toBe("/login?failed=cancelled");
    expect(browser.sessionId).toBeUndefined();
  });

  it("refuses an answer this browser did not ask for (no transaction, or a forged one)", async () => {
    const victim = new TestBrowser(db);
    const start = (await victim.call(asHandler((await import("../../app/routes/login")).action), victim.request("/login", {}))) as Response;
    const page = await victim.provider.go(start.headers.get("Location")!);
    const form = /action="([^"]*\/login)"/.exec(await page.response.text())![1]!;
    let response = await victim.provider.request(new URL(form, page.url).toString(), { form: { login: "employer", password: "demo-2026" } });
    let location = new URL(response.headers.get("Location")!, page.url).toString();
    while (!location.startsWith(PORTAL)) {
      response = await victim.provider.request(location);
      location = new URL(response.headers.get("Location")!, location).toString();
    }
    // The code arrives in another browser (login CSRF, a stolen code): no transaction there.
    const attacker = new TestBrowser(db);
    const stolen = (await attacker.call(asHandler(callbackLoader), attacker.request(location))) as Response;
    expect(stolen.headers.get("Location")).toBe("/login?failed=expired");
    expect(attacker.sessionId).toBeUndefined();
    // A transaction cookie that was tampered with is no transaction either.
    attacker.portalCookies.set("__signin", `${victim.portalCookies.get("__signin")!.slice(0, -4)}AAAA`);
    const forged = (await attacker.call(asHandler(callbackLoader), attacker.request(location))) as Response;
    expect(forged.headers.get("Location")).toBe("/login?failed=expired");
    // The browser that asked gets in, once.
    const own = (await victim.call(asHandler(callbackLoader), victim.request(location))) as Response;
    expect(own.headers.get("Location")).toBe("/applications");
    const replay = (await victim.call(asHandler(callbackLoader), victim.request(location))) as Response;
    expect(replay.headers.get("Location")).toMatch(/^\/login\?failed=/);
  });
});

describe("fixation: signing in always starts a new session", () => {
  it("does not keep a session id the browser carried in, even a valid one planted by someone else", async () => {
    const attacker = new TestBrowser(db);
    await attacker.signIn("inspector");
    const planted = attacker.sessionId!;
    const victim = new TestBrowser(db);
    victim.portalCookies.set("__session", planted);
    await victim.signIn("resident");
    expect(victim.sessionId).not.toBe(planted);
    // The planted id never becomes the victim's, and is over.
    const old = await lookUpSession(db, planted);
    expect(old).toEqual({ state: "ended", reason: "signed-out" });
    const now = await lookUpSession(db, victim.sessionId!);
    expect(now.state === "active" && now.session.user.login).toBe("resident");
    const page = await attacker.call(asHandler(applicationsLoader), attacker.request("/applications"));
    expect((page as Response).headers.get("Location")).toMatch(/^\/login\?/);
  });
});

describe("returnTo after signing in: only paths on this site", () => {
  it.each(HOSTILE_RETURN_TOS)("refuses %j and lands on the home page", async (returnTo) => {
    const browser = new TestBrowser(db);
    const page = (await browser.call(asHandler(loginLoader), browser.request(`/login?returnTo=${encodeURIComponent(returnTo)}`))) as { returnTo: string };
    expect(page.returnTo).toBe("");
    const { location } = await browser.signIn("employer", { returnTo });
    expect(location).toBe("/applications");
  });

  it("keeps a path on this site, with its query", async () => {
    const browser = new TestBrowser(db);
    const { location } = await browser.signIn("employer", { returnTo: "/applications/new?kind=single" });
    expect(location).toBe("/applications/new?kind=single");
  });
});

describe("signing out ends both sessions (RP-initiated logout)", () => {
  it("ends the portal's session, then the provider's, and comes back to /signed-out", async () => {
    const browser = new TestBrowser(db);
    await browser.signIn("officer.oe");
    const id = browser.sessionId!;
    const session = await lookUpSession(db, id);
    if (session.state !== "active") throw new Error("not signed in");
    const out = await browser.signOut(session.session.user.csrf);
    expect(browser.sessionId).toBeUndefined();
    const endSession = new URL(out.headers.get("Location")!);
    expect(endSession.origin).toBe(provider.origin);
    expect(endSession.searchParams.get("post_logout_redirect_uri")).toBe(`${PORTAL}/signed-out`);
    expect(endSession.searchParams.get("id_token_hint")).toBeTruthy();
    // The provider asks whether to sign out there too; "yes".
    const question = await browser.provider.go(endSession.toString());
    const html = await question.response.text();
    const confirm = /<form id="op.logoutForm" method="post" action="([^"]+)"><input type="hidden" name="xsrf" value="([^"]+)"/.exec(html)!;
    const done = await browser.provider.request(confirm[1]!, { form: { xsrf: confirm[2]!, logout: "yes" } });
    expect(done.headers.get("Location")).toBe(`${PORTAL}/signed-out`);
    // The old cookie is worth nothing now, and the next sign-in asks for the password again.
    expect(await lookUpSession(db, id)).toEqual({ state: "ended", reason: "signed-out" });
    const start = (await browser.call(asHandler((await import("../../app/routes/login")).action), browser.request("/login", {}))) as Response;
    const login = await browser.provider.go(start.headers.get("Location")!);
    expect(login.url).toMatch(/\/idp\/interaction\//);
    expect(await login.response.text()).toContain('name="password"');
  });
});
