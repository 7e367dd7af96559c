import { data, redirect, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import type { FieldErrors } from "../../forms/errors";
import { formatDate, formatDays } from "../components/format";
import { CsrfInput, ErrorSummary, SelectField, SummaryList, TextField } from "../components/forms";
import { formValues, readForm } from "../http/form.server";
import { requireRole } from "../http/guards.server";
import { requestLanguage } from "../http/language.server";
import { routeAction, routeLoader } from "../http/responses.server";
import { translator } from "../i18n/language.server";
import { permitsPage, reportOwnEndOfEmployment } from "../permits/permits.server";
import { pageTitle } from "../root-data";

export const meta: MetaFunction<typeof loader> = ({ data, matches }) => pageTitle(data?.title, matches);

/** The worker's own permits, their limits, the periods without work that run (who may: app/cases/access.server.ts). */
export const loader = routeLoader(async ({ request, db }) => {
  const user = await requireRole(request, db, ["worker"]);
  const t = await translator(requestLanguage(request));
  return {
    title: t("permits.title"),
    ...(await permitsPage(db, user)),
    reported: new URL(request.url).searchParams.get("reported") === "1",
  };
});

interface ActionResult {
  errors: FieldErrors;
  formError: string | null;
  values: { caseId: string; endedOn: string; note: string };
}

/** The worker reports that his employment ended: the unemployment clock starts. */
export const action = routeAction(async ({ request, db }) => {
  const user = await requireRole(request, db, ["worker"]);
  const values = formValues(await readForm(request, user));
  const outcome = await reportOwnEndOfEmployment(db, user, values);
  if (outcome.ok) return redirect("/permits?reported=1#periods-title");
  const typed = { caseId: values.caseId ?? "", endedOn: values.endedOn ?? "", note: values.note ?? "" };
  return data({ errors: outcome.errors, formError: outcome.formError, values: typed } satisfies ActionResult, { status: outcome.conflict ? 409 : 400 });
});

export default function MyPermits() {
  const { t, i18n } = useTranslation();
  const { permits, periods, reported } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const lng = i18n.language;
  const date = (day: string | null) => (day ? formatDate(`${day}T12:00:00Z`, lng) : "—");
  const reportable = permits.filter((permit) => permit.canReportEnd);
  return (
    <>
      <h1>{t("permits.title")}</h1>
      <p>{t("permits.intro")}</p>
      {reported ? (
        <p className="notice" role="status">
          {t("permits.reported")}
        </p>
      ) : null}
      {actionData ? <ErrorSummary errors={actionData.errors} labels={{ endedOn: t("endOfEmployment.date"), note: t("endOfEmployment.note") }} /> : null}
      {actionData?.formError ? (
        <div className="notice notice--warning" role="alert">
          <h2>{t("errors.conflict.title")}</h2>
          <p>{t(actionData.formError)}</p>
        </div>
      ) : null}

      <section aria-labelledby="periods-title">
        <h2 id="periods-title">{t("permits.periods.title")}</h2>
        {periods.length === 0 ? (
          <p>{t("permits.periods.none")}</p>
        ) : (
          periods.map((period) => (
            <div key={period.id} className="panel" data-period={period.status}>
              <h3>{t("permits.periods.heading", { reference: period.reference ?? "—" })}</h3>
              {period.daysLeft !== null ? (
                <p className="clock">
                  <strong>{t("permits.periods.daysLeft", { days: formatDays(period.daysLeft, lng), date: date(period.endsOn) })}</strong>
                </p>
              ) : (
                <p>
                  <strong>{t(`permits.periods.status.${period.status}`, { date: date(period.stoppedOn ?? period.endsOn) })}</strong>
                </p>
              )}
              <SummaryList
                rows={[
                  [t("permits.periods.endedOn"), date(period.employmentEndedOn)],
                  [t("permits.periods.from"), date(period.startsOn)],
                  [t("permits.periods.until"), date(period.endsOn)],
                  [t("permits.periods.rule"), t(`permits.rules.${period.rule}`)],
                  ...(period.earlierDays > 0 ? [[t("permits.periods.earlier"), formatDays(period.earlierDays, lng)] as const] : []),
                  [t("permits.periods.reportedBy"), t(`permits.periods.by.${period.reportedBy}`)],
                ]}
              />
              {period.status === "running" ? <p>{t("permits.periods.stopHint")}</p> : null}
            </div>
          ))
        )}
      </section>

      <section aria-labelledby="list-title">
        <h2 id="list-title">{t("permits.list.title")}</h2>
        {permits.length === 0 ? (
          <p>{t("permits.list.none")}</p>
        ) : (
          permits.map((permit) => (
            <div key={permit.caseId} className="panel" data-permit={permit.reference ?? ""}>
              <h3>{t("permits.list.heading", { reference: permit.reference ?? "—" })}</h3>
              <SummaryList
                rows={[
                  [t("permits.list.status"), t(`statusName.${permit.status}`)],
                  [t("permits.list.employer"), permit.employer ? `${permit.employer.name} (${permit.employer.enterpriseNumber})` : t("permits.list.noEmployer")],
                  [t("permits.list.job"), permit.job ?? "—"],
                  [t("permits.list.category"), permit.category ? t(`categoryName.${permit.category}`) : "—"],
                  [t("permits.list.validity"), t("permits.list.fromUntil", { from: date(permit.validFrom), until: date(permit.validUntil) })],
                  [t("permits.list.labourMarket"), t(`permits.list.market.${permit.labourMarket}`)],
                  [t("permits.list.authority"), permit.authority ? t(`authority.${permit.authority}`) : "—"],
                  ...(permit.endOfEmploymentReportedOn ? [[t("permits.list.endReported"), date(permit.endOfEmploymentReportedOn)] as const] : []),
                  ...(permit.revocation?.facts.informedOn
                    ? [[t("revocation.informedBy", { commune: permit.revocation.communeName ?? "—" }), date(permit.revocation.facts.informedOn)] as const]
                    : []),
                  ...(permit.revocation ? [[t("revocation.nextLabel"), permit.revocation.next.step === "SEARCH" ? t("revocation.next.SEARCH", { until: date(permit.revocation.next.until) }) : t(`revocation.next.${permit.revocation.next.step}`, { commune: permit.revocation.communeName ?? "—" })] as const] : []),
                ]}
              />
              <p>
                <Link to={`/applications/${permit.caseId}`}>{t("permits.list.file", { reference: permit.reference ?? "—" })}</Link>
              </p>
            </div>
          ))
        )}
        <p>
          <Link to="/permits/consents">{t("permits.consents")}</Link>
        </p>
      </section>

      {reportable.length > 0 ? (
        <section aria-labelledby="report-title">
          <h2 id="report-title">{t("permits.report.title")}</h2>
          <p>{t("permits.report.hint")}</p>
          <Form method="post" className="narrow">
            <CsrfInput />
            {reportable.length === 1 ? (
              <input type="hidden" name="caseId" value={reportable[0]!.caseId} />
            ) : (
              <SelectField
                name="caseId"
                label={t("permits.report.permit")}
                placeholder={t("permits.report.choose")}
                options={reportable.map((permit) => ({ value: permit.caseId, label: `${permit.reference ?? ""} – ${permit.employer?.name ?? ""}` }))}
                defaultValue={actionData?.values.caseId}
              />
            )}
            <TextField
              name="endedOn"
              label={t("endOfEmployment.date")}
              hint={t("form.dateHint")}
              width="medium"
              defaultValue={actionData?.values.endedOn}
              error={actionData?.errors.endedOn}
            />
            <TextField name="note" label={t("endOfEmployment.note")} defaultValue={actionData?.values.note} error={actionData?.errors.note} />
            <button type="submit" className="button button--secondary">
              {t("permits.report.button")}
            </button>
          </Form>
        </section>
      ) : null}
    </>
  );
}
