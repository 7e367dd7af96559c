import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { countryName } from "../../forms/countries";
import { CaseDetails } from "../components/case-details";
import { CaseStatusTag } from "../components/case-status";
import { requestLanguage, translator } from "../i18n/language.server";
import { pageTitle } from "../root-data";
import { isApplicationId } from "../services/applications.server";
import { requireRole } from "../services/auth.server";
import { openCaseForOfficer } from "../services/officer.server";

export const meta: MetaFunction<typeof loader> = ({ data, matches }) => pageTitle(data?.title, matches);

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireRole(request, ["regional-officer", "oe-officer"]);
  if (!isApplicationId(params.id)) throw new Response("Not Found", { status: 404 });
  const application = await openCaseForOfficer(user, params.id);
  const t = await translator(requestLanguage(request));
  return { title: t("officerCase.title", { reference: application.reference ?? "" }), application };
}

export default function OfficerCase() {
  const { t, i18n } = useTranslation();
  const { application } = useLoaderData<typeof loader>();
  return (
    <>
      <p>
        <Link to="/officer">{t("officerCase.back")}</Link>
      </p>
      <h1>{t("officerCase.title", { reference: application.reference ?? "" })}</h1>
      <p>
        <CaseStatusTag t={t} status={application.status} authority={application.authority} />
      </p>
      <p className="hint">{t("officerCase.auditNotice")}</p>
      <CaseDetails application={application} nationalityName={countryName(application.nationality, i18n.language)} />
    </>
  );
}
