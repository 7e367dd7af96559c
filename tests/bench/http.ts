// What a page costs the server under load (issue #15): starts the production build on its own
// port and a fresh database, prepares data through the real HTTP flows (sign-in through the
// development identity provider, a draft, filed applications, an officer's queue), then loads
// each page with 50 keep-alive connections and reads the server's own CPU time and memory
// from /proc. Every response is checked; a redirect to sign-in or an error page fails the run.
//
// Usage: npm run bench -- [--engine pglite|postgres] [--profile] [--connections 50]
//          [--warmup 5] [--duration 20] [--cases 55] [--pages get-step,post-step,…] [--port 4400]
// --engine postgres (or DATABASE_URL set) runs on a database it creates on that server and drops.
// --profile runs the server under `node --cpu-prof` and prints the packages with the most self time.
// Needs `npm run build` first; writes bench-results/http.json (git-ignored).
import { randomBytes } from "node:crypto";
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import http from "node:http";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { gunzipSync } from "node:zlib";
import { sql } from "kysely";
import { databaseUrl, serverAdmin } from "../support/global-setup";
import { distinctPdf } from "../support/files";
import { formAction, HttpClient, inputValue } from "../support/http-client";
import { ANSWERS } from "../support/form-answers";
import { startPortal, type PortalServer } from "../support/portal-server";

// ---------------------------------------------------------------------------------------
// Options
const args = process.argv.slice(2);
function option(name: string, fallback: string): string {
  const index = args.indexOf(`--${name}`);
  return index >= 0 && args[index + 1] !== undefined ? args[index + 1]! : fallback;
}
const flag = (name: string) => args.includes(`--${name}`);
const engine: "pglite" | "postgres" = option("engine", process.env.DATABASE_URL ? "postgres" : "pglite") === "postgres" ? "postgres" : "pglite";
const profile = flag("profile");
const connections = Number(option("connections", "50"));
const warmupSeconds = Number(option("warmup", "5"));
const durationSeconds = Number(option("duration", "20"));
const caseCount = Number(option("cases", "55"));
const port = Number(option("port", "4400"));
const PAGES = ["get-step", "post-step", "status", "queue", "ebox"] as const;
type PageName = (typeof PAGES)[number];
const pages = option("pages", PAGES.join(",")).split(",").filter((p): p is PageName => (PAGES as readonly string[]).includes(p));
const PASSWORD = "demo-2026";
const TICKS_PER_SECOND = 100; // USER_HZ on Linux (getconf CLK_TCK)

if (!existsSync("build/server/index.js")) {
  console.error("No production build: run `npm run build` first (the benchmark measures the build, it does not make one).");
  process.exit(1);
}

// ---------------------------------------------------------------------------------------
// The server under test
const workDir = mkdtempSync(join(tmpdir(), "speed-bench-"));
const profileDir = join(workDir, "profile");
let dropDatabase: (() => Promise<void>) | undefined;
let databaseEnv: Record<string, string> = { DATABASE_URL: "", PGLITE_DIR: join(workDir, "pglite") };
if (engine === "postgres") {
  const serverUrl = process.env.DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/postgres";
  const name = `sp_bench_${randomBytes(4).toString("hex")}`;
  const admin = serverAdmin(serverUrl);
  await sql`create database ${sql.id(name)}`.execute(admin);
  databaseEnv = { DATABASE_URL: databaseUrl(serverUrl, name) };
  dropDatabase = async () => {
    await sql`drop database if exists ${sql.id(name)} with (force)`.execute(admin);
    await admin.destroy();
  };
}

let portal: PortalServer | undefined;
async function cleanUp(): Promise<void> {
  await portal?.stop();
  // The profile is written when the server exits, into the directory about to go.
  if (profile && portal) printProfile();
  await dropDatabase?.();
  rmSync(workDir, { recursive: true, force: true });
}
process.once("SIGINT", () => void cleanUp().then(() => process.exit(130)));
// Anything thrown from here on stops the server and drops its database first.
process.on("uncaughtException", (error) => {
  console.error(error);
  void cleanUp().finally(() => process.exit(1));
});
process.on("unhandledRejection", (error) => {
  console.error(error);
  void cleanUp().finally(() => process.exit(1));
});

// A start that fails has stopped its server; the database and the directory still go.
portal = await startPortal({
  port,
  nodeArgs: profile ? ["--cpu-prof", "--cpu-prof-dir", profileDir] : [],
  env: {
    ...databaseEnv,
    SESSION_SECRET: "bench-session-secret",
    // The demo identity provider also on PostgreSQL: sign-in goes through it as in the tests.
    DEV_IDENTITY_PROVIDER: "on",
    OIDC_ISSUER: "",
  },
}).catch(async (error: unknown) => {
  console.error(error);
  await cleanUp();
  process.exit(1);
});
const base = portal.baseUrl;
const pid = portal.pid;

// ---------------------------------------------------------------------------------------
// Preparing data as people do: through the pages, over HTTP.
async function signIn(login: string): Promise<HttpClient> {
  const client = new HttpClient({ "Accept-Language": "en", "User-Agent": "speed-bench" });
  const start = await client.go(`${base}/login`, { form: {} });
  const page = await start.response.text();
  const action = formAction(page, start.url, /\/login$/);
  if (!action) throw new Error(`no sign-in form at ${start.url} (${start.response.status})`);
  await client.go(action, { form: { login, password: PASSWORD, csrf: inputValue(page, "csrf") ?? "" } });
  if (!client.cookie("__session", base)) throw new Error(`sign-in as ${login} failed: ${JSON.stringify(client.hops)}`);
  return client;
}


const attribute = (tag: string, name: string) => new RegExp(`\\s${name}="([^"]*)"`).exec(tag)?.[1]?.replace(/&amp;/g, "&");

/** The fields a form step posts: hidden values as they are, the questions answered from `answers`. */
function fillForm(html: string, answers: Record<string, string>): { action: string | undefined; fields: Record<string, string>; files: string[] } {
  const main = /<main[\s\S]*<\/main>/.exec(html)?.[0] ?? html;
  const form = [...main.matchAll(/<form[^>]*method="post"[^>]*>[\s\S]*?<\/form>/g)].map((m) => m[0]).find((f) => /value="continue"/.test(f));
  if (!form) return { action: undefined, fields: {}, files: [] };
  const fields: Record<string, string> = {};
  const files: string[] = [];
  for (const [tag] of form.matchAll(/<input[^>]*>/g)) {
    const name = attribute(tag, "name");
    if (!name) continue;
    const type = attribute(tag, "type") ?? "text";
    const value = attribute(tag, "value") ?? "";
    if (type === "hidden") fields[name] = value;
    else if (type === "file") files.push(name);
    else if (type === "radio") {
      if (answers[name] === value) fields[name] = value;
    } else if (type === "checkbox") {
      if (answers[name] === "yes") fields[name] = value || "on";
    } else if (name in answers) fields[name] = answers[name]!;
  }
  for (const [, tag] of form.matchAll(/(<(?:select|textarea)[^>]*>)/g)) {
    const name = attribute(tag!, "name");
    if (name && name in answers) fields[name] = answers[name]!;
  }
  return { action: attribute(/<form[^>]*>/.exec(form)![0], "action"), fields, files };
}

/** Starts a draft and answers every step up to `until` (or files it); returns the draft's and, filed, the application's URL. */
async function walkDraft(client: HttpClient, until: string | null): Promise<{ draft: string; stepUrl?: string; stepForm?: Record<string, string>; filed?: string }> {
  const start = await client.go(`${base}/applications/new`);
  const csrf = inputValue(await start.response.text(), "csrf") ?? "";
  let { response, url } = await client.go(`${base}/applications/new`, { form: { csrf } });
  const draft = url;
  if (!/\/applications\/drafts\/[0-9a-f-]{36}$/.test(draft)) throw new Error(`no draft started: ${JSON.stringify(client.hops)}`);
  // The task list's first link, then step after step until check answers.
  ({ response, url } = await client.go(`${draft}/employer`));
  for (let guard = 0; guard < 20; guard++) {
    const html = await response.text();
    if (response.status !== 200) throw new Error(`${url}: ${response.status}`);
    const step = /\/applications\/drafts\/[0-9a-f-]{36}\/([a-z-]+)/.exec(url)?.[1];
    if (step === until) return { draft, stepUrl: url, stepForm: { ...fillForm(html, ANSWERS).fields, intent: "continue" } };
    if (step === "check") {
      const submit = /<form[^>]*method="post"[^>]*>[\s\S]*?<\/form>/.exec(/<main[\s\S]*<\/main>/.exec(html)![0])![0];
      ({ response, url } = await client.go(new URL(attribute(submit, "action") ?? url, url).toString(), { form: { csrf: inputValue(submit, "csrf") ?? "" } }));
      await response.arrayBuffer();
      if (!/\/applications\/[0-9a-f-]{36}/.test(url)) throw new Error(`not filed: ${JSON.stringify(client.hops)}`);
      return { draft, filed: url.replace(/\?.*$/, "") };
    }
    const form = fillForm(html, ANSWERS);
    if (!form.action && !form.fields.csrf) throw new Error(`no form on ${url}`);
    const target = new URL(form.action ?? url, url).toString();
    if (form.files.length > 0) {
      // The documents step: a PDF for every item, then "continue", as a browser without JavaScript sends it.
      const body = new FormData();
      for (const [name, value] of Object.entries(form.fields)) body.append(name, value);
      for (const name of form.files) body.append(name, new Blob([Buffer.from(distinctPdf())], { type: "application/pdf" }), "scan.pdf");
      body.append("intent", "continue");
      const posted = await fetch(target, {
        method: "POST",
        body,
        redirect: "manual",
        headers: { Cookie: `__session=${client.cookie("__session", base)}`, Origin: base, "Accept-Language": "en" },
      });
      await posted.arrayBuffer();
      const location = posted.headers.get("Location");
      if (posted.status !== 302 && posted.status !== 303) throw new Error(`documents refused: ${posted.status}`);
      ({ response, url } = await client.go(new URL(location!, target).toString()));
    } else {
      ({ response, url } = await client.go(target, { form: { ...form.fields, intent: "continue" } }));
    }
    if (url === target && response.status >= 400) throw new Error(`step ${step} refused (${response.status}): ${(await response.text()).match(/error-summary[\s\S]{0,400}/)?.[0]}`);
  }
  throw new Error("the form went round in circles");
}

const preparing = performance.now();
const employer = await signIn("employer");
const filed: string[] = [];
for (let i = 0; i < caseCount; i++) {
  const result = await walkDraft(employer, null);
  filed.push(result.filed!);
}
const atWorker = await walkDraft(employer, "worker");
const officer = await signIn("officer.flanders");
// The officer decides a few of them (complete, then work authorised): each decision reaches
// the employer's e-Box through the outbox, with its PDF, as it does for real.
async function postIntent(client: HttpClient, pageUrl: string, intent: string, answers: Record<string, string>): Promise<{ status: number; url: string }> {
  const html = await (await client.request(pageUrl)).text();
  const form = [...html.matchAll(/<form[^>]*method="post"[^>]*>[\s\S]*?<\/form>/g)].map((m) => m[0]).find((f) => f.includes(`value="${intent}"`));
  if (!form) throw new Error(`no ${intent} form on ${pageUrl}`);
  const fields: Record<string, string> = { intent };
  for (const [tag] of form.matchAll(/<input[^>]*>/g)) {
    const name = attribute(tag, "name");
    if (name && attribute(tag, "type") === "hidden") fields[name] = attribute(tag, "value") ?? "";
  }
  for (const [, tag] of form.matchAll(/(<(?:input|select|textarea)[^>]*>)/g)) {
    const name = attribute(tag!, "name");
    if (!name) continue;
    const key = Object.keys(answers).find((k) => name === k || name.endsWith(`-${k}`) || name.endsWith(`.${k}`));
    if (key) fields[name] = answers[key]!;
  }
  const target = new URL(attribute(/<form[^>]*>/.exec(form)![0], "action") ?? pageUrl, pageUrl).toString();
  const { response, url } = await client.go(target, { form: fields });
  await response.arrayBuffer();
  return { status: response.status, url };
}
const decided = Math.min(5, filed.length);
for (const url of filed.slice(0, decided)) {
  const casePage = url.replace("/applications/", "/officer/cases/");
  const claimed = await postIntent(officer, casePage, "claim", {});
  if (claimed.status !== 200) throw new Error(`the officer could not claim ${casePage}: ${claimed.status}`);
  // A decision is chosen on the case page and applied on its confirmation page (ADR 020).
  for (const outcome of ["DECLARE_COMPLETE", "AUTHORISE_WORK"]) {
    const chosen = await postIntent(officer, casePage, "decide", { outcome });
    if (chosen.status !== 200 || !chosen.url.includes("/confirm")) throw new Error(`the officer could not choose ${outcome} on ${casePage}: ${chosen.status}`);
    const confirmed = await postIntent(officer, chosen.url, "confirm", {});
    if (confirmed.status !== 200) throw new Error(`the officer could not confirm ${outcome} on ${casePage}: ${confirmed.status}`);
  }
}
const messageCount = decided;
// The outbox delivers in the background: wait until the e-Box holds them.
let eboxHtml = "";
for (let wait = 0; wait < 120; wait++) {
  eboxHtml = await (await employer.request(`${base}/ebox`)).text();
  if ((eboxHtml.match(/href="\/ebox\/[^"]+"/g) ?? []).length >= messageCount) break;
  await new Promise((resolve) => setTimeout(resolve, 500));
}
const queueHtml = await (await officer.request(`${base}/officer`)).text();
const queueRows = (queueHtml.match(/<tr/g)?.length ?? 1) - 1;
const eboxMessages = (eboxHtml.match(/href="\/ebox\/[^"]+"/g) ?? []).length;
console.log(
  `prepared in ${((performance.now() - preparing) / 1000).toFixed(1)} s: ${filed.length} applications filed over HTTP, ` +
    `a draft at the worker step, the officer's queue shows ${queueRows} rows, the e-Box ${eboxMessages} messages (${engine})`,
);
if (eboxMessages < messageCount) throw new Error(`the e-Box shows ${eboxMessages} messages, not ${messageCount}`);
if (queueRows < Math.min(50, caseCount)) throw new Error(`the officer's queue has ${queueRows} rows, fewer than ${Math.min(50, caseCount)}`);

// ---------------------------------------------------------------------------------------
// The load generator: N keep-alive connections, each sending its next request when the last
// answer is in (as autocannon does), every answer checked.
interface Target {
  method: "GET" | "POST";
  path: string;
  cookie: string;
  body?: string;
  /** What a right answer looks like; anything else is an error. */
  expect: (status: number, location: string | undefined) => boolean;
  /** Text the page must contain (checked on the first answer, decompressed); null for a redirect. */
  marker: RegExp | null;
}

const cookieOf = (client: HttpClient) => `__session=${client.cookie("__session", base)}`;
const stepPath = new URL(atWorker.stepUrl!).pathname;
const targets: Record<PageName, Target> = {
  "get-step": { method: "GET", path: stepPath, cookie: cookieOf(employer), expect: (s) => s === 200, marker: /name="givenNames"/ },
  "post-step": {
    method: "POST",
    path: stepPath,
    cookie: cookieOf(employer),
    body: new URLSearchParams(atWorker.stepForm!).toString(),
    expect: (s, location) => (s === 302 || s === 303) && !!location && /\/applications\/drafts\/[0-9a-f-]{36}\/(?!worker)[a-z-]+/.test(location) && !/login/.test(location),
    marker: null,
  },
  status: { method: "GET", path: new URL(filed[0]!).pathname, cookie: cookieOf(employer), expect: (s) => s === 200, marker: /SP-\d{4}-\d{6}/ },
  queue: { method: "GET", path: "/officer", cookie: cookieOf(officer), expect: (s) => s === 200, marker: /SP-\d{4}-\d{6}/ },
  ebox: { method: "GET", path: "/ebox", cookie: cookieOf(employer), expect: (s) => s === 200, marker: /href="\/ebox\/[^"]+"/ },
};

function cpuTicks(): number {
  const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
  const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
  return Number(fields[11]) + Number(fields[12]); // utime + stime (fields 14 and 15)
}
function rssMb(): number {
  const status = readFileSync(`/proc/${pid}/status`, "utf8");
  return Number(/VmRSS:\s+(\d+)/.exec(status)![1]) / 1024;
}

async function load(target: Target, seconds: number, record: boolean) {
  const agent = new http.Agent({ keepAlive: true, maxSockets: connections });
  const latencies: number[] = [];
  const failures = new Map<string, number>();
  let errors = 0;
  let done = 0;
  let firstBody: Buffer | null = null;
  let wireBytes = 0;
  const stopAt = performance.now() + seconds * 1000;
  const headers: Record<string, string> = {
    Cookie: target.cookie,
    "Accept-Encoding": "gzip",
    "Accept-Language": "en",
    "User-Agent": "Mozilla/5.0 (speed-bench)",
    Accept: "text/html",
  };
  if (target.body !== undefined) {
    headers["Content-Type"] = "application/x-www-form-urlencoded";
    headers["Content-Length"] = String(Buffer.byteLength(target.body));
    headers.Origin = base;
  }
  const once = () =>
    new Promise<void>((resolve) => {
      const started = performance.now();
      const request = http.request({ agent, host: "127.0.0.1", port, method: target.method, path: target.path, headers }, (response) => {
        const chunks: Buffer[] | null = firstBody === null ? [] : null;
        response.on("data", (chunk: Buffer) => chunks?.push(chunk));
        response.on("end", () => {
          const status = response.statusCode ?? 0;
          const location = response.headers.location;
          if (!target.expect(status, location)) {
            errors++;
            const key = `${status}${location ? ` → ${location}` : ""}`;
            failures.set(key, (failures.get(key) ?? 0) + 1);
          } else if (chunks && firstBody === null) {
            const raw = Buffer.concat(chunks);
            firstBody = response.headers["content-encoding"] === "gzip" ? gunzipSync(raw) : raw;
            wireBytes = raw.length;
          }
          if (record) latencies.push(performance.now() - started);
          done++;
          resolve();
        });
      });
      request.on("error", (error) => {
        errors++;
        failures.set(error.message, (failures.get(error.message) ?? 0) + 1);
        resolve();
      });
      request.end(target.body);
    });
  let peakRss = rssMb();
  const sampler = setInterval(() => (peakRss = Math.max(peakRss, rssMb())), 100);
  const ticksBefore = cpuTicks();
  const started = performance.now();
  await Promise.all(
    Array.from({ length: connections }, async () => {
      while (performance.now() < stopAt) await once();
    }),
  );
  const elapsed = (performance.now() - started) / 1000;
  const ticks = cpuTicks() - ticksBefore;
  clearInterval(sampler);
  peakRss = Math.max(peakRss, rssMb());
  agent.destroy();
  if (target.marker && firstBody !== null && !target.marker.test((firstBody as Buffer).toString("utf8"))) {
    errors++;
    failures.set(`page without ${target.marker}`, 1);
  }
  return { done, elapsed, ticks, latencies, errors, failures, peakRss, body: firstBody as Buffer | null, wireBytes };
}

/** A page's size decompressed, and of it the loader data Remix streams into the page (turbo-stream scripts). */
function pageSizes(body: Buffer | null, wireBytes: number): { html_kb: number; data_kb: number; gzip_kb: number } {
  if (!body) return { html_kb: 0, data_kb: 0, gzip_kb: 0 };
  const html = body.toString("utf8");
  const data = [...html.matchAll(/<script[^>]*>([\s\S]*?)<\/script>/g)]
    .map((m) => m[1]!)
    .filter((script) => script.includes("streamController.enqueue"))
    .reduce((sum, script) => sum + Buffer.byteLength(script), 0);
  return { html_kb: round(body.length / 1024), data_kb: round(data / 1024), gzip_kb: round(wireBytes / 1024) };
}

const results: Record<
  string,
  { rps: number; p50_ms: number; p95_ms: number; p99_ms: number; cpu_ms_per_req: number; rss_peak_mb: number; errors: number; requests: number; html_kb: number; data_kb: number; gzip_kb: number }
> = {};
const percentile = (sorted: number[], q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? NaN;
const round = (value: number, digits = 1) => Math.round(value * 10 ** digits) / 10 ** digits;
let failed = false;
try {
  for (const name of pages) {
    const target = targets[name];
    await load(target, warmupSeconds, false);
    const run = await load(target, durationSeconds, true);
    const sorted = run.latencies.sort((a, b) => a - b);
    results[name] = {
      rps: round(run.done / run.elapsed, 0),
      p50_ms: round(percentile(sorted, 0.5)),
      p95_ms: round(percentile(sorted, 0.95)),
      p99_ms: round(percentile(sorted, 0.99)),
      cpu_ms_per_req: round(((run.ticks / TICKS_PER_SECOND) * 1000) / Math.max(1, run.done), 2),
      rss_peak_mb: round(run.peakRss, 0),
      errors: run.errors,
      requests: run.done,
      ...pageSizes(run.body, run.wireBytes),
    };
    if (run.errors > 0) {
      failed = true;
      console.error(`${name}: ${run.errors} wrong answers: ${JSON.stringify(Object.fromEntries(run.failures))}`);
    }
  }
} finally {
  await cleanUp().catch((error) => console.error(error));
}

// ---------------------------------------------------------------------------------------
// Report
const loadavg = readFileSync("/proc/loadavg", "utf8").split(" ").slice(0, 3).join(" ");
console.log(`\nengine ${engine} · ${connections} connections · ${warmupSeconds} s warm-up · ${durationSeconds} s measured · gzip · load average after ${loadavg}`);
console.log("| page | rps | p50 ms | p95 ms | p99 ms | CPU ms/req | RSS peak MB | errors | HTML KB (loader data) / on the wire |");
console.log("|---|---|---|---|---|---|---|---|---|");
for (const [name, r] of Object.entries(results)) {
  const size = r.html_kb ? `${r.html_kb} (${r.data_kb}) / ${r.gzip_kb}` : "";
  console.log(`| ${name} | ${r.rps} | ${r.p50_ms} | ${r.p95_ms} | ${r.p99_ms} | ${r.cpu_ms_per_req} | ${r.rss_peak_mb} | ${r.errors} | ${size} |`);
}
mkdirSync("bench-results", { recursive: true });
const output = { engine, pages: results, settings: { connections, warmupSeconds, durationSeconds, cases: caseCount }, loadavg, node: process.version, at: new Date().toISOString() };
writeFileSync("bench-results/http.json", `${JSON.stringify(output, null, 2)}\n`);
console.log("written to bench-results/http.json");

if (failed) {
  console.error("FAILED: some answers were not the page (see above)");
  process.exit(1);
}

/** Self time per package in the server's CPU profile (the busy part: idle left out). */
function printProfile(): void {
  const file = existsSync(profileDir) ? readdirSync(profileDir).find((f) => f.endsWith(".cpuprofile")) : undefined;
  if (!file) return console.error("no CPU profile written");
  mkdirSync("bench-results", { recursive: true });
  const text = readFileSync(join(profileDir, file), "utf8");
  writeFileSync("bench-results/server.cpuprofile", text);
  const { nodes, samples, timeDeltas } = JSON.parse(text) as {
    nodes: { id: number; callFrame: { url: string; functionName: string } }[];
    samples: number[];
    timeDeltas: number[];
  };
  const byId = new Map(nodes.map((n) => [n.id, n]));
  const perPackage = new Map<string, number>();
  const perFunction = new Map<string, number>();
  let busy = 0;
  samples.forEach((id, i) => {
    const node = byId.get(id)!;
    const { url, functionName } = node.callFrame;
    if (functionName === "(idle)") return;
    const micros = timeDeltas[i] ?? 0;
    busy += micros;
    const pkg =
      /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url)?.[1] ??
      (url.includes("/build/server/") ? "app (build/server)"
        : url.startsWith("node:") ? "node (internal)"
        : url.startsWith("wasm://") ? "wasm (the embedded database)"
        : url ? url.replace(/^.*\//, "")
        : /^\(/.test(functionName) ? functionName
        : `native ${functionName}`);
    perPackage.set(pkg, (perPackage.get(pkg) ?? 0) + micros);
    const fn = `${functionName || "(anonymous)"} ${pkg}`;
    perFunction.set(fn, (perFunction.get(fn) ?? 0) + micros);
  });
  const top = (map: Map<string, number>, n: number) => [...map].sort((a, b) => b[1] - a[1]).slice(0, n);
  console.log(`\nCPU profile (bench-results/server.cpuprofile): busy ${round(busy / 1e6)} s, self time by package`);
  for (const [name, micros] of top(perPackage, 15)) console.log(`${round((100 * micros) / busy).toFixed(1).padStart(6)} %  ${name}`);
  console.log("top functions by self time");
  for (const [name, micros] of top(perFunction, 15)) console.log(`${round((100 * micros) / busy).toFixed(1).padStart(6)} %  ${name}`);
}
