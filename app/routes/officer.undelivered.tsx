import { redirect, type MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { runOfficerIntent } from "../cases/case-intents.server";
import { formatDateTime } from "../components/format";
import { CsrfInput, TableRegion } from "../components/forms";
import { formValues, readForm } from "../http/form.server";
import { requireRole } from "../http/guards.server";
import { routeAction, routeLoader } from "../http/responses.server";
import { requestLanguage } from "../http/language.server";
import { translator } from "../i18n/language.server";
import { undeliveredFor, type WaitingMessage } from "../outbox/undelivered.server";
import { pageTitle } from "../root-data";

export const meta: MetaFunction<typeof loader> = ({ data, matches }) => pageTitle(data?.title, matches);

export const loader = routeLoader(async ({ request, db }) => {
  const user = await requireRole(request, db, ["regional-officer", "oe-officer"]);
  const t = await translator(requestLanguage(request));
  return { title: t("undelivered.title"), messages: await undeliveredFor(db, user) };
});

/** Retry: the same step as on the case page (the access rule, the audit line), then back here. */
export const action = routeAction(async ({ request, db }) => {
  const user = await requireRole(request, db, ["regional-officer", "oe-officer"]);
  const values = formValues(await readForm(request, user));
  await runOfficerIntent(db, user, values.caseId ?? "", { intent: "retry-delivery", outboxId: values.outboxId ?? "" });
  return redirect("/officer/undelivered");
});

function What({ message }: { message: WaitingMessage }) {
  const { t } = useTranslation();
  return (
    <>
      {t(`deliveries.kind.${message.kind.replace(".", "-")}`, { defaultValue: message.kind })}
      {message.recipient ? ` (${t(`deliveries.recipient.${message.recipient}`)})` : ""}
    </>
  );
}

/** Messages failed for good, and the ones of the same case waiting behind each; retry releases them. */
export default function Undelivered() {
  const { t, i18n } = useTranslation();
  const { messages } = useLoaderData<typeof loader>();
  return (
    <>
      <p>
        <Link to="/officer">{t("officerCase.back")}</Link>
      </p>
      <h1>{t("undelivered.title")}</h1>
      <p>{t("undelivered.intro")}</p>
      {messages.length === 0 ? (
        <p>{t("undelivered.empty")}</p>
      ) : (
        <TableRegion label={t("undelivered.title")}>
        <table className="table">
          <caption className="visually-hidden">{t("undelivered.title")}</caption>
          <thead>
            <tr>
              <th scope="col">{t("applications.reference")}</th>
              <th scope="col">{t("deliveries.what")}</th>
              <th scope="col">{t("deliveries.state")}</th>
              <th scope="col">{t("undelivered.waiting")}</th>
              <th scope="col">{t("deliveries.action")}</th>
            </tr>
          </thead>
          <tbody>
            {messages.map((message) => (
              <tr key={message.id}>
                <td>{message.caseId ? <Link to={`/officer/cases/${message.caseId}#deliveries-title`}>{message.reference ?? message.caseId}</Link> : "—"}</td>
                <td>
                  <What message={message} />
                  <br />
                  <small>{formatDateTime(message.createdAt, i18n.language)}</small>
                </td>
                <td>
                  {t("deliveries.status.failed", { attempts: message.attempts })}
                  {message.lastError ? (
                    <>
                      <br />
                      <small>{t("deliveries.lastError", { error: message.lastError })}</small>
                    </>
                  ) : null}
                </td>
                <td>
                  {message.waiting.length === 0 ? (
                    t("undelivered.nothingWaiting")
                  ) : (
                    <ul>
                      {message.waiting.map((behind) => (
                        <li key={behind.id}>
                          <What message={behind} /> – {formatDateTime(behind.createdAt, i18n.language)}
                        </li>
                      ))}
                    </ul>
                  )}
                </td>
                <td>
                  {message.caseId ? (
                    <Form method="post">
                      <CsrfInput />
                      <input type="hidden" name="caseId" value={message.caseId} />
                      <input type="hidden" name="outboxId" value={message.id} />
                      <button type="submit" className="button button--secondary">
                        {t("deliveries.retry")}
                      </button>
                    </Form>
                  ) : (
                    "—"
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
        </TableRegion>
      )}
    </>
  );
}
