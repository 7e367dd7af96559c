import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DB } from "../../app/db/db.server";
import { seedDemoData } from "../../app/demo/seed.server";
import { listApplicationsFor } from "../../app/cases/applicant-list.server";
import { loadCaseView } from "../../app/cases/case-view.server";
import { localDocumentStore } from "../../app/documents/store.server";
import {
  deleteDraft,
  draftDocumentFields,
  draftDocuments,
  findDraftOrFiling,
  loadFormDraft,
  residenceTitleWarning,
  saveStep,
  startApplication,
  submitDraft,
  updateDraftDocuments,
  type FormDraft,
} from "../../app/drafts/drafts.server";
import { NotFoundError } from "../../app/errors";
import { readUploadForm } from "../../app/http/upload.server";
import type { User } from "../../app/identity/user";
import { MAX_FILE_BYTES } from "../../forms/documents";
import { FORM_VERSION } from "../../forms/universal-form";
import { EXECUTABLE, PDF } from "../support/files";
import { openTestDatabase } from "../support/test-db";
import { demoUser } from "../support/users";

let db: DB;
let drop: () => Promise<void>;
let documentsDir: string;
const NOW = new Date("2026-11-23T10:00:00+01:00");

beforeAll(async () => {
  ({ db, drop } = await openTestDatabase());
  await seedDemoData(db);
  documentsDir = mkdtempSync(join(tmpdir(), "sp-form-documents-"));
  process.env.DOCUMENTS_DIR = documentsDir;
});
afterAll(async () => {
  await drop();
  delete process.env.DOCUMENTS_DIR;
  rmSync(documentsDir, { recursive: true, force: true });
});

async function draftOf(user: User, id: string) {
  const draft = await loadFormDraft(db, user, id);
  if (!draft) throw new Error(`no draft ${id} for ${user.login}`);
  return draft;
}

/** Saves a step as its page's POST does, on a freshly loaded draft. */
async function answer(user: User, id: string, step: string, values: Record<string, string>) {
  const saved = await saveStep(db, user, await draftOf(user, id), step, values, NOW);
  if (saved.kind !== "saved") throw new Error("the draft was filed");
  return saved;
}

const WORKER = {
  givenNames: "Ana",
  familyName: "Šimić",
  nationality: "RS",
  birthDate: "1990-03-14",
  passportNumber: "rs 123-4567",
  personNumber: "",
  livesIn: "abroad",
  visaPost: "belgrade",
};
const EMPLOYMENT = {
  category: "other",
  jobTitle: "Greenhouse technician",
  placeOfWorkPostalCode: "3800",
  contractStart: "2027-02-01",
  employmentEnd: "2028-01-31",
  grossAnnualSalary: "34 000",
};
const LABOUR_MARKET = { vacancyReference: "VDAB-1234567", vacancyPublishedOn: "2026-08-20", publishedOnEures: "yes" };
const RESIDENCE = { feeStatus: "paid", feePaidOn: "2026-11-02", healthInsurance: "mutuality" };

function uploadRequest(files: [string, Uint8Array, string][], intent = "upload") {
  const form = new FormData();
  form.append("csrf", "test-token");
  form.append("intent", intent);
  for (const [field, bytes, name] of files) form.append(field, new Blob([new Uint8Array(bytes)]), name);
  return new Request("http://localhost/applications/drafts/x/documents", { method: "POST", body: form, headers: { Origin: "http://localhost" } });
}

/** The documents step's POST, as its page reads and answers it. */
async function postDocuments(user: User, draft: FormDraft, request: Request) {
  const upload = await readUploadForm(request, user, await draftDocumentFields(db, draft));
  if (!upload.ok) throw new Error(`upload refused: ${upload.problem}`);
  const intent = upload.fields.intent ?? "upload";
  return updateDraftDocuments(
    db,
    localDocumentStore(),
    user,
    draft,
    intent.startsWith("remove:") ? { remove: intent.slice("remove:".length) } : { files: upload.files, rejected: upload.rejected },
  );
}

/** A Flemish application with every step answered and a file for every document. */
async function completeFlemishDraft(user: User): Promise<string> {
  const id = await startApplication(db, user);
  await answer(user, id, "employer", { employerRemark: "Our street was renamed: Halmaalweg is now Halmaalpad 12." });
  await answer(user, id, "worker", WORKER);
  await answer(user, id, "employment", EMPLOYMENT);
  await answer(user, id, "flanders-labour-market", LABOUR_MARKET);
  await answer(user, id, "residence", RESIDENCE);
  const items = await draftDocuments(db, await draftOf(user, id), NOW);
  await postDocuments(user, await draftOf(user, id), uploadRequest(items.map(({ item }) => [`item:${item}`, PDF, `${item}.pdf`])));
  return id;
}

describe("the universal form's drafts", () => {
  it("are saved at every step, keep what was typed when it fails, and are continued by a colleague", async () => {
    const employer = await demoUser(db, "employer", "Tuinbouw De Wilde BV");
    const colleague = await demoUser(db, "secretariat", "Tuinbouw De Wilde BV");
    const id = await startApplication(db, employer);
    await answer(employer, id, "employer", { employerRemark: "The register still shows our old street." });

    const refused = await answer(employer, id, "worker", { ...WORKER, birthDate: "1990-02-30", personNumber: "90031410123" });
    expect(refused.result).toMatchObject({
      ok: false,
      // 30 February: the day is the part that is wrong (February 1990 has 28).
      errors: { birthDate: { key: "form.errors.date.day", values: { max: 28 } }, personNumber: { key: "newApplication.errors.personNumber.checksum" } },
    });
    // Nothing typed is lost: the colleague finds the same (wrong) values, the step not completed.
    const resumed = await draftOf(colleague, id);
    expect(resumed.facts.answers.worker).toMatchObject({ givenNames: "Ana", birthDate: "1990-02-30" });
    expect(resumed.facts.completed).toEqual(["employer"]);
    expect(resumed.progress.sections.find((s) => s.id === "worker")?.status).toBe("in-progress");
    expect(resumed.progress.sections.find((s) => s.id === "employment")?.status).toBe("cannot-start-yet");
    expect(resumed).toMatchObject({ formVersion: FORM_VERSION, outdated: false, employer: { name: "Tuinbouw De Wilde BV" } });

    const accepted = await answer(colleague, id, "worker", WORKER);
    expect(accepted.result).toMatchObject({ ok: true, values: { passportNumber: "RS1234567", visaPost: "belgrade" } });
    expect(accepted.progress.current).toBe("employment");

    const listed = (await listApplicationsFor(db, employer)).find((application) => application.id === id);
    expect(listed).toMatchObject({ status: "draft", reference: null, workerName: "Ana Šimić", nationality: "RS" });
    // Drafts are not cases: nothing is submitted, no officer sees them.
    expect(await db.selectFrom("applications").select("submitted_at").where("id", "=", id).executeTakeFirstOrThrow()).toEqual({ submitted_at: null });
    expect(await loadFormDraft(db, await demoUser(db, "officer.flanders"), id)).toBeNull();
    const outsider = await demoUser(db, "secretariat", "Logistique Meuse SA");
    expect(await loadFormDraft(db, { ...outsider, mandates: outsider.mandates.filter((m) => m.name !== "Tuinbouw De Wilde BV") }, id)).toBeNull();
  });

  it("drops the old region's answers when the place of work moves to another region", async () => {
    const employer = await demoUser(db, "employer", "Tuinbouw De Wilde BV");
    const id = await startApplication(db, employer);
    await answer(employer, id, "employer", {});
    await answer(employer, id, "worker", WORKER);
    const flemish = await answer(employer, id, "employment", EMPLOYMENT);
    expect(flemish.progress.plan).toMatchObject({ authority: "flanders" });
    expect(flemish.progress.nextStep).toBe("flanders-labour-market");
    await answer(employer, id, "flanders-labour-market", LABOUR_MARKET);

    const walloon = await answer(employer, id, "employment", { ...EMPLOYMENT, placeOfWorkPostalCode: "5000" });
    expect(walloon.progress.plan.authority).toBe("wallonia");
    expect(walloon.progress.facts.answers).not.toHaveProperty("flanders-labour-market");
    expect(walloon.progress.facts.completed).not.toContain("flanders-labour-market");
    expect(walloon.progress.nextStep).toBe("wallonia-declarations");
    const stored = await db.selectFrom("applications").select("draft_form").where("id", "=", id).executeTakeFirstOrThrow();
    expect(JSON.stringify(stored.draft_form)).not.toContain("VDAB-1234567");

    // No place of work in Belgium: the registered office decides (Tuinbouw De Wilde is in Flanders).
    const atSeat = await answer(employer, id, "employment", { ...EMPLOYMENT, placeOfWorkPostalCode: "" });
    expect(atSeat.progress.plan.authority).toBe("flanders");
    expect(atSeat.progress.facts.answers).not.toHaveProperty("wallonia-declarations");
  });

  it("two tabs saving at once both keep their answers: a save never overwrites another", async () => {
    const employer = await demoUser(db, "employer", "Tuinbouw De Wilde BV");
    const id = await startApplication(db, employer);
    await answer(employer, id, "employer", {});
    await answer(employer, id, "worker", WORKER);
    // Both tabs were opened on the same version of the draft.
    const seenByBoth = await draftOf(employer, id);
    const [first, second] = await Promise.all([
      saveStep(db, employer, seenByBoth, "employment", EMPLOYMENT, NOW),
      saveStep(db, employer, seenByBoth, "worker", { ...WORKER, givenNames: "Ana Maria" }, NOW),
    ]);
    expect([first.kind, second.kind]).toEqual(["saved", "saved"]);
    const after = await draftOf(employer, id);
    expect(after.facts.answers.worker?.givenNames).toBe("Ana Maria");
    expect(after.facts.answers.employment?.jobTitle).toBe("Greenhouse technician");
    expect(after.facts.completed).toEqual(expect.arrayContaining(["employer", "worker", "employment"]));
  });

  it("refuses to open a step whose earlier steps are not done", async () => {
    const employer = await demoUser(db, "employer", "Tuinbouw De Wilde BV");
    const id = await startApplication(db, employer);
    await expect(saveStep(db, employer, await draftOf(employer, id), "employment", EMPLOYMENT, NOW)).rejects.toBeInstanceOf(NotFoundError);
    await expect(saveStep(db, employer, await draftOf(employer, id), "no-such-step", {}, NOW)).rejects.toBeInstanceOf(NotFoundError);
  });
});

describe("submitting", () => {
  it("files one application under two concurrent submits; afterwards the draft is the filed application", async () => {
    const employer = await demoUser(db, "employer", "Tuinbouw De Wilde BV");
    const id = await completeFlemishDraft(employer);
    const draft = await draftOf(employer, id);
    expect(draft.progress.current).toBe("check");
    const [first, second] = await Promise.all([submitDraft(db, employer, draft, "nl", NOW), submitDraft(db, employer, draft, "nl", NOW)]);
    expect(first).toMatchObject({ kind: "filed", id });
    expect(second).toMatchObject({ kind: "filed", id, reference: (first as { reference: string }).reference });
    const rows = await db.selectFrom("applications").selectAll().where("id", "=", id).execute();
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ status: "regional-completeness", competent_authority: "flanders", procedure_language: "nl", form_version: FORM_VERSION });
    expect(rows[0]!.draft_form).toBeNull();
    expect(rows[0]!.filed_form).toMatchObject({
      kind: "single",
      givenNames: "Ana",
      passportNumber: "RS1234567",
      grossAnnualSalary: "34000",
      employerRemark: "Our street was renamed: Halmaalweg is now Halmaalpad 12.",
      regional: { "flanders-labour-market": LABOUR_MARKET },
      residence: RESIDENCE,
    });
    // The uploaded documents stay with the filed application, and its officer sees them and every answer.
    const officer = await demoUser(db, "officer.flanders");
    const view = await loadCaseView(db, rows[0]!, officer, "2026-11-23");
    expect(view.filedDocuments.map((filed) => filed.item)).toEqual([
      "passport", "contract", "fee-proof", "medical-certificate", "criminal-record", "health-insurance", "vacancy-proof",
    ]);
    expect(view.employerRemark).toBe("Our street was renamed: Halmaalweg is now Halmaalpad 12.");
    expect(view.filedDocuments[0]!.documents[0]).toMatchObject({ fileName: "passport.pdf", mediaType: "application/pdf" });
    expect(view.answers?.map((section) => section.step)).toEqual(["employer", "worker", "employment", "flanders-labour-market", "residence"]);
    expect(view.answers?.find((section) => section.step === "flanders-labour-market")?.rows).toContainEqual(
      expect.objectContaining({ name: "vacancyReference", value: "VDAB-1234567" }),
    );
    // The back button after submit: the form is gone, the application is there.
    expect(await loadFormDraft(db, employer, id)).toBeNull();
    expect(await findDraftOrFiling(db, employer, id)).toEqual({ filedId: id });
    expect(await saveStep(db, employer, draft, "worker", WORKER, NOW)).toEqual({ kind: "already-submitted" });
  });

  it("sends the applicant back to a step that no longer passes, or to a document item left empty", async () => {
    const employer = await demoUser(db, "employer", "Tuinbouw De Wilde BV");
    const id = await completeFlemishDraft(employer);
    // Months later the vacancy is older than the 4 months Flanders accepts for "other" jobs.
    expect(await submitDraft(db, employer, await draftOf(employer, id), "nl", new Date("2027-01-20T10:00:00+01:00"))).toEqual({
      kind: "incomplete",
      step: "flanders-labour-market",
    });
    const draft = await draftOf(employer, id);
    expect(draft.facts.completed).not.toContain("flanders-labour-market");
    await answer(employer, id, "flanders-labour-market", LABOUR_MARKET);

    const passport = (await draftDocuments(db, await draftOf(employer, id), NOW)).find((item) => item.item === "passport")!;
    const removal = uploadRequest([], `remove:${passport.files[0]!.id}`);
    expect(await postDocuments(employer, await draftOf(employer, id), removal)).toMatchObject({ removed: true });
    expect(await submitDraft(db, employer, await draftOf(employer, id), "nl", NOW)).toEqual({ kind: "incomplete", step: "documents" });
  });
});

describe("the documents step", () => {
  it("refuses hostile files one by one with a reason, keeps the good ones and sanitises names", async () => {
    const employer = await demoUser(db, "employer", "Tuinbouw De Wilde BV");
    const id = await startApplication(db, employer);
    await answer(employer, id, "employer", {});
    await answer(employer, id, "worker", WORKER);
    await answer(employer, id, "employment", EMPLOYMENT);
    await answer(employer, id, "flanders-labour-market", LABOUR_MARKET);
    await answer(employer, id, "residence", RESIDENCE);
    const result = await postDocuments(
      employer,
      await draftOf(employer, id),
      uploadRequest([
        ["item:passport", EXECUTABLE, "passport.pdf"],
        ["item:contract", new Uint8Array(0), "contract.pdf"],
        ["item:medical-certificate", new Uint8Array(MAX_FILE_BYTES + 1), "scan.pdf"],
        ["item:criminal-record", PDF.slice(0, 40), "truncated.pdf"],
        ["item:fee-proof", PDF, "../../etc/passwd.pdf"],
        ["item:not-an-item", PDF, "smuggled.pdf"],
      ]),
    );
    expect(result.rejected).toHaveLength(4);
    expect(result.rejected).toEqual(
      expect.arrayContaining([
        { item: "medical-certificate", fileName: "scan.pdf", reason: "too-large" },
        { item: "passport", fileName: "passport.pdf", reason: "type" },
        { item: "contract", fileName: "contract.pdf", reason: "empty" },
        { item: "criminal-record", fileName: "truncated.pdf", reason: "corrupt" },
      ]),
    );
    expect(result.uploaded).toBe(1);
    const items = await draftDocuments(db, await draftOf(employer, id), NOW);
    expect(items.flatMap((item) => item.files.map((file) => [item.item, file.fileName]))).toEqual([["fee-proof", "passwd.pdf"]]);
    // The answers of the other steps are untouched, and the documents step is not complete.
    const draft = await draftOf(employer, id);
    expect(draft.facts.answers.worker).toMatchObject({ givenNames: "Ana" });
    expect(draft.progress.current).toBe("documents");
  });
});

describe("a worker already living in Belgium", () => {
  const IN_BELGIUM = { ...WORKER, livesIn: "belgium", visaPost: "", residencePostalCode: "3000" };

  it("is asked the title he stays on and its last day; an ended title sends the employer to file from abroad", async () => {
    const employer = await demoUser(db, "employer", "Tuinbouw De Wilde BV");
    const id = await startApplication(db, employer);
    await answer(employer, id, "employer", {});
    const missing = await answer(employer, id, "worker", IN_BELGIUM);
    expect(missing.result.ok).toBe(false);
    expect(!missing.result.ok && Object.keys(missing.result.errors).sort()).toEqual(["residenceTitle", "residenceTitleEndsOn"]);
    // The day before today (23 November 2026): the title has ended.
    const ended = await answer(employer, id, "worker", { ...IN_BELGIUM, residenceTitle: "student", residenceTitleEndsOn: "2026-11-22" });
    expect(!ended.result.ok && ended.result.errors.residenceTitleEndsOn).toMatchObject({ key: "applicationForm.errors.residenceTitleEnded" });
    // What was typed is kept on the page.
    expect(ended.typed).toMatchObject({ residenceTitle: "student", residenceTitleEndsOn: "2026-11-22" });
    const today = await answer(employer, id, "worker", { ...IN_BELGIUM, residenceTitle: "student", residenceTitleEndsOn: "2026-11-23" });
    expect(today.result.ok).toBe(true);
  });

  it("is warned before filing when the title may end before a decision, and the filed application keeps the title", async () => {
    const employer = await demoUser(db, "employer", "Tuinbouw De Wilde BV");
    const id = await completeFlemishDraft(employer);
    // Filed on 23 November 2026 in the general category: complete by 23 December, decided by 23 March 2027 at the latest.
    await answer(employer, id, "worker", { ...IN_BELGIUM, residenceTitle: "search-year", residenceTitleEndsOn: "2027-03-22" });
    expect(residenceTitleWarning((await draftOf(employer, id)).facts.answers, NOW)).toEqual({ titleEndsOn: "2027-03-22", latestDecision: "2027-03-23" });
    await answer(employer, id, "worker", { ...IN_BELGIUM, residenceTitle: "search-year", residenceTitleEndsOn: "2027-03-23" });
    const draft = await draftOf(employer, id);
    expect(residenceTitleWarning(draft.facts.answers, NOW)).toBeNull();
    // No visa post for a worker who is here.
    expect(draft.facts.answers.worker).not.toHaveProperty("visaPost");
    const filed = await submitDraft(db, employer, draft, "nl", NOW);
    expect(filed.kind).toBe("filed");
    const row = await db.selectFrom("applications").select("filed_form").where("id", "=", id).executeTakeFirstOrThrow();
    expect(row.filed_form).toMatchObject({ livesIn: "belgium", residenceTitle: "search-year", residenceTitleEndsOn: "2027-03-23" });
    expect(row.filed_form).not.toHaveProperty("visaPost");
  });
});

describe("renewals and older drafts", () => {
  it("a renewal starts from the permit's worker and job; the dates and documents are asked anew", async () => {
    const employer = await demoUser(db, "employer", "Tuinbouw De Wilde BV");
    const id = await completeFlemishDraft(employer);
    await submitDraft(db, employer, await draftOf(employer, id), "nl", NOW);
    // Not yet granted: nothing to renew.
    await expect(startApplication(db, employer, { renewalOf: id })).rejects.toBeInstanceOf(NotFoundError);
    await db.updateTable("applications").set({ status: "issued" }).where("id", "=", id).execute();
    await db
      .insertInto("permits")
      .values({ application_id: id, verification_code: "RENEW-TEST-1", annex: "46", valid_from: "2024-02-01", valid_until: "2027-01-31", granted_at: NOW })
      .execute();
    const renewal = await draftOf(employer, await startApplication(db, employer, { renewalOf: id }));
    expect(renewal.renewalOf).toBe(id);
    // He stays on the permit being renewed, until its last day.
    expect(renewal.facts.answers.worker).toMatchObject({
      givenNames: "Ana",
      passportNumber: "RS1234567",
      livesIn: "belgium",
      residenceTitle: "single-permit",
      residenceTitleEndsOn: "2027-01-31",
    });
    expect(renewal.facts.answers.employment).toEqual({
      category: "other",
      jobTitle: "Greenhouse technician",
      placeOfWorkPostalCode: "3800",
      grossAnnualSalary: "34000",
    });
    expect(renewal.facts.answers.residence).toEqual({ feeStatus: "exempt", feeExemption: "same-status-renewal" });
    expect(renewal.facts.completed).toEqual([]);
    // Another enterprise's permit cannot be renewed from here.
    const other = await demoUser(db, "secretariat", "Logistique Meuse SA");
    await expect(startApplication(db, other, { renewalOf: id })).rejects.toBeInstanceOf(NotFoundError);
  });

  it("opens a draft of the one-page form (version 1) with its answers moved to the steps, flagged as outdated", async () => {
    const employer = await demoUser(db, "employer", "Tuinbouw De Wilde BV");
    const { id } = await db
      .insertInto("applications")
      .values({
        kind: "single",
        status: "draft",
        created_by: employer.id,
        employer_id: employer.actingFor!.employerId,
        form_version: 1,
        draft_form: JSON.stringify({ legacy: { givenNames: "Lucía", familyName: "Fernández", placeOfWorkPostalCode: "3800", category: "seasonal" } }),
      })
      .returning("id")
      .executeTakeFirstOrThrow();
    const draft = await draftOf(employer, id);
    expect(draft).toMatchObject({ formVersion: 1, outdated: true });
    expect(draft.facts.answers).toEqual({
      worker: { givenNames: "Lucía", familyName: "Fernández" },
      employment: { placeOfWorkPostalCode: "3800", category: "seasonal" },
    });
    // Saving a step moves the draft to the current version.
    await answer(employer, id, "employer", {});
    expect(await draftOf(employer, id)).toMatchObject({ formVersion: FORM_VERSION, outdated: false });
  });

  it("does not file the documents of an item the answers no longer ask for", async () => {
    const employer = await demoUser(db, "employer", "Tuinbouw De Wilde BV");
    const id = await completeFlemishDraft(employer);
    // The job moves to Brussels: no labour-market test, but the Brussels annexes.
    await answer(employer, id, "employment", { ...EMPLOYMENT, placeOfWorkPostalCode: "1000" });
    await answer(employer, id, "brussels-contract", { procedureLanguage: "nl", contractTemplate: "yes" });
    const items = await draftDocuments(db, await draftOf(employer, id), NOW);
    expect(items.map((item) => item.item)).toContain("regional-annex");
    await postDocuments(employer, await draftOf(employer, id), uploadRequest([["item:regional-annex", PDF, "annexes.pdf"]]));
    expect(await submitDraft(db, employer, await draftOf(employer, id), "fr", NOW)).toMatchObject({ kind: "filed" });
    // In Brussels-Capital the applicant chose Dutch as the language of procedure, whatever his interface language.
    expect(await db.selectFrom("applications").select("procedure_language").where("id", "=", id).executeTakeFirstOrThrow()).toEqual({
      procedure_language: "nl",
    });
    const filed = await db.selectFrom("documents").select("item").where("application_id", "=", id).where("removed_at", "is", null).execute();
    expect(filed.map((row) => row.item)).not.toContain("vacancy-proof");
    expect(filed.map((row) => row.item)).toContain("regional-annex");
  });
});

describe("deleting a draft", () => {
  it("removes the draft and its files; a filed application cannot be deleted that way", async () => {
    const employer = await demoUser(db, "employer", "Tuinbouw De Wilde BV");
    const id = await completeFlemishDraft(employer);
    expect(await deleteDraft(db, await draftOf(employer, id))).toBe("deleted");
    expect(await db.selectFrom("applications").select("id").where("id", "=", id).execute()).toEqual([]);
    expect(await db.selectFrom("documents").select("id").where("application_id", "=", id).execute()).toEqual([]);

    const filed = await completeFlemishDraft(employer);
    const stale = await draftOf(employer, filed);
    await submitDraft(db, employer, stale, "nl", NOW);
    expect(await deleteDraft(db, stale)).toBe("already-submitted");
    expect(await db.selectFrom("applications").select("status").where("id", "=", filed).executeTakeFirstOrThrow()).toEqual({
      status: "regional-completeness",
    });
  });
});
