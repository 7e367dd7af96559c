import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { applyCaseCommand } from "../../app/cases/case-commands.server";
import { submitNewApplication } from "../../app/cases/filing.server";
import type { DB } from "../../app/db/db.server";
import { seedDemoCase, seedDemoData } from "../../app/demo/seed.server";
import { deliverPending, localChannels } from "../../app/delivery/delivery.server";
import { verifyPermit } from "../../app/delivery/verification.server";
import { ForbiddenError, InvalidInputError, NotFoundError } from "../../app/errors";
import type { User } from "../../app/identity/user";
import { recordEndOfEmployment } from "../../app/permits/end-of-employment.server";
import { recordResidenceStep } from "../../app/residence/residence.server";
import { annex51Pdf, communeRevocationTasks, recordRevocationStep, revocationOf, RevocationStepRefused } from "../../app/revocation/revocation.server";
import { makePersonNumber } from "../../forms/identifiers";
import { applicationData } from "../../forms/universal-form";
import { addDays, todayInBelgium } from "../../workflows/legal-clock";
import { openTestDatabase } from "../support/test-db";
import { demoUser, openBrowserSession, type BrowserSession } from "../support/users";
import { startRenderedApp } from "../support/rendered-app";
import { LANGUAGE_COOKIE } from "../../app/i18n/config";
import { loadUser } from "../../app/identity/users.server";
import { translator } from "../../app/i18n/language.server";
import { formatDate } from "../../app/components/format";
import type { Language } from "../../forms/authorities";
import { sweepUnemploymentPeriods } from "../../app/permits/unemployment.server";

/**
 * Issue 14 point 3: the region ends the work authorisation of a worker whose employment
 * ended; the OE instructs his commune (Antwerpen, from the residence steps), which informs
 * him; his card ends before his 90-day search, so the commune gives an annex 51 (a PDF whose
 * code /verify checks); the period runs out; the OE ends the stay and the commune strikes
 * him off. History, audit and cadastre follow. On PGlite and on PostgreSQL.
 */

let db: DB;
let app: Awaited<ReturnType<typeof startRenderedApp>>;

/** A page as the browser without JavaScript gets it: a GET, or a plain form post with the session's token. */
async function page(session: BrowserSession, path: string, language = "en", form?: Record<string, string>) {
  const headers = new Headers({ Cookie: [session.cookie, `${LANGUAGE_COOKIE}=${language}`].join("; ") });
  let body: string | undefined;
  if (form) {
    headers.set("Content-Type", "application/x-www-form-urlencoded");
    headers.set("Origin", "http://localhost");
    body = new URLSearchParams({ csrf: session.csrf, ...form }).toString();
  }
  const response = await app.fetch(new Request(`http://localhost${path}`, { method: form ? "POST" : "GET", headers, body, redirect: "manual" }));
  return { status: response.status, location: response.headers.get("Location"), html: await response.text() };
}
let drop: () => Promise<void>;
const NOW = new Date();
const TODAY = todayInBelgium(NOW);
let caseId: string;
let reference: string;
let employer: User, brussels: User, oe: User, commune: User, post: User;
const PERSON = makePersonNumber("1990-04-05", 733);
const ENDED_ON = addDays(TODAY, -3);

const chainVersion = async () => String((await db.selectFrom("revocation_chains").select("version").where("application_id", "=", caseId).executeTakeFirstOrThrow()).version);
const residenceVersion = async () => String((await db.selectFrom("residence_steps").select("version").where("application_id", "=", caseId).executeTakeFirstOrThrow()).version);
/** The e-Box message delivered under this outbox key. */
const eboxNotice = (key: string) => db.selectFrom("ebox_messages").selectAll().where("delivery_key", "=", key).executeTakeFirstOrThrow();
/** The procedure language of the first case, and the appeal texts the notices reuse, in it. */
let language: Language;
const words = { appealBrussels: "", appealCall: "", toForwardSubject: "" };
const drain = async () => {
  for (let pass = 0; pass < 5; pass++) if ((await deliverPending(db, localChannels(db))).delivered === 0) break;
};

beforeAll(async () => {
  ({ db, drop } = await openTestDatabase());
  await seedDemoData(db);
  employer = await demoUser(db, "secretariat", "Brussels Digital Solutions SRL");
  brussels = await demoUser(db, "officer.brussels");
  oe = await demoUser(db, "officer.oe");
  commune = await demoUser(db, "commune.antwerpen");
  post = await demoUser(db, "post.casablanca");
  const data = applicationData(
    {
      worker: { givenNames: "Amina", familyName: "Haddad", nationality: "TN", birthDate: "1990-04-05", passportNumber: "TN5566778", personNumber: PERSON, livesIn: "belgium", residencePostalCode: "2018" },
      // A short contract: the permit, and so the card, end in 20 days, before the search period does.
      employment: { category: "other", jobTitle: "Analyst", placeOfWorkPostalCode: "1000", contractStart: addDays(TODAY, -40), employmentEnd: addDays(TODAY, 20), grossAnnualSalary: "52000" },
      residence: { feeStatus: "paid", feePaidOn: addDays(TODAY, -45), healthInsurance: "mutuality" },
    },
    [],
  );
  ({ id: caseId } = await submitNewApplication(db, employer, { applicationId: randomUUID(), employerId: employer.actingFor!.employerId, data, authority: "brussels", uiLanguage: "en" }));
  let version = 1;
  for (const [user, type] of [[brussels, "DECLARE_COMPLETE"], [oe, "PRE_CHECKS_DONE"], [brussels, "AUTHORISE_WORK"], [oe, "GRANT_RESIDENCE"]] as const) {
    version = (await applyCaseCommand(db, { user }, caseId, version, { type })).version;
  }
  const filed = await db.selectFrom("applications").select(["reference", "procedure_language"]).where("id", "=", caseId).executeTakeFirstOrThrow();
  reference = filed.reference!;
  language = filed.procedure_language as Language;
  const t = await translator(language);
  words.appealBrussels = t("decision.appeal.regional.brussels");
  words.appealCall = t("decision.appeal.call");
  words.toForwardSubject = t("ebox.toForwardSubject");
  // He is registered in Antwerpen: the commune issues his card (as long as the permit).
  await recordResidenceStep(db, commune, caseId, "ANNEX_49_ISSUED", { annex49On: TODAY, version: await residenceVersion() });
  await recordResidenceStep(db, commune, caseId, "CARD_ISSUED", { cardOn: TODAY, version: await residenceVersion() });
  // The employment ends; the region ends the work authorisation.
  await recordEndOfEmployment(db, employer, caseId, { endedOn: ENDED_ON, note: "" }, NOW);
  const current = (await db.selectFrom("applications").select("version").where("id", "=", caseId).executeTakeFirstOrThrow()).version;
  await applyCaseCommand(db, { user: brussels }, caseId, current, { type: "END_EMPLOYMENT", reason: "The employment ended." });
  await drain();
  app = await startRenderedApp(db);
}, 120_000);

afterAll(async () => {
  await app?.close();
  await drop?.();
});

describe("the region ends the work authorisation", () => {
  it("the OE has the next step: instruct the commune the residence steps route him to", async () => {
    const chain = (await revocationOf(db, caseId, "oe"))!;
    expect(chain.facts).toMatchObject({ kind: "ended", endedOn: TODAY, commune: "antwerpen", instructedOn: null });
    expect(chain.next).toEqual({ who: "oe", step: "INSTRUCT_COMMUNE" });
    expect(chain.allowed).toEqual(["INSTRUCT_COMMUNE"]);
    // The commune has nothing to do yet.
    expect(await communeRevocationTasks(db, commune)).toEqual([]);
  });

  it("the commune may not instruct itself, nor the region; a date in the future is refused", async () => {
    await expect(recordRevocationStep(db, commune, caseId, "INSTRUCT_COMMUNE", { stepOn: TODAY, version: await chainVersion() })).rejects.toBeInstanceOf(RevocationStepRefused);
    await expect(recordRevocationStep(db, brussels, caseId, "INSTRUCT_COMMUNE", { stepOn: TODAY, version: await chainVersion() })).rejects.toBeInstanceOf(ForbiddenError);
    const refused = await recordRevocationStep(db, oe, caseId, "INSTRUCT_COMMUNE", { stepOn: addDays(TODAY, 2), version: await chainVersion() }).catch((error: unknown) => error);
    expect((refused as InvalidInputError).errors).toEqual({ stepOn: { key: "revocation.errors.future" } });
  });

  it("the OE's case page says what is next; a wrong date comes back with the message, what was typed kept", async () => {
    const session = await openBrowserSession(db, oe);
    const shown = await page(session, `/officer/cases/${caseId}`);
    expect(shown.status).toBe(200);
    expect(shown.html).toContain("the Immigration Office instructs the commune of Antwerpen");
    // The deadlines page lists it as the OE's to act on.
    const deadlines = await page(session, "/officer/deadlines");
    expect(deadlines.html).toContain("Ended work authorisations: the Immigration Office&#x27;s step");
    expect(deadlines.html).toContain(reference);
    const wrong = await page(session, `/officer/cases/${caseId}`, "fr", { intent: "INSTRUCT_COMMUNE", stepOn: "31/02/2027", version: await chainVersion() });
    expect(wrong.status).toBe(400);
    expect(wrong.html).toContain("Indiquez la date sous la forme jour/mois/année");
    expect(wrong.html).toContain('value="31/02/2027"');
  });

  it("the OE instructs the commune (a plain form post): a task in the commune's list", async () => {
    const posted = await page(await openBrowserSession(db, oe), `/officer/cases/${caseId}`, "en", { intent: "INSTRUCT_COMMUNE", stepOn: TODAY, version: await chainVersion() });
    expect(posted.status).toBe(302);
    expect(posted.location).toContain(`/officer/cases/${caseId}`);
    const list = await page(await openBrowserSession(db, commune), "/commune", "nl");
    expect(list.html).toContain("Beëindigde arbeidsmachtigingen: uw taken");
    expect(list.html).toContain(reference);
    expect(await communeRevocationTasks(db, commune)).toEqual([expect.objectContaining({ id: caseId, reference, worker: "Amina Haddad", step: "WORKER_INFORMED" })]);
    // A post has no part in it.
    await expect(recordRevocationStep(db, post, caseId, "WORKER_INFORMED", { stepOn: TODAY, version: await chainVersion() })).rejects.toBeInstanceOf(NotFoundError);
    await expect(recordRevocationStep(db, employer, caseId, "WORKER_INFORMED", { stepOn: TODAY, version: await chainVersion() })).rejects.toBeInstanceOf(NotFoundError);
    await expect(communeRevocationTasks(db, employer)).rejects.toBeInstanceOf(ForbiddenError);
  });

  it("refuses a step on a page that moved on", async () => {
    await expect(recordRevocationStep(db, commune, caseId, "WORKER_INFORMED", { stepOn: TODAY, version: "1" })).rejects.toBeInstanceOf(RevocationStepRefused);
  });

  it("the commune informs the worker (a plain form post): his search runs until the period's end; the employer's tracker shows it", async () => {
    const posted = await page(await openBrowserSession(db, commune), `/commune/cases/${caseId}`, "en", { intent: "WORKER_INFORMED", stepOn: TODAY, version: await chainVersion() });
    expect(posted.status).toBe(303);
    const tracker = await page(await openBrowserSession(db, employer), `/applications/${caseId}`, "de");
    expect(tracker.html).toContain("Die Gemeinde Antwerpen hat den Arbeitnehmer am");
    expect(tracker.html).toContain("der Arbeitnehmer darf bis zum");
    const chain = (await revocationOf(db, caseId, "commune"))!;
    const period = await db.selectFrom("unemployment_periods").select("ends_on").where("application_id", "=", caseId).executeTakeFirstOrThrow();
    expect(chain.facts.informedOn).toBe(TODAY);
    expect(chain.next).toEqual({ who: "worker", step: "SEARCH", until: period.ends_on });
    // His card ends in 20 days, the period later: the commune may give an annex 51.
    expect(chain.facts.cardValidUntil).toBe(addDays(TODAY, 20));
    expect(chain.allowed).toEqual(["ANNEX_51_ISSUED"]);
    // His own e-Box: what happened, when, until when he may search, and the region's appeal.
    await drain();
    const notice = await eboxNotice(`revocation-notice:${caseId}:worker-informed:person:${PERSON}`);
    expect(notice.recipient_kind).toBe("person");
    expect(notice.subject).toContain(reference);
    expect(notice.body).toContain("Antwerpen");
    expect(notice.body).toContain("The employment ended.");
    expect(notice.body).toContain(words.appealBrussels);
    expect(notice.body).toContain(formatDate(period.ends_on, language));
  });

  it("the commune gives the annex 51: a PDF whose code /verify checks", async () => {
    await recordRevocationStep(db, commune, caseId, "ANNEX_51_ISSUED", { stepOn: TODAY, version: await chainVersion() });
    const chain = (await revocationOf(db, caseId, "commune"))!;
    expect(chain.annex51Code).toMatch(/^[0-9A-Z]{4}(-[0-9A-Z]{4}){4}$/);
    const period = await db.selectFrom("unemployment_periods").select("ends_on").where("application_id", "=", caseId).executeTakeFirstOrThrow();
    expect(await verifyPermit(db, chain.annex51Code!)).toMatchObject({ document: "annex-51", state: "valid", commune: "antwerpen", issuedOn: TODAY, validUntil: period.ends_on, holderInitials: "A. H." });
    // /verify, without signing in, in Dutch.
    const checked = await app.fetch(new Request(`http://localhost/verify/${chain.annex51Code!}`, { headers: { Cookie: `${LANGUAGE_COOKIE}=nl` } }));
    const html = await checked.text();
    expect(html).toContain("Bijlage 51 (verblijf tijdens het zoeken naar een werkgever)");
    expect(html).toContain("Geldig: de houder mag verblijven terwijl hij een werkgever zoekt.");
    // The worker sees on /permits that the commune informed him, and until when he may search.
    const created = await db.insertInto("users").values({ login: `worker.${PERSON}`, display_name: "Amina Haddad", role: "worker", person_number: PERSON }).returning("id").executeTakeFirstOrThrow();
    const own = await page(await openBrowserSession(db, (await loadUser(db, created.id, undefined, ""))!), "/permits", "fr");
    expect(own.status).toBe(200);
    expect(own.html).toContain("Informé par la commune de Antwerpen");
    expect(own.html).toContain("le travailleur peut chercher un nouvel employeur jusqu");
    const pdf = await annex51Pdf(db, commune, caseId, "nl");
    expect(Buffer.from(pdf!.bytes.subarray(0, 5)).toString()).toBe("%PDF-");
    expect(pdf!.fileName).toMatch(/-annex-51-nl\.pdf$/);
    // The annex 51 is told to him too: until when it lets him stay (it decides nothing: no appeal).
    await drain();
    const notice = await eboxNotice(`revocation-notice:${caseId}:annex-51-issued:person:${PERSON}`);
    expect(notice.body).toContain(formatDate(period.ends_on, language));
    expect(notice.body).toContain(formatDate(addDays(TODAY, 20), language));
    expect(notice.body).not.toContain(words.appealCall);
  });

  it("the period runs out: the OE ends the stay, the commune strikes him off; the annex 51 no longer holds", async () => {
    const period = await db.selectFrom("unemployment_periods").select("ends_on").where("application_id", "=", caseId).executeTakeFirstOrThrow();
    const later = new Date(`${addDays(period.ends_on, 2)}T10:00:00Z`);
    // Not before it has run out.
    await expect(recordRevocationStep(db, oe, caseId, "STAY_ENDED", { stepOn: TODAY, version: await chainVersion() })).rejects.toBeInstanceOf(RevocationStepRefused);
    expect((await revocationOf(db, caseId, "oe", later))!.next).toEqual({ who: "oe", step: "STAY_ENDED" });
    await recordRevocationStep(db, oe, caseId, "STAY_ENDED", { stepOn: addDays(period.ends_on, 1), version: await chainVersion() }, later);
    expect(await communeRevocationTasks(db, commune, later)).toEqual([expect.objectContaining({ id: caseId, step: "STRUCK_OFF" })]);
    await recordRevocationStep(db, commune, caseId, "STRUCK_OFF", { stepOn: addDays(period.ends_on, 2), version: await chainVersion() }, later);
    const chain = (await revocationOf(db, caseId, "commune", later))!;
    expect(chain.next).toEqual({ who: "none", step: "DONE" });
    expect(await verifyPermit(db, chain.annex51Code!, later)).toMatchObject({ document: "annex-51", state: "revoked" });
    // The end of the stay is a decision: the worker's notice names the Council for Alien Law Litigation and its 30 days;
    // the employer hears that he may no longer employ him under this permit. Nothing is sent for the striking off.
    await drain();
    const worker = await eboxNotice(`revocation-notice:${caseId}:stay-ended:person:${PERSON}`);
    expect(worker.body).toContain(words.appealCall);
    expect(worker.body).toContain(formatDate(period.ends_on, language));
    const employerNotice = (await db.selectFrom("ebox_messages").selectAll().where("delivery_key", "like", `revocation-notice:${caseId}:stay-ended:enterprise:%`).execute())[0]!;
    expect(employerNotice.recipient_kind).toBe("enterprise");
    expect(employerNotice.body).toContain("Amina Haddad");
    expect(await db.selectFrom("ebox_messages").select("id").where("delivery_key", "like", `revocation-notice:${caseId}:struck-off:%`).execute()).toEqual([]);
  });
});

describe("what the others see", () => {
  it("the case's history holds each step, in order", async () => {
    const types = (await db.selectFrom("application_events").select("type").where("application_id", "=", caseId).orderBy("id").execute()).map((row) => row.type);
    expect(types.filter((type) => ["commune-instructed", "worker-informed", "annex-51-issued", "stay-ended", "struck-off"].includes(type))).toEqual([
      "commune-instructed",
      "worker-informed",
      "annex-51-issued",
      "stay-ended",
      "struck-off",
    ]);
  });

  it("the cadastre's history of the permit shows each step", async () => {
    await drain();
    const lines = await db
      .selectFrom("limosa.permit_history")
      .innerJoin("limosa.permits", "limosa.permits.id", "limosa.permit_history.permit_id")
      .select("limosa.permit_history.status")
      .where("limosa.permits.case_reference", "=", reference)
      .orderBy("limosa.permit_history.id")
      .execute();
    const statuses = lines.map((line) => line.status);
    expect(statuses.filter((status) => ["commune-instructed", "worker-informed", "annex-51-issued", "stay-ended", "struck-off"].includes(status))).toEqual([
      "commune-instructed",
      "worker-informed",
      "annex-51-issued",
      "stay-ended",
      "struck-off",
    ]);
  });

  it("the commune's reads and acts are in the audit log", async () => {
    const lines = await db.selectFrom("audit_log").select(["action", "subject_id"]).where("actor_user_id", "=", commune.id).execute();
    expect(lines).toContainEqual({ action: "list", subject_id: "revocation:antwerpen" });
    expect(lines.filter((line) => line.action === "act" && line.subject_id === caseId).length).toBeGreaterThanOrEqual(4);
  });
});

/** Files a case for a worker living in Antwerpen (postal code 2018) and takes it to the grant; returns its id and reference. */
async function grantedCase(worker: Record<string, string>, contractEnd: string): Promise<{ id: string; reference: string }> {
  const data = applicationData(
    {
      worker: { nationality: "TN", birthDate: "1988-09-12", livesIn: "belgium", residencePostalCode: "2018", ...worker },
      employment: { category: "other", jobTitle: "Analyst", placeOfWorkPostalCode: "1000", contractStart: addDays(TODAY, -40), employmentEnd: contractEnd, grossAnnualSalary: "52000" },
      residence: { feeStatus: "paid", feePaidOn: addDays(TODAY, -45), healthInsurance: "mutuality" },
    },
    [],
  );
  const { id } = await submitNewApplication(db, employer, { applicationId: randomUUID(), employerId: employer.actingFor!.employerId, data, authority: "brussels", uiLanguage: "en" });
  let version = 1;
  for (const [user, type] of [[brussels, "DECLARE_COMPLETE"], [oe, "PRE_CHECKS_DONE"], [brussels, "AUTHORISE_WORK"], [oe, "GRANT_RESIDENCE"]] as const) {
    version = (await applyCaseCommand(db, { user }, id, version, { type })).version;
  }
  const row = await db.selectFrom("applications").select("reference").where("id", "=", id).executeTakeFirstOrThrow();
  return { id, reference: row.reference! };
}

const versionOf = async (id: string) => String((await db.selectFrom("revocation_chains").select("version").where("application_id", "=", id).executeTakeFirstOrThrow()).version);
const caseVersionOf = async (id: string) => (await db.selectFrom("applications").select("version").where("id", "=", id).executeTakeFirstOrThrow()).version;

describe("the region ends the work authorisation with nobody having reported the end, for a worker without a national number", () => {
  let id: string;
  let ref: string;
  let enterprise: string;

  beforeAll(async () => {
    ({ id, reference: ref } = await grantedCase({ givenNames: "Karim", familyName: "Ben Salah", passportNumber: "TN9988776" }, addDays(TODAY, 300)));
    enterprise = (await db.selectFrom("employers").select("enterprise_number").where("id", "=", employer.actingFor!.employerId).executeTakeFirstOrThrow()).enterprise_number;
    // No report of the end of the employment: the region decides on what it learnt.
    await applyCaseCommand(db, { user: brussels }, id, await caseVersionOf(id), { type: "END_EMPLOYMENT", reason: "The employer closed the branch." });
    await drain();
  });

  it("the chain starts the search period itself, from the region's decision, naming no national number; the cadastre holds it", async () => {
    const period = await db.selectFrom("unemployment_periods").selectAll().where("application_id", "=", id).executeTakeFirstOrThrow();
    expect(period).toMatchObject({ worker_person_number: null, employment_ended_on: TODAY, starts_on: addDays(TODAY, 1), reported_by: "region", status: "running" });
    // Ended after 21 May 2026: three months or 90 days, whichever ends later (docs/domain.md §5).
    expect(period.ends_on >= addDays(TODAY, 90)).toBe(true);
    const copy = await db.selectFrom("limosa.unemployment_periods").selectAll().where("case_reference", "=", ref).executeTakeFirstOrThrow();
    expect(copy).toMatchObject({ worker_person_number: null, ends_on: period.ends_on, status: "running" });
    // He has no e-Box: the notice of his period is in the employer's, marked to forward.
    const notice = await eboxNotice(`unemployment-started:${period.id}`);
    expect(notice).toMatchObject({ recipient_kind: "enterprise", recipient_id: enterprise });
    expect(notice.subject).toContain(words.toForwardSubject);
  });

  it("the commune informs him: the notice is the employer's to forward, with the search period and the region's appeal", async () => {
    await recordRevocationStep(db, oe, id, "INSTRUCT_COMMUNE", { stepOn: TODAY, version: await versionOf(id) });
    await recordRevocationStep(db, commune, id, "WORKER_INFORMED", { stepOn: TODAY, version: await versionOf(id) });
    await drain();
    const period = await db.selectFrom("unemployment_periods").select("ends_on").where("application_id", "=", id).executeTakeFirstOrThrow();
    const notice = await eboxNotice(`revocation-notice:${id}:worker-informed:enterprise:${enterprise}`);
    expect(notice.subject).toContain(words.toForwardSubject);
    expect(notice.body).toContain("The employer closed the branch.");
    expect(notice.body).toContain(formatDate(period.ends_on, language));
    expect(notice.body).toContain(words.appealBrussels);
    expect((await revocationOf(db, id, "oe"))!.next).toEqual({ who: "worker", step: "SEARCH", until: period.ends_on });
  });

  it("the period runs out: the chain reaches the end of the stay and the striking off", async () => {
    const period = await db.selectFrom("unemployment_periods").select("ends_on").where("application_id", "=", id).executeTakeFirstOrThrow();
    const later = new Date(`${addDays(period.ends_on, 2)}T10:00:00Z`);
    expect(await sweepUnemploymentPeriods(db, later)).toContain(ref);
    expect((await revocationOf(db, id, "oe", later))!.next).toEqual({ who: "oe", step: "STAY_ENDED" });
    await recordRevocationStep(db, oe, id, "STAY_ENDED", { stepOn: addDays(period.ends_on, 1), version: await versionOf(id) }, later);
    await recordRevocationStep(db, commune, id, "STRUCK_OFF", { stepOn: addDays(period.ends_on, 2), version: await versionOf(id) }, later);
    expect((await revocationOf(db, id, "commune", later))!.next).toEqual({ who: "none", step: "DONE" });
    await drain();
    // The worker's notice of the end of his stay (to forward, with the Council's appeal) and the employer's own.
    const forwarded = await eboxNotice(`revocation-notice:${id}:stay-ended:enterprise:${enterprise}`);
    expect(forwarded.subject).toContain(words.toForwardSubject);
    expect(forwarded.body).toContain(words.appealCall);
    const own = await eboxNotice(`revocation-notice:${id}:stay-ended:enterprise:${enterprise}:employer`);
    expect(own.body).toContain("Karim Ben Salah");
    expect(own.subject).not.toContain(words.toForwardSubject);
  });
});

describe("the region withdraws the work authorisation for a ground", () => {
  it("no search period starts (agii.be: none after a withdrawal); the OE ends the stay once the worker is informed", async () => {
    const person = makePersonNumber("1985-01-17", 412);
    const { id } = await grantedCase({ givenNames: "Samir", familyName: "Trabelsi", passportNumber: "TN1122334", personNumber: person }, addDays(TODAY, 300));
    await applyCaseCommand(db, { user: brussels }, id, await caseVersionOf(id), { type: "REVOKE", reason: "Forged payslips.", ground: "fraud" });
    expect(await db.selectFrom("unemployment_periods").select("id").where("application_id", "=", id).execute()).toEqual([]);
    await recordRevocationStep(db, oe, id, "INSTRUCT_COMMUNE", { stepOn: TODAY, version: await versionOf(id) });
    await recordRevocationStep(db, commune, id, "WORKER_INFORMED", { stepOn: TODAY, version: await versionOf(id) });
    await drain();
    const notice = await eboxNotice(`revocation-notice:${id}:worker-informed:person:${person}`);
    expect(notice.body).toContain("Forged payslips.");
    expect(notice.body).toContain(words.appealBrussels);
    expect((await revocationOf(db, id, "oe"))!.next).toEqual({ who: "oe", step: "STAY_ENDED" });
  });
});

describe("the demo", () => {
  it("holds a permit in the chain waiting for the commune of Antwerp to inform the worker; seeded once", async () => {
    expect(await seedDemoCase(db)).toBe(true);
    expect(await seedDemoCase(db)).toBe(false);
    const tasks = await communeRevocationTasks(db, commune);
    const demo = tasks.find((task) => task.worker === "Tomás Ferreira");
    expect(demo).toMatchObject({ step: "WORKER_INFORMED", instructedOn: addDays(TODAY, -5) });
    const chain = (await revocationOf(db, demo!.id, "oe"))!;
    expect(chain.facts).toMatchObject({ kind: "ended", endedOn: addDays(TODAY, -8), commune: "antwerpen" });
    expect(chain.next).toEqual({ who: "commune", step: "WORKER_INFORMED" });
    // His search period runs from the last day of work the secretariat reported.
    expect(await db.selectFrom("unemployment_periods").select(["employment_ended_on", "reported_by"]).where("application_id", "=", demo!.id).executeTakeFirstOrThrow()).toEqual({
      employment_ended_on: addDays(TODAY, -12),
      reported_by: "employer",
    });
  });
});
