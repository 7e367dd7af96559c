import express from "express";
import { randomBytes } from "node:crypto";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import type { DB } from "../../app/db/db.server";
import { DEMO_PASSWORD } from "../../app/demo/demo-identities.server";
import type { AccountStore } from "../../app/dev-identity-provider/accounts.server";
import { createDevIdentityProvider, type NodeHandler } from "../../app/dev-identity-provider/provider.server";
import type { ThrottlePolicy } from "../../app/identity/throttle.server";
import { signInSettings } from "../../app/identity/sign-in-settings.server";
import { loader as callbackLoader } from "../../app/routes/auth.callback";
import { action as loginAction } from "../../app/routes/login";
import { action as logoutAction } from "../../app/routes/logout";
import { formAction, HttpClient } from "./http-client";

/**
 * Signing in as a browser would, without a browser: the portal's routes are called as
 * Remix calls them (at PORTAL, an address nothing listens on), the development identity
 * provider runs for real on a free port, mounted the way server.js mounts it, and the
 * portal is configured for it as for any provider (OIDC_ISSUER …).
 */
export const PORTAL = "http://portal.test";

export interface TestProvider {
  origin: string;
  close(): Promise<void>;
}

export async function startTestProvider(
  db: DB,
  options: { trustProxy?: boolean; accounts?: AccountStore; policies?: { account: ThrottlePolicy; address: ThrottlePolicy; knownDevice: ThrottlePolicy } } = {},
): Promise<TestProvider> {
  let handler: NodeHandler = (_req, res) => res.writeHead(503).end();
  const app = express();
  if (options.trustProxy) app.set("trust proxy", true);
  app.use("/idp", (req, res) => handler(req, res));
  const server = createServer(app);
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  Object.assign(process.env, {
    OIDC_ISSUER: `${origin}/idp`,
    OIDC_CLIENT_ID: "portal-under-test",
    OIDC_CLIENT_SECRET: randomBytes(16).toString("hex"),
    OIDC_REDIRECT_URI: `${PORTAL}/auth/callback`,
    OIDC_POST_LOGOUT_REDIRECT_URI: `${PORTAL}/signed-out`,
    SESSION_SECRET: "integration-test-secret",
  });
  handler = await createDevIdentityProvider({
    db,
    settings: signInSettings(),
    redirectUris: [`${PORTAL}/auth/callback`],
    postLogoutRedirectUris: [`${PORTAL}/signed-out`],
    trustProxy: options.trustProxy,
    accounts: options.accounts,
    policies: options.policies,
  });
  return {
    origin,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

type Handler = (args: { request: Request; params: Record<string, string>; context: { db: DB; clientAddress: string } }) => Promise<unknown>;

/** A browser: the portal's cookies, and an HTTP client for the identity provider. */
export class TestBrowser {
  readonly portalCookies = new Map<string, string>();
  readonly provider: HttpClient;

  constructor(
    private readonly db: DB,
    readonly clientAddress = "127.0.0.1",
    headers: Record<string, string> = {},
  ) {
    this.provider = new HttpClient({ "Accept-Language": "en", ...headers });
  }

  get sessionId(): string | undefined {
    return this.portalCookies.get("__session");
  }

  cookieHeader(): string {
    return [...this.portalCookies].map(([name, value]) => `${name}=${value}`).join("; ");
  }

  request(path: string, form?: Record<string, string>): Request {
    const headers: Record<string, string> = { Cookie: this.cookieHeader(), "Accept-Language": "en", "User-Agent": "TestBrowser/1.0" };
    if (!form) return new Request(new URL(path, PORTAL), { headers });
    return new Request(new URL(path, PORTAL), {
      method: "POST",
      headers: { ...headers, Origin: PORTAL, "Content-Type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams(form).toString(),
    });
  }

  /** Calls a route's loader or action as Remix would; a thrown Response (a guard's redirect) is the answer too. */
  async call(handler: Handler, request: Request, params: Record<string, string> = {}): Promise<Response | unknown> {
    let result: unknown;
    try {
      result = await handler({ request, params, context: { db: this.db, clientAddress: this.clientAddress } });
    } catch (error) {
      if (!(error instanceof Response)) throw error;
      result = error;
    }
    if (result instanceof Response) {
      for (const header of result.headers.getSetCookie()) {
        const [pair = ""] = header.split(";");
        const index = pair.indexOf("=");
        const name = pair.slice(0, index);
        const value = pair.slice(index + 1);
        if (!value || /max-age=0/i.test(header)) this.portalCookies.delete(name);
        else this.portalCookies.set(name, value);
      }
    }
    return result;
  }

  /**
   * Clicks "sign in" on the portal, answers the provider's page (if it asks: it does not when
   * its own session is still alive) and comes back. Returns the portal's last answer
   * (the callback's redirect), or the provider's page when it refused.
   */
  async signIn(login: string, options: { password?: string; returnTo?: string } = {}) {
    const start = (await this.call(loginAction as Handler, this.request("/login", options.returnTo !== undefined ? { returnTo: options.returnTo } : {}))) as Response;
    let location = start.headers.get("Location");
    if (!location) throw new Error(`sign-in did not start: ${start.status}`);
    let url = location;
    let response = await this.provider.request(url);
    for (let hop = 0; hop < 10; hop++) {
      if (response.status >= 300 && response.status < 400) {
        location = new URL(response.headers.get("Location")!, url).toString();
        await response.arrayBuffer();
        if (location.startsWith(PORTAL)) {
          const answer = (await this.call(callbackLoader as Handler, this.request(location))) as Response;
          return { refused: null, response: answer, location: answer.headers.get("Location") };
        }
        url = location;
        response = await this.provider.request(url);
        continue;
      }
      const page = await response.text();
      if (response.status !== 200) return { refused: response.status, page, response, location: null };
      const action = formAction(page, url, /\/login$/);
      if (!action) throw new Error(`no sign-in form at ${url}`);
      url = action;
      response = await this.provider.request(action, { form: { login, password: options.password ?? DEMO_PASSWORD } });
    }
    throw new Error("sign-in went round in circles");
  }

  /** The header's "sign out" (or, `everywhere`, "sign out of all devices"); returns the portal's redirect. */
  async signOut(csrf: string, everywhere = false): Promise<Response> {
    return (await this.call(logoutAction as Handler, this.request("/logout", { csrf, ...(everywhere ? { scope: "everywhere" } : {}) }))) as Response;
  }
}
