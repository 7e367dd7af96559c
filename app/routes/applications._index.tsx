import { redirect, type MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { caseWhereabouts } from "../components/case-status";
import { EndedMandates } from "../components/ended-mandates";
import { formatDate } from "../components/format";
import { CsrfInput, TableRegion } from "../components/forms";
import { countryName } from "../../forms/countries";
import { translator } from "../i18n/language.server";
import { requestLanguage } from "../http/language.server";
import { pageTitle } from "../root-data";
import { listApplicationsFor } from "../cases/applicant-list.server";
import { requireRole } from "../http/guards.server";
import { endOfStayNoticesFor, setEndOfStayNotices } from "../delivery/notice-settings.server";
import { field, readForm } from "../http/form.server";
import { invariantResponse, routeAction, routeLoader } from "../http/responses.server";

export const meta: MetaFunction<typeof loader> = ({ data, matches }) => pageTitle(data?.title, matches);

export const loader = routeLoader(async ({ request, db }) => {
  const user = await requireRole(request, db, ["employer", "worker", "resident"]);
  const t = await translator(requestLanguage(request));
  return {
    title: t("applications.title"),
    applications: await listApplicationsFor(db, user),
    canStart: user.role === "employer" && user.actingFor !== null,
    canRequestPermanent: user.role === "resident" && user.personNumber !== null,
    canConsent: (user.role === "worker" || user.role === "resident") && user.personNumber !== null,
    actingFor: user.actingFor,
    mandates: user.mandates,
    endedMandates: user.endedMandates,
    endOfStayNotices: user.actingFor ? await endOfStayNoticesFor(db, user.actingFor.employerId) : null,
    draftSaved: new URL(request.url).searchParams.get("saved") === "1",
    draftDeleted: new URL(request.url).searchParams.get("deleted") === "1",
  };
});

/** The representative turns end-of-stay notices on or off for the enterprise he acts for. */
export const action = routeAction(async ({ request, db }) => {
  const user = await requireRole(request, db, ["employer"]);
  const form = await readForm(request, user);
  invariantResponse(field(form, "intent") === "end-of-stay" && user.actingFor, 400);
  await setEndOfStayNotices(db, user.actingFor.employerId, field(form, "enabled") === "1");
  return redirect("/applications");
});

export default function MyApplications() {
  const { t, i18n } = useTranslation();
  const { applications, canStart, canRequestPermanent, canConsent, actingFor, mandates, endedMandates, endOfStayNotices, draftSaved, draftDeleted } = useLoaderData<typeof loader>();
  return (
    <>
      <h1>{t("applications.title")}</h1>
      <EndedMandates ended={endedMandates} />
      {!actingFor && endedMandates.length > 0 && mandates.length > 0 ? <p>{t("mandates.chooseAnother")}</p> : null}
      {draftDeleted ? (
        <p className="notice" role="status">
          {t("applicationForm.delete.done")}
        </p>
      ) : null}
      {draftSaved ? (
        <p className="notice" role="status">
          {t("drafts.saved")}
        </p>
      ) : null}
      {actingFor ? (
        <p>{t("applications.actingFor", { name: actingFor.name, number: actingFor.enterpriseNumber })}</p>
      ) : null}
      {mandates.length > 1 || (!actingFor && mandates.length > 0) ? (
        <Form method="post" action="/acting-for" className="acting-for">
          <CsrfInput />
          <label htmlFor="employerId">{t("applications.switchEnterprise")}</label>
          <select id="employerId" name="employerId" defaultValue={actingFor?.employerId} className="select">
            {mandates.map((mandate) => (
              <option key={mandate.employerId} value={mandate.employerId}>
                {mandate.name} ({mandate.enterpriseNumber})
              </option>
            ))}
          </select>
          <button type="submit" className="button button--secondary">
            {t("applications.switch")}
          </button>
        </Form>
      ) : null}
      {endOfStayNotices ? (
        <section className={endOfStayNotices.seasonal ? "notice" : undefined} aria-labelledby="notices-title">
          <h2 id="notices-title">{t("endOfStay.title")}</h2>
          <p>{t(endOfStayNotices.seasonal ? "endOfStay.hintSeasonal" : "endOfStay.hint", { days: endOfStayNotices.days })}</p>
          <Form method="post">
            <CsrfInput />
            <input type="hidden" name="enabled" value={endOfStayNotices.enabled ? "0" : "1"} />
            <p>
              {t(endOfStayNotices.enabled ? "endOfStay.on" : endOfStayNotices.byDefault ? "endOfStay.offButSeasonal" : "endOfStay.off")}{" "}
              {endOfStayNotices.enabled && endOfStayNotices.byDefault ? `${t("endOfStay.byDefault")} ` : null}
              <button type="submit" name="intent" value="end-of-stay" className="button button--secondary">
                {t(endOfStayNotices.enabled ? "endOfStay.turnOff" : "endOfStay.turnOn")}
              </button>
            </p>
          </Form>
        </section>
      ) : null}
      {canStart ? (
        <p>
          <Link className="button" to="/applications/new">
            {t("applications.start")}
          </Link>{" "}
          <Link className="button button--secondary" to="/applications/change-of-employer">
            {t("changeOfEmployer.start")}
          </Link>
        </p>
      ) : null}
      {canConsent ? (
        <p>
          <Link to="/permits/consents">{t("consents.link")}</Link>
        </p>
      ) : null}
      {canRequestPermanent ? (
        <p>
          <Link className="button" to="/applications/permanent">
            {t("permanent.start")}
          </Link>
        </p>
      ) : null}
      {applications.length === 0 ? (
        <p>{t("applications.none")}</p>
      ) : (
        <TableRegion label={t("applications.title")}>
        <table className="table">
          <caption className="visually-hidden">{t("applications.title")}</caption>
          <thead>
            <tr>
              <th scope="col">{t("applications.reference")}</th>
              <th scope="col">{t("applications.worker")}</th>
              <th scope="col">{t("applications.submitted")}</th>
              <th scope="col">{t("applications.status")}</th>
            </tr>
          </thead>
          <tbody>
            {applications.map((application) => (
              <tr key={application.id}>
                <td>
                  {application.status === "draft" ? (
                    <Link to={`/applications/drafts/${application.id}`}>{t("drafts.continue")}</Link>
                  ) : (
                    <Link to={`/applications/${application.id}`}>{application.reference}</Link>
                  )}
                </td>
                <td>
                  {application.workerName || "—"}
                  {/^[A-Z]{2}$/.test(application.nationality) ? ` (${countryName(application.nationality, i18n.language)})` : ""}
                </td>
                <td>{application.submittedAt ? formatDate(application.submittedAt, i18n.language) : "—"}</td>
                <td>{caseWhereabouts(t, application.status, application.authority)}</td>
              </tr>
            ))}
          </tbody>
        </table>
        </TableRegion>
      )}
    </>
  );
}
