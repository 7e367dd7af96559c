// What the session lookup costs a page: signs in as a demo identity against a running
// portal (production build), then times N loads of each page one after another and
// writes the figures to bench-results/ (git-ignored).
//
// Usage: npx tsx tests/bench/session-lookup.ts <base-url> [--login employer] [--count 300]
//          [--label after] [--password-form] [path …]
// --password-form signs in with the portal's own password form (the portal before OIDC,
// for the "before" figure); otherwise the sign-in goes through the identity provider.
import { mkdirSync, writeFileSync } from "node:fs";
import { formAction, HttpClient, inputValue } from "../support/http-client";

const args = process.argv.slice(2);
function option(name: string, fallback: string): string {
  const index = args.indexOf(`--${name}`);
  if (index < 0) return fallback;
  const [value] = args.splice(index, 2).slice(1);
  return value ?? fallback;
}
const passwordForm = args.includes("--password-form");
if (passwordForm) args.splice(args.indexOf("--password-form"), 1);
const login = option("login", "employer");
const count = Number(option("count", "300"));
const label = option("label", passwordForm ? "before" : "after");
const [base = "http://localhost:3000/", ...rest] = args;
const paths = rest.length > 0 ? rest : ["/applications", "/verify"];
const PASSWORD = "demo-2026";

const client = new HttpClient({ "Accept-Language": "en" });

async function signIn(): Promise<void> {
  if (passwordForm) {
    await client.go(new URL("/login", base).toString(), { form: { login, password: PASSWORD } });
  } else {
    // The portal's sign-in page → the identity provider's page → its form → back to the portal.
    const start = await client.go(new URL("/login", base).toString(), { form: {} });
    const page = await start.response.text();
    const action = formAction(page, start.url, /\/login$/);
    if (!action) throw new Error(`no sign-in form at ${start.url} (${start.response.status})`);
    await client.go(action, { form: { login, password: PASSWORD, csrf: inputValue(page, "csrf") ?? "" } });
  }
  if (!client.cookie("__session", base)) throw new Error(`sign-in as ${login} failed: ${JSON.stringify(client.hops)}`);
}

function stats(samples: number[]) {
  const sorted = [...samples].sort((a, b) => a - b);
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!;
  const mean = sorted.reduce((sum, value) => sum + value, 0) / sorted.length;
  const round = (value: number) => Math.round(value * 1000) / 1000;
  return { count: sorted.length, meanMs: round(mean), medianMs: round(at(0.5)), p95Ms: round(at(0.95)), minMs: round(sorted[0]!) };
}

/** N loads of a page, one after another, after a warm-up; null when it does not answer 200. */
async function time(browser: HttpClient, url: string): Promise<number[] | null> {
  for (let i = 0; i < 20; i++) {
    const response = await browser.request(url);
    await response.arrayBuffer();
    if (response.status !== 200) return null;
  }
  const samples: number[] = [];
  for (let i = 0; i < count; i++) {
    const started = performance.now();
    const response = await browser.request(url);
    await response.arrayBuffer();
    samples.push(performance.now() - started);
    if (response.status !== 200) throw new Error(`${url}: ${response.status} (signed out?)`);
  }
  return samples;
}

await signIn();
const results: Record<string, ReturnType<typeof stats>> = {};
// The same pages signed in and, where they are public, signed out: the difference is what
// being signed in costs (the session lookup, plus the signed-in header).
for (const path of paths) {
  const url = new URL(path, base).toString();
  for (const [who, browser] of [["signed in", client], ["anonymous", new HttpClient({ "Accept-Language": "en" })]] as const) {
    const samples = await time(browser, url);
    if (!samples) continue;
    const key = `${path} (${who})`;
    results[key] = stats(samples);
    console.log(`${label} ${key}: mean ${results[key].meanMs} ms · median ${results[key].medianMs} ms · p95 ${results[key].p95Ms} ms (${count} loads, ${login})`);
  }
}

mkdirSync("bench-results", { recursive: true });
const file = `bench-results/session-lookup-${label}-${new Date().toISOString().replace(/[:.]/g, "-")}.json`;
writeFileSync(file, `${JSON.stringify({ label, base, login, count, node: process.version, results }, null, 2)}\n`);
console.log(`written to ${file}`);
