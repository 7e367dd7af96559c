import * as oidc from "openid-client";
import { parsePersonNumber } from "../../forms/identifiers";
import type { DB } from "../db/db.server";
import { ForbiddenError } from "../errors";
import { mandateService } from "./mandates.server";
import { renewSession, userChanged } from "./sessions.server";
import { CALLBACK_PATH, SIGNED_OUT_PATH, signInSettings, type SignInSettings } from "./sign-in-settings.server";
import { homeFor, type Mandate, type User } from "./user";
import { findUserByPersonNumber, insertPerson, setDisplayName } from "./users.repository";

/**
 * Signing in: the portal is an OpenID Connect relying party (authorisation code with PKCE,
 * openid-client). The provider says who the person is (national number, name); the
 * portal's users table says in which role; the mandate service says for which
 * enterprises he may act. See docs/decisions/012-sign-in.md.
 */

/** What the browser keeps (signed, httpOnly) between leaving for the provider and coming back. */
export interface SignInTransaction {
  state: string;
  nonce: string;
  codeVerifier: string;
  redirectUri: string;
  /** A same-origin path (checked before it got here). */
  returnTo: string;
  startedAt: number;
}

/** How long the person may take at the provider. */
export const SIGN_IN_TIMEOUT_MS = 10 * 60_000;

export type SignInFailure = "cancelled" | "expired" | "no-identity" | "unavailable" | "refused";

export type SignInOutcome =
  | { ok: true; userId: string; mandates: Mandate[]; idToken: string | null; preferredLanguage: string | null; home: string }
  | { ok: false; failure: SignInFailure };

let discovered: { key: string; configuration: Promise<oidc.Configuration> } | undefined;

/** The provider's metadata (discovery), fetched once and kept; a failure is tried again next time. */
function configuration(settings: SignInSettings): Promise<oidc.Configuration> {
  const key = `${settings.issuer.href} ${settings.clientId} ${settings.clientSecret}`;
  if (discovered?.key !== key) {
    // Plain http only for the development provider in this process, or one on this machine.
    const insecure = settings.embedded || settings.issuer.hostname === "localhost" || settings.issuer.hostname === "127.0.0.1";
    const configuration = oidc.discovery(settings.issuer, settings.clientId, undefined, oidc.ClientSecretBasic(settings.clientSecret), {
      execute: insecure ? [oidc.allowInsecureRequests] : [],
      timeout: 10,
    });
    const entry = { key, configuration };
    configuration.catch(() => {
      if (discovered === entry) discovered = undefined;
    });
    discovered = entry;
  }
  return discovered.configuration;
}

/**
 * The provider's address to send the browser to, and what to remember until it comes back.
 * `origin` is this portal's address as the browser used it (the development provider
 * accepts localhost and 127.0.0.1); a configured redirect URI wins.
 */
export async function startSignIn(options: { origin: string; returnTo: string; language: string }, now = Date.now()) {
  const settings = signInSettings();
  let config: oidc.Configuration;
  try {
    config = await configuration(settings);
  } catch (error) {
    console.error("sign-in: the identity provider cannot be reached:", (error as Error).message);
    return { ok: false as const, failure: "unavailable" as const };
  }
  const codeVerifier = oidc.randomPKCECodeVerifier();
  const transaction: SignInTransaction = {
    state: oidc.randomState(),
    nonce: oidc.randomNonce(),
    codeVerifier,
    redirectUri: settings.redirectUri ?? `${options.origin}${CALLBACK_PATH}`,
    returnTo: options.returnTo,
    startedAt: now,
  };
  const url = oidc.buildAuthorizationUrl(config, {
    redirect_uri: transaction.redirectUri,
    scope: settings.scope,
    code_challenge: await oidc.calculatePKCECodeChallenge(codeVerifier),
    code_challenge_method: "S256",
    state: transaction.state,
    nonce: transaction.nonce,
    ui_locales: options.language,
  });
  return { ok: true as const, url: url.href, transaction };
}

function failureOf(error: unknown): SignInFailure {
  if (error instanceof oidc.AuthorizationResponseError) return error.error === "access_denied" ? "cancelled" : "refused";
  // A state that does not match: a callback from another tab's sign-in, or replayed.
  if (error instanceof oidc.ClientError && /state/i.test(error.message)) return "expired";
  return "refused";
}

/**
 * The browser is back from the provider (`callbackUrl`, with its query): checks the answer
 * against the transaction (state, PKCE, nonce, ID token), and finds or creates the person.
 */
export async function completeSignIn(db: DB, callbackUrl: URL, transaction: SignInTransaction | null, now = Date.now()): Promise<SignInOutcome> {
  if (!transaction || now - transaction.startedAt > SIGN_IN_TIMEOUT_MS) {
    return { ok: false, failure: callbackUrl.searchParams.get("error") === "access_denied" ? "cancelled" : "expired" };
  }
  const settings = signInSettings();
  let config: oidc.Configuration;
  try {
    config = await configuration(settings);
  } catch {
    return { ok: false, failure: "unavailable" };
  }
  // Where the provider sent the browser, as registered (a proxy may have rewritten the request's own URL).
  const answer = new URL(transaction.redirectUri);
  answer.search = callbackUrl.search;
  let tokens: Awaited<ReturnType<typeof oidc.authorizationCodeGrant>>;
  try {
    tokens = await oidc.authorizationCodeGrant(config, answer, {
      pkceCodeVerifier: transaction.codeVerifier,
      expectedState: transaction.state,
      expectedNonce: transaction.nonce,
      idTokenExpected: true,
    });
  } catch (error) {
    const failure = failureOf(error);
    if (failure === "refused") console.error("sign-in refused:", (error as Error).message);
    return { ok: false, failure };
  }
  const idClaims = tokens.claims()!;
  let claims: Record<string, unknown> = idClaims;
  // Some providers give the person's attributes only at the userinfo endpoint.
  if (claims[settings.nationalNumberClaim] === undefined && tokens.access_token) {
    try {
      claims = { ...(await oidc.fetchUserInfo(config, tokens.access_token, idClaims.sub)), ...idClaims };
    } catch (error) {
      console.error("sign-in: userinfo failed:", (error as Error).message);
    }
  }
  const nationalNumber = parsePersonNumber(String(claims[settings.nationalNumberClaim] ?? ""));
  const displayName = [claims.given_name, claims.family_name].filter((part) => typeof part === "string" && part).join(" ") || String(claims.name ?? "");
  if (!nationalNumber.ok || !displayName) return { ok: false, failure: "no-identity" };
  const person = await signInPerson(db, { nationalNumber: nationalNumber.value, displayName: displayName.slice(0, 200) });
  return { ok: true, ...person, idToken: tokens.id_token ?? null };
}

/**
 * The portal's user for the person the provider vouched for: found by national number (his
 * name as the provider has it now), or created on his first visit — as a representative
 * when the mandate service lists enterprises for him, else as a person who follows his own
 * files. Roles beyond that (officers, inspectors) are given in the portal, never here.
 */
export async function signInPerson(db: DB, person: { nationalNumber: string; displayName: string }) {
  let user = await findUserByPersonNumber(db, person.nationalNumber);
  const mandates = await mandateService().mandatesOf(db, person.nationalNumber);
  if (!user) {
    user = await insertPerson(db, { personNumber: person.nationalNumber, displayName: person.displayName, role: mandates.length > 0 ? "employer" : "worker" });
  } else if (user.display_name !== person.displayName) {
    await setDisplayName(db, user.id, person.displayName);
    await userChanged(db, user.id);
  }
  return {
    userId: user.id,
    mandates: user.role === "employer" ? mandates : [],
    preferredLanguage: user.preferred_language,
    home: homeFor(user),
  };
}

/**
 * A representative chooses the enterprise he acts for: the mandate service is asked again
 * (a mandate revoked since sign-in ends here), and the session gets a new id. Returns the
 * new session id, or null when the session ended meanwhile.
 */
export async function actFor(db: DB, sessionToken: string, user: User, employerId: string): Promise<string | null> {
  const mandates = user.personNumber ? await mandateService().mandatesOf(db, user.personNumber) : [];
  if (!mandates.some((mandate) => mandate.employerId === employerId)) throw new ForbiddenError("no mandate for this enterprise");
  return renewSession(db, sessionToken, { actingFor: employerId, mandates });
}

/**
 * Where to send the browser to end the provider's session too (RP-initiated logout), or
 * null when the provider has no such endpoint or cannot be reached.
 */
export async function providerSignOutUrl(options: { origin: string; idToken: string | null; language: string }): Promise<string | null> {
  const settings = signInSettings();
  try {
    const config = await configuration(settings);
    if (!config.serverMetadata().end_session_endpoint) return null;
    return oidc.buildEndSessionUrl(config, {
      ...(options.idToken ? { id_token_hint: options.idToken } : {}),
      client_id: settings.clientId,
      post_logout_redirect_uri: settings.postLogoutRedirectUri ?? `${options.origin}${SIGNED_OUT_PATH}`,
      ui_locales: options.language,
    }).href;
  } catch {
    return null;
  }
}
