import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { sql, type KyselyPlugin } from "kysely";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import type { DB } from "../../app/db/db.server";
import { seedDemoData } from "../../app/demo/seed.server";
import { ForbiddenError, InvalidInputError } from "../../app/errors";
import type { CadastreClient } from "../../app/delivery/cadastre.server";
import { applyCaseCommand } from "../../app/cases/case-commands.server";
import { deliverPending, localChannels, type DeliveryChannels } from "../../app/delivery/delivery.server";
import { localDocumentStore } from "../../app/documents/store.server";
import { CLAIM_LEASE_MS, deliveriesOf, retryDelivery } from "../../app/outbox/outbox.server";
import { searchCadastre } from "../../app/inspection/inspection.server";
import { sweepEndOfStay } from "../../app/delivery/notices.server";
import { fileFor, validApplication } from "../support/applications";
import { makePersonNumber } from "../../forms/identifiers";
import { openTestDatabase } from "../support/test-db";
import { demoUser } from "../support/users";

let db: DB;
let drop: () => Promise<void>;
let root: string;
let channels: DeliveryChannels;

beforeAll(async () => {
  ({ db, drop } = await openTestDatabase());
  await seedDemoData(db);
  root = mkdtempSync(join(tmpdir(), "sp-delivery-"));
  channels = localChannels(db, localDocumentStore(root));
});
afterAll(async () => {
  await drop();
  rmSync(root, { recursive: true, force: true });
});

let serial = 300;
/** Files a case and takes it to residence granted; returns its id. */
async function grantedCase(options: { employer?: string; postal?: string; employmentEnd?: string; uiLanguage?: "fr" | "nl" | "de" | "en" } = {}) {
  const employer = await demoUser(db, "secretariat", options.employer ?? "Antwerp Port Engineering NV");
  const personNumber = makePersonNumber("1988-04-12", serial++);
  const input = await validApplication(
    {
      givenNames: "Ğül",
      familyName: "Yılmaz",
      nationality: "TR",
      birthDate: "1988-04-12",
      passportNumber: `U${serial}0000`,
      personNumber,
      placeOfWorkPostalCode: options.postal ?? "2030",
      jobTitle: "Lasser",
      employmentEnd: options.employmentEnd ?? "",
      category: "other",
      grossAnnualSalary: "32000",
    },
    "2026-11-22",
  );
  const { id } = await fileFor(db, employer, input, options.uiLanguage ?? "en");
  const region = await demoUser(db, `officer.${input.authority}`);
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
  return { id, personNumber, version };
}

const count = async (table: "ebox_messages" | "limosa.permit_history" | "outbox", where: (q: any) => any = (q) => q) =>
  Number((await where(db.selectFrom(table as any).select((eb: any) => eb.fn.countAll().as("n"))).executeTakeFirstOrThrow()).n);

describe("delivering a decision", () => {
  it("puts the PDF in both e-Boxes and the permit in the cadastre exactly once, with two workers at it", async () => {
    const { id, personNumber, version } = await grantedCase({ uiLanguage: "en" });
    const outbox = await db.selectFrom("outbox").select(["kind", "key"]).where("application_id", "=", id).execute();
    // The grant: employer in the procedure language (nl) + courtesy copy (en); worker: nl; cadastre.
    const grant = outbox.filter((row) => row.key.includes(`:v${version}`));
    expect(grant.map((row) => row.kind).sort()).toEqual(["cadastre.feed", "ebox.document", "ebox.document", "ebox.document"]);
    // Before it, the region's work authorisation went to the same three e-Boxes, and not to the cadastre.
    expect(outbox.filter((row) => !row.key.includes(`:v${version}`)).map((row) => row.kind)).toEqual(["ebox.document", "ebox.document", "ebox.document"]);

    await Promise.all([deliverPending(db, channels), deliverPending(db, channels)]);
    await deliverPending(db, channels);

    const messages = await db.selectFrom("ebox_messages").selectAll().where("application_id", "=", id).where("attachment_name", "like", "%annex-46%").orderBy("delivery_key").execute();
    expect(messages).toHaveLength(3);
    expect(messages.filter((m) => m.recipient_kind === "person").map((m) => m.recipient_id)).toEqual([personNumber]);
    expect(messages.every((m) => m.attachment_sha256 && m.attachment_name?.endsWith(".pdf"))).toBe(true);
    expect(messages.map((m) => m.subject)).toContain(`Gecombineerde vergunning toegekend – ${(await row(id)).reference}`);
    const pdf = await channels.store.get(messages[0]!.attachment_sha256!);
    expect(new TextDecoder().decode(pdf!.subarray(0, 5))).toBe("%PDF-");

    const cadastre = await db.selectFrom("limosa.permits").selectAll().where("case_reference", "=", (await row(id)).reference!).execute();
    expect(cadastre).toHaveLength(1);
    expect(cadastre[0]).toMatchObject({ status: "valid", worker_person_number: personNumber, job: "Lasser", authority: "flanders" });
    expect(await count("limosa.permit_history", (q) => q.where("permit_id", "=", cadastre[0]!.id))).toBe(1);
    // Delivered to the employer: the permit is issued.
    expect((await row(id)).status).toBe("issued");
    const permit = await db.selectFrom("permits").selectAll().where("application_id", "=", id).executeTakeFirstOrThrow();
    expect(permit.annex).toBe("46");
    expect(permit.verification_code).toMatch(/^[0-9A-Z]{4}(-[0-9A-Z]{4}){4}$/);
  });

  it("retries while the cadastre is down, then delivers once; nothing lost or doubled", async () => {
    const { id } = await grantedCase();
    let outage = 3;
    const failing: DeliveryChannels = {
      ...channels,
      cadastre: {
        consult: channels.cadastre.consult,
        recordUnemployment: channels.cadastre.recordUnemployment,
        recordStep: channels.cadastre.recordStep,
        async feed(entry) {
          if (outage-- > 0) throw new Error("cadastre unreachable");
          return channels.cadastre.feed(entry);
        },
      } satisfies CadastreClient,
    };
    let clock = Date.now();
    const later = () => new Date((clock += 10 * 60_000)); // each pass ten minutes later: past the backoff
    for (let pass = 0; pass < 6; pass++) await deliverPending(db, failing, later);
    const feed = await db.selectFrom("outbox").selectAll().where("application_id", "=", id).where("kind", "=", "cadastre.feed").executeTakeFirstOrThrow();
    expect(feed).toMatchObject({ status: "delivered", attempts: 3, last_error: null });
    const reference = (await row(id)).reference!;
    const permit = await db.selectFrom("limosa.permits").select("id").where("case_reference", "=", reference).executeTakeFirstOrThrow();
    expect(await count("limosa.permit_history", (q) => q.where("permit_id", "=", permit.id))).toBe(1);
    expect(await count("ebox_messages", (q) => q.where("application_id", "=", id))).toBe(6); // work authorisation + grant, 3 each
  });

  it("redelivers once what a worker that died before recording it had done", async () => {
    const { id } = await grantedCase();
    // The worker dies right after delivering its second batch, before marking it delivered.
    let marks = 0;
    const dieOnSecondMark: KyselyPlugin = {
      transformQuery(args) {
        const node = args.node as { kind: string; table?: { table: { identifier: { name: string } } } };
        const marksDelivered = node.kind === "UpdateQueryNode" && node.table?.table.identifier.name === "outbox" && JSON.stringify(node).includes('"delivered"');
        if (marksDelivered && ++marks === 2) {
          throw new Error("worker killed");
        }
        return args.node;
      },
      async transformResult(args) {
        return args.result;
      },
    };
    await expect(deliverPending(db.withPlugin(dieOnSecondMark), channels)).rejects.toThrow("worker killed");
    // The first batch (the first document and the cadastre feed: one row per case and kind) was recorded; the
    // second was delivered — the e-Box, which writes in its own transaction, has its document — but not recorded.
    const delivered = await db.selectFrom("outbox").select(["status", "kind"]).where("application_id", "=", id).orderBy("id").execute();
    expect(delivered.filter((r) => r.status === "delivered").map((r) => r.kind).sort()).toEqual(["cadastre.feed", "ebox.document"]);
    expect(await count("ebox_messages", (q) => q.where("application_id", "=", id))).toBe(2);
    // The restarted worker, once the dead one's lease on its batch ran out.
    await deliverPending(db, channels, () => new Date(Date.now() + CLAIM_LEASE_MS + 60_000));
    expect((await db.selectFrom("outbox").select("status").where("application_id", "=", id).execute()).every((r) => r.status === "delivered")).toBe(true);
    expect(await count("ebox_messages", (q) => q.where("application_id", "=", id))).toBe(6);
    const reference = (await row(id)).reference!;
    const permit = await db.selectFrom("limosa.permits").select("id").where("case_reference", "=", reference).executeTakeFirstOrThrow();
    expect(await count("limosa.permit_history", (q) => q.where("permit_id", "=", permit.id))).toBe(1);
  });
});

const row = (id: string) => db.selectFrom("applications").selectAll().where("id", "=", id).executeTakeFirstOrThrow();

describe("a row whose payload does not parse", () => {
  it("is failed at once as malformed, and the rows after it are still delivered in the same pass", async () => {
    const { id: earlier } = await grantedCase();
    await deliverPending(db, channels);
    // As an older version or a hand edit might have left them: a field missing, a kind this version does not know.
    await db
      .insertInto("outbox")
      .values({
        key: `ebox:${earlier}:broken`,
        kind: "ebox.document",
        application_id: earlier,
        payload: JSON.stringify({ type: "46", language: "nl", courtesy: false, recipient: { kind: "enterprise", id: "0403170701" } }),
        next_attempt_at: new Date(),
      })
      .execute();
    await sql`insert into outbox (key, kind, application_id, payload) values (${`sms:${earlier}`}, 'sms.send', ${earlier}, ${JSON.stringify({ to: "+32470000000" })})`.execute(db);
    const { id: later } = await grantedCase();

    const pass = await deliverPending(db, channels);

    const spoilt = await db.selectFrom("outbox").select(["key", "status", "attempts", "last_error"]).where("key", "in", [`ebox:${earlier}:broken`, `sms:${earlier}`]).orderBy("id").execute();
    expect(spoilt).toEqual([
      { key: `ebox:${earlier}:broken`, status: "failed", attempts: 1, last_error: 'malformed payload: ebox.document: "caseVersion" is missing' },
      { key: `sms:${earlier}`, status: "failed", attempts: 1, last_error: 'malformed payload: unknown kind "sms.send"' },
    ]);
    expect(pass.failed).toBeGreaterThanOrEqual(2);
    const after = await db.selectFrom("outbox").select("status").where("application_id", "=", later).execute();
    expect(after).toHaveLength(7); // work authorisation (3) + grant (3) + cadastre
    expect(after.every((r) => r.status === "delivered")).toBe(true);
    expect((await row(later)).status).toBe("issued");
    // The officer's view lists them, failed, without a recipient it cannot read.
    const shown = (await deliveriesOf(db, earlier)).filter((d) => d.status === "failed");
    expect(shown.map((d) => [d.kind, d.recipient])).toEqual([["ebox.document", null], ["sms.send", null]]);
  });
});

describe("retrying a failed delivery", () => {
  it("puts it back in line, and ignores an id that is not one", async () => {
    const { id } = await grantedCase();
    const row = await db.selectFrom("outbox").select("id").where("application_id", "=", id).orderBy("id").executeTakeFirstOrThrow();
    await db.updateTable("outbox").set({ status: "failed", attempts: 8 }).where("id", "=", row.id).execute();
    await retryDelivery(db, id, Number.NaN);
    await retryDelivery(db, "00000000-0000-0000-0000-000000000000", row.id); // not this case's
    expect((await db.selectFrom("outbox").select("status").where("id", "=", row.id).executeTakeFirstOrThrow()).status).toBe("failed");
    await retryDelivery(db, id, row.id);
    expect(await db.selectFrom("outbox").select(["status", "attempts"]).where("id", "=", row.id).executeTakeFirstOrThrow()).toEqual({ status: "pending", attempts: 0 });
  });
});

describe("revocation", () => {
  it("marks the permit revoked in the cadastre after the grant, never the other way round", async () => {
    const { id } = await grantedCase();
    await deliverPending(db, channels);
    const oe = await demoUser(db, "officer.oe");
    await applyCaseCommand(db, { user: oe }, id, (await row(id)).version, { type: "REVOKE", reason: "Fraudulent employment contract." });
    await deliverPending(db, channels);
    const reference = (await row(id)).reference!;
    const entry = await db.selectFrom("limosa.permits").selectAll().where("case_reference", "=", reference).executeTakeFirstOrThrow();
    expect(entry).toMatchObject({ status: "revoked", status_reason: "Fraudulent employment contract." });
    const history = await db.selectFrom("limosa.permit_history").select("status").where("permit_id", "=", entry.id).orderBy("case_version").execute();
    expect(history.map((line) => line.status)).toEqual(["valid", "revoked"]);
    // The OE's revocation is the end of the right to stay: the Council for Alien Law Litigation, 30 days; no 90-day search.
    const notices = await db.selectFrom("ebox_messages").select(["recipient_kind", "subject", "body", "attachment_name"]).where("application_id", "=", id).where("subject", "like", "Einde van het verblijfsrecht%").execute();
    expect(notices.map((n) => n.recipient_kind).sort()).toEqual(["enterprise", "person"]);
    expect(notices[0]!.body).toContain("Raad voor Vreemdelingenbetwistingen");
    expect(notices[0]!.body).toContain("30 dagen");
    expect(notices[0]!.body).not.toContain("90 dagen");
    expect(notices[0]!.attachment_name).toBe(`${reference}-end-of-residence-nl.pdf`);
  });

  it("keeps a revocation that reaches the cadastre first from being overwritten by the older grant", async () => {
    const { id } = await grantedCase();
    const oe = await demoUser(db, "officer.oe");
    await applyCaseCommand(db, { user: oe }, id, (await row(id)).version, { type: "REVOKE", reason: "Public order." });
    // Make the revocation's feed the only one the worker may take, as if the grant's were delayed elsewhere.
    const feeds = await db.selectFrom("outbox").select(["id", "key"]).where("application_id", "=", id).where("kind", "=", "cadastre.feed").orderBy("id").execute();
    expect(feeds).toHaveLength(2);
    await db.updateTable("outbox").set({ next_attempt_at: new Date(Date.now() + 3_600_000) }).where("id", "=", feeds[0]!.id).execute();
    await deliverPending(db, channels);
    // Ordered per case: the revocation waits for the grant.
    expect((await db.selectFrom("outbox").select("status").where("id", "=", feeds[1]!.id).executeTakeFirstOrThrow()).status).toBe("pending");
    await deliverPending(db, channels, () => new Date(Date.now() + 2 * 3_600_000));
    const reference = (await row(id)).reference!;
    expect((await db.selectFrom("limosa.permits").select("status").where("case_reference", "=", reference).executeTakeFirstOrThrow()).status).toBe("revoked");
  });
});

describe("end-of-stay notices", () => {
  it("warns an opted-in employer once per threshold, even when the sweep runs twice", async () => {
    const soon = new Date(Date.now() + 20 * 86_400_000).toISOString().slice(0, 10);
    const { id } = await grantedCase({ employer: "Tuinbouw De Wilde BV", postal: "3800", employmentEnd: soon });
    const first = await sweepEndOfStay(db);
    const second = await sweepEndOfStay(db);
    expect(first).toBeGreaterThanOrEqual(1);
    expect(second).toBe(0);
    const notices = await db.selectFrom("outbox").select("key").where("application_id", "=", id).where("kind", "=", "ebox.notice").execute();
    expect(notices.map((n) => n.key)).toEqual([`end-of-stay:${id}:30`]);
    // Not for an employer who did not opt in.
    const { id: other } = await grantedCase({ employmentEnd: soon });
    await sweepEndOfStay(db);
    expect(await count("outbox", (q) => q.where("application_id", "=", other).where("kind", "=", "ebox.notice"))).toBe(0);
  });
});

describe("the end-of-stay sweep", () => {
  it("goes on after a permit whose notice cannot be recorded, logs it once, and sends it on the next sweep", async () => {
    const soon = new Date(Date.now() + 20 * 86_400_000).toISOString().slice(0, 10);
    const { id: refused } = await grantedCase({ employer: "Tuinbouw De Wilde BV", postal: "3800", employmentEnd: soon });
    const { id: warned } = await grantedCase({ employer: "Tuinbouw De Wilde BV", postal: "3800", employmentEnd: soon });
    // The database refuses this one case's notice row, as a constraint would.
    await sql`create function refuse_one_notice() returns trigger language plpgsql as $$
      begin
        if new.application_id = ${sql.lit(refused)}::uuid then raise exception 'end_of_stay_notices refused the row'; end if;
        return new;
      end $$`.execute(db);
    await sql`create trigger refuse_one_notice before insert on end_of_stay_notices for each row execute function refuse_one_notice()`.execute(db);
    const log = vi.fn();
    expect(await sweepEndOfStay(db, new Date(), log)).toBe(1);
    await sql`drop trigger refuse_one_notice on end_of_stay_notices`.execute(db);
    await sql`drop function refuse_one_notice()`.execute(db);
    expect(log).toHaveBeenCalledTimes(1);
    expect(log).toHaveBeenCalledWith(`end-of-stay notice for case ${refused} failed`, expect.objectContaining({ message: "end_of_stay_notices refused the row" }));
    const notices = async (id: string) => (await db.selectFrom("outbox").select("key").where("application_id", "=", id).where("kind", "=", "ebox.notice").execute()).map((n) => n.key);
    expect(await notices(warned)).toEqual([`end-of-stay:${warned}:30`]);
    expect(await notices(refused)).toEqual([]);
    // Nothing half-written for it: the next sweep sends it, and only it.
    expect(await sweepEndOfStay(db, new Date(), log)).toBe(1);
    expect(await notices(refused)).toEqual([`end-of-stay:${refused}:30`]);
    expect(log).toHaveBeenCalledTimes(1);
  });
});

describe("the inspectors' consultation", () => {
  it("refuses without a purpose, and logs every search and every record shown", async () => {
    const { personNumber } = await grantedCase();
    await deliverPending(db, channels);
    const inspector = await demoUser(db, "inspector");
    await expect(searchCadastre(db, inspector, " ", { personNumber })).rejects.toBeInstanceOf(InvalidInputError);
    const officer = await demoUser(db, "officer.oe");
    await expect(searchCadastre(db, officer, "x", { personNumber })).rejects.toBeInstanceOf(ForbiddenError);
    const { permits: results, records } = await searchCadastre(db, inspector, "INS-2026/77: construction site check", { personNumber });
    expect(results).toHaveLength(1);
    expect(records).toEqual([]);
    const audit = await db.selectFrom("audit_log").select(["action", "subject_id", "purpose"]).where("actor_user_id", "=", inspector.id).orderBy("id").execute();
    expect(audit.map((a) => a.action)).toEqual(["search", "view"]);
    expect(audit.every((a) => a.purpose === "INS-2026/77: construction site check")).toBe(true);
    expect(audit[1]!.subject_id).toBe(results[0]!.reference);
  });
});
