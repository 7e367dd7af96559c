import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { as, decide, expectAccessible, fileApplication, launchBrowser, newContext, openCase, signIn } from "./browser";

/**
 * Issue 14 point 7 in Chromium: the public processing-times page, in four languages, with
 * and without JavaScript, axe-clean; and the officer's deadline dashboard with its chart.
 */
let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

const TITLES = {
  fr: "Délais de traitement : Autorité flamande",
  nl: "Behandeltijden: Vlaamse overheid",
  de: "Bearbeitungszeiten: Flämische Behörde",
  en: "Processing times: Flemish authority",
} as const;

describe("the processing-times page", () => {
  for (const javaScriptEnabled of [true, false]) {
    it(`is reached from the home page without signing in, in four languages (JavaScript ${javaScriptEnabled ? "on" : "off"})`, async () => {
      for (const language of ["fr", "nl", "de", "en"] as const) {
        const context = await newContext(browser, { javaScriptEnabled, locale: `${language}-BE` });
        const page = await context.newPage();
        await page.goto("/");
        await page.locator("a[href='/processing-times']").click();
        await page.waitForURL(/\/processing-times$/);
        await expectAccessible(page);
        await page.locator("a[href='/processing-times/flanders']").click();
        await page.waitForURL(/\/processing-times\/flanders$/);
        await expect.poll(() => page.locator("h1").textContent()).toContain(TITLES[language]);
        // The table alternative lists every category (the form's eight, the unlimited permit and
        // the change of employer); with the demo's few decisions, no misleading median.
        expect(await page.locator("table tbody tr").count()).toBe(10);
        await expectAccessible(page);
        // Another region by a plain link.
        await page.locator("a[href='/processing-times/wallonia']").click();
        await page.waitForURL(/\/processing-times\/wallonia$/);
        await expectAccessible(page);
        await context.close();
      }
    });
  }
});

describe("the officer's deadlines", () => {
  // A Flemish case waiting for the applicant, made here: the demo's own may have moved on
  // by the time this file runs (other files share the server).
  beforeAll(async () => {
    const employer = await as(browser, "employer", "en");
    const { reference } = await fileApplication(employer, { given: "Aiyana", family: "Quispe", nationality: "BO", postal: "3800", passport: "BO7788990" });
    await employer.context().close();
    const officer = await as(browser, "officer.flanders", "en");
    await openCase(officer, reference);
    await officer.locator("#items").fill("Signed employment contract");
    await officer.locator("#message").fill("Please add the contract signed by both parties.");
    await decide(officer, "Send the request");
    await officer.context().close();
  });

  for (const javaScriptEnabled of [true, false]) {
    it(`open from the queue, with a chart that is one named image and a table (JavaScript ${javaScriptEnabled ? "on" : "off"})`, async () => {
      const context = await newContext(browser, { javaScriptEnabled, locale: "nl-BE" });
      const page = await context.newPage();
      await signIn(page, "officer.flanders");
      await page.goto("/officer");
      await page.locator("a[href='/officer/deadlines']").click();
      await page.waitForURL(/\/officer\/deadlines$/);
      const chart = page.getByRole("img", { name: "Termijnen van de wachtrij, Vlaamse overheid (Economische Migratie)" });
      await chart.waitFor();
      expect(await chart.count()).toBe(1);
      // At least the case asked for documents above waits for the applicant; the queue's filter shows the same cases.
      const suspended = Number(await page.locator("tr[data-deadline='suspended'] td").first().textContent());
      expect(suspended).toBeGreaterThanOrEqual(1);
      await expectAccessible(page);
      await page.locator("tr[data-deadline='suspended'] a").click();
      await page.waitForURL(/\/officer\?status=regional-awaiting-documents$/);
      // With JavaScript the address changes before the filtered queue is rendered: wait for it.
      await expect.poll(() => page.locator("main table tbody tr").count()).toBe(Math.min(suspended, 50));
      await context.close();
    });
  }
});
