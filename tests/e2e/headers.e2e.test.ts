import type { Browser, ConsoleMessage } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { baseUrl, launchBrowser, newContext, signIn } from "./browser";

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

describe("the headers of the running portal", () => {
  it("every page carries a strict policy whose nonce its inline scripts have, and the browser reports no violation", async () => {
    for (const javaScriptEnabled of [true, false]) {
      const context = await newContext(browser, { javaScriptEnabled, locale: "en-BE" });
      const page = await context.newPage();
      const violations: string[] = [];
      const record = (message: ConsoleMessage) => {
        if (/Content.Security.Policy|Refused to/i.test(message.text())) violations.push(message.text());
      };
      page.on("console", record);
      const landing = await page.goto("/");
      const policy = landing!.headers()["content-security-policy"]!;
      expect(policy).toMatch(/script-src 'self' 'nonce-[A-Za-z0-9+/]{22}=='/);
      expect(policy).not.toMatch(/unsafe-inline|unsafe-eval/);
      expect(landing!.headers()["cache-control"]).toBe("no-store");
      expect(landing!.headers()["x-frame-options"]).toBe("DENY");
      expect(landing!.headers()["referrer-policy"]).toBe("same-origin");
      const nonce = /'nonce-([^']+)'/.exec(policy)![1]!;
      const html = await (await context.request.get("/")).text();
      const inline = [...html.matchAll(/<script\b([^>]*)>(?!<\/script>)/g)].filter((m) => !/\bsrc=/.test(m[1]!));
      expect(inline.length).toBeGreaterThan(0);
      for (const [, attributes] of inline) expect(attributes).toMatch(/nonce="[^"]+"/);
      expect(html).not.toContain(nonce); // each request has its own

      // Through the identity provider's pages (their own script-free policy) and back, signed in.
      await signIn(page, "employer");
      const applications = await page.goto("/applications");
      expect(applications!.headers()["cache-control"]).toBe("no-store");
      if (javaScriptEnabled) {
        // A client-side navigation fetches data: never cached either.
        const data = page.waitForResponse((response) => new URL(response.url()).pathname.endsWith(".data"));
        await page.locator("header a[href='/ebox']").click();
        expect((await data).headers()["cache-control"]).toBe("no-store");
        await page.waitForURL(/\/ebox$/);
      }
      expect(violations).toEqual([]);
      await context.close();
    }
  });

  it("the identity provider's answers carry its script-free policy", async () => {
    const response = await fetch(`${baseUrl()}/idp/.well-known/openid-configuration`);
    expect(response.headers.get("content-security-policy")).toContain("script-src 'none'");
    expect(response.headers.get("x-frame-options")).toBe("DENY");
  });
});
