import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { as, expectAccessible, expectFocusAfterNavigation, fileApplication, launchBrowser, newContext, openCase, signIn } from "./browser";

/**
 * The officer's case page built for deciding (issue 19, docs/decisions/020-decide-then-confirm.md):
 * the evidence before the decision, a next-step banner with the due date, one "Decide" form,
 * a confirmation page before anything irreversible, a success banner after it. In Dutch with
 * JavaScript, in French without; every page through the walker's checks (axe, Tab, 320 px).
 */

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(() => browser?.close());

/** The case's status and version as its page shows them. */
async function shownState(page: Page) {
  return {
    status: ((await page.locator("#status-title + p").textContent()) ?? "").trim(),
    version: await page.locator("#decide input[name=version]").getAttribute("value"),
  };
}

/** Is the first element before the second in the page's reading order? */
const before = (page: Page, first: string, second: string) =>
  page.evaluate(([a, b]) => {
    const one = document.querySelector(a!);
    const two = document.querySelector(b!);
    return Boolean(one && two && one.compareDocumentPosition(two) & Node.DOCUMENT_POSITION_FOLLOWING);
  }, [first, second]);

describe("the officer's case page, built for deciding", () => {
  it("in Dutch with JavaScript: evidence first, decide, confirm, the banner and the new status; cancel changes nothing", async () => {
    const employer = await as(browser, "employer", "nl");
    const { reference } = await fileApplication(employer, { given: "Olena", family: "Bondarenko", nationality: "UA", postal: "3800", passport: "UA4455667" });
    await employer.context().close();

    const officer = await as(browser, "officer.flanders", "nl");
    await openCase(officer, reference);
    // What to do and by when, then the evidence, then the one decision form.
    const banner = (await officer.locator(".next-step").textContent()) ?? "";
    expect(banner).toContain("Volgende stap");
    expect(banner).toContain("Controleer of het dossier volledig en ontvankelijk is");
    expect(banner).toMatch(/Volledigheidscontrole uiterlijk op|Beslissing uiterlijk op/);
    expect(await before(officer, "#details-title", "#decide-title")).toBe(true);
    expect(await before(officer, "#filed-documents-title", "#decide-title")).toBe(true);
    expect(await officer.locator(".summary-card").count()).toBeGreaterThan(1);
    expect(await officer.locator("details.answers").count()).toBe(0);
    await expectAccessible(officer);
    await officer.screenshot({ path: "test-results/officer-decide-1280.png", fullPage: true });
    await officer.setViewportSize({ width: 320, height: 640 });
    await officer.screenshot({ path: "test-results/officer-decide-320.png", fullPage: true });
    await officer.setViewportSize({ width: 1280, height: 720 });

    // A refusal without reasons: the summary takes focus, links to the field, the title says Fout.
    expect(await officer.getByRole("radio", { name: "Arbeid weigeren" }).count()).toBe(0);
    await officer.getByRole("radio", { name: "De aanvraag onontvankelijk verklaren" }).check();
    await officer.getByRole("button", { name: "Doorgaan", exact: true }).click();
    await officer.locator(".error-summary").waitFor();
    await expectFocusAfterNavigation(officer);
    expect(await officer.title()).toMatch(/^Fout: /);
    expect(await officer.locator("#decide-reason").getAttribute("aria-invalid")).toBe("true");
    await officer.locator(".error-summary a[href='#decide-reason']").click();
    expect(await officer.evaluate(() => document.activeElement?.id)).toBe("decide-reason");
    await expectAccessible(officer);

    // Declare complete: the confirmation page restates it; cancel goes back and changes nothing.
    const start = await shownState(officer);
    await officer.getByRole("radio", { name: "Dossier volledig verklaren" }).check();
    await Promise.all([officer.waitForURL(/\/confirm\?decision=/), officer.getByRole("button", { name: "Doorgaan", exact: true }).click()]);
    await officer.locator("h1", { hasText: "Controleer uw beslissing" }).waitFor();
    const confirmation = (await officer.locator("main").textContent()) ?? "";
    expect(confirmation).toContain(reference);
    expect(confirmation).toContain("Dossier volledig verklaren");
    expect(confirmation).toContain("de wettelijke beslissingstermijn begint vandaag");
    expect(confirmation).toContain("Er wordt geen beslissingsdocument verstuurd");
    await expectAccessible(officer);
    await officer.screenshot({ path: "test-results/officer-confirm-1280.png", fullPage: true });
    await officer.getByRole("link", { name: "Annuleren, niets beslissen" }).click();
    await officer.locator("#decide-title").waitFor();
    expect(await shownState(officer)).toEqual(start);
    expect(await officer.getByRole("radio", { name: "Dossier volledig verklaren" }).isChecked()).toBe(true);

    // Now confirmed: the banner, the live region, the new status.
    await Promise.all([officer.waitForURL(/\/confirm\?decision=/), officer.getByRole("button", { name: "Doorgaan", exact: true }).click()]);
    await Promise.all([officer.waitForURL(/\?done=decided/), officer.getByRole("button", { name: "Bevestigen: Dossier volledig verklaren" }).click()]);
    await officer.locator(".success-banner").waitFor();
    expect(await officer.locator(".success-banner").textContent()).toContain("Uw beslissing is geregistreerd.");
    await expect.poll(() => officer.getByTestId("announcer").textContent()).toBe("Uw beslissing is geregistreerd.");
    // The case is still with the Flemish authority (its status says where it is), now one version on, at the next step.
    const after = await shownState(officer);
    expect(Number(after.version)).toBe(Number(start.version) + 1);
    expect((await officer.locator(".next-step").textContent()) ?? "").toContain("Beoordeel het arbeidsluik");
    expect((await officer.locator("#history-title + ol").textContent()) ?? "").toMatch(/volledig/i);
    // The next decision: the work. Refusing tells the employer in its e-Box.
    await officer.getByRole("radio", { name: "Arbeid weigeren" }).check();
    await officer.locator("#decide-reason").fill("Het loon ligt onder de drempel.");
    await Promise.all([officer.waitForURL(/\/confirm\?decision=/), officer.getByRole("button", { name: "Doorgaan", exact: true }).click()]);
    await officer.locator("h1", { hasText: "Controleer uw beslissing" }).waitFor();
    const refusal = (await officer.locator("main").textContent()) ?? "";
    expect(refusal).toContain("Het loon ligt onder de drempel.");
    expect(refusal).toContain("De werkgever, Tuinbouw De Wilde BV");
    expect(refusal).toContain("gewestminister bevoegd voor werk, binnen 30 dagen");
    await expectAccessible(officer);
    await Promise.all([officer.waitForURL(/\?done=decided/), officer.getByRole("button", { name: "Bevestigen: Arbeid weigeren" }).click()]);
    await officer.locator(".success-banner").waitFor();
    expect((await shownStatus(officer)) ?? "").toContain("geweigerd");
    expect((await officer.locator(".next-step").textContent()) ?? "").toContain("U hoeft nu niets te beslissen");
    await expectAccessible(officer);
    await officer.context().close();
  });

  it("in French without JavaScript: the same flow by plain form posts; back from the confirmation changes nothing", async () => {
    // A failed sign-in, without JavaScript: the title says Erreur first.
    const anonymous = await newContext(browser, { javaScriptEnabled: false, locale: "fr-BE" });
    const signInPage = await anonymous.newPage();
    await signInPage.goto("/login?failed=cancelled");
    expect(await signInPage.title()).toMatch(/^Erreur : /);
    await anonymous.close();

    const employer = await as(browser, "employer", "fr");
    const { reference } = await fileApplication(employer, { given: "Tomás", family: "Quispe", nationality: "PE", postal: "3800", passport: "PE1122334" });
    await employer.context().close();

    const context = await newContext(browser, { javaScriptEnabled: false, locale: "fr-BE" });
    const officer = await context.newPage();
    await signIn(officer, "officer.flanders");
    await openCase(officer, reference);
    expect((await officer.locator(".next-step").textContent()) ?? "").toContain("Prochaine étape");
    expect(await before(officer, "#details-title", "#decide-title")).toBe(true);
    await expectAccessible(officer);

    const start = await shownState(officer);
    await officer.getByRole("radio", { name: "Déclarer le dossier complet" }).check();
    await Promise.all([officer.waitForNavigation(), officer.getByRole("button", { name: "Continuer", exact: true }).click()]);
    expect(new URL(officer.url()).pathname).toMatch(/\/confirm$/);
    expect(await officer.locator("h1").textContent()).toContain("Vérifiez votre décision");
    expect((await officer.locator("main").textContent()) ?? "").toContain("le délai légal de décision commence aujourd'hui");
    await expectAccessible(officer);
    // Back to the case: nothing recorded.
    await Promise.all([officer.waitForNavigation(), officer.getByRole("link", { name: "Retour au dossier" }).click()]);
    expect(await shownState(officer)).toEqual(start);
    // The browser's own back button on the confirmation page changes nothing either.
    await Promise.all([officer.waitForNavigation(), officer.getByRole("button", { name: "Continuer", exact: true }).click()]);
    await officer.goBack();
    await officer.reload();
    expect(await shownState(officer)).toEqual(start);

    await Promise.all([officer.waitForNavigation(), officer.getByRole("button", { name: "Continuer", exact: true }).click()]);
    await Promise.all([officer.waitForNavigation(), officer.getByRole("button", { name: "Confirmer : Déclarer le dossier complet" }).click()]);
    expect(officer.url()).toMatch(/\?done=decided$/);
    expect(await officer.locator(".success-banner").textContent()).toContain("Votre décision est enregistrée.");
    const after = await shownState(officer);
    expect(Number(after.version)).toBe(Number(start.version) + 1);
    expect((await officer.locator(".next-step").textContent()) ?? "").toContain("Examinez le volet travail");
    await expectAccessible(officer);
    await officer.screenshot({ path: "test-results/officer-decided-nojs-1280.png", fullPage: true });
    await context.close();
  });
});

const shownStatus = (page: Page) => page.locator("#status-title + p").textContent();
