import { defineConfig } from "vitest/config";

// End-to-end tests drive the production build (npm run build first) in Chromium.
export default defineConfig({
  test: {
    include: ["tests/e2e/**/*.e2e.test.ts"],
    globalSetup: ["tests/e2e/server-setup.ts"],
    testTimeout: 120_000,
    hookTimeout: 120_000,
    // One browser and one server: files run one after another, not fighting for 2 cores.
    fileParallelism: false,
  },
});
