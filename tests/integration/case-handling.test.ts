import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DB } from "../../app/db/db.server";
import { seedDemoData } from "../../app/demo/seed.server";
import { ForbiddenError } from "../../app/errors";
import {
  applyCaseCommand,
  CaseCommandRefused,
  CaseConflictError,
  MissingDocumentsError,
  sweepDeadlines,
} from "../../app/cases/case-commands.server";
import { earlierRefusals, loadCaseView } from "../../app/cases/case-view.server";
import { requestItemSlot } from "../../app/documents/request-items";
import { officerQueue, parseCursor } from "../../app/cases/officer-queue.server";
import { fileFor, validApplication } from "../support/applications";
import { openTestDatabase } from "../support/test-db";
import { demoUser } from "../support/users";

let db: DB;
let drop: () => Promise<void>;

beforeAll(async () => {
  ({ db, drop } = await openTestDatabase());
  await seedDemoData(db);
});
afterAll(() => drop());

const at = (day: string) => new Date(`${day}T10:00:00+01:00`);

async function file(employerName: string, postal: string, worker: { passport: string; birthDate: string }, day = "2026-03-02") {
  const employer = await demoUser(db, "secretariat", employerName);
  const input = await validApplication(
    {
      givenNames: "Karim",
      familyName: "Haddad",
      nationality: "MA",
      birthDate: worker.birthDate,
      passportNumber: worker.passport,
      personNumber: "",
      placeOfWorkPostalCode: postal,
      jobTitle: "Welder",
      employmentEnd: "",
      category: "shortage-occupation",
      grossAnnualSalary: "36000",
    },
    "2026-03-02",
  );
  const filed = await fileFor(db, employer, input, "en", { now: at(day) });
  return { ...filed, employer };
}

const row = (id: string) => db.selectFrom("applications").selectAll().where("id", "=", id).executeTakeFirstOrThrow();

describe("a case from submission to residence granted", () => {
  it("moves through region and OE, pausing the clock while documents are awaited", async () => {
    const { id, employer } = await file("Antwerp Port Engineering NV", "2030", { passport: "MA100001", birthDate: "1991-01-01" });
    const flanders = await demoUser(db, "officer.flanders");
    const oe = await demoUser(db, "officer.oe");

    expect((await row(id)).due_on).toBe("2026-04-01"); // 30 days to check completeness
    let version = (await applyCaseCommand(db, { user: flanders }, id, 1, { type: "DECLARE_COMPLETE" }, at("2026-03-05"))).version;
    expect((await row(id)).due_on).toBe("2026-07-06"); // four months from admissibility: 5 July is a Sunday

    version = (
      await applyCaseCommand(
        db,
        { user: flanders },
        id,
        version,
        { type: "REQUEST_DOCUMENTS", message: "Please send the signed contract.", items: ["Signed employment contract"] },
        at("2026-03-10"),
      )
    ).version;
    expect((await row(id)).status).toBe("regional-awaiting-documents");
    // While the clock stands still nothing is due: the queue says it waits for the applicant, never overdue.
    expect((await row(id)).due_on).toBeNull();
    const waiting = (await officerQueue(db, flanders, undefined, at("2026-09-01"))).cases.find((c) => c.id === id);
    expect(waiting).toMatchObject({ dueOn: null, waitingForApplicant: true });
    const overdue = await officerQueue(db, flanders, { status: "open", due: "overdue", mine: false, category: "all", after: null }, at("2026-09-01"));
    expect(overdue.cases.map((c) => c.id)).not.toContain(id);

    // Answering without the requested file is refused, and changes nothing.
    await expect(
      applyCaseCommand(db, { user: employer }, id, version, { type: "DOCUMENTS_PROVIDED" }, at("2026-03-20")),
    ).rejects.toBeInstanceOf(MissingDocumentsError);
    const item = await db.selectFrom("document_request_items").select("id").executeTakeFirstOrThrow();
    await db
      .insertInto("documents")
      .values({
        application_id: id,
        item: requestItemSlot(item.id),
        file_name: "contract.pdf",
        media_type: "application/pdf",
        size_bytes: 1000,
        sha256: "0".repeat(64),
        uploaded_by: employer.id,
      })
      .execute();
    version = (await applyCaseCommand(db, { user: employer }, id, version, { type: "DOCUMENTS_PROVIDED" }, at("2026-03-20"))).version;
    const resumed = await row(id);
    expect(resumed.status).toBe("regional-completeness");
    expect(resumed.due_on).toBe("2026-07-15"); // ten days suspended: 10 March to 20 March

    version = (await applyCaseCommand(db, { user: flanders }, id, version, { type: "DECLARE_COMPLETE" }, at("2026-03-21"))).version;
    expect((await row(id)).due_on).toBe("2026-07-15"); // the decision period goes on, it does not restart
    version = (await applyCaseCommand(db, { user: oe }, id, version, { type: "PRE_CHECKS_DONE" }, at("2026-03-22"))).version;
    version = (await applyCaseCommand(db, { user: flanders }, id, version, { type: "AUTHORISE_WORK" }, at("2026-03-23"))).version;
    expect((await row(id)).status).toBe("oe-review");
    await applyCaseCommand(db, { user: oe }, id, version, { type: "GRANT_RESIDENCE" }, at("2026-04-01"));

    const done = await row(id);
    expect(done.status).toBe("granted");
    expect(done.due_on).toBeNull();
    const view = await loadCaseView(db, done, employer, "2026-04-01");
    expect(view.decision).toMatchObject({ annex: "46", outcome: "granted" });
    expect(view.events.map((event) => event.type)).toEqual([
      "submitted",
      "declare-complete",
      "request-documents",
      "documents-provided",
      "declare-complete",
      "pre-checks-done",
      "authorise-work",
      "grant-residence",
    ]);
    expect(view.tracker.map((step) => step.state)).toEqual(["done", "done", "done", "done", "current"]);
  });
});

describe("officers deciding", () => {
  it("lets exactly one of two simultaneous decisions through; the other gets the conflict", async () => {
    const { id } = await file("Tuinbouw De Wilde BV", "3800", { passport: "MA100002", birthDate: "1992-02-02" });
    const flanders = await demoUser(db, "officer.flanders");
    const results = await Promise.allSettled([
      applyCaseCommand(db, { user: flanders }, id, 1, { type: "DECLARE_COMPLETE" }),
      applyCaseCommand(db, { user: flanders }, id, 1, { type: "REQUEST_DOCUMENTS", message: "m", items: ["x"] }),
    ]);
    const fulfilled = results.filter((result) => result.status === "fulfilled");
    const rejected = results.filter((result) => result.status === "rejected");
    expect(fulfilled).toHaveLength(1);
    expect(rejected).toHaveLength(1);
    expect((rejected[0] as PromiseRejectedResult).reason).toBeInstanceOf(CaseConflictError);
    expect((await row(id)).version).toBe(2);
    const events = await db.selectFrom("application_events").select("type").where("application_id", "=", id).execute();
    expect(events).toHaveLength(2);
  });

  it("refuses another region's officer (403) and logs the attempt; refuses steps the state does not allow", async () => {
    const { id } = await file("Tuinbouw De Wilde BV", "3800", { passport: "MA100003", birthDate: "1993-03-03" });
    const brussels = await demoUser(db, "officer.brussels");
    const flanders = await demoUser(db, "officer.flanders");
    const attempt = await applyCaseCommand(db, { user: brussels }, id, 1, { type: "DECLARE_COMPLETE" }).catch((e) => e);
    expect(attempt).toBeInstanceOf(ForbiddenError);
    const audit = await db
      .selectFrom("audit_log")
      .select(["actor_user_id", "allowed", "action"])
      .where("subject_id", "=", id)
      .execute();
    expect(audit).toContainEqual({ actor_user_id: brussels.id, allowed: false, action: "act" });
    await expect(applyCaseCommand(db, { user: flanders }, id, 1, { type: "AUTHORISE_WORK" })).rejects.toBeInstanceOf(
      CaseCommandRefused,
    );
    expect((await row(id)).version).toBe(1);
  });

  it("reroutes a misrouted case: it leaves one region's queue and appears in the other's, history kept", async () => {
    const { id } = await file("Logistique Meuse SA", "5000", { passport: "MA100004", birthDate: "1994-04-04" });
    const wallonia = await demoUser(db, "officer.wallonia");
    const brussels = await demoUser(db, "officer.brussels");
    await applyCaseCommand(db, { user: wallonia }, id, 1, {
      type: "REROUTE",
      to: "brussels",
      reason: "The worker will work in Anderlecht.",
    });
    const moved = await row(id);
    expect(moved).toMatchObject({ competent_authority: "brussels", status: "regional-completeness", version: 2 });
    expect((await officerQueue(db, wallonia)).cases.map((c) => c.id)).not.toContain(id);
    expect((await officerQueue(db, brussels)).cases.map((c) => c.id)).toContain(id);
    const events = await db.selectFrom("application_events").select(["type", "reason"]).where("application_id", "=", id).orderBy("id").execute();
    expect(events).toEqual([
      { type: "submitted", reason: null },
      { type: "reroute", reason: "The worker will work in Anderlecht." },
    ]);
  });
});

describe("the queue", () => {
  it("filters by category and lists the earliest legal due date first", async () => {
    const early = await file("Antwerp Port Engineering NV", "2030", { passport: "MA500001", birthDate: "1991-01-01" }, "2026-02-01");
    const late = await file("Antwerp Port Engineering NV", "2030", { passport: "MA500002", birthDate: "1991-01-01" }, "2026-02-20");
    const flanders = await demoUser(db, "officer.flanders");
    const shortage = (await officerQueue(db, flanders, { status: "open", due: "all", mine: false, category: "shortage-occupation", after: null })).cases;
    expect(shortage.every((item) => item.category === "shortage-occupation")).toBe(true);
    const ids = shortage.map((item) => item.id);
    expect(ids).toContain(early.id);
    expect(ids).toContain(late.id);
    expect(ids.indexOf(early.id)).toBeLessThan(ids.indexOf(late.id));
    expect(await officerQueue(db, flanders, { status: "open", due: "all", mine: false, category: "blue-card", after: null })).toEqual({ cases: [], next: null });
  });
});

describe("the queue's pages", () => {
  it("walks every open case once, in due-date order, one page after another; a spoilt position is the first page", async () => {
    for (const [n, day] of ["2026-02-03", "2026-02-03", "2026-02-04", "2026-02-05"].entries()) {
      await file("Antwerp Port Engineering NV", "2030", { passport: `MA60000${n}`, birthDate: "1991-01-01" }, day);
    }
    const flanders = await demoUser(db, "officer.flanders");
    const all = (await officerQueue(db, flanders, undefined, new Date(), 1000)).cases.map((c) => c.id);
    expect(all.length).toBeGreaterThanOrEqual(4);
    const walked: string[] = [];
    let filters = { status: "open" as const, due: "all" as const, mine: false, category: "all" as const, after: parseCursor(null) };
    for (let page = 0; page < all.length + 1; page++) {
      const { cases, next } = await officerQueue(db, flanders, filters, new Date(), 3);
      walked.push(...cases.map((c) => c.id));
      if (!next) break;
      expect(cases).toHaveLength(3);
      filters = { ...filters, after: parseCursor(next) };
    }
    expect(walked).toEqual(all);
    const dues = (await officerQueue(db, flanders, undefined, new Date(), 1000)).cases.map((c) => c.dueOn ?? "~");
    expect([...dues].sort()).toEqual(dues);
    for (const spoilt of ["", "x", Buffer.from("2026-01-01_nope_1").toString("base64url"), "%%%", "a".repeat(500)]) {
      expect(parseCursor(spoilt)).toBeNull();
    }
  });
});

describe("region shopping", () => {
  it("shows the officer an earlier refusal of the same worker in another region", async () => {
    const worker = { passport: "MA200001", birthDate: "1990-05-05" };
    const first = await file("Brussels Digital Solutions SRL", "1000", worker);
    const brussels = await demoUser(db, "officer.brussels");
    const { version } = await applyCaseCommand(db, { user: brussels }, first.id, 1, { type: "DECLARE_COMPLETE" });
    await applyCaseCommand(db, { user: brussels }, first.id, version, { type: "REFUSE_WORK", reason: "Salary below the threshold." });

    const second = await file("Eupener Maschinenbau GmbH", "4700", worker);
    const officer = await demoUser(db, "officer.dg");
    const refusals = await earlierRefusals(db, await row(second.id), officer, "2026-11-22");
    expect(refusals).toEqual([
      { reference: first.reference, authority: "brussels", decidedAt: expect.any(String), reason: "Salary below the threshold." },
    ]);
    const unrelated = await file("Eupener Maschinenbau GmbH", "4700", { passport: "MA200002", birthDate: "1990-05-05" });
    expect(await earlierRefusals(db, await row(unrelated.id), officer, "2026-11-22")).toEqual([]);
  });
});

describe("the deadline sweep", () => {
  it("grants by law a general case past its decision deadline, escalates a late completeness check, once", async () => {
    const late = await file("Antwerp Port Engineering NV", "2030", { passport: "MA300001", birthDate: "1990-06-06" }, "2025-01-06");
    const unchecked = await file("Antwerp Port Engineering NV", "2030", { passport: "MA300002", birthDate: "1990-06-07" }, "2025-01-06");
    const flanders = await demoUser(db, "officer.flanders");
    await applyCaseCommand(db, { user: flanders }, late.id, 1, { type: "DECLARE_COMPLETE" }, at("2025-01-10"));

    const now = at("2025-06-01"); // 142 days after admissibility; 146 after the unchecked submission
    const first = await sweepDeadlines(db, now);
    const second = await sweepDeadlines(db, now);
    expect(await row(late.id)).toMatchObject({ status: "granted" });
    expect(await row(unchecked.id)).toMatchObject({ status: "regional-completeness", escalated: true });
    const deemed = await db.selectFrom("application_events").select("detail").where("application_id", "=", late.id).where("type", "=", "deemed-grant").execute();
    expect(deemed).toHaveLength(1);
    expect(deemed[0]!.detail).toMatchObject({ annex: "47" });
    const escalations = await db.selectFrom("application_events").select("id").where("application_id", "=", unchecked.id).where("type", "=", "deadline-missed").execute();
    expect(escalations).toHaveLength(1);
    expect(first.deemedGrants).toBeGreaterThanOrEqual(1);
    // What `npm run jobs` prints: the cases by reference.
    expect(first.references.deemedGrants).toContain((await row(late.id)).reference);
    expect(first.references.escalations).toContain((await row(unchecked.id)).reference);
    expect(second).toEqual({ deemedGrants: 0, escalations: 0, proposals: 0, failed: 0, references: { deemedGrants: [], escalations: [], proposals: [] } });
  });
});
