import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  as,
  chooseLanguage,
  expectAccessible,
  expectFocusAfterNavigation,
  fileApplication,
  newContext,
  launchBrowser,
  signIn,
  startApplication,
  submitAndWait,
} from "./browser";

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(() => browser?.close());

const activeId = (page: Page) => page.evaluate(() => document.activeElement?.id || document.activeElement?.className || "");

describe("errors, focus and announcements, as a keyboard and screen-reader user meets them", () => {
  it("with JavaScript: the summary takes focus, its links stay in the page, the title says Error, dates as 14/03/1990", async () => {
    const context = await newContext(browser, { locale: "en-GB" });
    const page = await context.newPage();
    await signIn(page, "employer");
    // The portal remembers the language he chose last, which another test may have set.
    if ((await page.locator("html").getAttribute("lang")) !== "en") await chooseLanguage(page, "English");
    const taskList = await startApplication(page);
    await page.goto(`${taskList}/employer`);
    await submitAndWait(page, "continue");
    expect(page.url()).toMatch(/\/worker$/);
    // The date's hint states the one format English uses.
    expect(await page.locator("#birthDate-hint").textContent()).toContain("14/03/1990");

    await page.locator("#birthDate").fill("30/02/1990");
    await page.locator("#passportNumber").fill("P1234567");
    await submitAndWait(page, "continue");
    const summary = page.locator("main .error-summary");
    expect(await activeId(page)).toBe("error-summary");
    expect(await page.title()).toMatch(/^Error: /);
    const messages = await summary.locator("a").allTextContents();
    // Each message names its field, and the date's names the part that is wrong.
    expect(messages).toContain("Given names: enter it as it is written in the passport");
    expect(messages).toContain("Family name: enter it as it is written in the passport");
    expect(messages).toContain("Date of birth: the day must be between 1 and 28");
    await expectAccessible(page);

    // Keyboard only: Tab to the first link, Enter: the field has focus, nothing navigated, nothing cleared.
    const url = page.url();
    await summary.focus();
    await page.keyboard.press("Tab");
    expect(await page.evaluate(() => document.activeElement?.getAttribute("href"))).toBe("#givenNames");
    await page.keyboard.press("Enter");
    expect(await activeId(page)).toBe("givenNames");
    expect(page.url()).toBe(url);
    expect(await summary.count()).toBe(1);
    expect(await page.locator("#birthDate-error").textContent()).toContain("the day must be between 1 and 28");
    expect(await page.locator("#birthDate").inputValue()).toBe("30/02/1990");
    expect(await page.title()).toMatch(/^Error: /);

    // Corrected: the next page's h1 has focus and the title is the page's own again.
    await page.locator("#givenNames").fill("Ana");
    await page.locator("#familyName").fill("Šimić");
    await page.locator("#birthDate").fill("14/03/1990");
    await page.locator("#nationality").selectOption("RS");
    await page.locator("#livesIn").check();
    await page.locator("#visaPost").selectOption("belgrade");
    await submitAndWait(page, "continue");
    expect(page.url()).toMatch(/\/employment$/);
    expect(await page.evaluate(() => document.activeElement?.tagName)).toBe("H1");
    expect(await page.title()).not.toMatch(/^Error/);
    // Stored as a calendar date, shown back as English writes it.
    await page.goto(`${taskList}/worker`);
    expect(await page.locator("#birthDate").inputValue()).toBe("14/03/1990");
    await context.close();
  });

  it("without JavaScript: the title says Fehler and the date is written as German writes it", async () => {
    const context = await newContext(browser, { javaScriptEnabled: false, locale: "de-BE" });
    const page = await context.newPage();
    await signIn(page, "employer");
    // The portal remembers the language he chose last (English, above).
    if ((await page.locator("html").getAttribute("lang")) !== "de") await chooseLanguage(page, "Deutsch");
    await page.goto("/applications/new");
    await Promise.all([page.waitForNavigation(), page.locator("main form button[type=submit]").click()]);
    const taskList = page.url();
    await page.goto(`${taskList}/employer`);
    await submitAndWait(page, "continue");
    expect(await page.locator("#birthDate-hint").textContent()).toContain("14.03.1990");
    await page.locator("#birthDate").fill("14.13.1990");
    await submitAndWait(page, "continue");
    expect(await page.title()).toMatch(/^Fehler: /);
    expect(await page.locator("main .error-summary").textContent()).toContain("Geburtsdatum: der Monat muss zwischen 1 und 12 liegen");
    expect(await page.locator("#birthDate").inputValue()).toBe("14.13.1990");
    await expectAccessible(page);
    await context.close();
  });

  it("an officer's action: a success banner, the live region says it, focus on the page's heading", async () => {
    const employer = await as(browser, "employer", "en");
    const { reference } = await fileApplication(employer, { given: "Milan", family: "Kovač", nationality: "RS", postal: "3800" });
    await employer.context().close();
    const officer = await as(browser, "officer.flanders", "en");
    await officer.goto("/officer");
    await officer.getByRole("link", { name: reference }).click();
    await officer.locator("h1", { hasText: reference }).waitFor();
    await officer.getByRole("button", { name: "Take this case", exact: true }).click();
    await officer.waitForURL(/\?done=updated$/);
    await officer.locator(".success-banner").waitFor();
    expect(await officer.locator(".success-banner").textContent()).toContain("The case is updated.");
    await expectFocusAfterNavigation(officer);
    expect(await officer.evaluate(() => document.activeElement?.tagName)).toBe("H1");
    await expect.poll(() => officer.getByTestId("announcer").textContent()).toBe("The case is updated.");
    await expectAccessible(officer);
    // The officer's case page as it looks on a desktop and at 320 px (400 % zoom), kept for review.
    await officer.screenshot({ path: "test-results/officer-case-1280.png", fullPage: true });
    await officer.setViewportSize({ width: 320, height: 640 });
    await officer.screenshot({ path: "test-results/officer-case-320.png", fullPage: true });
    await officer.context().close();
  });
});
