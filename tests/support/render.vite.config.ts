import { vitePlugin as remix } from "@remix-run/dev";
import { fileURLToPath } from "node:url";
import { defineConfig } from "vite";
import remixConfig from "../../remix.config.js";

/**
 * The app as the development server builds it (vite.config.ts leaves the Remix plugin out
 * under Vitest): tests that need whole rendered pages load `virtual:remix/server-build`
 * through this config (tests/support/render.ts).
 */
const root = fileURLToPath(new URL("../..", import.meta.url));
export default defineConfig({
  root,
  plugins: [remix({ ...remixConfig, appDirectory: `${root}app` })],
  resolve: { alias: { "~": `${root}app` } },
  logLevel: "warn",
});
