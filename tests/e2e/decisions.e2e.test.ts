import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
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

describe("a regional refusal", () => {
  it("reaches the Dutch-speaking employer as the Flemish authority's decision with its appeal to the minister, never as an annex 48", async () => {
    const employer = await as(browser, "employer", "nl");
    const { reference, url } = await fileApplication(employer, { given: "Mehmet", family: "Kaya", nationality: "TR", postal: "3800", passport: "TR5550001" });

    const flanders = await as(browser, "officer.flanders", "nl");
    await openCase(flanders, reference);
    await decideOutcome(flanders, "DECLARE_COMPLETE");
    await decideOutcome(flanders, "REFUSE_WORK", { reason: "De vacature werd niet negen weken bij VDAB gepubliceerd." });
    expect(await flanders.locator(".panel").textContent()).toContain("geweigerd");
    await expectAccessible(flanders);

    await employer.goto(url);
    const decision = (await employer.locator("section[aria-labelledby=decision-title]").textContent()) ?? "";
    expect(decision).toContain("Toelating tot arbeid geweigerd");
    expect(decision).toContain("Vlaamse overheid");
    expect(await employer.locator("#decision-appeal").textContent()).toContain("Vlaamse minister bevoegd voor werk");
    expect(await employer.locator("#decision-appeal").textContent()).toContain("binnen 30 dagen na de kennisgeving");
    expect(await employer.locator(".tracker").textContent()).toContain("Toelating tot arbeid geweigerd");
    expect(await employer.locator("main").textContent()).not.toMatch(/[Bb]ijlage 48|Raad voor Vreemdelingenbetwistingen/);
    await expectAccessible(employer);

    // The e-Box says the same, and the document is the region's, not annex 48.
    await eventually(employer, "/ebox", `Toelating tot arbeid geweigerd – ${reference}`);
    await employer.getByRole("link", { name: `Toelating tot arbeid geweigerd – ${reference}` }).click();
    await employer.locator("h1", { hasText: reference }).waitFor();
    const message = (await employer.locator("main").textContent()) ?? "";
    expect(message).toContain("Vlaamse minister bevoegd voor werk");
    expect(message).not.toMatch(/[Bb]ijlage 48/);
    const download = employer.waitForEvent("download");
    await employer.getByRole("link", { name: /work-refusal/ }).click();
    expect((await download).suggestedFilename()).toBe(`${reference}-work-refusal-nl.pdf`);
    await expectAccessible(employer);
  });
});

describe("a request for documents that lapsed", () => {
  it("is proposed for inadmissibility to the officer, who confirms it; the applicant gets the decision with its appeal", async () => {
    // The demo data hold a Flemish file whose request lapsed; the first sweep proposed inadmissibility.
    const flanders = await as(browser, "officer.flanders", "en");
    await flanders.goto("/officer");
    const row = flanders.locator("main table tbody tr", { hasText: "Antwerp Port Engineering NV" }).filter({ hasText: "Nguyễn" });
    const reference = ((await row.locator("a").first().textContent()) ?? "").trim();
    expect(reference).toMatch(/^SP-\d{4}-\d{6}$/);
    await openCase(flanders, reference);
    expect(await flanders.locator("#proposal").textContent()).toContain("Proposal: declare the application inadmissible");
    expect(await flanders.locator("#history-title + ol").textContent()).toContain("The request for documents lapsed without an answer");
    // The proposed ground comes chosen; the officer gives the reasons and confirms.
    expect(await flanders.locator("#DECLARE_INADMISSIBLE-ground").inputValue()).toBe("not-completed");
    await expectAccessible(flanders);
    // The proposed outcome comes chosen too. Without reasons: refused on the same page, with the message and the chosen ground kept.
    expect(await flanders.locator("#decide input[value=DECLARE_INADMISSIBLE]").isChecked()).toBe(true);
    await flanders.getByRole("button", { name: "Continue", exact: true }).click();
    await flanders.locator(".error-summary").waitFor();
    expect(await flanders.locator(".error-summary").textContent()).toContain("Give the reasons for this decision");
    expect(await flanders.locator("#DECLARE_INADMISSIBLE-ground").inputValue()).toBe("not-completed");
    await expectAccessible(flanders);
    await decideOutcome(flanders, "DECLARE_INADMISSIBLE", { reason: "The signed contract was not sent within the 15 days given." });
    expect(await flanders.locator(".panel").textContent()).toContain("declared inadmissible");
    expect(await flanders.locator("#proposal").count()).toBe(0);

    const employer = await as(browser, "secretariat", "nl");
    await actFor(employer, "Antwerp Port Engineering NV");
    await employer.goto("/applications");
    await employer.getByRole("link", { name: reference }).click();
    await employer.locator("h1", { hasText: reference }).waitFor();
    expect(await employer.locator(".panel").textContent()).toContain("onontvankelijk verklaard");
    expect(await employer.locator("#decision-title").textContent()).toBe("Aanvraag onontvankelijk");
    const appeal = (await employer.locator("#decision-appeal").textContent()) ?? "";
    expect(appeal).toContain("Raad van State");
    expect(appeal).toContain("60 dagen");
    await expectAccessible(employer);
  });
});
