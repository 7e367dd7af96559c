import type { MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { REGIONAL_AUTHORITIES } from "../../forms/authorities";
import { translator } from "../i18n/language.server";
import { requestLanguage } from "../http/language.server";
import { routeLoader } from "../http/responses.server";
import { pageTitle } from "../root-data";

export const meta: MetaFunction<typeof loader> = ({ data, matches }) => pageTitle(data?.title, matches);

/** Public: which region's processing times to read. */
export const loader = routeLoader(async ({ request }) => {
  const t = await translator(requestLanguage(request));
  return { title: t("processingTimes.indexTitle"), regions: REGIONAL_AUTHORITIES };
});

export default function ProcessingTimesIndex() {
  const { t } = useTranslation();
  const { regions } = useLoaderData<typeof loader>();
  return (
    <div className="narrow">
      <h1>{t("processingTimes.indexTitle")}</h1>
      <p>{t("processingTimes.indexIntro")}</p>
      <ul className="list">
        {regions.map((region) => (
          <li key={region}>
            <Link to={`/processing-times/${region}`}>{t(`authority.${region}`)}</Link>
          </li>
        ))}
      </ul>
    </div>
  );
}
