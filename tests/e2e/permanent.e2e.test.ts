import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { as, expectAccessible, launchBrowser } from "./browser";

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(() => browser?.close());

describe("the unlimited permit", () => {
  it("is requested by the resident himself, identity from the national register, routed to where he lives", async () => {
    const resident = await as(browser, "resident", "de");
    await resident.getByRole("link", { name: "Eine unbefristete Erlaubnis beantragen" }).click();
    await resident.locator("h1", { hasText: "Antrag auf eine unbefristete Erlaubnis" }).waitFor();
    expect(await resident.locator("#identity-title + p + dl").textContent()).toContain("Karim Haddad");
    await expectAccessible(resident);

    await resident.locator("#residencePostalCode").fill("9000");
    await resident.locator("#yearsWorkedLastFive").fill("3");
    await resident.locator("#yearsResident").fill("6");
    await resident.locator("#currentPermitNumber").fill("B123456789");
    await resident.getByRole("button", { name: "Antrag einreichen" }).click();
    await resident.locator(".error-summary").waitFor();
    expect(await resident.locator(".error-summary").textContent()).toContain("In Flandern sind mindestens 4 Jahre");
    expect(await resident.locator("#currentPermitNumber").inputValue()).toBe("B123456789");
    await expectAccessible(resident);

    await resident.locator("#residencePostalCode").fill("4780");
    await resident.getByRole("button", { name: "Antrag einreichen" }).click();
    await resident.waitForURL(/\/applications\/[0-9a-f-]{36}(\?submitted=1)?$/);
    await resident.locator("h1", { hasText: /SP-\d{4}-\d{6}/ }).waitFor();
    expect(await resident.locator(".panel").textContent()).toContain("bei der Deutschsprachigen Gemeinschaft");
    await expectAccessible(resident);
  });
});
