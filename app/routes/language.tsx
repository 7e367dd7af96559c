import { redirect } from "@remix-run/node";
import { isLanguage } from "../i18n/config";
import { languageCookie } from "../http/language.server";
import { getUser } from "../http/guards.server";
import { routeAction } from "../http/responses.server";
import { field, readForm, safeReturnTo } from "../http/form.server";
import { rememberLanguage } from "../identity/users.server";

/** The language switch: remembered in a cookie and, when signed in, on the user. */
export const action = routeAction(async ({ request, db }) => {
  const user = await getUser(request, db);
  const form = await readForm(request, user);
  const language = field(form, "language");
  const returnTo = safeReturnTo(form.get("returnTo"));
  if (!isLanguage(language)) return redirect(returnTo);
  if (user) await rememberLanguage(db, user.id, language);
  return redirect(returnTo, { headers: { "Set-Cookie": languageCookie(language) } });
});

export async function loader() {
  return redirect("/");
}
