import { randomBytes } from "node:crypto";

/**
 * Where people sign in: an OpenID Connect provider, from the environment
 * (docs/decisions/012-sign-in.md). With OIDC_ISSUER set, the portal is a client of that
 * provider (the federal authentication service in production). Without it, the portal
 * runs the development identity provider itself, at /idp on its own address, and is its
 * only client; a production server on PostgreSQL refuses to start that way unless
 * DEV_IDENTITY_PROVIDER=on says a demo is meant.
 */
export interface SignInSettings {
  issuer: URL;
  clientId: string;
  clientSecret: string;
  /** Where the provider sends the browser back; null: this portal's address + CALLBACK_PATH. */
  redirectUri: string | null;
  /** Where the provider's sign-out sends the browser back; null: this portal's address + SIGNED_OUT_PATH. */
  postLogoutRedirectUri: string | null;
  scope: string;
  /** The claim that carries the national (NISS/BIS) number. */
  nationalNumberClaim: string;
  /** The development identity provider in this process (plain http allowed on it). */
  embedded: boolean;
}

export const CALLBACK_PATH = "/auth/callback";
export const SIGNED_OUT_PATH = "/signed-out";
export const DEV_PROVIDER_PATH = "/idp";
export const DEV_CLIENT_ID = "single-permit-portal";

// The Flemish government's provider (ACM/IDM) names the national number `rrn`, asked for
// with the scope `rrn` (authenticatie.vlaanderen.be, "Scopes & claims"). What the federal
// authentication service calls it is UNCONFIRMED: set OIDC_SCOPE and
// OIDC_NATIONAL_NUMBER_CLAIM from its integration file.
const DEFAULT_SCOPE = "openid profile rrn";
const DEFAULT_NATIONAL_NUMBER_CLAIM = "rrn";

// The development provider's client secret: new at every start, shared in this process only.
const shared = globalThis as typeof globalThis & { __devClientSecret?: string };

/** This portal's own address, as the browser reaches it (PUBLIC_URL, else localhost and PORT). */
export function portalOrigin(env: NodeJS.ProcessEnv = process.env): string {
  return env.PUBLIC_URL ? new URL(env.PUBLIC_URL).origin : `http://localhost:${env.PORT ?? 3000}`;
}

export function signInSettings(env: NodeJS.ProcessEnv = process.env): SignInSettings {
  const scope = env.OIDC_SCOPE || DEFAULT_SCOPE;
  const nationalNumberClaim = env.OIDC_NATIONAL_NUMBER_CLAIM || DEFAULT_NATIONAL_NUMBER_CLAIM;
  if (env.OIDC_ISSUER) {
    const missing = ["OIDC_CLIENT_ID", "OIDC_CLIENT_SECRET", "OIDC_REDIRECT_URI"].filter((name) => !env[name]);
    if (missing.length > 0) throw new Error(`OIDC_ISSUER is set: also set ${missing.join(", ")}`);
    return {
      issuer: new URL(env.OIDC_ISSUER),
      clientId: env.OIDC_CLIENT_ID!,
      clientSecret: env.OIDC_CLIENT_SECRET!,
      redirectUri: env.OIDC_REDIRECT_URI!,
      postLogoutRedirectUri: env.OIDC_POST_LOGOUT_REDIRECT_URI || null,
      scope,
      nationalNumberClaim,
      embedded: false,
    };
  }
  shared.__devClientSecret ??= randomBytes(32).toString("base64url");
  return {
    issuer: new URL(`${portalOrigin(env)}${DEV_PROVIDER_PATH}`),
    clientId: DEV_CLIENT_ID,
    clientSecret: shared.__devClientSecret,
    redirectUri: null,
    postLogoutRedirectUri: null,
    scope,
    nationalNumberClaim,
    embedded: true,
  };
}

/**
 * Whether this process runs the development identity provider: only when no issuer is
 * configured, and never by accident in production on a PostgreSQL server.
 */
export function runsDevelopmentProvider(env: NodeJS.ProcessEnv = process.env): boolean {
  if (env.OIDC_ISSUER) return false;
  if (env.NODE_ENV === "production" && env.DATABASE_URL && env.DEV_IDENTITY_PROVIDER !== "on") {
    throw new Error("OIDC_ISSUER must be set when running against a PostgreSQL server (or DEV_IDENTITY_PROVIDER=on for a demo)");
  }
  return true;
}
