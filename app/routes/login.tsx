import { data, redirect, type MetaFunction } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { ErrorSummary, TextField, type FieldErrors } from "../components/forms";
import { isLanguage } from "../i18n/config";
import { translator } from "../i18n/language.server";
import { languageCookie, requestLanguage } from "../http/language.server";
import { pageTitle } from "../root-data";
import { getUser, openSession } from "../http/guards.server";
import { routeAction, routeLoader } from "../http/responses.server";
import { signIn } from "../identity/sign-in.server";
import { homeFor } from "../identity/user";
import { field, readForm, safeReturnTo } from "../http/form.server";
import { DEMO_IDENTITIES } from "../demo/demo-identities.server";

export const meta: MetaFunction<typeof loader> = ({ data, matches }) => pageTitle(data?.title, matches);

export const loader = routeLoader(async ({ request, db }) => {
  const user = await getUser(request, db);
  if (user) throw redirect(homeFor(user));
  const t = await translator(requestLanguage(request));
  return { title: t("login.title"), demo: process.env.DEMO_LOGINS !== "off" ? DEMO_IDENTITIES : [] };
});

export const action = routeAction(async ({ request, context, db }) => {
  const form = await readForm(request, null);
  const login = field(form, "login");
  const password = typeof form.get("password") === "string" ? String(form.get("password")).slice(0, 200) : "";
  const errors: FieldErrors = {};
  if (!login) errors.login = { key: "login.errors.loginRequired" };
  if (!password) errors.password = { key: "login.errors.passwordRequired" };
  if (Object.keys(errors).length > 0) return data({ errors, login }, { status: 400 });

  const result = await signIn(db, { login, password, clientAddress: context.clientAddress ?? "unknown" });
  if (!result.ok) {
    const error =
      result.error === "rate-limited"
        ? { key: "login.errors.rateLimited", values: { minutes: result.retryAfterMinutes ?? 15 } }
        : { key: "login.errors.invalid" };
    return data({ errors: { login: error } as FieldErrors, login }, { status: result.error === "rate-limited" ? 429 : 400 });
  }
  const headers = new Headers({ "Set-Cookie": await openSession(request, result.userId) });
  // The user's remembered language wins at login, unless he just chose one on this device.
  const chosen = request.headers.get("Cookie")?.includes("lng=");
  if (!chosen && isLanguage(result.preferredLanguage)) {
    headers.append("Set-Cookie", languageCookie(result.preferredLanguage));
  }
  const returnTo = safeReturnTo(new URL(request.url).searchParams.get("returnTo"), "");
  return redirect(returnTo || result.home, { headers });
});

export default function LoginPage() {
  const { t } = useTranslation();
  const { demo } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const [params] = useSearchParams();
  const returnTo = params.get("returnTo");
  return (
    <div className="narrow">
      <h1>{t("login.title")}</h1>
      <p>{t("login.intro")}</p>
      <ErrorSummary errors={actionData?.errors} />
      {/* A full page load after signing in: the user's remembered language may differ from this page's. */}
      <Form method="post" action={returnTo ? `/login?returnTo=${encodeURIComponent(returnTo)}` : "/login"} noValidate reloadDocument>
        <TextField
          name="login"
          label={t("login.login")}
          autoComplete="username"
          defaultValue={actionData?.login}
          error={actionData?.errors.login}
        />
        <TextField
          name="password"
          type="password"
          label={t("login.password")}
          autoComplete="current-password"
          error={actionData?.errors.password}
        />
        <button type="submit" className="button">
          {t("login.submit")}
        </button>
      </Form>
      {demo.length > 0 ? (
        <section aria-labelledby="demo-title" className="demo-identities">
          <h2 id="demo-title">{t("login.demoTitle")}</h2>
          <p>{t("login.demoIntro")}</p>
          <table>
            <caption className="visually-hidden">{t("login.demoTitle")}</caption>
            <thead>
              <tr>
                <th scope="col">{t("login.login")}</th>
                <th scope="col">{t("login.demoRole")}</th>
              </tr>
            </thead>
            <tbody>
              {demo.map((identity) => (
                <tr key={identity.login}>
                  <td>
                    <code>{identity.login}</code>
                  </td>
                  <td>{t(identity.descriptionKey)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </section>
      ) : null}
    </div>
  );
}
