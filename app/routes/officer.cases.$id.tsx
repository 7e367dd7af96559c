import { data, redirect, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { countryName } from "../../forms/countries";
import { runOfficerIntent } from "../cases/case-intents.server";
import { officerCasePage } from "../cases/case-view.server";
import { CaseHistory, CaseSummary, DocumentLinks, FiledDocuments, MessageThread } from "../components/case-details";
import { outcomeOf, SuccessBanner, withOutcome } from "../components/announcements";
import { CaseStatusTag } from "../components/case-status";
import { DeliveryPanel, PermitPanel } from "../components/delivery";
import { formatDate, formatDateTime } from "../components/format";
import { CsrfInput, ErrorSummary, type FieldErrors } from "../components/forms";
import { actionFieldId, OfficerActions } from "../components/officer-actions";
import { formValues, readForm } from "../http/form.server";
import { requireRole } from "../http/guards.server";
import { routeAction, routeLoader } from "../http/responses.server";
import { translator } from "../i18n/language.server";
import { requestLanguage } from "../http/language.server";
import { pageTitle } from "../root-data";

export const meta: MetaFunction<typeof loader> = ({ data, matches }) => pageTitle(data?.title, matches);

export const loader = routeLoader(async ({ request, params, db }) => {
  const user = await requireRole(request, db, ["regional-officer", "oe-officer"]);
  const page = await officerCasePage(db, user, params.id ?? "");
  const t = await translator(requestLanguage(request));
  return { ...page, title: t("officerCase.title", { reference: page.view.reference }) };
});

export const action = routeAction(async ({ request, params, db }) => {
  const user = await requireRole(request, db, ["regional-officer", "oe-officer"]);
  const caseId = params.id ?? "";
  const values = formValues(await readForm(request, user));
  const intent = values.intent ?? "";
  const outcome = await runOfficerIntent(db, user, caseId, values);
  if (!outcome.ok) {
    // What was typed comes back with the message, so nothing is lost.
    const typed = Object.fromEntries(["reason", "to", "message", "items", "body", "ground", "category"].map((name) => [name, values[name] ?? ""]));
    return data({ intent, errors: outcome.errors, values: typed, formError: outcome.formError }, { status: outcome.conflict ? 409 : 400 });
  }
  // A rerouted case is no longer this officer's to see: back to his queue.
  if (outcome.goTo === "queue") return redirect(withOutcome("/officer", outcomeOf(intent)));
  const anchor = intent === "message" ? "#messages-title" : intent === "retry-delivery" ? "#deliveries-title" : "";
  return redirect(withOutcome(`/officer/cases/${caseId}${anchor}`, outcomeOf(intent)));
});

export default function OfficerCase() {
  const { t, i18n } = useTranslation();
  const { view, refusals, allowed, deliveries, ebox, salaryCheck } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const summaryErrors: FieldErrors = {};
  for (const [name, error] of Object.entries(actionData?.errors ?? {})) {
    summaryErrors[actionFieldId(actionData!.intent, name)] = error;
  }
  return (
    <>
      <p>
        <Link to="/officer">{t("officerCase.back")}</Link>
      </p>
      <SuccessBanner />
      <h1>{t("officerCase.title", { reference: view.reference })}</h1>
      {actionData?.formError ? (
        <div className="error-summary" role="alert">
          <h2>{t("form.errorSummaryTitle")}</h2>
          <p>{t(actionData.formError)}</p>
        </div>
      ) : null}
      <ErrorSummary errors={summaryErrors} />
      <div className="panel">
        <p className="panel__value">
          <CaseStatusTag t={t} status={view.status} authority={view.authority} audience="officer" />
        </p>
        {view.dueOn ? (
          <p>
            {t(view.clockPhase === "completeness" ? "officerCase.completenessDue" : "officerCase.decisionDue", {
              date: formatDate(`${view.dueOn}T12:00:00Z`, i18n.language),
            })}
            {view.clockSuspended ? ` ${t("officerCase.clockSuspended")}` : ""}
          </p>
        ) : null}
        {view.escalated ? <p className="notice notice--warning">{t("officerCase.escalated")}</p> : null}
        {view.proposal ? (
          <p className="notice notice--warning" id="proposal">
            {t("officerCase.proposalInadmissible", { date: formatDate(`${view.proposal.dueOn}T12:00:00Z`, i18n.language) })}
          </p>
        ) : null}
        {view.clockRule ? (
          <p className="hint">
            {t("officerCase.clockRule", { clock: t(`clockCategory.${view.clockCategory}`), source: t(view.clockRule.sourceKey) })}
            {view.clockRule.unconfirmed ? ` ${t("officerCase.unconfirmed")}` : ""}
          </p>
        ) : null}
        {view.endOfEmploymentReportedOn ? (
          <p className="notice notice--warning">
            {t("officerCase.endOfEmployment", { date: formatDate(`${view.endOfEmploymentReportedOn}T12:00:00Z`, i18n.language) })}
          </p>
        ) : null}
        <p className="hint">{t("officerCase.auditNotice")}</p>
      </div>
      {refusals.length > 0 ? (
        <section className="notice notice--warning" aria-labelledby="refusals-title">
          <h2 id="refusals-title">{t("officerCase.refusalsTitle")}</h2>
          <ul>
            {refusals.map((refusal) => (
              <li key={refusal.reference}>
                {t("officerCase.refusal", {
                  reference: refusal.reference,
                  authority: refusal.authority ? t(`authority.${refusal.authority}`) : "",
                  date: refusal.decidedAt ? formatDate(refusal.decidedAt, i18n.language) : "",
                  reason: refusal.reason ?? "—",
                })}
              </li>
            ))}
          </ul>
        </section>
      ) : null}
      <section aria-labelledby="work-title">
        <h2 id="work-title">{t("officerCase.workTitle")}</h2>
        <p>
          {view.assignedTo ? t("officerCase.assignedTo", { name: view.assignedTo }) : t("officerCase.unassigned")}
          {view.incompleteMarked ? ` · ${t("officerCase.incompleteMarked")}` : ""}
        </p>
        <Form method="post" className="inline-actions">
          <CsrfInput />
          <button type="submit" name="intent" value={view.assignedToMe ? "release" : "claim"} className="button button--secondary">
            {t(view.assignedToMe ? "officerCase.release" : "officerCase.claim")}
          </button>{" "}
          <button
            type="submit"
            name="intent"
            value={view.incompleteMarked ? "unmark-incomplete" : "mark-incomplete"}
            className="button button--secondary"
          >
            {t(view.incompleteMarked ? "officerCase.unmarkIncomplete" : "officerCase.markIncomplete")}
          </button>
        </Form>
        <OfficerActions
          allowed={allowed}
          version={view.version}
          authority={view.authority}
          clockCategory={view.clockCategory}
          proposal={view.proposal}
          intent={actionData?.intent}
          errors={actionData?.errors}
          values={actionData?.values}
        />
      </section>
      {salaryCheck ? (
        <section aria-labelledby="salary-title">
          <h2 id="salary-title">{t("officerCase.salaryTitle")}</h2>
          <ul>
            <li>
              {t("officerCase.salaryMinimum", { minimum: salaryCheck.minimum.annual, monthly: salaryCheck.minimum.monthly, salary: salaryCheck.salary })}
              {salaryCheck.minimum.unconfirmed ? ` ${t("officerCase.unconfirmed")}` : ""}
            </li>
            {salaryCheck.threshold ? (
              <li>
                {t("officerCase.salaryThreshold", { threshold: salaryCheck.threshold.amount, grid: salaryCheck.threshold.grid, source: salaryCheck.threshold.source })}
                {salaryCheck.threshold.unconfirmed ? <strong> {t("officerCase.unconfirmed")}</strong> : null}
              </li>
            ) : (
              <li>{t("officerCase.salaryNoGrid")}</li>
            )}
            {salaryCheck.turns30On ? <li>{t("officerCase.turns30", { date: formatDate(`${salaryCheck.turns30On}T12:00:00Z`, i18n.language) })}</li> : null}
          </ul>
        </section>
      ) : null}
      {view.permit ? <PermitPanel permit={view.permit} /> : null}
      <DeliveryPanel deliveries={deliveries} ebox={ebox} />
      <CaseSummary view={view} nationalityName={countryName(view.worker.nationality, i18n.language)} showIdentifiers />
      <FiledDocuments view={view} />
      <section aria-labelledby="requests-title">
        <h2 id="requests-title">{t("requests.title")}</h2>
        {view.requests.length === 0 ? <p>{t("requests.none")}</p> : null}
        {view.requests.map((request) => (
          <div key={request.id} className="request">
            <p>
              {t("requests.askedBy", {
                authority: t(`authority.${request.authority}`),
                date: formatDate(request.createdAt, i18n.language),
                due: formatDate(`${request.dueOn}T12:00:00Z`, i18n.language),
              })}
              {request.answeredAt ? ` · ${t("requests.answeredOn", { date: formatDateTime(request.answeredAt, i18n.language) })}` : ""}
            </p>
            <p className="messages__body">{request.message}</p>
            <ul>
              {request.items.map((item) => (
                <li key={item.id}>
                  {item.label}: {item.documents.length === 0 ? t("requests.noFile") : <DocumentLinks documents={item.documents} />}
                </li>
              ))}
            </ul>
          </div>
        ))}
      </section>
      <CaseHistory view={view} />
      <MessageThread
        view={view}
        errors={actionData?.intent === "message" ? actionData.errors : undefined}
        typed={actionData?.intent === "message" ? actionData.values?.body : undefined}
        canPost
      />
    </>
  );
}
