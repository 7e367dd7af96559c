import { randomUUID } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DB } from "../../app/db/db.server";
import { seedDemoData } from "../../app/demo/seed.server";
import { listApplicationsFor } from "../../app/cases/applicant-list.server";
import { submitPermanentApplication } from "../../app/cases/filing.server";
import { ForbiddenError } from "../../app/errors";
import { applyCaseCommand } from "../../app/cases/case-commands.server";
import { deliverPending, localChannels } from "../../app/delivery/delivery.server";
import { localDocumentStore } from "../../app/documents/store.server";
import { officerQueue } from "../../app/cases/officer-queue.server";
import { validatePermanentApplication } from "../../forms/permanent-application";
import { openTestDatabase } from "../support/test-db";
import { demoUser } from "../support/users";

let db: DB;
let drop: () => Promise<void>;
let root: string;

beforeAll(async () => {
  ({ db, drop } = await openTestDatabase());
  await seedDemoData(db);
  root = mkdtempSync(join(tmpdir(), "sp-permanent-"));
});
afterAll(async () => {
  await drop();
  rmSync(root, { recursive: true, force: true });
});

describe("an unlimited permit requested by the resident himself", () => {
  it("is routed by residence, filed once, decided, and delivered to his own e-Box", async () => {
    const resident = await demoUser(db, "resident");
    const input = validatePermanentApplication({ residencePostalCode: "2000", yearsWorkedLastFive: "5", yearsResident: "6", currentPermitNumber: "B123456789" });
    if (!input.ok) throw new Error("valid input expected");
    const id = randomUUID();
    const filing = { applicationId: id, data: input.value, authority: input.authority, uiLanguage: "fr" as const };
    const [first, second] = await Promise.all([
      submitPermanentApplication(db, resident, filing),
      submitPermanentApplication(db, resident, filing),
    ]);
    expect(first.reference).toBe(second.reference);
    const row = await db.selectFrom("applications").selectAll().where("id", "=", id).executeTakeFirstOrThrow();
    expect(row).toMatchObject({ kind: "permanent", category: "permanent", competent_authority: "flanders", procedure_language: "nl", employer_id: null });
    expect((await listApplicationsFor(db, resident)).map((a) => a.id)).toContain(id);

    const flanders = await demoUser(db, "officer.flanders");
    const oe = await demoUser(db, "officer.oe");
    expect((await officerQueue(db, flanders)).cases.map((c) => c.id)).toContain(id);
    let version = 1;
    for (const [user, type] of [
      [flanders, "DECLARE_COMPLETE"],
      [oe, "PRE_CHECKS_DONE"],
      [flanders, "AUTHORISE_WORK"],
      [oe, "GRANT_RESIDENCE"],
    ] as const) {
      version = (await applyCaseCommand(db, { user }, id, version, { type })).version;
    }
    await deliverPending(db, localChannels(db, localDocumentStore(root)));
    const messages = await db.selectFrom("ebox_messages").select(["recipient_kind", "recipient_id", "attachment_name"]).where("application_id", "=", id).orderBy("delivered_at").execute();
    // The region's work authorisation, then the OE's annex 46: both in his own e-Box.
    expect(messages).toEqual([
      { recipient_kind: "person", recipient_id: resident.personNumber, attachment_name: `${first.reference}-work-authorisation-nl.pdf` },
      { recipient_kind: "person", recipient_id: resident.personNumber, attachment_name: `${first.reference}-annex-46-nl.pdf` },
    ]);
    expect((await db.selectFrom("applications").select("status").where("id", "=", id).executeTakeFirstOrThrow()).status).toBe("issued");
    const cadastre = await db.selectFrom("limosa.permits").selectAll().where("case_reference", "=", first.reference).executeTakeFirstOrThrow();
    expect(cadastre).toMatchObject({ permit_kind: "permanent", employer_enterprise_number: null, status: "valid" });
  });

  it("is only for residents with a national number", async () => {
    const worker = await demoUser(db, "employer");
    const input = validatePermanentApplication({ residencePostalCode: "2000", yearsWorkedLastFive: "5", yearsResident: "6", currentPermitNumber: "B123456789" });
    if (!input.ok) throw new Error("valid input expected");
    const filing = { applicationId: randomUUID(), data: input.value, authority: input.authority, uiLanguage: "fr" as const };
    await expect(submitPermanentApplication(db, worker, filing)).rejects.toBeInstanceOf(ForbiddenError);
  });
});
