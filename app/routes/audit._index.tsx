import { data, type MetaFunction } from "@remix-run/node";
import { Form, useLoaderData } from "@remix-run/react";
import type { TFunction } from "i18next";
import { useTranslation } from "react-i18next";
import { isCalendarDate } from "../../forms/dates";
import { formatEnterpriseNumber, formatPersonNumber } from "../../forms/identifiers";
import { AUDIT_PAGE, auditTrail, readAuditQuery, validateAuditQuery } from "../audit/audit.server";
import { auditActionKind, auditPurposeKey, auditSubject, type AuditCriterion } from "../components/audit";
import { formatDate, formatDateTime } from "../components/format";
import { ErrorSummary, TextField, type FieldErrors, TableRegion } from "../components/forms";
import { requireRole } from "../http/guards.server";
import { routeLoader } from "../http/responses.server";
import { requestLanguage } from "../http/language.server";
import { translator } from "../i18n/language.server";
import { pageTitle } from "../root-data";

export const meta: MetaFunction<typeof loader> = ({ data, matches }) => pageTitle(data?.title, matches);

/**
 * The data-protection officer's audit log: who read which file or cadastre record, when and
 * why. A GET form, so every search has its own URL and works without JavaScript; a search
 * that cannot run says why, field by field, and reads nothing.
 */
export const loader = routeLoader(async ({ request, db }) => {
  const user = await requireRole(request, db, ["data-protection-officer"]);
  const t = await translator(requestLanguage(request));
  const values = readAuditQuery(new URL(request.url).searchParams);
  const checked = validateAuditQuery(values);
  if (!checked.ok) return data({ title: t("audit.title"), values, errors: checked.errors, entries: null, limit: AUDIT_PAGE }, { status: 400 });
  const entries = await auditTrail(db, user, checked.filters);
  return data({ title: t("audit.title"), values, errors: {} as FieldErrors, entries, limit: AUDIT_PAGE });
});

type Entry = NonNullable<Awaited<ReturnType<typeof auditTrail>>>[number];

export default function AuditLog() {
  const { t, i18n } = useTranslation();
  const { values, errors, entries, limit } = useLoaderData<typeof loader>();
  return (
    <>
      <h1>{t("audit.title")}</h1>
      <p>{t("audit.intro")}</p>
      <ErrorSummary errors={errors} />
      <Form method="get" className="filters" noValidate>
        <TextField
          name="reference"
          label={t("audit.filterReference")}
          hint={t("audit.filterReferenceHint")}
          width="medium"
          defaultValue={values.reference}
          error={errors.reference}
        />
        <TextField name="login" label={t("audit.filterLogin")} width="medium" defaultValue={values.login} error={errors.login} />
        <TextField name="from" label={t("audit.filterFrom")} hint={t("form.dateHint")} width="medium" defaultValue={values.from} error={errors.from} />
        <TextField name="until" label={t("audit.filterUntil")} hint={t("form.dateHint")} width="medium" defaultValue={values.until} error={errors.until} />
        <button type="submit" className="button button--secondary">
          {t("audit.apply")}
        </button>
      </Form>
      {entries === null ? null : entries.length === 0 ? (
        <p>{t("audit.empty")}</p>
      ) : (
        <>
          {entries.length >= limit ? <p className="notice">{t("audit.limitReached", { count: limit })}</p> : null}
          <TableRegion label={t("audit.caption")}>
          <table className="table">
            <caption className="visually-hidden">{t("audit.caption")}</caption>
            <thead>
              <tr>
                <th scope="col">{t("audit.when")}</th>
                <th scope="col">{t("audit.who")}</th>
                <th scope="col">{t("audit.action")}</th>
                <th scope="col">{t("audit.subject")}</th>
                <th scope="col">{t("audit.purpose")}</th>
                <th scope="col">{t("audit.allowed")}</th>
              </tr>
            </thead>
            <tbody>
              {entries.map((entry) => (
                <tr key={String(entry.id)}>
                  <td>{formatDateTime(entry.at, i18n.language)}</td>
                  <td>
                    {entry.actor.name} ({entry.actor.login})
                    <br />
                    {t(`roles.${entry.actor.role}`)}
                    {entry.actor.authority ? `, ${t(`authority.${entry.actor.authority}`)}` : ""}
                  </td>
                  <td>{actionText(t, entry.action)}</td>
                  <td>
                    <Subject t={t} language={i18n.language} subject={entry.subject} />
                  </td>
                  <td>{purposeText(t, entry.purpose)}</td>
                  <td>{entry.allowed ? t("audit.allowedYes") : <strong className="overdue">{t("audit.allowedNo")}</strong>}</td>
                </tr>
              ))}
            </tbody>
          </table>
          </TableRegion>
        </>
      )}
    </>
  );
}

/** "shown-with:SP-2026-000001" also names the case that was being handled. */
function actionText(t: TFunction, action: string) {
  const kind = auditActionKind(action);
  const label = t(`audit.actions.${kind}`);
  const about = action.includes(":") ? action.slice(action.indexOf(":") + 1) : "";
  return kind === "shown-with" && about ? `${label} (${about})` : label;
}

function purposeText(t: TFunction, purpose: string) {
  const key = auditPurposeKey(purpose);
  return key ? t(key) : purpose;
}

function Subject({ t, language, subject }: { t: TFunction; language: string; subject: Entry["subject"] }) {
  const about = auditSubject(subject);
  switch (about.kind) {
    case "case":
      return <>{t("audit.subjects.case", { reference: about.reference })}</>;
    case "document":
      return <>{t("audit.subjects.document", { reference: about.reference })}</>;
    case "queue":
      return <>{t("audit.subjects.queue", { authority: t(`authority.${about.authority}`, { defaultValue: about.authority }) })}</>;
    case "cadastre-record":
      return <>{t("audit.subjects.cadastreRecord", { reference: about.reference })}</>;
    case "signal":
      return <>{t("audit.subjects.signal", { reference: about.reference })}</>;
    case "signal-queue":
      return <>{t("audit.subjects.signalQueue")}</>;
    case "cadastre-search":
    case "audit-search":
      return (
        <>
          {t(about.kind === "cadastre-search" ? "audit.subjects.cadastreSearch" : "audit.subjects.auditSearch")}
          {about.criteria.length === 0 ? (
            <>: {t("audit.subjects.noCriteria")}</>
          ) : (
            <ul className="criteria">
              {about.criteria.map((criterion) => (
                <li key={criterion.name}>
                  {criterion.labelKey ? t(criterion.labelKey) : criterion.name}: {criterionValue(criterion, language)}
                </li>
              ))}
            </ul>
          )}
        </>
      );
    case "other":
      return (
        <>
          {about.type} {about.id}
        </>
      );
  }
}

function criterionValue(criterion: AuditCriterion, language: string): string {
  const { name, value } = criterion;
  if (name === "personNumber" && /^\d{11}$/.test(value)) return formatPersonNumber(value);
  if (name === "enterpriseNumber" && /^\d{10}$/.test(value)) return formatEnterpriseNumber(value);
  if ((name === "birthDate" || name === "from" || name === "until") && isCalendarDate(value)) return formatDate(`${value}T12:00:00Z`, language);
  return value;
}
