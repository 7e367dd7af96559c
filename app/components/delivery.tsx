import { Form, Link } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import type { CaseView } from "../cases/case-view.server";
import { formatDate, formatDateTime } from "./format";
import { CsrfInput, TableRegion } from "./forms";

/** The permit a grant produced: validity and the code anyone can check at /verify. */
export function PermitPanel({ permit }: { permit: NonNullable<CaseView["permit"]> }) {
  const { t, i18n } = useTranslation();
  const date = (day: string) => formatDate(`${day}T12:00:00Z`, i18n.language);
  return (
    <section aria-labelledby="permit-title" className="notice">
      <h2 id="permit-title">{permit.annex === "change" ? t("permit.titleChange") : t("permit.title", { annex: permit.annex })}</h2>
      <p>{t("pdf.validityRange", { from: date(permit.validFrom), until: date(permit.validUntil) })}</p>
      {permit.revokedOn ? <p>{t("permit.revokedOn", { date: date(permit.revokedOn) })}</p> : null}
      <p>
        {t("permit.code")} <code>{permit.verificationCode}</code> –{" "}
        <Link to={`/verify/${permit.verificationCode}`}>{t("permit.verify")}</Link>
      </p>
    </section>
  );
}

export interface DeliveryView {
  id: number;
  kind: string;
  status: string;
  attempts: number;
  lastError: string | null;
  createdAt: string;
  deliveredAt: string | null;
  recipient: string | null;
  /** The failed delivery this one waits behind (the same case and kind), if any. */
  waitingBehind?: number | null;
}

/** For officers: what left for the e-Box and the cadastre, whether it arrived and was read, and retry. */
export function DeliveryPanel({
  deliveries,
  ebox,
}: {
  deliveries: DeliveryView[];
  ebox: { recipientKind: string; subject: string; deliveredAt: string; openedAt: string | null }[];
}) {
  const { t, i18n } = useTranslation();
  if (deliveries.length === 0) return null;
  const failed = deliveries.filter((delivery) => delivery.status === "failed").length;
  const waiting = deliveries.filter((delivery) => delivery.waitingBehind).length;
  return (
    <section aria-labelledby="deliveries-title">
      <h2 id="deliveries-title">{t("deliveries.title")}</h2>
      {failed > 0 ? (
        <p className="notice notice--warning">
          {t("deliveries.failedNotice", { count: failed })} {waiting > 0 ? t("deliveries.waitingNotice", { count: waiting }) : ""}
        </p>
      ) : null}
      <TableRegion label={t("deliveries.title")}>
      <table className="table">
        <caption className="visually-hidden">{t("deliveries.title")}</caption>
        <thead>
          <tr>
            <th scope="col">{t("deliveries.what")}</th>
            <th scope="col">{t("deliveries.state")}</th>
            <th scope="col">{t("deliveries.action")}</th>
          </tr>
        </thead>
        <tbody>
          {deliveries.map((delivery) => (
            <tr key={delivery.id}>
              <td>
                {t(`deliveries.kind.${delivery.kind.replace(".", "-")}`)}
                {delivery.recipient ? ` (${t(`deliveries.recipient.${delivery.recipient}`)})` : ""}
              </td>
              <td>
                {delivery.status === "delivered" && delivery.deliveredAt
                  ? t("deliveries.delivered", { date: formatDateTime(delivery.deliveredAt, i18n.language) })
                  : delivery.waitingBehind
                    ? t("deliveries.status.waiting")
                    : t(`deliveries.status.${delivery.status}`, { attempts: delivery.attempts })}
                {delivery.status === "failed" && delivery.lastError ? (
                  <>
                    <br />
                    <small>{t("deliveries.lastError", { error: delivery.lastError })}</small>
                  </>
                ) : null}
              </td>
              <td>
                {delivery.status === "failed" ? (
                  <Form method="post">
                    <CsrfInput />
                    <input type="hidden" name="outboxId" value={delivery.id} />
                    <button type="submit" name="intent" value="retry-delivery" className="button button--secondary">
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
      {ebox.length > 0 ? (
        <ul>
          {ebox.map((message, index) => (
            <li key={index}>
              {t(`deliveries.recipient.${message.recipientKind}`)}: {message.subject} –{" "}
              {message.openedAt
                ? t("deliveries.opened", { date: formatDateTime(message.openedAt, i18n.language) })
                : t("deliveries.notOpened")}
            </li>
          ))}
        </ul>
      ) : null}
    </section>
  );
}
