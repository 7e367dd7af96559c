import { randomUUID } from "node:crypto";
import { sql } from "kysely";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import type { DB } from "../../app/db/db.server";
import { seedDemoData } from "../../app/demo/seed.server";
import { ForbiddenError } from "../../app/errors";
import type { OutboxEntry } from "../../app/outbox/messages";
import {
  backoffMs,
  deliveriesOf,
  drainOutbox,
  enqueue,
  outboxRetentionDays,
  pruneDeliveredOutbox,
  retryDelivery,
  type Deliver,
  type OutboxRow,
} from "../../app/outbox/outbox.server";
import { undeliveredFor } from "../../app/outbox/undelivered.server";
import { openTestDatabase } from "../support/test-db";
import { demoUser } from "../support/users";

/**
 * The outbox as the systems at its other end see it: what reaches them, in which order,
 * when a failed delivery comes again, when it is given up, and what officers see of it.
 * The receiving system here is a recorder that can be told to fail.
 */
let db: DB;
let drop: () => Promise<void>;
let author: string;

beforeAll(async () => {
  ({ db, drop } = await openTestDatabase());
  await seedDemoData(db);
  author = (await db.selectFrom("users").select("id").where("login", "=", "secretariat").executeTakeFirstOrThrow()).id;
});
afterAll(() => drop());
// Each test starts with an empty outbox: a drain takes every due row in the database.
afterEach(async () => {
  await db.deleteFrom("outbox").execute();
});

let serial = 0;
/** A filed case with its region, as far as the outbox needs one. */
async function newCase(authority = "flanders"): Promise<string> {
  const id = randomUUID();
  const reference = `SP-2031-${String(++serial).padStart(6, "0")}`;
  await sql`insert into applications (id, kind, status, created_by, competent_authority, form_version, reference, filed_form)
    values (${id}, 'single', 'granted', ${author}, ${authority}, 1, ${reference}, '{"kind":"single"}')`.execute(db);
  return id;
}

const toEnterprise = { kind: "enterprise", id: "0403170701" } as const;
const toPerson = { kind: "person", id: "88041230015" } as const;

function document(key: string, applicationId: string | null, at?: Date): OutboxEntry {
  return { key, kind: "ebox.document", applicationId, at, payload: { type: "46", language: "nl", courtesy: false, recipient: toEnterprise, caseVersion: 3 } };
}
function notice(key: string, applicationId: string | null, at?: Date): OutboxEntry {
  return { key, kind: "ebox.notice", applicationId, at, payload: { recipient: toPerson, language: "fr", template: "reminder", values: { reference: "SP-2031-000001", date: "2031-01-02" } } };
}
function feed(key: string, applicationId: string | null, at?: Date): OutboxEntry {
  return { key, kind: "cadastre.feed", applicationId, at, payload: { caseVersion: 3, status: "valid", statusOn: "2031-01-02", reason: null } };
}

async function put(...entries: OutboxEntry[]) {
  await db.transaction().execute(async (trx) => {
    for (const entry of entries) await enqueue(trx, entry);
  });
}

/** The other end: records what it receives; fails for the keys in `failing` with what is there. */
function receiver(failing: Record<string, unknown> = {}) {
  const received: { key: string; kind: string; at: Date }[] = [];
  const attempts: string[] = [];
  const deliver: Deliver = async (_trx, row: OutboxRow, now) => {
    attempts.push(row.key);
    if (Object.hasOwn(failing, row.key)) throw failing[row.key];
    received.push({ key: row.key, kind: row.kind, at: now });
  };
  return { deliver, received, attempts };
}

const stateOf = async (key: string) =>
  db.selectFrom("outbox").select(["status", "attempts", "last_error"]).where("key", "=", key).executeTakeFirstOrThrow();

const T0 = new Date("2031-01-02T09:00:00Z");
const after = (ms: number) => new Date(T0.getTime() + ms);

describe("delivering the outbox", () => {
  it("delivers each message once, the same intent enqueued twice being one message", async () => {
    const id = await newCase();
    await put(document("doc", id, T0), document("doc", id, T0), feed("feed", id, T0));
    const end = receiver();
    expect(await drainOutbox(db, end.deliver, { now: () => T0 })).toEqual({ delivered: 2, failed: 0 });
    expect(await drainOutbox(db, end.deliver, { now: () => after(3_600_000) })).toEqual({ delivered: 0, failed: 0 });
    expect(end.received.map((r) => r.key).sort()).toEqual(["doc", "feed"]);
  });

  it("sends nothing before it is due, and sends it when it is", async () => {
    await put(notice("later", null, after(60_000)));
    const end = receiver();
    await drainOutbox(db, end.deliver, { now: () => after(59_999) });
    expect(end.received).toEqual([]);
    await drainOutbox(db, end.deliver, { now: () => after(60_000) });
    expect(end.received).toEqual([{ key: "later", kind: "ebox.notice", at: after(60_000) }]);
  });

  it("keeps the messages of a case and kind in order behind one that fails, and lets the others go", async () => {
    const flemish = await newCase();
    const other = await newCase();
    await put(document("first", flemish, T0), document("second", flemish, T0), feed("feed", flemish, T0), document("elsewhere", other, T0));
    const end = receiver({ first: new Error("e-Box down") });
    expect(await drainOutbox(db, end.deliver, { now: () => T0 })).toEqual({ delivered: 2, failed: 1 });
    expect(end.received.map((r) => r.key).sort()).toEqual(["elsewhere", "feed"]);
    expect(end.attempts).not.toContain("second");
    // Given up for good, it still holds the later one back until an officer retries it.
    await db.updateTable("outbox").set({ status: "failed" }).where("key", "=", "first").execute();
    await drainOutbox(db, end.deliver, { now: () => after(86_400_000) });
    expect(end.attempts).not.toContain("second");
    expect(await retryDelivery(db, flemish, Number((await db.selectFrom("outbox").select("id").where("key", "=", "first").executeTakeFirstOrThrow()).id), after(86_400_000))).toBe(true);
    const mended = receiver();
    expect(await drainOutbox(db, mended.deliver, { now: () => after(86_400_000) })).toEqual({ delivered: 2, failed: 0 });
    expect(mended.received.map((r) => r.key)).toEqual(["first", "second"]);
  });

  it("comes again after 30 s, 1, 2, 4, 8, 16 and 32 minutes, then gives up after the eighth attempt", async () => {
    await put(notice("flaky", null, T0));
    const end = receiver({ flaky: new Error("e-Box down") });
    let at = 0;
    await drainOutbox(db, end.deliver, { now: () => after(at) });
    expect(await stateOf("flaky")).toEqual({ status: "pending", attempts: 1, last_error: "e-Box down" });
    for (const [attempt, wait] of [[2, 30], [3, 60], [4, 120], [5, 240], [6, 480], [7, 960], [8, 1920]] as const) {
      await drainOutbox(db, end.deliver, { now: () => after(at + wait * 1000 - 1) });
      expect(end.attempts, `not before ${wait} s`).toHaveLength(attempt - 1);
      at += wait * 1000;
      await drainOutbox(db, end.deliver, { now: () => after(at) });
      expect(end.attempts, `after ${wait} s`).toHaveLength(attempt);
    }
    expect(await stateOf("flaky")).toEqual({ status: "failed", attempts: 8, last_error: "e-Box down" });
    await drainOutbox(db, end.deliver, { now: () => after(at + 30 * 86_400_000) });
    expect(end.attempts).toHaveLength(8);
    // Past the eighth, the wait would keep doubling: it is never more than an hour.
    expect([1, 7, 8, 9, 30].map(backoffMs)).toEqual([30_000, 1_920_000, 3_600_000, 3_600_000, 3_600_000]);
  });

  it("records why a delivery failed, in at most 500 characters, whatever was thrown", async () => {
    const long = "The e-Box answered: ".padEnd(600, "x");
    await put(notice("long", null, T0), notice("text", null, T0), notice("nothing", null, T0));
    const end = receiver({ long: new Error(long), text: "timed out after 10 s", nothing: undefined });
    expect(await drainOutbox(db, end.deliver, { now: () => T0 })).toEqual({ delivered: 0, failed: 3 });
    expect((await stateOf("long")).last_error).toBe(long.slice(0, 500));
    expect((await stateOf("text")).last_error).toBe("timed out after 10 s");
    expect((await stateOf("nothing")).last_error).toBe("unknown failure");
  });

  it("fails a message it cannot read at once, says why, and never hands it over", async () => {
    const id = await newCase();
    const kind = "sms.".padEnd(600, "x");
    await sql`insert into outbox (key, kind, application_id, payload, next_attempt_at) values ('strange', ${kind}, ${id}, '{}', ${T0})`.execute(db);
    await put(notice("fine", null, T0));
    const end = receiver();
    expect(await drainOutbox(db, end.deliver, { now: () => T0 })).toEqual({ delivered: 1, failed: 1 });
    expect(end.attempts).toEqual(["fine"]);
    const strange = await stateOf("strange");
    expect(strange.status).toBe("failed");
    expect(strange.attempts).toBe(1);
    expect(strange.last_error).toBe(`malformed payload: unknown kind ${JSON.stringify(kind)}`.slice(0, 500));
  });

  it("stops after the number of messages it was asked for, failures included, batch by batch", async () => {
    await put(...["a", "b", "c", "d", "e"].map((key) => notice(key, null, T0)));
    const end = receiver({ b: new Error("refused") });
    expect(await drainOutbox(db, end.deliver, { now: () => T0, limit: 3, batchSize: 2 })).toEqual({ delivered: 2, failed: 1 });
    expect(end.attempts).toEqual(["a", "b", "c"]);
    expect(await drainOutbox(db, end.deliver, { now: () => T0, limit: 1 })).toEqual({ delivered: 1, failed: 0 });
    expect(await drainOutbox(db, end.deliver, { now: () => T0 })).toEqual({ delivered: 1, failed: 0 });
    expect(end.received.map((r) => r.key)).toEqual(["a", "c", "d", "e"]);
  });

  it("records each delivery of a batch on its own: the others are delivered, a failure comes back later with the same key", async () => {
    // The receiver keeps what it got, in its own store: the outbox cannot undo it, so a retry must carry the same key.
    const received: string[] = [];
    await put(notice("written", null, T0), notice("halfway", null, T0));
    const deliver: Deliver = async (_db, row) => {
      received.push(row.key);
      if (row.key === "halfway" && received.length === 2) throw new Error("connection reset");
    };
    expect(await drainOutbox(db, deliver, { now: () => T0 })).toEqual({ delivered: 1, failed: 1 });
    expect(await stateOf("written")).toMatchObject({ status: "delivered" });
    expect(await stateOf("halfway")).toMatchObject({ status: "pending", attempts: 1 });
    expect(await drainOutbox(db, deliver, { now: () => after(backoffMs(1)) })).toEqual({ delivered: 1, failed: 0 });
    expect(received).toEqual(["written", "halfway", "halfway"]);
    expect(await stateOf("halfway")).toMatchObject({ status: "delivered" });
  });
});

describe("retrying a delivery", () => {
  it("puts back only a failed message of that case", async () => {
    const id = await newCase();
    const other = await newCase();
    await put(notice("failed", id, T0), notice("waiting", id, after(3_600_000)));
    await db.updateTable("outbox").set({ status: "failed", attempts: 8 }).where("key", "=", "failed").execute();
    const [failed, waiting] = await db.selectFrom("outbox").select("id").orderBy("id").execute();
    for (const notAnId of [0, -1, 1.5, Number.MAX_SAFE_INTEGER + 2]) expect(await retryDelivery(db, id, notAnId), String(notAnId)).toBe(false);
    expect(await retryDelivery(db, other, Number(failed!.id))).toBe(false);
    expect(await retryDelivery(db, id, Number(waiting!.id))).toBe(false);
    expect(await stateOf("failed")).toMatchObject({ status: "failed", attempts: 8 });
    expect(await retryDelivery(db, id, Number(failed!.id), T0)).toBe(true);
    expect(await stateOf("failed")).toMatchObject({ status: "pending", attempts: 0 });
  });
});

describe("what officers see of deliveries", () => {
  it("lists a case's messages, oldest first, with their recipient and when they went", async () => {
    const id = await newCase();
    const before = Date.now();
    await put(document("doc", id, T0), notice("notice", id, T0), feed("feed", id, T0));
    await drainOutbox(db, receiver({ notice: new Error("unknown e-Box") }).deliver, { now: () => T0 });
    const shown = await deliveriesOf(db, id);
    expect(shown.map(({ kind, status, attempts, lastError, recipient, deliveredAt }) => ({ kind, status, attempts, lastError, recipient, deliveredAt }))).toEqual([
      { kind: "ebox.document", status: "delivered", attempts: 0, lastError: null, recipient: "enterprise", deliveredAt: T0.toISOString() },
      { kind: "ebox.notice", status: "pending", attempts: 1, lastError: "unknown e-Box", recipient: "person", deliveredAt: null },
      { kind: "cadastre.feed", status: "delivered", attempts: 0, lastError: null, recipient: null, deliveredAt: T0.toISOString() },
    ]);
    for (const line of shown) expect(Date.parse(line.createdAt)).toBeGreaterThanOrEqual(before - 1000);
  });

  it("shows each officer the undelivered messages of his region's cases, with what waits behind them", async () => {
    const flemish = await newCase("flanders");
    const walloon = await newCase("wallonia");
    await put(
      document("flemish-doc", flemish, T0),
      document("flemish-doc-2", flemish, T0),
      feed("flemish-feed", flemish, T0),
      feed("walloon-feed", walloon, T0),
      notice("no-case", null, T0),
    );
    await db.updateTable("outbox").set({ status: "failed", attempts: 8, last_error: "gone" }).where("key", "in", ["flemish-doc", "walloon-feed", "no-case"]).execute();
    const keyOf = new Map((await db.selectFrom("outbox").select(["id", "key"]).execute()).map((row) => [Number(row.id), row.key]));

    const flanders = await undeliveredFor(db, await demoUser(db, "officer.flanders"));
    expect(flanders.map((m) => ({ key: keyOf.get(Number(m.id)), caseId: m.caseId, recipient: m.recipient, attempts: m.attempts, lastError: m.lastError, waiting: m.waiting.map((w) => [keyOf.get(Number(w.id)), w.kind, w.recipient]) }))).toEqual([
      { key: "flemish-doc", caseId: flemish, recipient: "enterprise", attempts: 8, lastError: "gone", waiting: [["flemish-doc-2", "ebox.document", "enterprise"]] },
    ]);
    expect(flanders[0]!.reference).toMatch(/^SP-2031-/);

    const oe = await undeliveredFor(db, await demoUser(db, "officer.oe"));
    expect(oe.map((m) => [keyOf.get(Number(m.id)), m.recipient, m.waiting.length])).toEqual([
      ["flemish-doc", "enterprise", 1],
      ["walloon-feed", null, 0],
      ["no-case", "person", 0],
    ]);
    expect(oe[2]).toMatchObject({ caseId: null, reference: null });

    expect(await undeliveredFor(db, await demoUser(db, "officer.brussels"))).toEqual([]);
    for (const login of ["secretariat", "worker", "inspector"]) {
      await expect(undeliveredFor(db, await demoUser(db, login)), login).rejects.toBeInstanceOf(ForbiddenError);
    }
    const officer = await demoUser(db, "officer.flanders");
    await expect(undeliveredFor(db, { ...officer, authority: null })).rejects.toBeInstanceOf(ForbiddenError);
  });
});

describe("keeping delivered messages", () => {
  it("deletes delivered messages past the retention period, however many, and keeps the rest", async () => {
    const now = new Date("2031-03-01T12:00:00Z");
    const old = new Date(now.getTime() - 30 * 86_400_000 - 1000);
    const recent = new Date(now.getTime() - 30 * 86_400_000 + 60_000);
    // More than one slice of 5,000.
    await sql`insert into outbox (key, kind, payload, status, delivered_at, created_at)
      select 'old-' || n, 'ebox.notice', '{}', 'delivered', ${old}, ${old} from generate_series(1, 5001) as n`.execute(db);
    await sql`insert into outbox (key, kind, payload, status, delivered_at, created_at) values
      ('recent', 'ebox.notice', '{}', 'delivered', ${recent}, ${old}),
      ('pending', 'ebox.notice', '{}', 'pending', null, ${old}),
      ('failed', 'ebox.notice', '{}', 'failed', null, ${old})`.execute(db);
    expect(await pruneDeliveredOutbox(db, now, 30)).toBe(5001);
    expect((await db.selectFrom("outbox").select("key").orderBy("key").execute()).map((r) => r.key)).toEqual(["failed", "pending", "recent"]);
    expect(await pruneDeliveredOutbox(db, new Date(now.getTime() + 120_000), 30)).toBe(1);
  });

  it("keeps them 30 days unless OUTBOX_RETENTION_DAYS says another whole number of days", () => {
    expect(outboxRetentionDays(undefined)).toBe(30);
    expect(outboxRetentionDays("90")).toBe(90);
    expect(outboxRetentionDays("1")).toBe(1);
    for (const wrong of ["0", "-5", "2.5", "a month", ""]) expect(outboxRetentionDays(wrong), wrong).toBe(30);
  });
});
