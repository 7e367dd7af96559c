// `npm run test:mutation`: StrykerJS twice, one config after the other (docs/testing.md).
// 1. stryker.config.mjs: forms/ and workflows/ against the unit tests (fails under 85 %);
// 2. stryker.app.config.mjs: case access, the outbox and delivery against the unit tests
//    and a few integration files over PGlite (fails under 70 %).
// Reports: reports/mutation/core/ and reports/mutation/app/ (git-ignored). Both run even
// if the first fails, so that one run gives both scores; the exit code is the worse one.
// Extra arguments go to both runs (e.g. --concurrency 1).
//
// Stryker's own `break` threshold is over the whole run; the core half must also hold 85 %
// in forms/ and in workflows/ each, so the scores per folder are read from the report and
// printed, and a folder under its floor fails the part. The app half's floor holds for each
// module the issue names: case access, the outbox, delivery.
//
// After each run, every test file its vitest config selects must be in the report: a file
// that fails to load under Stryker (its instrumented source does not parse, an import
// breaks) runs no test, and Stryker counts that as nothing more than mutants without
// coverage — forms/documents.ts once lost all its 205 mutants that way (docs/testing.md).
import { spawnSync } from "node:child_process";
import { readFileSync, statSync } from "node:fs";
import { relative } from "node:path";

const runs = [
  ["forms/ and workflows/", "stryker.config.mjs", "vitest.mutation.config.ts", "reports/mutation/core/mutation.json", { "forms/": 85, "workflows/": 85 }],
  ["case access, outbox, delivery", "stryker.app.config.mjs", "vitest.mutation-app.config.ts", "reports/mutation/app/mutation.json", { "app/cases/": 70, "app/outbox/": 70, "app/delivery/": 70 }],
];

/**
 * Mutation score per folder, as Stryker counts it: detected (killed, timed out) over valid
 * (detected, survived, no coverage); compile and runtime errors and ignored mutants are left out.
 */
function scoresByFolder(report, folders) {
  const counts = Object.fromEntries(Object.keys(folders).map((folder) => [folder, { detected: 0, valid: 0 }]));
  for (const [file, { mutants }] of Object.entries(report.files ?? {})) {
    const folder = Object.keys(folders).find((prefix) => relative(process.cwd(), file).startsWith(prefix));
    if (!folder) continue;
    for (const { status } of mutants) {
      if (status === "Killed" || status === "Timeout") counts[folder].detected += 1;
      if (["Killed", "Timeout", "Survived", "NoCoverage"].includes(status)) counts[folder].valid += 1;
    }
  }
  return Object.entries(counts).map(([folder, { detected, valid }]) => ({
    folder,
    detected,
    valid,
    score: valid === 0 ? null : (100 * detected) / valid,
    floor: folders[folder],
  }));
}

/** The test files a vitest config selects, relative to the project (as Stryker's report names them). */
function selectedTestFiles(vitestConfig) {
  const listed = spawnSync("npx", ["--no-install", "vitest", "list", "--filesOnly", "--json", "-c", vitestConfig], { encoding: "utf8", maxBuffer: 16 * 1024 * 1024 });
  if (listed.status !== 0) throw new Error(`vitest list -c ${vitestConfig} failed: ${listed.stderr}`);
  return JSON.parse(listed.stdout).map((entry) => relative(process.cwd(), entry.file));
}

/** The selected test files that ran no test under Stryker (missing from its report). */
function filesThatDidNotRun(vitestConfig, report, started) {
  if (statSync(report, { throwIfNoEntry: false })?.mtimeMs < started) return null; // no report of this run
  const ran = new Set(Object.keys(JSON.parse(readFileSync(report, "utf8")).testFiles ?? {}));
  return selectedTestFiles(vitestConfig).filter((file) => !ran.has(file));
}

let status = 0;
for (const [name, config, vitestConfig, report, folders] of runs) {
  console.log(`\n▶ mutation testing of ${name}: npx stryker run ${config}`);
  const started = Date.now();
  const result = spawnSync("npx", ["--no-install", "stryker", "run", config, ...process.argv.slice(2)], { stdio: "inherit" });
  const minutes = ((Date.now() - started) / 60_000).toFixed(1);
  let runStatus = result.status ?? 1;
  const missing = filesThatDidNotRun(vitestConfig, report, started);
  if (missing?.length) {
    console.error(`✗ ${name}: these test files ran no test under Stryker (they fail to load there; run vitest in .stryker-tmp with --cleanTempDir false to see why):\n  ${missing.join("\n  ")}`);
    runStatus = Math.max(runStatus, 1);
  }
  if (statSync(report, { throwIfNoEntry: false })?.mtimeMs >= started) {
    for (const { folder, detected, valid, score, floor } of scoresByFolder(JSON.parse(readFileSync(report, "utf8")), folders)) {
      const shown = score === null ? "no mutants" : `${score.toFixed(2)} % (${detected}/${valid})`;
      const below = score === null || score < floor;
      (below ? console.error : console.log)(`${below ? "✗" : "✓"} ${folder} ${shown}, floor ${floor} %`);
      if (below) runStatus = Math.max(runStatus, 1);
    }
  }
  if (runStatus === 0) console.log(`✓ ${name} (${minutes} min)`);
  else console.error(`✗ ${name}: below its threshold or failed (${minutes} min)`);
  status = Math.max(status, runStatus);
}
process.exit(status);
