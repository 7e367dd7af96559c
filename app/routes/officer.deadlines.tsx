import type { MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { deadlineDashboard } from "../cases/processing-times.server";
import { BarChart } from "../components/bar-chart";
import { TableRegion } from "../components/forms";
import { formatCount, formatDate } from "../components/format";
import { requireRole } from "../http/guards.server";
import { requestLanguage } from "../http/language.server";
import { routeLoader } from "../http/responses.server";
import { translator } from "../i18n/language.server";
import { pageTitle } from "../root-data";
import { unemploymentForOe } from "../permits/unemployment.server";
import { oeRevocationTasks } from "../revocation/revocation.server";

export const meta: MetaFunction<typeof loader> = ({ data, matches }) => pageTitle(data?.title, matches);

/** An officer's deadlines: his queue's cases overdue, due this week, suspended (whose queue: app/cases/access.server.ts). */
export const loader = routeLoader(async ({ request, db }) => {
  const user = await requireRole(request, db, ["regional-officer", "oe-officer"]);
  const t = await translator(requestLanguage(request));
  const dashboard = await deadlineDashboard(db, user);
  const authorityName = t(`authority.${user.authority}`);
  return {
    title: t("deadlines.title", { authority: authorityName }),
    authorityName,
    suspendedStatus: user.role === "oe-officer" ? "oe-awaiting-documents" : "regional-awaiting-documents",
    ...dashboard,
    // The OE's own work: unemployment periods run out, whose residence it decides (references and dates only).
    unemployment: user.role === "oe-officer" ? await unemploymentForOe(db) : null,
    // Ended work authorisations whose next step is the OE's (app/revocation).
    revocation: user.role === "oe-officer" ? await oeRevocationTasks(db) : null,
  };
});

export default function OfficerDeadlines() {
  const { t, i18n } = useTranslation();
  const { authorityName, today, weekEnd, overdue, dueThisWeek, suspended, suspendedStatus, unemployment, revocation } = useLoaderData<typeof loader>();
  const lng = i18n.language;
  const date = (day: string) => formatDate(`${day}T12:00:00Z`, lng);
  const rows = [
    { key: "overdue", count: overdue, to: "/officer?due=overdue", label: t("deadlines.overdue", { date: date(today) }) },
    { key: "week", count: dueThisWeek, to: "/officer?due=week", label: t("deadlines.week", { from: date(today), until: date(weekEnd) }) },
    { key: "suspended", count: suspended, to: `/officer?status=${suspendedStatus}`, label: t("deadlines.suspended") },
  ];
  return (
    <>
      <p>
        <Link to="/officer">{t("deadlines.back")}</Link>
      </p>
      <h1>{t("deadlines.title", { authority: authorityName })}</h1>
      <p>{t("deadlines.intro")}</p>
      <BarChart
        id="deadline-chart"
        title={t("deadlines.chartTitle", { authority: authorityName })}
        description={t("deadlines.chartDescription")}
        rows={rows.map((row) => ({ label: t(`deadlines.short.${row.key}`), value: row.count, text: formatCount(row.count, lng) }))}
      />
      <TableRegion label={t("deadlines.tableHeading")}>
        <table className="table">
          <caption className="visually-hidden">{t("deadlines.tableHeading")}</caption>
          <thead>
            <tr>
              <th scope="col">{t("deadlines.what")}</th>
              <th scope="col">{t("deadlines.cases")}</th>
              <th scope="col">{t("deadlines.inQueue")}</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((row) => (
              <tr key={row.key} data-deadline={row.key}>
                <th scope="row">{row.label}</th>
                <td>{formatCount(row.count, lng)}</td>
                <td>
                  <Link to={row.to}>{t("deadlines.show", { what: t(`deadlines.short.${row.key}`) })}</Link>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </TableRegion>
      {revocation ? (
        <section aria-labelledby="revocation-title">
          <h2 id="revocation-title">{t("revocation.deadlinesTitle")}</h2>
          {revocation.length === 0 ? (
            <p>{t("revocation.deadlinesNone")}</p>
          ) : (
            <TableRegion label={t("revocation.deadlinesTitle")}>
              <table className="table" id="revocation-tasks">
                <caption className="visually-hidden">{t("revocation.deadlinesTitle")}</caption>
                <thead>
                  <tr>
                    <th scope="col">{t("deadlines.unemployment.case")}</th>
                    <th scope="col">{t("revocation.endedOn")}</th>
                    <th scope="col">{t("revocation.toDo")}</th>
                  </tr>
                </thead>
                <tbody>
                  {revocation.map((task) => (
                    <tr key={task.id}>
                      <th scope="row">
                        <Link to={`/officer/cases/${task.id}#revocation`}>{task.reference}</Link>
                      </th>
                      <td>{date(task.endedOn)}</td>
                      <td>{t(`revocation.next.${task.step}`, { commune: task.commune ?? "—" })}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </TableRegion>
          )}
        </section>
      ) : null}
      {unemployment ? (
        <section aria-labelledby="unemployment-title">
          <h2 id="unemployment-title">{t("deadlines.unemployment.title")}</h2>
          <p>{t("deadlines.unemployment.intro", { running: formatCount(unemployment.running, lng) })}</p>
          {unemployment.runOut.length === 0 ? (
            <p>{t("deadlines.unemployment.none")}</p>
          ) : (
            <TableRegion label={t("deadlines.unemployment.title")}>
              <table className="table" id="unemployment-run-out">
                <caption className="visually-hidden">{t("deadlines.unemployment.title")}</caption>
                <thead>
                  <tr>
                    <th scope="col">{t("deadlines.unemployment.case")}</th>
                    <th scope="col">{t("deadlines.unemployment.endedOn")}</th>
                    <th scope="col">{t("deadlines.unemployment.periodEnded")}</th>
                  </tr>
                </thead>
                <tbody>
                  {unemployment.runOut.map((period) => (
                    <tr key={period.id}>
                      <th scope="row">
                        <Link to={`/officer/cases/${period.caseId}#unemployment`}>{period.reference ?? period.caseId}</Link>
                      </th>
                      <td>{date(period.employmentEndedOn)}</td>
                      <td>{date(period.endsOn)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </TableRegion>
          )}
        </section>
      ) : null}
    </>
  );
}
