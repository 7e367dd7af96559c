import { redirect } from "@remix-run/node";
import { isLanguage } from "../i18n/config";
import { languageCookie } from "../http/language.server";
import { openSessionCookie } from "../http/guards.server";
import { routeLoader } from "../http/responses.server";
import { clearedSignInTransactionCookie, signInTransaction } from "../http/session.server";
import { completeSignIn } from "../identity/sign-in.server";

/**
 * The identity provider sends the browser back here (the OpenID Connect redirect URI): the
 * answer is checked against what this browser started, the person gets a new session, and
 * goes where he was going. Anything wrong: back to the sign-in page, which says what.
 */
export const loader = routeLoader(async ({ request, db }) => {
  const transaction = await signInTransaction(request);
  const outcome = await completeSignIn(db, new URL(request.url), transaction);
  const headers = new Headers({ "Set-Cookie": await clearedSignInTransactionCookie() });
  if (!outcome.ok) {
    const params = new URLSearchParams({ failed: outcome.failure });
    if (transaction?.returnTo) params.set("returnTo", transaction.returnTo);
    return redirect(`/login?${params}`, { headers });
  }
  headers.append("Set-Cookie", await openSessionCookie(request, db, outcome));
  // The user's remembered language wins at sign-in, unless he just chose one on this device.
  const chosen = request.headers.get("Cookie")?.includes("lng=");
  if (!chosen && isLanguage(outcome.preferredLanguage)) headers.append("Set-Cookie", languageCookie(outcome.preferredLanguage));
  return redirect(transaction?.returnTo || outcome.home, { headers });
});
