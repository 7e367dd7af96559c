import { data, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { formatEnterpriseNumber, formatPersonNumber } from "../../forms/identifiers";
import { formatDate } from "../components/format";
import { CsrfInput, ErrorSummary, SummaryList, TextField, type FieldErrors } from "../components/forms";
import { translator } from "../i18n/language.server";
import { requestLanguage } from "../http/language.server";
import { pageTitle } from "../root-data";
import { requireRole } from "../http/guards.server";
import { field, readForm } from "../http/form.server";
import { searchCadastre, validateInspectionQuery, type InspectionQuery } from "../inspection/inspection.server";
import { openSignals } from "../inspection/signals.server";
import { routeLoader, routeAction } from "../http/responses.server";

export const meta: MetaFunction<typeof loader> = ({ data, matches }) => pageTitle(data?.title, matches);

export const loader = routeLoader(async ({ request, db }) => {
  const user = await requireRole(request, db, ["inspector"]);
  const t = await translator(requestLanguage(request));
  // The signals the Immigration Office sent and no findings answer yet (app/inspection/signals.server.ts).
  return { title: t("inspection.title"), signals: await openSignals(db, user) };
});

/** A search is a POST: it carries its purpose, and nothing is shown without one. */
export const action = routeAction(async ({ request, db }) => {
  const user = await requireRole(request, db, ["inspector"]);
  const form = await readForm(request, user);
  const values: InspectionQuery = {
    fileNumber: field(form, "fileNumber", 40),
    reason: field(form, "reason", 501),
    personNumber: field(form, "personNumber", 20),
    familyName: field(form, "familyName", 100),
    birthDate: field(form, "birthDate", 10),
    enterpriseNumber: field(form, "enterpriseNumber", 20),
  };
  const checked = validateInspectionQuery(values);
  if (!checked.ok) return data({ values, errors: checked.errors, results: null }, { status: 400 });
  const results = await searchCadastre(db, user, checked.purpose, checked.criteria);
  return { values, errors: {} as FieldErrors, results };
});

export default function InspectorSearch() {
  const { t, i18n } = useTranslation();
  const actionData = useActionData<typeof action>();
  const { signals } = useLoaderData<typeof loader>();
  const values = actionData?.values;
  const errors = actionData?.errors;
  const date = (day: string | null) => (day ? formatDate(`${day}T12:00:00Z`, i18n.language) : "—");
  return (
    <>
      <h1>{t("inspection.title")}</h1>
      <section aria-labelledby="signals-title">
        <h2 id="signals-title">{t("signals.inspectorTitle")}</h2>
        <p className="hint">{t("signals.inspectorIntro")}</p>
        {signals.length === 0 ? (
          <p>{t("signals.noneOpen")}</p>
        ) : (
          <ul>
            {signals.map((signal) => (
              <li key={signal.id}>
                <Link to={`/inspector/signals/${signal.id}`}>
                  {t("signals.openLink", { reference: signal.reference, reason: t(`signals.reasons.${signal.reason}`), date: formatDate(signal.filedAt, i18n.language) })}
                </Link>
              </li>
            ))}
          </ul>
        )}
      </section>
      <h2>{t("inspection.searchTitle")}</h2>
      <p>{t("inspection.intro")}</p>
      <ErrorSummary errors={errors} labels={{ birthDate: t("case.birthDate") }} />
      <Form method="post" className="narrow" noValidate>
        <CsrfInput />
        <fieldset className="fieldset">
          <legend>{t("inspection.purposeLegend")}</legend>
          <TextField name="fileNumber" label={t("inspection.fileNumber")} hint={t("inspection.fileNumberHint")} width="medium" defaultValue={values?.fileNumber} error={errors?.fileNumber} />
          <TextField name="reason" label={t("inspection.reason")} defaultValue={values?.reason} error={errors?.reason} />
        </fieldset>
        <fieldset className="fieldset">
          <legend>{t("inspection.criteriaLegend")}</legend>
          <p className="hint">{t("inspection.criteriaHint")}</p>
          <TextField name="personNumber" label={t("case.personNumber")} width="medium" defaultValue={values?.personNumber} error={errors?.personNumber} />
          <TextField name="familyName" label={t("newApplication.familyName")} defaultValue={values?.familyName} error={errors?.familyName} />
          <TextField name="birthDate" label={t("case.birthDate")} hint={t("form.dateHint")} width="medium" defaultValue={values?.birthDate} error={errors?.birthDate} />
          <TextField name="enterpriseNumber" label={t("inspection.enterpriseNumber")} width="medium" defaultValue={values?.enterpriseNumber} error={errors?.enterpriseNumber} />
        </fieldset>
        <button type="submit" className="button">
          {t("inspection.search")}
        </button>
      </Form>
      {actionData?.results ? (
        <section aria-labelledby="results-title">
          <h2 id="results-title">{t("inspection.results", { count: actionData.results.permits.length })}</h2>
          {actionData.results.permits.map((permit) => (
            <div key={permit.reference} className="request">
              <p className="panel__value">
                <strong>{t(`inspection.status.${permit.status}`)}</strong> – {permit.reference}
              </p>
              <SummaryList
                rows={[
                  [t("case.worker"), `${permit.worker}${permit.workerPersonNumber ? ` (${formatPersonNumber(permit.workerPersonNumber)})` : ""}`],
                  [t("case.employer"), `${permit.employer ?? "—"}${permit.employerNumber ? ` (${formatEnterpriseNumber(permit.employerNumber)})` : ""}`],
                  [t("pdf.job"), `${permit.job ?? "—"}, ${permit.placeOfWork ?? "—"}`],
                  [t("verify.validity"), permit.validFrom ? t("pdf.validityRange", { from: date(permit.validFrom), until: date(permit.validUntil) }) : "—"],
                  [t("case.authority"), t(`authority.${permit.authority}`)],
                  ...(permit.limosaL1 ? [[t("inspection.limosaL1"), permit.limosaL1] as [string, string]] : []),
                  ...(permit.foreignAddress ? [[t("inspection.foreignAddress"), permit.foreignAddress] as [string, string]] : []),
                ]}
              />
              <h3>{t("inspection.history")}</h3>
              <ul>
                {permit.history.map((line, index) => (
                  <li key={index}>
                    {date(line.on)}: {t(`inspection.status.${line.status}`)}
                    {line.reason ? ` – ${line.reason}` : ""}
                  </li>
                ))}
              </ul>
              {permit.unemployment.length ? (
                <>
                  <h3>{t("inspection.unemployment.title")}</h3>
                  <ul>
                    {permit.unemployment.map((period) => (
                      <li key={period.from}>{t(`inspection.unemployment.${period.status}`, { from: date(period.from), until: date(period.until), date: date(period.on) })}</li>
                    ))}
                  </ul>
                </>
              ) : null}
            </div>
          ))}
        </section>
      ) : null}
      {actionData?.results ? (
        <section aria-labelledby="records-title">
          <h2 id="records-title">{t("inspection.records", { count: actionData.results.records.length })}</h2>
          <p className="hint">{t("inspection.recordsHint")}</p>
          {actionData.results.records.map((record) => (
            <div key={record.reference} className="request">
              <p className="panel__value">
                <strong>{t(`inspection.kind.${record.kind}`)}</strong> – {record.reference}
              </p>
              <SummaryList
                rows={[
                  [t("case.worker"), `${record.worker}${record.workerPersonNumber ? ` (${formatPersonNumber(record.workerPersonNumber)})` : ""}`],
                  [t("case.employer"), `${record.employer ?? "—"}${record.employerNumber ? ` (${formatEnterpriseNumber(record.employerNumber)})` : ""}`],
                  [t("inspection.decisionDate"), date(record.decisionDate)],
                  [t("inspection.annex"), record.annex],
                  [t("verify.validity"), record.validFrom ? t("pdf.validityRange", { from: date(record.validFrom), until: date(record.validUntil) }) : "—"],
                  [t("case.authority"), t(`authority.${record.authority}`)],
                  [t("inspection.limosaL1"), record.limosaL1 ?? "—"],
                  [t("inspection.foreignAddress"), record.foreignAddress ?? "—"],
                ]}
              />
            </div>
          ))}
        </section>
      ) : null}
    </>
  );
}
