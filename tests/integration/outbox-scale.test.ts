import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DB } from "../../app/db/db.server";
import { runOncePerInterval } from "../../app/delivery/background.server";
import { claimJobRun } from "../../app/delivery/delivery.repository";
import { drainOutbox, pruneDeliveredOutbox, type Deliver } from "../../app/outbox/outbox.server";
import { openTestDatabase } from "../support/test-db";

let db: DB;
let drop: () => Promise<void>;

beforeAll(async () => {
  ({ db, drop } = await openTestDatabase());
});
afterAll(() => drop());

/** Notices about no case: every row stands on its own (no older row of its case holds it back). */
async function enqueueNotices(prefix: string, count: number, at = new Date()) {
  await db
    .insertInto("outbox")
    .values(
      Array.from({ length: count }, (_, n) => ({
        key: `${prefix}:${n}`,
        kind: "ebox.notice",
        application_id: null,
        payload: JSON.stringify({ recipient: { kind: "enterprise", id: "0403170701" }, language: "fr", template: "reminder", values: { n } }),
        next_attempt_at: at,
      })),
    )
    .execute();
}

describe("claiming outbox batches", () => {
  it("gives each row to one worker only: two workers at once deliver everything, nothing twice", async () => {
    await enqueueNotices("claim", 230);
    const seen: string[] = [];
    const deliver: Deliver = async (_trx, row) => {
      seen.push(row.key);
      // Give the other worker a chance to run in between.
      await new Promise((resolve) => setImmediate(resolve));
    };
    const [a, b] = await Promise.all([drainOutbox(db, deliver, { limit: 10_000 }), drainOutbox(db, deliver, { limit: 10_000 })]);
    expect(a.delivered + b.delivered).toBe(230);
    expect(new Set(seen).size).toBe(230);
    expect(seen).toHaveLength(230);
    const left = await db.selectFrom("outbox").select("key").where("key", "like", "claim:%").where("status", "<>", "delivered").execute();
    expect(left).toEqual([]);
  });

  it("records a failing row's attempt and backoff and delivers the rest of the batch; what a receiver wrote is its own", async () => {
    await enqueueNotices("flaky", 5);
    // The receiver writes in its own transaction, then one call fails: its write stays (it de-duplicates on the key on the retry).
    const deliver: Deliver = async (db, row) => {
      await sql`insert into background_jobs (name, last_run_at) values (${`written-by-${row.key}`}, now())`.execute(db);
      if (row.key === "flaky:2") throw new Error("e-Box unreachable");
    };
    expect(await drainOutbox(db, deliver)).toEqual({ delivered: 4, failed: 1 });
    const flaky = await db.selectFrom("outbox").select(["status", "attempts", "last_error", "next_attempt_at"]).where("key", "=", "flaky:2").executeTakeFirstOrThrow();
    expect(flaky).toMatchObject({ status: "pending", attempts: 1, last_error: "e-Box unreachable" });
    expect(new Date(flaky.next_attempt_at).getTime()).toBeGreaterThan(Date.now() + 20_000);
    const written = await db.selectFrom("background_jobs").select("name").where("name", "like", "written-by-flaky:%").orderBy("name").execute();
    expect(written.map((w) => w.name)).toEqual(["written-by-flaky:0", "written-by-flaky:1", "written-by-flaky:2", "written-by-flaky:3", "written-by-flaky:4"]);
    const others = await db.selectFrom("outbox").select("status").where("key", "like", "flaky:%").where("key", "<>", "flaky:2").execute();
    expect(others.map((row) => row.status)).toEqual(["delivered", "delivered", "delivered", "delivered"]);
  });

  it("prunes delivered rows past the retention period and keeps the rest", async () => {
    await enqueueNotices("old", 3);
    await drainOutbox(db, async () => undefined);
    await db.updateTable("outbox").set({ delivered_at: new Date(Date.now() - 40 * 86_400_000) }).where("key", "like", "old:%").execute();
    await enqueueNotices("waiting", 2, new Date(Date.now() + 86_400_000));
    expect(await pruneDeliveredOutbox(db, new Date(), 30)).toBe(3);
    expect(await db.selectFrom("outbox").select("key").where("key", "like", "old:%").execute()).toEqual([]);
    expect(await db.selectFrom("outbox").select("key").where("key", "like", "waiting:%").execute()).toHaveLength(2);
    expect(await db.selectFrom("outbox").select("key").where("key", "like", "claim:%").execute()).toHaveLength(230);
  });
});

describe("a sweep's lease", () => {
  it("lets one worker run a job per interval, however many ask at once", async () => {
    const now = new Date("2026-11-27T10:00:00Z");
    const claims = await Promise.all([1, 2, 3, 4].map((n) => claimJobRun(db, "test-sweep", now, 3_600_000, `worker-${n}`)));
    expect(claims.filter(Boolean)).toHaveLength(1);
    expect(await claimJobRun(db, "test-sweep", new Date(now.getTime() + 59 * 60_000), 3_600_000, "late")).toBe(false);
    expect(await claimJobRun(db, "test-sweep", new Date(now.getTime() + 60 * 60_000), 3_600_000, "next")).toBe(true);

    let runs = 0;
    const job = async () => void runs++;
    const later = new Date(now.getTime() + 3 * 3_600_000);
    const ran = await Promise.all([runOncePerInterval(db, "other-sweep", 3_600_000, job, later), runOncePerInterval(db, "other-sweep", 3_600_000, job, later)]);
    expect(ran.filter(Boolean)).toHaveLength(1);
    expect(runs).toBe(1);
  });
});
