import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DB } from "../../app/db/db.server";
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
