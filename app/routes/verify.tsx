import { data, redirect, type MetaFunction } from "@remix-run/node";
import { Form, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { formatDate } from "../components/format";
import { SummaryList } from "../components/forms";
import { translator } from "../i18n/language.server";
import { requestLanguage } from "../http/language.server";
import { pageTitle } from "../root-data";
import { checkPermit } from "../delivery/verification.server";
import { normaliseVerificationCode } from "../delivery/verification-code.server";
import { routeLoader } from "../http/responses.server";
import { communeName } from "../../forms/communes";

export const meta: MetaFunction<typeof loader> = ({ data, matches }) => pageTitle(data?.title, matches);

/** /verify?code=… (the form) and /verify/<code> (the link printed on the permit), open to anyone. */
export const loader = routeLoader(async ({ request, params, db, context }) => {
  const t = await translator(requestLanguage(request));
  const typed = new URL(request.url).searchParams.get("code");
  if (typed !== null && !params.code) {
    const code = normaliseVerificationCode(typed);
    if (code) throw redirect(`/verify/${code}`);
    return data({ title: t("verify.title"), typed, result: null, invalid: true, retryAfterSeconds: null });
  }
  if (!params.code) return data({ title: t("verify.title"), typed: "", result: null, invalid: false, retryAfterSeconds: null });
  const code = params.code.slice(0, 40);
  const checked = await checkPermit(db, code, context.clientAddress ?? "unknown");
  if (checked.throttled) {
    const retryAfterSeconds = checked.retryAfterSeconds;
    return data(
      { title: t("verify.title"), typed: code, result: null, invalid: false, retryAfterSeconds },
      { status: 429, headers: { "Retry-After": String(retryAfterSeconds) } },
    );
  }
  return data({ title: t("verify.title"), typed: code, result: checked.permit, invalid: checked.permit === null, retryAfterSeconds: null });
});

export default function Verify() {
  const { t, i18n } = useTranslation();
  const { typed, result, invalid, retryAfterSeconds } = useLoaderData<typeof loader>();
  const date = (day: string) => formatDate(`${day}T12:00:00Z`, i18n.language);
  return (
    <div className="narrow">
      <h1>{t("verify.title")}</h1>
      <p>{t("verify.intro")}</p>
      {retryAfterSeconds !== null ? (
        <div className="error-summary" role="alert" aria-labelledby="verify-wait" tabIndex={-1}>
          <h2 id="verify-wait">{t("form.errorSummaryTitle")}</h2>
          <p>
            {retryAfterSeconds >= 120
              ? t("verify.waitMinutes", { minutes: Math.ceil(retryAfterSeconds / 60) })
              : t("verify.waitSeconds", { seconds: retryAfterSeconds })}
          </p>
        </div>
      ) : null}
      <Form method="get" action="/verify" className="filters">
        <div className={invalid ? "field field--error" : "field"}>
          <label htmlFor="code">{t("verify.code")}</label>
          {invalid ? (
            <p className="field-error" id="code-error">
              {t("verify.notFound")}
            </p>
          ) : null}
          <input id="code" name="code" className="input" defaultValue={typed} aria-describedby={invalid ? "code-error" : undefined} autoComplete="off" />
        </div>
        <button type="submit" className="button">
          {t("verify.check")}
        </button>
      </Form>
      {result?.document === "annex-49" ? (
        <div className={`panel verify verify--${result.state === "valid" || result.state === "pending" ? "valid" : "expired"}`} role="status">
          <p className="panel__value">
            <strong>{t(`verify.annex49.${result.state}`)}</strong>
          </p>
          <SummaryList
            rows={[
              [t("verify.document"), t("verify.annex49.name")],
              [t("case.reference"), result.reference],
              [t("verify.holder"), result.holderInitials],
              [t("verify.annex49.issuedBy"), communeName(result.commune) ?? "—"],
              [t("pdf.issuedOn"), result.issuedOn ? date(result.issuedOn) : "—"],
              ...(result.card ? [[t("verify.annex49.cardIssued"), t("verify.annex49.cardValue", { type: result.card.type, on: date(result.card.issuedOn) })] as const] : []),
            ]}
          />
        </div>
      ) : null}
      {result?.document === "annex-51" ? (
        <div className={`panel verify verify--${result.state === "valid" ? "valid" : "expired"}`} role="status">
          <p className="panel__value">
            <strong>{t(`verify.annex51.${result.state}`)}</strong>
          </p>
          <SummaryList
            rows={[
              [t("verify.document"), t("verify.annex51.name")],
              [t("case.reference"), result.reference],
              [t("verify.holder"), result.holderInitials],
              [t("verify.annex49.issuedBy"), communeName(result.commune) ?? "—"],
              [t("pdf.issuedOn"), result.issuedOn ? date(result.issuedOn) : "—"],
              [t("verify.annex51.until"), result.validUntil ? date(result.validUntil) : "—"],
            ]}
          />
        </div>
      ) : null}
      {result?.document === "permit" ? (
        <div className={`panel verify verify--${result.state}`} role="status">
          <p className="panel__value">
            <strong>{t(`verify.state.${result.state}`)}</strong>
          </p>
          <SummaryList
            rows={[
              [t("case.reference"), result.reference],
              [t("verify.holder"), result.holderInitials],
              [t("verify.validity"), t("pdf.validityRange", { from: date(result.validFrom), until: date(result.validUntil) })],
              ...(result.revokedOn ? [[t("verify.revokedOn"), date(result.revokedOn)] as const] : []),
              [t("case.authority"), result.authority ? t(`authority.${result.authority}`) : "—"],
            ]}
          />
        </div>
      ) : null}
    </div>
  );
}
