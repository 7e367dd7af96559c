import {
  data,
  type LinksFunction,
  type MetaFunction,
} from "@remix-run/node";
import type { ShouldRevalidateFunction } from "@remix-run/react";
import {
  Form,
  isRouteErrorResponse,
  Link,
  Links,
  Meta,
  Outlet,
  Scripts,
  ScrollRestoration,
  useLocation,
  useNavigation,
  useRouteError,
} from "@remix-run/react";
import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { CsrfInput } from "./components/forms";
import { Announcer } from "./components/announcements";
import { useNonce } from "./components/nonce";
import { LanguageSwitch } from "./components/language-switch";
import { usePageFocus } from "./components/page-focus";
import { useReleaseHeldEvents } from "./components/hydration-hold";
import { SessionTimeout } from "./components/session-timeout";
import { getSignedIn } from "./http/guards.server";
import { REFUSAL_TEXT, REFUSALS, type Refusal } from "./http/refusals";
import { routeLoader } from "./http/responses.server";
import { translator } from "./i18n/language.server";
import { requestLanguage } from "./http/language.server";
import { useRootData, type ErrorKind, type RootData } from "./root-data";

export const links: LinksFunction = () => [
  { rel: "stylesheet", href: "/styles.css" },
  { rel: "icon", href: "/favicon.svg", type: "image/svg+xml" },
];

export const meta: MetaFunction<typeof loader> = ({ data, error }) => {
  if (!data) return [];
  const title = error ? data.errorTitles[errorKind(error)] : data.serviceName;
  return [{ title: error ? `${title} – ${data.serviceName}` : title }];
};

/**
 * Which error page: its title and text are `errors.<kind>.title|body`. A post refused at
 * the edge (a foreign origin, a stale token, a body that is not a form) says so
 * (app/http/form.server.ts#refuse); any other 4xx is "could not be read"; a 5xx claims
 * nothing it cannot know (a failed save may not have been saved).
 */
function errorKind(error: unknown): ErrorKind {
  const status = isRouteErrorResponse(error) ? error.status : 500;
  if (isRouteErrorResponse(error) && error.statusText.startsWith(REFUSAL_TEXT)) {
    const reason = error.statusText.slice(REFUSAL_TEXT.length);
    if ((REFUSALS as readonly string[]).includes(reason)) return `refused.${reason as Refusal}`;
  }
  if (status === 403) return "forbidden";
  if (status === 404) return "notFound";
  if (status === 409) return "conflict";
  if (status === 413) return "tooLarge";
  return status >= 400 && status < 500 ? "badRequest" : "server";
}

export const loader = routeLoader(async ({ request, db }) => {
  const session = await getSignedIn(request, db);
  const user = session?.user ?? null;
  const now = Date.now();
  const language = requestLanguage(request);
  const t = await translator(language);
  const root: RootData = {
    language,
    serviceName: t("layout.serviceName"),
    errorTitles: {
      forbidden: t("errors.forbidden.title"),
      notFound: t("errors.notFound.title"),
      conflict: t("errors.conflict.title"),
      tooLarge: t("errors.tooLarge.title"),
      badRequest: t("errors.badRequest.title"),
      server: t("errors.server.title"),
      ...Object.fromEntries(REFUSALS.map((reason) => [`refused.${reason}`, t(`errors.refused.${reason}.title`)])),
    } as RootData["errorTitles"],
    user: user && {
      displayName: user.displayName,
      role: user.role,
      authority: user.authority,
      csrf: user.csrf,
      actingFor: user.actingFor,
      mandateCount: user.mandates.length,
    },
    session: session && {
      idleSecondsLeft: Math.max(0, Math.floor((session.idleEndsAt.getTime() - now) / 1000)),
      secondsLeft: Math.max(0, Math.floor((session.endsAt.getTime() - now) / 1000)),
      checkedAt: now,
    },
  };
  return data(root);
});

// Every page and every form asks the server again who is signed in and for how long: the
// header and the session-timeout warning never run on old figures (one cached lookup).
export const shouldRevalidate: ShouldRevalidateFunction = () => true;

function Navigation({ user }: { user: NonNullable<RootData["user"]> }) {
  const { t } = useTranslation();
  const links: { to: string; label: string }[] = [];
  if (user.role === "worker") links.push({ to: "/permits", label: t("nav.myPermits") });
  if (user.role === "employer" || user.role === "worker" || user.role === "resident") {
    links.push({ to: "/applications", label: t("nav.myApplications") }, { to: "/ebox", label: t("nav.ebox") });
  }
  if (user.role === "inspector") links.push({ to: "/inspector", label: t("nav.cadastre") });
  if (user.role === "data-protection-officer") links.push({ to: "/audit", label: t("nav.audit") });
  if (user.role === "diplomatic-post") links.push({ to: "/post", label: t("nav.post") }, { to: "/ebox", label: t("nav.ebox") });
  if (user.role === "commune") links.push({ to: "/commune", label: t("nav.commune") });
  if (user.role === "regional-officer" || user.role === "oe-officer") {
    links.push({ to: "/officer", label: t("nav.queue") }, { to: "/officer/undelivered", label: t("nav.undelivered") });
  }
  return (
    <nav aria-label={t("nav.label")}>
      <ul className="nav">
        {links.map((link) => (
          <li key={link.to}>
            <Link to={link.to}>{link.label}</Link>
          </li>
        ))}
      </ul>
    </nav>
  );
}

export function Layout({ children }: { children: ReactNode }) {
  const root = useRootData();
  const { t, i18n } = useTranslation();
  const location = useLocation();
  const nonce = useNonce();
  // While a form is sent or the next page loads, assistive technology hears that the page is busy.
  const busy = useNavigation().state !== "idle";
  usePageFocus(t("form.errorPrefix"));
  useReleaseHeldEvents();
  const language = root?.language ?? i18n.language;
  const user = root?.user;
  return (
    <html lang={language}>
      <head>
        <meta charSet="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <Meta />
        <Links />
      </head>
      <body>
        <a className="skip-link" href="#main">
          {t("layout.skipToContent")}
        </a>
        <header className="site-header">
          <div className="site-header__inner">
            <Link to="/" className="site-header__name">
              {t("layout.serviceName")}
            </Link>
            {user ? <Navigation user={user} /> : null}
            <div className="site-header__tools">
              <LanguageSwitch current={language} returnTo={location.pathname + location.search} csrf={user?.csrf} />
              {user ? (
                <Form method="post" action="/logout" reloadDocument className="inline-form">
                  <Link to="/session" className="user-name">
                    {t("layout.signedInAs", { name: user.displayName, role: t(`roles.${user.role}`) })}
                  </Link>
                  <CsrfInput />
                  <button type="submit" className="button button--link">
                    {t("layout.signOut")}
                  </button>
                </Form>
              ) : (
                <Link to="/login">{t("layout.signIn")}</Link>
              )}
            </div>
          </div>
        </header>
        <main id="main" tabIndex={-1} className="page" aria-busy={busy || undefined}>
          {children}
        </main>
        <footer className="site-footer">
          <p>{t("layout.footer")}</p>
          <p>
            <Link to="/verify">{t("nav.verify")}</Link>
          </p>
        </footer>
        <Announcer />
        {root?.session ? <SessionTimeout {...root.session} /> : null}
        <ScrollRestoration nonce={nonce} />
        <Scripts nonce={nonce} />
      </body>
    </html>
  );
}

export default function App() {
  return <Outlet />;
}

function conflictMessage(data: unknown): string | null {
  if (typeof data !== "object" || data === null || !("messageKey" in data)) return null;
  return typeof data.messageKey === "string" ? data.messageKey : null;
}

/** One friendly page for 403, 404 and 500 in the user's language, without internals. */
export function ErrorBoundary() {
  const error = useRouteError();
  const { t } = useTranslation();
  const kind = errorKind(error);
  // A case or draft that moved on says how (app/http/responses.server.ts sends the message's key).
  const messageKey = isRouteErrorResponse(error) && error.status === 409 ? conflictMessage(error.data) : null;
  return (
    <>
      <h1>{t(`errors.${kind}.title`)}</h1>
      <p>{messageKey ? t(messageKey) : t(`errors.${kind}.body`)}</p>
      <p>
        <Link to="/">{t("errors.backHome")}</Link>
      </p>
    </>
  );
}
