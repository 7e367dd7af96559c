import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { as, chooseLanguage, daysFromToday, expectAccessible, fileApplication, grantFlemishCase, launchBrowser, newContext, signIn } from "./browser";

/**
 * Issue 17 points 2 and 4: an employment that ends starts the worker's period without work,
 * shown to him on /permits (his own report, JavaScript off, in English); another, reported
 * by the employer long after it ended, has run out and reaches the Immigration Office's
 * deadlines page (in French, with JavaScript). Each test files and grants its own permit
 * for the demo worker Ana Šimić, whose national number the demo identity carries.
 */

const ANA = "90031410132";
let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(() => browser?.close());

/** "YYYY-MM-DD" as people type it: 14/03/2027. */
const typed = (date: string) => date.split("-").reverse().join("/");

/** Files a Flemish permit for Ana and takes it to granted through the officers' pages; returns its reference and employer page. */
async function grantedPermitForAna(passport: string, job: string, language: "en" | "fr"): Promise<{ reference: string; url: string; employer: Page }> {
  const employer = await as(browser, "employer", language);
  const { reference, url } = await fileApplication(employer, { given: "Ana", family: "Šimić", nationality: "RS", postal: "3800", birthDate: "1990-03-14", passport, personNumber: ANA, job });
  await grantFlemishCase(browser, reference, "en");
  return { reference, url, employer };
}

describe("the unemployment clock", () => {
  it("an employment that ends starts the clock the worker sees on his own page (JavaScript off, English)", async () => {
    const { reference, employer } = await grantedPermitForAna("RS7001001", "Greenhouse technician", "en");
    await employer.context().close();

    const context = await newContext(browser, { javaScriptEnabled: false, locale: "en-GB" });
    const worker = await context.newPage();
    await signIn(worker, "worker");
    if ((await worker.locator("html").getAttribute("lang")) !== "en") await chooseLanguage(worker, "English");
    await worker.goto("/permits");
    expect(await worker.locator("h1").textContent()).toBe("My permits");
    const permit = worker.locator(`[data-permit="${reference}"]`);
    const limits = (await permit.textContent()) ?? "";
    expect(limits).toContain("Tuinbouw De Wilde BV");
    expect(limits).toContain("Greenhouse technician");
    expect(limits).toContain("Limited: only this employer and this job");
    expect(await worker.locator("a[href='/permits/consents']").count()).toBe(1);
    await expectAccessible(worker);

    // His own report: a day that does not exist first (kept, with a message), then the real one.
    const caseId = ((await permit.locator("a[href^='/applications/']").getAttribute("href")) ?? "").split("/").pop()!;
    if ((await worker.locator("select#caseId").count()) > 0) await worker.locator("select#caseId").selectOption(caseId);
    await worker.locator("#endedOn").fill("30/02/2026");
    await Promise.all([worker.waitForNavigation(), worker.getByRole("button", { name: "Report the end of my employment" }).click()]);
    expect(await worker.locator(".error-summary").textContent()).toContain("Enter the last day of work");
    expect(await worker.locator("#endedOn").inputValue()).toBe("30/02/2026");
    await expectAccessible(worker);

    if ((await worker.locator("select#caseId").count()) > 0) await worker.locator("select#caseId").selectOption(caseId);
    await worker.locator("#endedOn").fill(typed(daysFromToday(-10)));
    await Promise.all([worker.waitForNavigation(), worker.getByRole("button", { name: "Report the end of my employment" }).click()]);
    await worker.locator("[role=status]", { hasText: "Your period to find work has started" }).waitFor();
    const clock = worker.locator("[data-period=running]", { hasText: `After the employment under permit ${reference}` });
    const shown = (await clock.textContent()) ?? "";
    expect(shown).toMatch(/\d+ days left: you may stay and look for work until/);
    expect(shown).toContain("Reported byyou");
    await expectAccessible(worker);
    await context.close();
  });

  it("another, reported long after it ended, has run out and reaches the Immigration Office (French, JavaScript on)", async () => {
    const { reference, url, employer } = await grantedPermitForAna("RS7001002", "Magasinier", "fr");
    await employer.goto(url);
    await employer.locator("#endedOn").fill(typed(daysFromToday(-200)));
    await Promise.all([employer.waitForURL(/done=/), employer.getByRole("button", { name: "Signaler la fin de l'occupation" }).click()]);
    await employer.context().close();

    const oe = await as(browser, "officer.oe", "fr");
    await oe.goto("/officer/deadlines");
    const runOut = oe.locator("#unemployment-run-out");
    await runOut.getByRole("link", { name: reference }).waitFor();
    await expectAccessible(oe);
    await Promise.all([oe.waitForURL(/\/officer\/cases\//), runOut.getByRole("link", { name: reference }).click()]);
    const panel = (await oe.locator("#unemployment").textContent()) ?? "";
    expect(panel).toContain("Période sans emploi");
    expect(panel).toContain("sans nouvel employeur : l'Office des étrangers statue sur le droit de séjour");
    await expectAccessible(oe);
    await oe.context().close();

    const worker = await as(browser, "worker", "fr");
    await worker.goto("/permits");
    const period = (await worker.locator("[data-period=run-out]", { hasText: reference }).textContent()) ?? "";
    expect(period).toContain("l'Office des étrangers statue sur votre droit de séjour");
    await expectAccessible(worker);
    await worker.context().close();
  });
});
