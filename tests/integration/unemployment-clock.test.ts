import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { applyCaseCommand } from "../../app/cases/case-commands.server";
import { submitNewApplication } from "../../app/cases/filing.server";
import type { DB } from "../../app/db/db.server";
import { seedDemoData } from "../../app/demo/seed.server";
import { deliverPending, localChannels } from "../../app/delivery/delivery.server";
import { localCadastre } from "../../app/delivery/cadastre.server";
import { recordEndOfEmployment } from "../../app/permits/end-of-employment.server";
import { stopUnemploymentClock, sweepUnemploymentPeriods, unemploymentForOe, unemploymentPeriodOfCase, unemploymentPeriodsOf } from "../../app/permits/unemployment.server";
import { makePersonNumber } from "../../forms/identifiers";
import { applicationData } from "../../forms/universal-form";
import { addDays, todayInBelgium } from "../../workflows/legal-clock";
import { unemploymentPeriod } from "../../workflows/unemployment-period";
import { openTestDatabase } from "../support/test-db";
import { demoUser } from "../support/users";

/**
 * Issue 17 point 2: an employment that ends starts the unemployment clock; a change of
 * employer within it stops it; one that runs out reaches the Immigration Office; the
 * cadastre and the e-Boxes follow. On PGlite and on PostgreSQL.
 */

let db: DB;
let drop: () => Promise<void>;
const NOW = new Date();
const TODAY = todayInBelgium(NOW);
let serial = 500;

beforeAll(async () => {
  ({ db, drop } = await openTestDatabase());
  await seedDemoData(db);
});
afterAll(() => drop());

/** A granted single permit in Brussels for a new worker; returns the case and the worker's number. */
async function grantedPermit() {
  const representative = await demoUser(db, "secretariat", "Brussels Digital Solutions SRL");
  const personNumber = makePersonNumber("1991-02-03", ++serial);
  const data = applicationData(
    {
      worker: { givenNames: "Lejla", familyName: "Hodžić", nationality: "BA", birthDate: "1991-02-03", passportNumber: `B${serial}000`, personNumber, livesIn: "abroad", visaPost: "sarajevo" },
      employment: { category: "other", jobTitle: "Developer", placeOfWorkPostalCode: "1000", contractStart: addDays(TODAY, -1), employmentEnd: "", grossAnnualSalary: "52000" },
      residence: { feeStatus: "paid", feePaidOn: addDays(TODAY, -3), healthInsurance: "mutuality" },
    },
    [],
  );
  const { id } = await submitNewApplication(db, representative, { applicationId: randomUUID(), employerId: representative.actingFor!.employerId, data, authority: "brussels", uiLanguage: "en" });
  const brussels = await demoUser(db, "officer.brussels");
  const oe = await demoUser(db, "officer.oe");
  let version = 1;
  for (const [user, type] of [[brussels, "DECLARE_COMPLETE"], [oe, "PRE_CHECKS_DONE"], [brussels, "AUTHORISE_WORK"], [oe, "GRANT_RESIDENCE"]] as const) {
    version = (await applyCaseCommand(db, { user }, id, version, { type })).version;
  }
  const { reference } = await db.selectFrom("applications").select("reference").where("id", "=", id).executeTakeFirstOrThrow();
  const { valid_from } = await db.selectFrom("permits").select("valid_from").where("application_id", "=", id).executeTakeFirstOrThrow();
  return { id, representative, personNumber, reference: reference!, validFrom: valid_from };
}

const drain = async () => {
  for (let pass = 0; pass < 5; pass++) if ((await deliverPending(db, localChannels(db))).delivered === 0) break;
};

const noticesTo = (recipient: string) =>
  db.selectFrom("ebox_messages").select(["subject", "body"]).where("recipient_id", "=", recipient).orderBy("delivered_at").execute();

describe("the unemployment clock", () => {
  it("starts when the employer reports the end of the employment: the worker, his e-Box and the cadastre see it", async () => {
    const permit = await grantedPermit();
    const endedOn = addDays(TODAY, -10);
    await recordEndOfEmployment(db, permit.representative, permit.id, { endedOn, note: "" }, NOW);
    const expected = unemploymentPeriod({ employmentEndedOn: endedOn, permitValidFrom: permit.validFrom });

    const [period] = await unemploymentPeriodsOf(db, permit.personNumber, NOW);
    expect(period).toMatchObject({ caseId: permit.id, reference: permit.reference, startsOn: addDays(TODAY, -9), endsOn: expected.endsOn, status: "running", reportedBy: "employer" });
    console.log(`period: ended ${endedOn}, runs ${period!.startsOn} → ${period!.endsOn} (${period!.rule}), ${period!.daysLeft} days left`);
    expect(period!.daysLeft).toBeGreaterThanOrEqual(80);

    // A second report changes nothing.
    await expect(recordEndOfEmployment(db, permit.representative, permit.id, { endedOn, note: "" }, NOW)).rejects.toMatchObject({ messageKey: "endOfEmployment.errors.notNow" });
    expect(await unemploymentPeriodsOf(db, permit.personNumber, NOW)).toHaveLength(1);

    await drain();
    const notices = await noticesTo(permit.personNumber);
    expect(notices.map((n) => n.subject)).toContainEqual(expect.stringContaining("votre période pour trouver un emploi court jusqu"));
    const consulted = await localCadastre(db).consult({ personNumber: permit.personNumber });
    expect(consulted.unemployment).toEqual([expect.objectContaining({ case_reference: permit.reference, status: "running", ends_on: expected.endsOn })]);
  });

  it("is stopped by a change of employer filed within it; a stop with none running does nothing", async () => {
    const permit = await grantedPermit();
    await recordEndOfEmployment(db, permit.representative, permit.id, { endedOn: addDays(TODAY, -5), note: "" }, NOW);
    const stopped = await stopUnemploymentClock(db, permit.personNumber, "change of employer SP-TEST", NOW);
    expect(stopped).toMatchObject({ status: "stopped", stoppedOn: TODAY, stopReason: "change of employer SP-TEST", daysLeft: null });
    expect(await stopUnemploymentClock(db, permit.personNumber, "again", NOW)).toBeNull();
    expect(await stopUnemploymentClock(db, makePersonNumber("1970-01-01", 997), "nobody", NOW)).toBeNull();
    // Inside the caller's transaction too.
    const other = await grantedPermit();
    await recordEndOfEmployment(db, other.representative, other.id, { endedOn: addDays(TODAY, -1), note: "" }, NOW);
    await db.transaction().execute((trx) => stopUnemploymentClock(trx, other.personNumber, "filed", NOW));
    expect(await unemploymentPeriodOfCase(db, other.id, NOW)).toMatchObject({ status: "stopped" });

    const history = await db.selectFrom("application_events").select("type").where("application_id", "=", permit.id).execute();
    expect(history.map((e) => e.type)).toContain("unemployment-period-stopped");
    await drain();
    const consulted = await localCadastre(db).consult({ personNumber: permit.personNumber });
    expect(consulted.unemployment).toEqual([expect.objectContaining({ status: "stopped", status_on: TODAY })]);
  });

  it("a period run out without a stop reaches the Immigration Office, once; too late to stop it", async () => {
    const permit = await grantedPermit();
    await recordEndOfEmployment(db, permit.representative, permit.id, { endedOn: addDays(TODAY, -3), note: "" }, NOW);
    const period = (await unemploymentPeriodOfCase(db, permit.id, NOW))!;
    const lastDay = new Date(NOW.getTime() + (period.daysLeft ?? 0) * 86_400_000);
    const dayAfter = new Date(lastDay.getTime() + 86_400_000);

    expect(await sweepUnemploymentPeriods(db, lastDay)).not.toContain(permit.reference);
    expect(await stopUnemploymentClock(db, permit.personNumber, "too late", dayAfter)).toBeNull();
    // Before the sweep the OE already sees it as run out.
    expect((await unemploymentForOe(db, dayAfter)).runOut.map((p) => p.reference)).toContain(permit.reference);
    expect(await sweepUnemploymentPeriods(db, dayAfter)).toContain(permit.reference);
    expect(await sweepUnemploymentPeriods(db, dayAfter)).not.toContain(permit.reference);
    expect(await unemploymentPeriodOfCase(db, permit.id, dayAfter)).toMatchObject({ status: "run-out", daysLeft: null });
    const oe = await unemploymentForOe(db, dayAfter);
    expect(oe.runOut.map((p) => p.reference)).toContain(permit.reference);
    console.log(`OE: ${oe.runOut.length} run out (${oe.runOut.map((p) => p.reference).join(", ")}), ${oe.running} running`);
    const history = await db.selectFrom("application_events").select(["type", "authority"]).where("application_id", "=", permit.id).orderBy("id").execute();
    expect(history.at(-1)).toEqual({ type: "unemployment-period-run-out", authority: "oe" });

    // The OE ends the right to stay: the item leaves its list.
    const oeOfficer = await demoUser(db, "officer.oe");
    const { version } = await db.selectFrom("applications").select("version").where("id", "=", permit.id).executeTakeFirstOrThrow();
    await applyCaseCommand(db, { user: oeOfficer }, permit.id, version, { type: "REVOKE", reason: "Unemployment period ran out", ground: "conditions-not-met" });
    expect((await unemploymentForOe(db, dayAfter)).runOut.map((p) => p.reference)).not.toContain(permit.reference);

    await drain();
    expect((await noticesTo(permit.personNumber)).map((n) => n.subject)).toContainEqual(expect.stringContaining("Votre période pour trouver un emploi a pris fin"));
    expect((await localCadastre(db).consult({ personNumber: permit.personNumber })).unemployment).toEqual([expect.objectContaining({ status: "run-out" })]);
  });
});
