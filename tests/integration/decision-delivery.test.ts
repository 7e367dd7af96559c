import { mkdtempSync, rmSync } from "node:fs";
import { addDays, todayInBelgium } from "../../workflows/legal-clock";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { randomUUID } from "node:crypto";
import { sql } from "kysely";
import { getDocument } from "pdfjs-dist/legacy/build/pdf.mjs";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import type { CaseCommand } from "../../app/cases/case-command";
import { applyCaseCommand } from "../../app/cases/case-commands.server";
import { submitPermanentApplication } from "../../app/cases/filing.server";
import type { DB } from "../../app/db/db.server";
import type { CadastreEntry } from "../../app/delivery/cadastre.server";
import { deliverer, deliverPending, localChannels, publicUrl, type DeliveryChannels } from "../../app/delivery/delivery.server";
import { renderDecisionPdf, type DecisionDocument } from "../../app/delivery/decision-pdf.server";
import type { EboxMessage } from "../../app/delivery/ebox.server";
import { noticeDays, sweepEndOfStay, sweepUnopenedDecisions } from "../../app/delivery/notices.server";
import { checkPermit, verifyPermit } from "../../app/delivery/verification.server";
import { seedDemoData } from "../../app/demo/seed.server";
import { localDocumentStore } from "../../app/documents/store.server";
import { translator } from "../../app/i18n/language.server";
import { formatDate } from "../../app/components/format";
import { deliveriesOf, enqueue, type OutboxRow } from "../../app/outbox/outbox.server";
import { formatEnterpriseNumber, formatPersonNumber, makePersonNumber } from "../../forms/identifiers";
import { validatePermanentApplication } from "../../forms/permanent-application";
import { fileFor, validApplication } from "../support/applications";
import { openTestDatabase } from "../support/test-db";
import { demoUser } from "../support/users";

/**
 * What a decision sends out, as the receiving systems get it: the messages in each e-Box
 * (recipient, language, subject, text, attachment), the entry in the Limosa cadastre, the
 * notices and reminders the sweeps send, and what /verify says of the permit afterwards.
 * The e-Box and the cadastre here record what they are given.
 */
let db: DB;
let drop: () => Promise<void>;
let root: string;

beforeAll(async () => {
  ({ db, drop } = await openTestDatabase());
  await seedDemoData(db);
  root = mkdtempSync(join(tmpdir(), "sp-decision-delivery-"));
});
afterAll(async () => {
  await drop();
  rmSync(root, { recursive: true, force: true });
});

/** An e-Box and a cadastre that keep what they receive. */
function recorders() {
  const messages: EboxMessage[] = [];
  const entries: CadastreEntry[] = [];
  const channels: DeliveryChannels = {
    ebox: { deliver: async (message: EboxMessage) => void messages.push(message) },
    cadastre: {
      feed: async (entry: CadastreEntry) => void entries.push(entry),
      recordUnemployment: async () => {},
      recordStep: async () => {
        throw new Error("no step recorded by these tests");
      },
      consult: async () => {
        throw new Error("not consulted by delivery");
      },
    },
    store: localDocumentStore(root),
    timeLimitMs: 30_000,
  };
  return { channels, messages, entries };
}

const at = (day: string) => new Date(`${day}T10:00:00Z`);
const row = (id: string) => db.selectFrom("applications").selectAll().where("id", "=", id).executeTakeFirstOrThrow();
let serial = 500;

/** Files a Flemish case (procedure in Dutch) through the form's checks; the worker's national number when given. */
async function file(options: { personNumber?: string; uiLanguage?: "fr" | "nl" | "de" | "en"; employmentEnd?: string; employer?: string; postal?: string } = {}) {
  const employer = await demoUser(db, "secretariat", options.employer ?? "Antwerp Port Engineering NV");
  const input = await validApplication(
    {
      givenNames: "Jean Pierre",
      familyName: "Ngoy",
      nationality: "CD",
      birthDate: "1987-02-03",
      passportNumber: `OP${serial++}000`,
      personNumber: options.personNumber ?? "",
      placeOfWorkPostalCode: options.postal ?? "2030",
      jobTitle: "Havenarbeider",
      employmentEnd: options.employmentEnd ?? "",
      category: "other",
      grossAnnualSalary: "34000",
    },
    "2026-03-02",
  );
  const { id } = await fileFor(db, employer, input, options.uiLanguage ?? "nl", { now: at("2026-03-02") });
  return id;
}

async function decide(id: string, steps: readonly (readonly [string, CaseCommand])[], day = "2026-03-10") {
  let version = (await row(id)).version;
  for (const [login, command] of steps) {
    version = (await applyCaseCommand(db, { user: await demoUser(db, login) }, id, version, command, at(day))).version;
  }
  return version;
}
const GRANT = [
  ["officer.flanders", { type: "DECLARE_COMPLETE" }],
  ["officer.oe", { type: "PRE_CHECKS_DONE" }],
  ["officer.flanders", { type: "AUTHORISE_WORK" }],
  ["officer.oe", { type: "GRANT_RESIDENCE" }],
] as const;

/** The words of a PDF, as a reader gets them back. */
async function pdfText(bytes: Uint8Array): Promise<string> {
  const pdf = await getDocument({ data: bytes.slice(), useSystemFonts: false, disableFontFace: true }).promise;
  let text = "";
  for (let n = 1; n <= pdf.numPages; n++) text += (await (await pdf.getPage(n)).getTextContent()).items.map((item) => ("str" in item ? item.str : "")).join(" ") + "\n";
  await pdf.destroy();
  return text.replace(/\s+/g, " ");
}

/** The document as the decision and the case's facts say it should read. */
const expectedText = async (document: DecisionDocument) => pdfText(await renderDecisionPdf(document));

const ofCase = <T extends { applicationId: string | null }>(list: T[], id: string) => list.filter((m) => m.applicationId === id);

describe("the decision in each e-Box", () => {
  it("sends a grant to the enterprise in the procedure's language, a courtesy copy in the applicant's, and to the worker", async () => {
    const personNumber = makePersonNumber("1987-02-03", 88);
    const id = await file({ personNumber, uiLanguage: "en" });
    await decide(id, GRANT);
    const { reference } = await row(id);
    const { channels, messages } = recorders();
    await deliverPending(db, channels);
    const grant = ofCase(messages, id).filter((m) => m.attachment?.name.includes("annex-46"));
    const nl = await translator("nl");
    const en = await translator("en");
    const enterprise = (await db.selectFrom("employers").select("enterprise_number").where("name", "=", "Antwerp Port Engineering NV").executeTakeFirstOrThrow()).enterprise_number;
    expect(grant.map((m) => ({ to: m.recipient, subject: m.subject, body: m.body, attachment: m.attachment!.name }))).toEqual([
      { to: { kind: "enterprise", id: enterprise }, subject: nl("ebox.subject.46", { reference }), body: nl("ebox.body.46", { reference }), attachment: `${reference}-annex-46-nl.pdf` },
      {
        to: { kind: "enterprise", id: enterprise },
        subject: en("ebox.subject.46", { reference }),
        body: `${en("ebox.body.46", { reference })}\n\n${en("ebox.courtesyCopy")}`,
        attachment: `${reference}-annex-46-en.pdf`,
      },
      { to: { kind: "person", id: personNumber }, subject: nl("ebox.subject.46", { reference }), body: nl("ebox.body.46", { reference }), attachment: `${reference}-annex-46-nl.pdf` },
    ]);
    // Each its own delivery, each the decision with the case's facts, the permit's dates and its verification code.
    expect(new Set(grant.map((m) => m.key)).size).toBe(3);
    const permit = await db.selectFrom("permits").selectAll().where("application_id", "=", id).executeTakeFirstOrThrow();
    const document: DecisionDocument = {
      type: "46",
      language: "nl",
      reference: reference!,
      issuedOn: "2026-03-10",
      authority: "flanders",
      category: "other",
      job: "Havenarbeider",
      placeOfWork: "2030",
      validFrom: permit.valid_from,
      validUntil: permit.valid_until,
      worker: { name: "Jean Pierre Ngoy", nationality: "CD", birthDate: "1987-02-03", personNumber: formatPersonNumber(personNumber) },
      employer: { name: "Antwerp Port Engineering NV", enterpriseNumber: formatEnterpriseNumber(enterprise) },
      reasons: null,
      verification: { code: permit.verification_code, url: `${publicUrl()}/verify/${permit.verification_code}` },
    };
    const granted = await pdfText(grant[0]!.attachment!.bytes);
    expect(granted).toContain("Jean Pierre Ngoy");
    expect(granted).toContain(permit.verification_code);
    expect(granted).toBe(await expectedText(document));
    expect(await pdfText(grant[1]!.attachment!.bytes)).toBe(await expectedText({ ...document, language: "en" }));
    // The region's work authorisation before it: its own document, signed by the region, no cadastre entry of its own.
    const authorisation = ofCase(messages, id).filter((m) => m.attachment?.name.includes("work-authorisation"));
    expect(authorisation.map((m) => m.attachment!.name)).toEqual([`${reference}-work-authorisation-nl.pdf`, `${reference}-work-authorisation-en.pdf`, `${reference}-work-authorisation-nl.pdf`]);
    const title = nl("decision.work-authorisation.title", { authority: nl("authority.flanders") });
    expect(authorisation[0]).toMatchObject({
      subject: `${title} – ${reference}`,
      body: nl("ebox.body.decision", { reference, title, issuer: nl("authority.flanders") }),
    });
    expect((await row(id)).status).toBe("issued");
  });

  it("sends a worker without a national number nothing, and no courtesy copy when the applicant used the procedure's language", async () => {
    const id = await file({ uiLanguage: "nl" });
    await decide(id, [
      ["officer.flanders", { type: "DECLARE_COMPLETE" }],
      ["officer.flanders", { type: "REFUSE_WORK", reason: "Geen arbeidsmarktonderzoek." }],
    ]);
    const { reference } = await row(id);
    const { channels, messages, entries } = recorders();
    await deliverPending(db, channels);
    const nl = await translator("nl");
    const sent = ofCase(messages, id);
    expect(sent.map((m) => [m.recipient.kind, m.attachment!.name])).toEqual([["enterprise", `${reference}-work-refusal-nl.pdf`]]);
    // An unfavourable decision says how to appeal it, after what it decides.
    const title = nl("decision.work-refusal.title", { authority: nl("authority.flanders") });
    expect(sent[0]!.subject).toBe(`${title} – ${reference}`);
    expect(sent[0]!.body).toBe(`${nl("ebox.body.decision", { reference, title, issuer: nl("authority.flanders") })}\n\n${nl("decision.appeal.regional.flanders")}`);
    // The document gives the reasons, and no validity or verification code: there is no permit.
    expect(await pdfText(sent[0]!.attachment!.bytes)).toBe(
      await expectedText({
        type: "work-refusal",
        language: "nl",
        reference: reference!,
        issuedOn: "2026-03-10",
        authority: "flanders",
        category: "other",
        job: "Havenarbeider",
        placeOfWork: "2030",
        validFrom: null,
        validUntil: null,
        worker: { name: "Jean Pierre Ngoy", nationality: "CD", birthDate: "1987-02-03", personNumber: null },
        employer: { name: "Antwerp Port Engineering NV", enterpriseNumber: formatEnterpriseNumber((await db.selectFrom("employers").select("enterprise_number").where("name", "=", "Antwerp Port Engineering NV").executeTakeFirstOrThrow()).enterprise_number) },
        reasons: "Geen arbeidsmarktonderzoek.",
        verification: null,
      }),
    );
    // The cadastre knows of the refusal, with its reason, and of no permit.
    const [entry] = entries.filter((e) => e.caseReference === reference);
    expect(entry).toMatchObject({
      status: "refused",
      statusOn: "2026-03-10",
      reason: "Geen arbeidsmarktonderzoek.",
      permitKind: "single",
      authority: "flanders",
      category: "other",
      job: "Havenarbeider",
      placeOfWork: "2030",
      validFrom: null,
      validUntil: null,
      worker: { personNumber: null, familyName: "Ngoy", givenNames: "Jean Pierre", birthDate: "1987-02-03", nationality: "CD" },
      employer: { name: "Antwerp Port Engineering NV" },
    });
    expect(await db.selectFrom("permits").select("application_id").where("application_id", "=", id).execute()).toEqual([]);
  });

  it("sends the Immigration Office's refusal as annex 48, with its own subject, and the appeal to the Council for Alien Law Litigation", async () => {
    const id = await file();
    await decide(id, [
      ["officer.flanders", { type: "DECLARE_COMPLETE" }],
      ["officer.oe", { type: "PRE_CHECKS_DONE" }],
      ["officer.flanders", { type: "AUTHORISE_WORK" }],
      ["officer.oe", { type: "REFUSE_RESIDENCE", reason: "Openbare orde." }],
    ]);
    const { reference } = await row(id);
    const { channels, messages, entries } = recorders();
    await deliverPending(db, channels);
    const nl = await translator("nl");
    const [refusal] = ofCase(messages, id).filter((m) => m.attachment?.name === `${reference}-annex-48-nl.pdf`);
    expect(refusal).toMatchObject({ subject: nl("ebox.subject.48", { reference }), body: `${nl("ebox.body.48", { reference })}\n\n${nl("decision.appeal.call")}` });
    expect(entries.filter((e) => e.caseReference === reference).map((e) => [e.status, e.reason])).toEqual([["refused", "Openbare orde."]]);
  });

  it("puts a granted permit in the cadastre with its dates, and ends it there and in its record after the end of the employment", async () => {
    const personNumber = makePersonNumber("1987-02-03", 90);
    const id = await file({ personNumber, employmentEnd: "2027-02-28" });
    const granted = await decide(id, GRANT);
    const { reference } = await row(id);
    const { channels, entries, messages } = recorders();
    await deliverPending(db, channels);
    const permit = await db.selectFrom("permits").selectAll().where("application_id", "=", id).executeTakeFirstOrThrow();
    expect(permit).toMatchObject({ valid_from: "2026-03-10", valid_until: "2027-02-28", annex: "46", revoked_on: null });
    // Delivered to the employer, the permit was issued (a version of its own) before it ended.
    const ended = await decide(id, [["officer.flanders", { type: "END_EMPLOYMENT", reason: "Einde contract." }]], "2026-06-30");
    await deliverPending(db, channels);
    const mine = entries.filter((e) => e.caseReference === reference);
    expect(mine.map((e) => [e.caseVersion, e.status, e.statusOn, e.reason, e.validFrom, e.validUntil, e.worker.personNumber])).toEqual([
      [granted, "valid", "2026-03-10", null, "2026-03-10", "2027-02-28", personNumber],
      [ended, "ended", "2026-06-30", "Einde contract.", "2026-03-10", "2027-02-28", personNumber],
    ]);
    // The region's document ends the work authorisation, with the reason, and no longer shows a validity or a code.
    const [ending] = ofCase(messages, id).filter((m) => m.attachment?.name === `${reference}-end-of-employment-nl.pdf` && m.recipient.kind === "enterprise");
    const enterprise = (await db.selectFrom("employers").select("enterprise_number").where("name", "=", "Antwerp Port Engineering NV").executeTakeFirstOrThrow()).enterprise_number;
    expect(await pdfText(ending!.attachment!.bytes)).toBe(
      await expectedText({
        type: "end-of-employment",
        language: "nl",
        reference: reference!,
        issuedOn: "2026-06-30",
        authority: "flanders",
        category: "other",
        job: "Havenarbeider",
        placeOfWork: "2030",
        validFrom: null,
        validUntil: null,
        worker: { name: "Jean Pierre Ngoy", nationality: "CD", birthDate: "1987-02-03", personNumber: formatPersonNumber(personNumber) },
        employer: { name: "Antwerp Port Engineering NV", enterpriseNumber: formatEnterpriseNumber(enterprise) },
        reasons: "Einde contract.",
        verification: null,
      }),
    );
    expect(await db.selectFrom("permits").select(["revoked_on", "revocation_reason"]).where("application_id", "=", id).executeTakeFirstOrThrow()).toEqual({
      revoked_on: "2026-06-30",
      revocation_reason: "Einde contract.",
    });
  });

  it("tells the cadastre of a revocation and an inadmissibility, and ends the revoked permit's record", async () => {
    const revoked = await file({ personNumber: makePersonNumber("1987-02-03", 94) });
    await decide(revoked, GRANT);
    await decide(revoked, [["officer.oe", { type: "REVOKE", reason: "Openbare orde.", ground: "public-order" }]], "2026-05-04");
    const inadmissible = await file();
    await decide(inadmissible, [["officer.oe", { type: "DECLARE_INADMISSIBLE", reason: "Geen retributie betaald.", ground: "fee-missing" }]], "2026-03-04");
    const { channels, entries } = recorders();
    await deliverPending(db, channels);
    const statuses = async (id: string) => {
      const { reference } = await row(id);
      return entries.filter((e) => e.caseReference === reference).map((e) => [e.status, e.statusOn, e.reason]);
    };
    expect(await statuses(revoked)).toEqual([
      ["valid", "2026-03-10", null],
      ["revoked", "2026-05-04", "Openbare orde."],
    ]);
    expect(await statuses(inadmissible)).toEqual([["inadmissible", "2026-03-04", "Geen retributie betaald."]]);
    expect(await db.selectFrom("permits").select(["revoked_on", "revocation_reason"]).where("application_id", "=", revoked).executeTakeFirstOrThrow()).toEqual({
      revoked_on: "2026-05-04",
      revocation_reason: "Openbare orde.",
    });
  });

  it("issues a resident's unlimited permit once its decision is in his own e-Box", async () => {
    const resident = await demoUser(db, "resident");
    const input = validatePermanentApplication({ residencePostalCode: "2000", yearsWorkedLastFive: "5", yearsResident: "6", currentPermitNumber: "B123456789" });
    if (!input.ok) throw new Error("valid input expected");
    const id = randomUUID();
    await submitPermanentApplication(db, resident, { applicationId: id, data: input.value, authority: input.authority, uiLanguage: "nl" });
    await decide(id, GRANT);
    const { channels, messages, entries } = recorders();
    await deliverPending(db, channels);
    expect(ofCase(messages, id).map((m) => m.recipient)).toContainEqual({ kind: "person", id: resident.personNumber });
    expect((await row(id)).status).toBe("issued");
    const { reference } = await row(id);
    const [entry] = entries.filter((e) => e.caseReference === reference);
    expect(entry).toMatchObject({ permitKind: "permanent", employer: null, status: "valid", job: null, placeOfWork: null });
    // An unlimited permit is tied to no job and no workplace: the document says so with a dash.
    const nl = await translator("nl");
    const [grant] = ofCase(messages, id).filter((m) => m.attachment?.name.includes("annex-46"));
    expect(await pdfText(grant!.attachment!.bytes)).toContain(`${nl("pdf.job")} — ${nl("pdf.placeOfWork")} —`);
  });
});

describe("a decision's copies that do not issue the permit", () => {
  it("leaves the permit granted, not issued, until the enterprise's own copy is delivered", async () => {
    const personNumber = makePersonNumber("1987-02-03", 91);
    const id = await file({ personNumber, uiLanguage: "fr" });
    const version = await decide(id, GRANT);
    const { reference } = await row(id);
    const enterprise = (await db.selectFrom("employers").select("enterprise_number").where("name", "=", "Antwerp Port Engineering NV").executeTakeFirstOrThrow()).enterprise_number;
    const { channels, messages } = recorders();
    const deliver = deliverer(channels);
    const copy = (recipient: { kind: "enterprise" | "person"; id: string }, language: string, courtesy: boolean, type: "46" | "47" | "work-authorisation" = "46"): OutboxRow => ({
      id: 0,
      key: `test:${randomUUID()}`,
      application_id: id,
      attempts: 0,
      kind: "ebox.document",
      payload: { type, language, courtesy, recipient, caseVersion: version },
    });
    const status = async (row: OutboxRow) => {
      await deliver(db, row, at("2026-03-11"), undefined);
      return (await db.selectFrom("applications").select("status").where("id", "=", id).executeTakeFirstOrThrow()).status;
    };
    expect(await status(copy({ kind: "person", id: personNumber }, "nl", false))).toBe("granted");
    expect(await status(copy({ kind: "enterprise", id: enterprise }, "fr", true))).toBe("granted");
    // A language this version does not know: the French text and document.
    expect(await status(copy({ kind: "enterprise", id: enterprise }, "xx", true))).toBe("granted");
    const fr = await translator("fr");
    expect(messages.at(-1)).toMatchObject({ subject: fr("ebox.subject.46", { reference }), attachment: { name: `${reference}-annex-46-fr.pdf` } });
    // The region's work authorisation, delivered late, is not the grant: it issues nothing, and
    // shows neither the permit's validity nor its code although the permit now exists.
    expect(await status(copy({ kind: "enterprise", id: enterprise }, "nl", false, "work-authorisation"))).toBe("granted");
    const nl = await translator("nl");
    const late = await pdfText(messages.at(-1)!.attachment!.bytes);
    expect(late).toContain(reference!);
    expect(late).not.toContain(nl("pdf.validity"));
    const { verification_code: code } = await db.selectFrom("permits").select("verification_code").where("application_id", "=", id).executeTakeFirstOrThrow();
    expect(late).not.toContain(code);
    // The grant's own copy, as a deemed grant (annex 47) or an annex 46, issues it.
    expect(await status(copy({ kind: "enterprise", id: enterprise }, "nl", false, "47"))).toBe("issued");
    // Delivered again (a worker that died before recording it): still issued once.
    expect(await status(copy({ kind: "enterprise", id: enterprise }, "nl", false))).toBe("issued");
    // The verification address in the permit is the portal's public one.
    const { verification_code } = await db.selectFrom("permits").select("verification_code").where("application_id", "=", id).executeTakeFirstOrThrow();
    expect(publicUrl()).toMatch(/^https?:\/\//);
    expect(verification_code).toMatch(/^[0-9A-Z]{4}(-[0-9A-Z]{4}){4}$/);
  });

  it("still delivers a revocation written before revocations were told apart by decider, with its own words and the appeal", async () => {
    const id = await file();
    const { reference } = await row(id);
    await db.transaction().execute((trx) =>
      enqueue(trx, { key: `legacy-revocation:${id}`, kind: "ebox.document", applicationId: id, payload: { type: "revocation", language: "nl", courtesy: false, recipient: { kind: "enterprise", id: "0403170701" }, caseVersion: 1 } }),
    );
    const { channels, messages } = recorders();
    await deliverPending(db, channels);
    const nl = await translator("nl");
    expect(messages.filter((m) => m.key === `legacy-revocation:${id}`).map((m) => [m.subject, m.body, m.attachment!.name])).toEqual([
      [nl("ebox.subject.revocation", { reference }), `${nl("ebox.body.revocation", { reference })}\n\n${nl("decision.appeal.call")}`, `${reference}-revocation-nl.pdf`],
    ]);
  });

  it("fails a decision document or cadastre entry that names no case, and says so to the officers", async () => {
    const id = await file();
    await db.transaction().execute(async (trx) => {
      await enqueue(trx, { key: `orphan-doc:${id}`, kind: "ebox.document", applicationId: null, payload: { type: "46", language: "nl", courtesy: false, recipient: { kind: "enterprise", id: "0403170701" }, caseVersion: 1 } });
      await enqueue(trx, { key: `orphan-feed:${id}`, kind: "cadastre.feed", applicationId: null, payload: { caseVersion: 1, status: "valid", statusOn: "2026-03-10", reason: null } });
    });
    const { channels, messages, entries } = recorders();
    await deliverPending(db, channels);
    const orphans = await db.selectFrom("outbox").select(["key", "status", "last_error"]).where("key", "in", [`orphan-doc:${id}`, `orphan-feed:${id}`]).orderBy("key").execute();
    expect(orphans).toEqual([
      { key: `orphan-doc:${id}`, status: "pending", last_error: `ebox.document orphan-doc:${id} names no case` },
      { key: `orphan-feed:${id}`, status: "pending", last_error: `cadastre.feed orphan-feed:${id} names no case` },
    ]);
    expect(messages.filter((m) => m.key.startsWith("orphan"))).toEqual([]);
    expect(entries.filter((e) => e.key.startsWith("orphan"))).toEqual([]);
    await db.deleteFrom("outbox").where("key", "in", [`orphan-doc:${id}`, `orphan-feed:${id}`]).execute();
  });
});

describe("an outside system that does not answer", () => {
  it("fails the delivery after the time limit, naming the system the officers must look at", async () => {
    const id = await file();
    const version = await decide(id, [
      ["officer.flanders", { type: "DECLARE_COMPLETE" }],
      ["officer.flanders", { type: "REFUSE_WORK", reason: "Geen vacature." }],
    ]);
    const silent = () => new Promise<void>(() => undefined);
    const channels: DeliveryChannels = { ...recorders().channels, ebox: { deliver: silent }, cadastre: { feed: silent, consult: silent as never, recordUnemployment: silent, recordStep: silent }, timeLimitMs: 20 };
    const deliver = deliverer(channels);
    const base = { id: 0, application_id: id, attempts: 0 } as const;
    const rows: OutboxRow[] = [
      { ...base, key: `silent-doc:${id}`, kind: "ebox.document", payload: { type: "work-refusal", language: "nl", courtesy: false, recipient: { kind: "enterprise", id: "0403170701" }, caseVersion: version } },
      { ...base, key: `silent-notice:${id}`, kind: "ebox.notice", payload: { recipient: { kind: "enterprise", id: "0403170701" }, language: "nl", template: "reminder", values: { reference: "SP-2026-000779", date: "2026-03-11" } } },
      { ...base, key: `silent-feed:${id}`, kind: "cadastre.feed", payload: { caseVersion: version, status: "refused", statusOn: "2026-03-10", reason: "Geen vacature." } },
    ];
    const errors = await Promise.all(rows.map((r) => deliver(db, r, at("2026-03-11"), undefined).then(() => null, (error: Error) => error.message)));
    expect(errors).toEqual(["e-Box: no answer within 20 ms", "e-Box: no answer within 20 ms", "cadastre: no answer within 20 ms"]);
  });
});

describe("notices and reminders", () => {
  it("sends a notice in its template's words, to its recipient, in French when its language is unknown", async () => {
    const id = await file();
    await db.transaction().execute(async (trx) => {
      await enqueue(trx, { key: `notice:${id}`, kind: "ebox.notice", applicationId: id, payload: { recipient: { kind: "person", id: "88041230015" }, language: "de", template: "reminder", values: { reference: "SP-2026-000777", date: "2026-03-01" } } });
      await enqueue(trx, { key: `notice-xx:${id}`, kind: "ebox.notice", applicationId: null, payload: { recipient: { kind: "enterprise", id: "0403170701" }, language: "xx", template: "endOfStay", values: { reference: "SP-2026-000778", worker: "Jean Pierre Ngoy", date: "2026-04-01", days: 7 } } });
    });
    const { channels, messages } = recorders();
    await deliverPending(db, channels);
    const de = await translator("de");
    const fr = await translator("fr");
    expect(messages.filter((m) => m.key === `notice:${id}`)).toEqual([
      { key: `notice:${id}`, recipient: { kind: "person", id: "88041230015" }, applicationId: id, subject: de("ebox.subject.reminder", { reference: "SP-2026-000777" }), body: de("ebox.body.reminder", { reference: "SP-2026-000777", date: formatDate("2026-03-01", "de") }) },
    ]);
    const [endOfStay] = messages.filter((m) => m.key === `notice-xx:${id}`);
    expect(endOfStay).toMatchObject({ applicationId: null, subject: fr("ebox.subject.endOfStay", { reference: "SP-2026-000778", worker: "Jean Pierre Ngoy", date: formatDate("2026-04-01", "fr") }) });
    // The days in words, as the reader writes them.
    expect(endOfStay!.subject + endOfStay!.body).not.toContain("2026-04-01");
    expect(endOfStay!.body).toContain("7");
    expect(endOfStay!.attachment).toBeUndefined();
  });

  it("warns of the nearest threshold only, with the worker, the date and the days left, also when permits are taken one by one", async () => {
    const now = new Date();
    // Belgian days, as the sweep counts them (between 23:00 and midnight UTC the UTC date is a day behind).
    const inDays = (days: number) => addDays(todayInBelgium(now), days);
    const soon = await file({ employer: "Tuinbouw De Wilde BV", postal: "3800", employmentEnd: inDays(5) });
    const refused = await file({ employer: "Tuinbouw De Wilde BV", postal: "3800", employmentEnd: inDays(20) });
    for (const id of [soon, refused]) await decide(id, GRANT, todayInBelgium(now));
    // The database refuses one case's notice: the sweep goes on one by one.
    await sql`create function refuse_notice() returns trigger language plpgsql as $$
      begin
        if new.application_id = ${sql.lit(refused)}::uuid then raise exception 'refused'; end if;
        return new;
      end $$`.execute(db);
    await sql`create trigger refuse_notice before insert on end_of_stay_notices for each row execute function refuse_notice()`.execute(db);
    const log = vi.fn();
    expect(await sweepEndOfStay(db, now, log)).toBe(1);
    await sql`drop trigger refuse_notice on end_of_stay_notices`.execute(db);
    await sql`drop function refuse_notice()`.execute(db);
    expect(log).toHaveBeenCalledWith(`end-of-stay notice for case ${refused} failed`, expect.anything());
    const notices = await db.selectFrom("outbox").select(["key", "payload"]).where("application_id", "=", soon).where("kind", "=", "ebox.notice").execute();
    const { reference } = await row(soon);
    const enterprise = (await db.selectFrom("employers").select("enterprise_number").where("name", "=", "Tuinbouw De Wilde BV").executeTakeFirstOrThrow()).enterprise_number;
    expect(notices).toEqual([
      {
        key: `end-of-stay:${soon}:7`,
        payload: { recipient: { kind: "enterprise", id: enterprise }, language: "nl", template: "endOfStay", values: { reference, worker: "Jean Pierre Ngoy", date: inDays(5), days: 5 } },
      },
    ]);
    // The next sweep, all in one statement, sends the refused one: its nearest threshold is 30 days.
    expect(await sweepEndOfStay(db, now, log)).toBe(1);
    expect((await db.selectFrom("outbox").select("key").where("application_id", "=", refused).where("kind", "=", "ebox.notice").execute()).map((n) => n.key)).toEqual([`end-of-stay:${refused}:30`]);
  });

  it("warns 30 and 7 days ahead unless END_OF_STAY_NOTICE_DAYS says otherwise, from the furthest", () => {
    expect(noticeDays(undefined)).toEqual([30, 7]);
    expect(noticeDays("7, 60,14,60")).toEqual([60, 14, 7]);
    expect(noticeDays("1,365")).toEqual([365, 1]);
    expect(noticeDays("0,366,-3,2.5,soon")).toEqual([30, 7]);
    expect(noticeDays("")).toEqual([30, 7]);
  });

  it("reminds each recipient once of a decision left unopened a week, also when reminders are taken one by one", async () => {
    const personNumber = makePersonNumber("1987-02-03", 92);
    const id = await file({ personNumber });
    await decide(id, [
      ["officer.flanders", { type: "DECLARE_COMPLETE" }],
      ["officer.flanders", { type: "REFUSE_WORK", reason: "Geen vacature." }],
    ]);
    // The local e-Box and cadastre, the worker's clock given.
    const sentAt = new Date();
    await deliverPending(db, localChannels(db, localDocumentStore(root)), () => sentAt);
    const feed = (await deliveriesOf(db, id)).filter((d) => d.kind === "cadastre.feed");
    expect(feed.map((d) => [d.status, d.deliveredAt])).toEqual([["delivered", sentAt.toISOString()]]);
    const inbox = await db.selectFrom("ebox_messages").select(["id", "recipient_kind", "recipient_id", "delivered_at"]).where("application_id", "=", id).orderBy("recipient_kind").execute();
    expect(inbox.map((m) => m.recipient_kind)).toEqual(["enterprise", "person"]);
    // The decision each e-Box holds is kept in the store it was given (this test's directory).
    const kept = await db.selectFrom("ebox_messages").select("attachment_sha256").where("application_id", "=", id).execute();
    for (const { attachment_sha256 } of kept) expect(await localDocumentStore(root).get(attachment_sha256!)).not.toBeNull();
    const delivered = new Date(inbox[0]!.delivered_at);
    // Six days on: nothing yet.
    expect(await sweepUnopenedDecisions(db, new Date(delivered.getTime() + 6 * 86_400_000))).toBe(0);
    const reminders = () => db.selectFrom("outbox").select(["key", "payload"]).where("application_id", "=", id).where("kind", "=", "ebox.notice").orderBy("key").execute();
    expect(await reminders()).toEqual([]);
    // The person's reminder is refused once: the sweep takes them one by one, the enterprise is reminded.
    const personKey = `reminder:${inbox[1]!.id}`;
    await sql`create function refuse_reminder() returns trigger language plpgsql as $$
      begin
        if new.key = ${sql.lit(personKey)} then raise exception 'refused'; end if;
        return new;
      end $$`.execute(db);
    await sql`create trigger refuse_reminder before insert on outbox for each row execute function refuse_reminder()`.execute(db);
    const log = vi.fn();
    const week = new Date(delivered.getTime() + 8 * 86_400_000);
    // The count it returns is the reminders it queued (other cases' decisions included).
    const allReminders = async () => (await db.selectFrom("outbox").select("key").where("key", "like", "reminder:%").execute()).length;
    const before = await allReminders();
    expect(await sweepUnopenedDecisions(db, week, log)).toBe((await allReminders()) - before);
    await sql`drop trigger refuse_reminder on outbox`.execute(db);
    await sql`drop function refuse_reminder()`.execute(db);
    expect(log).toHaveBeenCalledWith(`e-Box reminder for message ${inbox[1]!.id} failed`, expect.anything());
    const { reference } = await row(id);
    const date = new Intl.DateTimeFormat("en-CA", { timeZone: "Europe/Brussels" }).format(delivered);
    expect(await reminders()).toEqual([
      { key: `reminder:${inbox[0]!.id}`, payload: { recipient: { kind: "enterprise", id: inbox[0]!.recipient_id }, language: "nl", template: "reminder", values: { reference, date } } },
    ]);
    // The next sweep reminds the person, and nobody twice.
    expect(await sweepUnopenedDecisions(db, week)).toBe(1);
    expect(await sweepUnopenedDecisions(db, week)).toBe(0);
    expect((await reminders()).map((r) => r.key)).toEqual([`reminder:${inbox[0]!.id}`, personKey].sort());
    expect((await deliveriesOf(db, id)).filter((d) => d.kind === "ebox.notice").map((d) => d.recipient).sort()).toEqual(["enterprise", "person"]);
  });
});

describe("checking a permit on /verify", () => {
  let code: string;
  let id: string;
  beforeAll(async () => {
    id = await file({ personNumber: makePersonNumber("1987-02-03", 93) });
    await decide(id, GRANT);
    code = (await db.selectFrom("permits").select("verification_code").where("application_id", "=", id).executeTakeFirstOrThrow()).verification_code;
    await db.updateTable("permits").set({ valid_from: "2026-04-01", valid_until: "2029-03-31" }).where("application_id", "=", id).execute();
  });
  const stateOn = async (day: string, typed = code) => (await verifyPermit(db, typed, new Date(`${day}T12:00:00Z`)))?.state;

  it("is valid from its first to its last day, not yet valid before, expired after", async () => {
    expect(await stateOn("2026-03-31")).toBe("not-yet-valid");
    expect(await stateOn("2026-04-01")).toBe("valid");
    expect(await stateOn("2029-03-31")).toBe("valid");
    expect(await stateOn("2029-04-01")).toBe("expired");
  });

  it("shows only what matches the paper: the reference, the dates, the holder's initials", async () => {
    const shown = await verifyPermit(db, code.toLowerCase().replaceAll("-", " "), at("2026-05-01"));
    expect(shown).toEqual({
      document: "permit",
      code,
      state: "valid",
      reference: (await row(id)).reference,
      kind: "single",
      annex: "46",
      authority: "flanders",
      validFrom: "2026-04-01",
      validUntil: "2029-03-31",
      revokedOn: null,
      holderInitials: "J. P. N.",
    });
    expect(await verifyPermit(db, "not a code")).toBeNull();
    expect(await verifyPermit(db, "0000-0000-0000-0000-0000")).toBeNull();
  });

  it("says revoked once revoked, whatever the dates", async () => {
    await db.updateTable("permits").set({ revoked_on: "2026-06-01" }).where("application_id", "=", id).execute();
    expect(await stateOn("2026-05-01")).toBe("revoked");
    expect(await stateOn("2030-01-01")).toBe("revoked");
    await db.updateTable("permits").set({ revoked_on: null }).where("application_id", "=", id).execute();
  });

  it("lets an address look up real permits freely, but slows one that guesses codes", async () => {
    for (let n = 0; n < 70; n++) expect((await checkPermit(db, code, "203.0.113.7", at("2026-05-01"))).throttled).toBe(false);
    let answer = await checkPermit(db, "0000-0000-0000-0000-0000", "203.0.113.8", at("2026-05-01"));
    for (let n = 0; n < 70 && !answer.throttled; n++) answer = await checkPermit(db, "0000-0000-0000-0000-0000", "203.0.113.8", at("2026-05-01"));
    expect(answer).toMatchObject({ throttled: true });
    expect(answer.throttled && answer.retryAfterSeconds).toBeGreaterThan(0);
    // Another address is not slowed by it, and finds the permit.
    expect(await checkPermit(db, code, "203.0.113.9", at("2026-05-01"))).toMatchObject({ throttled: false, permit: { code, state: "valid" } });
  });
});
