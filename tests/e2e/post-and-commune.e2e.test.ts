import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { makePersonNumber } from "../../forms/identifiers";
import { todayInBelgium } from "../../workflows/legal-clock";
import { actFor, as, decideOutcome, expectAccessible, fileApplication, launchBrowser, openCase } from "./browser";

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(() => browser?.close());

/** Reloads until the page shows the text: the outbox worker delivers within seconds. */
async function eventually(page: Page, url: string, text: string) {
  for (let attempt = 0; attempt < 30; attempt++) {
    await page.goto(url);
    if (((await page.locator("main").textContent()) ?? "").includes(text)) return;
    await page.waitForTimeout(1000);
  }
  throw new Error(`"${text}" never appeared on ${url}`);
}

/**
 * Records one step on the post's or the commune's file page and waits for the page to say so
 * (the address names the step: after the previous step it already ends in ?recorded=…).
 */
async function record(page: Page, button: string, fields: Record<string, string>) {
  for (const [name, value] of Object.entries(fields)) await page.locator(`#${name}`).fill(value);
  const intent = await page.getByRole("button", { name: button }).getAttribute("value");
  await Promise.all([page.waitForURL(new RegExp(`\\?recorded=${intent}$`)), page.getByRole("button", { name: button }).click()]);
  await page.locator(".success-banner").waitFor();
  await expectAccessible(page);
}

describe("a Moroccan worker abroad, from the grant to his card", () => {
  it("reaches the post and the employer, gets his visa, registers at the commune, gets his annex 49 and card; the cadastre follows", async () => {
    const today = todayInBelgium(new Date());
    const family = "Benjelloun";
    const employer = await as(browser, "secretariat", "en");
    await actFor(employer, "Antwerp Port Engineering NV");
    const { reference, url } = await fileApplication(employer, {
      given: "Hamza",
      family,
      nationality: "MA",
      postal: "2030",
      birthDate: "1996-10-02",
      passport: "MA5566778",
      personNumber: "",
      job: "Welder",
      visaPost: "casablanca",
    });

    const flanders = await as(browser, "officer.flanders", "nl");
    await openCase(flanders, reference);
    await decideOutcome(flanders, "DECLARE_COMPLETE");
    await decideOutcome(flanders, "AUTHORISE_WORK");
    const oe = await as(browser, "officer.oe", "fr");
    await openCase(oe, reference);
    await decideOutcome(oe, "PRE_CHECKS_DONE");
    await decideOutcome(oe, "GRANT_RESIDENCE");

    // The annex 46 in the post's e-Box, and the file in its list.
    const post = await as(browser, "post.casablanca", "fr");
    await eventually(post, "/ebox", reference);
    await expectAccessible(post);
    await post.goto("/post");
    await expectAccessible(post);
    await post.getByRole("link", { name: reference }).click();
    await post.locator("h1", { hasText: reference }).waitFor();
    await expectAccessible(post);
    // Sent empty: the errors, in French, the page kept.
    await post.getByRole("button", { name: "Enregistrer le visa" }).click();
    await post.locator(".error-summary").waitFor();
    expect(await post.locator(".error-summary").textContent()).toContain("Indiquez la date.");
    await expectAccessible(post);
    await record(post, "Enregistrer le visa", { visaOn: today, postalCode: "2018" });
    expect(await post.locator("main").textContent()).toContain("Visa D délivré par le poste de Casablanca");

    // The employer's copy in the procedure language (Dutch) is marked to forward (he has no national number); his tracker shows the visa.
    await eventually(employer, "/ebox", "door te geven aan de werknemer");
    await employer.goto(url);
    expect(await employer.locator("#residence-title ~ ul").textContent()).toContain("Visa D issued by the post in Casablanca");
    await expectAccessible(employer);

    // The commune of Antwerp: arrival, registration (his national number), annex 49, card.
    const commune = await as(browser, "commune.antwerpen", "nl");
    await commune.goto("/commune");
    await expectAccessible(commune);
    await commune.getByRole("link", { name: reference }).click();
    await commune.locator("h1", { hasText: reference }).waitFor();
    await record(commune, "Aankomst registreren", { enteredOn: today, declaredOn: today });
    await record(commune, "Inschrijving registreren", { registeredOn: today, personNumber: makePersonNumber("1996-10-02", 613) });
    await record(commune, "Bijlage 49 afgeven", { annex49On: today });
    const download = commune.waitForEvent("download");
    await commune.getByRole("link", { name: /Bijlage 49 \(pdf/ }).click();
    expect((await download).suggestedFilename()).toBe(`${reference}-annex-49-nl.pdf`);
    const code = /verificatiecode ([0-9A-Z-]{24})/.exec((await commune.locator("main").textContent()) ?? "")?.[1];
    expect(code).toBeTruthy();
    await record(commune, "Afgegeven kaart registreren", { cardOn: today });
    expect(await commune.locator("main").textContent()).toContain("Verblijfskaart A afgegeven");

    // Anyone checks the annex 49: replaced by the card now.
    const verifier = await as(browser, "employer", "en");
    await verifier.goto(`/verify/${code}`);
    expect(await verifier.locator(".verify").textContent()).toContain("replaced by the residence card");
    expect(await verifier.locator("main").textContent()).not.toContain(family);
    await expectAccessible(verifier);

    // The inspector finds each step in the cadastre's history of the permit.
    const inspector = await as(browser, "inspector", "en");
    await inspector.locator("#fileNumber").fill("INS-2026/514");
    await inspector.locator("#reason").fill("Port of Antwerp site check, welders");
    await inspector.locator("#familyName").fill(family);
    await inspector.locator("#birthDate").fill("1996-10-02");
    let results = "";
    for (let attempt = 0; attempt < 20; attempt++) {
      await inspector.getByRole("button", { name: "Search the cadastre" }).click();
      await inspector.locator("#results-title").waitFor();
      results = (await inspector.locator("main").textContent()) ?? "";
      if (results.includes("Residence card issued")) break;
      await inspector.waitForTimeout(1000);
    }
    expect(results).toContain(reference);
    for (const step of ["Visa D issued", "Arrival declared at the commune", "Registered at the commune", "Annex 49 issued", "Residence card issued"]) expect(results).toContain(step);
    await expectAccessible(inspector);
  });
});
