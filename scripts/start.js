// `npm start`: the portal on the embedded database with demo data, on a fresh machine.
// Builds when the build is missing or older than the sources, then runs server.js.
import { spawn, spawnSync } from "node:child_process";
import { existsSync, readdirSync, statSync } from "node:fs";
import { join } from "node:path";

const SOURCES = ["app", "forms", "workflows", "locales", "migrations", "public", "remix.config.js", "vite.config.ts"];

function newest(path) {
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  return readdirSync(path).reduce((max, name) => Math.max(max, newest(join(path, name))), stat.mtimeMs);
}

const builtAt = existsSync("build/server/index.js") ? statSync("build/server/index.js").mtimeMs : 0;
if (SOURCES.some((path) => existsSync(path) && newest(path) > builtAt)) {
  console.log("Building the portal…");
  const result = spawnSync("npx", ["remix", "vite:build"], { stdio: "inherit" });
  if (result.status !== 0) process.exit(result.status ?? 1);
}

const child = spawn(process.execPath, ["server.js"], {
  stdio: "inherit",
  env: { NODE_ENV: "production", SEED_DEMO: "1", ...process.env },
});
for (const signal of ["SIGINT", "SIGTERM"]) process.on(signal, () => child.kill(signal));
child.on("exit", (code) => process.exit(code ?? 0));
