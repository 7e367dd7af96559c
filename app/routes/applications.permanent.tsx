import { data, redirect, type MetaFunction } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { randomUUID } from "node:crypto";
import { useTranslation } from "react-i18next";
import { countryName } from "../../forms/countries";
import { formatPersonNumber } from "../../forms/identifiers";
import { validatePermanentApplication, type PermanentApplicationInput } from "../../forms/permanent-application";
import { formatDate } from "../components/format";
import { CsrfInput, ErrorSummary, SummaryList, TextField, type FieldErrors } from "../components/forms";
import { translator } from "../i18n/language.server";
import { requestLanguage } from "../http/language.server";
import { pageTitle } from "../root-data";
import { submitPermanentApplication } from "../cases/filing.server";
import { isUuid } from "../ids";
import { lookUpPerson } from "../registers/national-register.server";
import { ConflictError } from "../errors";
import { requireRole } from "../http/guards.server";
import { field, readForm } from "../http/form.server";
import { invariantResponse, routeAction, routeLoader } from "../http/responses.server";

export const meta: MetaFunction<typeof loader> = ({ data, matches }) => pageTitle(data?.title, matches);

export const loader = routeLoader(async ({ request, db }) => {
  const user = await requireRole(request, db, ["resident"]);
  const answer = user.personNumber ? await lookUpPerson(db, user.personNumber) : null;
  // The register cannot be reached: say so (409 with a message), rather than refuse him.
  if (answer?.state === "unavailable") throw new ConflictError("newApplication.errors.registerUnavailable", answer.why);
  invariantResponse(answer?.state === "found", 403);
  const { person } = answer;
  const t = await translator(requestLanguage(request));
  return {
    title: t("permanent.title"),
    applicationId: randomUUID(),
    person: {
      name: `${person.givenNames} ${person.familyName}`,
      birthDate: person.birthDate,
      nationality: person.nationality,
      personNumber: formatPersonNumber(person.personNumber),
    },
  };
});

export const action = routeAction(async ({ request, db }) => {
  const user = await requireRole(request, db, ["resident"]);
  const form = await readForm(request, user);
  const applicationId = field(form, "applicationId");
  invariantResponse(isUuid(applicationId), 400);
  const values: PermanentApplicationInput = {
    residencePostalCode: field(form, "residencePostalCode", 20),
    yearsWorkedLastFive: field(form, "yearsWorkedLastFive", 5),
    yearsResident: field(form, "yearsResident", 5),
    currentPermitNumber: field(form, "currentPermitNumber", 40),
  };
  const result = validatePermanentApplication(values);
  if (!result.ok) return data({ errors: result.errors as FieldErrors, values, applicationId }, { status: 400 });
  const filed = await submitPermanentApplication(db, user, {
    applicationId,
    data: result.value,
    authority: result.authority,
    uiLanguage: requestLanguage(request),
  });
  return redirect(`/applications/${filed.id}?submitted=1`);
});

export default function PermanentApplication() {
  const { t, i18n } = useTranslation();
  const { person, applicationId } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const values = actionData?.values;
  const errors = actionData?.errors;
  return (
    <div className="narrow">
      <h1>{t("permanent.title")}</h1>
      <p>{t("permanent.intro")}</p>
      <ErrorSummary errors={errors} />
      <section aria-labelledby="identity-title" className="panel">
        <h2 id="identity-title">{t("permanent.identityTitle")}</h2>
        <p className="hint">{t("permanent.identitySource")}</p>
        <SummaryList
          rows={[
            [t("case.worker"), person.name],
            [t("case.birthDate"), person.birthDate ? formatDate(`${person.birthDate}T12:00:00Z`, i18n.language) : "—"],
            [t("case.nationality"), countryName(person.nationality, i18n.language)],
            [t("case.personNumber"), person.personNumber],
          ]}
        />
      </section>
      <Form method="post" noValidate>
        <CsrfInput />
        <input type="hidden" name="applicationId" value={actionData?.applicationId ?? applicationId} />
        <TextField
          name="residencePostalCode"
          label={t("permanent.residencePostalCode")}
          hint={t("permanent.residencePostalCodeHint")}
          inputMode="numeric"
          width="short"
          defaultValue={values?.residencePostalCode}
          error={errors?.residencePostalCode}
        />
        <TextField
          name="yearsWorkedLastFive"
          label={t("permanent.yearsWorked")}
          hint={t("permanent.yearsWorkedHint")}
          inputMode="numeric"
          width="short"
          defaultValue={values?.yearsWorkedLastFive}
          error={errors?.yearsWorkedLastFive}
        />
        <TextField
          name="yearsResident"
          label={t("permanent.yearsResident")}
          inputMode="numeric"
          width="short"
          defaultValue={values?.yearsResident}
          error={errors?.yearsResident}
        />
        <TextField
          name="currentPermitNumber"
          label={t("permanent.currentPermit")}
          hint={t("permanent.currentPermitHint")}
          width="medium"
          defaultValue={values?.currentPermitNumber}
          error={errors?.currentPermitNumber}
        />
        <button type="submit" className="button">
          {t("permanent.submit")}
        </button>
      </Form>
    </div>
  );
}
