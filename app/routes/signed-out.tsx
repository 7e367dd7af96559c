import type { MetaFunction } from "@remix-run/node";
import { Link } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { translator } from "../i18n/language.server";
import { requestLanguage } from "../http/language.server";
import { routeLoader } from "../http/responses.server";
import { pageTitle } from "../root-data";

export const meta: MetaFunction<typeof loader> = ({ data, matches }) => pageTitle(data?.title, matches);

/** Where the identity provider sends the browser after signing out (post_logout_redirect_uri). */
export const loader = routeLoader(async ({ request }) => {
  const t = await translator(requestLanguage(request));
  return { title: t("signedOut.title") };
});

export default function SignedOut() {
  const { t } = useTranslation();
  return (
    <div className="narrow">
      <h1>{t("signedOut.title")}</h1>
      <p>{t("signedOut.body")}</p>
      <p>
        <Link className="button" to="/login">
          {t("signedOut.signInAgain")}
        </Link>
      </p>
    </div>
  );
}
