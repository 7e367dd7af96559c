// @ts-check
// The second half of `npm run test:mutation` (scripts/mutation.js): the app modules that
// decide who sees a case, what the outbox sends and what a decision delivers. Their tests
// run over a database, so each mutant costs seconds; see docs/testing.md for the scores and
// the survivors. Not part of `npm test`.
/** @type {import('@stryker-mutator/api/core').PartialStrykerOptions} */
const config = {
  testRunner: "vitest",
  vitest: { configFile: "vitest.mutation-app.config.ts", related: false },
  mutate: [
    "app/cases/access.server.ts",
    "app/outbox/*.ts",
    "app/delivery/delivery.server.ts",
    "app/delivery/decision-effects.server.ts",
    "app/delivery/decision-content.ts",
    "app/delivery/decision-types.ts",
    "app/delivery/notices.server.ts",
    "app/delivery/verification*.ts",
  ],
  coverageAnalysis: "perTest",
  // As for forms/ and workflows/: module-level constants would need every test per mutant.
  ignoreStatic: true,
  concurrency: Number(process.env.STRYKER_CONCURRENCY ?? 2),
  // A mutant that makes a query hang or a loop spin is a kill by timeout, not a wait.
  timeoutMS: 20_000,
  reporters: ["clear-text", "progress", "html", "json"],
  htmlReporter: { fileName: "reports/mutation/app/index.html" },
  jsonReporter: { fileName: "reports/mutation/app/mutation.json" },
  thresholds: { high: 85, low: 70, break: 70 },
  // Not copied into the sandbox: what test runs and servers leave behind while Stryker starts.
  ignorePatterns: ["tests/.tmp", "reports", "bench-results", "test-results", "uploads", "data", "build"],
  tempDirName: ".stryker-tmp",
  cleanTempDir: "always",
};
export default config;
