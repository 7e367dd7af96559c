import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DB } from "../../app/db/db.server";
import { searchAuditLog } from "../../app/audit/audit.repository";
import { seedDemoData } from "../../app/demo/seed.server";
import { openTestDatabase } from "../support/test-db";

let db: DB;
let drop: () => Promise<void>;

beforeAll(async () => {
  process.env.SESSION_SECRET = "integration-test-secret";
  ({ db, drop } = await openTestDatabase());
  await seedDemoData(db);
});
afterAll(() => drop());

const count = async (table: "users" | "employers" | "workers" | "mandates") =>
  Number((await db.selectFrom(table).select((eb) => eb.fn.countAll().as("n")).executeTakeFirstOrThrow()).n);

describe("the demo data-protection officer", () => {
  it("is added to a database seeded before he existed, and nothing else is added twice", async () => {
    // A database seeded before this identity existed: the same demo data without it.
    await db.deleteFrom("users").where("login", "=", "dpo").execute();
    const before = { users: await count("users"), employers: await count("employers"), workers: await count("workers"), mandates: await count("mandates") };

    expect(await seedDemoData(db)).toBe(true);
    const dpo = await db.selectFrom("users").select(["role", "authority"]).where("login", "=", "dpo").executeTakeFirstOrThrow();
    expect(dpo).toEqual({ role: "data-protection-officer", authority: null });
    expect(await count("users")).toBe(before.users + 1);
    expect(await count("employers")).toBe(before.employers);
    expect(await count("workers")).toBe(before.workers);
    expect(await count("mandates")).toBe(before.mandates);

    expect(await seedDemoData(db)).toBe(false);
    expect(await count("users")).toBe(before.users + 1);
  });
});

describe("the audit log's date filter", () => {
  it("takes Belgian days: a read at 00:30 in Brussels belongs to that day, not the one before in UTC", async () => {
    const inspector = await db.selectFrom("users").select(["id"]).where("login", "=", "inspector").executeTakeFirstOrThrow();
    const reference = "SP-2026-900001";
    for (const at of ["2026-03-02T22:30:00Z", "2026-03-02T23:30:00Z", "2026-03-03T23:30:00Z"]) {
      await db
        .insertInto("audit_log")
        .values({
          actor_user_id: inspector.id,
          actor_role: "inspector",
          actor_authority: null,
          action: "view",
          subject_type: "cadastre",
          subject_id: reference,
          application_id: null,
          purpose: `INS-2026/1: check at ${at}`,
          allowed: true,
          created_at: new Date(at),
        })
        .execute();
    }
    const on = async (from: string, until: string) =>
      (await searchAuditLog(db, { reference, from, until }, 10)).map((row) => row.purpose).sort();
    // 22:30 UTC on 2 March is 23:30 in Brussels (still the 2nd); 23:30 UTC is 00:30 on the 3rd (4th).
    expect(await on("2026-03-02", "2026-03-02")).toEqual(["INS-2026/1: check at 2026-03-02T22:30:00Z"]);
    expect(await on("2026-03-03", "2026-03-03")).toEqual(["INS-2026/1: check at 2026-03-02T23:30:00Z"]);
    expect(await on("2026-03-02", "2026-03-04")).toHaveLength(3);
  });
});
