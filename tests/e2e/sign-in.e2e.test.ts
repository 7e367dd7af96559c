import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEMO_IDENTITIES, displayNameOf } from "../../app/demo/demo-identities.server";
import type { BrowserContext } from "playwright-core";
import { baseUrl, expectAccessible, launchBrowser, newContext, signIn, signOut } from "./browser";

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(() => browser?.close());

/** This browser chose a language: a demo identity's remembered one does not replace it at sign-in. */
async function chosen<T extends BrowserContext>(context: T, language: string): Promise<T> {
  await context.addCookies([{ name: "lng", value: language, url: baseUrl() }]);
  return context;
}

const HOME: Record<string, string> = {
  employer: "/applications",
  secretariat: "/applications",
  worker: "/permits",
  resident: "/applications",
  "officer.flanders": "/officer",
  "officer.wallonia": "/officer",
  "officer.brussels": "/officer",
  "officer.dg": "/officer",
  "officer.oe": "/officer",
  inspector: "/inspector",
  dpo: "/audit",
  "post.casablanca": "/post",
  "commune.antwerpen": "/commune",
};

describe("every demo identity signs in through the identity provider, and out of both", () => {
  for (const javaScriptEnabled of [true, false]) {
    it(`${javaScriptEnabled ? "with" : "without"} JavaScript`, { timeout: 180_000 }, async () => {
      const context = await chosen(await newContext(browser, { javaScriptEnabled, locale: "en-GB" }), "en");
      const page = await context.newPage();
      for (const [index, identity] of DEMO_IDENTITIES.entries()) {
        await signIn(page, identity.login);
        expect(new URL(page.url()).pathname, identity.login).toBe(HOME[identity.login]);
        expect(await page.locator("header").textContent(), identity.login).toContain(displayNameOf(identity));
        if (index === 0) await expectAccessible(page);
        await signOut(page);
        expect(await page.locator("h1").textContent()).toBe("You are signed out");
        if (index === 0) await expectAccessible(page);
      }
      await context.close();
    });
  }
});

describe("the pages of signing in", () => {
  it("are in the person's language and accessible: the portal's, the provider's, a wrong password, the provider's sign-out", async () => {
    const context = await chosen(await newContext(browser, { javaScriptEnabled: false, locale: "de-BE" }), "de");
    const page = await context.newPage();
    await page.goto("/login");
    expect(await page.locator("h1").textContent()).toBe("Anmelden");
    await expectAccessible(page);
    await Promise.all([page.waitForURL(/\/idp\/interaction\//), page.locator("main form[action='/login'] button").click()]);
    expect(await page.locator("html").getAttribute("lang")).toBe("de");
    expect(await page.locator("h1").textContent()).toBe("Anmeldung");
    expect(await page.locator(".demo-identities").textContent()).toContain("demo-2026");
    await expectAccessible(page);

    await page.locator("#login").fill("officer.dg");
    await page.locator("#password").fill("not the password");
    await Promise.all([page.waitForNavigation(), page.locator("main form[action$='/login'] button").click()]);
    expect(await page.locator(".error-summary").textContent()).toContain("Es gibt ein Problem");
    expect(await page.locator("#login").inputValue()).toBe("officer.dg");
    await expectAccessible(page);
    await page.locator("#password").fill("demo-2026");
    await Promise.all([page.waitForURL(/\/officer$/), page.locator("main form[action$='/login'] button").click()]);

    await Promise.all([page.waitForURL(/\/idp\/session\/end/), page.locator("header form[action='/logout'] button").click()]);
    expect(await page.locator("html").getAttribute("lang")).toBe("de");
    await expectAccessible(page);
    await Promise.all([page.waitForURL(/\/signed-out$/), page.locator("button[name=logout][value=yes]").click()]);
    expect(await page.locator("h1").textContent()).toBe("Sie sind abgemeldet");
    await context.close();
  });

  it("say honestly, without JavaScript, that a session ran out, what was kept, and come back to the page", async () => {
    const context = await newContext(browser, { javaScriptEnabled: false, locale: "en-GB" });
    const page = await context.newPage();
    await page.goto("/login?returnTo=%2Fapplications%2Fnew&ended=idle&unsaved=1");
    const notice = (await page.locator(".notice").textContent()) ?? "";
    expect(notice).toContain("nothing happened for 30 minutes");
    expect(notice).toContain("was not saved");
    expect(notice).toContain("a draft keeps the answers");
    await expectAccessible(page);
    await Promise.all([page.waitForURL(/\/idp\/interaction\//), page.locator("main form[action='/login'] button").click()]);
    await page.locator("#login").fill("employer");
    await page.locator("#password").fill("demo-2026");
    await Promise.all([page.waitForURL(/\/applications\/new$/), page.locator("main form[action$='/login'] button").click()]);
    await context.close();
  });
});

describe("sessions", () => {
  it("signs out of all devices from “Your sign-in”: the other browser is sent to sign in again", async () => {
    const laptop = await chosen(await newContext(browser, { locale: "en-GB" }), "en");
    const phone = await chosen(await newContext(browser, { javaScriptEnabled: false, locale: "en-GB" }), "en");
    const onLaptop = await laptop.newPage();
    const onPhone = await phone.newPage();
    await signIn(onLaptop, "officer.oe");
    await signIn(onPhone, "officer.oe");

    await onLaptop.goto("/session");
    expect(await onLaptop.locator("main table tbody tr").count()).toBeGreaterThanOrEqual(2);
    await expectAccessible(onLaptop);
    await Promise.all([onLaptop.waitForURL(/\/idp\/session\/end/), onLaptop.getByRole("button", { name: "Sign out of all devices" }).click()]);
    await Promise.all([onLaptop.waitForURL(/\/signed-out$/), onLaptop.locator("button[name=logout][value=yes]").click()]);

    await onPhone.goto("/officer");
    expect(new URL(onPhone.url()).pathname).toBe("/login");
    expect(await onPhone.locator(".notice").textContent()).toContain("You were signed out");
    await laptop.close();
    await phone.close();
  });

  it("warns before the idle timeout with JavaScript, keeps the person signed in on request, and says when it is over", async () => {
    const context = await chosen(await newContext(browser, { locale: "en-GB" }), "en");
    const page = await context.newPage();
    await page.clock.install();
    await signIn(page, "worker");
    await page.locator("main h1").waitFor();
    const dialog = page.locator("dialog.session-timeout");
    // The dialog exists once the page is hydrated and its timers run: on a loaded machine the
    // clock jumped before that, and the warning then lay 28 more minutes ahead.
    await dialog.waitFor({ state: "attached" });

    await page.clock.fastForward("28:30");
    await dialog.locator("h2", { hasText: "You will be signed out soon" }).waitFor();
    expect(await dialog.textContent()).toContain("Nothing has happened for almost 30 minutes");
    await expectAccessible(page);
    await Promise.all([
      page.waitForResponse((response) => response.request().method() === "POST" && new URL(response.url()).pathname.startsWith("/session")),
      dialog.getByRole("button", { name: "Stay signed in" }).click(),
    ]);
    await expect.poll(() => dialog.evaluate((element) => (element as HTMLDialogElement).open)).toBe(false);

    await page.clock.fastForward("31:00");
    await dialog.locator("h2", { hasText: "Your session has ended" }).waitFor();
    const again = await dialog.getByRole("link", { name: "Sign in again" }).getAttribute("href");
    expect(again).toBe("/login?returnTo=%2Fpermits&ended=idle");
    await expectAccessible(page);
    await context.close();
  });
});
