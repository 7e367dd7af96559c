import { Form } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { formatEnterpriseNumber, formatPersonNumber } from "../../forms/identifiers";
import type { CaseView } from "../cases/case-view.server";
import { AnswerValue } from "./answers";
import { formatBytes, formatDate, formatDateTime } from "./format";
import { CsrfInput, ErrorSummary, SummaryList, type FieldErrors } from "./forms";

type View = Pick<CaseView, keyof CaseView>;

/**
 * The application as submitted, with where prefilled data came from. `expanded`: the full
 * answers as open summary cards (the officer decides on them), not folded away.
 */
export function CaseSummary({
  view,
  nationalityName,
  showIdentifiers,
  expanded = false,
}: {
  view: View;
  nationalityName: string;
  showIdentifiers: boolean;
  expanded?: boolean;
}) {
  const { t, i18n } = useTranslation();
  const rows: [string, string][] = [
    [t("case.reference"), view.reference],
    [t("case.worker"), view.worker.name],
    [t("case.nationality"), nationalityName],
  ];
  if (showIdentifiers) {
    rows.push([t("case.birthDate"), view.worker.birthDate ? formatDate(`${view.worker.birthDate}T12:00:00Z`, i18n.language) : "—"]);
    rows.push([t("case.passportNumber"), view.worker.passportNumber ?? "—"]);
    rows.push([t("case.personNumber"), view.worker.personNumber ? formatPersonNumber(view.worker.personNumber) : "—"]);
  }
  if (view.employer) {
    rows.push([
      t("case.employer"),
      `${view.employer.name} (${formatEnterpriseNumber(view.employer.enterpriseNumber)}) – ${t("case.source", {
        source: t(`sources.${view.employer.source}`),
        date: formatDate(`${view.employer.sourceDate}T12:00:00Z`, i18n.language),
      })}`,
    ]);
  }
  // The register's data cannot be edited in the form: what the employer says is wrong is put before the officer.
  if (view.employerRemark) rows.push([t("case.employerRemark"), view.employerRemark]);
  rows.push(
    [t("case.placeOfWork"), view.placeOfWorkPostalCode ?? "—"],
    [t("case.authority"), view.authority ? t(`authority.${view.authority}`) : "—"],
    [t("case.procedureLanguage"), view.procedureLanguage ? t(`languageName.${view.procedureLanguage}`) : "—"],
    [t("case.submitted"), formatDate(view.submittedAt, i18n.language)],
  );
  const sections = (className?: string) =>
    view.answers?.map((section) => (
      <section key={section.step} aria-labelledby={`answers-${section.step}`} className={className}>
        <h3 id={`answers-${section.step}`}>{t(section.title, { authority: view.authority ? t(`authority.${view.authority}`) : "" })}</h3>
        <SummaryList rows={section.rows.map((row) => [t(row.label), <AnswerValue key={row.name} row={row} />] as const)} />
      </section>
    ));
  return (
    <section aria-labelledby="details-title">
      <h2 id="details-title">{t("case.detailsTitle")}</h2>
      <SummaryList rows={rows} />
      {view.answers && expanded ? <div className="summary-cards">{sections("summary-card")}</div> : null}
      {view.answers && !expanded ? (
        <details className="answers">
          <summary>{t("case.answersTitle")}</summary>
          {sections()}
        </details>
      ) : null}
    </section>
  );
}

export function CaseHistory({ view }: { view: View }) {
  const { t, i18n } = useTranslation();
  return (
    <section aria-labelledby="history-title">
      <h2 id="history-title">{t("case.historyTitle")}</h2>
      <ol className="timeline">
        {view.events.map((event, index) => {
          const detail = event.detail;
          // The authority of the time, never today's: a reroute adds a line, it does not rewrite the first.
          const held = event.actorAuthority ?? event.authority;
          const authority = held ? t(`authority.${held}`) : "";
          return (
            <li key={index}>
              <time dateTime={event.at}>{formatDateTime(event.at, i18n.language)}</time>{" "}
              {t(`events.${event.type}`, {
                authority,
                to: typeof detail.to === "string" ? t(`authority.${detail.to}`) : "",
                annex: typeof detail.annex === "string" ? detail.annex : "",
                fileName: typeof detail.fileName === "string" ? detail.fileName : "",
                item: typeof detail.item === "string" ? detail.item : "",
                clock: event.type === "set-clock-category" && typeof detail.to === "string" ? t(`clockCategory.${detail.to}`) : "",
                days: typeof detail.extensionDays === "number" ? detail.extensionDays : "",
              })}
              {typeof detail.ground === "string" && event.type === "declare-inadmissible" ? ` (${t(`grounds.inadmissible.${detail.ground}`)})` : null}
              {typeof detail.ground === "string" && event.type === "revoke" ? ` (${t(`grounds.revocation.${detail.ground}`)})` : null}
              {event.reason ? <span className="event-reason"> – {event.reason}</span> : null}
            </li>
          );
        })}
      </ol>
    </section>
  );
}

/** The case's messages and, when he may post, the form; `typed` is a refused message, shown again. */
export function MessageThread({ view, errors, typed, canPost }: { view: View; errors?: FieldErrors; typed?: string; canPost: boolean }) {
  const { t, i18n } = useTranslation();
  return (
    <section aria-labelledby="messages-title">
      <h2 id="messages-title">{t("messages.title")}</h2>
      {view.messages.length === 0 ? <p>{t("messages.none")}</p> : null}
      <ul className="messages">
        {view.messages.map((message) => (
          <li key={message.id}>
            <p className="messages__meta">
              {message.authorAuthority ? t(`authority.${message.authorAuthority}`) : message.authorName} ·{" "}
              <time dateTime={message.at}>{formatDateTime(message.at, i18n.language)}</time>
            </p>
            <p className="messages__body">{message.body}</p>
          </li>
        ))}
      </ul>
      {canPost ? (
        <Form method="post" className="narrow">
          <CsrfInput />
          <ErrorSummary errors={errors} />
          <div className={errors?.body ? "field field--error" : "field"}>
            <label htmlFor="body">{t("messages.new")}</label>
            {errors?.body ? (
              <p className="field-error" id="body-error">
                {t(errors.body.key, errors.body.values)}
              </p>
            ) : null}
            <textarea id="body" name="body" rows={4} className="textarea" defaultValue={typed} aria-describedby={errors?.body ? "body-error" : undefined} />
          </div>
          <button type="submit" name="intent" value="message" className="button button--secondary">
            {t("messages.send")}
          </button>
        </Form>
      ) : null}
    </section>
  );
}

/** The documents filed with the application, each a download (an officer's is audit-logged). */
/** A list of downloadable files, one a line (names run together in one line were unreadable). */
export function DocumentLinks({ documents }: { documents: readonly { id: string; fileName: string; sizeBytes?: number }[] }) {
  const { i18n } = useTranslation();
  return (
    <ul className="file-list">
      {documents.map((document) => (
        <li key={document.id}>
          <a href={`/documents/${document.id}`}>{document.fileName}</a>
          {document.sizeBytes !== undefined ? ` (${formatBytes(document.sizeBytes, i18n.language)})` : null}
        </li>
      ))}
    </ul>
  );
}

export function FiledDocuments({ view }: { view: View }) {
  const { t } = useTranslation();
  if (view.filedDocuments.length === 0) return null;
  return (
    <section aria-labelledby="filed-documents-title">
      <h2 id="filed-documents-title">{t("case.filedDocuments")}</h2>
      <SummaryList
        rows={view.filedDocuments.map(
          ({ item, documents }) =>
            [
              t(`applicationForm.documents.items.${item}`, { defaultValue: item }),
              <DocumentLinks key={item} documents={documents} />,
            ] as const,
        )}
      />
    </section>
  );
}
