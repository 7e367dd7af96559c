import AxeBuilder from "@axe-core/playwright";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterEach, expect, inject } from "vitest";
import { launchBrowser } from "../support/chromium";
import { PDF } from "../support/files";
import { ANSWERS, daysFromToday } from "../support/form-answers";

export { launchBrowser };

export const baseUrl = () => inject("baseUrl");

const withoutJavaScript = new WeakSet<BrowserContext>();

export async function newContext(
  browser: Browser,
  options: { javaScriptEnabled?: boolean; locale?: string } = {},
): Promise<BrowserContext> {
  const javaScriptEnabled = options.javaScriptEnabled ?? true;
  const context = await browser.newContext({ baseURL: baseUrl(), javaScriptEnabled, locale: options.locale ?? "fr-BE" });
  if (!javaScriptEnabled) withoutJavaScript.add(context);
  context.on("page", watchConsole);
  return context;
}

/** Does this page run scripts (a context made by `newContext` without JavaScript does not)? */
export function runsScripts(page: Page): boolean {
  return !withoutJavaScript.has(page.context());
}

/** What the pages of a context said on the console as errors, and the exceptions they threw. */
const consoleErrors = new WeakMap<Page, string[]>();

/**
 * Every page of the walker is watched: a `console.error` or an uncaught exception (React's
 * hydration and render errors arrive this way) fails the next check of the page. The
 * browser's own network log ("Failed to load resource: … 404") is not the page's code
 * speaking: the tests open 403/404 pages and forms answer 400 on purpose.
 */
function watchConsole(page: Page): void {
  const errors: string[] = [];
  consoleErrors.set(page, errors);
  watched.add(page);
  page.on("console", (message) => {
    if (message.type() !== "error" || message.text().startsWith("Failed to load resource:")) return;
    errors.push(`console.error on ${page.url()}: ${message.text()}`);
  });
  page.on("pageerror", (error) => errors.push(`page error on ${page.url()}: ${error.message}`));
}

/** The pages opened during the current test; each is checked once more when the test ends. */
const watched = new Set<Page>();

// Errors after a test's last page check (a React error once the last click renders) still fail it.
afterEach(() => {
  const pages = [...watched];
  watched.clear();
  for (const page of pages) expectNoConsoleErrors(page);
});

/** No console error and no uncaught exception on this page so far. */
export function expectNoConsoleErrors(page: Page): void {
  expect(consoleErrors.get(page) ?? [], "console errors").toEqual([]);
}

/** Interactive elements a keyboard user must be able to reach with Tab. */
const INTERACTIVE =
  "a[href], button:not([disabled]), input:not([type=hidden]):not([disabled]), select:not([disabled]), textarea:not([disabled]), summary, [tabindex]:not([tabindex='-1'])";

/**
 * The keyboard-only pass: Tab through the page from its top, round the whole document,
 * and every visible interactive element must have received focus (a radio group counts
 * once: Tab enters it, arrows move within). A trap shows as the elements after it never
 * reached.
 */
export async function expectKeyboardReachable(page: Page): Promise<void> {
  const expected = await page.evaluate((selector) => {
    const keyOf = (element: Element, index: number) =>
      element instanceof HTMLInputElement && element.type === "radio" ? `radio:${element.form?.id ?? ""}:${element.name}` : `#${index}`;
    // An open modal dialog keeps focus inside it, as it must: only its controls are expected.
    const scope = document.querySelector("dialog:modal") ?? document;
    const all = [...scope.querySelectorAll(selector)];
    all.forEach((element, index) => element.setAttribute("data-keyboard-key", keyOf(element, index)));
    return all
      .filter((element) => element.getClientRects().length > 0 && getComputedStyle(element).visibility !== "hidden")
      .map((element) => `${element.getAttribute("data-keyboard-key")} ${element.outerHTML.slice(0, 120)}`);
  }, INTERACTIVE);
  const wanted = new Map(expected.map((entry) => [entry.split(" ")[0]!, entry]));
  await page.evaluate(() => {
    (document.activeElement as HTMLElement | null)?.blur();
    window.getSelection()?.removeAllRanges();
  });
  // Where focus lands after each Tab: recorded in the page (one round trip per ten presses)
  // when it runs scripts, read after each press when it does not.
  const scripted = !withoutJavaScript.has(page.context());
  if (scripted) {
    await page.evaluate(() => {
      const record: string[] = [];
      (window as unknown as { __tabbed: string[] }).__tabbed = record;
      document.addEventListener("focusin", (event) => record.push((event.target as Element).getAttribute?.("data-keyboard-key") ?? ""));
    });
  }
  const seen = new Set<string>();
  const limit = (wanted.size + 5) * 2;
  for (let presses = 1; presses <= limit && seen.size < wanted.size; presses++) {
    await page.keyboard.press("Tab");
    if (!scripted) {
      const key = await page.evaluate(() => document.activeElement?.getAttribute("data-keyboard-key") ?? "");
      if (wanted.has(key)) seen.add(key);
    } else if (presses % 10 === 0 || presses === limit || presses >= wanted.size) {
      const keys = await page.evaluate(() => (window as unknown as { __tabbed: string[] }).__tabbed);
      for (const key of keys) if (wanted.has(key)) seen.add(key);
    }
  }
  const missing = [...wanted].filter(([key]) => !seen.has(key)).map(([, entry]) => entry);
  expect(missing, `not reachable with Tab on ${page.url()}`).toEqual([]);
  await page.evaluate(() => document.querySelectorAll("[data-keyboard-key]").forEach((element) => element.removeAttribute("data-keyboard-key")));
}

/**
 * The reflow pass: at 320 CSS px wide (a 1280 px screen at 400 % zoom) the page must not
 * scroll sideways (WCAG 1.4.10). Names the widest elements when it does.
 */
export async function expectReflow(page: Page): Promise<void> {
  const size = page.viewportSize() ?? { width: 1280, height: 720 };
  await page.setViewportSize({ width: 320, height: 640 });
  try {
    const overflow = await page.evaluate(() => {
      const root = document.documentElement;
      if (root.scrollWidth <= root.clientWidth) return [];
      return [...document.body.querySelectorAll("*")]
        .filter((element) => element.getBoundingClientRect().right > root.clientWidth + 1)
        .slice(-5)
        .map((element) => `${element.tagName.toLowerCase()}.${element.className} (${Math.round(element.getBoundingClientRect().right)} px)`);
    });
    expect(overflow, `horizontal scrolling at 320 px on ${page.url()}`).toEqual([]);
  } finally {
    await page.setViewportSize(size);
  }
}

/**
 * The checks the walker runs on every page it visits: no console errors so far, no
 * sideways scrolling at 320 px, every interactive element reachable with Tab, and
 * axe (WCAG 2.1 A/AA) on the page as it is now: no violations allowed. axe runs as a
 * script, so a page without JavaScript is checked as a copy of its HTML (scripts removed)
 * in a scripting page of the same origin, where the same stylesheet applies.
 */
export async function expectAccessible(page: Page): Promise<void> {
  expectNoConsoleErrors(page);
  await expectReflow(page);
  await expectKeyboardReachable(page);
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

/**
 * Signs in as a demo identity the way a person does: the portal's sign-in page, on to the
 * identity provider's own page (OpenID Connect), the demo password, back to the portal.
 * Works with and without JavaScript (the provider's pages have none).
 */
export async function signIn(page: Page, login: string): Promise<void> {
  await page.goto("/login");
  await Promise.all([
    page.waitForURL(/\/idp\/interaction\/[^/]+$/),
    page.locator("main form[action='/login'] button[type=submit]").click(),
  ]);
  await page.locator("#login").fill(login);
  await page.locator("#password").fill("demo-2026");
  await Promise.all([
    page.waitForURL((url) => !/^\/(login|idp|auth)(\/|$)/.test(url.pathname)),
    page.locator("main form[action$='/login'] button[type=submit]").click(),
  ]);
}

/** Signs out of the portal and, when the identity provider asks, of the provider too. */
export async function signOut(page: Page): Promise<void> {
  await Promise.all([page.waitForURL(/\/idp\/session\/end/), page.locator("header form[action='/logout'] button[type=submit]").click()]);
  await Promise.all([
    page.waitForURL((url) => url.pathname === "/signed-out"),
    page.locator("button[name=logout][value=yes]").click(),
  ]);
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

/** A small but real PDF, for the documents step. */
export const PDF_FILE = { name: "scan.pdf", mimeType: "application/pdf", buffer: Buffer.from(PDF) };

export { ANSWERS, daysFromToday };

/** Fills the questions of the current step that have an answer here, whatever their kind. */
export async function fillStep(page: Page, answers: Record<string, string>): Promise<void> {
  const names = await page
    .locator("main form [name]")
    .evaluateAll((elements) => [...new Set(elements.map((element) => element.getAttribute("name")!))]);
  for (const name of names) {
    if (!(name in answers)) continue;
    const value = answers[name]!;
    const control = page.locator(`main form [name="${name}"]`);
    // A question another answer has not revealed (with JavaScript) is left alone.
    if (!(await control.first().isVisible())) continue;
    const kind = await control.first().evaluate((element) => (element.tagName === "SELECT" ? "select" : (element as HTMLInputElement).type));
    if (kind === "select") await control.selectOption(value);
    else if (kind === "radio") await page.locator(`main form [name="${name}"][value="${value}"]`).check();
    else if (kind === "checkbox") await (value === "yes" ? control.check() : control.uncheck());
    else await control.fill(value);
  }
}

/** Clicks a form button and waits for the page it leads to (also without JavaScript). */
export async function submitAndWait(page: Page, button: string): Promise<void> {
  const click = page.locator(`main form button[value="${button}"]`).click();
  if (withoutJavaScript.has(page.context())) {
    await Promise.all([page.waitForNavigation(), click]);
    return;
  }
  // With JavaScript: the post, then the next page's data; <main aria-busy> ends when it is rendered.
  await Promise.all([page.waitForResponse((response) => response.request().method() === "POST"), click]);
  await page.waitForFunction(() => document.querySelector("main")?.getAttribute("aria-busy") !== "true");
  await expectFocusAfterNavigation(page);
}

/**
 * With JavaScript, after a navigation focus is on the new page's error summary, on the
 * target of the URL's fragment, or on its h1, never left behind on the button pressed.
 */
export async function expectFocusAfterNavigation(page: Page): Promise<void> {
  await page
    .waitForFunction(() => {
      const active = document.activeElement;
      if (!active) return false;
      const target = location.hash ? document.getElementById(decodeURIComponent(location.hash.slice(1))) : null;
      return active.matches("main h1, main .error-summary") || (target !== null && active === target);
    })
    .catch(async () => {
      const active = await page.evaluate(() => document.activeElement?.outerHTML.slice(0, 120) ?? "none");
      throw new Error(`after the navigation to ${page.url()} focus is on ${active}`);
    });
}

const DRAFT_STEP = /\/applications\/drafts\/[0-9a-f-]{36}\/([a-z-]+)(\?.*)?$/;

/** The step the page shows, or null when it is not a form step. */
export function currentStep(page: Page): string | null {
  return DRAFT_STEP.exec(page.url())?.[1] ?? null;
}

/**
 * Answers every step from where the page is up to check answers, checking each page with
 * axe; stops at check answers (or `until`). Documents: a PDF for every item.
 */
export async function walkForm(page: Page, answers: Record<string, string>, until = "check"): Promise<void> {
  for (let guard = 0; guard < 15; guard++) {
    const step = currentStep(page);
    if (!step || step === until) return;
    await page.locator("main h1").waitFor();
    await expectAccessible(page);
    if (step === "documents") {
      for (const input of await page.locator("main input[type=file]").all()) await input.setInputFiles(PDF_FILE);
    } else {
      await fillStep(page, answers);
    }
    await submitAndWait(page, "continue");
    const errors = page.locator(".error-summary");
    if ((await errors.count()) > 0) throw new Error(`step ${step} refused: ${await errors.textContent()}`);
  }
  throw new Error("the form did not reach check answers");
}

/** Starts an application from "My applications" → new → task list; returns the draft's task-list URL. */
export async function startApplication(page: Page): Promise<string> {
  await page.goto("/applications/new");
  await expectAccessible(page);
  await page.locator("main form button[type=submit]").click();
  await page.waitForURL(/\/applications\/drafts\/[0-9a-f-]{36}$/);
  await page.locator("main .task-list").waitFor();
  await expectAccessible(page);
  return page.url();
}

/** Submits from check answers and returns the reference the confirmation shows. */
export async function submitFromCheck(page: Page) {
  await expectAccessible(page);
  await page.locator("main form button[type=submit]").click();
  await page.waitForURL(/\/applications\/[0-9a-f-]{36}(\?submitted=1)?$/);
  // With JavaScript the URL changes just before the new page renders: wait for its heading.
  const heading = page.locator("h1", { hasText: /SP-\d{4}-\d{6}/ });
  await heading.waitFor();
  const reference = (await heading.textContent())!.match(/SP-\d{4}-\d{6}/)![0];
  await expectAccessible(page);
  return { reference: reference!, url: page.url() };
}

/** Files a complete application through the universal form and returns the status page's reference. */
export async function fileApplication(
  page: Page,
  worker: {
    given: string;
    family: string;
    nationality: string;
    postal: string;
    birthDate?: string;
    passport?: string;
    personNumber?: string;
    job?: string;
    category?: string;
    salary?: string;
    visaPost?: string;
    /** Any other answers of the form, by field id (a worker living in Belgium, a contract's dates…). */
    answers?: Record<string, string>;
  },
) {
  const taskList = await startApplication(page);
  await page.goto(`${taskList}/employer`);
  await walkForm(page, {
    ...ANSWERS,
    givenNames: worker.given,
    familyName: worker.family,
    nationality: worker.nationality,
    placeOfWorkPostalCode: worker.postal,
    ...(worker.birthDate ? { birthDate: worker.birthDate } : {}),
    ...(worker.passport ? { passportNumber: worker.passport } : {}),
    ...(worker.personNumber ? { personNumber: worker.personNumber } : {}),
    ...(worker.job ? { jobTitle: worker.job } : {}),
    ...(worker.category ? { category: worker.category } : {}),
    ...(worker.salary ? { grossAnnualSalary: worker.salary } : {}),
    ...(worker.visaPost ? { visaPost: worker.visaPost } : {}),
    ...worker.answers,
  });
  return submitFromCheck(page);
}

const NATIVE = { fr: "Français", nl: "Nederlands", de: "Deutsch", en: "English" } as const;

/** A page signed in as this demo identity, in this language (whatever he chose last time), with JavaScript unless told. */
export async function as(browser: Browser, login: string, language: keyof typeof NATIVE, options: { javaScriptEnabled?: boolean } = {}): Promise<Page> {
  const context = await newContext(browser, { locale: `${language}-BE`, javaScriptEnabled: options.javaScriptEnabled });
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

/** Clicks a one-step action's button (a request for documents, a reroute…) and waits for the page to show the case's next version. */
export async function decide(page: Page, buttonName: string) {
  const before = await page.locator("input[name=version]").first().getAttribute("value");
  await page.getByRole("button", { name: buttonName, exact: true }).click();
  await page.waitForFunction((version) => {
    const input = document.querySelector("input[name=version]");
    return !input || input.getAttribute("value") !== version;
  }, before);
}

/**
 * Takes a decision as an officer does (docs/decisions/020-decide-then-confirm.md): the
 * outcome in the "Decide" form (by its value: DECLARE_COMPLETE, REFUSE_WORK…), the ground
 * and reasons when given, Continue, then Confirm on the confirmation page; waits for the
 * case page's success banner. Works with and without JavaScript.
 */
export async function decideOutcome(
  page: Page,
  outcome: string,
  details: { reason?: string; ground?: string; /** Checks the confirmation page before confirming. */ onConfirmation?: (page: Page) => Promise<void> } = {},
) {
  await page.locator(`#decide input[name=outcome][value="${outcome}"]`).check();
  if (details.ground) await page.locator(`#${outcome}-ground`).selectOption(details.ground);
  if (details.reason !== undefined) await page.locator("#decide-reason").fill(details.reason);
  await Promise.all([page.waitForURL(/\/confirm\?decision=/), page.locator('#decide button[value="decide"]').click()]);
  const confirm = page.locator("main form button[value=confirm]");
  await confirm.waitFor();
  await details.onConfirmation?.(page);
  await Promise.all([page.waitForURL(/\?done=decided/), confirm.click()]);
  await page.locator(".success-banner").waitFor();
}

/**
 * Takes a filed application to a granted permit through the officers' pages: the Flemish
 * officer declares it complete and authorises the work, the OE officer ends its pre-checks
 * and grants the residence (each signed in in `language`, then signed out).
 */
export async function grantFlemishCase(browser: Browser, reference: string, language: keyof typeof NATIVE): Promise<void> {
  const flanders = await as(browser, "officer.flanders", language);
  await openCase(flanders, reference);
  await decideOutcome(flanders, "DECLARE_COMPLETE");
  await decideOutcome(flanders, "AUTHORISE_WORK");
  await flanders.context().close();
  const oe = await as(browser, "officer.oe", language);
  await openCase(oe, reference);
  await decideOutcome(oe, "PRE_CHECKS_DONE");
  await decideOutcome(oe, "GRANT_RESIDENCE");
  await oe.context().close();
}
