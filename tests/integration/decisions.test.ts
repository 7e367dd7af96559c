import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { getDocument } from "pdfjs-dist/legacy/build/pdf.mjs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { applyCaseCommand, CaseCommandRefused, sweepDeadlines } from "../../app/cases/case-commands.server";
import { loadCaseView } from "../../app/cases/case-view.server";
import { officerQueue } from "../../app/cases/officer-queue.server";
import type { DB } from "../../app/db/db.server";
import { deliverPending, localChannels, type DeliveryChannels } from "../../app/delivery/delivery.server";
import { seedDemoCase, seedDemoData } from "../../app/demo/seed.server";
import { localDocumentStore } from "../../app/documents/store.server";
import { fileFor, validApplication } from "../support/applications";
import { openTestDatabase } from "../support/test-db";
import { demoUser } from "../support/users";

let db: DB;
let drop: () => Promise<void>;
let root: string;
let channels: DeliveryChannels;

beforeAll(async () => {
  ({ db, drop } = await openTestDatabase());
  await seedDemoData(db);
  root = mkdtempSync(join(tmpdir(), "sp-decisions-"));
  channels = localChannels(db, localDocumentStore(root));
});
afterAll(async () => {
  await drop();
  rmSync(root, { recursive: true, force: true });
});

const at = (day: string) => new Date(`${day}T10:00:00Z`);
const row = (id: string) => db.selectFrom("applications").selectAll().where("id", "=", id).executeTakeFirstOrThrow();
let serial = 0;

async function file(options: { employer?: string; postal?: string; day?: string; category?: string; contractStart?: string; employmentEnd?: string } = {}) {
  const day = options.day ?? "2026-03-02";
  const employer = await demoUser(db, "secretariat", options.employer ?? "Antwerp Port Engineering NV");
  const input = await validApplication(
    {
      givenNames: "Ana",
      familyName: "Šimić",
      nationality: "RS",
      birthDate: "1990-03-14",
      passportNumber: `RS77${String(serial++).padStart(4, "0")}`,
      personNumber: "",
      placeOfWorkPostalCode: options.postal ?? "2030",
      jobTitle: "Welder",
      employmentEnd: options.employmentEnd ?? "",
      category: options.category ?? "shortage-occupation",
      grossAnnualSalary: "36000",
    },
    day,
  );
  if (options.contractStart) input.value.contractStart = options.contractStart;
  const filed = await fileFor(db, employer, input, "en", { now: at(day) });
  return { ...filed, employer };
}

async function pdfText(sha256: string): Promise<string> {
  const bytes = await channels.store.get(sha256);
  const pdf = await getDocument({ data: bytes!.slice(), useSystemFonts: false, disableFontFace: true }).promise;
  let text = "";
  for (let n = 1; n <= pdf.numPages; n++) text += (await (await pdf.getPage(n)).getTextContent()).items.map((item) => ("str" in item ? item.str : "")).join(" ") + "\n";
  await pdf.destroy();
  return text.replace(/\s+/g, " ");
}

const inbox = (id: string, like: string) =>
  db.selectFrom("ebox_messages").selectAll().where("application_id", "=", id).where("attachment_name", "like", like).where("recipient_kind", "=", "enterprise").execute();

describe("the demo case", () => {
  it("is a Flemish file whose request lapsed, which the first sweep proposes to declare inadmissible; seeded once", async () => {
    const now = at("2026-11-27");
    expect(await seedDemoCase(db, now)).toBe(true);
    expect(await seedDemoCase(db, now)).toBe(false);
    const demo = await db.selectFrom("applications").selectAll().where("status", "=", "regional-awaiting-documents").executeTakeFirstOrThrow();
    expect(demo).toMatchObject({ competent_authority: "flanders", procedure_language: "nl" });
    expect((await sweepDeadlines(db, now)).proposals).toBe(1);
    const view = await loadCaseView(db, await row(demo.id), await demoUser(db, "officer.flanders"), "2026-11-27");
    expect(view.proposal).toMatchObject({ kind: "inadmissible", reason: "request-lapsed" });
    // The queue points the Flemish officers to it.
    const queue = (await officerQueue(db, await demoUser(db, "officer.flanders"), undefined, now)).cases;
    expect(queue.find((item) => item.id === demo.id)).toMatchObject({ proposal: true });
  });
});

describe("decisions by decider", () => {
  it("a Flemish refusal of the work is the region's own decision with the minister's appeal, not an annex 48", async () => {
    const { id, reference } = await file();
    const flanders = await demoUser(db, "officer.flanders");
    let { version } = await applyCaseCommand(db, { user: flanders }, id, 1, { type: "DECLARE_COMPLETE" }, at("2026-03-03"));
    ({ version } = await applyCaseCommand(db, { user: flanders }, id, version, { type: "REFUSE_WORK", reason: "De vacature werd niet bij VDAB gepubliceerd." }, at("2026-03-10")));
    await deliverPending(db, channels);
    const [message] = await inbox(id, "%work-refusal-nl.pdf");
    expect(message).toMatchObject({ subject: `Toelating tot arbeid geweigerd – ${reference}`, attachment_name: `${reference}-work-refusal-nl.pdf` });
    expect(message!.body).toContain("Vlaamse minister bevoegd voor werk");
    expect(message!.body).toContain("binnen 30 dagen na de kennisgeving");
    const text = await pdfText(message!.attachment_sha256!);
    expect(text).toContain("Toelating tot arbeid geweigerd");
    expect(text).toContain("De vacature werd niet bij VDAB gepubliceerd.");
    expect(text).toContain("Vlaamse minister bevoegd voor werk");
    expect(text).not.toMatch(/Bijlage 48|Raad voor Vreemdelingenbetwistingen/);
    // Every e-Box copy is the region's document; the cadastre knows the refusal.
    expect(await inbox(id, "%annex-48%")).toEqual([]);
    expect(await db.selectFrom("limosa.permits").select("status").where("case_reference", "=", reference).executeTakeFirstOrThrow()).toEqual({ status: "refused" });
    // The applicant's page names the same document.
    const view = await loadCaseView(db, await row(id), (await demoUser(db, "secretariat", "Antwerp Port Engineering NV")), "2026-03-10");
    expect(view).toMatchObject({ status: "refused", decisionDocument: "work-refusal" });
  });

  it("an OE refusal is annex 48 naming the Council for Alien Law Litigation and its 30 days", async () => {
    const { id, reference } = await file({ employer: "Logistique Meuse SA", postal: "5000" });
    const wallonia = await demoUser(db, "officer.wallonia");
    const oe = await demoUser(db, "officer.oe");
    let version = 1;
    for (const [user, type] of [[wallonia, "DECLARE_COMPLETE"], [oe, "PRE_CHECKS_DONE"], [wallonia, "AUTHORISE_WORK"]] as const) {
      ({ version } = await applyCaseCommand(db, { user }, id, version, { type }, at("2026-03-05")));
    }
    await applyCaseCommand(db, { user: oe }, id, version, { type: "REFUSE_RESIDENCE", reason: "Ordre public." }, at("2026-03-12"));
    await deliverPending(db, channels);
    const [message] = await inbox(id, "%annex-48-fr.pdf");
    expect(message!.body).toContain("Conseil du contentieux des étrangers");
    expect(message!.body).toContain("dans les 30 jours de la notification");
    const text = await pdfText(message!.attachment_sha256!);
    expect(text).toContain("Annexe 48");
    expect(text).toContain("39/57");
    expect(text).toContain("Office des étrangers");
    // The region's work authorisation went out before, as its own document.
    expect(await inbox(id, `${reference}-work-authorisation-fr.pdf`)).toHaveLength(1);
  });

  it("ends the work authorisation after the end of employment with the 90-day search; a withdrawal for fraud has none", async () => {
    const flanders = await demoUser(db, "officer.flanders");
    const oe = await demoUser(db, "officer.oe");
    const grant = async () => {
      const { id } = await file();
      let version = 1;
      for (const [user, type] of [[flanders, "DECLARE_COMPLETE"], [oe, "PRE_CHECKS_DONE"], [flanders, "AUTHORISE_WORK"], [oe, "GRANT_RESIDENCE"]] as const) {
        ({ version } = await applyCaseCommand(db, { user }, id, version, { type }, at("2026-03-05")));
      }
      return { id, version };
    };
    const ending = await grant();
    await applyCaseCommand(db, { user: flanders }, ending.id, ending.version, { type: "END_EMPLOYMENT", reason: "Ontslag op 30 juni." }, at("2026-07-01"));
    const fraud = await grant();
    await applyCaseCommand(db, { user: flanders }, fraud.id, fraud.version, { type: "REVOKE", reason: "Vals diploma.", ground: "fraud" }, at("2026-07-01"));
    await deliverPending(db, channels);
    const [ended] = await inbox(ending.id, "%end-of-employment-nl.pdf");
    const endedText = await pdfText(ended!.attachment_sha256!);
    expect(endedText).toContain("90 dagen");
    expect(endedText).toContain("bijlage 51");
    expect(ended!.body).toContain("Vlaamse minister bevoegd voor werk");
    const [withdrawn] = await inbox(fraud.id, "%work-withdrawal-nl.pdf");
    const withdrawnText = await pdfText(withdrawn!.attachment_sha256!);
    expect(withdrawnText).toContain("Vals diploma.");
    expect(withdrawnText).not.toContain("90 dagen");
    expect((await row(ending.id)).status).toBe("ended");
    expect(await db.selectFrom("limosa.permits").select("status").where("case_reference", "=", (await row(ending.id)).reference!).executeTakeFirstOrThrow()).toEqual({ status: "ended" });
    const history = await db.selectFrom("application_events").select("detail").where("application_id", "=", fraud.id).where("type", "=", "revoke").executeTakeFirstOrThrow();
    expect(history.detail).toMatchObject({ ground: "fraud" });
  });

  it("starts the permit on the contract's first day when it is after the decision", async () => {
    const flanders = await demoUser(db, "officer.flanders");
    const oe = await demoUser(db, "officer.oe");
    const { id } = await file({ contractStart: "2026-09-01", employmentEnd: "2027-08-31" });
    let version = 1;
    for (const [user, type] of [[flanders, "DECLARE_COMPLETE"], [oe, "PRE_CHECKS_DONE"], [flanders, "AUTHORISE_WORK"], [oe, "GRANT_RESIDENCE"]] as const) {
      ({ version } = await applyCaseCommand(db, { user }, id, version, { type }, at("2026-04-15")));
    }
    const permit = await db.selectFrom("permits").select(["valid_from", "valid_until"]).where("application_id", "=", id).executeTakeFirstOrThrow();
    expect(permit).toEqual({ valid_from: "2026-09-01", valid_until: "2027-08-31" });
  });
});

describe("a request for documents that lapses", () => {
  it("is due 15 days later, moved off the weekend; the sweep proposes inadmissibility the day after, once; the officer confirms", async () => {
    const { id, reference } = await file({ day: "2026-03-02" });
    const flanders = await demoUser(db, "officer.flanders");
    // Requested on Friday 6 March: 15 days end on Saturday 21 March, so on Monday 23 March.
    const { version } = await applyCaseCommand(db, { user: flanders }, id, 1, { type: "REQUEST_DOCUMENTS", message: "Het ondertekende contract, a.u.b.", items: ["Arbeidsovereenkomst"] }, at("2026-03-06"));
    const request = await db.selectFrom("document_requests").select("due_on").where("application_id", "=", id).executeTakeFirstOrThrow();
    expect(request.due_on).toBe("2026-03-23");

    expect((await sweepDeadlines(db, at("2026-03-23"))).proposals).toBe(0); // due that day
    const first = await sweepDeadlines(db, at("2026-03-24"));
    expect(first.proposals).toBeGreaterThanOrEqual(1);
    expect((await sweepDeadlines(db, at("2026-03-25"))).proposals).toBe(0); // once
    const proposed = await row(id);
    expect(proposed.status).toBe("regional-awaiting-documents"); // nothing decided by the system
    const view = await loadCaseView(db, proposed, flanders, "2026-03-25");
    expect(view.proposal).toEqual({ kind: "inadmissible", reason: "request-lapsed", dueOn: "2026-03-23" });
    const lapsed = await db.selectFrom("application_events").select(["type", "detail"]).where("application_id", "=", id).where("type", "=", "request-lapsed").execute();
    expect(lapsed).toEqual([{ type: "request-lapsed", detail: { dueOn: "2026-03-23" } }]);

    await applyCaseCommand(db, { user: flanders }, id, proposed.version, { type: "DECLARE_INADMISSIBLE", reason: "Het contract werd niet binnen de termijn bezorgd.", ground: "not-completed" }, at("2026-03-26"));
    expect(version).toBeLessThan(proposed.version);
    const decided = await row(id);
    expect(decided).toMatchObject({ status: "inadmissible", legal_clock: null, due_on: null });
    expect(await db.selectFrom("document_requests").select("answered_at").where("application_id", "=", id).executeTakeFirstOrThrow()).not.toEqual({ answered_at: null });
    await deliverPending(db, channels);
    const [message] = await inbox(id, `${reference}-inadmissibility-region-nl.pdf`);
    expect(message!.body).toContain("Raad van State");
    expect(message!.body).toContain("60 dagen");
    expect(await db.selectFrom("limosa.permits").select("status").where("case_reference", "=", reference).executeTakeFirstOrThrow()).toEqual({ status: "inadmissible" });
  });

  it("lets the OE declare a file without its fee inadmissible, with the Council for Alien Law Litigation as appeal", async () => {
    const { id, reference } = await file({ employer: "Brussels Digital Solutions SRL", postal: "1000" });
    const oe = await demoUser(db, "officer.oe");
    await applyCaseCommand(db, { user: oe }, id, 1, { type: "DECLARE_INADMISSIBLE", reason: "Pas de preuve du paiement de la redevance.", ground: "fee-missing" }, at("2026-03-04"));
    await deliverPending(db, channels);
    // The copy in the procedure language (French), not the courtesy copy in the filer's.
    const [message] = await inbox(id, `${reference}-inadmissibility-oe-fr.pdf`);
    expect(message!.body).toContain("Conseil du contentieux des étrangers");
    expect((await row(id)).status).toBe("inadmissible");
  });
});

describe("the seasonal clock", () => {
  it("changes when the officer says the worker returns, with a history event", async () => {
    const { id } = await file({ employer: "Tuinbouw De Wilde BV", postal: "3800", category: "other" });
    const flanders = await demoUser(db, "officer.flanders");
    // A general case cannot switch to a seasonal clock.
    await expect(applyCaseCommand(db, { user: flanders }, id, 1, { type: "SET_CLOCK_CATEGORY", category: "seasonal-returning", reason: "x" })).rejects.toBeInstanceOf(CaseCommandRefused);
    await db.updateTable("applications").set({ category: "seasonal" }).where("id", "=", id).execute();
    const snapshot = (await row(id)).machine_snapshot as { context: { category: string } };
    snapshot.context.category = "seasonal";
    await db.updateTable("applications").set({ machine_snapshot: JSON.stringify(snapshot) }).where("id", "=", id).execute();
    let { version } = await applyCaseCommand(db, { user: flanders }, id, 1, { type: "DECLARE_COMPLETE" }, at("2026-03-02"));
    expect((await row(id)).due_on).toBe("2026-06-01"); // 90 days: Sunday 31 May
    ({ version } = await applyCaseCommand(db, { user: flanders }, id, version, { type: "SET_CLOCK_CATEGORY", category: "seasonal-returning", reason: "Seizoenarbeider in 2024." }, at("2026-03-04")));
    expect(await row(id)).toMatchObject({ category: "seasonal-returning", due_on: "2026-05-04" }); // 60 days: 1 May, Labour Day (Friday), then the weekend
    const event = await db.selectFrom("application_events").select(["detail", "reason"]).where("application_id", "=", id).where("type", "=", "set-clock-category").executeTakeFirstOrThrow();
    expect(event).toEqual({ detail: { from: "seasonal", to: "seasonal-returning" }, reason: "Seizoenarbeider in 2024." });
    expect(version).toBeGreaterThan(2);
  });
});
