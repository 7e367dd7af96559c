import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { randomUUID } from "node:crypto";
import { useTranslation } from "react-i18next";
import { countryOptions } from "../../forms/countries";
import { EMPLOYMENT_CATEGORIES } from "../../forms/employment";
import { validateNewApplication, type NewApplicationInput } from "../../forms/new-application";
import { todayInBelgium } from "../../workflows/legal-clock";
import { CsrfInput, ErrorSummary, SelectField, TextField, type FieldErrors } from "../components/forms";
import { requestLanguage, translator } from "../i18n/language.server";
import { pageTitle } from "../root-data";
import { FORM_VERSION, isApplicationId, loadDraft, saveDraft, submitNewApplication } from "../services/applications.server";
import { requireRole } from "../services/auth.server";
import { field, readForm } from "../services/form.server";

export const meta: MetaFunction<typeof loader> = ({ data, matches }) => pageTitle(data?.title, matches);

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireRole(request, ["employer"]);
  if (!user.actingFor) throw new Response("Forbidden", { status: 403 });
  const language = requestLanguage(request);
  const t = await translator(language);
  const draftId = new URL(request.url).searchParams.get("draft");
  const draft = isApplicationId(draftId) ? await loadDraft(user, draftId) : null;
  if (draftId && !draft) throw new Response("Not Found", { status: 404 });
  return {
    title: t("newApplication.title"),
    // Names the application before it exists, so resending this form files it once.
    applicationId: draft?.id ?? randomUUID(),
    draft: draft && { values: draft.values, outdated: draft.formVersion !== FORM_VERSION },
    countries: countryOptions(language),
    employer: user.actingFor,
  };
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireRole(request, ["employer"]);
  const form = await readForm(request, user);
  const applicationId = field(form, "applicationId");
  if (!isApplicationId(applicationId)) throw new Response("Bad Request", { status: 400 });
  const values: NewApplicationInput = {
    givenNames: field(form, "givenNames", 300),
    familyName: field(form, "familyName", 300),
    nationality: field(form, "nationality", 2),
    birthDate: field(form, "birthDate", 10),
    passportNumber: field(form, "passportNumber", 40),
    personNumber: field(form, "personNumber", 20),
    placeOfWorkPostalCode: field(form, "placeOfWorkPostalCode", 20),
    jobTitle: field(form, "jobTitle", 300),
    employmentEnd: field(form, "employmentEnd", 10),
    category: field(form, "category", 40),
    grossAnnualSalary: field(form, "grossAnnualSalary", 30),
  };
  if (field(form, "intent") === "save-draft") {
    const saved = await saveDraft(user, applicationId, values);
    return redirect(saved === "saved" ? "/applications?saved=1" : `/applications/${applicationId}`);
  }
  const result = validateNewApplication(values, todayInBelgium(new Date()));
  if (!result.ok) {
    return data({ errors: result.errors as FieldErrors, values, applicationId }, { status: 400 });
  }
  const submitted = await submitNewApplication(user, applicationId, result.value, result.authority, requestLanguage(request));
  return redirect(`/applications/${submitted.id}?submitted=1`);
}

export default function NewApplication() {
  const { t } = useTranslation();
  const loaderData = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const values: Partial<NewApplicationInput> | undefined = actionData?.values ?? loaderData.draft?.values;
  const errors = actionData?.errors;
  return (
    <div className="narrow">
      <h1>{t("newApplication.title")}</h1>
      <p>{t("newApplication.intro", { employer: loaderData.employer.name })}</p>
      {loaderData.draft ? <p className="notice">{t(loaderData.draft.outdated ? "drafts.outdated" : "drafts.continuing")}</p> : null}
      <ErrorSummary errors={errors} />
      <Form method="post" noValidate>
        <CsrfInput />
        <input type="hidden" name="applicationId" value={actionData?.applicationId ?? loaderData.applicationId} />
        <fieldset className="fieldset">
          <legend>{t("newApplication.workerLegend")}</legend>
          <TextField
            name="givenNames"
            label={t("newApplication.givenNames")}
            autoComplete="off"
            defaultValue={values?.givenNames}
            error={errors?.givenNames}
          />
          <TextField
            name="familyName"
            label={t("newApplication.familyName")}
            autoComplete="off"
            defaultValue={values?.familyName}
            error={errors?.familyName}
          />
          <SelectField
            name="nationality"
            label={t("newApplication.nationality")}
            placeholder={t("newApplication.chooseNationality")}
            options={loaderData.countries}
            defaultValue={values?.nationality}
            error={errors?.nationality}
          />
          <TextField
            name="birthDate"
            type="date"
            label={t("newApplication.birthDate")}
            hint={t("newApplication.birthDateHint")}
            width="medium"
            defaultValue={values?.birthDate}
            error={errors?.birthDate}
          />
          <TextField
            name="passportNumber"
            label={t("newApplication.passportNumber")}
            autoComplete="off"
            width="medium"
            defaultValue={values?.passportNumber}
            error={errors?.passportNumber}
          />
          <TextField
            name="personNumber"
            label={t("newApplication.personNumber")}
            hint={t("newApplication.personNumberHint")}
            autoComplete="off"
            inputMode="numeric"
            width="medium"
            defaultValue={values?.personNumber}
            error={errors?.personNumber}
          />
        </fieldset>
        <TextField
          name="placeOfWorkPostalCode"
          label={t("newApplication.placeOfWork")}
          hint={t("newApplication.placeOfWorkHint")}
          inputMode="numeric"
          width="short"
          defaultValue={values?.placeOfWorkPostalCode}
          error={errors?.placeOfWorkPostalCode}
        />
        <SelectField
          name="category"
          label={t("newApplication.category")}
          placeholder={t("newApplication.chooseCategory")}
          options={EMPLOYMENT_CATEGORIES.map((category) => ({ value: category, label: t(`categoryName.${category}`) }))}
          defaultValue={values?.category}
          error={errors?.category}
        />
        <TextField
          name="grossAnnualSalary"
          label={t("newApplication.salary")}
          hint={t("newApplication.salaryHint")}
          inputMode="numeric"
          width="medium"
          defaultValue={values?.grossAnnualSalary}
          error={errors?.grossAnnualSalary}
        />
        <TextField
          name="jobTitle"
          label={t("newApplication.jobTitle")}
          hint={t("newApplication.jobTitleHint")}
          defaultValue={values?.jobTitle}
          error={errors?.jobTitle}
        />
        <TextField
          name="employmentEnd"
          type="date"
          label={t("newApplication.employmentEnd")}
          hint={t("newApplication.employmentEndHint")}
          width="medium"
          defaultValue={values?.employmentEnd}
          error={errors?.employmentEnd}
        />
        <div className="button-group">
          <button type="submit" className="button">
            {t("newApplication.submit")}
          </button>
          <button type="submit" name="intent" value="save-draft" className="button button--secondary">
            {t("drafts.save")}
          </button>
        </div>
      </Form>
    </div>
  );
}
