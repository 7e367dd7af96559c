import { randomUUID } from "node:crypto";
import { recordEndOfEmployment } from "../permits/end-of-employment.server";
import { recordResidenceStep } from "../residence/residence.server";
import { recordRevocationStep } from "../revocation/revocation.server";
import { makeEnterpriseNumber, makePersonNumber } from "../../forms/identifiers";
import { importCadastreBatch } from "../inspection/cadastre-import.server";
import demoCadastreRecords from "./cadastre-records.json";
import { applicationData } from "../../forms/universal-form";
import { addDays, todayInBelgium } from "../../workflows/legal-clock";
import { demoIdentity, displayNameOf } from "./demo-identities.server";
import { loadUser } from "../identity/users.server";
import type { User } from "../identity/user";
import { applyCaseCommand } from "../cases/case-commands.server";
import { submitNewApplication } from "../cases/filing.server";
import type { DB } from "../db/db.server";
import type { Role } from "../db/schema";
import { enrolInLocalEnterpriseRegister } from "../registers/enterprise-register.server";
import { enrolInLocalNationalRegister } from "../registers/national-register.server";

/**
 * Demo data: enterprises in all four regions (one seasonal horticulture grower), workers,
 * and a user for each demo identity (app/demo/demo-identities.server.ts), with his role and
 * mandates; the development identity provider signs them in. Enterprise and national numbers are generated with valid
 * check digits but belong to nobody. Idempotent, item by item: what is already there
 * (an enterprise by its number, a worker by his national number, an identity by its login)
 * is left as it is, so a database seeded before a new identity was added gets that
 * identity on the next start, and nothing else changes.
 */
const EMPLOYERS = [
  { key: "horticulture", base: "04123456", name: "Tuinbouw De Wilde BV", street: "Halmaalweg 12", postal: "3800", city: "Sint-Truiden", nace: "01.13", seasonal: "horticulture" },
  { key: "port", base: "07654321", name: "Antwerp Port Engineering NV", street: "Noorderlaan 100", postal: "2030", city: "Antwerpen", nace: "71.12", seasonal: null },
  { key: "logistics", base: "08234567", name: "Logistique Meuse SA", street: "Rue de l'Industrie 4", postal: "5000", city: "Namur", nace: "52.10", seasonal: null },
  { key: "digital", base: "06543210", name: "Brussels Digital Solutions SRL", street: "Rue Royale 55", postal: "1000", city: "Bruxelles", nace: "62.01", seasonal: null },
  { key: "machinery", base: "10123456", name: "Eupener Maschinenbau GmbH", street: "Herbesthaler Straße 8", postal: "4700", city: "Eupen", nace: "28.41", seasonal: null },
] as const;

const WORKERS = [
  { person: demoIdentity("worker").nationalNumber, family: "Šimić", given: "Ana", nationality: "RS", birth: "1990-03-14", passport: "RS1234567" },
  { person: makePersonNumber("1985-11-02", 203), family: "Nguyễn", given: "Văn An", nationality: "VN", birth: "1985-11-02", passport: "C7654321" },
  { person: makePersonNumber("2001-06-30", 44, "bis"), family: "Yılmaz", given: "Ğül", nationality: "TR", birth: "2001-06-30", passport: "U12345678" },
  { person: demoIdentity("resident").nationalNumber, family: "Haddad", given: "Karim", nationality: "MA", birth: "1979-01-25", passport: "MA998877" },
] as const;

type Identity = {
  login: string;
  role: Role;
  authority?: string;
  mandates?: readonly (typeof EMPLOYERS)[number]["key"][];
};

const IDENTITIES: readonly Identity[] = [
  { login: "employer", role: "employer", mandates: ["horticulture"] },
  { login: "secretariat", role: "employer", mandates: ["horticulture", "port", "logistics", "digital", "machinery"] },
  { login: "worker", role: "worker" },
  { login: "resident", role: "resident" },
  { login: "officer.flanders", role: "regional-officer", authority: "flanders" },
  { login: "officer.wallonia", role: "regional-officer", authority: "wallonia" },
  { login: "officer.brussels", role: "regional-officer", authority: "brussels" },
  { login: "officer.dg", role: "regional-officer", authority: "dg" },
  { login: "officer.oe", role: "oe-officer", authority: "oe" },
  { login: "inspector", role: "inspector" },
  { login: "dpo", role: "data-protection-officer" },
  { login: "post.casablanca", role: "diplomatic-post", authority: "casablanca" },
  { login: "commune.antwerpen", role: "commune", authority: "antwerpen" },
];

/**
 * The demo's enterprises and persons in the local registers' own data (migration 0019):
 * what the enterprise register prefills and the national register confirms. Run on every
 * seed, before the early return below, so a database seeded before the registers had data
 * of their own gets it on its next start.
 */
async function enrolInLocalRegisters(db: DB): Promise<void> {
  for (const employer of EMPLOYERS) {
    await enrolInLocalEnterpriseRegister(db, { enterpriseNumber: makeEnterpriseNumber(employer.base), name: employer.name, street: employer.street, postalCode: employer.postal, municipality: employer.city });
  }
  for (const worker of WORKERS) {
    await enrolInLocalNationalRegister(db, { personNumber: worker.person, givenNames: worker.given, familyName: worker.family, birthDate: worker.birth, nationality: worker.nationality });
  }
}

/** Loads what is missing of the demo data; true when it added anything. */
export async function seedDemoData(db: DB): Promise<boolean> {
  await enrolInLocalRegisters(db);
  const logins = IDENTITIES.map((identity) => identity.login);
  // Users seeded before sign-in went through the identity provider have no national number yet.
  for (const login of logins) {
    await db
      .updateTable("users")
      .set({ person_number: demoIdentity(login).nationalNumber })
      .where("login", "=", login)
      .where("person_number", "is", null)
      .execute();
  }
  const present = await db.selectFrom("users").select("login").where("login", "in", logins).execute();
  const missing = IDENTITIES.filter((identity) => !present.some((row) => row.login === identity.login));
  if (missing.length === 0) return false;
  return db.transaction().execute(async (trx) => {
    // Enterprises and workers: inserted unless there (another server starting at the same
    // time, or an earlier seed); an existing row keeps what was changed on it since.
    const employerIds = new Map<string, string>();
    for (const employer of EMPLOYERS) {
      const enterpriseNumber = makeEnterpriseNumber(employer.base);
      await trx
        .insertInto("employers")
        .values({
          enterprise_number: enterpriseNumber,
          name: employer.name,
          street: employer.street,
          postal_code: employer.postal,
          municipality: employer.city,
          nace_code: employer.nace,
          seasonal_sector: employer.seasonal,
          source: "kbo",
          source_date: "2026-11-01",
          // Not chosen: on by default for the seasonal grower (and for any permit for seasonal work).
          end_of_stay_notices: null,
        })
        .onConflict((conflict) => conflict.column("enterprise_number").doNothing())
        .execute();
      const row = await trx.selectFrom("employers").select("id").where("enterprise_number", "=", enterpriseNumber).executeTakeFirstOrThrow();
      employerIds.set(employer.key, row.id);
    }
    await trx
      .insertInto("workers")
      .values(
        WORKERS.map((worker) => ({
          person_number: worker.person,
          family_name: worker.family,
          given_names: worker.given,
          nationality: worker.nationality,
          birth_date: worker.birth,
          passport_number: worker.passport,
        })),
      )
      .onConflict((conflict) => conflict.column("person_number").doNothing())
      .execute();
    let added = false;
    for (const identity of missing) {
      const person = demoIdentity(identity.login);
      const user = await trx
        .insertInto("users")
        .values({
          login: identity.login,
          display_name: displayNameOf(person),
          role: identity.role,
          authority: identity.authority ?? null,
          person_number: person.nationalNumber,
        })
        .onConflict((conflict) => conflict.column("login").doNothing())
        .returning("id")
        .executeTakeFirst();
      if (!user) continue;
      added = true;
      for (const key of identity.mandates ?? []) {
        await trx
          .insertInto("mandates")
          .values({ user_id: user.id, employer_id: employerIds.get(key)!, granted_on: "2026-01-01" })
          .execute();
      }
    }
    return added;
  });
}

const DAY_MS = 86_400_000;

/**
 * One demo case that shows what happens when a request for documents is left unanswered:
 * filed 40 days ago for Antwerp Port Engineering with the Flemish authority, documents
 * requested 25 days ago, so the request lapsed about ten days ago and the deadline sweep
 * proposes to declare the file inadmissible (the officer decides). Added once, on a
 * database where that enterprise has filed nothing yet; through the real services, so its
 * history, clock and request are what the portal itself writes.
 */
export async function seedDemoCase(db: DB, now = new Date()): Promise<boolean> {
  const lapsed = await seedLapsedRequestCase(db, now);
  const seasonal = await seedSeasonalDemoCase(db, now);
  const flemish = await seedFlemishPermitOfDemoWorker(db, now);
  const abroad = await seedVisaDemoCase(db, now);
  const records = await seedDemoCadastreRecords(db);
  const chain = await seedRevocationChainDemoCase(db, now);
  return lapsed || seasonal || flemish || abroad || records || chain;
}

/**
 * The cadastre's records of other authorities (a work card C, a work card B, a professional
 * card, an annex 3; app/demo/cadastre-records.json), through the same import seam as
 * `npm run cadastre:import`, once: an inspector searching a demo worker sees them with their kind.
 */
async function seedDemoCadastreRecords(db: DB): Promise<boolean> {
  const held = await db.selectFrom("limosa.records").select("id").where("source", "=", "oe-annex-3").where("source_id", "=", "A3-2025-0193377").executeTakeFirst();
  if (held) return false;
  const result = await importCadastreBatch(db, JSON.stringify(demoCadastreRecords));
  if (!result.ok || result.report.refused.length > 0) throw new Error(`demo cadastre records refused: ${JSON.stringify(result)}`);
  return true;
}

async function seedLapsedRequestCase(db: DB, now: Date): Promise<boolean> {
  const port = await db.selectFrom("employers").select("id").where("enterprise_number", "=", makeEnterpriseNumber("07654321")).executeTakeFirst();
  if (!port) return false;
  const filed = await db.selectFrom("applications").select("id").where("employer_id", "=", port.id).where("status", "!=", "draft").executeTakeFirst();
  if (filed) return false;
  const secretariat = await loadUser(db, await demoUserId(db, "secretariat"), port.id, "seed");
  const flanders = await loadUser(db, await demoUserId(db, "officer.flanders"), undefined, "seed");
  if (!secretariat || !flanders) return false;
  const worker = WORKERS[1];
  const filedAt = new Date(now.getTime() - 40 * DAY_MS);
  const filedOn = todayInBelgium(filedAt);
  const data = applicationData(
    {
      worker: workerAbroad(worker, "hanoi"),
      employment: {
        category: "shortage-occupation",
        jobTitle: "Lasser",
        placeOfWorkPostalCode: "2030",
        contractStart: addDays(filedOn, 90),
        employmentEnd: "",
        grossAnnualSalary: "38000",
      },
      residence: { feeStatus: "paid", feePaidOn: addDays(filedOn, -5), healthInsurance: "mutuality" },
    },
    [],
  );
  const { id } = await submitNewApplication(db, secretariat, { applicationId: randomUUID(), employerId: port.id, data, authority: "flanders", uiLanguage: "nl" }, filedAt);
  await applyCaseCommand(
    db,
    { user: flanders },
    id,
    1,
    { type: "REQUEST_DOCUMENTS", message: "Bezorg de door beide partijen ondertekende arbeidsovereenkomst.", items: ["Ondertekende arbeidsovereenkomst"] },
    new Date(now.getTime() - 25 * DAY_MS),
  );
  return true;
}

/** The id of a demo identity's user (the seed made them all). */
async function demoUserId(db: DB, login: string): Promise<string> {
  return (await db.selectFrom("users").select("id").where("login", "=", login).executeTakeFirstOrThrow()).id;
}

/** The worker step of a demo worker who lives abroad and collects his visa at `visaPost`. */
function workerAbroad(worker: (typeof WORKERS)[number], visaPost: string) {
  return {
    givenNames: worker.given,
    familyName: worker.family,
    nationality: worker.nationality,
    birthDate: worker.birth,
    passportNumber: worker.passport,
    personNumber: worker.person,
    livesIn: "abroad",
    visaPost,
  };
}

/**
 * One demo permit for seasonal work whose season ends 25 days after the seed: the
 * horticulture grower in Sint-Truiden (Flanders) for Ğül Yılmaz, filed 130 days before,
 * the season from 100 days before to 25 days after, granted through the real lifecycle.
 * The grower has not chosen about end-of-stay notices, so seasonal work gets them: the
 * first end-of-stay sweep (`npm run jobs`, or the server's hourly one) sends one notice,
 * 30 days before the season's end, and no sweep after it sends another. Added once, on a
 * database where the grower has filed nothing yet.
 */
async function seedSeasonalDemoCase(db: DB, now: Date): Promise<boolean> {
  const grower = await db.selectFrom("employers").select("id").where("enterprise_number", "=", makeEnterpriseNumber("04123456")).executeTakeFirst();
  if (!grower) return false;
  const filed = await db.selectFrom("applications").select("id").where("employer_id", "=", grower.id).where("status", "!=", "draft").executeTakeFirst();
  if (filed) return false;
  const employer = await loadUser(db, await demoUserId(db, "employer"), grower.id, "seed");
  const flanders = await loadUser(db, await demoUserId(db, "officer.flanders"), undefined, "seed");
  const oe = await loadUser(db, await demoUserId(db, "officer.oe"), undefined, "seed");
  if (!employer || !flanders || !oe) return false;
  const worker = WORKERS[2];
  const day = (offset: number) => new Date(now.getTime() + offset * DAY_MS);
  const filedOn = todayInBelgium(day(-130));
  const seasonStart = todayInBelgium(day(-100));
  const seasonEnd = todayInBelgium(day(25));
  const regionalSteps = ["flanders-labour-market", "flanders-seasonal"];
  const data = applicationData(
    {
      worker: workerAbroad(worker, "ankara"),
      employment: {
        category: "seasonal",
        jobTitle: "Fruitplukker",
        placeOfWorkPostalCode: "3800",
        contractStart: seasonStart,
        employmentEnd: seasonEnd,
        grossAnnualSalary: "26000",
      },
      "flanders-labour-market": { vacancyReference: "VDAB-2026-0417", vacancyPublishedOn: addDays(filedOn, -30), publishedOnEures: "yes" },
      "flanders-seasonal": { seasonalSector: "horticulture", seasonStart, seasonEnd },
      residence: { feeStatus: "paid", feePaidOn: addDays(filedOn, -3), healthInsurance: "mutuality" },
    },
    regionalSteps,
  );
  const { id } = await submitNewApplication(db, employer, { applicationId: randomUUID(), employerId: grower.id, data, authority: "flanders", uiLanguage: "nl" }, day(-130));
  await grantInFlanders(db, id, { flanders, oe }, [-125, -122, -120, -115], now);
  return true;
}

/**
 * The demo worker (login "worker", Ana Šimić) holds a Flemish single permit with Antwerp
 * Port Engineering: filed 200 days before the seed, granted through the real lifecycle, fed
 * to the cadastre when the outbox is drained (the server's worker, or `npm run jobs`). A
 * newcomer tries the change of employer with it (README): Ana consents to Brussels Digital
 * Solutions at /permits/consents, the secretariat acting for it files the change. Added once,
 * while Ana has no filed case.
 */
async function seedFlemishPermitOfDemoWorker(db: DB, now: Date): Promise<boolean> {
  const worker = WORKERS[0];
  const port = await db.selectFrom("employers").select("id").where("enterprise_number", "=", makeEnterpriseNumber("07654321")).executeTakeFirst();
  const ana = await db.selectFrom("workers").select("id").where("person_number", "=", worker.person).executeTakeFirst();
  if (!port || !ana) return false;
  const filed = await db.selectFrom("applications").select("id").where("worker_id", "=", ana.id).where("status", "!=", "draft").executeTakeFirst();
  if (filed) return false;
  const secretariat = await loadUser(db, await demoUserId(db, "secretariat"), port.id, "seed");
  const flanders = await loadUser(db, await demoUserId(db, "officer.flanders"), undefined, "seed");
  const oe = await loadUser(db, await demoUserId(db, "officer.oe"), undefined, "seed");
  if (!secretariat || !flanders || !oe) return false;
  const day = (offset: number) => new Date(now.getTime() + offset * DAY_MS);
  const filedOn = todayInBelgium(day(-200));
  const data = applicationData(
    {
      worker: workerAbroad(worker, "other"),
      employment: {
        category: "highly-qualified",
        jobTitle: "Havenkraanmachinist",
        placeOfWorkPostalCode: "2030",
        contractStart: todayInBelgium(day(-150)),
        employmentEnd: todayInBelgium(day(400)),
        grossAnnualSalary: "52000",
      },
      residence: { feeStatus: "paid", feePaidOn: addDays(filedOn, -3), healthInsurance: "mutuality" },
    },
    [],
  );
  const { id } = await submitNewApplication(db, secretariat, { applicationId: randomUUID(), employerId: port.id, data, authority: "flanders", uiLanguage: "nl" }, day(-200));
  await grantInFlanders(db, id, { flanders, oe }, [-195, -190, -185, -180], now);
  // Her employment there ended 20 days ago (reported by the secretariat), so her period
  // without work is running (workflows/unemployment-period.ts): /permits shows the days left,
  // and a change of employer filed for her stops it.
  await recordEndOfEmployment(db, secretariat, id, { endedOn: todayInBelgium(day(-20)), note: "Einde van het contract in onderling akkoord." }, now);
  return true;
}

/**
 * One demo permit for a worker abroad without a national number: Youssef El Idrissi, welder
 * for Antwerp Port Engineering, who chose the consulate-general in Casablanca; filed 60 days
 * ago and granted 10 days ago through the real lifecycle. The post's list (`post.casablanca`)
 * shows him waiting for his visa, its e-Box holds the annex 46, and the enterprise's copy is
 * marked "to forward". Added once (found by his passport number).
 */
async function seedVisaDemoCase(db: DB, now: Date): Promise<boolean> {
  const port = await db.selectFrom("employers").select("id").where("enterprise_number", "=", makeEnterpriseNumber("07654321")).executeTakeFirst();
  if (!port) return false;
  const present = await db
    .selectFrom("applications")
    .innerJoin("workers", "workers.id", "applications.worker_id")
    .select("applications.id")
    .where("workers.passport_number", "=", "MA4455667")
    .executeTakeFirst();
  if (present) return false;
  const secretariat = await loadUser(db, await demoUserId(db, "secretariat"), port.id, "seed");
  const flanders = await loadUser(db, await demoUserId(db, "officer.flanders"), undefined, "seed");
  const oe = await loadUser(db, await demoUserId(db, "officer.oe"), undefined, "seed");
  if (!secretariat || !flanders || !oe) return false;
  const day = (offset: number) => new Date(now.getTime() + offset * DAY_MS);
  const filedOn = todayInBelgium(day(-60));
  const data = applicationData(
    {
      worker: {
        givenNames: "Youssef",
        familyName: "El Idrissi",
        nationality: "MA",
        birthDate: "1994-02-17",
        passportNumber: "MA4455667",
        personNumber: "",
        livesIn: "abroad",
        visaPost: "casablanca",
      },
      employment: {
        category: "shortage-occupation",
        jobTitle: "Lasser",
        placeOfWorkPostalCode: "2030",
        contractStart: addDays(filedOn, 90),
        employmentEnd: "",
        grossAnnualSalary: "39000",
      },
      residence: { feeStatus: "paid", feePaidOn: addDays(filedOn, -2), healthInsurance: "mutuality" },
    },
    [],
  );
  const { id } = await submitNewApplication(db, secretariat, { applicationId: randomUUID(), employerId: port.id, data, authority: "flanders", uiLanguage: "nl" }, day(-60));
  await grantInFlanders(db, id, { flanders, oe }, [-55, -50, -30, -10], now);
  return true;
}

/**
 * One demo permit in the revocation chain (issue 14 point 3; docs/decisions/026): Tomás
 * Ferreira, crane operator for Antwerp Port Engineering, living in Antwerp (2018), filed 230
 * days ago and granted through the real lifecycle; the commune of Antwerp gave his annex 49
 * and his card; his employment ended 12 days ago (the secretariat's report), the region
 * ended his work authorisation 8 days ago, and the OE instructed the commune 5 days ago. So
 * `commune.antwerpen` finds him under "Ended work authorisations: your tasks", to record that
 * he was informed (his e-Box then gets the notice), and `officer.oe` sees the chain on the
 * case page. Added once (found by his passport number).
 */
async function seedRevocationChainDemoCase(db: DB, now: Date): Promise<boolean> {
  const port = await db.selectFrom("employers").select("id").where("enterprise_number", "=", makeEnterpriseNumber("07654321")).executeTakeFirst();
  if (!port) return false;
  const present = await db
    .selectFrom("applications")
    .innerJoin("workers", "workers.id", "applications.worker_id")
    .select("applications.id")
    .where("workers.passport_number", "=", "FX2233445")
    .executeTakeFirst();
  if (present) return false;
  const secretariat = await loadUser(db, await demoUserId(db, "secretariat"), port.id, "seed");
  const flanders = await loadUser(db, await demoUserId(db, "officer.flanders"), undefined, "seed");
  const oe = await loadUser(db, await demoUserId(db, "officer.oe"), undefined, "seed");
  const commune = await loadUser(db, await demoUserId(db, "commune.antwerpen"), undefined, "seed");
  if (!secretariat || !flanders || !oe || !commune) return false;
  const day = (offset: number) => new Date(now.getTime() + offset * DAY_MS);
  const filedOn = todayInBelgium(day(-230));
  const data = applicationData(
    {
      worker: {
        givenNames: "Tomás",
        familyName: "Ferreira",
        nationality: "BR",
        birthDate: "1987-08-21",
        passportNumber: "FX2233445",
        personNumber: makePersonNumber("1987-08-21", 517),
        livesIn: "belgium",
        residencePostalCode: "2018",
      },
      employment: {
        category: "shortage-occupation",
        jobTitle: "Kraanmachinist",
        placeOfWorkPostalCode: "2030",
        contractStart: todayInBelgium(day(-190)),
        employmentEnd: todayInBelgium(day(300)),
        grossAnnualSalary: "41000",
      },
      residence: { feeStatus: "paid", feePaidOn: addDays(filedOn, -2), healthInsurance: "mutuality" },
    },
    [],
  );
  const { id } = await submitNewApplication(db, secretariat, { applicationId: randomUUID(), employerId: port.id, data, authority: "flanders", uiLanguage: "nl" }, day(-230));
  await grantInFlanders(db, id, { flanders, oe }, [-225, -220, -215, -200], now);
  const residenceVersion = async () => String((await db.selectFrom("residence_steps").select("version").where("application_id", "=", id).executeTakeFirstOrThrow()).version);
  await recordResidenceStep(db, commune, id, "ANNEX_49_ISSUED", { annex49On: todayInBelgium(day(-195)), version: await residenceVersion() }, day(-195));
  await recordResidenceStep(db, commune, id, "CARD_ISSUED", { cardOn: todayInBelgium(day(-180)), version: await residenceVersion() }, day(-180));
  await recordEndOfEmployment(db, secretariat, id, { endedOn: todayInBelgium(day(-12)), note: "Ontslag tijdens de proefperiode." }, day(-11));
  const caseVersion = (await db.selectFrom("applications").select("version").where("id", "=", id).executeTakeFirstOrThrow()).version;
  await applyCaseCommand(db, { user: flanders }, id, caseVersion, { type: "END_EMPLOYMENT", reason: "De werkgever meldde het einde van de tewerkstelling." }, day(-8));
  const chain = await db.selectFrom("revocation_chains").select("version").where("application_id", "=", id).executeTakeFirstOrThrow();
  await recordRevocationStep(db, oe, id, "INSTRUCT_COMMUNE", { stepOn: todayInBelgium(day(-5)), version: String(chain.version) }, now);
  return true;
}

/** Takes a filed Flemish case to granted through the real lifecycle, each step on its day (offsets from `now`, in days). */
async function grantInFlanders(db: DB, id: string, officers: { flanders: User; oe: User }, days: readonly [number, number, number, number], now: Date): Promise<void> {
  const steps = [
    [officers.flanders, "DECLARE_COMPLETE"],
    [officers.oe, "PRE_CHECKS_DONE"],
    [officers.flanders, "AUTHORISE_WORK"],
    [officers.oe, "GRANT_RESIDENCE"],
  ] as const;
  let version = 1;
  for (const [index, [officer, type]] of steps.entries()) {
    version = (await applyCaseCommand(db, { user: officer }, id, version, { type }, new Date(now.getTime() + days[index]! * DAY_MS))).version;
  }
}
