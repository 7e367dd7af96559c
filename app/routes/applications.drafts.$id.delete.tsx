import { redirect, type MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { CsrfInput } from "../components/forms";
import { translator } from "../i18n/language.server";
import { requestLanguage } from "../http/language.server";
import { routeLoader, routeAction } from "../http/responses.server";
import { pageTitle } from "../root-data";
import { deleteDraft } from "../drafts/drafts.server";
import { requireFormDraft } from "./__draft-guard.server";
import { readForm } from "../http/form.server";

export const meta: MetaFunction<typeof loader> = ({ data, matches }) => pageTitle(data?.title, matches);

/** Asks before deleting a draft: a page of its own, so it works the same without JavaScript. */
export const loader = routeLoader(async ({ request, params, db }) => {
  const { draft } = await requireFormDraft(request, db, params.id);
  const t = await translator(requestLanguage(request));
  const worker = draft.facts.answers.worker;
  return {
    title: t("applicationForm.delete.title"),
    id: draft.id,
    workerName: [worker?.givenNames, worker?.familyName].filter(Boolean).join(" "),
  };
});

export const action = routeAction(async ({ request, params, db }) => {
  const { user, draft } = await requireFormDraft(request, db, params.id);
  await readForm(request, user);
  const outcome = await deleteDraft(db, draft);
  return redirect(outcome === "deleted" ? "/applications?deleted=1" : `/applications/${draft.id}`);
});

export default function DeleteDraft() {
  const { t } = useTranslation();
  const { id, workerName } = useLoaderData<typeof loader>();
  return (
    <div className="narrow">
      <h1>{t("applicationForm.delete.title")}</h1>
      <p>{workerName ? t("applicationForm.delete.bodyFor", { worker: workerName }) : t("applicationForm.delete.body")}</p>
      <Form method="post" className="button-group">
        <CsrfInput />
        <button type="submit" className="button button--warning">
          {t("applicationForm.delete.confirm")}
        </button>
        <Link to={`/applications/drafts/${id}`}>{t("applicationForm.delete.cancel")}</Link>
      </Form>
    </div>
  );
}
