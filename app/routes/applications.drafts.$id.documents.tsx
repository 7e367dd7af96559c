import { data, redirect, type MetaFunction } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { documentItemField, MAX_FILE_BYTES, MAX_FILES_PER_UPLOAD } from "../../forms/documents";
import { mayOpenStep, sectionPosition } from "../../workflows/application-form";
import { formatBytes } from "../components/format";
import { StepButtons, StepHeader } from "../components/form-page";
import { CsrfInput } from "../components/forms";
import { translator } from "../i18n/language.server";
import { requestLanguage } from "../http/language.server";
import { routeLoader, routeAction } from "../http/responses.server";
import { pageTitle } from "../root-data";
import { draftDocumentFields, draftDocuments, updateDraftDocuments, type FormDraft } from "../drafts/drafts.server";
import { localDocumentStore } from "../documents/store.server";
import { readUploadForm } from "../http/upload.server";
import { requireFormDraft } from "./__draft-guard.server";

export const meta: MetaFunction<typeof loader> = ({ data, matches }) => pageTitle(data?.title, matches);

function openDocuments(draft: FormDraft) {
  if (!mayOpenStep(draft.progress, "documents")) throw redirect(`/applications/drafts/${draft.id}`);
}

export const loader = routeLoader(async ({ request, params, db }) => {
  const { draft } = await requireFormDraft(request, db, params.id);
  openDocuments(draft);
  const t = await translator(requestLanguage(request));
  const url = new URL(request.url);
  const items = await draftDocuments(db, draft);
  return {
    title: t("applicationForm.documents.title"),
    id: draft.id,
    // Counted in the task list's sections, so "step 3 of 7" matches the list.
    stepNumber: sectionPosition(draft.progress, "documents").number,
    stepCount: sectionPosition(draft.progress, "documents").count,
    items: items.map((item) => ({
      item: item.item,
      files: item.files.map((file) => ({ id: file.id, fileName: file.fileName, sizeBytes: file.sizeBytes })),
    })),
    maxFileMegabytes: MAX_FILE_BYTES / 1024 / 1024,
    uploadMegabytes: (MAX_FILE_BYTES * MAX_FILES_PER_UPLOAD) / 1024 / 1024,
    returnToCheck: url.searchParams.get("return") === "check",
    uploaded: Number(url.searchParams.get("uploaded") ?? "0") || 0,
    missing: url.searchParams.get("missing") === "1" ? items.filter((item) => item.files.length === 0).map((item) => item.item) : [],
  };
});

export const action = routeAction(async ({ request, params, db }) => {
  const { user, draft } = await requireFormDraft(request, db, params.id);
  openDocuments(draft);
  const upload = await readUploadForm(request, user, await draftDocumentFields(db, draft)).catch((error: unknown) => {
    // More than one upload may carry: say so on this page (the files already kept stay).
    if (error instanceof Response && error.status === 413) return null;
    throw error;
  });
  if (!upload) return data({ rejected: [], uploaded: 0, tooLarge: true }, { status: 413 });
  const intent = upload.fields.intent ?? "upload";
  const result = await updateDraftDocuments(
    db,
    localDocumentStore(),
    user,
    draft,
    intent.startsWith("remove:") ? { remove: intent.slice("remove:".length) } : { files: upload.files, rejected: upload.rejected },
  );
  const back = `/applications/drafts/${draft.id}/documents`;
  // A refused file is a message on this same page; the files that passed are kept.
  if (result.rejected.length > 0) return data({ rejected: result.rejected, uploaded: result.uploaded, tooLarge: false }, { status: 400 });
  if (intent === "continue") return redirect(result.complete ? `/applications/drafts/${draft.id}/check` : `${back}?missing=1`);
  if (intent === "save-later") return redirect("/applications?saved=1");
  return redirect(result.uploaded > 0 ? `${back}?uploaded=${result.uploaded}` : back);
});

export default function DocumentsStep() {
  const { t, i18n } = useTranslation();
  const loaderData = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const itemName = (item: string) => t(`applicationForm.documents.items.${item}`);
  const rejected = actionData?.rejected ?? [];
  const missing = loaderData.missing;
  return (
    <div className="narrow">
      <StepHeader draftId={loaderData.id} returnToCheck={loaderData.returnToCheck} step={loaderData.stepNumber} count={loaderData.stepCount} />
      <h1>{t("applicationForm.documents.title")}</h1>
      {rejected.length > 0 || missing.length > 0 || actionData?.tooLarge ? (
        <div className="error-summary" role="alert" aria-labelledby="error-summary-title" tabIndex={-1}>
          <h2 id="error-summary-title">{t("form.errorSummaryTitle")}</h2>
          <ul>
            {rejected.map((rejection, index) => (
              <li key={`${rejection.item}-${index}`}>
                <a href={`#file-${rejection.item}`}>
                  {t(`upload.errors.${rejection.reason}`, { file: rejection.fileName, item: itemName(rejection.item), max: loaderData.maxFileMegabytes })}
                </a>
              </li>
            ))}
            {actionData?.tooLarge ? (
              <li>
                <a href={`#file-${loaderData.items[0]?.item ?? ""}`}>{t("applicationForm.documents.tooLarge", { total: loaderData.uploadMegabytes })}</a>
              </li>
            ) : null}
            {missing.map((item) => (
              <li key={item}>
                <a href={`#file-${item}`}>{t("applicationForm.documents.missing", { item: itemName(item) })}</a>
              </li>
            ))}
          </ul>
          {actionData?.uploaded ? <p>{t("applicationForm.documents.othersKept", { count: actionData.uploaded })}</p> : null}
        </div>
      ) : null}
      {loaderData.uploaded > 0 && rejected.length === 0 ? (
        <p className="notice" role="status">
          {t("applicationForm.documents.uploaded", { count: loaderData.uploaded })}
        </p>
      ) : null}
      <p>{t("applicationForm.documents.intro")}</p>
      <p className="hint">
        {t("upload.hint", { max: loaderData.maxFileMegabytes })} {t("applicationForm.documents.perUpload", { total: loaderData.uploadMegabytes })}
      </p>
      <Form method="post" encType="multipart/form-data" noValidate>
        <CsrfInput />
        {loaderData.items.map(({ item, files }) => (
          <section className="document-item" key={item} aria-labelledby={`item-${item}`}>
            <h2 id={`item-${item}`}>{itemName(item)}</h2>
            {files.length > 0 ? (
              <ul className="file-list">
                {files.map((file) => (
                  <li key={file.id}>
                    <span>
                      {file.fileName} · {formatBytes(file.sizeBytes, i18n.language)} · <strong>{t("applicationForm.documents.checked")}</strong>
                    </span>
                    <button type="submit" name="intent" value={`remove:${file.id}`} className="button--text">
                      {t("upload.remove", { file: file.fileName })}
                    </button>
                  </li>
                ))}
              </ul>
            ) : (
              <p className="hint">{t("applicationForm.documents.none")}</p>
            )}
            <div className="field">
              <label htmlFor={`file-${item}`}>{t("upload.addFor", { item: itemName(item) })}</label>
              <input id={`file-${item}`} name={documentItemField(item)} type="file" multiple accept="application/pdf,image/jpeg,image/png" />
            </div>
          </section>
        ))}
        <StepButtons>
          <button type="submit" className="button button--secondary" name="intent" value="upload">
            {t("upload.button")}
          </button>
        </StepButtons>
      </Form>
    </div>
  );
}
