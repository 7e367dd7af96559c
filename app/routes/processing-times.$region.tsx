import type { MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { isRegionalAuthority, REGIONAL_AUTHORITIES } from "../../forms/authorities";
import { MINIMUM_DECISIONS, WINDOW_DAYS } from "../../workflows/processing-times";
import { publishedProcessingTimes } from "../cases/processing-times.server";
import { BarChart } from "../components/bar-chart";
import { TableRegion } from "../components/forms";
import { formatCount, formatDate, formatDateTime, formatDays } from "../components/format";
import { translator } from "../i18n/language.server";
import { requestLanguage } from "../http/language.server";
import { invariantResponse, routeLoader } from "../http/responses.server";
import { pageTitle } from "../root-data";

export const meta: MetaFunction<typeof loader> = ({ data, matches }) => pageTitle(data?.title, matches);

/** Public, no sign-in: one region's processing times per category (app/cases/processing-times.server.ts). */
export const loader = routeLoader(async ({ request, params, db }) => {
  const region = params.region ?? "";
  invariantResponse(isRegionalAuthority(region), 404);
  const t = await translator(requestLanguage(request));
  const times = await publishedProcessingTimes(db, region);
  return { title: t("processingTimes.title", { authority: t(`authority.${region}`) }), ...times };
});

export default function ProcessingTimes() {
  const { t, i18n } = useTranslation();
  const { region, today, windowFrom, computedAt, categories } = useLoaderData<typeof loader>();
  const lng = i18n.language;
  const date = (day: string) => formatDate(`${day}T12:00:00Z`, lng);
  const days = (n: number) => formatDays(n, lng);
  const charted = categories.filter((row) => row.figures.enough);
  return (
    <>
      <h1>{t("processingTimes.title", { authority: t(`authority.${region}`) })}</h1>
      <p>{t("processingTimes.intro", { days: formatCount(WINDOW_DAYS, lng), from: date(windowFrom), to: date(today) })}</p>
      <p>{t("processingTimes.method", { minimum: formatCount(MINIMUM_DECISIONS, lng) })}</p>
      <p className="hint">{t("processingTimes.computedAt", { time: formatDateTime(computedAt, lng) })}</p>
      <h2 id="chart-title">{t("processingTimes.chartHeading")}</h2>
      {charted.length > 0 ? (
        <BarChart
          id="median-chart"
          title={t("processingTimes.chartTitle", { authority: t(`authority.${region}`) })}
          description={t("processingTimes.chartDescription")}
          rows={charted.map((row) => ({
            label: t(`categoryName.${row.category}`),
            value: row.figures.enough ? row.figures.medianDays : null,
            text: row.figures.enough ? days(row.figures.medianDays) : "",
          }))}
        />
      ) : (
        <p>{t("processingTimes.nothingToChart", { minimum: formatCount(MINIMUM_DECISIONS, lng) })}</p>
      )}
      <h2 id="table-title">{t("processingTimes.tableHeading")}</h2>
      <TableRegion label={t("processingTimes.tableHeading")}>
        <table className="table">
          <caption className="visually-hidden">{t("processingTimes.tableHeading")}</caption>
          <thead>
            <tr>
              <th scope="col">{t("processingTimes.category")}</th>
              <th scope="col">{t("processingTimes.decided")}</th>
              <th scope="col">{t("processingTimes.median")}</th>
              <th scope="col">{t("processingTimes.p90")}</th>
              <th scope="col">{t("processingTimes.waiting")}</th>
              <th scope="col">{t("processingTimes.expected")}</th>
            </tr>
          </thead>
          <tbody>
            {categories.map((row) => (
              <tr key={row.category}>
                <th scope="row">{t(`categoryName.${row.category}`)}</th>
                <td>{formatCount(row.figures.decided, lng)}</td>
                {row.figures.enough && row.expected ? (
                  <>
                    <td>{days(row.figures.medianDays)}</td>
                    <td>{days(row.figures.p90Days)}</td>
                    <td>{formatCount(row.waiting, lng)}</td>
                    <td>{t("processingTimes.expectedDates", { typical: date(row.expected.typicalOn), latest: date(row.expected.latestOn) })}</td>
                  </>
                ) : (
                  <>
                    <td colSpan={2}>{t("processingTimes.tooFew", { minimum: formatCount(MINIMUM_DECISIONS, lng) })}</td>
                    <td>{formatCount(row.waiting, lng)}</td>
                    <td>—</td>
                  </>
                )}
              </tr>
            ))}
          </tbody>
        </table>
      </TableRegion>
      <p>{t("processingTimes.legalTerm")}</p>
      <nav aria-label={t("processingTimes.otherRegions")}>
        <h2>{t("processingTimes.otherRegions")}</h2>
        <ul className="list">
          {REGIONAL_AUTHORITIES.filter((other) => other !== region).map((other) => (
            <li key={other}>
              <Link to={`/processing-times/${other}`}>{t(`authority.${other}`)}</Link>
            </li>
          ))}
        </ul>
      </nav>
    </>
  );
}
