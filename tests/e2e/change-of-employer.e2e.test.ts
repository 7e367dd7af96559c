import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { demoIdentity } from "../../app/demo/demo-identities.server";
import { formatEnterpriseNumber, formatPersonNumber, makeEnterpriseNumber } from "../../forms/identifiers";
import { actFor, as, chooseLanguage, daysFromToday, decideOutcome, expectAccessible, fileApplication, newContext, openCase, signIn } from "./browser";

/**
 * Issue 17.1 end to end, with its own data: the demo worker (Ana Šimić) is granted a Flemish
 * permit with Tuinbouw De Wilde in this test; she consents in her own account; the
 * secretariat acting for Brussels Digital Solutions files a change of employer; the Brussels
 * officer allows it; the cadastre, both employers and the worker see the change. The worker
 * uses the portal without JavaScript, in Dutch: she reports the end of her employment first,
 * which starts her period without work, and the change filed for her stops it (issue 17.2).
 */
let browser: Browser;
beforeAll(async () => {
  const { launchBrowser } = await import("./browser");
  browser = await launchBrowser();
});
afterAll(() => browser?.close());

async function eventually(page: Page, url: string, text: string, act?: () => Promise<void>) {
  for (let attempt = 0; attempt < 30; attempt++) {
    if (act) await act();
    else await page.goto(url);
    if (((await page.locator("main").textContent()) ?? "").includes(text)) return;
    await page.waitForTimeout(1000);
  }
  throw new Error(`"${text}" never appeared on ${url}`);
}

const ANA = demoIdentity("worker").nationalNumber;
const DIGITAL = formatEnterpriseNumber(makeEnterpriseNumber("06543210"));

describe("a change of employer", () => {
  it("a worker with a Flemish permit consents, a Brussels employer files, the Brussels officer allows it, everyone sees it", async () => {
    // Her current permit: Tuinbouw De Wilde (Flanders), granted here.
    const former = await as(browser, "employer", "en");
    const first = await fileApplication(former, { given: "Ana", family: "Šimić", nationality: "RS", postal: "3800", birthDate: "1990-03-14", passport: "RS4455667", personNumber: ANA, job: "Greenhouse technician" });
    const flanders = await as(browser, "officer.flanders", "en");
    await openCase(flanders, first.reference);
    await decideOutcome(flanders, "DECLARE_COMPLETE");
    await decideOutcome(flanders, "AUTHORISE_WORK");
    const oe = await as(browser, "officer.oe", "en");
    await openCase(oe, first.reference);
    await decideOutcome(oe, "PRE_CHECKS_DONE");
    await decideOutcome(oe, "GRANT_RESIDENCE");

    // The worker, in Dutch and without JavaScript: her job there ended ten days ago; she says so herself.
    const context = await newContext(browser, { javaScriptEnabled: false, locale: "nl-BE" });
    const worker = await context.newPage();
    await signIn(worker, "worker");
    if ((await worker.locator("html").getAttribute("lang")) !== "nl") await chooseLanguage(worker, "Nederlands");
    await worker.goto("/permits");
    const caseId = ((await worker.locator(`[data-permit="${first.reference}"] a[href^='/applications/']`).getAttribute("href")) ?? "").split("/").pop()!;
    if ((await worker.locator("select#caseId").count()) > 0) await worker.locator("select#caseId").selectOption(caseId);
    const [ly, lm, ld] = daysFromToday(-10).split("-");
    await worker.locator("#endedOn").fill(`${ld}/${lm}/${ly}`);
    await Promise.all([worker.waitForNavigation(), worker.getByRole("button", { name: "Het einde van mijn tewerkstelling melden" }).click()]);
    const clock = worker.locator("[data-period]", { hasText: `Na de tewerkstelling onder vergunning ${first.reference}` });
    expect(await clock.getAttribute("data-period")).toBe("running");
    await expectAccessible(worker);

    // She consents, in her own account.
    await worker.goto("/applications");
    await worker.getByRole("link", { name: "Een nieuwe werkgever mijn vergunning laten zien (toestemmingen)" }).click();
    await worker.locator("h1", { hasText: "Toestemming voor een nieuwe werkgever" }).waitFor();
    await expectAccessible(worker);
    await worker.locator("#enterpriseNumber").fill(DIGITAL);
    await Promise.all([worker.waitForURL(/done=given/), worker.getByRole("button", { name: "Toestemming geven" }).click()]);
    await worker.locator("main table", { hasText: "Brussels Digital Solutions SRL" }).waitFor();
    expect(await worker.locator("main").textContent()).toContain("Uw toestemming is geregistreerd.");
    await expectAccessible(worker);

    // The new employer, in French: the permit from the cadastre (once the permit reached it), then the questions.
    const secretariat = await as(browser, "secretariat", "fr");
    await actFor(secretariat, "Brussels Digital Solutions");
    await secretariat.goto("/applications");
    await secretariat.getByRole("link", { name: "Changement d'employeur" }).click();
    await secretariat.locator("h1", { hasText: "Changement d'employeur" }).waitFor();
    expect(await secretariat.locator("main").textContent()).toContain("Pas encore confirmé");
    await expectAccessible(secretariat);
    await eventually(secretariat, "/applications/change-of-employer", "Greenhouse technician", async () => {
      await secretariat.goto("/applications/change-of-employer");
      await secretariat.locator("#personNumber").fill(formatPersonNumber(ANA));
      await Promise.all([secretariat.waitForLoadState(), secretariat.getByRole("button", { name: "Afficher son permis actuel" }).click()]);
      await secretariat.locator("main .error-summary, #permit-title").first().waitFor();
    });
    expect(await secretariat.locator("main").textContent()).toContain("Tuinbouw De Wilde BV");
    await expectAccessible(secretariat);
    await secretariat.locator("#jobTitle").fill("Développeuse web");
    await secretariat.locator("#placeOfWorkPostalCode").fill("1000");
    await secretariat.locator("#contractStart").fill("15/13/2027");
    await secretariat.locator("#grossAnnualSalary").fill("46000");
    await secretariat.getByRole("button", { name: "Introduire le changement d'employeur" }).click();
    await secretariat.locator(".error-summary").waitFor();
    expect(await secretariat.locator(".error-summary").textContent()).toContain("Indiquez la date en jour, mois et année");
    expect(await secretariat.locator("#jobTitle").inputValue()).toBe("Développeuse web");
    await expectAccessible(secretariat);
    const [y, m, d] = daysFromToday(14).split("-");
    const [ey, em, ed] = daysFromToday(300).split("-");
    await secretariat.locator("#contractStart").fill(`${d}/${m}/${y}`);
    await secretariat.locator("#employmentEnd").fill(`${ed}/${em}/${ey}`);
    await secretariat.getByRole("button", { name: "Introduire le changement d'employeur" }).click();
    await secretariat.waitForURL(/\/applications\/[0-9a-f-]{36}\?submitted=1$/);
    const heading = secretariat.locator("h1", { hasText: /SP-\d{4}-\d{6}/ });
    await heading.waitFor();
    const change = (await heading.textContent())!.match(/SP-\d{4}-\d{6}/)![0];
    expect(await secretariat.locator("main").textContent()).toContain("Délai d'opposition");
    await expectAccessible(secretariat);

    // Filing the change stopped her period without work.
    await worker.goto("/permits");
    expect(await clock.getAttribute("data-period")).toBe("stopped");
    expect(await clock.textContent()).toContain("een nieuwe werkgever heeft voor u een aanvraag ingediend");

    // The Brussels officer allows it, without the OE (the stay is unchanged).
    const brussels = await as(browser, "officer.brussels", "en");
    await openCase(brussels, change);
    await decideOutcome(brussels, "DECLARE_COMPLETE");
    await decideOutcome(brussels, "AUTHORISE_WORK");

    // Both employers and the worker are told; the cadastre holds both changes.
    await eventually(secretariat, "/ebox", `Changement d'employeur permis – ${change}`);
    await expectAccessible(secretariat);
    await eventually(former, "/ebox", `End of the authorisation for this employer – ${first.reference}`);
    await expectAccessible(former);
    await eventually(worker, "/ebox", `Einde van de toelating voor deze werkgever – ${first.reference}`);
    expect(await worker.locator("main").textContent()).toContain(`Changement d'employeur permis – ${change}`);
    const inspector = await as(browser, "inspector", "en");
    await inspector.locator("#fileNumber").fill("INS-2026/517");
    await inspector.locator("#reason").fill("Check of a change of employer, Brussels");
    await inspector.locator("#personNumber").fill(ANA);
    const search = async () => {
      await inspector.getByRole("button", { name: "Search the cadastre" }).click();
      await inspector.locator("#results-title").waitFor();
    };
    // Both entries reach the cadastre through the outbox, in either order.
    await eventually(inspector, "/inspector", "Ended", search);
    await eventually(inspector, "/inspector", change, search);
    const results = (await inspector.locator("main").textContent()) ?? "";
    expect(results).toContain(change);
    expect(results).toContain("Brussels Digital Solutions SRL");
    expect(results).toContain(first.reference);
    await expectAccessible(inspector);
  });
});
