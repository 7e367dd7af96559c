// @ts-check
// The first half of `npm run test:mutation` (scripts/mutation.js): plants one bug at a time
// in the domain rules and checks that a test fails for each. Not part of `npm test` (it
// takes minutes); see docs/testing.md.
/** @type {import('@stryker-mutator/api/core').PartialStrykerOptions} */
const config = {
  testRunner: "vitest",
  vitest: { configFile: "vitest.mutation.config.ts", related: false },
  mutate: ["forms/**/*.ts", "workflows/**/*.ts"],
  coverageAnalysis: "perTest",
  // Module-level constants (tables, term lengths) would need the whole suite per mutant; their
  // values are pinned by boundary tests where they are used instead (docs/testing.md).
  ignoreStatic: true,
  concurrency: Number(process.env.STRYKER_CONCURRENCY ?? 2),
  reporters: ["clear-text", "progress", "html", "json"],
  htmlReporter: { fileName: "reports/mutation/core/index.html" },
  jsonReporter: { fileName: "reports/mutation/core/mutation.json" },
  thresholds: { high: 90, low: 85, break: 85 },
  // Not copied into the sandbox: what test runs and servers leave behind while Stryker starts.
  ignorePatterns: ["tests/.tmp", "reports", "bench-results", "test-results", "uploads", "data", "build"],
  tempDirName: ".stryker-tmp",
  cleanTempDir: "always",
};
export default config;
