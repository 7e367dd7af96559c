import { data, redirect, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { countryName } from "../../forms/countries";
import { formatEnterpriseNumber, formatPersonNumber } from "../../forms/identifiers";
import { SIGNAL_FINDINGS } from "../../forms/inspection-signal";
import { SuccessBanner, withOutcome } from "../components/announcements";
import { formatDate } from "../components/format";
import { CsrfInput, ErrorSummary, RadioField, SummaryList, TextAreaField, TextField, type FieldErrors } from "../components/forms";
import { formValues, readForm } from "../http/form.server";
import { requireRole } from "../http/guards.server";
import { requestLanguage } from "../http/language.server";
import { routeAction, routeLoader } from "../http/responses.server";
import { translator } from "../i18n/language.server";
import { answerSignal, openSignal } from "../inspection/signals.server";
import { pageTitle } from "../root-data";

export const meta: MetaFunction<typeof loader> = ({ data, matches }) => pageTitle(data?.title, matches);

/** One signal of the Immigration Office, as the inspector reads it (the read is logged) and answers it. */
export const loader = routeLoader(async ({ request, params, db }) => {
  const user = await requireRole(request, db, ["inspector"]);
  const signal = await openSignal(db, user, params.id ?? "");
  const t = await translator(requestLanguage(request));
  return { signal, title: t("signals.pageTitle", { reference: signal.reference }) };
});

export const action = routeAction(async ({ request, params, db }) => {
  const user = await requireRole(request, db, ["inspector"]);
  const values = formValues(await readForm(request, user));
  const typed = { finding: values.finding ?? "", inspectionFile: values.inspectionFile ?? "", note: values.note ?? "" };
  const answered = await answerSignal(db, user, params.id ?? "", typed);
  if (!answered.ok) return data({ errors: answered.errors, values: typed }, { status: 400 });
  return redirect(withOutcome(`/inspector/signals/${params.id}`, "sent"));
});

export default function InspectorSignal() {
  const { t, i18n } = useTranslation();
  const { signal } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const errors: FieldErrors | undefined = actionData?.errors;
  return (
    <>
      <p>
        <Link to="/inspector">{t("signals.back")}</Link>
      </p>
      <SuccessBanner />
      <h1>{t("signals.pageTitle", { reference: signal.reference })}</h1>
      <ErrorSummary errors={errors} labels={{ finding: t("signals.finding"), inspectionFile: t("signals.inspectionFile"), note: t("signals.note") }} />
      <SummaryList
        rows={[
          [t("signals.reference"), signal.reference],
          [t("signals.filedOn"), formatDate(signal.filedAt, i18n.language)],
          [t("signals.reason"), t(`signals.reasons.${signal.reason}`)],
          [t("case.employer"), `${signal.employer ?? "—"}${signal.employerNumber ? ` (${formatEnterpriseNumber(signal.employerNumber)})` : ""}`],
          [
            t("case.worker"),
            `${signal.worker ?? "—"}${signal.workerPersonNumber ? ` (${formatPersonNumber(signal.workerPersonNumber)})` : ""}${signal.nationality ? `, ${countryName(signal.nationality, i18n.language)}` : ""}`,
          ],
        ]}
      />
      <h2>{t("signals.facts")}</h2>
      <p className="messages__body">{signal.facts}</p>
      {signal.finding ? (
        <section className="notice" aria-labelledby="answered-title">
          <h2 id="answered-title">{t("signals.answeredTitle")}</h2>
          <p>
            {t("signals.answered", { date: formatDate(signal.answeredAt!, i18n.language), file: signal.inspectionFile ?? "—", finding: t(`signals.findings.${signal.finding}`) })}
          </p>
          {signal.note ? <p className="messages__body">{signal.note}</p> : null}
        </section>
      ) : (
        <Form method="post" className="narrow" noValidate aria-labelledby="findings-title">
          <h2 id="findings-title">{t("signals.findingsTitle")}</h2>
          <CsrfInput />
          <RadioField
            name="finding"
            label={t("signals.finding")}
            options={SIGNAL_FINDINGS.map((finding) => ({ value: finding, label: t(`signals.findings.${finding}`) }))}
            defaultValue={actionData?.values.finding}
            error={errors?.finding}
          />
          <TextField name="inspectionFile" label={t("signals.inspectionFile")} hint={t("inspection.fileNumberHint")} width="medium" defaultValue={actionData?.values.inspectionFile} error={errors?.inspectionFile} />
          <TextAreaField name="note" label={t("signals.note")} hint={t("signals.noteHint")} defaultValue={actionData?.values.note} error={errors?.note} />
          <button type="submit" className="button">
            {t("signals.record")}
          </button>
        </Form>
      )}
    </>
  );
}
