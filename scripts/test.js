// `npm test`: every test, in the order that fails fastest. Stops at the first failure.
import { spawnSync } from "node:child_process";

const steps = [
  ["type-check", ["tsc"]],
  ["unit tests", ["vitest", "run", "--project", "unit"]],
  ["integration tests", ["vitest", "run", "--project", "integration"]],
  ["production build", ["remix", "vite:build"]],
  ["end-to-end tests (Chromium)", ["vitest", "run", "-c", "vitest.e2e.config.ts"]],
];

for (const [name, command] of steps) {
  console.log(`\n▶ ${name}: npx ${command.join(" ")}`);
  const started = Date.now();
  const result = spawnSync("npx", ["--no-install", ...command], { stdio: "inherit" });
  if (result.status !== 0) {
    console.error(`\n✗ ${name} failed`);
    process.exit(result.status ?? 1);
  }
  console.log(`✓ ${name} (${((Date.now() - started) / 1000).toFixed(1)} s)`);
}
