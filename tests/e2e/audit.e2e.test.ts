import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { expectAccessible, launchBrowser, newContext, signIn } from "./browser";

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
  // The server's demo data may hold no reads yet: the Flemish officer opens his queue, which is logged.
  const context = await newContext(browser, { locale: "en-GB" });
  const officer = await context.newPage();
  await signIn(officer, "officer.flanders");
  await officer.goto("/officer");
  await officer.locator("main h1").waitFor();
  await context.close();
});
afterAll(() => browser?.close());

async function rowsText(page: Page) {
  return (await page.locator("main table tbody").textContent()) ?? "";
}

describe("the data-protection officer's audit log", () => {
  it("finds the Flemish officer's reads by his login, in English with JavaScript", async () => {
    const context = await newContext(browser, { locale: "en-GB" });
    const page = await context.newPage();
    await signIn(page, "dpo");
    // The data-protection officer starts on the audit log, which his menu also leads to.
    expect(new URL(page.url()).pathname).toBe("/audit");
    await expect.poll(() => page.locator("nav").getByRole("link", { name: "Audit log" }).count()).toBe(1);
    await expectAccessible(page);

    await page.getByLabel("User name of the person who consulted").fill("officer.flanders");
    await page.getByRole("button", { name: "Search the log" }).click();
    await page.waitForURL(/login=officer\.flanders/);
    await page.locator("main table tbody tr").first().waitFor();
    await page.waitForFunction(() => document.querySelector("main")?.getAttribute("aria-busy") !== "true");
    const rows = await rowsText(page);
    expect(rows).toContain("Jan Claes (officer.flanders)");
    expect(rows).toContain("listed files");
    expect(rows).toContain("handling of the application");
    expect(rows).not.toContain("Koen Wouters");
    expect(await page.locator("#login").inputValue()).toBe("officer.flanders");
    await expectAccessible(page);
    await context.close();
  });

  it("works without JavaScript, in French, and says so on the page when a date does not exist", async () => {
    const context = await newContext(browser, { javaScriptEnabled: false, locale: "fr-BE" });
    const page = await context.newPage();
    await signIn(page, "dpo");
    expect(await page.locator("h1").textContent()).toBe("Journal des consultations");
    await expectAccessible(page);

    await page.locator("#login").fill("officer.flanders");
    await Promise.all([page.waitForNavigation(), page.getByRole("button", { name: "Rechercher dans le journal" }).click()]);
    expect(new URL(page.url()).searchParams.get("login")).toBe("officer.flanders");
    const rows = await rowsText(page);
    expect(rows).toContain("Jan Claes (officer.flanders)");
    expect(rows).toContain("a listé des dossiers");
    await expectAccessible(page);

    // A date field cannot hold 30 February; an address typed by hand (or an old browser) can.
    await page.goto("/audit?login=officer.flanders&from=2026-02-30");
    expect(await page.locator(".error-summary").textContent()).toContain("Saisissez une date réelle");
    expect(await page.locator("#from-error").textContent()).toContain("Saisissez une date réelle");
    expect(await page.locator("#login").inputValue()).toBe("officer.flanders");
    expect(await page.locator("main table").count()).toBe(0);
    await expectAccessible(page);
    await context.close();
  });
});
