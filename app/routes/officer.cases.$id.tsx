import { data, redirect, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { countryName } from "../../forms/countries";
import { runOfficerIntent } from "../cases/case-intents.server";
import { fileSignal } from "../inspection/signals.server";
import { SIGNAL_REASONS } from "../../forms/inspection-signal";
import { officerCasePage } from "../cases/case-view.server";
import { CaseHistory, CaseSummary, DocumentLinks, FiledDocuments, MessageThread } from "../components/case-details";
import { outcomeOf, SuccessBanner, withOutcome } from "../components/announcements";
import { CaseStatusTag } from "../components/case-status";
import { DeliveryPanel, PermitPanel } from "../components/delivery";
import { formatDate, formatDateTime, formatDays } from "../components/format";
import { CsrfInput, ErrorSummary, SelectField, TextAreaField, type FieldErrors } from "../components/forms";
import { actionFieldId, DecideForm, OfficerActions } from "../components/officer-actions";
import { nextStepOf } from "../cases/decision-outcomes";
import type { CaseEventType } from "../../workflows/case-lifecycle";
import { formValues, readForm } from "../http/form.server";
import { requireRole } from "../http/guards.server";
import { routeAction, routeLoader } from "../http/responses.server";
import { translator } from "../i18n/language.server";
import { requestLanguage } from "../http/language.server";
import { pageTitle } from "../root-data";
import { REVOCATION_STEPS } from "../../workflows/revocation-chain";
import { recordRevocationStep, RevocationStepRefused } from "../revocation/revocation.server";
import { InvalidInputError } from "../errors";
import { RevocationPanel, type RevocationAnswer } from "../components/revocation";

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
  if ((REVOCATION_STEPS as readonly string[]).includes(intent)) {
    // A step of the revocation chain (app/revocation): the OE instructs the commune, or ends the stay.
    const { csrf: _token, ...typed } = values;
    try {
      await recordRevocationStep(db, user, caseId, intent, values);
    } catch (error) {
      if (error instanceof InvalidInputError) return data({ intent, errors: error.errors, values: typed, formError: undefined }, { status: 400 });
      if (error instanceof RevocationStepRefused) return data({ intent, errors: {} as FieldErrors, values: typed, formError: error.messageKey }, { status: 409 });
      throw error;
    }
    return redirect(withOutcome(`/officer/cases/${caseId}#revocation`, "updated"));
  }
  if (intent === "signal") {
    // A signal to the social inspection (issue 14.4): the OE officer's, kept apart from the lifecycle.
    const signalled = await fileSignal(db, user, caseId, { reason: values.signalReason ?? "", facts: values.facts ?? "" });
    if (!signalled.ok) return data({ intent, errors: signalled.errors, values: { signalReason: values.signalReason ?? "", facts: values.facts ?? "" } as Record<string, string>, formError: undefined }, { status: 400 });
    return redirect(withOutcome(`/officer/cases/${caseId}#signals-title`, "sent"));
  }
  const outcome = await runOfficerIntent(db, user, caseId, values);
  if (!outcome.ok) {
    // What was typed comes back with the message, so nothing is lost.
    const typed = Object.fromEntries(["reason", "to", "message", "items", "body", "ground", "category", "outcome"].map((name) => [name, values[name] ?? ""]));
    return data({ intent, errors: outcome.errors, values: typed, formError: outcome.formError }, { status: outcome.conflict ? 409 : 400 });
  }
  // A decision is recorded only from its confirmation page (docs/decisions/020-decide-then-confirm.md).
  if (outcome.goTo === "confirm") return redirect(`/officer/cases/${caseId}/confirm?decision=${outcome.decisionId}`, 303);
  // A rerouted case is no longer this officer's to see: back to his queue.
  if (outcome.goTo === "queue") return redirect(withOutcome("/officer", outcomeOf(intent)));
  const anchor = intent === "message" ? "#messages-title" : intent === "retry-delivery" ? "#deliveries-title" : "";
  return redirect(withOutcome(`/officer/cases/${caseId}${anchor}`, outcomeOf(intent)));
});

/** What the officer must do now and by when, from the lifecycle's allowed steps and the legal clock. */
/** The worker's period without work after this employment ended (app/permits/unemployment.server.ts). */
function UnemploymentPanel({ period }: { period: NonNullable<ReturnType<typeof useLoaderData<typeof loader>>["unemployment"]> }) {
  const { t, i18n } = useTranslation();
  const date = (day: string) => formatDate(`${day}T12:00:00Z`, i18n.language);
  return (
    <section className={period.status === "run-out" ? "notice notice--warning" : "notice"} aria-labelledby="unemployment-title" id="unemployment">
      <h2 id="unemployment-title">{t("officerCase.unemployment.title")}</h2>
      <p>
        {period.daysLeft !== null
          ? t("officerCase.unemployment.running", { from: date(period.startsOn), until: date(period.endsOn), days: formatDays(period.daysLeft, i18n.language) })
          : t(`officerCase.unemployment.${period.status}`, { date: date(period.stoppedOn ?? period.endsOn) })}
      </p>
      <p>{t(`permits.rules.${period.rule}`)}</p>
    </section>
  );
}

/** Signals to the social inspection: on this file, and earlier ones of its employer or worker, with the findings. */
function SignalsPanel({ signals }: { signals: ReturnType<typeof useLoaderData<typeof loader>>["signals"] }) {
  const { t, i18n } = useTranslation();
  const item = (signal: (typeof signals)[number]) => (
    <li key={signal.id}>
      {t("signals.line", { reference: signal.reference, date: formatDate(signal.filedAt, i18n.language), reason: t(`signals.reasons.${signal.reason}`) })}
      {signal.sameEmployer || signal.sameWorker
        ? ` (${[signal.sameEmployer ? t("signals.sameEmployer") : "", signal.sameWorker ? t("signals.sameWorker") : ""].filter(Boolean).join(", ")})`
        : ""}
      <br />
      {signal.finding ? (
        <strong>
          {t("signals.answered", { date: formatDate(signal.answeredAt!, i18n.language), file: signal.inspectionFile ?? "—", finding: t(`signals.findings.${signal.finding}`) })}
        </strong>
      ) : (
        t("signals.open")
      )}
      {signal.note ? <span className="messages__body"> {signal.note}</span> : null}
    </li>
  );
  const own = signals.filter((signal) => signal.onThisCase);
  const earlier = signals.filter((signal) => !signal.onThisCase);
  const warn = signals.some((signal) => signal.finding && signal.finding !== "nothing-found");
  return (
    <section className={warn ? "notice notice--warning" : "notice"} aria-labelledby="signals-title" id="signals">
      <h2 id="signals-title">{t("signals.title")}</h2>
      {signals.length === 0 ? <p>{t("signals.none")}</p> : null}
      {own.length > 0 ? (
        <>
          <h3>{t("signals.thisCase")}</h3>
          <ul>{own.map(item)}</ul>
        </>
      ) : null}
      {earlier.length > 0 ? (
        <>
          <h3>{t("signals.earlier")}</h3>
          <ul>{earlier.map(item)}</ul>
        </>
      ) : null}
    </section>
  );
}

/** The OE officer's report to the social inspection: a reason from the list and the facts. */
function SignalForm({ posted }: { posted: { intent?: string; errors?: FieldErrors; values?: Record<string, string> } }) {
  const { t } = useTranslation();
  const mine = posted.intent === "signal";
  return (
    <section aria-labelledby="signal-form-title">
      <h2 id="signal-form-title">{t("signals.formTitle")}</h2>
      <p className="hint">{t("signals.formIntro")}</p>
      <Form method="post" noValidate>
        <CsrfInput />
        <SelectField
          name="signalReason"
          label={t("signals.reason")}
          placeholder={t("form.choose")}
          options={SIGNAL_REASONS.map((reason) => ({ value: reason, label: t(`signals.reasons.${reason}`) }))}
          defaultValue={mine ? posted.values?.signalReason : undefined}
          error={mine ? posted.errors?.signalReason : undefined}
        />
        <TextAreaField name="facts" label={t("signals.facts")} defaultValue={mine ? posted.values?.facts : undefined} error={mine ? posted.errors?.facts : undefined} />
        <button type="submit" name="intent" value="signal" className="button button--secondary">
          {t("signals.send")}
        </button>
      </Form>
    </section>
  );
}

function NextStepBanner({ allowed, view }: { allowed: CaseEventType[]; view: ReturnType<typeof useLoaderData<typeof loader>>["view"] }) {
  const { t, i18n } = useTranslation();
  const step = nextStepOf(allowed);
  return (
    <div className={view.escalated ? "next-step next-step--overdue" : "next-step"} role="region" aria-labelledby="next-step-title">
      <h2 id="next-step-title" className="next-step__title">
        {t("nextStep.title")}
      </h2>
      <p className="next-step__body">{t(`nextStep.${step}`)}</p>
      {view.dueOn && step !== "none" ? (
        <p className="next-step__due">
          <strong>
            {t(view.clockPhase === "completeness" ? "officerCase.completenessDue" : "officerCase.decisionDue", {
              date: formatDate(`${view.dueOn}T12:00:00Z`, i18n.language),
            })}
          </strong>
          {view.clockSuspended ? ` ${t("officerCase.clockSuspended")}` : ""}
        </p>
      ) : null}
      {view.escalated ? <p>{t("officerCase.escalated")}</p> : null}
    </div>
  );
}

export default function OfficerCase() {
  const { t, i18n } = useTranslation();
  const { view, refusals, signals, canSignal, allowed, deliveries, ebox, salaryCheck, pendingDecision, unemployment, revocation } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const summaryErrors: FieldErrors = {};
  for (const [name, error] of Object.entries(actionData?.errors ?? {})) {
    summaryErrors[actionFieldId(actionData!.intent, name, actionData!.values?.outcome)] = error;
  }
  const posted = { intent: actionData?.intent, errors: actionData?.errors, values: actionData?.values };
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
      <NextStepBanner allowed={allowed} view={view} />
      <div className="case-layout">
        <div className="case-layout__main">
          {/* The evidence first: signals, earlier refusals, the file as filed, its documents and requests. */}
          {view.proposal ? (
            <p className="notice notice--warning" id="proposal">
              {t("officerCase.proposalInadmissible", { date: formatDate(`${view.proposal.dueOn}T12:00:00Z`, i18n.language) })}
            </p>
          ) : null}
          {view.endOfEmploymentReportedOn ? (
            <p className="notice notice--warning">
              {t("officerCase.endOfEmployment", { date: formatDate(`${view.endOfEmploymentReportedOn}T12:00:00Z`, i18n.language) })}
            </p>
          ) : null}
          {unemployment ? <UnemploymentPanel period={unemployment} /> : null}
          {revocation ? <RevocationPanel chain={revocation} answer={posted as RevocationAnswer} /> : null}
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
          <SignalsPanel signals={signals} />
          <CaseSummary view={view} nationalityName={countryName(view.worker.nationality, i18n.language)} showIdentifiers expanded />
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
          {/* Then the decision: one form, confirmed on the next page. */}
          <DecideForm allowed={allowed} version={view.version} proposal={view.proposal} pending={pendingDecision} posted={posted} />
          <OfficerActions allowed={allowed} version={view.version} authority={view.authority} clockCategory={view.clockCategory} posted={posted} />
          {allowed.length === 0 ? <p>{t("caseActions.none")}</p> : null}
          {canSignal ? <SignalForm posted={posted} /> : null}
          <MessageThread
            view={view}
            errors={actionData?.intent === "message" ? actionData.errors : undefined}
            typed={actionData?.intent === "message" ? actionData.values?.body : undefined}
            canPost
          />
        </div>
        <div className="case-layout__side">
          <section className="panel" aria-labelledby="status-title">
            <h2 id="status-title" className="panel__title">
              {t("officerCase.statusTitle")}
            </h2>
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
            {view.clockRule ? (
              <p className="hint">
                {t("officerCase.clockRule", { clock: t(`clockCategory.${view.clockCategory}`), source: t(view.clockRule.sourceKey) })}
                {view.clockRule.unconfirmed ? ` ${t("officerCase.unconfirmed")}` : ""}
              </p>
            ) : null}
            <p className="hint">{t("officerCase.auditNotice")}</p>
          </section>
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
          </section>
          {view.permit ? <PermitPanel permit={view.permit} /> : null}
          <DeliveryPanel deliveries={deliveries} ebox={ebox} />
          <CaseHistory view={view} />
        </div>
      </div>
    </>
  );
}
