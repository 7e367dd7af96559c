import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { as, decide, decideOutcome, expectAccessible, fileApplication, launchBrowser, openCase } from "./browser";

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(() => browser?.close());

const PDF = Buffer.from("%PDF-1.4\n1 0 obj<</Type/Catalog>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n");

describe("a Flemish single permit from submission to residence granted", () => {
  it("goes region → documents request answered by the employer → OE, in Dutch, English and French", async () => {
    const employer = await as(browser, "employer", "nl");
    const { reference, url } = await fileApplication(employer, {
      given: "Văn An",
      family: "Nguyễn",
      nationality: "VN",
      postal: "2000",
      birthDate: "1985-11-02",
      passport: "C7654321",
    });
    expect(await employer.locator(".panel").textContent()).toContain("bij de Vlaamse overheid");

    const flanders = await as(browser, "officer.flanders", "en");
    await openCase(flanders, reference);
    await expectAccessible(flanders);
    await flanders.locator("#items").fill("Signed employment contract");
    await flanders.locator("#message").fill("Please add the contract signed by both parties.");
    await decide(flanders, "Send the request");
    expect(await flanders.locator(".panel").textContent()).toContain("waiting for the applicant");

    await employer.goto(url);
    expect(await employer.locator(".panel").textContent()).toContain("wacht op uw antwoord");
    await expectAccessible(employer);
    const fileInput = employer.locator("input[type=file]");
    await fileInput.setInputFiles({ name: "contract.pdf", mimeType: "application/pdf", buffer: PDF });
    await Promise.all([employer.waitForLoadState("load"), employer.getByRole("button", { name: "Bestanden opladen" }).click()]);
    await employer.getByText("contract.pdf").first().waitFor();
    await employer.getByRole("button", { name: "De documenten versturen" }).click();
    await employer.locator(".panel", { hasText: "bij de Vlaamse overheid" }).waitFor();

    await openCase(flanders, reference);
    await decideOutcome(flanders, "DECLARE_COMPLETE");
    await decideOutcome(flanders, "AUTHORISE_WORK");
    expect(await flanders.locator(".panel").textContent()).toContain("with the Immigration Office");

    const oe = await as(browser, "officer.oe", "fr");
    await openCase(oe, reference);
    await decideOutcome(oe, "PRE_CHECKS_DONE");
    await decideOutcome(oe, "GRANT_RESIDENCE");
    expect(await oe.locator(".panel").textContent()).toMatch(/permis (accordé|délivré)/);
    await expectAccessible(oe);

    await employer.goto(url);
    // Granted, and issued as soon as the worker has put the decision in the e-Box.
    expect(await employer.locator(".panel").textContent()).toMatch(/vergunning (toegekend|afgegeven)/);
    const history = (await employer.locator("#history-title + ol").textContent()) ?? "";
    expect(history).toContain("Documenten gevraagd door");
    expect(history).toContain("Verblijf toegekend door de Dienst Vreemdelingenzaken (bijlage 46)");
    expect(await employer.locator("#consulted-title + ul").textContent()).toContain("Vlaamse overheid");
    await expectAccessible(employer);
  });
});

describe("rerouting", () => {
  it("a Walloon officer sends a misrouted case to Brussels, where it shows at once", async () => {
    const employer = await as(browser, "secretariat", "fr");
    const value = await employer.locator("#employerId option", { hasText: "Brussels Digital" }).getAttribute("value");
    await employer.locator("#employerId").selectOption(value!);
    await Promise.all([employer.waitForNavigation(), employer.locator("form[action='/acting-for'] button").click()]);
    const { reference } = await fileApplication(employer, { given: "Karim", family: "Haddad", nationality: "MA", postal: "1300" });

    const wallonia = await as(browser, "officer.wallonia", "fr");
    await openCase(wallonia, reference);
    await wallonia.locator("#to").selectOption("brussels");
    await wallonia.locator("#reroute-reason").fill("Le lieu de travail est à Bruxelles (Anderlecht).");
    await wallonia.getByRole("button", { name: "Transmettre le dossier" }).click();
    // Back in the queue, where the case no longer is: Wallonia cannot see it any more.
    await wallonia.waitForURL((url) => url.pathname === "/officer");
    // With JavaScript the URL changes just before the queue renders: wait for its filters.
    await wallonia.locator("form.filters").waitFor();
    expect(await wallonia.locator("main").textContent()).not.toContain(reference);

    const brussels = await as(browser, "officer.brussels", "nl");
    await openCase(brussels, reference);
    const history = (await brussels.locator("#history-title + ol").textContent()) ?? "";
    expect(history).toContain("Doorgestuurd naar");
    expect(history).toContain("Anderlecht");
    await expectAccessible(brussels);
  });
});
