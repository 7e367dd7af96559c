import "@remix-run/node";
import type { DB } from "./db/db.server";
import type { RequestMemo } from "./http/request-memo.server";

declare module "@remix-run/node" {
  interface AppLoadContext {
    /** The database, opened once by the server (server.js → entry.server.tsx#startup). */
    db: DB;
    /** The client's network address as server.js saw it (used by the login rate limit). */
    clientAddress: string;
    /** This request's Content-Security-Policy nonce (server.js; app/http/security-headers.server.ts). */
    cspNonce?: string;
    /** What the loaders of this HTTP request look up once (server.js; app/http/request-memo.server.ts). */
    memo?: RequestMemo;
  }
  // Types loader and action data as Single Fetch delivers them (remix.config.js sets the flag).
  interface Future {
    v3_singleFetch: true;
  }
}
