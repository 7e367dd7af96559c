import { data, redirect, type MetaFunction } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { countryName, countryOptions } from "../../forms/countries";
import { validateStep } from "../../forms/form-definition";
import { stepDefinition } from "../../forms/universal-form";
import { VISA_POSTS, visaPostName } from "../../forms/visa-posts";
import { mayOpenStep, stepAfter, sectionPosition } from "../../workflows/application-form";
import { todayInBelgium } from "../../workflows/legal-clock";
import { formatDate } from "../components/format";
import { StepButtons, StepHeader } from "../components/form-page";
import { CsrfInput, ErrorSummary, SummaryList, type FieldErrors } from "../components/forms";
import { fieldLabels, renderedField, StepFields, type OptionLists } from "../components/step-fields";
import { translator } from "../i18n/language.server";
import { requestLanguage } from "../http/language.server";
import { routeLoader, routeAction } from "../http/responses.server";
import { pageTitle } from "../root-data";
import { registeredWorker, saveStep, type FormDraft } from "../drafts/drafts.server";
import { requireFormDraft } from "./__draft-guard.server";
import { readForm } from "../http/form.server";

export const meta: MetaFunction<typeof loader> = ({ data, matches }) => pageTitle(data?.title, matches);

function openStep(draft: FormDraft, step: string | undefined) {
  const definition = step ? stepDefinition(step) : null;
  if (!definition) throw new Response("Not Found", { status: 404 });
  // A step whose earlier steps are not done yet: back to the task list, which says why.
  if (!mayOpenStep(draft.progress, definition.id)) throw redirect(`/applications/drafts/${draft.id}`);
  return definition;
}

export const loader = routeLoader(async ({ request, params, db }) => {
  const { draft } = await requireFormDraft(request, db, params.id);
  const definition = openStep(draft, params.step);
  const language = requestLanguage(request);
  const t = await translator(language);
  const url = new URL(request.url);
  const answers = draft.facts.answers;
  const values = answers[definition.id] ?? {};
  // Sent back here by check answers or submit: say what no longer passes.
  const errors =
    url.searchParams.get("recheck") === "1"
      ? await validateStep(definition, values, {
          today: todayInBelgium(new Date()),
          answers,
          employerSeatPostalCode: draft.facts.employerSeatPostalCode,
        }).then((result) => (result.ok ? undefined : result.errors))
      : undefined;
  const fields = definition.fields
    // A question revealed by another answer on the page is always sent; the rest only if asked.
    .filter((field) => field.revealedBy || !field.when || field.when(values, answers))
    .map(renderedField);
  const options: OptionLists = {};
  if (fields.some((field) => field.optionsFrom === "countries")) options.countries = countryOptions(language);
  if (fields.some((field) => field.optionsFrom === "visa-posts")) {
    options["visa-posts"] = VISA_POSTS.map((post) => ({
      value: post.id,
      label: visaPostName(post.id, language) ?? t("applicationForm.worker.visaPostOther"),
    }));
  }
  // The register confirmed the worker: where its nationality differs from the one typed, both are shown.
  const registered = definition.id === "worker" ? await registeredWorker(db, answers) : null;
  return {
    title: t(definition.title),
    id: draft.id,
    step: definition.id,
    stepTitle: definition.title,
    intro: definition.intro ?? null,
    // Counted in the task list's sections, so "step 3 of 7" matches the list.
    stepNumber: sectionPosition(draft.progress, definition.id).number,
    stepCount: sectionPosition(draft.progress, definition.id).count,
    fields,
    values,
    errors,
    options,
    returnToCheck: url.searchParams.get("return") === "check",
    employer: definition.id === "employer" ? draft.employer : null,
    authority: draft.progress.plan.authority,
    registerNationality:
      registered?.nationalityDiffers && values.nationality ? { registered: registered.nationality, typed: values.nationality } : null,
  };
});

export const action = routeAction(async ({ request, params, db }) => {
  const { user, draft } = await requireFormDraft(request, db, params.id);
  const definition = openStep(draft, params.step);
  const form = await readForm(request, user);
  const raw = Object.fromEntries([...form.entries()].filter((entry): entry is [string, string] => typeof entry[1] === "string"));
  const saved = await saveStep(db, user, draft, definition.id, raw);
  if (saved.kind === "already-submitted") return redirect(`/applications/${draft.id}`);
  if (raw.intent === "save-later") return redirect("/applications?saved=1");
  if (!saved.result.ok) {
    // The page shows exactly what was typed, next to what is wrong with it.
    return data({ errors: saved.result.errors as FieldErrors, values: saved.typed }, { status: 400 });
  }
  const { progress } = saved;
  // From check answers, back to it, unless the change opened questions not answered yet (a new region's).
  const next = raw.returnTo === "check" ? progress.nextStep : stepAfter(progress, definition.id);
  return redirect(`/applications/drafts/${draft.id}/${next}`);
});

export default function FormStep() {
  const { t, i18n } = useTranslation();
  const loaderData = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const values = actionData?.values ?? loaderData.values;
  const errors = actionData?.errors ?? loaderData.errors;
  const { employer } = loaderData;
  return (
    <div className="narrow">
      <StepHeader draftId={loaderData.id} returnToCheck={loaderData.returnToCheck} step={loaderData.stepNumber} count={loaderData.stepCount} />
      <h1>{t(loaderData.stepTitle, { authority: loaderData.authority ? t(`authority.${loaderData.authority}`) : "" })}</h1>
      <ErrorSummary errors={errors} labels={fieldLabels(loaderData.fields, t)} />
      {loaderData.registerNationality ? (
        <div className="notice notice--warning" role="note" aria-labelledby="register-title">
          <h2 id="register-title">{t("applicationForm.worker.registerTitle")}</h2>
          <p>
            {t("applicationForm.worker.registerNationality", {
              registered: countryName(loaderData.registerNationality.registered, i18n.language),
              typed: countryName(loaderData.registerNationality.typed, i18n.language),
            })}
          </p>
        </div>
      ) : null}
      {loaderData.intro ? <p>{t(loaderData.intro)}</p> : null}
      {employer ? (
        <>
          <SummaryList
            rows={[
              [t("applicationForm.employer.name"), employer.name],
              [t("applicationForm.employer.enterpriseNumber"), employer.enterpriseNumber],
              [t("applicationForm.employer.address"), employer.address],
            ]}
          />
          <p className="hint">
            {t("applicationForm.employer.source", {
              source: t(`sources.${employer.source}`),
              date: formatDate(`${employer.sourceDate}T12:00:00Z`, i18n.language),
            })}
          </p>
        </>
      ) : null}
      <Form method="post" noValidate>
        <CsrfInput />
        {loaderData.returnToCheck ? <input type="hidden" name="returnTo" value="check" /> : null}
        <StepFields fields={loaderData.fields} values={values} errors={errors} options={loaderData.options} />
        <StepButtons />
      </Form>
    </div>
  );
}
