import type { DB } from "../db/db.server";
import { demoIdentityProvider, type IdentityProvider } from "./identity-provider.server";
import { homeFor } from "./user";
import { countRecentFailures, findUserById, recordLoginAttempt } from "./users.repository";

// Rate limit: per login and per client address over a sliding window. A shared office
// address may hit the address limit; it is set well above one person's mistakes.
const WINDOW_MINUTES = 15;
const MAX_FAILURES_PER_LOGIN = 5;
const MAX_FAILURES_PER_ADDRESS = 30;

export type SignInResult =
  | { ok: true; userId: string; preferredLanguage: string | null; home: string }
  | { ok: false; error: "invalid" | "rate-limited"; retryAfterMinutes?: number };

/** Checks the credentials with the identity provider, within the rate limit; the caller opens the session. */
export async function signIn(
  db: DB,
  credentials: { login: string; password: string; clientAddress: string },
  provider: IdentityProvider = demoIdentityProvider,
): Promise<SignInResult> {
  const login = credentials.login.trim().toLowerCase().slice(0, 200);
  const since = new Date(Date.now() - WINDOW_MINUTES * 60_000);
  const failures = await countRecentFailures(db, login, credentials.clientAddress, since);
  if (Number(failures.byLogin) >= MAX_FAILURES_PER_LOGIN || Number(failures.byAddress) >= MAX_FAILURES_PER_ADDRESS) {
    return { ok: false, error: "rate-limited", retryAfterMinutes: WINDOW_MINUTES };
  }
  const userId = await provider.authenticate(db, { login, password: credentials.password });
  await recordLoginAttempt(db, { login, clientAddress: credentials.clientAddress, succeeded: userId !== null });
  if (!userId) return { ok: false, error: "invalid" };
  const user = await findUserById(db, userId);
  if (!user) return { ok: false, error: "invalid" };
  return { ok: true, userId, preferredLanguage: user.preferred_language, home: homeFor(user) };
}
