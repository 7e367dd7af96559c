import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { countryName } from "../../forms/countries";
import { caseWhereabouts } from "../components/case-status";
import { formatDate } from "../components/format";
import { requestLanguage, translator } from "../i18n/language.server";
import { pageTitle } from "../root-data";
import { requireRole } from "../services/auth.server";
import { officerQueue } from "../services/officer.server";

export const meta: MetaFunction<typeof loader> = ({ data, matches }) => pageTitle(data?.title, matches);

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireRole(request, ["regional-officer", "oe-officer"]);
  const t = await translator(requestLanguage(request));
  const authorityName = t(`authority.${user.authority}`);
  return { title: t("queue.title", { authority: authorityName }), authorityName, cases: await officerQueue(user) };
}

export default function OfficerQueue() {
  const { t, i18n } = useTranslation();
  const { cases, authorityName } = useLoaderData<typeof loader>();
  return (
    <>
      <h1>{t("queue.title", { authority: authorityName })}</h1>
      {cases.length === 0 ? (
        <p>{t("queue.empty")}</p>
      ) : (
        <table className="table">
          <caption className="visually-hidden">{t("queue.title", { authority: authorityName })}</caption>
          <thead>
            <tr>
              <th scope="col">{t("applications.reference")}</th>
              <th scope="col">{t("applications.worker")}</th>
              <th scope="col">{t("case.employer")}</th>
              <th scope="col">{t("applications.submitted")}</th>
              <th scope="col">{t("applications.status")}</th>
            </tr>
          </thead>
          <tbody>
            {cases.map((item) => (
              <tr key={item.id}>
                <td>
                  <Link to={`/officer/cases/${item.id}`}>{item.reference}</Link>
                </td>
                <td>
                  {item.workerName} ({countryName(item.nationality, i18n.language)})
                </td>
                <td>{item.employerName ?? "—"}</td>
                <td>{item.submittedAt ? formatDate(item.submittedAt, i18n.language) : "—"}</td>
                <td>{caseWhereabouts(t, item.status, item.authority)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </>
  );
}
