import { redirect } from "@remix-run/node";
import { field, readForm } from "../http/form.server";
import { closeSession, getUser } from "../http/guards.server";
import { requestLanguage } from "../http/language.server";
import { routeAction } from "../http/responses.server";
import { providerSignOutUrl } from "../identity/sign-in.server";
import { SIGNED_OUT_PATH } from "../identity/sign-in-settings.server";

/**
 * Sign-out: the session ends on the server at once (here and on every server), the cookie
 * goes; then the identity provider ends its own session (RP-initiated logout) and sends
 * the browser to /signed-out. `scope=everywhere` ends every session of the person first.
 */
export const action = routeAction(async ({ request, db }) => {
  const user = await getUser(request, db);
  const form = await readForm(request, user);
  const { cookie, idToken } = await closeSession(request, db, user, field(form, "scope") === "everywhere");
  const provider = user
    ? await providerSignOutUrl({ origin: new URL(request.url).origin, idToken, language: requestLanguage(request) })
    : null;
  return redirect(provider ?? SIGNED_OUT_PATH, { headers: { "Set-Cookie": cookie } });
});

export async function loader() {
  return redirect("/");
}
