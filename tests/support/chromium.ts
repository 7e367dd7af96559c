// Debian's Chromium with the flags this machine kind needs (headless, no sandbox, nothing
// fetched in the background), for the e2e tests and the browser benches alike.
import { existsSync } from "node:fs";
import { chromium, type Browser } from "playwright-core";

const FLAGS = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
];

/** Debian's Chromium if present, else a Playwright-managed one; never skips. */
function chromiumPath(): string {
  if (existsSync("/usr/bin/chromium")) return "/usr/bin/chromium";
  const managed = chromium.executablePath();
  if (managed && existsSync(managed)) return managed;
  throw new Error(
    "No Chromium found for the end-to-end tests. Install Debian's: `sudo apt-get install -y chromium` " +
      "(or a Playwright-managed browser with `npx playwright install chromium` where downloads are allowed).",
  );
}

export function launchBrowser(): Promise<Browser> {
  return chromium.launch({ executablePath: chromiumPath(), args: FLAGS });
}
