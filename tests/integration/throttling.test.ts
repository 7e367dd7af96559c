import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { DB } from "../../app/db/db.server";
import { seedDemoData } from "../../app/demo/seed.server";
import { addressKey, attempt, type ThrottlePolicy } from "../../app/identity/throttle.server";
import { loader as verifyLoader } from "../../app/routes/verify";
import { startTestProvider, TestBrowser, type TestProvider } from "../support/sign-in";
import { openTestDatabase } from "../support/test-db";

let db: DB;
let drop: () => Promise<void>;

beforeAll(async () => {
  ({ db, drop } = await openTestDatabase());
  await seedDemoData(db);
});
afterAll(() => drop());

type Handler = Parameters<TestBrowser["call"]>[0];
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe("the throttle's counters", () => {
  it("counts attempts made at the same moment one by one: of 25, only the free ones get through", async () => {
    const policy: ThrottlePolicy = { free: 4, firstDelaySeconds: 60, maxDelaySeconds: 600, windowSeconds: 3600 };
    const results = await Promise.all(Array.from({ length: 25 }, () => attempt(db, [["test:parallel", policy]])));
    expect(results.filter((result) => result.allowed)).toHaveLength(4);
    for (const result of results) if (!result.allowed) expect(result.retryAfterSeconds).toBeGreaterThan(50);
  });

  it("makes each attempt past the free ones wait twice as long as the one before, then lets it through (no lock)", async () => {
    const policy: ThrottlePolicy = { free: 1, firstDelaySeconds: 1, maxDelaySeconds: 2, windowSeconds: 3600 };
    const key = "test:growing";
    expect(await attempt(db, [[key, policy]])).toEqual({ allowed: true });
    expect(await attempt(db, [[key, policy]])).toEqual({ allowed: false, retryAfterSeconds: 1 });
    await sleep(1_100);
    expect(await attempt(db, [[key, policy]])).toEqual({ allowed: true });
    expect(await attempt(db, [[key, policy]])).toEqual({ allowed: false, retryAfterSeconds: 2 });
    await sleep(2_100);
    expect(await attempt(db, [[key, policy]])).toEqual({ allowed: true });
    // Capped: never longer than the maximum.
    expect(await attempt(db, [[key, policy]])).toEqual({ allowed: false, retryAfterSeconds: 2 });
  });

  it("keys IPv6 clients by their /64 and IPv4-mapped addresses as IPv4", () => {
    expect(addressKey("2001:db8:aa:bb:1:2:3:4")).toBe("2001:db8:aa:bb::/64");
    expect(addressKey("2001:db8:aa:bb::9")).toBe(addressKey("2001:db8:aa:bb:ffff::1"));
    expect(addressKey("2001:db8::1")).toBe("2001:db8:0:0::/64");
    expect(addressKey("::ffff:192.0.2.7")).toBe("192.0.2.7");
    expect(addressKey("192.0.2.7")).toBe("192.0.2.7");
  });
});

describe("password guessing at the development identity provider", () => {
  let provider: TestProvider;
  beforeAll(async () => {
    provider = await startTestProvider(db, {
      policies: {
        account: { free: 3, firstDelaySeconds: 60, maxDelaySeconds: 900, windowSeconds: 86_400 },
        address: { free: 1_000, firstDelaySeconds: 1, maxDelaySeconds: 900, windowSeconds: 900 },
        knownDevice: { free: 10, firstDelaySeconds: 1, maxDelaySeconds: 300, windowSeconds: 86_400 },
      },
    });
  });
  afterAll(() => provider.close());

  it("checks only the free attempts of a burst of wrong passwords, and lets the owner in from his own computer at once", async () => {
    // The owner signed in before on his computer: it carries the provider's device cookie.
    const earlier = new TestBrowser(db);
    await earlier.signIn("resident");
    const device = earlier.provider.cookie("idp_device")!;
    expect(device).toMatch(/^[A-Za-z0-9_-]{43}$/);

    // Someone else tries twelve passwords at once.
    const guesses = await Promise.all(
      Array.from({ length: 12 }, (_, i) => new TestBrowser(db).signIn("resident", { password: `guess-${i}` })),
    );
    const statuses = guesses.map((guess) => guess.refused);
    expect(statuses.filter((status) => status === 400)).toHaveLength(3);
    expect(statuses.filter((status) => status === 429)).toHaveLength(9);
    const delayed = guesses.find((guess) => guess.refused === 429)!;
    expect(delayed.response.headers.get("Retry-After")).toMatch(/^\d+$/);
    expect(delayed.page).toContain("Too many attempts");

    // Even the right password waits, from a browser the account never used: slowed, not locked.
    const stranger = await new TestBrowser(db).signIn("resident");
    expect(stranger.refused).toBe(429);
    expect(Number(stranger.response.headers.get("Retry-After"))).toBeLessThanOrEqual(60);

    // The owner, back on his computer (a new browser session, the device cookie kept): straight in.
    const owner = new TestBrowser(db);
    owner.provider.setCookie(provider.origin, "idp_device", device, "/idp");
    const back = await owner.signIn("resident");
    expect(back.refused).toBeNull();
    expect(back.location).toBe("/applications");
  });

  it("keeps the owner's own typos on his own computer to himself", async () => {
    const earlier = new TestBrowser(db);
    await earlier.signIn("officer.dg");
    const device = earlier.provider.cookie("idp_device")!;
    const owner = new TestBrowser(db);
    owner.provider.setCookie(provider.origin, "idp_device", device, "/idp");
    for (let i = 0; i < 4; i++) expect((await owner.signIn("officer.dg", { password: `typo-${i}` })).refused).toBe(400);
    // Four typos on the device did not count against the account: another computer is not slowed.
    const elsewhere = await new TestBrowser(db).signIn("officer.dg");
    expect(elsewhere.refused).toBeNull();
  });
});

describe("the per-address limit and TRUST_PROXY", () => {
  const smallAddressLimit = {
    account: { free: 100, firstDelaySeconds: 1, maxDelaySeconds: 900, windowSeconds: 86_400 },
    address: { free: 3, firstDelaySeconds: 60, maxDelaySeconds: 900, windowSeconds: 900 },
    knownDevice: { free: 10, firstDelaySeconds: 1, maxDelaySeconds: 300, windowSeconds: 86_400 },
  };
  const logins = ["officer.flanders", "officer.wallonia", "officer.brussels", "officer.oe", "inspector"];
  // Every browser in this file reaches the provider from 127.0.0.1: start each count afresh.
  beforeEach(() => db.deleteFrom("throttle_counters").execute());

  it("without TRUST_PROXY, ignores X-Forwarded-For: a forged header does not give a fresh address", async () => {
    const provider = await startTestProvider(db, { policies: smallAddressLimit });
    try {
      const results = [];
      for (const [i, login] of logins.entries()) {
        const browser = new TestBrowser(db, "127.0.0.1", { "X-Forwarded-For": `198.51.100.${i + 1}` });
        results.push((await browser.signIn(login, { password: "wrong" })).refused);
      }
      expect(results).toEqual([400, 400, 400, 429, 429]);
    } finally {
      await provider.close();
    }
  });

  it("counts an address's failures, not its successes: a busy office keeps signing in", async () => {
    const provider = await startTestProvider(db, { policies: smallAddressLimit });
    try {
      for (const login of logins) expect((await new TestBrowser(db).signIn(login)).refused, login).toBeNull();
      const failures = [];
      for (const login of logins) failures.push((await new TestBrowser(db).signIn(login, { password: "wrong" })).refused);
      expect(failures).toEqual([400, 400, 400, 429, 429]);
    } finally {
      await provider.close();
    }
  });

  it("with TRUST_PROXY, counts each client behind the proxy on its own address", async () => {
    const provider = await startTestProvider(db, { trustProxy: true, policies: smallAddressLimit });
    try {
      const apart = [];
      for (const [i, login] of logins.entries()) {
        const browser = new TestBrowser(db, "127.0.0.1", { "X-Forwarded-For": `203.0.113.${i + 1}` });
        apart.push((await browser.signIn(login, { password: "wrong" })).refused);
      }
      expect(apart).toEqual([400, 400, 400, 400, 400]);
      const together = [];
      for (const login of logins) {
        const browser = new TestBrowser(db, "127.0.0.1", { "X-Forwarded-For": "203.0.113.200" });
        together.push((await browser.signIn(login, { password: "wrong" })).refused);
      }
      expect(together).toEqual([400, 400, 400, 429, 429]);
    } finally {
      await provider.close();
    }
  });
});

describe("/verify: permit codes cannot be enumerated", () => {
  it("answers 429 with Retry-After once an address has looked up too many codes, also in parallel; other addresses go on", async () => {
    const check = (address: string, code: string) =>
      new TestBrowser(db, address).call(verifyLoader as unknown as Handler, new Request(`http://portal.test/verify/${code}`, { headers: { "Accept-Language": "en" } }), { code });
    const codes = Array.from({ length: 80 }, (_, i) => `ZZ${String(i).padStart(2, "0")}-AAAA-BBBB-CCCC-DDDD`);
    const answers = await Promise.all(codes.map((code) => check("192.0.2.50", code)));
    const status = (answer: unknown) => (answer as { init?: { status?: number } }).init?.status ?? 200;
    const allowed = answers.filter((answer) => status(answer) !== 429);
    // 60 look-ups per address are free; the first delay is one second, so a slow run may let one more through per second.
    expect(allowed.length).toBeGreaterThanOrEqual(60);
    expect(allowed.length).toBeLessThanOrEqual(62);
    const refused = answers.find((answer) => status(answer) === 429) as { init: { headers: Record<string, string> }; data: { retryAfterSeconds: number } };
    expect(Number(refused.init.headers["Retry-After"])).toBeGreaterThanOrEqual(1);
    expect(refused.data.retryAfterSeconds).toBeGreaterThanOrEqual(1);
    expect(status(await check("192.0.2.51", "ZZ99-AAAA-BBBB-CCCC-DDDD"))).toBe(200);
  });
});
