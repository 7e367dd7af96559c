import type { MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { formatDateTime } from "../components/format";
import { pageTitle } from "../root-data";
import { requireRole } from "../http/guards.server";
import { openMessage } from "../delivery/ebox.server";
import { routeLoader } from "../http/responses.server";

export const meta: MetaFunction<typeof loader> = ({ data, matches }) => pageTitle(data?.subject, matches);

/** Opening a message records when it was first read (the officer sees it on the case). */
export const loader = routeLoader(async ({ request, params, db }) => {
  const user = await requireRole(request, db, ["employer", "worker", "resident", "diplomatic-post"]);
  const message = await openMessage(db, user, params.id ?? "");
  if (!message) throw new Response("Not Found", { status: 404 });
  return {
    id: message.id,
    subject: message.subject,
    body: message.body,
    deliveredAt: new Date(message.delivered_at).toISOString(),
    attachmentName: message.attachment_name,
  };
});

export default function EboxMessage() {
  const { t, i18n } = useTranslation();
  const message = useLoaderData<typeof loader>();
  return (
    <>
      <p>
        <Link to="/ebox">{t("inbox.back")}</Link>
      </p>
      <h1>{message.subject}</h1>
      <p className="hint">{t("inbox.deliveredOn", { date: formatDateTime(message.deliveredAt, i18n.language) })}</p>
      <p className="messages__body">{message.body}</p>
      {message.attachmentName ? (
        <p>
          <a className="button button--secondary" href={`/ebox/${message.id}/attachment`}>
            {t("inbox.download", { file: message.attachmentName })}
          </a>
        </p>
      ) : null}
    </>
  );
}
