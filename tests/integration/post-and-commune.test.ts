import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { applyCaseCommand } from "../../app/cases/case-commands.server";
import { consultationsOf } from "../../app/audit/audit.server";
import type { DB } from "../../app/db/db.server";
import { seedDemoCase, seedDemoData } from "../../app/demo/seed.server";
import { deliverPending, localChannels } from "../../app/delivery/delivery.server";
import { verifyPermit } from "../../app/delivery/verification.server";
import { localDocumentStore } from "../../app/documents/store.server";
import { InvalidInputError } from "../../app/errors";
import type { User } from "../../app/identity/user";
import { annex49Pdf, recordResidenceStep, residenceCase, residenceOf, residenceQueue, ResidenceStepRefused } from "../../app/residence/residence.server";
import { makePersonNumber } from "../../forms/identifiers";
import { addDays, todayInBelgium } from "../../workflows/legal-clock";
import { fileFor, validApplication } from "../support/applications";
import { openTestDatabase } from "../support/test-db";
import { demoUser } from "../support/users";

/**
 * Issue 14 points 1 and 2: a Moroccan worker abroad, without a national number, granted a
 * single permit — the annex 46 in the post's e-Box and, marked to forward, in the
 * employer's; the post records the visa; the commune his arrival, registration (which gives
 * him a national number and his own copy of the annex 46), the annex 49 (a PDF whose code
 * /verify checks) and his card; the tracker and the cadastre follow each step.
 */

let db: DB;
let drop: () => Promise<void>;
let documentsDir: string;
const TODAY = todayInBelgium(new Date());
let employer: User, post: User, commune: User, flanders: User, oe: User;
let caseId: string;
const PERSON = makePersonNumber("1993-08-12", 417);

const deliver = () => deliverPending(db, localChannels(db, localDocumentStore()));
const version = async () => String((await db.selectFrom("residence_steps").select("version").where("application_id", "=", caseId).executeTakeFirstOrThrow()).version);
const inbox = (kind: string, id: string) =>
  db.selectFrom("ebox_messages").select(["subject", "body", "attachment_name"]).where("application_id", "=", caseId).where("recipient_kind", "=", kind as never).where("recipient_id", "=", id).execute();

beforeAll(async () => {
  documentsDir = mkdtempSync(join(tmpdir(), "sp-post-"));
  process.env.DOCUMENTS_DIR = documentsDir;
  ({ db, drop } = await openTestDatabase());
  await seedDemoData(db);
  employer = await demoUser(db, "secretariat", "Antwerp Port Engineering NV");
  post = await demoUser(db, "post.casablanca");
  commune = await demoUser(db, "commune.antwerpen");
  flanders = await demoUser(db, "officer.flanders");
  oe = await demoUser(db, "officer.oe");
  const filed = await validApplication(
    {
      givenNames: "Youssef",
      familyName: "Benali",
      nationality: "MA",
      birthDate: "1993-08-12",
      passportNumber: "MA7788990",
      personNumber: "",
      placeOfWorkPostalCode: "2030",
      jobTitle: "Welder",
      employmentEnd: "",
      category: "other",
      grossAnnualSalary: "38000",
      visaPost: "casablanca",
    },
    TODAY,
  );
  caseId = (await fileFor(db, employer, filed)).id;
  let caseVersion = 1;
  for (const [user, type] of [
    [flanders, "DECLARE_COMPLETE"],
    [oe, "PRE_CHECKS_DONE"],
    [flanders, "AUTHORISE_WORK"],
    [oe, "GRANT_RESIDENCE"],
  ] as const) {
    caseVersion = (await applyCaseCommand(db, { user }, caseId, caseVersion, { type })).version;
  }
  await deliver();
}, 120_000);

afterAll(async () => {
  await drop?.();
  delete process.env.DOCUMENTS_DIR;
  rmSync(documentsDir, { recursive: true, force: true });
});

describe("the diplomatic post", () => {
  it("gets the annex 46 in its e-Box; the employer's copy is marked to forward; the worker has none yet", async () => {
    expect(await inbox("post", "casablanca")).toEqual([expect.objectContaining({ attachment_name: expect.stringMatching(/annex-46-nl\.pdf$/) })]);
    const employerCopies = await inbox("enterprise", employer.actingFor!.enterpriseNumber);
    const legal = employerCopies.find((message) => message.attachment_name?.endsWith("annex-46-nl.pdf"));
    expect(legal?.subject).toContain("door te geven aan de werknemer");
    expect(legal?.body).toContain("bezorg hem deze bijlage");
    expect(await db.selectFrom("ebox_messages").select("id").where("application_id", "=", caseId).where("recipient_kind", "=", "person").execute()).toEqual([]);
  });

  it("lists the file, waiting for the visa, and logs that it read the list", async () => {
    const queue = await residenceQueue(db, post);
    expect(queue).toContainEqual(expect.objectContaining({ id: caseId, stage: "awaiting-visa", worker: "Youssef Benali", nationality: "MA" }));
    const logged = await db.selectFrom("audit_log").select(["action", "purpose", "subject_id"]).where("actor_user_id", "=", post.id).orderBy("id", "desc").executeTakeFirstOrThrow();
    expect(logged).toEqual({ action: "list", purpose: "visa", subject_id: "diplomatic-post:casablanca" });
  });

  it("refuses a visa date in the future and a bad postal code, saying which field", async () => {
    const refused = await recordResidenceStep(db, post, caseId, "VISA_ISSUED", { visaOn: addDays(TODAY, 3), postalCode: "20", version: await version() }).catch((error: unknown) => error);
    expect(refused).toBeInstanceOf(InvalidInputError);
    expect((refused as InvalidInputError).errors).toEqual({ visaOn: { key: "residence.errors.dateInFuture" }, postalCode: { key: "residence.errors.postalCode" } });
  });

  it("records the visa D issued with the worker's address in Antwerp: the file reaches the commune", async () => {
    await recordResidenceStep(db, post, caseId, "VISA_ISSUED", { visaOn: addDays(TODAY, -30), postalCode: "2018", version: await version() });
    const residence = await residenceOf(db, caseId);
    expect(residence).toMatchObject({ stage: "awaiting-arrival", commune: "antwerpen", postalCode: "2018", visa: { outcome: "issued", on: addDays(TODAY, -30) } });
    expect((await residenceQueue(db, commune)).map((row) => row.id)).toContain(caseId);
    // The post may no longer record a visa on it (it moved on).
    expect((await residenceCase(db, post, caseId)).allowed).toEqual([]);
  });

  it("refuses a step recorded on a page that moved on", async () => {
    await expect(recordResidenceStep(db, post, caseId, "VISA_REFUSED", { refusedOn: TODAY, reason: "late", version: "1" })).rejects.toBeInstanceOf(ResidenceStepRefused);
  });
});

describe("the commune", () => {
  it("records an arrival declared after the eighth working day as late", async () => {
    await recordResidenceStep(db, commune, caseId, "ARRIVAL_DECLARED", { enteredOn: addDays(TODAY, -25), declaredOn: addDays(TODAY, -2), version: await version() });
    const residence = await residenceOf(db, caseId);
    expect(residence?.arrival).toMatchObject({ enteredOn: addDays(TODAY, -25), declaredOn: addDays(TODAY, -2), late: true });
  });

  it("registers him with his national number: the annex 46 reaches his own e-Box", async () => {
    await expect(recordResidenceStep(db, commune, caseId, "REGISTERED", { registeredOn: TODAY, personNumber: "12345678901", version: await version() })).rejects.toBeInstanceOf(InvalidInputError);
    await recordResidenceStep(db, commune, caseId, "REGISTERED", { registeredOn: TODAY, personNumber: PERSON, version: await version() });
    const worker = await db.selectFrom("applications").innerJoin("workers", "workers.id", "applications.worker_id").select("workers.person_number").where("applications.id", "=", caseId).executeTakeFirstOrThrow();
    expect(worker.person_number).toBe(PERSON);
    await deliver();
    expect(await inbox("person", PERSON)).toEqual([expect.objectContaining({ attachment_name: expect.stringMatching(/annex-46-nl\.pdf$/) })]);
  });

  it("issues the annex 49: a PDF whose verification code /verify checks", async () => {
    await recordResidenceStep(db, commune, caseId, "ANNEX_49_ISSUED", { annex49On: TODAY, version: await version() });
    const residence = (await residenceOf(db, caseId))!;
    expect(residence.annex49Code).toMatch(/^[0-9A-Z]{4}(-[0-9A-Z]{4}){4}$/);
    expect(await verifyPermit(db, residence.annex49Code!)).toMatchObject({ document: "annex-49", state: "valid", commune: "antwerpen", holderInitials: "Y. B.", issuedOn: TODAY });
    const pdf = await annex49Pdf(db, commune, caseId, "fr");
    expect(Buffer.from(pdf!.bytes.subarray(0, 5)).toString()).toBe("%PDF-");
    expect(pdf!.fileName).toMatch(/-annex-49-fr\.pdf$/);
  });

  it("issues the card: type A for this category, valid as long as the permit; the annex 49 is then replaced", async () => {
    await recordResidenceStep(db, commune, caseId, "CARD_ISSUED", { cardOn: TODAY, version: await version() });
    const residence = (await residenceOf(db, caseId))!;
    const permit = await db.selectFrom("permits").select(["valid_until"]).where("application_id", "=", caseId).executeTakeFirstOrThrow();
    expect(residence.card).toEqual({ type: "A", validFrom: TODAY, validUntil: permit.valid_until, issuedOn: TODAY });
    expect(await verifyPermit(db, residence.annex49Code!)).toMatchObject({ document: "annex-49", state: "replaced", card: { type: "A", issuedOn: TODAY } });
    await expect(recordResidenceStep(db, commune, caseId, "CARD_ISSUED", { cardOn: TODAY, version: await version() })).rejects.toBeInstanceOf(ResidenceStepRefused);
  });
});

describe("what the others see", () => {
  it("the case's history holds each step, in order", async () => {
    const types = (await db.selectFrom("application_events").select("type").where("application_id", "=", caseId).orderBy("id").execute()).map((row) => row.type);
    expect(types.filter((type) => ["visa-issued", "arrival-declared", "registered", "annex-49-issued", "card-issued"].includes(type))).toEqual([
      "visa-issued",
      "arrival-declared",
      "registered",
      "annex-49-issued",
      "card-issued",
    ]);
  });

  it("the cadastre's history of the permit shows each step after the grant", async () => {
    await deliver();
    const reference = (await db.selectFrom("applications").select("reference").where("id", "=", caseId).executeTakeFirstOrThrow()).reference!;
    const lines = await db
      .selectFrom("limosa.permit_history")
      .innerJoin("limosa.permits", "limosa.permits.id", "limosa.permit_history.permit_id")
      .select(["limosa.permit_history.status", "limosa.permit_history.reason"])
      .where("limosa.permits.case_reference", "=", reference)
      .orderBy("limosa.permit_history.id")
      .execute();
    expect(lines.map((line) => line.status)).toEqual(["valid", "visa-issued", "arrival-declared", "registered", "annex-49-issued", "card-issued"]);
    expect(lines.at(-1)?.reason).toMatch(/^A \d{4}-\d{2}-\d{2}\/\d{4}-\d{2}-\d{2}$/);
  });

  it("every read of the file by the post and the commune is in the audit log", async () => {
    const lines = await db.selectFrom("audit_log").select(["actor_role", "action", "allowed"]).where("application_id", "=", caseId).where("actor_role", "in", ["diplomatic-post", "commune"]).execute();
    expect(lines.filter((line) => line.actor_role === "diplomatic-post" && line.action === "act")).toHaveLength(3); // refused as input, recorded, stale
    expect(lines.filter((line) => line.actor_role === "commune" && line.action === "act").length).toBeGreaterThanOrEqual(5);
    expect(lines.every((line) => line.allowed)).toBe(true);
    // The employer and the worker see that the post and the commune consulted the file, and why.
    const consulted = await consultationsOf(db, caseId);
    expect(consulted).toContainEqual(expect.objectContaining({ role: "diplomatic-post", authority: "casablanca", purpose: "visa" }));
    expect(consulted).toContainEqual(expect.objectContaining({ role: "commune", authority: "antwerpen", purpose: "residence-registration" }));
  });
});

describe("the demo", () => {
  it("holds a granted file for the post in Casablanca, waiting for the visa", async () => {
    await seedDemoCase(db);
    const queue = await residenceQueue(db, post);
    expect(queue).toContainEqual(expect.objectContaining({ worker: "Youssef El Idrissi", stage: "awaiting-visa" }));
  });
});

describe("a renewal while the Immigration Office decides", () => {
  it("gets the commune's annex 49 once the region approves, checkable at /verify as pending; the grant lets the commune issue the card", async () => {
    const filed = await validApplication(
      { givenNames: "Youssef", familyName: "Benali", nationality: "MA", birthDate: "1993-08-12", passportNumber: "MA7788990", personNumber: PERSON, placeOfWorkPostalCode: "2030", jobTitle: "Welder", employmentEnd: "", category: "other", grossAnnualSalary: "39000" },
      TODAY,
    );
    const { visaPost: _abroad, ...rest } = filed.value;
    const renewal = { ...filed, value: { ...rest, livesIn: "belgium", residencePostalCode: "2018", residenceTitle: "single-permit", residenceTitleEndsOn: addDays(TODAY, 60), renewalOf: caseId } };
    const id = (await fileFor(db, employer, renewal)).id;
    let caseVersion = 1;
    for (const [user, type] of [
      [flanders, "DECLARE_COMPLETE"],
      [oe, "PRE_CHECKS_DONE"],
      [flanders, "AUTHORISE_WORK"],
    ] as const) {
      caseVersion = (await applyCaseCommand(db, { user }, id, caseVersion, { type })).version;
    }
    expect(await residenceOf(db, id)).toMatchObject({ stage: "renewal-pending", commune: "antwerpen" });
    const stepsVersion = async () => String((await db.selectFrom("residence_steps").select("version").where("application_id", "=", id).executeTakeFirstOrThrow()).version);
    expect((await residenceCase(db, commune, id)).allowed).toEqual(["ANNEX_49_ISSUED"]);
    await recordResidenceStep(db, commune, id, "ANNEX_49_ISSUED", { annex49On: TODAY, version: await stepsVersion() });
    const code = (await residenceOf(db, id))!.annex49Code!;
    expect(await verifyPermit(db, code)).toMatchObject({ document: "annex-49", state: "pending", reference: expect.stringMatching(/^SP-/) });
    expect((await residenceCase(db, commune, id)).allowed).toEqual([]);

    await applyCaseCommand(db, { user: oe }, id, caseVersion, { type: "GRANT_RESIDENCE" });
    const permit = await db.selectFrom("permits").select(["valid_until"]).where("application_id", "=", id).executeTakeFirstOrThrow();
    expect(await residenceOf(db, id)).toMatchObject({ stage: "annex-49" });
    expect(await verifyPermit(db, code)).toMatchObject({ state: "valid" });
    await recordResidenceStep(db, commune, id, "CARD_ISSUED", { cardOn: TODAY, version: await stepsVersion() });
    expect((await residenceOf(db, id))!.card).toMatchObject({ type: "A", validUntil: permit.valid_until });
  });
});
