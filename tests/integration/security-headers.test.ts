import express from "express";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { describe, expect, it } from "vitest";
import { handleDataRequest } from "../../app/entry.server";
import { publicUrl } from "../../app/delivery/delivery.server";
import {
  contentSecurityPolicy,
  pageHeaders,
  PROVIDER_PAGE_POLICY,
  publicAddress,
  requestNonce,
  securityMiddleware,
  securitySettings,
  startupWarnings,
} from "../../app/http/security-headers.server";

/** server.js's order: the middleware, the identity provider at /idp, then what Remix answers (here: the nonce it got). */
const env = (values: Record<string, string>) => values as NodeJS.ProcessEnv;

async function serve(settings: NodeJS.ProcessEnv) {
  const app = express();
  app.use(securityMiddleware(securitySettings(settings), "/idp"));
  app.use("/idp", (_req, res) => void res.type("html").send("<form method=post></form>"));
  app.all("*", (_req, res) => void res.send(requestNonce(res)));
  const server = createServer(app);
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return { origin, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}

describe("security headers", () => {
  it("a page's policy: scripts only from us or with this request's nonce, nothing inline otherwise, no framing", () => {
    const production = contentSecurityPolicy("abc123==", { https: true, development: false });
    expect(production).toContain("script-src 'self' 'nonce-abc123=='");
    expect(production).not.toMatch(/unsafe-inline|unsafe-eval/);
    expect(production).toContain("frame-ancestors 'none'");
    expect(production).toContain("object-src 'none'");
    expect(production).toContain("connect-src 'self';");
    expect(production).toContain("upgrade-insecure-requests");
    // Development: Vite's HMR WebSocket, nothing looser for scripts.
    const development = contentSecurityPolicy("n", { https: false, development: true });
    expect(development).toContain("connect-src 'self' ws: wss:");
    expect(development).not.toMatch(/unsafe-inline|unsafe-eval|upgrade-insecure-requests/);

    const headers = new Headers();
    pageHeaders(headers, "n0nce", { https: false, development: false });
    expect(Object.fromEntries(headers)).toMatchObject({
      "cache-control": "no-store",
      "x-content-type-options": "nosniff",
      "referrer-policy": "same-origin",
      "x-frame-options": "DENY",
    });
    expect(headers.get("Content-Security-Policy")).toContain("'nonce-n0nce'");
  });

  it("data the client fetches for a page is never cached; a download keeps its own Cache-Control", async () => {
    const args = { request: new Request("http://localhost/applications.data"), params: {}, context: {} as never };
    const data = await handleDataRequest(new Response("{}"), args);
    expect(data.headers.get("Cache-Control")).toBe("no-store");
    expect(data.headers.get("X-Content-Type-Options")).toBe("nosniff");
    const own = await handleDataRequest(new Response("{}", { headers: { "Cache-Control": "private, no-store" } }), args);
    expect(own.headers.get("Cache-Control")).toBe("private, no-store");
  });

  it("over HTTP: a new nonce per request, HSTS only under an https PUBLIC_URL, the identity provider's pages script-free", async () => {
    const plain = await serve(env({ PUBLIC_URL: "" }));
    try {
      const first = await fetch(`${plain.origin}/applications`);
      const second = await fetch(`${plain.origin}/applications`);
      expect(first.headers.get("Strict-Transport-Security")).toBeNull();
      const [a, b] = [await first.text(), await second.text()];
      expect(a).toMatch(/^[A-Za-z0-9+/]{22}==$/);
      expect(a).not.toBe(b);
      const idp = await fetch(`${plain.origin}/idp/interaction/x`);
      expect(idp.headers.get("Content-Security-Policy")).toBe(PROVIDER_PAGE_POLICY);
      expect(idp.headers.get("Cache-Control")).toBe("no-store");
      expect(idp.headers.get("X-Frame-Options")).toBe("DENY");
    } finally {
      await plain.close();
    }
    const tls = await serve(env({ PUBLIC_URL: "https://permit.example.be", TRUST_PROXY: "loopback" }));
    try {
      const page = await fetch(`${tls.origin}/`);
      expect(page.headers.get("Strict-Transport-Security")).toBe("max-age=31536000");
      // Remix's pages are not given a second policy by the middleware (two policies would both apply).
      expect(page.headers.get("Content-Security-Policy")).toBeNull();
    } finally {
      await tls.close();
    }
  });

  it("warns at start when PUBLIC_URL is https and TRUST_PROXY is unset, and links use PUBLIC_URL", () => {
    expect(startupWarnings(env({ PUBLIC_URL: "https://permit.example.be" }))).toEqual([expect.stringContaining("TRUST_PROXY is not set")]);
    expect(startupWarnings(env({ PUBLIC_URL: "https://permit.example.be", TRUST_PROXY: "1" }))).toEqual([]);
    expect(startupWarnings(env({ PUBLIC_URL: "http://localhost:3000" }))).toEqual([]);
    expect(publicAddress(env({ PUBLIC_URL: "https://permit.example.be/" }))).toBe("https://permit.example.be/");
    const saved = process.env.PUBLIC_URL;
    process.env.PUBLIC_URL = "https://permit.example.be";
    try {
      expect(publicUrl()).toBe("https://permit.example.be");
    } finally {
      if (saved === undefined) delete process.env.PUBLIC_URL;
      else process.env.PUBLIC_URL = saved;
    }
  });
});
