import AxeBuilder from "@axe-core/playwright";
import { existsSync } from "node:fs";
import { chromium, type Browser, type BrowserContext, type Page } from "playwright-core";
import { expect, inject } from "vitest";

const FLAGS = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
];

/** Debian's Chromium if present, else a Playwright-managed one; never skips. */
function chromiumPath(): string {
  if (existsSync("/usr/bin/chromium")) return "/usr/bin/chromium";
  const managed = chromium.executablePath();
  if (managed && existsSync(managed)) return managed;
  throw new Error(
    "No Chromium found for the end-to-end tests. Install Debian's: `sudo apt-get install -y chromium` " +
      "(or a Playwright-managed browser with `npx playwright install chromium` where downloads are allowed).",
  );
}

export function launchBrowser(): Promise<Browser> {
  return chromium.launch({ executablePath: chromiumPath(), args: FLAGS });
}

export const baseUrl = () => inject("baseUrl");

const withoutJavaScript = new WeakSet<BrowserContext>();

export async function newContext(
  browser: Browser,
  options: { javaScriptEnabled?: boolean; locale?: string } = {},
): Promise<BrowserContext> {
  const javaScriptEnabled = options.javaScriptEnabled ?? true;
  const context = await browser.newContext({ baseURL: baseUrl(), javaScriptEnabled, locale: options.locale ?? "fr-BE" });
  if (!javaScriptEnabled) withoutJavaScript.add(context);
  return context;
}

/**
 * axe (WCAG 2.1 A/AA) on the page as it is now: no violations allowed. axe runs as a
 * script, so a page without JavaScript is checked as a copy of its HTML (scripts removed)
 * in a scripting page of the same origin, where the same stylesheet applies.
 */
export async function expectAccessible(page: Page): Promise<void> {
  let target = page;
  let copy: BrowserContext | undefined;
  if (withoutJavaScript.has(page.context())) {
    copy = await page.context().browser()!.newContext({ baseURL: baseUrl() });
    target = await copy.newPage();
    const html = (await page.content()).replace(/<script\b[\s\S]*?<\/script>/gi, "");
    await target.goto("/robots.txt");
    await target.setContent(html, { waitUntil: "load" });
  }
  const results = await new AxeBuilder({ page: target }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]).analyze();
  await copy?.close();
  const summary = results.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`);
  expect(summary, `axe on ${page.url()}`).toEqual([]);
}

export async function signIn(page: Page, login: string): Promise<void> {
  await page.goto("/login");
  await page.locator("#login").fill(login);
  await page.locator("#password").fill("demo-2026");
  await page.locator("form[action^='/login'] button[type=submit]").click();
  await page.waitForURL((url) => !url.pathname.startsWith("/login"));
}

export async function signOut(page: Page): Promise<void> {
  await page.locator("form[action='/logout'] button").click();
  await page.waitForURL((url) => url.pathname === "/");
}

export async function chooseLanguage(page: Page, nativeName: string): Promise<void> {
  await Promise.all([page.waitForNavigation(), page.getByRole("button", { name: nativeName, exact: true }).click()]);
}

/** A representative with several mandates switches the enterprise he acts for. */
export async function actFor(page: Page, enterpriseName: string): Promise<void> {
  const value = await page.locator("#employerId option", { hasText: enterpriseName }).getAttribute("value");
  await page.locator("#employerId").selectOption(value!);
  await Promise.all([page.waitForNavigation(), page.locator("form[action='/acting-for'] button").click()]);
}

/** Files the thin application and returns the status page's reference. */
export async function fileApplication(
  page: Page,
  worker: { given: string; family: string; nationality: string; postal: string; birthDate?: string; passport?: string; personNumber?: string; job?: string; category?: string; salary?: string },
) {
  await page.goto("/applications/new");
  await expectAccessible(page);
  await page.locator("#givenNames").fill(worker.given);
  await page.locator("#familyName").fill(worker.family);
  await page.locator("#nationality").selectOption(worker.nationality);
  await page.locator("#birthDate").fill(worker.birthDate ?? "1990-03-14");
  await page.locator("#passportNumber").fill(worker.passport ?? "P1234567");
  await page.locator("#personNumber").fill(worker.personNumber ?? "");
  await page.locator("#placeOfWorkPostalCode").fill(worker.postal);
  await page.locator("#jobTitle").fill(worker.job ?? "Welder");
  await page.locator("#category").selectOption(worker.category ?? "other");
  await page.locator("#grossAnnualSalary").fill(worker.salary ?? "34 000");
  await page.locator("main form button[type=submit]:not([name])").click();
  await page.waitForURL(/\/applications\/[0-9a-f-]{36}(\?submitted=1)?$/);
  // With JavaScript the URL changes just before the new page renders: wait for its heading.
  const heading = page.locator("h1", { hasText: /SP-\d{4}-\d{6}/ });
  await heading.waitFor();
  const reference = (await heading.textContent())!.match(/SP-\d{4}-\d{6}/)![0];
  await expectAccessible(page);
  return { reference: reference!, url: page.url() };
}


const NATIVE = { fr: "Français", nl: "Nederlands", de: "Deutsch", en: "English" } as const;

/** A page signed in as this demo identity, in this language (whatever he chose last time). */
export async function as(browser: Browser, login: string, language: keyof typeof NATIVE): Promise<Page> {
  const context = await newContext(browser, { locale: `${language}-BE` });
  const page = await context.newPage();
  await signIn(page, login);
  if ((await page.locator("html").getAttribute("lang")) !== language) await chooseLanguage(page, NATIVE[language]);
  return page;
}

export async function openCase(page: Page, reference: string) {
  await page.goto("/officer");
  await expectAccessible(page);
  await page.getByRole("link", { name: reference }).click();
  await page.locator("h1", { hasText: reference }).waitFor();
}

/** Clicks a decision and waits for the page to show the case's next version. */
export async function decide(page: Page, buttonName: string) {
  const before = await page.locator("input[name=version]").first().getAttribute("value");
  await page.getByRole("button", { name: buttonName, exact: true }).click();
  await page.waitForFunction((version) => {
    const input = document.querySelector("input[name=version]");
    return !input || input.getAttribute("value") !== version;
  }, before);
}

