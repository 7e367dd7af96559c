// Page weight as a browser loads it: the HTML plus every script and stylesheet it links,
// each as served (gzip). Usage: npx tsx tests/bench/page-weight.ts http://localhost:3000/ [/login …]
// Pages behind sign-in: pass the session cookie in BENCH_COOKIE ("__session=…").
import { gzipSync } from "node:zlib";

const [base = "http://localhost:3000/", ...paths] = process.argv.slice(2);
const pages = paths.length > 0 ? paths : ["/"];

const signedIn: Record<string, string> = process.env.BENCH_COOKIE ? { Cookie: process.env.BENCH_COOKIE } : {};

async function servedSize(url: string): Promise<{ raw: number; gzip: number }> {
  const response = await fetch(url, { headers: { "Accept-Encoding": "gzip", ...signedIn } });
  const body = Buffer.from(await response.arrayBuffer()); // fetch decodes; re-gzip to measure the wire size
  if (!response.ok) throw new Error(`${url}: ${response.status}`);
  return { raw: body.length, gzip: gzipSync(body, { level: 6 }).length };
}

for (const path of pages) {
  const url = new URL(path, base).toString();
  const html = await (await fetch(url, { headers: signedIn })).text();
  const scripts = new Set([...html.matchAll(/<(?:script|link)[^>]+(?:src|href)="([^"]+\.js)"/g)].map((m) => m[1]!));
  for (const m of html.matchAll(/import\("([^"]+\.js)"\)|from "([^"]+\.js)"/g)) scripts.add((m[1] ?? m[2])!);
  const styles = [...html.matchAll(/<link[^>]+rel="stylesheet"[^>]+href="([^"]+)"/g)].map((m) => m[1]!);
  let js = { raw: 0, gzip: 0 };
  for (const script of scripts) {
    const size = await servedSize(new URL(script, base).toString());
    js = { raw: js.raw + size.raw, gzip: js.gzip + size.gzip };
  }
  let css = { raw: 0, gzip: 0 };
  for (const style of styles) {
    const size = await servedSize(new URL(style, base).toString());
    css = { raw: css.raw + size.raw, gzip: css.gzip + size.gzip };
  }
  const page = await servedSize(url);
  const kb = (n: number) => `${(n / 1024).toFixed(1)} KB`;
  console.log(
    `${path}: HTML ${kb(page.gzip)} gzip · JS ${scripts.size} files ${kb(js.gzip)} gzip (${kb(js.raw)} raw) · CSS ${kb(css.gzip)} gzip`,
  );
}
