import type { ReactNode } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { I18nextProvider, useTranslation } from "react-i18next";
import type { Language } from "../../forms/authorities";
import { ErrorSummary, TextField, type FieldErrors, TableRegion } from "../components/forms";
import { DEMO_IDENTITIES, DEMO_PASSWORD } from "../demo/demo-identities.server";
import { DEFAULT_LANGUAGE, isLanguage } from "../i18n/config";
import { createServerI18n } from "../i18n/language.server";
import { languageFromAcceptLanguage } from "../http/language.server";

/**
 * The development identity provider's own pages, rendered on the server in the person's
 * language (the portal asks with ui_locales). Plain forms, no script, the portal's
 * stylesheet: they work without JavaScript and under a strict Content-Security-Policy.
 */

/** The language of a provider page: the first of ui_locales we have, else the browser's, else French. */
export function pageLanguage(uiLocales: unknown, acceptLanguage: string | null | undefined): Language {
  const asked = typeof uiLocales === "string" ? uiLocales.split(/\s+/).map((tag) => tag.toLowerCase().split("-")[0]) : [];
  return asked.find(isLanguage) ?? languageFromAcceptLanguage(acceptLanguage ?? null) ?? DEFAULT_LANGUAGE;
}

function Page({ title, children }: { title: string; children: ReactNode }) {
  const { t, i18n } = useTranslation();
  return (
    <html lang={i18n.language}>
      <head>
        <meta charSet="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>{`${title} – ${t("devIdp.name")}`}</title>
        <link rel="stylesheet" href="/styles.css" />
      </head>
      <body>
        <header className="site-header">
          <div className="site-header__inner">
            <span className="site-header__name">{t("devIdp.name")}</span>
          </div>
        </header>
        <main id="main" className="page">
          <div className="narrow">{children}</div>
        </main>
      </body>
    </html>
  );
}

async function render(language: Language, page: ReactNode): Promise<string> {
  const i18n = await createServerI18n(language);
  return `<!DOCTYPE html>${renderToStaticMarkup(<I18nextProvider i18n={i18n}>{page}</I18nextProvider>)}`;
}

function SignInForm(props: { action: string; abort: string; login: string; errors: FieldErrors; showDemo: boolean }) {
  const { t } = useTranslation();
  return (
    <Page title={t("devIdp.signInTitle")}>
      <h1>{t("devIdp.signInTitle")}</h1>
      <p>{t("devIdp.intro")}</p>
      <ErrorSummary errors={props.errors} />
      <form method="post" action={props.action} noValidate>
        <TextField name="login" label={t("login.login")} autoComplete="username" defaultValue={props.login} error={props.errors.login} />
        <TextField name="password" type="password" label={t("login.password")} autoComplete="current-password" error={props.errors.password} />
        <button type="submit" className="button">
          {t("login.submit")}
        </button>
      </form>
      <form method="post" action={props.abort}>
        <button type="submit" className="button button--link">
          {t("devIdp.cancel")}
        </button>
      </form>
      {props.showDemo ? (
        <section aria-labelledby="demo-title" className="demo-identities">
          <h2 id="demo-title">{t("login.demoTitle")}</h2>
          <p>{t("devIdp.demoIntro", { password: DEMO_PASSWORD })}</p>
          <TableRegion label={t("login.demoTitle")}>
          <table>
            <caption className="visually-hidden">{t("login.demoTitle")}</caption>
            <thead>
              <tr>
                <th scope="col">{t("login.login")}</th>
                <th scope="col">{t("login.demoRole")}</th>
              </tr>
            </thead>
            <tbody>
              {DEMO_IDENTITIES.map((identity) => (
                <tr key={identity.login}>
                  <td>
                    <code>{identity.login}</code>
                  </td>
                  <td>{t(identity.descriptionKey)}</td>
                </tr>
              ))}
            </tbody>
          </table>
          </TableRegion>
        </section>
      ) : null}
    </Page>
  );
}

export function signInPage(language: Language, props: Parameters<typeof SignInForm>[0]): Promise<string> {
  return render(language, <SignInForm {...props} />);
}

/** The provider's sign-out question; `form` is the provider's own (hidden) form, the buttons point at it. */
function SignOutQuestion({ form }: { form: string }) {
  const { t } = useTranslation();
  return (
    <Page title={t("devIdp.signOutTitle")}>
      <h1>{t("devIdp.signOutTitle")}</h1>
      <p>{t("devIdp.signOutIntro")}</p>
      <div dangerouslySetInnerHTML={{ __html: form }} />
      <p className="actions">
        <button type="submit" className="button" form="op.logoutForm" name="logout" value="yes">
          {t("devIdp.signOutYes")}
        </button>{" "}
        <button type="submit" className="button button--secondary" form="op.logoutForm">
          {t("devIdp.signOutNo")}
        </button>
      </p>
    </Page>
  );
}

export function signOutPage(language: Language, form: string): Promise<string> {
  return render(language, <SignOutQuestion form={form} />);
}

function Message({ titleKey, bodyKey }: { titleKey: string; bodyKey: string }) {
  const { t } = useTranslation();
  return (
    <Page title={t(titleKey)}>
      <h1>{t(titleKey)}</h1>
      <p>{t(bodyKey)}</p>
    </Page>
  );
}

export function signedOutPage(language: Language): Promise<string> {
  return render(language, <Message titleKey="devIdp.signedOutTitle" bodyKey="devIdp.signedOutBody" />);
}

/** What went wrong, without internals: the portal's sign-in page starts again. */
export function errorPage(language: Language): Promise<string> {
  return render(language, <Message titleKey="devIdp.errorTitle" bodyKey="devIdp.errorBody" />);
}
