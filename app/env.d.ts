import "@remix-run/node";

declare module "@remix-run/node" {
  interface AppLoadContext {
    /** The client's network address as server.js saw it (used by the login rate limit). */
    clientAddress: string;
  }
  // Types loader and action data as Single Fetch delivers them (remix.config.js sets the flag).
  interface Future {
    v3_singleFetch: true;
  }
}
