import { redirect, type MetaFunction } from "@remix-run/node";
import { Form, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { translator } from "../i18n/language.server";
import { requestLanguage } from "../http/language.server";
import { pageTitle } from "../root-data";
import { getUser } from "../http/guards.server";
import { routeAction, routeLoader } from "../http/responses.server";
import { readForm, safeReturnTo } from "../http/form.server";
import { signInTransactionCookie } from "../http/session.server";
import { startSignIn, type SignInFailure } from "../identity/sign-in.server";
import { signInSettings } from "../identity/sign-in-settings.server";
import { homeFor } from "../identity/user";

export const meta: MetaFunction<typeof loader> = ({ data, matches }) => pageTitle(data?.title, matches);

const FAILURES: readonly SignInFailure[] = ["cancelled", "expired", "no-identity", "unavailable", "refused"];
const ENDINGS = ["idle", "absolute", "signed-out"] as const;

/** Where to go after signing in: a path on this site, never the sign-in pages themselves. */
function afterSignIn(value: unknown): string {
  const path = safeReturnTo(value, "");
  return /^\/(login|logout|auth|idp|signed-out)(\/|\?|$)/.test(path) ? "" : path;
}

export const loader = routeLoader(async ({ request, db }) => {
  const user = await getUser(request, db);
  if (user) throw redirect(homeFor(user));
  const params = new URL(request.url).searchParams;
  const t = await translator(requestLanguage(request));
  const failed = FAILURES.find((failure) => failure === params.get("failed")) ?? null;
  const ended = ENDINGS.find((ending) => ending === params.get("ended")) ?? null;
  return {
    // A failed sign-in is a page with an error: its title says so first, with or without JavaScript.
    title: failed ? `${t("form.errorPrefix")} ${t("login.title")}` : t("login.title"),
    returnTo: afterSignIn(params.get("returnTo")),
    ended,
    unsaved: ended !== null && params.get("unsaved") === "1",
    failed,
    demo: signInSettings().embedded && process.env.DEMO_LOGINS !== "off",
  };
});

/** Off to the identity provider, remembering (signed, in a cookie) what must come back. */
export const action = routeAction(async ({ request }) => {
  const form = await readForm(request, null);
  const result = await startSignIn({
    origin: new URL(request.url).origin,
    returnTo: afterSignIn(form.get("returnTo")),
    language: requestLanguage(request),
  });
  // The failure page is the sign-in page that names it (its title starting with "Error:").
  if (!result.ok) {
    const returnTo = afterSignIn(form.get("returnTo"));
    return redirect(`/login?${new URLSearchParams({ failed: result.failure, ...(returnTo ? { returnTo } : {}) })}`, 303);
  }
  return redirect(result.url, { headers: { "Set-Cookie": await signInTransactionCookie(result.transaction) } });
});

export default function LoginPage() {
  const { t } = useTranslation();
  const loaded = useLoaderData<typeof loader>();
  const failed = loaded.failed;
  return (
    <div className="narrow">
      <h1>{t("login.title")}</h1>
      {loaded.ended ? (
        <div className="notice notice--warning" role="status">
          <p>{t(`signIn.ended.${loaded.ended}`)}</p>
          {loaded.unsaved ? <p>{t("signIn.unsaved")}</p> : null}
          <p>{t("signIn.kept")}</p>
        </div>
      ) : null}
      {failed ? (
        <div className="error-summary" role="alert" aria-labelledby="sign-in-failed" tabIndex={-1}>
          <h2 id="sign-in-failed">{t("signIn.failedTitle")}</h2>
          <p>{t(`signIn.failed.${failed}`)}</p>
        </div>
      ) : null}
      <p>{t("login.intro")}</p>
      <p>{t("signIn.how")}</p>
      {loaded.demo ? <p>{t("signIn.demo")}</p> : null}
      {/* A full page load: the browser goes on to the identity provider's own pages. */}
      <Form method="post" action="/login" reloadDocument>
        {loaded.returnTo ? <input type="hidden" name="returnTo" value={loaded.returnTo} /> : null}
        <button type="submit" className="button">
          {t("signIn.continue")}
        </button>
      </Form>
    </div>
  );
}
