import { useTranslation } from "react-i18next";
import type { ApplicationDetail } from "../services/applications.server";
import { formatDate, formatDateTime } from "./format";

/** What was filed and what happened since: shared by the applicant's and the officer's view. */
export function CaseDetails({ application, nationalityName }: { application: ApplicationDetail; nationalityName: string }) {
  const { t, i18n } = useTranslation();
  const rows: [string, string][] = [
    [t("case.reference"), application.reference ?? "—"],
    [t("case.worker"), application.workerName],
    [t("case.nationality"), nationalityName],
    [t("case.employer"), application.employerName ?? "—"],
    [t("case.placeOfWork"), application.placeOfWorkPostalCode ?? "—"],
    [t("case.authority"), application.authority ? t(`authority.${application.authority}`) : "—"],
    [t("case.procedureLanguage"), application.procedureLanguage ? t(`languageName.${application.procedureLanguage}`) : "—"],
    [t("case.submitted"), application.submittedAt ? formatDate(application.submittedAt, i18n.language) : "—"],
  ];
  return (
    <>
      <h2>{t("case.detailsTitle")}</h2>
      <dl className="summary-list">
        {rows.map(([label, value]) => (
          <div className="summary-list__row" key={label}>
            <dt>{label}</dt>
            <dd>{value}</dd>
          </div>
        ))}
      </dl>
      <h2>{t("case.historyTitle")}</h2>
      <ol className="timeline">
        {application.events.map((event, index) => (
          <li key={index}>
            <time dateTime={event.at}>{formatDateTime(event.at, i18n.language)}</time>{" "}
            {t(`events.${event.type}`, {
              authority: application.authority ? t(`authority.${application.authority}`) : "",
            })}
          </li>
        ))}
      </ol>
    </>
  );
}
