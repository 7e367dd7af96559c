// The one place for Remix options. vite.config.ts reads this file, so the
// Vite plugin and anything else that asks for the Remix config agree.
/** @type {import('@remix-run/dev').VitePluginConfig} */
export default {
  appDirectory: "app",
  serverModuleFormat: "esm",
  // Helpers and tests may sit beside routes without becoming routes.
  ignoredRouteFiles: ["**/*.server.*", "**/*.client.*", "**/__*.*", "**/*.test.*", "**/.*"],
  future: {
    v3_fetcherPersist: true,
    v3_relativeSplatPath: true,
    v3_throwAbortReason: true,
    v3_singleFetch: true,
    v3_lazyRouteDiscovery: true,
  },
};
