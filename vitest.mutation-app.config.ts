// The tests StrykerJS runs against each mutant of the app modules it checks (stryker.app.config.mjs):
// the unit tests, and the integration files that drive case access, the outbox and delivery
// through the services over a real database (PGlite, built once per run by the global setup).
// Few files on purpose: each mutant reruns the files of the tests that reach it.
import { defineConfig } from "vitest/config";

// Only the files written to observe these modules: every other integration file also passes
// through them (access-table.test.ts's 1,500 cells all ask requireCase; decisions and delivery
// file, decide and render PDFs for each test), so each mutant would rerun them all: hours,
// not minutes, on two cores. They still run in `npm test`.
export const MUTATION_INTEGRATION_FILES = [
  "tests/integration/case-access.test.ts",
  "tests/integration/outbox.test.ts",
  "tests/integration/decision-delivery.test.ts",
  // The seasonal end-of-stay notices: on by default, off once chosen, by the season's end,
  // an early end, permit by permit when one fails, once however often the sweep runs.
  "tests/integration/end-of-stay.test.ts",
];

export default defineConfig({
  resolve: { alias: { "~": new URL("./app", import.meta.url).pathname } },
  test: {
    projects: [
      {
        extends: true,
        test: { name: "unit", include: ["tests/unit/**/*.test.ts", "tests/unit/**/*.test.tsx"], environment: "node" },
      },
      {
        extends: true,
        test: {
          name: "integration",
          include: MUTATION_INTEGRATION_FILES,
          environment: "node",
          globalSetup: ["tests/support/global-setup.ts"],
          testTimeout: 30_000,
          hookTimeout: 60_000,
        },
      },
    ],
  },
});
