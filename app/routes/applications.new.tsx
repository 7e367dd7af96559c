import { redirect, type MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { MAX_FILE_BYTES } from "../../forms/documents";
import { CsrfInput } from "../components/forms";
import { translator } from "../i18n/language.server";
import { requestLanguage } from "../http/language.server";
import { isUuid } from "../ids";
import { pageTitle } from "../root-data";
import { startApplication } from "../drafts/drafts.server";
import { requireRole } from "../http/guards.server";
import { field, readForm } from "../http/form.server";
import { invariantResponse, routeAction, routeLoader } from "../http/responses.server";

export const meta: MetaFunction<typeof loader> = ({ data, matches }) => pageTitle(data?.title, matches);

/** Before starting: what the form asks, what to have at hand, and that it can be left and resumed. */
export const loader = routeLoader(async ({ request, db }) => {
  const user = await requireRole(request, db, ["employer"]);
  invariantResponse(user.actingFor, 403);
  const t = await translator(requestLanguage(request));
  const renew = new URL(request.url).searchParams.get("renew");
  const renewalOf = isUuid(renew) ? renew : null;
  return {
    title: t(renewalOf ? "applicationForm.start.renewalTitle" : "applicationForm.start.title"),
    employer: user.actingFor.name,
    renewalOf,
    maxFileMegabytes: MAX_FILE_BYTES / 1024 / 1024,
  };
});

export const action = routeAction(async ({ request, db }) => {
  const user = await requireRole(request, db, ["employer"]);
  const form = await readForm(request, user);
  const renewalOf = field(form, "renewalOf", 40);
  const id = await startApplication(db, user, isUuid(renewalOf) ? { renewalOf } : {});
  return redirect(`/applications/drafts/${id}`);
});

export default function StartApplication() {
  const { t } = useTranslation();
  const { employer, renewalOf, maxFileMegabytes } = useLoaderData<typeof loader>();
  return (
    <div className="narrow">
      <Link className="back-link" to="/applications">
        {t("status.back")}
      </Link>
      <h1>{t(renewalOf ? "applicationForm.start.renewalTitle" : "applicationForm.start.title")}</h1>
      <p>{t("applicationForm.start.intro", { employer })}</p>
      <h2>{t("applicationForm.start.youNeed")}</h2>
      <ul>
        <li>{t("applicationForm.start.needWorker")}</li>
        <li>{t("applicationForm.start.needContract")}</li>
        <li>{t("applicationForm.start.needFee")}</li>
        <li>{t("applicationForm.start.needDocuments", { max: maxFileMegabytes })}</li>
      </ul>
      <p>{t("applicationForm.start.region")}</p>
      <p>{t("applicationForm.start.drafts")}</p>
      <Form method="post">
        <CsrfInput />
        {renewalOf ? <input type="hidden" name="renewalOf" value={renewalOf} /> : null}
        <button type="submit" className="button">
          {t("applicationForm.start.button")}
        </button>
      </Form>
    </div>
  );
}
