import { data, redirect, type MetaFunction } from "@remix-run/node";
import { outcomeOf, SuccessBanner, withOutcome } from "../components/announcements";
import { Form, Link, useActionData, useLoaderData, useLocation } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { countryName } from "../../forms/countries";
import { MAX_FILE_BYTES, MAX_FILES_PER_UPLOAD } from "../../forms/documents";
import { requireCase } from "../cases/access.server";
import { runApplicantIntent } from "../cases/case-intents.server";
import { applicantCasePage } from "../cases/case-view.server";
import { isDraftOf } from "../cases/filing.server";
import { NotFoundError } from "../errors";
import { CaseHistory, CaseSummary, FiledDocuments, MessageThread } from "../components/case-details";
import { auditActionKind } from "../components/audit";
import { CaseStatusTag, ExpectedDecision } from "../components/case-status";
import { PermitPanel } from "../components/delivery";
import { decisionContent } from "../delivery/decision-content";
import { grantsPermit } from "../delivery/decision-types";
import { formatBytes, formatDate, formatDateTime } from "../components/format";
import { CsrfInput, TextField, type FieldErrors } from "../components/forms";
import { addRequestedDocuments, openRequestSlots } from "../documents/documents.server";
import { localDocumentStore } from "../documents/store.server";
import { formValues, readForm } from "../http/form.server";
import { requireRole } from "../http/guards.server";
import { routeAction, routeLoader } from "../http/responses.server";
import { readUploadForm } from "../http/upload.server";
import { translator } from "../i18n/language.server";
import { requestLanguage } from "../http/language.server";
import { pageTitle } from "../root-data";
import { residenceOf } from "../residence/residence.server";
import { revocationOf } from "../revocation/revocation.server";
import { RevocationPanel } from "../components/revocation";
import { ResidenceSteps } from "../components/residence";
import { visaPostName } from "../../forms/visa-posts";
import { communeName } from "../../forms/communes";

export const meta: MetaFunction<typeof loader> = ({ data, matches }) => pageTitle(data?.title, matches);

export const loader = routeLoader(async ({ request, params, db }) => {
  const user = await requireRole(request, db, ["employer", "worker", "resident"]);
  const id = params.id ?? "";
  const page = await applicantCasePage(db, user, id).catch(async (error: unknown) => {
    // A draft has no status yet: it is continued in the form, by those who may. Asked only
    // when no filed case has this id, which saves every status page a query.
    if (error instanceof NotFoundError && (await isDraftOf(db, user, id))) throw redirect(`/applications/drafts/${id}`);
    throw error;
  });
  const t = await translator(requestLanguage(request));
  return {
    ...page,
    // After the grant: the visa at the post, the arrival, annex 49 and card at the commune.
    residence: await residenceOf(db, page.view.id),
    // After the region ended the work authorisation: who acts next, and what the commune did (app/revocation).
    revocation: await revocationOf(db, page.view.id, null),
    title: t("status.title", { reference: page.view.reference }),
    justSubmitted: new URL(request.url).searchParams.get("submitted") === "1" && page.view.events.length === 1,
    maxFileMegabytes: MAX_FILE_BYTES / 1024 / 1024,
    uploadMegabytes: (MAX_FILE_BYTES * MAX_FILES_PER_UPLOAD) / 1024 / 1024,
  };
});

type ActionResult = {
  intent: string;
  errors: FieldErrors;
  formError: string | null;
  uploadErrors: { item: string; fileName: string; reason: string }[];
  /** What was typed, shown again beside what is wrong with it. */
  values?: Record<string, string>;
};

export const action = routeAction(async ({ request, params, db }) => {
  const user = await requireRole(request, db, ["employer", "resident"]);
  const caseId = params.id ?? "";
  const result = (partial: Partial<ActionResult>, status: number) =>
    data({ intent: "", errors: {}, formError: null, uploadErrors: [], ...partial } as ActionResult, { status });

  if ((request.headers.get("Content-Type") ?? "").startsWith("multipart/form-data")) {
    // Files for the open requests' items: each checked on the server, kept or refused one by one.
    const row = await requireCase(db, { user }, caseId, "act-as-applicant");
    const slots = await openRequestSlots(db, row.id);
    const upload = await readUploadForm(request, user, slots.map((slot) => slot.field));
    // Over the limit of one upload, or a body we cannot read: said on this page, nothing kept.
    if (!upload.ok) return result({ intent: "upload", formError: `upload.problems.${upload.problem}` }, upload.problem === "too-large" ? 413 : 400);
    const labelOf = (field: string) => slots.find((slot) => slot.field === field)?.label ?? "";
    const refused = await addRequestedDocuments(db, localDocumentStore(), user, row, upload.files);
    const uploadErrors = [
      ...upload.rejected.map((rejection) => ({ item: labelOf(rejection.field), fileName: rejection.fileName, reason: rejection.reason })),
      ...refused,
    ];
    if (uploadErrors.length > 0) return result({ intent: "upload", uploadErrors }, 400);
    return redirect(withOutcome(`/applications/${row.id}#requests-title`, "uploaded"));
  }

  const values = formValues(await readForm(request, user));
  const outcome = await runApplicantIntent(db, user, caseId, values);
  if (!outcome.ok) {
    const typed = { body: values.body ?? "", endedOn: values.endedOn ?? "", note: values.note ?? "" };
    return result({ intent: values.intent ?? "", errors: outcome.errors, formError: outcome.formError, values: typed }, outcome.conflict ? 409 : 400);
  }
  const anchor = values.intent === "message" ? "#messages-title" : values.intent === "remove-document" ? "#requests-title" : "";
  return redirect(withOutcome(`/applications/${caseId}${anchor}`, outcomeOf(values.intent ?? "")));
});

export default function ApplicationStatus() {
  const { t, i18n } = useTranslation();
  const { view, consulted, canAct, allowed, maxFileMegabytes, uploadMegabytes, deliveryState, canReportEnd, canRenew, justSubmitted, decisionTerm, expectation, oppositionWindow, residence, revocation } =
    useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  // A new page after an upload: the file inputs start empty again (with JavaScript they would keep what they sent).
  const location = useLocation();
  const openRequests = view.requests.filter((request) => !request.answeredAt);
  // The decision in the same words as its document and e-Box message: who decided, and how to appeal.
  // A change of employer's allowance is shown with its words (it is no annex 46 or 47).
  const decided = view.decisionDocument && (!grantsPermit(view.decisionDocument) || view.decisionDocument.startsWith("change-allowed")) ? decisionContent(t, view.decisionDocument, view.authority ?? "") : null;
  const date = (day: string) => formatDate(`${day}T12:00:00Z`, i18n.language);
  return (
    <>
      <p>
        <Link to="/applications">{t("status.back")}</Link>
      </p>
      <SuccessBanner />
      <h1>{t("status.title", { reference: view.reference })}</h1>
      {actionData?.formError || (actionData?.uploadErrors.length ?? 0) > 0 ? (
        <div className="error-summary" role="alert" tabIndex={-1}>
          <h2>{t("form.errorSummaryTitle")}</h2>
          {actionData?.formError ? <p>{t(actionData.formError, { total: uploadMegabytes })}</p> : null}
          <ul>
            {actionData?.uploadErrors.map((error, index) => (
              <li key={index}>
                {t(`upload.errors.${error.reason}`, { file: error.fileName, item: error.item, max: maxFileMegabytes })}
              </li>
            ))}
          </ul>
        </div>
      ) : null}
      {justSubmitted ? (
        <section className="confirmation" aria-labelledby="confirmation-title">
          <h2 id="confirmation-title">{t("confirmation.title")}</h2>
          <p>{t("confirmation.reference", { reference: view.reference })}</p>
          <p>{t("confirmation.next", { authority: view.authority ? t(`authority.${view.authority}`) : "" })}</p>
          {view.dueOn ? (
            <p>
              {"months" in decisionTerm
                ? t("confirmation.deadlinesMonths", { date: date(view.dueOn), months: decisionTerm.months })
                : t("confirmation.deadlines", { date: date(view.dueOn), days: decisionTerm.days })}
            </p>
          ) : null}
        </section>
      ) : null}
      <div className="panel" aria-live="polite">
        <p className="panel__label">{t("status.currentlyLabel")}</p>
        <p className="panel__value">
          <CaseStatusTag t={t} status={view.status} authority={view.authority} />
        </p>
        {oppositionWindow ? (
          <p>
            {oppositionWindow.state === "open"
              ? t("changeOfEmployer.tracker.open", { date: date(oppositionWindow.endsOn), days: oppositionWindow.daysLeft })
              : t("changeOfEmployer.tracker.lapsed", { date: date(oppositionWindow.endsOn) })}
          </p>
        ) : view.dueOn ? (
          <p>
            {view.clockPhase === "completeness"
              ? t("status.completenessBy", { date: date(view.dueOn) })
              : t("status.decisionBy", { date: date(view.dueOn) })}
            {view.clockSuspended ? ` ${t("status.clockSuspended")}` : ""}
          </p>
        ) : null}
        {view.decision?.reason ? <p>{t("status.reason", { reason: view.decision.reason })}</p> : null}
      </div>
      {expectation && view.authority ? <ExpectedDecision t={t} language={i18n.language} expectation={expectation} authority={view.authority} /> : null}
      {decided ? (
        <section aria-labelledby="decision-title" className="notice">
          <h2 id="decision-title">{decided.title}</h2>
          <p>
            {decided.issuer} – {decided.subtitle}
          </p>
          <p>{decided.body}</p>
          {decided.appeal ? (
            <>
              <h3>{t("decision.appealTitle")}</h3>
              <p id="decision-appeal">{decided.appeal}</p>
            </>
          ) : null}
        </section>
      ) : null}
      {view.permit ? <PermitPanel permit={view.permit} /> : null}
      {canRenew ? (
        <p>
          <Link className="button button--secondary" to={`/applications/new?renew=${view.id}`}>
            {t("status.renew")}
          </Link>
        </p>
      ) : null}
      {deliveryState ? (
        <p className={deliveryState === "delayed" ? "notice notice--warning" : "notice"}>
          {t(`delivery.${deliveryState}`)} <Link to="/ebox">{t("delivery.openEbox")}</Link>
        </p>
      ) : null}
      {view.endOfEmploymentReportedOn ? (
        <p className="notice">{t("endOfEmployment.reported", { date: date(view.endOfEmploymentReportedOn) })}</p>
      ) : null}
      <ol className="tracker" aria-label={t("tracker.label")}>
        {view.tracker.map((step) => (
          <li key={step.key} className={`tracker--${step.state}`} aria-current={step.state === "current" ? "step" : undefined}>
            <span className="visually-hidden">{t(`tracker.state.${step.state}`)}: </span>
            {t(`tracker.${step.key}`)}
            {step.at ? (
              <>
                <br />
                <time dateTime={step.at}>{formatDate(step.at, i18n.language)}</time>
              </>
            ) : null}
          </li>
        ))}
        {decided && view.decidedAt ? (
          <li className="tracker--done">
            <span className="visually-hidden">{t("tracker.state.done")}: </span>
            {decided.title}
            <br />
            <time dateTime={view.decidedAt}>{formatDate(view.decidedAt, i18n.language)}</time>
          </li>
        ) : null}
      </ol>

      {residence ? <ResidenceSteps residence={residence} /> : null}
      {revocation ? <RevocationPanel chain={revocation} /> : null}

      <section aria-labelledby="requests-title">
        <h2 id="requests-title">{t("requests.title")}</h2>
        {openRequests.length === 0 ? <p>{t("requests.noneOpen")}</p> : null}
        {openRequests.map((request) => (
          <div key={request.id} className="request">
            <p>
              <strong>
                {t("requests.askedBy", {
                  authority: t(`authority.${request.authority}`),
                  date: formatDate(request.createdAt, i18n.language),
                  due: date(request.dueOn),
                })}
              </strong>
            </p>
            <p className="messages__body">{request.message}</p>
            {request.items.map((item) => (
              <div key={item.id} className="field">
                <p className="request__item">{item.label}</p>
                <ul>
                  {item.documents.map((document) => (
                    <li key={document.id}>
                      {document.fileName} ({formatBytes(document.sizeBytes, i18n.language)}){" "}
                      {canAct ? (
                        <Form method="post" className="inline-form inline-form--plain">
                          <CsrfInput />
                          <input type="hidden" name="documentId" value={document.id} />
                          <button type="submit" name="intent" value="remove-document" className="button--text">
                            {t("upload.remove", { file: document.fileName })}
                          </button>
                        </Form>
                      ) : null}
                    </li>
                  ))}
                </ul>
              </div>
            ))}
            {canAct ? (
              <>
                <Form method="post" encType="multipart/form-data" className="upload-form" key={location.key}>
                  <CsrfInput />
                  <p className="hint">{t("upload.hint", { max: maxFileMegabytes })}</p>
                  {request.items.map((item) => (
                    <div key={item.id} className="field">
                      <label htmlFor={`file-${item.id}`}>{t("upload.addFor", { item: item.label })}</label>
                      <input id={`file-${item.id}`} name={`file-${item.id}`} type="file" multiple accept=".pdf,.jpg,.jpeg,.png,application/pdf,image/jpeg,image/png" />
                    </div>
                  ))}
                  <button type="submit" name="intent" value="upload" className="button button--secondary">
                    {t("upload.button")}
                  </button>
                </Form>
                {allowed.includes("DOCUMENTS_PROVIDED") ? (
                  <Form method="post">
                    <CsrfInput />
                    <input type="hidden" name="version" value={view.version} />
                    <button type="submit" name="intent" value="DOCUMENTS_PROVIDED" className="button">
                      {t("requests.send")}
                    </button>
                  </Form>
                ) : null}
              </>
            ) : null}
          </div>
        ))}
      </section>

      <CaseSummary view={view} nationalityName={countryName(view.worker.nationality, i18n.language)} showIdentifiers={false} />
      <FiledDocuments view={view} />
      <CaseHistory view={view} />
      <MessageThread
        view={view}
        errors={actionData?.intent === "message" ? actionData.errors : undefined}
        typed={actionData?.intent === "message" ? actionData.values?.body : undefined}
        canPost={canAct}
      />

      <section aria-labelledby="consulted-title">
        <h2 id="consulted-title">{t("consulted.title")}</h2>
        {consulted.length === 0 ? (
          <p>{t("consulted.none")}</p>
        ) : (
          <ul>
            {consulted.map((entry, index) => (
              <li key={index}>
                {t("consulted.entry", {
                  authority:
                    entry.role === "diplomatic-post"
                      ? t("residence.consultedPost", { post: visaPostName(entry.authority ?? "", i18n.language) ?? "" })
                      : entry.role === "commune"
                        ? t("residence.consultedCommune", { commune: communeName(entry.authority) ?? "" })
                        : entry.authority
                          ? t(`authority.${entry.authority}`)
                          : "",
                  date: formatDateTime(entry.at, i18n.language),
                  action: t(`audit.actions.${auditActionKind(entry.action)}`),
                  purpose: t(`audit.purposes.${entry.purpose}`, { defaultValue: entry.purpose }),
                })}
              </li>
            ))}
          </ul>
        )}
      </section>

      {canReportEnd ? (
        <section aria-labelledby="end-title">
          <h2 id="end-title">{t("endOfEmployment.title")}</h2>
          <p>{t("endOfEmployment.hint")}</p>
          <Form method="post" className="narrow">
            <CsrfInput />
            <TextField
              name="endedOn"
              label={t("endOfEmployment.date")}
              hint={t("form.dateHint")}
              width="medium"
              defaultValue={actionData?.intent === "end-of-employment" ? actionData.values?.endedOn : undefined}
              error={actionData?.intent === "end-of-employment" ? actionData.errors.endedOn : undefined}
            />
            <TextField
              name="note"
              label={t("endOfEmployment.note")}
              defaultValue={actionData?.intent === "end-of-employment" ? actionData.values?.note : undefined}
              error={actionData?.intent === "end-of-employment" ? actionData.errors.note : undefined}
            />
            <button type="submit" name="intent" value="end-of-employment" className="button button--secondary">
              {t("endOfEmployment.button")}
            </button>
          </Form>
        </section>
      ) : null}
      {allowed.includes("WITHDRAW") ? (
        <section aria-labelledby="withdraw-title">
          <h2 id="withdraw-title">{t("withdraw.title")}</h2>
          <p>{t("withdraw.hint")}</p>
          <Form method="post">
            <CsrfInput />
            <input type="hidden" name="version" value={view.version} />
            <button type="submit" name="intent" value="WITHDRAW" className="button button--warning">
              {t("withdraw.button")}
            </button>
          </Form>
        </section>
      ) : null}
    </>
  );
}
