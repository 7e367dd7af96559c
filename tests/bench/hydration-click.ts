// A click while the page is still hydrating, counted: React 18.3.1's "Root did not complete"
// (#345), seen in the e2e suite on /login, after which the page never hydrates.
// Three kinds per round, each in a fresh profile (nothing cached, as each e2e test has):
// - login / language: /login opened and its button (or a language button) clicked by Playwright
//   at once, as tests/e2e/browser.ts signIn() and a hurried person do; every other round waits a
//   random 0-400 ms first, so clicks fall all along hydration;
// - mid: a click from inside the page on the h1 at the first moment React has taken the document
//   but not yet hydrated the h1 (polled every millisecond): the window those clicks hit by chance.
// 2026-11-27, 50 rounds at 4x CPU slowdown, build of 4e66e11 (hydrateRoot inside startTransition):
// login 0/50, language 0/50, mid 44/50 failed. The same with hydrateRoot at default priority
// (no startTransition): login 0/50, language 1/50, mid 31/50, so that alone is no fix.
// Likely cause (read in @remix-run/react 2.17.5 dist/esm/browser.js, not yet proven): with
// v3_singleFetch, RemixBrowser's first render throws its state-decoding promise (suspends)
// outside any Suspense boundary; a click while the root waits forces a synchronous render.
// Held back from React until hydrated (app/components/hydration-hold.ts), 30 rounds at 4x, back to
// back on one build each (2026-11-27, while the test suite ran beside it): before, mid 28/30 failed (#345, and
// the page never hydrated); after, login 0/30, language 0/30, mid 0/30.
// Usage (after npx remix vite:build): npx tsx tests/bench/hydration-click.ts [rounds] [cpu slowdown]
// BENCH_PORT: the server's port (default 4310); BENCH_DIR: the checkout whose build to serve (default ".").
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { launchBrowser } from "../support/chromium";
import { startPortal } from "../support/portal-server";

const rounds = Number(process.argv[2] ?? 200);
const slowdown = Number(process.argv[3] ?? 1);

const dir = mkdtempSync(join(tmpdir(), "sp-hydration-"));
const portal = await startPortal({
  port: Number(process.env.BENCH_PORT ?? 4310),
  env: { PGLITE_DIR: join(dir, "pglite"), SESSION_SECRET: "bench-session-secret", DATABASE_URL: "" },
  cwd: process.env.BENCH_DIR ?? ".",
});
const base = portal.baseUrl;

const browser = await launchBrowser();
let errors: string[] = [];

/** A fresh browser profile, as each e2e test and each first visit has: nothing cached, so the language chunk loads after the page. */
async function freshPage() {
  const context = await browser.newContext({ baseURL: base, locale: "fr-BE" });
  const page = await context.newPage();
  if (slowdown > 1) await (await context.newCDPSession(page)).send("Emulation.setCPUThrottlingRate", { rate: slowdown });
  page.on("pageerror", (error) => errors.push(`page error: ${error.message.slice(0, 100)}`));
  page.on("console", (message) => {
    if (message.type() === "error" && !message.text().startsWith("Failed to load resource:"))
      errors.push(`console.error: ${message.text().slice(0, 100)}`);
  });
  return page;
}

const LANGUAGES = ["Nederlands", "Deutsch", "English", "Français"];
const failed = { login: 0, language: 0, mid: 0 };
let midClicks = 0;
// A string, not a function: tsx would add helpers the page does not have.
const CLICK_MID_HYDRATION = `
  const has = (node, prefix) => node && Object.keys(node).some((key) => key.startsWith(prefix));
  const poll = () => {
    const h1 = document.querySelector("main h1");
    if (has(document, "__reactContainer") && h1 && !has(h1, "__reactFiber")) { window.__clickedMid = true; h1.click(); return; }
    if (!has(h1, "__reactProps")) setTimeout(poll, 1);
  };
  poll();`;
const seen = new Map<string, number>();
const started = Date.now();
for (let round = 0; round < rounds; round++) {
  for (const kind of ["login", "language", "mid"] as const) {
    errors = [];
    const page = await freshPage();
    if (kind === "mid") await page.addInitScript(CLICK_MID_HYDRATION);
    await page.goto("/login");
    if (round % 2 === 1 && kind !== "mid") await page.waitForTimeout(Math.random() * 400);
    if (kind === "mid") {
      await page
        .waitForFunction(
          () => Object.keys(document.querySelector("main form button")!).some((key) => key.startsWith("__reactProps")),
          undefined,
          { timeout: 5000 }
        )
        .catch(() => errors.push("the page did not hydrate within 5 s"));
      await page.waitForTimeout(100);
      if (await page.evaluate(() => (window as { __clickedMid?: boolean }).__clickedMid === true)) midClicks++;
    } else if (kind === "login") {
      await Promise.all([page.waitForURL(/\/idp\/interaction\//), page.locator("main form[action='/login'] button[type=submit]").click()]);
    } else {
      const name = LANGUAGES[round % LANGUAGES.length]!;
      await Promise.all([page.waitForNavigation(), page.getByRole("button", { name, exact: true }).click()]);
    }
    await page.context().close();
    if (errors.length > 0) failed[kind]++;
    for (const error of errors) seen.set(error, (seen.get(error) ?? 0) + 1);
  }
}
console.log(
  `${rounds} rounds, CPU slowdown ${slowdown}×: login click failed ${failed.login}/${rounds}, language click failed ${
    failed.language
  }/${rounds}, click from the page mid-hydration failed ${failed.mid}/${midClicks} (${Math.round((Date.now() - started) / 1000)} s)`
);
for (const [error, count] of seen) console.log(`  ${count}× ${error}`);

await browser.close();
await portal.stop();
rmSync(dir, { recursive: true, force: true });
