// `npm run test:mutation`: StrykerJS twice, one config after the other (docs/testing.md).
// 1. stryker.config.mjs: forms/ and workflows/ against the unit tests (fails under 85 %);
// 2. stryker.app.config.mjs: case access, the outbox and delivery against the unit tests
//    and a few integration files over PGlite (fails under 70 %).
// Reports: reports/mutation/core/ and reports/mutation/app/ (git-ignored). Both run even
// if the first fails, so that one run gives both scores; the exit code is the worse one.
// Extra arguments go to both runs (e.g. --concurrency 1).
import { spawnSync } from "node:child_process";

const runs = [
  ["forms/ and workflows/", "stryker.config.mjs"],
  ["case access, outbox, delivery", "stryker.app.config.mjs"],
];

let status = 0;
for (const [name, config] of runs) {
  console.log(`\n▶ mutation testing of ${name}: npx stryker run ${config}`);
  const started = Date.now();
  const result = spawnSync("npx", ["--no-install", "stryker", "run", config, ...process.argv.slice(2)], { stdio: "inherit" });
  const minutes = ((Date.now() - started) / 60_000).toFixed(1);
  if (result.status === 0) console.log(`✓ ${name} (${minutes} min)`);
  else console.error(`✗ ${name}: below its threshold or failed (${minutes} min)`);
  status = Math.max(status, result.status ?? 1);
}
process.exit(status);
