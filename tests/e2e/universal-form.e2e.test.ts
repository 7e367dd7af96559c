import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Browser, Locator } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  ANSWERS,
  as,
  chooseLanguage,
  currentStep,
  daysFromToday,
  expectAccessible,
  fillStep,
  launchBrowser,
  newContext,
  openCase,
  PDF_FILE,
  signIn,
  signOut,
  startApplication,
  submitAndWait,
  submitFromCheck,
  walkForm,
} from "./browser";

let browser: Browser;
const text = async (locator: Locator) => (await locator.textContent()) ?? "";
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

describe("the universal form, one complete application per region", () => {
  it("Flanders in Dutch: left half-way, resumed after signing out, corrected from check answers, submitted", async () => {
    const page = await as(browser, "employer", "nl");
    const taskList = await startApplication(page);
    expect(await text(page.locator("main .task-list li").first())).toContain("Niet begonnen");
    await page.locator("main .task-list a").first().click();
    await page.waitForURL(/\/employer$/);
    await page.locator("main .summary-list").waitFor();
    expect(await text(page.locator("main"))).toContain("Kruispuntbank van Ondernemingen");
    await walkForm(page, { ...ANSWERS, employerRemark: "Ons adres is nu Halmaalpad 12.", category: "other", placeOfWorkPostalCode: "3800" }, "flanders-labour-market");
    expect((await text(page.locator(".caption"))).trim()).toBe("Stap 4 van 7");

    // Leave, sign out, come back: the draft is in "My applications", the task list shows progress.
    await signOut(page);
    await signIn(page, "employer");
    await page.goto("/applications");
    await page.locator(`main a[href="${new URL(taskList).pathname}"]`).click();
    await page.waitForURL(taskList);
    expect((await text(page.locator("#status-employment"))).trim()).toBe("Afgewerkt");
    expect((await text(page.locator("#status-regional"))).trim()).toBe("Niet begonnen");
    expect((await text(page.locator("#status-documents"))).trim()).toBe("Nog niet beschikbaar");
    await page.locator("main .task-list a", { hasText: "Vragen van de overheid" }).click();
    await page.waitForURL(/flanders-labour-market$/);
    await page.locator("#vacancyReference").waitFor();
    await walkForm(page, ANSWERS);

    // Check answers: change the job, come straight back to check answers.
    await expectAccessible(page);
    await page.locator('main a[href*="/employment?return=check#jobTitle"]').click();
    await page.waitForURL(/\/employment\?return=check/);
    await page.locator("#jobTitle").waitFor();
    await fillStep(page, { jobTitle: "Lasser" });
    await submitAndWait(page, "continue");
    expect(currentStep(page)).toBe("check");
    expect(await text(page.locator("main"))).toContain("Lasser");
    const { reference } = await submitFromCheck(page);
    expect(await text(page.locator("main"))).toContain(reference);
    expect(await text(page.locator("main"))).toContain("Vlaamse overheid");
    await page.context().close();

    // The Flemish officer finds every answer and every document of it.
    const officer = await as(browser, "officer.flanders", "nl");
    await openCase(officer, reference);
    await expectAccessible(officer);
    const main = await text(officer.locator("main"));
    expect(main).toContain("Paspoort (pagina's met identiteit en foto)");
    expect(main).toContain("Bewijs van de vacature bij VDAB en op EURES");
    expect(main).toContain("VDAB-2026-0042");
    expect(main).toContain("Lasser");
    expect(main).toContain("Opmerking over de registergegevens");
    expect(main).toContain("Ons adres is nu Halmaalpad 12.");
    const download = officer.waitForEvent("download");
    await officer.locator("#filed-documents-title + .summary-list a").first().click();
    expect((await download).suggestedFilename()).toBe("scan.pdf");
    await officer.context().close();
  });

  it("Wallonia in French without JavaScript: errors keep what was typed, a hostile file is refused, seasonal work", async () => {
    const context = await newContext(browser, { javaScriptEnabled: false, locale: "fr-BE" });
    const page = await context.newPage();
    await signIn(page, "employer");
    // Whatever language this identity chose in an earlier test: French here.
    if ((await page.locator("html").getAttribute("lang")) !== "fr") await chooseLanguage(page, "Français");
    const taskList = await startApplication(page);
    await page.goto(`${taskList}/employer`);
    await walkForm(page, ANSWERS, "employment");

    // A salary that is not an amount and no end date for seasonal work: messages, nothing lost.
    await fillStep(page, { ...ANSWERS, category: "seasonal", placeOfWorkPostalCode: "5000", grossAnnualSalary: "beaucoup", employmentEnd: "" });
    await submitAndWait(page, "continue");
    await expectAccessible(page);
    expect(await text(page.locator(".error-summary"))).toContain("le salaire annuel brut en euros");
    expect(await text(page.locator(".error-summary"))).toContain("Le travail saisonnier est à durée déterminée");
    expect(await page.locator("#jobTitle").inputValue()).toBe("Welder");
    expect(await page.locator("#grossAnnualSalary").inputValue()).toBe("beaucoup");
    await fillStep(page, { grossAnnualSalary: "26 000", employmentEnd: ANSWERS.seasonEnd! });
    await submitAndWait(page, "continue");
    expect(currentStep(page)).toBe("wallonia-declarations");
    // Counted in the task list's 7 sections: Wallonia's two seasonal steps are both section 4.
    expect((await text(page.locator(".caption"))).trim()).toBe("Étape 4 sur 7");
    await walkForm(page, { ...ANSWERS, seasonalSector: "horticulture" }, "documents");

    // An executable named .pdf is refused by content; the PDF sent with it is kept.
    await expectAccessible(page);
    const inputs = await page.locator("main input[type=file]").all();
    await inputs[0]!.setInputFiles({ name: "passeport.pdf", mimeType: "application/pdf", buffer: Buffer.from("MZ\x90\x00 This program cannot be run in DOS mode.") });
    await inputs[1]!.setInputFiles({ name: "../../contrat.pdf", mimeType: "application/pdf", buffer: PDF_FILE.buffer });
    await submitAndWait(page, "upload");
    expect(await text(page.locator(".error-summary"))).toContain("passeport.pdf");
    expect(await text(page.locator(".error-summary"))).toContain("n'est pas un fichier PDF, JPEG ou PNG");
    await expectAccessible(page);
    await page.goto(`${taskList}/documents`);
    expect(await text(page.locator("main .file-list"))).toContain("contrat.pdf");
    await walkForm(page, ANSWERS);
    expect(await text(page.locator("main"))).toContain("Horticulture");
    const { reference } = await submitFromCheck(page);
    expect(await text(page.locator("main"))).toContain(reference);
    expect(await text(page.locator("main"))).toContain("Autorité wallonne");
    await context.close();
  });

  it("Brussels-Capital in English: a salary under the regional threshold is refused with the threshold shown", async () => {
    const page = await as(browser, "employer", "en");
    const taskList = await startApplication(page);
    await page.goto(`${taskList}/employer`);
    await walkForm(page, ANSWERS, "employment");
    await fillStep(page, { ...ANSWERS, category: "intra-corporate-transferee", placeOfWorkPostalCode: "1000", grossAnnualSalary: "30000" });
    // Brussels has no ICT grid: the salary is the officer's to assess, the transfer's length is asked instead.
    await submitAndWait(page, "continue");
    expect(currentStep(page)).toBe("brussels-contract");
    await fillStep(page, { contractTemplate: "yes", priorGroupMonths: "3" });
    await submitAndWait(page, "continue");
    expect(await text(page.locator(".error-summary"))).toContain("at least 6 months");
    await expectAccessible(page);
    await page.goto(`${taskList}/employment`);
    await fillStep(page, { category: "highly-qualified", grossAnnualSalary: "40000" });
    await submitAndWait(page, "continue");
    expect(await text(page.locator(".error-summary"))).toContain("€44,441.28");
    await fillStep(page, { grossAnnualSalary: "46 000" });
    await submitAndWait(page, "continue");
    expect(currentStep(page)).toBe("brussels-contract");
    // The transfer question is gone with the category that asked it.
    expect(await page.locator("#priorGroupMonths").count()).toBe(0);
    await walkForm(page, ANSWERS);
    const { reference } = await submitFromCheck(page);
    expect(await text(page.locator("main"))).toContain(reference);
    await page.context().close();
  });

  it("German-speaking Community in German: the worker lives in Belgium, the DG's own step", async () => {
    const page = await as(browser, "employer", "de");
    const taskList = await startApplication(page);
    await page.goto(`${taskList}/employer`);
    await walkForm(page, ANSWERS, "worker");
    // With JavaScript a follow-up question shows once the answer that asks it is chosen.
    expect(await page.locator("#visaPost").isVisible()).toBe(false);
    await page.locator("#livesIn-belgium").check();
    expect(await page.locator("#residencePostalCode").isVisible()).toBe(true);
    expect(await page.locator("#visaPost").isVisible()).toBe(false);
    await walkForm(page, {
      ...ANSWERS,
      livesIn: "belgium",
      residencePostalCode: "4700",
      // A student whose title ends in 40 days: the check page warns that it may end before the decision.
      residenceTitle: "student",
      residenceTitleEndsOn: daysFromToday(40),
      category: "highly-qualified",
      grossAnnualSalary: "52 000",
      placeOfWorkPostalCode: "4780",
    });
    expect(await text(page.locator("main"))).toContain("Deutschsprachige Gemeinschaft");
    expect(await text(page.locator("main"))).toContain("Der Arbeitsvertrag folgt dem Vertragsmuster der Deutschsprachigen Gemeinschaft");
    expect(await text(page.locator("main [role=note]"))).toContain("Sein Aufenthaltstitel kann vor der Entscheidung ablaufen");
    expect(await text(page.locator("main"))).toContain("Ein Aufenthaltstitel als Student");
    const { reference } = await submitFromCheck(page);
    expect(await text(page.locator("main"))).toContain(reference);
    // The back button after submit: the form is gone, the application's page is shown.
    await page.goto(`${taskList}/check`);
    expect(await text(page.locator("h1"))).toContain(reference);
    await page.context().close();
  });

  it("a draft can be deleted, after a confirmation page", async () => {
    const page = await as(browser, "employer", "en");
    const taskList = await startApplication(page);
    await page.locator(`main a[href="${new URL(taskList).pathname}/delete"]`).click();
    await page.locator("main h1", { hasText: "Delete this draft?" }).waitFor();
    await expectAccessible(page);
    await page.locator("main form button[type=submit]").click();
    await page.waitForURL(/\/applications\?deleted=1$/);
    await page.locator("main .notice", { hasText: "The draft has been deleted." }).waitFor();
    await page.goto(taskList);
    expect(await text(page.locator("main h1"))).toContain("Page not found");
    await page.context().close();
  });

  it("more files at once than one upload carries: a message on the same page, the files already kept stay", async () => {
    const page = await as(browser, "employer", "en");
    const taskList = await startApplication(page);
    await page.goto(`${taskList}/employer`);
    await walkForm(page, ANSWERS, "documents");
    await page.locator("main input[type=file]").first().setInputFiles(PDF_FILE);
    await submitAndWait(page, "upload");
    // Six scans of 9.5 MB: each under the 10 MB limit, together over the 50 MB of one upload.
    const directory = mkdtempSync(join(tmpdir(), "sp-big-"));
    const scans = [1, 2, 3, 4, 5, 6].map((n) => {
      const path = join(directory, `scan-${n}.pdf`);
      writeFileSync(path, Buffer.concat([PDF_FILE.buffer, Buffer.alloc(9.5 * 1024 * 1024, 0x20), Buffer.from("\n%%EOF\n")]));
      return path;
    });
    await page.locator("main input[type=file]").nth(1).setInputFiles(scans);
    await submitAndWait(page, "upload");
    expect(await text(page.locator(".error-summary"))).toContain("more than 50 MB in all: no file was kept");
    expect(await text(page.locator("main .file-list"))).toContain("scan.pdf");
    await expectAccessible(page);
    rmSync(directory, { recursive: true, force: true });
    await page.context().close();
  });
});
