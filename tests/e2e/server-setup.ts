import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { TestProject } from "vitest/node";
import { freePort, startPortal } from "../support/portal-server";

declare module "vitest" {
  export interface ProvidedContext {
    baseUrl: string;
  }
}

/** Starts the built portal on a fresh embedded database with demo data, as `npm start` does. */
export default async function setup(project: TestProject) {
  if (!existsSync("build/server/index.js")) {
    throw new Error("No production build: run `npm run build` before the e2e tests (npm test does).");
  }
  const dir = mkdtempSync(join(tmpdir(), "sp-e2e-"));
  // E2E_PORT: a port of one's own when several checkouts share a machine; else any free one.
  const port = process.env.E2E_PORT ? Number(process.env.E2E_PORT) : await freePort();
  const portal = await startPortal({
    port,
    env: { PGLITE_DIR: join(dir, "pglite"), SESSION_SECRET: "e2e-session-secret", DATABASE_URL: "" },
    startTimeoutMs: 90_000,
  }).catch((error: unknown) => {
    rmSync(dir, { recursive: true, force: true });
    throw error;
  });
  project.provide("baseUrl", portal.baseUrl);
  return async () => {
    await portal.stop();
    rmSync(dir, { recursive: true, force: true });
    if (/Error|error:/.test(portal.output())) console.log(`server output:\n${portal.output()}`);
  };
}
