import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { countryName } from "../../forms/countries";
import { MAX_FILE_BYTES } from "../../forms/documents";
import { decisionPeriodDays, todayInBelgium, type ClockCategory } from "../../workflows/legal-clock";
import { CaseHistory, CaseSummary, FiledDocuments, MessageThread } from "../components/case-details";
import { CaseStatusTag } from "../components/case-status";
import { formatBytes, formatDate, formatDateTime } from "../components/format";
import { PermitPanel } from "../components/delivery";
import { CsrfInput, TextField, type FieldErrors } from "../components/forms";
import { getDb } from "../db/db.server";
import { requestLanguage, translator } from "../i18n/language.server";
import { pageTitle } from "../root-data";
import { applicantMaySee, isApplicationId } from "../cases/applications.server";
import { requireRole, type User } from "../identity/auth.server";
import { postCaseMessage, reportEndOfEmployment, runCaseCommand } from "../cases/command-forms.server";
import { caseActionsFor, consultations, loadCaseView, requestItemSlot } from "../cases/case-view.server";
import { localDocumentStore, readUploadForm, removeDocument, storeDocument } from "../documents/documents.server";
import { field, readForm } from "../http/form.server";
import { deliveriesOf } from "../outbox/outbox.server";

export const meta: MetaFunction<typeof loader> = ({ data, matches }) => pageTitle(data?.title, matches);

async function requireApplication(request: Request, id: string | undefined) {
  const user = await requireRole(request, ["employer", "worker", "resident"]);
  if (!isApplicationId(id)) throw new Response("Not Found", { status: 404 });
  const db = await getDb();
  const row = await db.selectFrom("applications").selectAll().where("id", "=", id).executeTakeFirst();
  // Not found and not yours look the same: the answer must not confirm that a case exists.
  if (!row || !(await applicantMaySee(db, user, row))) throw new Response("Not Found", { status: 404 });
  // A draft has no status yet: it is continued in the form.
  if (!row.submitted_at) throw redirect(`/applications/drafts/${row.id}`);
  return { user, db, row };
}

/** Workers follow their case; only the applicant (employer side, or the resident himself) acts on it. */
function mayActAsApplicant(user: User) {
  return user.role === "employer" || user.role === "resident";
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { user, db, row } = await requireApplication(request, params.id);
  const view = await loadCaseView(db, row, user, todayInBelgium(new Date()));
  const t = await translator(requestLanguage(request));
  const deliveries = await deliveriesOf(db, row.id);
  return {
    title: t("status.title", { reference: view.reference }),
    view,
    // Truthful about the e-Box: pending or held up, not "sent" before it is.
    deliveryState: deliveries.some((d) => d.kind === "ebox.document" && d.status === "failed")
      ? "delayed"
      : deliveries.some((d) => d.kind === "ebox.document" && d.status === "pending")
        ? "pending"
        : deliveries.some((d) => d.kind === "ebox.document")
          ? "delivered"
          : null,
    justSubmitted: new URL(request.url).searchParams.get("submitted") === "1" && view.events.length === 1,
    decisionPeriodDays: decisionPeriodDays(row.category as ClockCategory),
    canReportEnd: user.role === "employer" && (view.status === "issued" || view.status === "granted") && !view.endOfEmploymentReportedOn,
    // A renewal starts from this permit's data (application-form.server.ts#startApplication).
    canRenew: user.role === "employer" && view.kind === "single" && (view.status === "issued" || view.status === "granted"),
    consulted: await consultations(db, row.id),
    canAct: mayActAsApplicant(user),
    allowed: mayActAsApplicant(user) ? caseActionsFor(row, user) : [],
    maxFileMegabytes: MAX_FILE_BYTES / 1024 / 1024,
  };
}

type ActionResult = { intent: string; errors: FieldErrors; formError: string | null; uploadErrors: { item: string; fileName: string; reason: string }[] };

export async function action({ request, params }: ActionFunctionArgs) {
  const { user, db, row } = await requireApplication(request, params.id);
  if (!mayActAsApplicant(user)) throw new Response("Forbidden", { status: 403 });
  const result = (partial: Partial<ActionResult>, status: number) =>
    data({ intent: "", errors: {}, formError: null, uploadErrors: [], ...partial } as ActionResult, { status });

  if ((request.headers.get("Content-Type") ?? "").startsWith("multipart/form-data")) {
    // Files for the open requests' items: each checked on the server, kept or refused one by one.
    const openItems = await db
      .selectFrom("document_request_items")
      .innerJoin("document_requests", "document_requests.id", "document_request_items.request_id")
      .select(["document_request_items.id", "document_request_items.label"])
      .where("document_requests.application_id", "=", row.id)
      .where("document_requests.answered_at", "is", null)
      .execute();
    const upload = await readUploadForm(request, user, openItems.map((item) => `file-${item.id}`));
    const labelOf = (fieldName: string) => openItems.find((item) => `file-${item.id}` === fieldName)?.label ?? "";
    const uploadErrors = upload.rejected.map((rejection) => ({ item: labelOf(rejection.field), fileName: rejection.fileName, reason: rejection.reason }));
    const store = localDocumentStore();
    for (const file of upload.files) {
      const item = openItems.find((candidate) => `file-${candidate.id}` === file.field);
      if (!item) continue;
      const stored = await storeDocument(db, store, {
        applicationId: row.id,
        item: requestItemSlot(item.id),
        fileName: file.fileName,
        bytes: file.bytes,
        uploadedBy: user.id,
      });
      if (!stored.ok) uploadErrors.push({ item: item.label, fileName: file.fileName, reason: stored.reason });
    }
    if (uploadErrors.length > 0) return result({ intent: "upload", uploadErrors }, 400);
    return redirect(`/applications/${row.id}#requests-title`);
  }

  const form = await readForm(request, user);
  const intent = field(form, "intent", 40);
  if (intent === "remove-document") {
    await removeDocument(db, { applicationId: row.id, documentId: field(form, "documentId", 40) });
    return redirect(`/applications/${row.id}#requests-title`);
  }
  if (intent === "end-of-employment") {
    const errors = await reportEndOfEmployment(user, row.id, form, todayInBelgium(new Date()));
    if (errors) return result({ intent, errors }, 400);
    return redirect(`/applications/${row.id}`);
  }
  if (intent === "message") {
    const errors = await postCaseMessage(user, row.id, form);
    if (errors) return result({ intent, errors }, 400);
    return redirect(`/applications/${row.id}#messages-title`);
  }
  if (intent !== "DOCUMENTS_PROVIDED" && intent !== "WITHDRAW") throw new Response("Bad Request", { status: 400 });
  const outcome = await runCaseCommand(user, row.id, form);
  if (!outcome) throw new Response("Bad Request", { status: 400 });
  if (outcome.ok) return redirect(`/applications/${row.id}`);
  return result({ intent, errors: outcome.errors, formError: outcome.formError ?? null }, outcome.status);
}

export default function ApplicationStatus() {
  const { t, i18n } = useTranslation();
  const { view, consulted, canAct, allowed, maxFileMegabytes, deliveryState, canReportEnd, canRenew, justSubmitted, decisionPeriodDays } =
    useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const openRequests = view.requests.filter((request) => !request.answeredAt);
  const date = (day: string) => formatDate(`${day}T12:00:00Z`, i18n.language);
  return (
    <>
      <p>
        <Link to="/applications">{t("status.back")}</Link>
      </p>
      <h1>{t("status.title", { reference: view.reference })}</h1>
      {actionData?.formError || (actionData?.uploadErrors.length ?? 0) > 0 ? (
        <div className="error-summary" role="alert" tabIndex={-1}>
          <h2>{t("form.errorSummaryTitle")}</h2>
          {actionData?.formError ? <p>{t(actionData.formError)}</p> : null}
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
          {view.dueOn ? <p>{t("confirmation.deadlines", { date: date(view.dueOn), days: decisionPeriodDays })}</p> : null}
        </section>
      ) : null}
      <div className="panel" aria-live="polite">
        <p className="panel__label">{t("status.currentlyLabel")}</p>
        <p className="panel__value">
          <CaseStatusTag t={t} status={view.status} authority={view.authority} />
        </p>
        {view.dueOn ? (
          <p>
            {view.clockPhase === "completeness"
              ? t("status.completenessBy", { date: date(view.dueOn) })
              : t("status.decisionBy", { date: date(view.dueOn) })}
            {view.clockSuspended ? ` ${t("status.clockSuspended")}` : ""}
          </p>
        ) : null}
        {view.decision?.reason ? <p>{t("status.reason", { reason: view.decision.reason })}</p> : null}
      </div>
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
      </ol>

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
                <Form method="post" encType="multipart/form-data" className="upload-form">
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
      <MessageThread view={view} errors={actionData?.intent === "message" ? actionData.errors : undefined} canPost={canAct} />

      <section aria-labelledby="consulted-title">
        <h2 id="consulted-title">{t("consulted.title")}</h2>
        {consulted.length === 0 ? (
          <p>{t("consulted.none")}</p>
        ) : (
          <ul>
            {consulted.map((entry, index) => (
              <li key={index}>
                {t("consulted.entry", {
                  authority: entry.authority ? t(`authority.${entry.authority}`) : "",
                  date: formatDateTime(entry.at, i18n.language),
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
              type="date"
              label={t("endOfEmployment.date")}
              width="medium"
              error={actionData?.intent === "end-of-employment" ? actionData.errors.endedOn : undefined}
            />
            <TextField
              name="note"
              label={t("endOfEmployment.note")}
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
