import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { as, decideOutcome, expectAccessible, fileApplication, launchBrowser, newContext, openCase } from "./browser";

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

describe("from grant to the cadastre", () => {
  it("delivers the permit to the e-Box, verifies it, revokes it, and the inspector finds the revocation", async () => {
    const employer = await as(browser, "secretariat", "en");
    const value = await employer.locator("#employerId option", { hasText: "Logistique Meuse" }).getAttribute("value");
    await employer.locator("#employerId").selectOption(value!);
    await Promise.all([employer.waitForNavigation(), employer.locator("form[action='/acting-for'] button").click()]);
    const { reference, url } = await fileApplication(employer, {
      given: "Øyvind",
      family: "Müller",
      nationality: "UA",
      postal: "5000",
      birthDate: "1990-03-14",
      passport: "FU998877",
      personNumber: "",
      job: "Chauffeur",
    });

    const wallonia = await as(browser, "officer.wallonia", "fr");
    await openCase(wallonia, reference);
    await decideOutcome(wallonia, "DECLARE_COMPLETE");
    await decideOutcome(wallonia, "AUTHORISE_WORK");
    const oe = await as(browser, "officer.oe", "nl");
    await openCase(oe, reference);
    await decideOutcome(oe, "PRE_CHECKS_DONE");
    await decideOutcome(oe, "GRANT_RESIDENCE");

    // The employer finds the decision in the e-Box (French, the procedure language, and an English courtesy copy).
    // The region's work authorisation arrives first; wait for the permit itself.
    await eventually(employer, "/ebox", `Permis unique accordé – ${reference}`);
    await expectAccessible(employer);
    await employer.getByRole("link", { name: `Permis unique accordé – ${reference}` }).click();
    await employer.locator("h1", { hasText: reference }).waitFor();
    const download = employer.waitForEvent("download");
    await employer.getByRole("link", { name: /Download/ }).click();
    expect((await download).suggestedFilename()).toBe(`${reference}-annex-46-fr.pdf`);
    await expectAccessible(employer);

    // The status page gives the verification code; /verify says valid, with initials only.
    await eventually(employer, url, "Verification code");
    const code = (await employer.locator("#permit-title ~ p code").textContent())!;

    // A renewal starts from this permit: the worker and the job come prefilled.
    await employer.getByRole("link", { name: "Renew this permit" }).click();
    await employer.locator("main h1", { hasText: "Renew a single permit" }).waitFor();
    await expectAccessible(employer);
    await employer.locator("main form button[type=submit]").click();
    await employer.locator("main h1", { hasText: "Single permit renewal" }).waitFor();
    expect(await employer.locator("main").textContent()).toContain("For Øyvind Müller, employed by Logistique Meuse");
    await expectAccessible(employer);
    const verifier = await (await newContext(browser, { locale: "en-GB" })).newPage();
    await verifier.goto(`/verify/${code}`);
    expect(await verifier.locator(".verify").textContent()).toContain("Valid");
    expect(await verifier.locator("main").textContent()).not.toContain("Müller");
    expect(await verifier.locator("main").textContent()).toContain("Ø. M.");
    await expectAccessible(verifier);

    // The OE revokes; the verify page says so.
    await eventually(oe, `/officer/cases/${new URL(url).pathname.split("/").pop()}`, "Vergunning afgegeven");
    await decideOutcome(oe, "REVOKE", { ground: "fraud", reason: "Valse arbeidsovereenkomst." });
    await verifier.goto(`/verify/${code}`);
    expect(await verifier.locator(".verify").textContent()).toContain("Revoked");

    // The inspector finds the revocation, after stating a purpose.
    const inspector = await as(browser, "inspector", "en");
    await expectAccessible(inspector);
    await inspector.locator("#familyName").fill("Müller");
    await inspector.locator("#birthDate").fill("1990-03-14");
    await inspector.getByRole("button", { name: "Search the cadastre" }).click();
    await inspector.locator(".error-summary").waitFor();
    expect(await inspector.locator(".error-summary").textContent()).toContain("inspection file number");
    expect(await inspector.locator("main").textContent()).not.toContain(reference);
    await inspector.locator("#fileNumber").fill("INS-2026/314");
    await inspector.locator("#reason").fill("Road transport check, Namur depot");
    for (let attempt = 0; attempt < 20; attempt++) {
      await inspector.getByRole("button", { name: "Search the cadastre" }).click();
      await inspector.locator("#results-title").waitFor();
      if (((await inspector.locator("main").textContent()) ?? "").includes("Valse arbeidsovereenkomst")) break;
      await inspector.waitForTimeout(1000);
    }
    const results = (await inspector.locator("main").textContent()) ?? "";
    expect(results).toContain(reference);
    expect(results).toContain("Revoked");
    expect(results).toContain("Valse arbeidsovereenkomst");
    await expectAccessible(inspector);
  });
});
