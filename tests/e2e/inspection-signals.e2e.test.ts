import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { as, chooseLanguage, expectAccessible, fileApplication, launchBrowser, newContext, openCase, signIn } from "./browser";

/**
 * Issue 14 point 4, end to end: the Immigration Office signals a file of Tuinbouw De Wilde BV
 * to the social inspection (English, JavaScript on); the inspector opens it and records his
 * findings (French, JavaScript off); the next file of the same employer, for another worker,
 * shows them to the Flemish officer (Dutch). Its own files, its own workers; each page sets
 * its language.
 */

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(() => browser?.close());

describe("a signal to the inspection", () => {
  it("from the OE, answered by the inspector, shown on the next file of the same employer", async () => {
    const employer = await as(browser, "employer", "en");
    const first = await fileApplication(employer, { given: "Bilal", family: "Signalé", nationality: "MA", postal: "3800", passport: "MA5550001", job: "Seasonal picker" });

    // The OE officer: the reason from the list and the facts, from the case page.
    const oe = await as(browser, "officer.oe", "en");
    await openCase(oe, first.reference);
    const form = oe.locator("section", { has: oe.locator("#signal-form-title") });
    await form.locator("#signalReason").selectOption("fictitious-employment");
    await form.locator("#facts").fill("The salary is paid back in cash to the manager, says the worker's brother.");
    await Promise.all([oe.waitForURL(/done=sent/), form.getByRole("button", { name: "Send the signal" }).click()]);
    // With JavaScript the address changes just before the revalidated panel renders: wait for it.
    await oe.locator("#signals", { hasText: "Suspected fictitious employment" }).waitFor();
    const sent = (await oe.locator("#signals").textContent()) ?? "";
    expect(sent).toContain("Suspected fictitious employment");
    expect(sent).toContain("Awaiting the inspection's findings.");
    await expectAccessible(oe);
    await oe.context().close();

    // The inspector, in French, without JavaScript: the list, the signal, his findings.
    const context = await newContext(browser, { javaScriptEnabled: false, locale: "fr-BE" });
    const inspector = await context.newPage();
    await signIn(inspector, "inspector");
    if ((await inspector.locator("html").getAttribute("lang")) !== "fr") await chooseLanguage(inspector, "Français");
    await inspector.goto("/inspector");
    await expectAccessible(inspector);
    await Promise.all([inspector.waitForURL(/\/inspector\/signals\//), inspector.getByRole("link", { name: new RegExp(first.reference) }).click()]);
    expect(await inspector.locator("h1").textContent()).toBe(`Signalement sur le dossier ${first.reference}`);
    expect(await inspector.locator("main").textContent()).toContain("Tuinbouw De Wilde BV");
    await expectAccessible(inspector);
    // Without a file number: a message, the finding chosen kept.
    await inspector.locator("input[name=finding][value=no-real-employment]").check();
    await inspector.locator("#note").fill("Trois visites sur le site, personne n'y travaille.");
    await Promise.all([inspector.waitForNavigation(), inspector.getByRole("button", { name: "Enregistrer les constatations" }).click()]);
    expect(await inspector.locator(".error-summary").textContent()).toContain("numéro du dossier d'inspection");
    expect(await inspector.locator("input[name=finding][value=no-real-employment]").isChecked()).toBe(true);
    expect(await inspector.locator("#note").inputValue()).toBe("Trois visites sur le site, personne n'y travaille.");
    await expectAccessible(inspector);
    await inspector.locator("#inspectionFile").fill("INS-2026/314");
    await Promise.all([inspector.waitForNavigation(), inspector.getByRole("button", { name: "Enregistrer les constatations" }).click()]);
    expect(await inspector.locator("main").textContent()).toContain("Constatations enregistrées");
    await expectAccessible(inspector);
    await context.close();

    // The next file of the same employer, another worker: the Flemish officer sees the findings.
    const next = await fileApplication(employer, { given: "Youssef", family: "Volgende", nationality: "MA", postal: "3800", passport: "MA5550002", job: "Seasonal picker" });
    await employer.context().close();
    const flanders = await as(browser, "officer.flanders", "nl");
    await openCase(flanders, next.reference);
    const earlier = (await flanders.locator("#signals").textContent()) ?? "";
    expect(earlier).toContain("Eerdere signalen over dezelfde werkgever of werknemer");
    expect(earlier).toContain(first.reference);
    expect(earlier).toContain("zelfde werkgever");
    expect(earlier).toContain("inspectiedossier INS-2026/314");
    expect(earlier).toContain("Geen echte tewerkstelling");
    expect(earlier).toContain("Trois visites sur le site");
    // A regional officer reads the findings; he sends no signal himself.
    expect(await flanders.locator("#signal-form-title").count()).toBe(0);
    await expectAccessible(flanders);
    await flanders.context().close();
  });
});
