// The tests StrykerJS runs against each mutant of the pure domain core (forms/, workflows/):
// the unit project alone, so a mutant costs milliseconds, not a database start.
import { defineConfig } from "vitest/config";

export default defineConfig({
  resolve: { alias: { "~": new URL("./app", import.meta.url).pathname } },
  test: {
    include: ["tests/unit/**/*.test.ts", "tests/unit/**/*.test.tsx"],
    environment: "node",
  },
});
