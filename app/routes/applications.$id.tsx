import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { countryName } from "../../forms/countries";
import { CaseDetails } from "../components/case-details";
import { CaseStatusTag } from "../components/case-status";
import { getDb } from "../db/db.server";
import { requestLanguage, translator } from "../i18n/language.server";
import { pageTitle } from "../root-data";
import { applicantMaySee, isApplicationId, loadApplicationDetail } from "../services/applications.server";
import { requireRole } from "../services/auth.server";

export const meta: MetaFunction<typeof loader> = ({ data, matches }) => pageTitle(data?.title, matches);

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireRole(request, ["employer", "worker", "resident"]);
  if (!isApplicationId(params.id)) throw new Response("Not Found", { status: 404 });
  const db = await getDb();
  const row = await db.selectFrom("applications").selectAll().where("id", "=", params.id).executeTakeFirst();
  // Not found and not yours look the same: the answer must not confirm that a case exists.
  if (!row || !(await applicantMaySee(db, user, row))) throw new Response("Not Found", { status: 404 });
  const application = await loadApplicationDetail(db, row.id);
  if (!application) throw new Response("Not Found", { status: 404 });
  const t = await translator(requestLanguage(request));
  return { title: t("status.title", { reference: application.reference ?? "" }), application };
}

export default function ApplicationStatus() {
  const { t, i18n } = useTranslation();
  const { application } = useLoaderData<typeof loader>();
  return (
    <>
      <p>
        <Link to="/applications">{t("status.back")}</Link>
      </p>
      <h1>{t("status.title", { reference: application.reference ?? "" })}</h1>
      <div className="panel" aria-live="polite">
        <p className="panel__label">{t("status.currentlyLabel")}</p>
        <p className="panel__value">
          <CaseStatusTag t={t} status={application.status} authority={application.authority} />
        </p>
      </div>
      <CaseDetails application={application} nationalityName={countryName(application.nationality, i18n.language)} />
    </>
  );
}
