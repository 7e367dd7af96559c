import { sql } from "kysely";
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { createDb, type DB } from "../../app/db/db.server";
import { seedDemoData } from "../../app/demo/seed.server";
import { sessionCacheFor } from "../../app/identity/session-cache.server";
import { endSession, IDLE_TIMEOUT_MS, lookUpSession } from "../../app/identity/sessions.server";
import { action as actingForAction } from "../../app/routes/acting-for";
import { action as applicationsAction, loader as applicationsLoader } from "../../app/routes/applications._index";
import { loader as rootLoader } from "../../app/root";
import { loader as sessionLoader } from "../../app/routes/session";
import { startTestProvider, TestBrowser, type TestProvider } from "../support/sign-in";
import { openTestDatabase } from "../support/test-db";

let db: DB;
let drop: () => Promise<void>;
let engine: string;
let url: string | undefined;
let provider: TestProvider;

beforeAll(async () => {
  ({ db, drop, engine, url } = await openTestDatabase());
  await seedDemoData(db);
  provider = await startTestProvider(db);
});
afterAll(async () => {
  await provider.close();
  await drop();
});
afterEach(() => {
  vi.useRealTimers();
});

type Handler = Parameters<TestBrowser["call"]>[0];
const asHandler = (route: unknown) => route as Handler;

async function signedIn(login: string) {
  const browser = new TestBrowser(db);
  await browser.signIn(login);
  return browser;
}

async function csrfOf(browser: TestBrowser): Promise<string> {
  const lookup = await lookUpSession(db, browser.sessionId!);
  if (lookup.state !== "active") throw new Error("not signed in");
  return lookup.session.user.csrf;
}

/** What the browser sees on "My applications": the page, or where it is sent instead. */
async function myApplications(browser: TestBrowser, cookie = browser.cookieHeader()) {
  const request = new Request("http://portal.test/applications", { headers: { Cookie: cookie, "Accept-Language": "en" } });
  const result = await browser.call(asHandler(applicationsLoader), request);
  return result instanceof Response ? { redirect: result.headers.get("Location") } : { page: result as { title: string } };
}

/** Moves the clock of this process (the server's) forward; the database keeps its own. */
function advance(ms: number) {
  vi.useFakeTimers({ toFake: ["Date"] });
  vi.setSystemTime(new Date(Date.now() + ms));
}

describe("sign-out revokes the session on the server", () => {
  it("sends a copy of the old cookie to the sign-in page after sign-out", async () => {
    const browser = await signedIn("employer");
    const copied = browser.cookieHeader();
    expect((await myApplications(browser)).page?.title).toBe("My applications");
    await browser.signOut(await csrfOf(browser));
    const replay = await myApplications(browser, copied);
    expect(replay.redirect).toBe("/login?returnTo=%2Fapplications&ended=signed-out");
  });

  it("signs out of all devices: every session of the person ends, no one else's", async () => {
    const laptop = await signedIn("secretariat");
    const phone = await signedIn("secretariat");
    const colleague = await signedIn("employer");
    const devices = (await laptop.call(asHandler(sessionLoader), laptop.request("/session"))) as { devices: { current: boolean }[] };
    expect(devices.devices.length).toBeGreaterThanOrEqual(2);
    expect(devices.devices.filter((device) => device.current)).toHaveLength(1);

    await laptop.signOut(await csrfOf(laptop), true);
    expect((await myApplications(phone)).redirect).toMatch(/^\/login\?returnTo=%2Fapplications&ended=signed-out$/);
    expect((await myApplications(colleague)).page?.title).toBe("My applications");
  });
});

describe("the server ends sessions that run out", () => {
  it("after 30 minutes without a request (idle), saying so; each request before that counts as use", async () => {
    const browser = await signedIn("worker");
    const copied = browser.cookieHeader();
    advance(IDLE_TIMEOUT_MS - 60_000);
    expect((await myApplications(browser)).page).toBeDefined();
    // 29 minutes later again: still there, because the last request counted.
    advance(IDLE_TIMEOUT_MS - 60_000);
    expect((await myApplications(browser)).page).toBeDefined();
    advance(IDLE_TIMEOUT_MS + 1_000);
    expect((await myApplications(browser)).redirect).toBe("/login?returnTo=%2Fapplications&ended=idle");
    // The browser drops the cookie; a copy of it stays worth nothing.
    expect(browser.sessionId).toBeUndefined();
    expect((await myApplications(browser, copied)).redirect).toBe("/login?returnTo=%2Fapplications&ended=idle");
  });

  it("eight hours after signing in (absolute), however busy the person is", async () => {
    const browser = await signedIn("resident");
    for (let hour = 0; hour < 16; hour++) {
      advance(29 * 60_000);
      expect((await myApplications(browser)).page, `after ${hour} × 29 min`).toBeDefined();
    }
    advance(29 * 60_000); // 8 h 13 min after signing in
    expect((await myApplications(browser)).redirect).toBe("/login?returnTo=%2Fapplications&ended=absolute");
  });

  it("tells the person a form he sent after the end was not saved", async () => {
    const browser = await signedIn("employer");
    const csrf = await csrfOf(browser);
    advance(IDLE_TIMEOUT_MS + 1_000);
    const answer = (await browser.call(asHandler(applicationsAction), browser.request("/applications", { csrf, intent: "end-of-stay", enabled: "1" }))) as Response;
    expect(answer.headers.get("Location")).toBe("/login?returnTo=%2Fapplications&ended=idle&unsaved=1");
    // The dead cookie goes with it.
    expect(browser.sessionId).toBeUndefined();
  });

  it("gives the page the time left, for the warning before the end", async () => {
    const browser = await signedIn("inspector");
    advance(10 * 60_000);
    const root = (await browser.call(asHandler(rootLoader), browser.request("/inspector"))) as { data: { session: { idleSecondsLeft: number; secondsLeft: number } } };
    // The request itself counts as use: 30 minutes again (less the minute a copy may be old).
    expect(root.data.session.idleSecondsLeft).toBeGreaterThan(28 * 60);
    expect(root.data.session.idleSecondsLeft).toBeLessThanOrEqual(30 * 60);
    expect(root.data.session.secondsLeft).toBeGreaterThan(7 * 60 * 60 + 49 * 60);
    expect(root.data.session.secondsLeft).toBeLessThanOrEqual(7 * 60 * 60 + 50 * 60);
  });
});

describe("a new session id when rights change (act for)", () => {
  it("rotates the id: the old one leads to the sign-in page, the new one acts for the enterprise chosen", async () => {
    const browser = await signedIn("secretariat");
    const before = browser.sessionId!;
    const oldCookie = browser.cookieHeader();
    const port = await db.selectFrom("employers").select("id").where("name", "=", "Antwerp Port Engineering NV").executeTakeFirstOrThrow();
    const answer = (await browser.call(asHandler(actingForAction), browser.request("/acting-for", { csrf: await csrfOf(browser), employerId: port.id }))) as Response;
    expect(answer.headers.get("Location")).toBe("/applications");
    expect(browser.sessionId).not.toBe(before);
    const now = await lookUpSession(db, browser.sessionId!);
    expect(now.state === "active" && now.session.user.actingFor?.name).toBe("Antwerp Port Engineering NV");
    expect((await myApplications(browser, oldCookie)).redirect).toMatch(/^\/login\?returnTo=%2Fapplications/);
  });

  it("refuses an enterprise the mandate service does not list (403), and keeps the session", async () => {
    const browser = await signedIn("employer");
    const port = await db.selectFrom("employers").select("id").where("name", "=", "Antwerp Port Engineering NV").executeTakeFirstOrThrow();
    const refused = await browser.call(asHandler(actingForAction), browser.request("/acting-for", { csrf: await csrfOf(browser), employerId: port.id }));
    expect((refused as Response).status).toBe(403);
    expect((await myApplications(browser)).page).toBeDefined();
  });
});

describe("the session lookup cache", () => {
  it("forgets a session another server ended, within a second", async () => {
    // Two servers on one database: on PostgreSQL a second connection pool, told by NOTIFY;
    // on the embedded database only one process can open it, and it is told directly.
    const other = engine === "postgres" ? createDb({ url: url! }) : db;
    try {
      const browser = await signedIn("officer.wallonia");
      const cache = sessionCacheFor(db);
      await vi.waitFor(() => expect(cache.usable).toBe(true), { timeout: 5_000 });
      expect((await lookUpSession(db, browser.sessionId!)).state).toBe("active");
      expect((await lookUpSession(db, browser.sessionId!)).state).toBe("active");
      expect(cache.size).toBeGreaterThan(0);

      await endSession(other, browser.sessionId!);
      await vi.waitFor(async () => expect(await lookUpSession(db, browser.sessionId!)).toEqual({ state: "ended", reason: "signed-out" }), {
        timeout: 1_000,
        interval: 20,
      });
    } finally {
      if (other !== db) await other.destroy();
    }
  });

  it("stops trusting itself while it cannot hear the others (PostgreSQL), and still answers right", async () => {
    const browser = await signedIn("officer.brussels");
    const cache = sessionCacheFor(db);
    await vi.waitFor(() => expect(cache.usable).toBe(true), { timeout: 5_000 });
    expect((await lookUpSession(db, browser.sessionId!)).state).toBe("active");
    if (engine === "postgres") {
      // The listening connection drops (a restart, a failover): no more notifications.
      await sql`select pg_terminate_backend(pid) from pg_stat_activity where query ilike 'LISTEN%' and datname = current_database()`.execute(db);
      await vi.waitFor(() => expect(cache.usable).toBe(false), { timeout: 5_000 });
      // Ended behind its back (no NOTIFY): the database answers, not the cache.
      await db.updateTable("sessions").set({ ended_at: new Date(), end_reason: "signed-out" }).where("user_id", "=", (await lookUpUserId("officer.brussels"))).execute();
      expect(await lookUpSession(db, browser.sessionId!)).toEqual({ state: "ended", reason: "signed-out" });
      // It listens again by itself.
      await vi.waitFor(() => expect(cache.usable).toBe(true), { timeout: 10_000 });
    } else {
      // One process: what it changes, it forgets as it changes it.
      await endSession(db, browser.sessionId!);
      expect(await lookUpSession(db, browser.sessionId!)).toEqual({ state: "ended", reason: "signed-out" });
    }
  });
});

async function lookUpUserId(login: string) {
  return (await db.selectFrom("users").select("id").where("login", "=", login).executeTakeFirstOrThrow()).id;
}
