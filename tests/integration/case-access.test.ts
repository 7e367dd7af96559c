import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { requireCase, type CasePurpose, type Viewer } from "../../app/cases/access.server";
import { listApplicationsFor } from "../../app/cases/applicant-list.server";
import { submitPermanentApplication } from "../../app/cases/filing.server";
import type { DB } from "../../app/db/db.server";
import { seedDemoData } from "../../app/demo/seed.server";
import { startApplication } from "../../app/drafts/drafts.server";
import { ForbiddenError, NotFoundError } from "../../app/errors";
import type { User } from "../../app/identity/user";
import { makePersonNumber } from "../../forms/identifiers";
import { validatePermanentApplication } from "../../forms/permanent-application";
import { fileFor, validApplication, type TestApplication } from "../support/applications";
import { openTestDatabase } from "../support/test-db";
import { demoUser } from "../support/users";

/**
 * The access rule asked with real cases (app/cases/access.server.ts, docs/access.md): who
 * gets a case, who gets "not found" or "forbidden", what lands in the audit log, and whose
 * list a case is on. access-table.test.ts asks the same of every route; this file asks the
 * rule directly, so that it stays cheap enough to run against every mutant of it.
 */
let db: DB;
let drop: () => Promise<void>;
let flemishCase: string;
let permanentCase: string;
let workerNumber: string;
let draftId: string;
let unnumberedCase: string;

beforeAll(async () => {
  ({ db, drop } = await openTestDatabase());
  await seedDemoData(db);
  const employer = await demoUser(db, "secretariat", "Antwerp Port Engineering NV");
  workerNumber = makePersonNumber("1991-06-15", 412);
  const answers: TestApplication = {
    givenNames: "Amaru",
    familyName: "Quispe",
    nationality: "PE",
    birthDate: "1991-06-15",
    passportNumber: "PE4412000",
    personNumber: workerNumber,
    placeOfWorkPostalCode: "2030",
    jobTitle: "Crane operator",
    employmentEnd: "",
    category: "other",
    grossAnnualSalary: "36000",
  };
  const input = await validApplication(answers, "2026-11-23");
  flemishCase = (await fileFor(db, employer, input)).id;
  // A worker without a Belgian national number yet (first stay): the case knows none.
  const unnumbered = await validApplication({ ...answers, personNumber: "", passportNumber: "PE4412001" }, "2026-11-23");
  unnumberedCase = (await fileFor(db, employer, unnumbered)).id;
  const resident = await demoUser(db, "resident");
  const permanent = validatePermanentApplication({ residencePostalCode: "2000", yearsWorkedLastFive: "5", yearsResident: "6", currentPermitNumber: "B123456789" });
  if (!permanent.ok) throw new Error("valid input expected");
  permanentCase = randomUUID();
  await submitPermanentApplication(db, resident, { applicationId: permanentCase, data: permanent.value, authority: permanent.authority, uiLanguage: "nl" });
  draftId = await startApplication(db, employer);
});
afterAll(() => drop());

/** What the person gets: the case, or the refusal's kind. */
async function answer(viewer: Viewer, caseId: string, purpose: CasePurpose, about: { documentId?: string; action?: "act" } = {}) {
  try {
    const row = await requireCase(db, viewer, caseId, purpose, about);
    return row.id === caseId ? "the case" : `another case: ${row.id}`;
  } catch (error) {
    if (error instanceof NotFoundError) return "not found";
    if (error instanceof ForbiddenError) return "forbidden";
    throw error;
  }
}

const auditOf = (user: User) =>
  db.selectFrom("audit_log").select(["action", "subject_type", "subject_id", "application_id", "purpose", "allowed"]).where("actor_user_id", "=", user.id).orderBy("id").execute();

/** A worker as he signs in: by his national number. */
async function workerWith(personNumber: string | null): Promise<User> {
  return { ...(await demoUser(db, "worker")), personNumber };
}

describe("who gets a filed case", () => {
  it("gives it to the enterprise's representative, to follow and to act on", async () => {
    const representative = await demoUser(db, "secretariat", "Antwerp Port Engineering NV");
    expect(await answer({ user: representative }, flemishCase, "follow")).toBe("the case");
    expect(await answer({ user: representative }, flemishCase, "act-as-applicant")).toBe("the case");
    expect(await answer({ user: representative }, flemishCase, "handle")).toBe("not found");
    const otherEnterprise = await demoUser(db, "employer");
    expect(await answer({ user: otherEnterprise }, flemishCase, "follow")).toBe("not found");
  });

  it("lets the worker the case is about follow it, by his national number, but never act", async () => {
    expect(await answer({ user: await workerWith(workerNumber) }, flemishCase, "follow")).toBe("the case");
    expect(await answer({ user: await workerWith(workerNumber) }, flemishCase, "act-as-applicant")).toBe("not found");
    expect(await answer({ user: await workerWith(makePersonNumber("1991-06-15", 413)) }, flemishCase, "follow")).toBe("not found");
    // A worker whose national number is not known follows nothing, not even a case whose worker has none.
    expect(await answer({ user: await workerWith(null) }, unnumberedCase, "follow")).toBe("not found");
  });

  it("lets the resident follow and act on his own request for an unlimited permit, and no one else's", async () => {
    const resident = await demoUser(db, "resident");
    expect(await answer({ user: resident }, permanentCase, "follow")).toBe("the case");
    expect(await answer({ user: resident }, permanentCase, "act-as-applicant")).toBe("the case");
    expect(await answer({ user: resident }, flemishCase, "follow")).toBe("not found");
    const representative = await demoUser(db, "secretariat", "Antwerp Port Engineering NV");
    expect(await answer({ user: representative }, permanentCase, "follow")).toBe("not found");
  });

  it("answers not found for an id that is no case, a case that does not exist, and a draft, to anyone", async () => {
    const oe = await demoUser(db, "officer.oe");
    const representative = await demoUser(db, "secretariat", "Antwerp Port Engineering NV");
    for (const id of ["not-a-uuid", "../../etc/passwd", randomUUID(), draftId]) {
      expect(await answer({ user: oe }, id, "handle"), id).toBe("not found");
      expect(await answer({ user: representative }, id, "follow"), id).toBe("not found");
      expect(await answer({ system: true }, id, "handle"), id).toBe("not found");
    }
    // Nothing to log: no case was read.
    expect(await auditOf(oe)).toEqual([]);
  });

  it("lets the system (sweeps, deliveries) have any filed case", async () => {
    expect(await answer({ system: true }, flemishCase, "handle")).toBe("the case");
    expect(await answer({ system: true }, permanentCase, "housekeeping")).toBe("the case");
  });
});

describe("officers and the audit log", () => {
  it("gives the region's officer its case and logs each use: read, act, housekeeping, download", async () => {
    const flanders = await demoUser(db, "officer.flanders");
    const documentId = randomUUID();
    expect(await answer({ user: flanders }, flemishCase, "handle")).toBe("the case");
    expect(await answer({ user: flanders }, flemishCase, "handle", { action: "act" })).toBe("the case");
    expect(await answer({ user: flanders }, flemishCase, "housekeeping")).toBe("the case");
    expect(await answer({ user: flanders }, flemishCase, "handle", { documentId })).toBe("the case");
    const line = { application_id: flemishCase, purpose: "case-handling", allowed: true };
    expect(await auditOf(flanders)).toEqual([
      { ...line, action: "read", subject_type: "application", subject_id: flemishCase },
      { ...line, action: "act", subject_type: "application", subject_id: flemishCase },
      { ...line, action: "housekeeping", subject_type: "application", subject_id: flemishCase },
      { ...line, action: "download", subject_type: "document", subject_id: documentId },
    ]);
  });

  it("refuses another region's officer as forbidden, and logs the refused attempt", async () => {
    const wallonia = await demoUser(db, "officer.wallonia");
    expect(await answer({ user: wallonia }, flemishCase, "handle")).toBe("forbidden");
    expect(await answer({ user: wallonia }, flemishCase, "housekeeping")).toBe("forbidden");
    expect((await auditOf(wallonia)).map((line) => [line.action, line.allowed])).toEqual([
      ["read", false],
      ["housekeeping", false],
    ]);
    // An officer whose region is not known handles no case, not even one without a region.
    const adrift = { ...wallonia, authority: null };
    expect(await answer({ user: adrift }, flemishCase, "handle")).toBe("forbidden");
  });

  it("gives the Immigration Office every filed case, logged", async () => {
    const oe = await demoUser(db, "officer.oe");
    expect(await answer({ user: oe }, flemishCase, "handle")).toBe("the case");
    expect(await answer({ user: oe }, permanentCase, "housekeeping")).toBe("the case");
    expect((await auditOf(oe)).map((line) => [line.subject_id, line.action, line.allowed])).toEqual([
      [flemishCase, "read", true],
      [permanentCase, "housekeeping", true],
    ]);
  });

  it("logs nothing for the applicant's side, nor for an officer following a case as an applicant would", async () => {
    const representative = await demoUser(db, "secretariat", "Antwerp Port Engineering NV");
    const worker = await workerWith(workerNumber);
    const oe = await demoUser(db, "officer.oe");
    await answer({ user: representative }, flemishCase, "follow");
    await answer({ user: worker }, flemishCase, "follow");
    const before = (await auditOf(oe)).length;
    expect(await answer({ user: oe }, flemishCase, "follow")).toBe("not found");
    expect(await auditOf(representative)).toEqual([]);
    expect(await auditOf(worker)).toEqual([]);
    expect(await auditOf(oe)).toHaveLength(before);
    // An inspector is refused a case as not found, and nothing is logged for him here.
    const inspector = await demoUser(db, "inspector");
    expect(await answer({ user: inspector }, flemishCase, "handle")).toBe("not found");
    expect(await auditOf(inspector)).toEqual([]);
  });
});

describe("whose list a case is on", () => {
  it("lists a case for the worker it is about and the resident's own request for him, nothing for the others", async () => {
    const ids = async (user: User) => (await listApplicationsFor(db, user)).map((a) => a.id);
    expect(await ids(await workerWith(workerNumber))).toEqual([flemishCase]);
    expect(await ids(await workerWith(null))).toEqual([]);
    const resident = await demoUser(db, "resident");
    expect(await ids(resident)).toEqual([permanentCase]);
    // The resident is also the worker of a case an employer filed about him: on his list too.
    expect((await ids({ ...resident, personNumber: workerNumber })).sort()).toEqual([flemishCase, permanentCase].sort());
    expect(await ids({ ...resident, personNumber: null })).toEqual([permanentCase]);
    expect(await ids({ ...resident, id: randomUUID(), personNumber: null })).toEqual([]);
    expect(await ids(await demoUser(db, "officer.oe"))).toEqual([]);
  });
});
