import { data, redirect, type MetaFunction } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { randomUUID } from "node:crypto";
import { useTranslation } from "react-i18next";
import { readWorkerNumber, validateChangeOfEmployer, type ChangeOfEmployerInput } from "../../forms/change-of-employer";
import { formatEnterpriseNumber, formatPersonNumber } from "../../forms/identifiers";
import { CHANGE_OF_EMPLOYER_WINDOW_DAYS, todayInBelgium } from "../../workflows/legal-clock";
import { formatDate } from "../components/format";
import { CsrfInput, ErrorSummary, SummaryList, TextField, type FieldErrors } from "../components/forms";
import { requireRole } from "../http/guards.server";
import { field, readForm } from "../http/form.server";
import { requestLanguage } from "../http/language.server";
import { invariantResponse, routeAction, routeLoader } from "../http/responses.server";
import { translator } from "../i18n/language.server";
import { isUuid } from "../ids";
import { currentPermitFor, fileChangeOfEmployer, lookupMessage, type CurrentPermit } from "../permits/change-of-employer.server";
import { pageTitle } from "../root-data";

/**
 * The change of employer (issue 17.1), for the new employer's representative: the worker's
 * national number; with his consent, his current permit from the cadastre and the few
 * questions of the new employment; filed as a case with the competent region. Two plain
 * form posts, no JavaScript needed; nothing is kept between them but the number.
 */
export const meta: MetaFunction<typeof loader> = ({ data, matches }) => pageTitle(data?.title, matches);

export const loader = routeLoader(async ({ request, db }) => {
  const user = await requireRole(request, db, ["employer"]);
  invariantResponse(user.actingFor !== null, 403);
  const t = await translator(requestLanguage(request));
  return { title: t("changeOfEmployer.title"), enterprise: user.actingFor.name, windowDays: CHANGE_OF_EMPLOYER_WINDOW_DAYS };
});

const EMPTY: ChangeOfEmployerInput = { jobTitle: "", placeOfWorkPostalCode: "", contractStart: "", employmentEnd: "", grossAnnualSalary: "", vacancyReference: "", vacancyPublishedOn: "" };

export const action = routeAction(async ({ request, db }) => {
  const user = await requireRole(request, db, ["employer"]);
  invariantResponse(user.actingFor !== null, 403);
  const form = await readForm(request, user);
  const intent = field(form, "intent", 20);
  invariantResponse(intent === "find" || intent === "file", 400);
  const typedNumber = field(form, "personNumber", 40);
  const worker = readWorkerNumber(typedNumber);
  if (!worker.ok) return data({ step: "find" as const, errors: { personNumber: worker.error } as FieldErrors, typedNumber }, { status: 400 });
  const lookup = await currentPermitFor(db, user, worker.value);
  if (lookup.state !== "shown") {
    return data({ step: "find" as const, errors: { personNumber: { key: `changeOfEmployer.errors.${lookupMessage(lookup.state)}` } } as FieldErrors, typedNumber }, { status: lookup.state === "unavailable" ? 409 : 400 });
  }
  const shown = { personNumber: worker.value, permit: lookup.permit };
  if (intent === "find") return data({ step: "questions" as const, ...shown, applicationId: randomUUID(), values: EMPTY, errors: undefined });

  const applicationId = field(form, "applicationId", 40);
  invariantResponse(isUuid(applicationId), 400);
  const values: ChangeOfEmployerInput = {
    jobTitle: field(form, "jobTitle", 200),
    placeOfWorkPostalCode: field(form, "placeOfWorkPostalCode", 20),
    contractStart: field(form, "contractStart", 20),
    employmentEnd: field(form, "employmentEnd", 20),
    grossAnnualSalary: field(form, "grossAnnualSalary", 20),
    vacancyReference: field(form, "vacancyReference", 40),
    vacancyPublishedOn: field(form, "vacancyPublishedOn", 20),
  };
  const result = validateChangeOfEmployer(values, todayInBelgium(new Date()));
  if (!result.ok) return data({ step: "questions" as const, ...shown, applicationId, values, errors: result.errors as FieldErrors }, { status: 400 });
  const filed = await fileChangeOfEmployer(db, user, {
    applicationId,
    personNumber: worker.value,
    data: result.value,
    authority: result.authority,
    uiLanguage: requestLanguage(request),
  });
  return redirect(`/applications/${filed.id}?submitted=1`, 303);
});

export default function ChangeOfEmployer() {
  const { t } = useTranslation();
  const { enterprise, windowDays } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  return (
    <div className="narrow">
      <h1>{t("changeOfEmployer.title")}</h1>
      <p>{t("changeOfEmployer.intro", { enterprise })}</p>
      <section className="panel" aria-labelledby="law-title">
        <h2 id="law-title">{t("changeOfEmployer.lawTitle")}</h2>
        <p>{t("changeOfEmployer.law", { days: windowDays })}</p>
        <p className="hint">{t("changeOfEmployer.unconfirmed", { days: windowDays })}</p>
      </section>
      {actionData?.step === "questions" ? (
        <Questions
          personNumber={actionData.personNumber}
          permit={actionData.permit}
          applicationId={actionData.applicationId}
          values={actionData.values}
          errors={actionData.errors}
        />
      ) : (
        <>
          <ErrorSummary errors={actionData?.errors} />
          <Form method="post" noValidate>
            <CsrfInput />
            <input type="hidden" name="intent" value="find" />
            <TextField
              name="personNumber"
              label={t("changeOfEmployer.personNumber")}
              hint={t("changeOfEmployer.personNumberHint")}
              inputMode="numeric"
              width="medium"
              defaultValue={actionData?.typedNumber}
              error={actionData?.errors?.personNumber}
            />
            <button type="submit" className="button">
              {t("changeOfEmployer.find")}
            </button>
          </Form>
        </>
      )}
    </div>
  );
}

function Questions(props: { personNumber: string; permit: CurrentPermit; applicationId: string; values: ChangeOfEmployerInput; errors: FieldErrors | undefined }) {
  const { t, i18n } = useTranslation();
  const { permit, values, errors } = props;
  const day = (value: string | null) => (value ? formatDate(`${value}T12:00:00Z`, i18n.language) : "—");
  return (
    <>
      <section className="panel" aria-labelledby="permit-title">
        <h2 id="permit-title">{t("changeOfEmployer.permitTitle")}</h2>
        <p className="hint">{t("changeOfEmployer.permitSource")}</p>
        <SummaryList
          rows={[
            [t("case.worker"), `${permit.workerName} (${formatPersonNumber(props.personNumber)})`],
            [t("changeOfEmployer.currentEmployer"), permit.employerName ? `${permit.employerName} (${formatEnterpriseNumber(permit.employerEnterpriseNumber ?? "")})` : "—"],
            [t("changeOfEmployer.job"), permit.job ?? "—"],
            [t("changeOfEmployer.authority"), t(`authority.${permit.authority}`)],
            [t("changeOfEmployer.validity"), `${day(permit.validFrom)} – ${day(permit.validUntil)}`],
            [t("changeOfEmployer.labourMarket"), t(`changeOfEmployer.labourMarketValue.${permit.labourMarket}`)],
          ]}
        />
      </section>
      <ErrorSummary errors={errors} />
      <Form method="post" noValidate>
        <CsrfInput />
        <input type="hidden" name="intent" value="file" />
        <input type="hidden" name="personNumber" value={props.personNumber} />
        <input type="hidden" name="applicationId" value={props.applicationId} />
        <h2>{t("changeOfEmployer.newJobTitle")}</h2>
        <TextField name="jobTitle" label={t("changeOfEmployer.jobTitle")} defaultValue={values.jobTitle} error={errors?.jobTitle} />
        <TextField
          name="placeOfWorkPostalCode"
          label={t("changeOfEmployer.placeOfWork")}
          hint={t("changeOfEmployer.placeOfWorkHint")}
          inputMode="numeric"
          width="short"
          defaultValue={values.placeOfWorkPostalCode}
          error={errors?.placeOfWorkPostalCode}
        />
        <TextField name="contractStart" label={t("changeOfEmployer.contractStart")} hint={t("changeOfEmployer.dateHint")} width="medium" defaultValue={values.contractStart} error={errors?.contractStart} />
        <TextField name="employmentEnd" label={t("changeOfEmployer.employmentEnd")} hint={t("changeOfEmployer.employmentEndHint")} width="medium" defaultValue={values.employmentEnd} error={errors?.employmentEnd} />
        <TextField name="grossAnnualSalary" label={t("changeOfEmployer.salary")} inputMode="decimal" width="medium" defaultValue={values.grossAnnualSalary} error={errors?.grossAnnualSalary} />
        <fieldset className="fieldset">
          <legend>{t("changeOfEmployer.flandersTitle")}</legend>
          <p className="hint">{t("changeOfEmployer.flandersHint")}</p>
          <TextField name="vacancyReference" label={t("applicationForm.flanders.labourMarket.vacancyReference")} width="medium" defaultValue={values.vacancyReference} error={errors?.vacancyReference} />
          <TextField name="vacancyPublishedOn" label={t("changeOfEmployer.vacancyPublishedOn")} hint={t("changeOfEmployer.dateHint")} width="medium" defaultValue={values.vacancyPublishedOn} error={errors?.vacancyPublishedOn} />
        </fieldset>
        <button type="submit" className="button">
          {t("changeOfEmployer.submit")}
        </button>
      </Form>
    </>
  );
}
