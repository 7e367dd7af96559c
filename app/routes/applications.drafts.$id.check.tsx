import { redirect, type MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { mayOpenStep, sectionPosition } from "../../workflows/application-form";
import { AnswerValue } from "../components/answers";
import { CompetentAuthority, StepHeader } from "../components/form-page";
import { CsrfInput, SummaryList } from "../components/forms";
import { countryName } from "../../forms/countries";
import { translator } from "../i18n/language.server";
import { requestLanguage } from "../http/language.server";
import { routeLoader, routeAction } from "../http/responses.server";
import { pageTitle } from "../root-data";
import { draftDocuments, registeredWorker, residenceTitleWarning, submitDraft } from "../drafts/drafts.server";
import { formatDate } from "../components/format";
import { requireFormDraft } from "./__draft-guard.server";
import { answerSections } from "../drafts/answer-rows.server";
import { readForm } from "../http/form.server";

export const meta: MetaFunction<typeof loader> = ({ data, matches }) => pageTitle(data?.title, matches);

/** Check answers: every answer with a link to change it (which comes back here), then submit. */
export const loader = routeLoader(async ({ request, params, db }) => {
  const { draft } = await requireFormDraft(request, db, params.id);
  if (!mayOpenStep(draft.progress, "check")) throw redirect(`/applications/drafts/${draft.id}`);
  const t = await translator(requestLanguage(request));
  const answers = draft.facts.answers;
  const authority = draft.progress.plan.authority;
  const sections = answerSections(draft.progress.plan.steps, answers);
  const documents = await draftDocuments(db, draft);
  const worker = answers.worker ?? {};
  // What goes on the permit: the register's identity when it confirmed the number, else what was typed.
  const registered = await registeredWorker(db, answers);
  const printed = registered
    ? { name: `${registered.givenNames} ${registered.familyName}`, nationality: registered.nationality, fromRegister: true }
    : { name: [worker.givenNames, worker.familyName].filter(Boolean).join(" "), nationality: worker.nationality ?? "", fromRegister: false };
  return {
    title: t("applicationForm.check.title"),
    id: draft.id,
    // The last section of the task list: "step 7 of 7".
    stepNumber: sectionPosition(draft.progress, "check").number,
    stepCount: sectionPosition(draft.progress, "check").count,
    authority,
    basis: draft.progress.plan.basis,
    placeOfWork: answers.employment?.placeOfWorkPostalCode ?? "",
    employer: draft.employer,
    printed,
    titleWarning: residenceTitleWarning(answers),
    sections: sections.map((section) => ({
      ...section,
      rows: section.rows.map((row) => ({ ...row, href: `/applications/drafts/${draft.id}/${section.step}?return=check#${row.name}` })),
    })),
    documents: documents.map((item) => ({
      label: t(`applicationForm.documents.items.${item.item}`),
      files: item.files.map((file) => file.fileName),
    })),
  };
});

export const action = routeAction(async ({ request, params, db }) => {
  const { user, draft } = await requireFormDraft(request, db, params.id);
  await readForm(request, user);
  const outcome = await submitDraft(db, user, draft, requestLanguage(request));
  if (outcome.kind === "filed") return redirect(`/applications/${outcome.id}?submitted=1`);
  // Something no longer passes (a date now past, a changed threshold, a removed file): go and fix it.
  return redirect(
    outcome.step === "documents"
      ? `/applications/drafts/${draft.id}/documents?missing=1`
      : `/applications/drafts/${draft.id}/${outcome.step}?recheck=1`,
  );
});

export default function CheckAnswers() {
  const { t, i18n } = useTranslation();
  const data = useLoaderData<typeof loader>();
  return (
    <div className="narrow">
      <StepHeader draftId={data.id} returnToCheck={false} step={data.stepNumber} count={data.stepCount} />
      <h1>{t("applicationForm.check.title")}</h1>
      <CompetentAuthority authority={data.authority} basis={data.basis} placeOfWork={data.placeOfWork} />
      {data.titleWarning ? (
        <div className="notice notice--warning" role="note" aria-labelledby="title-ends-first">
          <h2 id="title-ends-first">{t("applicationForm.check.titleEndsFirstTitle")}</h2>
          <p>
            {t("applicationForm.check.titleEndsFirst", {
              titleEndsOn: formatDate(data.titleWarning.titleEndsOn, i18n.language),
              latestDecision: formatDate(data.titleWarning.latestDecision, i18n.language),
            })}
          </p>
          <p>
            <Link to={`/applications/drafts/${data.id}/worker?return=check#residenceTitleEndsOn`}>
              {t("applicationForm.check.change")}
              <span className="visually-hidden"> {t("applicationForm.worker.residenceTitleEndsOn")}</span>
            </Link>
          </p>
        </div>
      ) : null}
      {data.sections.map((section) => (
        <section key={section.step} aria-labelledby={`check-${section.step}`}>
          <h2 id={`check-${section.step}`}>{t(section.title, { authority: data.authority ? t(`authority.${data.authority}`) : "" })}</h2>
          <dl className="summary-list">
            {section.step === "employer" ? (
              // From the enterprise register: shown, not changeable here.
              <div className="summary-list__row">
                <dt>{t("applicationForm.employer.name")}</dt>
                <dd>
                  {data.employer.name} ({data.employer.enterpriseNumber})
                </dd>
              </div>
            ) : null}
            {section.rows.map((row) => (
              <div className="summary-list__row" key={row.name}>
                <dt>{t(row.label)}</dt>
                <dd>
                  <AnswerValue row={row} />
                </dd>
                <dd className="summary-list__action">
                  <Link to={row.href}>
                    {t("applicationForm.check.change")}
                    <span className="visually-hidden"> {t(row.label)}</span>
                  </Link>
                </dd>
              </div>
            ))}
          </dl>
        </section>
      ))}
      <section aria-labelledby="check-printed">
        <h2 id="check-printed">{t("applicationForm.check.printedTitle")}</h2>
        <SummaryList
          rows={[
            [t("applicationForm.check.printedName"), data.printed.name],
            [t("applicationForm.check.printedNationality"), countryName(data.printed.nationality, i18n.language)],
          ]}
        />
        <p className="hint">{t(data.printed.fromRegister ? "applicationForm.check.printedSource" : "applicationForm.check.printedTyped")}</p>
      </section>
      <h2>{t("applicationForm.documents.title")}</h2>
      <dl className="summary-list">
        {data.documents.map((item) => (
          <div className="summary-list__row" key={item.label}>
            <dt>{item.label}</dt>
            <dd>{item.files.join(", ")}</dd>
            <dd className="summary-list__action">
              <Link to={`/applications/drafts/${data.id}/documents?return=check`}>
                {t("applicationForm.check.change")}
                <span className="visually-hidden"> {item.label}</span>
              </Link>
            </dd>
          </div>
        ))}
      </dl>
      <h2>{t("applicationForm.check.declarationTitle")}</h2>
      <p>{t("applicationForm.check.declaration")}</p>
      <Form method="post">
        <CsrfInput />
        <button type="submit" className="button">
          {t("newApplication.submit")}
        </button>
      </Form>
    </div>
  );
}
