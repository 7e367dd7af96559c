import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DB } from "../../app/db/db.server";
import { seedDemoData } from "../../app/db/seed.server";
import { listApplicationsFor, loadDraft, saveDraft, submitNewApplication } from "../../app/services/applications.server";
import { validateNewApplication } from "../../forms/new-application";
import { openTestDatabase } from "../support/test-db";
import { demoUser } from "../support/users";

let db: DB;
let drop: () => Promise<void>;

beforeAll(async () => {
  ({ db, drop } = await openTestDatabase());
  await seedDemoData(db);
});
afterAll(() => drop());

describe("drafts", () => {
  it("are kept on the server, continued by a colleague of the same enterprise, and filed once under the same id", async () => {
    const employer = await demoUser(db, "employer"); // mandated for the horticulture grower
    const colleague = await demoUser(db, "secretariat", "Tuinbouw De Wilde BV"); // also mandated for it
    const id = randomUUID();
    expect(await saveDraft(employer, id, { givenNames: "Ana", familyName: "Šimić", placeOfWorkPostalCode: "38" })).toBe("saved");
    expect(await saveDraft(employer, id, { givenNames: "Ana", familyName: "Šimić", placeOfWorkPostalCode: "3800" })).toBe("saved");

    const listed = (await listApplicationsFor(employer)).find((a) => a.id === id);
    expect(listed).toMatchObject({ status: "draft", reference: null });
    expect(await loadDraft(colleague, id)).toMatchObject({ formVersion: 1, values: { placeOfWorkPostalCode: "3800" } });
    const other = await demoUser(db, "officer.flanders");
    expect(await loadDraft(other, id)).toBeNull();
    // Drafts are not cases: no officer queue sees them.
    expect(await db.selectFrom("applications").select("submitted_at").where("id", "=", id).executeTakeFirstOrThrow()).toEqual({ submitted_at: null });

    const input = validateNewApplication(
      {
        givenNames: "Ana",
        familyName: "Šimić",
        nationality: "RS",
        birthDate: "1990-03-14",
        passportNumber: "RS1234567",
        personNumber: "",
        placeOfWorkPostalCode: "3800",
        jobTitle: "Greenhouse worker",
        employmentEnd: "",
        category: "seasonal",
        grossAnnualSalary: "24 000",
      },
      "2026-11-22",
    );
    if (!input.ok) throw new Error("valid input expected");
    const [first, second] = await Promise.all([
      submitNewApplication(colleague, id, input.value, input.authority, "nl"),
      submitNewApplication(colleague, id, input.value, input.authority, "nl"),
    ]);
    expect(first.reference).toBe(second.reference);
    const row = await db.selectFrom("applications").selectAll().where("id", "=", id).executeTakeFirstOrThrow();
    expect(row).toMatchObject({ status: "regional-completeness", category: "seasonal", competent_authority: "flanders" });
    expect(await saveDraft(employer, id, { givenNames: "late" })).toBe("already-submitted");
    expect(await loadDraft(employer, id)).toBeNull();
  });

  it("cannot be continued or filed by a representative without a mandate for the enterprise", async () => {
    const employer = await demoUser(db, "employer");
    const outsider = await demoUser(db, "secretariat", "Logistique Meuse SA");
    const outsiderWithoutMandate = { ...outsider, mandates: outsider.mandates.filter((m) => m.name !== "Tuinbouw De Wilde BV") };
    const id = randomUUID();
    await saveDraft(employer, id, { givenNames: "Karim" });
    expect(await loadDraft(outsiderWithoutMandate, id)).toBeNull();
    await expect(saveDraft(outsiderWithoutMandate, id, { givenNames: "x" })).rejects.toBeInstanceOf(Response);
  });
});
