import type { MetaFunction } from "@remix-run/node";
import { Form, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { CsrfInput, TableRegion } from "../components/forms";
import { formatDateTime } from "../components/format";
import { translator } from "../i18n/language.server";
import { requestLanguage } from "../http/language.server";
import { readForm } from "../http/form.server";
import { keepSignedIn, requireSignedIn } from "../http/guards.server";
import { routeAction, routeLoader } from "../http/responses.server";
import { signedInDevices } from "../identity/sessions.server";
import { pageTitle } from "../root-data";

export const meta: MetaFunction<typeof loader> = ({ data, matches }) => pageTitle(data?.title, matches);

/** "Your sign-in": when this session ends, where else the person is signed in, and "sign out of all devices". */
export const loader = routeLoader(async ({ request, db }) => {
  const session = await requireSignedIn(request, db);
  const t = await translator(requestLanguage(request));
  return {
    title: t("session.title"),
    startedAt: session.startedAt.toISOString(),
    endsAt: session.endsAt.toISOString(),
    devices: await signedInDevices(db, session.user, session.id),
  };
});

/** "Stay signed in" (the idle-timeout warning): the session counts as used now. */
export const action = routeAction(async ({ request, db }) => {
  const { user } = await requireSignedIn(request, db);
  await readForm(request, user);
  const session = await keepSignedIn(request, db);
  return { idleEndsAt: session.idleEndsAt.toISOString() };
});

export default function SessionPage() {
  const { t, i18n } = useTranslation();
  const { startedAt, endsAt, devices } = useLoaderData<typeof loader>();
  const when = (iso: string) => formatDateTime(iso, i18n.language);
  return (
    <div className="narrow">
      <h1>{t("session.title")}</h1>
      <p>{t("session.times", { started: when(startedAt), ends: when(endsAt) })}</p>
      <p>{t("session.idle")}</p>
      <h2>{t("session.devicesTitle")}</h2>
      <TableRegion label={t("session.devicesTitle")}>
      <table className="table">
        <caption className="visually-hidden">{t("session.devicesTitle")}</caption>
        <thead>
          <tr>
            <th scope="col">{t("session.browser")}</th>
            <th scope="col">{t("session.started")}</th>
            <th scope="col">{t("session.lastUsed")}</th>
          </tr>
        </thead>
        <tbody>
          {devices.map((device, index) => (
            <tr key={index}>
              <td>
                {device.userAgent ?? t("session.unknownBrowser")}
                {device.current ? <strong> ({t("session.thisDevice")})</strong> : null}
              </td>
              <td>{when(device.startedAt)}</td>
              <td>{when(device.lastSeenAt)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      </TableRegion>
      <Form method="post" action="/logout" reloadDocument>
        <CsrfInput />
        <input type="hidden" name="scope" value="everywhere" />
        <p>{t("session.everywhereHint")}</p>
        <button type="submit" className="button button--warning">
          {t("session.everywhere")}
        </button>
      </Form>
    </div>
  );
}
