import type { MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { translator } from "../i18n/language.server";
import { requestLanguage } from "../http/language.server";
import { pageTitle } from "../root-data";
import { getUser } from "../http/guards.server";
import { routeLoader } from "../http/responses.server";
import { homeFor } from "../identity/user";

export const meta: MetaFunction<typeof loader> = ({ data, matches }) => pageTitle(data?.title, matches);

export const loader = routeLoader(async ({ request, db }) => {
  const user = await getUser(request, db);
  const t = await translator(requestLanguage(request));
  return { title: t("home.title"), home: user ? homeFor(user) : null };
});

export default function Home() {
  const { t } = useTranslation();
  const { home } = useLoaderData<typeof loader>();
  return (
    <>
      <h1>{t("home.title")}</h1>
      <p className="lead">{t("home.lead")}</p>
      <ul className="list">
        <li>{t("home.forEmployers")}</li>
        <li>{t("home.forResidents")}</li>
        <li>{t("home.forOfficers")}</li>
      </ul>
      <p>
        <Link to="/processing-times">{t("home.processingTimes")}</Link>
      </p>
      {home ? (
        <p>
          <Link className="button" to={home}>
            {t("home.continue")}
          </Link>
        </p>
      ) : (
        <p>
          <Link className="button" to="/login">
            {t("home.signIn")}
          </Link>
        </p>
      )}
    </>
  );
}
