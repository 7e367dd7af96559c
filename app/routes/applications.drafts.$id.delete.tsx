import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { CsrfInput } from "../components/forms";
import { requestLanguage, translator } from "../i18n/language.server";
import { pageTitle } from "../root-data";
import { deleteDraft, requireFormDraft } from "../drafts/drafts.server";
import { readForm } from "../http/form.server";

export const meta: MetaFunction<typeof loader> = ({ data, matches }) => pageTitle(data?.title, matches);

/** Asks before deleting a draft: a page of its own, so it works the same without JavaScript. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const { draft } = await requireFormDraft(request, params.id);
  const t = await translator(requestLanguage(request));
  const worker = draft.facts.answers.worker;
  return {
    title: t("applicationForm.delete.title"),
    id: draft.id,
    workerName: [worker?.givenNames, worker?.familyName].filter(Boolean).join(" "),
  };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { user, draft } = await requireFormDraft(request, params.id);
  await readForm(request, user);
  const outcome = await deleteDraft(user, draft);
  return redirect(outcome === "deleted" ? "/applications?deleted=1" : `/applications/${draft.id}`);
}

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
