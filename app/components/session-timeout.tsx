import { Form, useFetcher, useLocation } from "@remix-run/react";
import { useEffect, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import { CsrfInput } from "./forms";

/** How long before the end the warning shows (WCAG 2.2.1: at least 20 seconds to answer). */
const WARNING_MS = 2 * 60_000;

/**
 * The warning before a session ends (with JavaScript; without it, the sign-in page says
 * what happened: app/routes/login.tsx). Two minutes before the server would end the session
 * for inactivity, a dialog offers to stay signed in; before the eight-hour limit, it says
 * when and that saved work is kept. When the time is up it says so and leaves the page as
 * it is, so that what was typed can still be copied.
 */
export function SessionTimeout({ idleSecondsLeft, secondsLeft, checkedAt }: { idleSecondsLeft: number; secondsLeft: number; checkedAt: number }) {
  const { t, i18n } = useTranslation();
  const location = useLocation();
  const fetcher = useFetcher();
  const dialog = useRef<HTMLDialogElement>(null);
  const [phase, setPhase] = useState<"quiet" | "warning" | "ended">("quiet");
  const [end, setEnd] = useState<{ at: number; limit: "idle" | "absolute" } | null>(null);

  // The server's figures are fresh on every page and after every form (the root loader runs
  // each time): start counting again from them.
  useEffect(() => {
    const now = Date.now();
    const limit = secondsLeft <= idleSecondsLeft ? "absolute" : "idle";
    const at = now + Math.min(idleSecondsLeft, secondsLeft) * 1000;
    setEnd({ at, limit });
    setPhase("quiet");
    const warn = setTimeout(() => setPhase("warning"), Math.max(0, at - WARNING_MS - now));
    const over = setTimeout(() => setPhase("ended"), Math.max(0, at - now));
    return () => {
      clearTimeout(warn);
      clearTimeout(over);
    };
  }, [idleSecondsLeft, secondsLeft, checkedAt]);

  useEffect(() => {
    const element = dialog.current;
    if (!element) return;
    if (phase === "quiet" && element.open) element.close();
    if (phase !== "quiet" && !element.open) element.showModal();
  }, [phase]);

  if (!end) return null;
  const time = new Intl.DateTimeFormat(i18n.language, { hour: "2-digit", minute: "2-digit" }).format(end.at);
  const returnTo = location.pathname + location.search;
  const signIn = `/login?${new URLSearchParams({ returnTo, ended: end.limit })}`;
  return (
    <dialog ref={dialog} className="session-timeout" aria-labelledby="session-timeout-title" aria-describedby="session-timeout-body" onCancel={() => setPhase("quiet")}>
      {phase === "ended" ? (
        <>
          <h2 id="session-timeout-title">{t("sessionTimeout.endedTitle")}</h2>
          <div id="session-timeout-body">
            <p>{t(`signIn.ended.${end.limit}`)}</p>
            <p>{t("sessionTimeout.endedBody")}</p>
          </div>
          <p className="button-group">
            <a className="button" href={signIn}>
              {t("sessionTimeout.signInAgain")}
            </a>
            <button type="button" className="button button--secondary" onClick={() => dialog.current?.close()}>
              {t("sessionTimeout.stayOnPage")}
            </button>
          </p>
        </>
      ) : (
        <>
          <h2 id="session-timeout-title">{t("sessionTimeout.title")}</h2>
          <div id="session-timeout-body">
            <p>{t(end.limit === "idle" ? "sessionTimeout.idle" : "sessionTimeout.absolute", { time })}</p>
            <p>{t("sessionTimeout.kept")}</p>
          </div>
          <div className="button-group">
            {end.limit === "idle" ? (
              <fetcher.Form method="post" action="/session" className="inline-form">
                <CsrfInput />
                <button type="submit" className="button" autoFocus>
                  {t("sessionTimeout.stay")}
                </button>
              </fetcher.Form>
            ) : (
              <button type="button" className="button" autoFocus onClick={() => setPhase("quiet")}>
                {t("sessionTimeout.understood")}
              </button>
            )}
            <Form method="post" action="/logout" reloadDocument className="inline-form">
              <CsrfInput />
              <button type="submit" className="button button--secondary">
                {t("layout.signOut")}
              </button>
            </Form>
          </div>
        </>
      )}
    </dialog>
  );
}
