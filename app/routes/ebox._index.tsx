import type { MetaFunction } from "@remix-run/node";
import { TableRegion } from "../components/forms";
import { EndedMandates } from "../components/ended-mandates";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { formatDateTime } from "../components/format";
import { translator } from "../i18n/language.server";
import { requestLanguage } from "../http/language.server";
import { pageTitle } from "../root-data";
import { requireRole } from "../http/guards.server";
import { inboxOf, listInbox } from "../delivery/ebox.server";
import { routeLoader } from "../http/responses.server";
import { visaPostName } from "../../forms/visa-posts";

export const meta: MetaFunction<typeof loader> = ({ data, matches }) => pageTitle(data?.title, matches);

export const loader = routeLoader(async ({ request, db }) => {
  const user = await requireRole(request, db, ["employer", "worker", "resident", "diplomatic-post"]);
  const language = requestLanguage(request);
  const t = await translator(language);
  return {
    title: t("inbox.title"),
    inbox: inboxOf(user),
    owner: user.role === "employer" ? (user.actingFor?.name ?? null) : user.role === "diplomatic-post" && user.office ? (visaPostName(user.office, language) ?? user.displayName) : user.displayName,
    messages: await listInbox(db, user),
    endedMandates: user.endedMandates,
  };
});

export default function EboxInbox() {
  const { t, i18n } = useTranslation();
  const { messages, owner, inbox, endedMandates } = useLoaderData<typeof loader>();
  return (
    <>
      <h1>{t("inbox.title")}</h1>
      <EndedMandates ended={endedMandates} />
      {inbox ? <p>{t("inbox.of", { owner })}</p> : <p>{t("inbox.noInbox")}</p>}
      {inbox && messages.length === 0 ? <p>{t("inbox.empty")}</p> : null}
      {messages.length > 0 ? (
        <TableRegion label={t("inbox.title")}>
        <table className="table">
          <caption className="visually-hidden">{t("inbox.title")}</caption>
          <thead>
            <tr>
              <th scope="col">{t("inbox.subject")}</th>
              <th scope="col">{t("inbox.received")}</th>
              <th scope="col">{t("inbox.read")}</th>
            </tr>
          </thead>
          <tbody>
            {messages.map((message) => (
              <tr key={message.id} className={message.openedAt ? undefined : "unread"}>
                <td>
                  <Link to={`/ebox/${message.id}`}>{message.subject}</Link>
                </td>
                <td>{formatDateTime(message.deliveredAt, i18n.language)}</td>
                <td>{message.openedAt ? formatDateTime(message.openedAt, i18n.language) : t("inbox.unread")}</td>
              </tr>
            ))}
          </tbody>
        </table>
        </TableRegion>
      ) : null}
    </>
  );
}
