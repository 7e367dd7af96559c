import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DB } from "../../app/db/db.server";
import { seedDemoData } from "../../app/demo/seed.server";
import { requireCase } from "../../app/cases/access.server";
import { listApplicationsFor } from "../../app/cases/applicant-list.server";
import { officerQueue } from "../../app/cases/officer-queue.server";
import { ForbiddenError, NotFoundError } from "../../app/errors";
import type { User } from "../../app/identity/user";
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

async function valid(postalCode: string) {
  const result = await validApplication(
    {
      givenNames: "Ana",
      familyName: "Šimić",
      nationality: "RS",
      birthDate: "1990-03-14",
      passportNumber: "RS1234567",
      personNumber: "",
      placeOfWorkPostalCode: postalCode,
      jobTitle: "Greenhouse technician",
      employmentEnd: "2027-06-30",
      category: "highly-qualified",
      grossAnnualSalary: "58 000",
    },
    "2026-11-22",
  );
  return result;
}


describe("a single-permit application from submission to the regional queue", () => {
  it("routes a Flemish place of work to the Flemish queue only, with a reference and status", async () => {
    const employer = await demoUser(db, "secretariat", "Antwerp Port Engineering NV");
    const input = await valid("2030");
    const filed = await fileFor(db, employer, input, "en");
    expect(filed.created).toBe(true);
    expect(filed.reference).toMatch(/^SP-\d{4}-\d{6}$/);

    const row = await db.selectFrom("applications").selectAll().where("id", "=", filed.id).executeTakeFirstOrThrow();
    expect(row.competent_authority).toBe("flanders");
    expect(row.procedure_language).toBe("nl");
    expect(row.status).toBe("regional-completeness");
    expect(row.version).toBe(1);
    expect(row.machine_snapshot).not.toBeNull();

    const flanders = await demoUser(db, "officer.flanders");
    const brussels = await demoUser(db, "officer.brussels");
    expect((await officerQueue(db, flanders)).cases.map((c) => c.id)).toContain(filed.id);
    expect((await officerQueue(db, brussels)).cases.map((c) => c.id)).not.toContain(filed.id);

    const mine = await listApplicationsFor(db, employer);
    expect(mine.find((a) => a.id === filed.id)).toMatchObject({ status: "regional-completeness", authority: "flanders" });
  });

  it("refuses another region's officer (403), and logs both the refused and the allowed read", async () => {
    const employer = await demoUser(db, "employer");
    const input = await valid("3800");
    const filed = await fileFor(db, employer, input, "nl");
    const brussels = await demoUser(db, "officer.brussels");
    const flanders = await demoUser(db, "officer.flanders");

    await expect(requireCase(db, { user: brussels }, filed.id, "handle")).rejects.toBeInstanceOf(ForbiddenError);
    const detail = await requireCase(db, { user: flanders }, filed.id, "handle");
    expect(detail.reference).toBe(filed.reference);

    const audit = await db
      .selectFrom("audit_log")
      .select(["actor_user_id", "allowed", "purpose", "action"])
      .where("subject_type", "=", "application")
      .where("subject_id", "=", filed.id)
      .orderBy("id")
      .execute();
    expect(audit).toEqual([
      { actor_user_id: brussels.id, allowed: false, purpose: "case-handling", action: "read" },
      { actor_user_id: flanders.id, allowed: true, purpose: "case-handling", action: "read" },
    ]);
  });

  it("files one application when the same form is posted twice at once", async () => {
    const employer = await demoUser(db, "secretariat", "Logistique Meuse SA");
    const input = await valid("5000");
    const id = randomUUID();
    const [first, second] = await Promise.all([
      fileFor(db, employer, input, "fr", { id }),
      fileFor(db, employer, input, "fr", { id }),
    ]);
    expect(first.reference).toBe(second.reference);
    expect([first.created, second.created].sort()).toEqual([false, true]);
    const count = await db
      .selectFrom("applications")
      .select((eb) => eb.fn.countAll<number>().as("n"))
      .where("id", "=", id)
      .executeTakeFirstOrThrow();
    expect(Number(count.n)).toBe(1);
    const events = await db.selectFrom("application_events").select("id").where("application_id", "=", id).execute();
    expect(events).toHaveLength(1);
  });

  it("shows an application only to those it belongs to", async () => {
    const secretariat = await demoUser(db, "secretariat", "Brussels Digital Solutions SRL");
    const input = await valid("1000");
    const filed = await fileFor(db, secretariat, input, "nl");
    const row = await db.selectFrom("applications").selectAll().where("id", "=", filed.id).executeTakeFirstOrThrow();
    expect(row.competent_authority).toBe("brussels");
    // Brussels works in French or Dutch: the applicant's Dutch is kept as language of procedure.
    expect(row.procedure_language).toBe("nl");

    const otherEmployer = await demoUser(db, "employer"); // mandated for the horticulture grower only
    const worker = await demoUser(db, "worker"); // not this application's worker
    const follows = (user: User) => requireCase(db, { user }, row.id, "follow").then(() => true, (error: unknown) => (error instanceof NotFoundError ? false : Promise.reject(error)));
    expect(await follows(secretariat)).toBe(true);
    expect(await follows(otherEmployer)).toBe(false);
    expect(await follows(worker)).toBe(false);
    expect((await listApplicationsFor(db, otherEmployer)).map((a) => a.id)).not.toContain(filed.id);
  });

  it("sends a German-speaking Community place of work to the DG, with German as language of procedure", async () => {
    const secretariat = await demoUser(db, "secretariat", "Eupener Maschinenbau GmbH");
    const input = await valid("4700");
    const filed = await fileFor(db, secretariat, input, "fr");
    const row = await db.selectFrom("applications").selectAll().where("id", "=", filed.id).executeTakeFirstOrThrow();
    expect(row).toMatchObject({ competent_authority: "dg", procedure_language: "de" });
    const dg = await demoUser(db, "officer.dg");
    const wallonia = await demoUser(db, "officer.wallonia");
    expect((await officerQueue(db, dg)).cases.map((c) => c.id)).toContain(filed.id);
    expect((await officerQueue(db, wallonia)).cases.map((c) => c.id)).not.toContain(filed.id);
  });
});
