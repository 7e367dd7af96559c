import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DB } from "../../app/db/db.server";
import { seedDemoData } from "../../app/demo/seed.server";
import { applicantMaySee, listApplicationsFor, submitNewApplication } from "../../app/cases/applications.server";
import { authoriseOfficerRead, officerQueue } from "../../app/cases/officer-queue.server";
import { validApplication } from "../support/applications";
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

async function statusOf(error: unknown): Promise<number> {
  if (error instanceof Response) return error.status;
  throw error;
}

describe("a single-permit application from submission to the regional queue", () => {
  it("routes a Flemish place of work to the Flemish queue only, with a reference and status", async () => {
    const employer = await demoUser(db, "secretariat", "Antwerp Port Engineering NV");
    const input = await valid("2030");
    const filed = await submitNewApplication(employer, randomUUID(), input.value, input.authority, "en");
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
    expect((await officerQueue(flanders)).map((c) => c.id)).toContain(filed.id);
    expect((await officerQueue(brussels)).map((c) => c.id)).not.toContain(filed.id);

    const mine = await listApplicationsFor(employer);
    expect(mine.find((a) => a.id === filed.id)).toMatchObject({ status: "regional-completeness", authority: "flanders" });
  });

  it("refuses another region's officer (403), and logs both the refused and the allowed read", async () => {
    const employer = await demoUser(db, "employer");
    const input = await valid("3800");
    const filed = await submitNewApplication(employer, randomUUID(), input.value, input.authority, "nl");
    const brussels = await demoUser(db, "officer.brussels");
    const flanders = await demoUser(db, "officer.flanders");

    expect(await authoriseOfficerRead(brussels, filed.id).catch(statusOf)).toBe(403);
    const detail = await authoriseOfficerRead(flanders, filed.id);
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
      submitNewApplication(employer, id, input.value, input.authority, "fr"),
      submitNewApplication(employer, id, input.value, input.authority, "fr"),
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
    const filed = await submitNewApplication(secretariat, randomUUID(), input.value, input.authority, "nl");
    const row = await db.selectFrom("applications").selectAll().where("id", "=", filed.id).executeTakeFirstOrThrow();
    expect(row.competent_authority).toBe("brussels");
    // Brussels works in French or Dutch: the applicant's Dutch is kept as language of procedure.
    expect(row.procedure_language).toBe("nl");

    const otherEmployer = await demoUser(db, "employer"); // mandated for the horticulture grower only
    const worker = await demoUser(db, "worker"); // not this application's worker
    expect(await applicantMaySee(db, secretariat, row)).toBe(true);
    expect(await applicantMaySee(db, otherEmployer, row)).toBe(false);
    expect(await applicantMaySee(db, worker, row)).toBe(false);
    expect((await listApplicationsFor(otherEmployer)).map((a) => a.id)).not.toContain(filed.id);
  });

  it("sends a German-speaking Community place of work to the DG, with German as language of procedure", async () => {
    const secretariat = await demoUser(db, "secretariat", "Eupener Maschinenbau GmbH");
    const input = await valid("4700");
    const filed = await submitNewApplication(secretariat, randomUUID(), input.value, input.authority, "fr");
    const row = await db.selectFrom("applications").selectAll().where("id", "=", filed.id).executeTakeFirstOrThrow();
    expect(row).toMatchObject({ competent_authority: "dg", procedure_language: "de" });
    const dg = await demoUser(db, "officer.dg");
    const wallonia = await demoUser(db, "officer.wallonia");
    expect((await officerQueue(dg)).map((c) => c.id)).toContain(filed.id);
    expect((await officerQueue(wallonia)).map((c) => c.id)).not.toContain(filed.id);
  });
});
