import { createHash, generateKeyPairSync, randomBytes } from "node:crypto";
import type { IncomingMessage, ServerResponse } from "node:http";
import Provider, { type Configuration, type KoaContextWithOIDC } from "oidc-provider";
import type { FieldErrors } from "../../forms/errors";
import type { DB } from "../db/db.server";
import {
  ACCOUNT_POLICY,
  ADDRESS_POLICY,
  addressKey,
  attempt,
  forgiveAttempt,
  KNOWN_DEVICE_POLICY,
  resetThrottle,
  type ThrottlePolicy,
} from "../identity/throttle.server";
import type { SignInSettings } from "../identity/sign-in-settings.server";
import { claimsOf, demoAccounts, type AccountStore } from "./accounts.server";
import { isKnownDevice, rememberDevice } from "./devices.repository";
import { MemoryAdapter } from "./memory-adapter.server";
import { errorPage, pageLanguage, signedOutPage, signInPage, signOutPage } from "./pages.server";

/**
 * The development identity provider (docs/decisions/012-sign-in.md): an OpenID Connect
 * provider (oidc-provider) that stands in for the federal authentication service on a demo
 * or development installation. It runs in the portal's process, mounted at /idp on the
 * portal's own address (server.js), knows the demo identities, checks the demo password on
 * its own sign-in page, and asserts name and national number. The portal talks to it over
 * HTTP exactly as it would to the real one.
 *
 * Its password check is throttled (app/identity/throttle.server.ts): per client address and
 * per account for browsers the account never signed in from, and per browser for those it
 * did (a cookie that names a known device), so that someone guessing a password slows
 * down his own attempts, never the owner's on his usual computer.
 */
export interface DevProviderOptions {
  db: DB;
  settings: Pick<SignInSettings, "issuer" | "clientId" | "clientSecret" | "scope" | "nationalNumberClaim">;
  /** Where the portal may ask to be sent back to (its callback and signed-out page, per address it is reached at). */
  redirectUris: string[];
  postLogoutRedirectUris: string[];
  /** Behind a reverse proxy (TRUST_PROXY): trust X-Forwarded-* for the address and scheme. */
  trustProxy?: boolean;
  accounts?: AccountStore;
  showDemoIdentities?: boolean;
  /** The throttle's limits (tests use small ones). */
  policies?: { account: ThrottlePolicy; address: ThrottlePolicy; knownDevice: ThrottlePolicy };
}

export type NodeHandler = (req: IncomingMessage, res: ServerResponse) => void;

const DEVICE_COOKIE = "idp_device";
const MAX_FORM_BYTES = 8 * 1024;
const STANDARD_SCOPES = new Set(["openid", "profile", "email", "offline_access"]);

const sha256 = (value: string) => createHash("sha256").update(value).digest("base64url");

function cookieValue(req: IncomingMessage, name: string): string | null {
  for (const part of (req.headers.cookie ?? "").split(";")) {
    const index = part.indexOf("=");
    if (index > 0 && part.slice(0, index).trim() === name) return part.slice(index + 1).trim();
  }
  return null;
}

/** The client's address as the HTTP server saw it: Express's req.ip honours TRUST_PROXY. */
function clientAddress(req: IncomingMessage): string {
  return (req as IncomingMessage & { ip?: string }).ip ?? req.socket.remoteAddress ?? "unknown";
}

function readForm(req: IncomingMessage): Promise<URLSearchParams | null> {
  return new Promise((resolve) => {
    if (!(req.headers["content-type"] ?? "").startsWith("application/x-www-form-urlencoded")) return resolve(null);
    let body = "";
    req.setEncoding("utf8");
    req.on("data", (chunk: string) => {
      body += chunk;
      if (body.length > MAX_FORM_BYTES) {
        resolve(null);
        req.destroy();
      }
    });
    req.on("end", () => resolve(new URLSearchParams(body)));
    req.on("error", () => resolve(null));
  });
}

function send(res: ServerResponse, status: number, html: string, headers: Record<string, string> = {}): void {
  res.writeHead(status, {
    "Content-Type": "text/html; charset=utf-8",
    "Cache-Control": "no-store",
    "X-Frame-Options": "DENY",
    "X-Content-Type-Options": "nosniff",
    ...headers,
  });
  res.end(html);
}

/** The post comes from this provider's own page (Origin / Sec-Fetch-Site). */
function sameOrigin(req: IncomingMessage, issuer: URL): boolean {
  const origin = req.headers.origin;
  if (origin && origin !== "null" && origin !== issuer.origin) return false;
  const site = req.headers["sec-fetch-site"];
  return !site || site === "same-origin" || site === "none";
}

function uiLanguage(ctx: KoaContextWithOIDC) {
  return pageLanguage(ctx.oidc?.params?.ui_locales, ctx.get("accept-language"));
}

/** Builds the provider; returns the handler to mount at the issuer's path (Express strips the prefix). */
export async function createDevIdentityProvider(options: DevProviderOptions): Promise<NodeHandler> {
  const { db, settings } = options;
  const policies = options.policies ?? { account: ACCOUNT_POLICY, address: ADDRESS_POLICY, knownDevice: KNOWN_DEVICE_POLICY };
  const accounts = options.accounts ?? (await demoAccounts());
  const nationalNumberScopes = settings.scope.split(/\s+/).filter((scope) => scope && !STANDARD_SCOPES.has(scope));
  const mountPath = settings.issuer.pathname.replace(/\/$/, "");
  const { privateKey } = generateKeyPairSync("rsa", { modulusLength: 2048 });

  const configuration: Configuration = {
    adapter: MemoryAdapter,
    clients: [
      {
        client_id: settings.clientId,
        client_secret: settings.clientSecret,
        client_name: "Single permit portal",
        redirect_uris: options.redirectUris,
        post_logout_redirect_uris: options.postLogoutRedirectUris,
        grant_types: ["authorization_code"],
        response_types: ["code"],
        token_endpoint_auth_method: "client_secret_basic",
      },
    ],
    responseTypes: ["code"],
    pkce: { required: () => true },
    scopes: ["openid", "profile", ...nationalNumberScopes],
    claims: {
      openid: ["sub"],
      profile: ["given_name", "family_name", "name"],
      ...Object.fromEntries(nationalNumberScopes.map((scope) => [scope, [settings.nationalNumberClaim]])),
    },
    // Name and national number in the ID token itself: one round trip for the portal.
    conformIdTokenClaims: false,
    async findAccount(_ctx, sub) {
      const account = accounts.find(sub);
      return account ? { accountId: sub, claims: () => claimsOf(account, settings.nationalNumberClaim) } : undefined;
    },
    // The portal is this provider's only, first-party client: no consent screen.
    async loadExistingGrant(ctx) {
      const grantId = ctx.oidc.result?.consent?.grantId ?? ctx.oidc.session!.grantIdFor(ctx.oidc.client!.clientId);
      const grant = grantId
        ? await ctx.oidc.provider.Grant.find(grantId)
        : new ctx.oidc.provider.Grant({ clientId: ctx.oidc.client!.clientId, accountId: ctx.oidc.session!.accountId! });
      if (!grant) return undefined;
      grant.addOIDCScope([...ctx.oidc.requestParamScopes].join(" "));
      await grant.save();
      return grant;
    },
    interactions: { url: (_ctx, interaction) => `${mountPath}/interaction/${interaction.uid}` },
    features: {
      devInteractions: { enabled: false },
      rpInitiatedLogout: {
        enabled: true,
        async logoutSource(ctx, form) {
          ctx.type = "html";
          ctx.body = await signOutPage(uiLanguage(ctx), form);
        },
        async postLogoutSuccessSource(ctx) {
          ctx.type = "html";
          ctx.body = await signedOutPage(uiLanguage(ctx));
        },
      },
    },
    async renderError(ctx, _out, error) {
      console.error("development identity provider:", error.message);
      ctx.type = "html";
      ctx.body = await errorPage(uiLanguage(ctx));
    },
    cookies: {
      names: { session: "idp_session", interaction: "idp_interaction", resume: "idp_interaction_resume" },
      keys: [randomBytes(32).toString("base64url")],
      long: { httpOnly: true, sameSite: "lax" },
      short: { httpOnly: true, sameSite: "lax" },
    },
    jwks: { keys: [{ ...privateKey.export({ format: "jwk" }), kid: "dev-idp", use: "sig", alg: "RS256" }] },
    ttl: {
      AccessToken: 10 * 60,
      AuthorizationCode: 60,
      IdToken: 60 * 60,
      Interaction: 10 * 60,
      Session: 8 * 60 * 60,
      Grant: 8 * 60 * 60,
    },
    clientBasedCORS: () => false,
  };
  const provider = new Provider(settings.issuer.href, configuration);
  provider.proxy = options.trustProxy ?? false;
  provider.on("server_error", (_ctx, error) => console.error("development identity provider:", error));
  const callback = provider.callback();

  async function showSignIn(req: IncomingMessage, res: ServerResponse, uid: string, state: { login: string; errors: FieldErrors; status: number }) {
    const details = await provider.interactionDetails(req, res);
    if (details.uid !== uid) throw new Error("interaction does not match");
    const language = pageLanguage(details.params.ui_locales, req.headers["accept-language"]);
    const html = await signInPage(language, {
      action: `${mountPath}/interaction/${uid}/login`,
      abort: `${mountPath}/interaction/${uid}/abort`,
      login: state.login,
      errors: state.errors,
      showDemo: options.showDemoIdentities ?? true,
    });
    send(res, state.status, html);
  }

  async function signIn(req: IncomingMessage, res: ServerResponse, uid: string) {
    const form = await readForm(req);
    if (!form || !sameOrigin(req, settings.issuer)) return send(res, 403, await errorPage(pageLanguage(null, req.headers["accept-language"])));
    const login = (form.get("login") ?? "").trim().toLowerCase().slice(0, 200);
    const password = (form.get("password") ?? "").slice(0, 200);
    const errors: FieldErrors = {};
    if (!login) errors.login = { key: "login.errors.loginRequired" };
    if (!password) errors.password = { key: "login.errors.passwordRequired" };
    if (Object.keys(errors).length > 0) return showSignIn(req, res, uid, { login, errors, status: 400 });

    const device = cookieValue(req, DEVICE_COOKIE);
    const deviceHash = device && /^[A-Za-z0-9_-]{43}$/.test(device) ? sha256(device) : null;
    const known = deviceHash !== null && (await isKnownDevice(db, deviceHash, login));
    // Counted before the password is checked, atomically: parallel guesses wait their turn.
    const keys: [string, ThrottlePolicy][] = known
      ? [[`idp-device:${deviceHash}:${login}`, policies.knownDevice]]
      : [
          [`idp-address:${addressKey(clientAddress(req))}`, policies.address],
          [`idp-account:${login}`, policies.account],
        ];
    const allowed = await attempt(db, keys);
    if (!allowed.allowed) {
      const wait = allowed.retryAfterSeconds;
      const error: FieldErrors[string] =
        wait >= 120 ? { key: "devIdp.errors.waitMinutes", values: { minutes: Math.ceil(wait / 60) } } : { key: "devIdp.errors.waitSeconds", values: { seconds: wait } };
      res.setHeader("Retry-After", String(wait));
      return showSignIn(req, res, uid, { login, errors: { login: error }, status: 429 });
    }
    const account = await accounts.check(login, password);
    if (!account) return showSignIn(req, res, uid, { login, errors: { login: { key: "login.errors.invalid" } }, status: 400 });

    // The account (or device) starts again; the address only forgets this attempt.
    if (known) await resetThrottle(db, keys[0]![0]);
    else {
      await forgiveAttempt(db, keys[0]![0]);
      await resetThrottle(db, keys[1]![0]);
    }
    // This browser is now a known device for this account.
    const token = deviceHash ? device! : randomBytes(32).toString("base64url");
    await rememberDevice(db, sha256(token), account.login);
    res.setHeader(
      "Set-Cookie",
      `${DEVICE_COOKIE}=${token}; Path=${mountPath || "/"}; Max-Age=${365 * 24 * 60 * 60}; HttpOnly; SameSite=Lax${settings.issuer.protocol === "https:" ? "; Secure" : ""}`,
    );
    await provider.interactionFinished(req, res, { login: { accountId: account.login } }, { mergeWithLastSubmission: false });
  }

  async function abort(req: IncomingMessage, res: ServerResponse) {
    if (!sameOrigin(req, settings.issuer)) return send(res, 403, await errorPage(pageLanguage(null, req.headers["accept-language"])));
    await provider.interactionFinished(req, res, { error: "access_denied", error_description: "the person cancelled the sign-in" }, { mergeWithLastSubmission: false });
  }

  return (req, res) => {
    const path = (req.url ?? "/").split("?")[0]!;
    const match = /^\/interaction\/([A-Za-z0-9_-]{1,100})(\/login|\/abort)?$/.exec(path);
    if (!match) return void callback(req, res);
    const [, uid = "", action] = match;
    const handled =
      req.method === "GET" && !action
        ? showSignIn(req, res, uid, { login: "", errors: {}, status: 200 })
        : req.method === "POST" && action === "/login"
          ? signIn(req, res, uid)
          : req.method === "POST" && action === "/abort"
            ? abort(req, res)
            : Promise.resolve(send(res, 405, ""));
    handled.catch(async (error: unknown) => {
      // Mostly an interaction that expired or belongs to another browser: the portal starts again.
      if (!(error instanceof Error && error.name === "SessionNotFound")) console.error("development identity provider:", error);
      if (!res.headersSent) send(res, 400, await errorPage(pageLanguage(null, req.headers["accept-language"])));
    });
  };
}
