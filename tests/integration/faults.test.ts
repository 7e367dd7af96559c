import { spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { KyselyPlugin } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createDb, type DB } from "../../app/db/db.server";
import { seedDemoData } from "../../app/demo/seed.server";
import { applyCaseCommand } from "../../app/cases/case-commands.server";
import { runOfficerIntent } from "../../app/cases/case-intents.server";
import { officerCasePage } from "../../app/cases/case-view.server";
import { CLAIM_LEASE_MS, MAX_ATTEMPTS } from "../../app/outbox/outbox.server";
import { undeliveredFor } from "../../app/outbox/undelivered.server";
import { deliverPending, localChannels, type DeliveryChannels } from "../../app/delivery/delivery.server";
import { localDocumentStore } from "../../app/documents/store.server";
import { installOutsideSystems, localSystems, type LocalSystems } from "../../app/systems/outside-systems.server";
import { makePersonNumber } from "../../forms/identifiers";
import { fileFor, validApplication } from "../support/applications";
import { openTestDatabase } from "../support/test-db";
import { demoUser } from "../support/users";

/**
 * Faults the outbox must survive, kept as tests (issue 11, point 6; issue 18, point 2): a
 * worker killed with SIGKILL after a receiver took a delivery and before it was recorded,
 * every consumer's delivery done but not recorded (the answer lost, or the worker dying
 * before it marks the row), systems that fail, never answer or answer late, and channels
 * that fail half of their calls. The e-Box and the cadastre are the local stubs, which
 * keep their state in their own tables, written in their own transactions: what they
 * received stays received, and they de-duplicate on the outbox row's key. After each,
 * every e-Box message is there once and the cadastre holds the permit once.
 */

let serial = 700;
/** Files a case and takes it to residence granted: 3 e-Box documents for the work authorisation, 3 + 1 cadastre feed for the grant. */
async function grantedCase(db: DB) {
  const employer = await demoUser(db, "secretariat", "Antwerp Port Engineering NV");
  const personNumber = makePersonNumber("1985-06-02", serial++);
  const input = await validApplication(
    {
      givenNames: "Oksana",
      familyName: "Kovalenko",
      nationality: "UA",
      birthDate: "1985-06-02",
      passportNumber: `FK${serial}000`,
      personNumber,
      placeOfWorkPostalCode: "2030",
      jobTitle: "Crane operator",
      employmentEnd: "",
      category: "other",
      grossAnnualSalary: "36000",
    },
    new Date().toISOString().slice(0, 10),
  );
  const { id } = await fileFor(db, employer, input, "en");
  const region = await demoUser(db, "officer.flanders");
  const oe = await demoUser(db, "officer.oe");
  let version = 1;
  for (const [user, type] of [
    [region, "DECLARE_COMPLETE"],
    [oe, "PRE_CHECKS_DONE"],
    [region, "AUTHORISE_WORK"],
    [oe, "GRANT_RESIDENCE"],
  ] as const) {
    version = (await applyCaseCommand(db, { user }, id, version, { type })).version;
  }
  const { reference } = await db.selectFrom("applications").select("reference").where("id", "=", id).executeTakeFirstOrThrow();
  return { id, reference: reference! };
}

/** What the outside systems hold of a case: e-Box messages per delivery key, cadastre rows. */
async function received(db: DB, caseId: string, reference: string) {
  const messages = await db.selectFrom("ebox_messages").select("delivery_key").where("application_id", "=", caseId).execute();
  const perKey = new Map<string, number>();
  for (const { delivery_key } of messages) perKey.set(delivery_key, (perKey.get(delivery_key) ?? 0) + 1);
  const permits = await db.selectFrom("limosa.permits").select("id").where("case_reference", "=", reference).execute();
  const history = permits.length
    ? await db.selectFrom("limosa.permit_history").select("feed_key").where("permit_id", "in", permits.map((p) => p.id)).execute()
    : [];
  const outbox = await db.selectFrom("outbox").select(["key", "kind", "status"]).where("application_id", "=", caseId).orderBy("id").execute();
  return { messages: messages.length, perKey, cadastreRows: permits.length, historyLines: history.length, outbox };
}

/** Runs tests/support/fault-worker.ts; resolves with its first line once it printed one (or exited). */
function startWorker(env: Record<string, string>) {
  const child = spawn(process.execPath, ["--import", "tsx", new URL("../support/fault-worker.ts", import.meta.url).pathname], {
    env: { ...process.env, ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  let errors = "";
  const exited = new Promise<number | null>((resolve) => child.once("exit", (code, signal) => resolve(signal ? null : code)));
  const firstLine = new Promise<string>((resolve, reject) => {
    child.stdout.on("data", (chunk: Buffer) => {
      output += chunk.toString();
      if (output.includes("\n")) resolve(output.split("\n")[0]!);
    });
    child.stderr.on("data", (chunk: Buffer) => (errors += chunk.toString()));
    void exited.then((code) => reject(new Error(`worker exited (${code}) before saying anything: ${errors}`)));
  });
  return {
    firstLine,
    exited,
    kill: () => child.kill("SIGKILL"),
  };
}

describe("a worker killed with SIGKILL in the middle of a delivery", () => {
  let db: DB;
  let drop: () => Promise<void>;
  let reopen: () => DB;
  let workerEnv: Record<string, string>;
  let documents: string;

  beforeAll(async () => {
    const opened = await openTestDatabase({ onDisk: true });
    db = opened.db;
    documents = mkdtempSync(join(tmpdir(), "sp-faults-documents-"));
    workerEnv = { DOCUMENTS_DIR: documents, ...(opened.url ? { DATABASE_URL: opened.url } : { DATABASE_URL: "", PGLITE_DIR: opened.pgliteDir! }) };
    // The embedded database is one process's at a time: the parent lets go while a worker runs.
    reopen = () => (opened.pgliteDir ? createDb({ pgliteDir: opened.pgliteDir }) : db);
    drop = async () => {
      await db.destroy();
      await opened.drop().catch(() => undefined);
    };
    await seedDemoData(db);
  });
  afterAll(async () => {
    await drop();
    rmSync(documents, { recursive: true, force: true });
  });

  /** Hands the database to a worker that stops inside `channel`, kills it there, and takes the database back. */
  async function killMidDelivery(channel: "ebox" | "cadastre", laterMs: number) {
    if (workerEnv.PGLITE_DIR) await db.destroy();
    const worker = startWorker({ ...workerEnv, FAULT_CHANNEL: channel, FAULT_LATER_MS: String(laterMs) });
    const line = await worker.firstLine;
    expect(line).toMatch(/^in-flight /);
    worker.kill();
    expect(await worker.exited).toBeNull(); // killed by the signal, not exited
    db = reopen();
    return line.slice("in-flight ".length);
  }

  it("leaves, after restarts, every e-Box message once and the permit once in the cadastre", async () => {
    const { id, reference } = await grantedCase(db);

    // Killed after the e-Box took the message, before the outbox recorded it: the e-Box has it, the row is not delivered.
    const eboxKey = await killMidDelivery("ebox", 0);
    let now = await received(db, id, reference);
    expect(now.perKey.get(eboxKey)).toBe(1);
    expect(now.outbox.find((row) => row.key === eboxKey)?.status).toBe("pending");

    // A worker restarted after the dead one's lease delivers the e-Box documents again and is
    // killed after the cadastre took the feed.
    const feedKey = await killMidDelivery("cadastre", CLAIM_LEASE_MS + 60_000);
    now = await received(db, id, reference);
    expect(now.perKey.get(eboxKey)).toBe(1);
    expect(now.cadastreRows).toBe(1);
    expect(now.historyLines).toBe(1);
    expect(now.outbox.find((row) => row.key === feedKey)?.status).toBe("pending");

    // Restarted once more, after that lease too, it finishes. (PostgreSQL ends the killed session
    // when it sees the connection gone; until then SKIP LOCKED passes its rows by, so drain until none is due.)
    const channels = localChannels(db, localDocumentStore(documents));
    const later = () => new Date(Date.now() + 3 * CLAIM_LEASE_MS);
    for (let pass = 0; pass < 50; pass++) {
      await deliverPending(db, channels, later);
      if ((await received(db, id, reference)).outbox.every((row) => row.status === "delivered")) break;
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
    now = await received(db, id, reference);
    expect(now.outbox.map((row) => row.status)).toEqual(now.outbox.map(() => "delivered"));
    expect(now.outbox.filter((row) => row.kind === "ebox.document")).toHaveLength(6);
    expect(now.messages).toBe(6);
    expect([...now.perKey.values()]).toEqual([1, 1, 1, 1, 1, 1]);
    expect(now.perKey.get(eboxKey)).toBe(1);
    expect(now.cadastreRows).toBe(1);
    expect(now.historyLines).toBe(1);
    expect((await db.selectFrom("applications").select("status").where("id", "=", id).executeTakeFirstOrThrow()).status).toBe("issued");
    console.info(`[faults] SIGKILL after the receiver wrote, twice (${workerEnv.PGLITE_DIR ? "pglite" : "postgres"}): ${now.messages} e-Box messages for 6 keys, ${now.cadastreRows} cadastre row, ${now.historyLines} history line`);
  }, 120_000);
});

/** A small seeded generator (mulberry32): the same run of failures every time. */
function seeded(seed: number) {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

describe("an e-Box and a cadastre that fail half of their calls", () => {
  let db: DB;
  let drop: () => Promise<void>;
  let documents: string;
  beforeAll(async () => {
    ({ db, drop } = await openTestDatabase());
    await seedDemoData(db);
    documents = mkdtempSync(join(tmpdir(), "sp-faults-flaky-"));
  });
  afterAll(async () => {
    await drop();
    rmSync(documents, { recursive: true, force: true });
  });

  it("loses nothing and delivers nothing twice once drained", async () => {
    const cases = [await grantedCase(db), await grantedCase(db), await grantedCase(db)];
    const real = localChannels(db, localDocumentStore(documents));
    const random = seeded(11);
    const calls = { ebox: 0, cadastre: 0, failed: 0 };
    /** Half the calls fail: half of those before the system acts, half after it acted and before it answers. */
    const flaky = async (channel: "ebox" | "cadastre", call: () => Promise<void>) => {
      calls[channel]++;
      const roll = random();
      if (roll < 0.25) {
        calls.failed++;
        throw new Error(`${channel} unreachable`);
      }
      await call();
      if (roll < 0.5) {
        calls.failed++;
        throw new Error(`${channel}: no answer`);
      }
    };
    const channels: DeliveryChannels = {
      ...real,
      ebox: { deliver: (message) => flaky("ebox", () => real.ebox.deliver(message)) },
      cadastre: { consult: real.cadastre.consult, recordUnemployment: real.cadastre.recordUnemployment, recordStep: (step) => flaky("cadastre", () => real.cadastre.recordStep(step)), feed: (entry) => flaky("cadastre", () => real.cadastre.feed(entry)) },
    };
    let clock = Date.now();
    const later = () => new Date((clock += 2 * 3_600_000)); // each pass past the longest backoff
    for (let pass = 0; pass < 40; pass++) {
      const { delivered, failed } = await deliverPending(db, channels, later);
      if (delivered + failed === 0) break;
    }
    let messages = 0;
    let cadastreRows = 0;
    for (const { id, reference } of cases) {
      const now = await received(db, id, reference);
      expect(now.outbox.map((row) => `${row.key} ${row.status}`)).toEqual(now.outbox.map((row) => `${row.key} delivered`));
      expect(now.perKey.size).toBe(6);
      expect([...now.perKey.values()]).toEqual([1, 1, 1, 1, 1, 1]);
      expect(now.cadastreRows).toBe(1);
      expect(now.historyLines).toBe(1);
      messages += now.messages;
      cadastreRows += now.cadastreRows;
    }
    expect(calls.failed).toBeGreaterThan(0);
    console.info(
      `[faults] 50 % failing channels (${process.env.DATABASE_URL ? "postgres" : "pglite"}): ${calls.ebox + calls.cadastre} calls, ${calls.failed} failed; ${messages} e-Box messages for 18 keys, ${cadastreRows} cadastre rows for 3 permits`,
    );
  }, 120_000);
});

describe("a message failed for good", () => {
  let db: DB;
  let drop: () => Promise<void>;
  let documents: string;
  beforeAll(async () => {
    ({ db, drop } = await openTestDatabase());
    await seedDemoData(db);
    documents = mkdtempSync(join(tmpdir(), "sp-faults-failed-"));
  });
  afterAll(async () => {
    await drop();
    rmSync(documents, { recursive: true, force: true });
  });

  it("is shown to the officers with the messages waiting behind it, and a retry releases them all", async () => {
    const { id, reference } = await grantedCase(db);
    const real = localChannels(db, localDocumentStore(documents));
    const first = (await db.selectFrom("outbox").select(["id", "key"]).where("application_id", "=", id).where("kind", "=", "ebox.document").orderBy("id").executeTakeFirstOrThrow());
    // The e-Box refuses this one message every time (say, an inbox closed), the rest it takes.
    const refusing: DeliveryChannels = {
      ...real,
      ebox: {
        deliver: async (message) => {
          if (message.key === first.key) throw new Error("e-Box: recipient inbox closed");
          await real.ebox.deliver(message);
        },
      },
    };
    let clock = Date.now();
    const later = () => new Date((clock += 2 * 3_600_000));
    for (let pass = 0; pass < MAX_ATTEMPTS + 2; pass++) await deliverPending(db, refusing, later);

    let now = await received(db, id, reference);
    expect(now.outbox.find((row) => row.key === first.key)?.status).toBe("failed");
    // Behind it: the five later e-Box documents of the case. The cadastre, another channel, got the permit.
    expect(now.outbox.filter((row) => row.status === "pending").map((row) => row.kind)).toEqual(Array(5).fill("ebox.document"));
    expect(now.messages).toBe(0);
    expect(now.cadastreRows).toBe(1);

    // The Flemish officer's and the OE's lists show it; another region's does not.
    for (const login of ["officer.flanders", "officer.oe"]) {
      const listed = (await undeliveredFor(db, await demoUser(db, login))).filter((message) => message.caseId === id);
      expect(listed).toHaveLength(1);
      expect(listed[0]).toMatchObject({ id: first.id, reference, kind: "ebox.document", recipient: "enterprise", attempts: MAX_ATTEMPTS, lastError: "e-Box: recipient inbox closed" });
      expect(listed[0]!.waiting.map((message) => message.kind)).toEqual(Array(5).fill("ebox.document"));
    }
    expect((await undeliveredFor(db, await demoUser(db, "officer.wallonia"))).filter((message) => message.caseId === id)).toEqual([]);
    // The case page says the same.
    const flanders = await demoUser(db, "officer.flanders");
    const page = await officerCasePage(db, flanders, id);
    expect(page.deliveries.filter((delivery) => delivery.status === "failed").map((delivery) => delivery.id)).toEqual([first.id]);
    expect(page.deliveries.filter((delivery) => delivery.waitingBehind === first.id)).toHaveLength(5);

    // The officer retries once the cause is fixed: it and the five behind it are delivered, once each.
    expect(await runOfficerIntent(db, flanders, id, { intent: "retry-delivery", outboxId: String(first.id) })).toMatchObject({ ok: true });
    expect((await undeliveredFor(db, flanders)).filter((message) => message.caseId === id)).toEqual([]);
    await deliverPending(db, real);
    now = await received(db, id, reference);
    expect(now.outbox.every((row) => row.status === "delivered")).toBe(true);
    expect([...now.perKey.values()]).toEqual([1, 1, 1, 1, 1, 1]);
    expect(now.historyLines).toBe(1);
    console.info(`[faults] failed for good then retried (${process.env.DATABASE_URL ? "postgres" : "pglite"}): ${now.messages} e-Box messages for 6 keys, ${now.cadastreRows} cadastre row`);
  }, 120_000);
});

/** Fails the worker when it records deliveries (the update setting rows "delivered"): it dies after the receivers took them. */
const dieWhenRecording: KyselyPlugin = {
  transformQuery(args) {
    const node = args.node as { kind: string };
    const text = JSON.stringify(node);
    if (node.kind === "UpdateQueryNode" && text.includes('"outbox"') && text.includes('"delivered"')) throw new Error("worker killed");
    return args.node;
  },
  async transformResult(args) {
    return args.result;
  },
};

describe("a delivery done but not recorded, for each consumer", () => {
  let db: DB;
  let drop: () => Promise<void>;
  let documents: string;
  let systems: LocalSystems;
  beforeAll(async () => {
    ({ db, drop } = await openTestDatabase());
    await seedDemoData(db);
    documents = mkdtempSync(join(tmpdir(), "sp-faults-unrecorded-"));
    systems = installOutsideSystems(db, localSystems(db, localDocumentStore(documents)));
  });
  afterAll(async () => {
    await drop();
    rmSync(documents, { recursive: true, force: true });
  });

  /** What the receivers hold of each key: e-Box messages, cadastre history lines. */
  async function heldPerKey(keys: readonly string[]) {
    const messages = await db.selectFrom("ebox_messages").select("delivery_key as key").where("delivery_key", "in", keys).execute();
    const lines = await db.selectFrom("limosa.permit_history").select("feed_key as key").where("feed_key", "in", keys).execute();
    const held = new Map(keys.map((key) => [key, 0]));
    for (const { key } of [...messages, ...lines]) held.set(key, held.get(key)! + 1);
    return held;
  }
  const statusOf = async (key: string) => (await db.selectFrom("outbox").select("status").where("key", "=", key).executeTakeFirstOrThrow()).status;

  async function noticeRow(key: string) {
    await db
      .insertInto("outbox")
      .values({
        key,
        kind: "ebox.notice",
        application_id: null,
        payload: JSON.stringify({ recipient: { kind: "enterprise", id: "0403170701" }, language: "nl", template: "reminder", values: { reference: "SP-2026-TEST", date: "1 december 2026" } }),
        next_attempt_at: new Date(),
      })
      .execute();
  }

  /** The first row of each consumer: an e-Box decision document, an e-Box notice, a cadastre feed. */
  async function oneOfEach(tag: string) {
    const { id } = await grantedCase(db);
    const rows = await db.selectFrom("outbox").select(["key", "kind"]).where("application_id", "=", id).orderBy("id").execute();
    const notice = `notice:${tag}`;
    await noticeRow(notice);
    return {
      "ebox.document": rows.find((row) => row.kind === "ebox.document")!.key,
      "ebox.notice": notice,
      "cadastre.feed": rows.find((row) => row.kind === "cadastre.feed")!.key,
    };
  }

  it("the receiver took it, its answer was lost: the retry leaves one message, one cadastre line per key", async () => {
    const keys = await oneOfEach("lost-answer");
    systems.ebox.behaviour.loseAnswer = true;
    systems.cadastre.behaviour.loseAnswer = true;
    await deliverPending(db, localChannels(db));
    const first = await heldPerKey(Object.values(keys));
    for (const key of Object.values(keys)) {
      expect(first.get(key), key).toBe(1); // received…
      expect(await statusOf(key), key).toBe("pending"); // …but not recorded
    }
    systems.ebox.behaviour.loseAnswer = false;
    systems.cadastre.behaviour.loseAnswer = false;
    let clock = Date.now();
    for (let pass = 0; pass < 10; pass++) await deliverPending(db, localChannels(db), () => new Date((clock += 2 * 3_600_000)));
    const after = await heldPerKey(Object.values(keys));
    for (const [kind, key] of Object.entries(keys)) {
      expect(await statusOf(key), kind).toBe("delivered");
      expect(after.get(key), kind).toBe(1);
    }
    console.info(`[faults] answer lost after the receiver wrote (${process.env.DATABASE_URL ? "postgres" : "pglite"}): ${Object.entries(keys).map(([kind, key]) => `${kind} ${after.get(key)} per key`).join(", ")}`);
  }, 120_000);

  it("the worker died after the receivers took a batch and before it recorded it: the next worker delivers again, nothing twice", async () => {
    const keys = await oneOfEach("died");
    await expect(deliverPending(db.withPlugin(dieWhenRecording), localChannels(db))).rejects.toThrow("worker killed");
    const first = await heldPerKey(Object.values(keys));
    for (const key of Object.values(keys)) {
      expect(first.get(key), key).toBe(1);
      expect(await statusOf(key), key).toBe("pending");
    }
    // Before the lease ends nobody takes them again; after it, the next worker does.
    expect((await deliverPending(db, localChannels(db))).delivered).toBe(0);
    let clock = Date.now() + CLAIM_LEASE_MS + 1_000;
    for (let pass = 0; pass < 10; pass++) await deliverPending(db, localChannels(db), () => new Date((clock += 2 * 3_600_000)));
    const after = await heldPerKey(Object.values(keys));
    for (const [kind, key] of Object.entries(keys)) {
      expect(await statusOf(key), kind).toBe("delivered");
      expect(after.get(key), kind).toBe(1);
    }
    console.info(`[faults] worker died before recording (${process.env.DATABASE_URL ? "postgres" : "pglite"}): ${Object.entries(keys).map(([kind, key]) => `${kind} ${after.get(key)} per key`).join(", ")}`);
  }, 120_000);

  it("a system that fails, or never answers, is retried; one that answers late is waited for", async () => {
    const failing = await oneOfEach("failing");
    systems.ebox.behaviour.failWith = "service unavailable";
    systems.cadastre.behaviour.hang = true;
    const limited = { ...localChannels(db), timeLimitMs: 200 };
    const pass = await deliverPending(db, limited);
    expect(pass.delivered).toBe(0);
    const rows = await db.selectFrom("outbox").select(["key", "status", "attempts", "last_error"]).where("key", "in", Object.values(failing)).execute();
    expect(Object.fromEntries(rows.map((row) => [row.key, [row.status, row.attempts, row.last_error]]))).toEqual({
      [failing["ebox.document"]]: ["pending", 1, "e-Box: service unavailable"],
      [failing["ebox.notice"]]: ["pending", 1, "e-Box: service unavailable"],
      [failing["cadastre.feed"]]: ["pending", 1, "cadastre: no answer within 200 ms"],
    });
    expect([...(await heldPerKey(Object.values(failing))).values()]).toEqual([0, 0, 0]);

    // Back, but slow: within the time limit, so delivered on the first try after the backoff.
    systems.ebox.behaviour.failWith = null;
    systems.cadastre.behaviour.hang = false;
    systems.ebox.behaviour.delayMs = 50;
    systems.cadastre.behaviour.delayMs = 50;
    // A limit far above the delay: a loaded machine must not turn "late" into "no answer".
    const patient = { ...limited, timeLimitMs: 10_000 };
    let clock = Date.now();
    for (let n = 0; n < 10; n++) await deliverPending(db, patient, () => new Date((clock += 2 * 3_600_000)));
    systems.ebox.behaviour.delayMs = 0;
    systems.cadastre.behaviour.delayMs = 0;
    const after = await db.selectFrom("outbox").select(["key", "status", "attempts"]).where("key", "in", Object.values(failing)).execute();
    expect(after.map((row) => [row.status, row.attempts])).toEqual([
      ["delivered", 1],
      ["delivered", 1],
      ["delivered", 1],
    ]);
    expect([...(await heldPerKey(Object.values(failing))).values()]).toEqual([1, 1, 1]);
  }, 120_000);
});
