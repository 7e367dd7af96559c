import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { submitPermanentApplication } from "../../app/cases/filing.server";
import type { DB } from "../../app/db/db.server";
import { demoIdentity } from "../../app/demo/demo-identities.server";
import { seedDemoData } from "../../app/demo/seed.server";
import { loadFormDraft, registeredWorker, saveStep, startApplication } from "../../app/drafts/drafts.server";
import { enrolInLocalNationalRegister, lookUpPerson } from "../../app/registers/national-register.server";
import { makePersonNumber } from "../../forms/identifiers";
import { todayInBelgium } from "../../workflows/legal-clock";
import { ConflictError } from "../../app/errors";
import { installOutsideSystems, localSystems, type LocalSystems } from "../../app/systems/outside-systems.server";
import type { User } from "../../app/identity/user";
import { validatePermanentApplication } from "../../forms/permanent-application";
import { fileFor, validApplication } from "../support/applications";
import { openTestDatabase } from "../support/test-db";
import { demoUser, openBrowserSession } from "../support/users";
import { lookUpSession } from "../../app/identity/sessions.server";
import { mandateServiceStub, setMandateService, withMandatesNow } from "../../app/identity/mandates.server";
import { SESSION_COOKIE } from "../../app/http/session.server";

/**
 * The national register as an outside system (issue 18, point 2): the portal asks it
 * through its interface, and its stub can be told to fail, never answer, answer late, or
 * answer differently from what the applicant typed. What the applicant sees in each case.
 */

let db: DB;
let drop: () => Promise<void>;
let systems: LocalSystems;
let employer: User;
const NOW = new Date("2026-11-23T10:00:00+01:00");
const ANA = { givenNames: "Ana", familyName: "Šimić", nationality: "RS", birthDate: "1990-03-14", passportNumber: "RS1234567", livesIn: "abroad", visaPost: "belgrade" };

beforeAll(async () => {
  ({ db, drop } = await openTestDatabase());
  await seedDemoData(db);
  systems = installOutsideSystems(db, { ...localSystems(db), timeLimitMs: 200 });
  employer = await demoUser(db, "employer");
});
afterAll(() => drop());

/** The worker step as its page's POST saves it, with Ana's national number. */
async function workerStep(values: Record<string, string> = {}) {
  const id = await startApplication(db, employer);
  await saveStep(db, employer, (await loadFormDraft(db, employer, id))!, "employer", {}, NOW);
  const draft = (await loadFormDraft(db, employer, id))!;
  const saved = await saveStep(db, employer, draft, "worker", { ...ANA, personNumber: demoIdentity("worker").nationalNumber, ...values }, NOW);
  if (saved.kind !== "saved") throw new Error("filed meanwhile");
  return saved;
}

function resetRegister() {
  Object.assign(systems.nationalRegister.behaviour, { failWith: null, hang: false, delayMs: 0, loseAnswer: false });
  systems.nationalRegister.differs = null;
}

describe("the worker step asks the national register", () => {
  it("takes the worker when the register agrees, also when it answers late", async () => {
    resetRegister();
    expect((await workerStep()).result.ok).toBe(true);
    systems.nationalRegister.behaviour.delayMs = 50;
    expect((await workerStep()).result.ok).toBe(true);
    resetRegister();
  });

  it("shows the mismatch on the national number when the register knows another name or birth date, and keeps what was typed", async () => {
    for (const differs of [{ familyName: "Simic-Petrović" }, { birthDate: "1990-03-15" }]) {
      resetRegister();
      systems.nationalRegister.differs = differs;
      const saved = await workerStep();
      expect(saved.result).toMatchObject({ ok: false, errors: { personNumber: { key: "newApplication.errors.personNumberMismatch" } } });
      expect(saved.typed).toMatchObject({ familyName: "Šimić", birthDate: "1990-03-14" });
    }
    resetRegister();
  });

  it("says the register cannot be reached when it fails or does not answer in time, and keeps what was typed", async () => {
    for (const fault of [{ failWith: "503 Service Unavailable" }, { hang: true }]) {
      resetRegister();
      Object.assign(systems.nationalRegister.behaviour, fault);
      const saved = await workerStep();
      expect(saved.result).toMatchObject({ ok: false, errors: { personNumber: { key: "newApplication.errors.registerUnavailable" } } });
      expect(saved.typed).toMatchObject({ givenNames: "Ana", personNumber: demoIdentity("worker").nationalNumber });
    }
    resetRegister();
  });

  it("prints the register's names on the check page only when the register answers and agrees", async () => {
    resetRegister();
    const answers = { worker: { ...ANA, personNumber: demoIdentity("worker").nationalNumber } };
    expect(await registeredWorker(db, answers)).toMatchObject({ familyName: "Šimić", source: "national-register" });
    systems.nationalRegister.behaviour.failWith = "down";
    expect(await registeredWorker(db, answers)).toBeNull();
    resetRegister();
  });
});

describe("filing asks the national register again", () => {
  it("refuses with a message (409), files nothing, while the register cannot be reached; files once it is back", async () => {
    resetRegister();
    const input = await validApplication(
      { ...ANA, personNumber: demoIdentity("worker").nationalNumber, placeOfWorkPostalCode: "3800", jobTitle: "Picker", employmentEnd: "", category: "other", grossAnnualSalary: "36000" },
      new Date().toISOString().slice(0, 10),
    );
    const id = randomUUID();
    systems.nationalRegister.behaviour.hang = true;
    const refused = await fileFor(db, employer, input, "en", { id }).catch((error: unknown) => error);
    expect(refused).toBeInstanceOf(ConflictError);
    expect((refused as ConflictError).messageKey).toBe("newApplication.errors.registerUnavailable");
    expect(await db.selectFrom("applications").select("id").where("id", "=", id).executeTakeFirst()).toBeUndefined();

    systems.nationalRegister.behaviour.hang = false;
    systems.nationalRegister.differs = { givenNames: "Anna" };
    const mismatch = await fileFor(db, employer, input, "en", { id }).catch((error: unknown) => error);
    expect((mismatch as ConflictError).messageKey).toBe("newApplication.errors.personNumberMismatch");

    resetRegister();
    const filed = await fileFor(db, employer, input, "en", { id });
    expect(filed.id).toBe(id);
  });

  it("refuses a resident's unlimited-permit request with a message while the register cannot be reached", async () => {
    resetRegister();
    const resident = await demoUser(db, "resident");
    const permanent = validatePermanentApplication({ residencePostalCode: "4700", yearsWorkedLastFive: "5", yearsResident: "6", currentPermitNumber: "B123456789" });
    if (!permanent.ok) throw new Error("valid request expected");
    const filing = { applicationId: randomUUID(), data: permanent.value, authority: permanent.authority, uiLanguage: "de" as const };
    systems.nationalRegister.behaviour.failWith = "timeout at the register";
    const refused = await submitPermanentApplication(db, resident, filing).catch((error: unknown) => error);
    expect((refused as ConflictError).messageKey).toBe("newApplication.errors.registerUnavailable");
    resetRegister();
    expect((await submitPermanentApplication(db, resident, filing)).id).toBe(filing.applicationId);
  });
});

describe("the national register's persons are its own", () => {
  it("never takes the names an employer typed as the register's; a number filed under one person is refused for another", async () => {
    resetRegister();
    const number = makePersonNumber("1992-04-08", 517);
    const jan = { ...ANA, givenNames: "Jan", familyName: "Jansens", birthDate: "1992-04-08", passportNumber: "EN1234567", personNumber: number };
    const input = await validApplication(
      { ...jan, placeOfWorkPostalCode: "3800", jobTitle: "Picker", employmentEnd: "", category: "other", grossAnnualSalary: "36000" },
      todayInBelgium(new Date()),
    );
    // The register knows nobody by that number: the application is filed as typed …
    await fileFor(db, employer, input, "en", { id: randomUUID() });
    // … and what was typed does not become the register's: nothing is printed as confirmed by it.
    expect(await lookUpPerson(db, number)).toEqual({ state: "unknown" });
    expect(await registeredWorker(db, { worker: jan })).toBeNull();
    // Another person under the same number is refused at the step, what was typed kept; the same person is taken.
    const other = await workerStep({ givenNames: "Piet", familyName: "Peeters", birthDate: "1992-04-08", personNumber: number });
    expect(other.result).toMatchObject({ ok: false, errors: { personNumber: { key: "newApplication.errors.personNumberMismatch" } } });
    expect(other.typed).toMatchObject({ givenNames: "Piet", personNumber: number });
    expect((await workerStep({ givenNames: "Jan", familyName: "Jansens", birthDate: "1992-04-08", personNumber: number })).result.ok).toBe(true);
  });

  it("answers from its own data once it knows the person, whatever the portal holds", async () => {
    resetRegister();
    const number = makePersonNumber("1988-12-01", 611);
    await enrolInLocalNationalRegister(db, { personNumber: number, givenNames: "Sara", familyName: "Mendes", birthDate: "1988-12-01", nationality: "BR" });
    expect(await lookUpPerson(db, number)).toEqual({
      state: "found",
      person: { personNumber: number, givenNames: "Sara", familyName: "Mendes", birthDate: "1988-12-01", nationality: "BR" },
    });
    const typed = { ...ANA, givenNames: "Sara", familyName: "Mendes", birthDate: "1988-12-01", nationality: "PT", personNumber: number };
    expect(await registeredWorker(db, { worker: typed })).toEqual({
      givenNames: "Sara",
      familyName: "Mendes",
      nationality: "BR",
      nationalityDiffers: true,
      source: "national-register",
    });
    const mismatch = await workerStep({ givenNames: "Sarah", familyName: "Mendez", birthDate: "1988-12-01", personNumber: number });
    expect(mismatch.result).toMatchObject({ ok: false, errors: { personNumber: { key: "newApplication.errors.personNumberMismatch" } } });
  });
});

describe("the mandate service", () => {
  it("asked on each request: when it fails, the session keeps the mandates it was given at sign-in, and the failure is logged", async () => {
    const secretariat = await demoUser(db, "secretariat");
    const { cookie } = await openBrowserSession(db, secretariat);
    const found = await lookUpSession(db, cookie.slice(SESSION_COOKIE.length + 1));
    if (found.state !== "active") throw new Error("session expected");
    const logged: string[] = [];
    setMandateService({
      mandatesOf: async () => {
        throw new Error("mandate service: 503");
      },
    });
    try {
      const checked = await withMandatesNow(db, found.session, new Date(), (line) => logged.push(line));
      expect(checked.user.mandates).toEqual(secretariat.mandates);
      expect(checked.user.endedMandates).toEqual([]);
      expect(logged).toEqual([`mandates of user ${secretariat.id} not checked: mandate service: 503`]);
    } finally {
      setMandateService(mandateServiceStub);
    }
    // Answering again, it is believed: a mandate it no longer lists is gone from the session.
    setMandateService({ mandatesOf: async () => secretariat.mandates.slice(1) });
    try {
      const checked = await withMandatesNow(db, found.session);
      expect(checked.user.mandates).toEqual(secretariat.mandates.slice(1));
      expect(checked.user.endedMandates).toEqual(secretariat.mandates.slice(0, 1));
    } finally {
      setMandateService(mandateServiceStub);
    }
  });
});

describe("a new application asks the enterprise register for the employer", () => {
  const employerOf = async (id: string) => (await loadFormDraft(db, employer, id))!.employer;
  const reset = () => {
    Object.assign(systems.enterpriseRegister.behaviour, { failWith: null, hang: false, delayMs: 0, loseAnswer: false });
    systems.enterpriseRegister.differs = null;
  };

  it("starts from the portal's last copy, dated, when the register fails or does not answer", async () => {
    // The copy as the demo seeded it (the drafts above consulted the register on NOW).
    await db.updateTable("employers").set({ source_date: "2026-11-01" }).where("id", "=", employer.actingFor!.employerId).execute();
    for (const fault of [{ failWith: "503" }, { hang: true }]) {
      reset();
      Object.assign(systems.enterpriseRegister.behaviour, fault);
      const shown = await employerOf(await startApplication(db, employer, {}, NOW));
      expect(shown).toMatchObject({ name: employer.actingFor!.name, source: "kbo", sourceDate: "2026-11-01" });
    }
    reset();
  });

  it("shows what the register answers, consulted today, also when it answers late or has changed", async () => {
    reset();
    systems.enterpriseRegister.behaviour.delayMs = 50;
    expect(await employerOf(await startApplication(db, employer, {}, NOW))).toMatchObject({ name: employer.actingFor!.name, sourceDate: "2026-11-23" });
    reset();
    systems.enterpriseRegister.differs = { name: "Tuinbouw De Wilde & Zonen BV", street: "Halmaalpad 12" };
    const shown = await employerOf(await startApplication(db, employer, {}, NOW));
    expect(shown.name).toBe("Tuinbouw De Wilde & Zonen BV");
    expect(shown.address).toMatch(/^Halmaalpad 12, /);
    reset();
  });

  it("answers from its own data, not from the portal's copy, and the copy follows it", async () => {
    reset();
    const employerId = employer.actingFor!.employerId;
    await db.updateTable("employers").set({ name: "Tuinbouw De Wilde (old name)", street: "Oude Weg 1" }).where("id", "=", employerId).execute();
    const shown = await employerOf(await startApplication(db, employer, {}, NOW));
    expect(shown.name).toBe("Tuinbouw De Wilde BV");
    expect(shown.address).toMatch(/^Halmaalweg 12, /);
    expect(await db.selectFrom("employers").select(["name", "street"]).where("id", "=", employerId).executeTakeFirstOrThrow()).toEqual({
      name: "Tuinbouw De Wilde BV",
      street: "Halmaalweg 12",
    });
  });
});
