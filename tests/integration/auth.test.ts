import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DB } from "../../app/db/db.server";
import { seedDemoData } from "../../app/demo/seed.server";
import { openSession } from "../../app/http/guards.server";
import { signIn } from "../../app/identity/sign-in.server";
import { DEMO_PASSWORD } from "../../app/demo/demo-identities.server";
import { hashPassword, verifyPassword } from "../../app/identity/password.server";
import { openTestDatabase } from "../support/test-db";

let db: DB;
let drop: () => Promise<void>;

beforeAll(async () => {
  process.env.SESSION_SECRET = "integration-test-secret";
  ({ db, drop } = await openTestDatabase());
  await seedDemoData(db);
});
afterAll(() => drop());

const request = () => new Request("http://localhost/login", { method: "POST" });

describe("signing in", () => {
  it("stores passwords as salted scrypt hashes, never in clear", async () => {
    const users = await db.selectFrom("users").select(["login", "password_hash"]).execute();
    expect(users.length).toBeGreaterThanOrEqual(10);
    for (const user of users) {
      expect(user.password_hash).toMatch(/^scrypt\$32768\$8\$1\$/);
      expect(user.password_hash).not.toContain(DEMO_PASSWORD);
    }
    const a = await hashPassword("same password");
    const b = await hashPassword("same password");
    expect(a).not.toBe(b);
    expect(await verifyPassword("same password", a)).toBe(true);
    expect(await verifyPassword("other password", a)).toBe(false);
  });

  it("signs in a demo identity with a fresh, signed, httpOnly, SameSite session cookie", async () => {
    const result = await signIn(db, { login: "Officer.Flanders ", password: DEMO_PASSWORD, clientAddress: "10.0.0.1" });
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.home).toBe("/officer");
    const setCookie = await openSession(request(), result.userId);
    expect(setCookie).toMatch(/^__session=/);
    expect(setCookie).toMatch(/HttpOnly/i);
    expect(setCookie).toMatch(/SameSite=Lax/i);
  });

  it("refuses a wrong password without saying which part was wrong", async () => {
    const result = await signIn(db, { login: "worker", password: "wrong", clientAddress: "10.0.0.2" });
    expect(result).toEqual({ ok: false, error: "invalid" });
    const unknown = await signIn(db, { login: "nobody", password: "wrong", clientAddress: "10.0.0.2" });
    expect(unknown).toEqual({ ok: false, error: "invalid" });
  });

  it("stops guessing after five failures for one login, even with the right password", async () => {
    for (let i = 0; i < 5; i++) {
      const attempt = await signIn(db, { login: "resident", password: `guess-${i}`, clientAddress: `10.1.0.${i}` });
      expect(attempt).toEqual({ ok: false, error: "invalid" });
    }
    const blocked = await signIn(db, { login: "resident", password: DEMO_PASSWORD, clientAddress: "10.1.0.9" });
    expect(blocked).toMatchObject({ ok: false, error: "rate-limited" });
    // Other people are not locked out by it.
    const other = await signIn(db, { login: "inspector", password: DEMO_PASSWORD, clientAddress: "10.1.0.9" });
    expect(other.ok).toBe(true);
  });
});
