import { randomBytes } from "node:crypto";
import type { IncomingMessage, ServerResponse } from "node:http";
import { portalOrigin } from "../identity/sign-in-settings.server";

/**
 * The headers every answer of the portal carries, in one place (docs/decisions/016-security-headers.md).
 * server.js applies `securityMiddleware` to everything it serves and hands the request's
 * nonce to Remix in the load context; entry.server.tsx adds the page policy with that nonce
 * (`pageHeaders`) to every page and `no-store` to every page and data answer.
 */

export interface SecuritySettings {
  /** PUBLIC_URL is https: HSTS, and insecure requests upgraded. */
  https: boolean;
  /** `npm run dev`: Vite's HMR client connects back over a WebSocket. */
  development: boolean;
}

export function securitySettings(env: NodeJS.ProcessEnv = process.env): SecuritySettings {
  return { https: (env.PUBLIC_URL ?? "").startsWith("https://"), development: env.NODE_ENV === "development" };
}

/** 128 random bits, new for every request: what the page's own inline scripts carry. */
export function newNonce(): string {
  return randomBytes(16).toString("base64");
}

/**
 * The Content-Security-Policy of a page. Scripts: our own files and the few inline scripts
 * Remix writes (hydration data, route modules, scroll restoration), each with this request's
 * nonce; never 'unsafe-inline' or 'unsafe-eval'. Styles: our stylesheet only (no page sets a
 * style attribute). Nothing may frame a page, no plugin runs, <base> cannot move our links.
 * In development, Vite's HMR client also opens a WebSocket (its own port in middleware mode).
 */
export function contentSecurityPolicy(nonce: string, settings: SecuritySettings): string {
  const directives = [
    "default-src 'self'",
    `script-src 'self' 'nonce-${nonce}'`,
    "style-src 'self'",
    "img-src 'self' data:",
    "font-src 'self'",
    settings.development ? "connect-src 'self' ws: wss:" : "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'none'",
    "frame-ancestors 'none'",
  ];
  if (settings.https) directives.push("upgrade-insecure-requests");
  return directives.join("; ");
}

/**
 * The development identity provider's pages (/idp): plain forms with our stylesheet and no
 * script at all (app/dev-identity-provider/pages.server.tsx), so scripts are refused outright.
 */
export const PROVIDER_PAGE_POLICY = "default-src 'self'; script-src 'none'; style-src 'self'; img-src 'self' data:; object-src 'none'; base-uri 'none'; frame-ancestors 'none'";

/** One year, this host only: a subdomain of the portal's domain may be another service. */
const HSTS = "max-age=31536000";

/** What every answer carries, whoever made it (Remix, the static files, the identity provider). */
export function commonHeaders(settings: SecuritySettings): Record<string, string> {
  return settings.https ? { "Strict-Transport-Security": HSTS } : {};
}

/**
 * The headers of a page rendered by Remix. `no-store`: a signed-in page is full of personal
 * data, and a shared or back-buttoned browser cache must not keep it (the signed-out pages
 * are cheap to render again).
 */
export function pageHeaders(headers: Headers, nonce: string, settings: SecuritySettings): void {
  headers.set("Content-Security-Policy", contentSecurityPolicy(nonce, settings));
  headers.set("X-Content-Type-Options", "nosniff");
  headers.set("Referrer-Policy", "same-origin");
  headers.set("X-Frame-Options", "DENY");
  headers.set("Cache-Control", "no-store");
}

/** A loader's or action's data fetched by the client (`.data`): personal data too, never cached. */
export function dataHeaders(headers: Headers): void {
  headers.set("X-Content-Type-Options", "nosniff");
  if (!headers.has("Cache-Control")) headers.set("Cache-Control", "no-store");
}

type Locals = { locals: Record<string, unknown> };

/**
 * Express middleware for everything server.js serves: a fresh nonce for the request (read
 * by `requestNonce` in the load context) and the common headers. The identity provider's
 * pages also get their policy and `no-store` here, as Remix never sees them.
 */
export function securityMiddleware(settings: SecuritySettings = securitySettings(), providerPath?: string) {
  const common = Object.entries(commonHeaders(settings));
  return (req: IncomingMessage & { path?: string }, res: ServerResponse & Locals, next: () => void) => {
    res.locals.cspNonce = newNonce();
    for (const [name, value] of common) res.setHeader(name, value);
    const path = req.path ?? req.url ?? "";
    if (providerPath && (path === providerPath || path.startsWith(`${providerPath}/`))) {
      res.setHeader("Content-Security-Policy", PROVIDER_PAGE_POLICY);
      res.setHeader("X-Content-Type-Options", "nosniff");
      res.setHeader("Referrer-Policy", "same-origin");
      res.setHeader("X-Frame-Options", "DENY");
      res.setHeader("Cache-Control", "no-store");
    }
    next();
  };
}

/** The nonce securityMiddleware drew for this response. */
export function requestNonce(res: Locals): string {
  const nonce = res.locals.cspNonce;
  return typeof nonce === "string" ? nonce : newNonce();
}

/**
 * What the operator should know at start. Behind a TLS proxy the portal sees http://, so
 * without TRUST_PROXY the Origin of every form (https://…) differs from the address the
 * portal thinks it has, and every POST is refused with 403 (app/http/form.server.ts).
 */
export function startupWarnings(env: NodeJS.ProcessEnv = process.env): string[] {
  const warnings: string[] = [];
  if ((env.PUBLIC_URL ?? "").startsWith("https://") && !env.TRUST_PROXY) {
    warnings.push(
      `PUBLIC_URL is ${env.PUBLIC_URL} but TRUST_PROXY is not set: behind a TLS-terminating proxy every form post will be refused (403, ` +
        "its https:// origin differs from the http:// address the portal sees). Set TRUST_PROXY to the proxy's address " +
        "(for example TRUST_PROXY=loopback, or 1 for one proxy in front).",
    );
  }
  return warnings;
}

/** Where people reach the portal, for messages and links that leave it: PUBLIC_URL, else this machine. */
export function publicAddress(env: NodeJS.ProcessEnv = process.env): string {
  return `${portalOrigin(env)}/`;
}
