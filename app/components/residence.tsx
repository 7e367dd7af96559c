import { Form, Link, useActionData, useLoaderData, useLocation } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { communeName } from "../../forms/communes";
import { countryName } from "../../forms/countries";
import { visaPostName } from "../../forms/visa-posts";
import { cardTypeFor, RESIDENCE_EVENT_TYPES, type ResidenceEventType } from "../../workflows/residence-rules";
import type { caseAction, caseLoader, queueLoader } from "../routes/__residence.server";
import type { ResidenceView } from "../residence/residence.server";
import { formatDate } from "./format";
import { RevocationPanel, RevocationTasks } from "./revocation";
import { REVOCATION_STEPS } from "../../workflows/revocation-chain";
import { CsrfInput, ErrorSummary, SummaryList, TableRegion, TextAreaField, TextField, type FieldErrors } from "./forms";

const day = (value: string | null | undefined, language: string) => (value ? formatDate(`${value}T12:00:00Z`, language) : "—");

/** A post's or a commune's files: a table, each reference a link to its page. */
export function ResidenceQueue() {
  const { t, i18n } = useTranslation();
  const { title, cases, revocationTasks } = useLoaderData<ReturnType<typeof queueLoader>>();
  return (
    <>
      <h1>{title}</h1>
      {revocationTasks ? <RevocationTasks tasks={revocationTasks} /> : null}
      <p>{t("residence.queueIntro")}</p>
      {cases.length === 0 ? (
        <p>{t("residence.queueEmpty")}</p>
      ) : (
        <TableRegion label={title}>
          <table className="table">
            <caption className="visually-hidden">{title}</caption>
            <thead>
              <tr>
                <th scope="col">{t("case.reference")}</th>
                <th scope="col">{t("case.worker")}</th>
                <th scope="col">{t("case.nationality")}</th>
                <th scope="col">{t("case.employer")}</th>
                <th scope="col">{t("residence.stageLabel")}</th>
              </tr>
            </thead>
            <tbody>
              {cases.map((row) => (
                <tr key={row.id}>
                  <td>
                    <Link to={`cases/${row.id}`}>{row.reference}</Link>
                  </td>
                  <td>
                    {row.worker}
                    {row.birthDate ? ` (${day(row.birthDate, i18n.language)})` : ""}
                  </td>
                  <td>{row.nationality ? countryName(row.nationality, i18n.language) : "—"}</td>
                  <td>{row.employer ?? "—"}</td>
                  <td>{t(`residence.stage.${row.stage}`)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableRegion>
      )}
    </>
  );
}

/** The steps after the grant, as done so far: on the tracker and on the post's and commune's pages. */
export function ResidenceSteps({ residence }: { residence: ResidenceView }) {
  const { t, i18n } = useTranslation();
  const lines: string[] = [];
  const post = residence.visaPost ? visaPostName(residence.visaPost, i18n.language) : null;
  if (residence.stage === "renewal-pending" || residence.stage === "annex-49-pending") lines.push(t("residence.line.renewalPending"));
  if (residence.stage === "awaiting-visa") lines.push(post ? t("residence.line.awaitingVisa", { post }) : t("residence.line.awaitingVisaNoPost"));
  if (residence.visa?.outcome === "issued") lines.push(t("residence.line.visaIssued", { post: post ?? "—", on: day(residence.visa.on, i18n.language) }));
  if (residence.visa?.outcome === "refused") lines.push(t("residence.line.visaRefused", { post: post ?? "—", on: day(residence.visa.on, i18n.language), reason: residence.visa.reason ?? "" }));
  const commune = communeName(residence.commune) ?? (residence.postalCode ? t("residence.communeNotOnPortal", { postalCode: residence.postalCode }) : null);
  if (residence.stage === "awaiting-arrival") lines.push(t("residence.line.awaitingArrival", { commune: commune ?? "—" }));
  if (residence.arrival) {
    lines.push(
      t(residence.arrival.late ? "residence.line.arrivedLate" : "residence.line.arrived", {
        commune: commune ?? "—",
        entered: day(residence.arrival.enteredOn, i18n.language),
        on: day(residence.arrival.declaredOn, i18n.language),
        due: day(residence.arrival.dueOn, i18n.language),
      }),
    );
  }
  if (residence.registeredOn) lines.push(t("residence.line.registered", { commune: commune ?? "—", on: day(residence.registeredOn, i18n.language) }));
  if (residence.annex49On) lines.push(t("residence.line.annex49", { on: day(residence.annex49On, i18n.language), code: residence.annex49Code ?? "" }));
  if (residence.card) {
    lines.push(
      t("residence.line.card", {
        type: residence.card.type,
        on: day(residence.card.issuedOn, i18n.language),
        from: day(residence.card.validFrom, i18n.language),
        until: day(residence.card.validUntil, i18n.language),
      }),
    );
  }
  return (
    <section aria-labelledby="residence-title">
      <h2 id="residence-title">{t("residence.title")}</h2>
      <ul>
        {lines.map((line) => (
          <li key={line}>{line}</li>
        ))}
      </ul>
    </section>
  );
}

/** One step's form: its fields, the version it was chosen on, its button. */
function StepForm({ intent, children, errors }: { intent: ResidenceEventType; children: React.ReactNode; errors: FieldErrors | undefined }) {
  const { t } = useTranslation();
  const { residence } = useLoaderData<ReturnType<typeof caseLoader>>();
  return (
    <Form method="post" className="narrow" noValidate aria-labelledby={`${intent}-title`}>
      <h3 id={`${intent}-title`}>{t(`residence.step.${intent}`)}</h3>
      <ErrorSummary errors={errors} />
      <CsrfInput />
      <input type="hidden" name="version" value={residence.version} />
      {children}
      <button type="submit" className="button" name="intent" value={intent}>
        {t(`residence.record.${intent}`)}
      </button>
    </Form>
  );
}

/** A file as the post or the commune sees it, with the forms of the steps it may record now. */
export function ResidenceCase() {
  const { t, i18n } = useTranslation();
  const page = useLoaderData<ReturnType<typeof caseLoader>>();
  const answer = useActionData<ReturnType<typeof caseAction>>();
  const recorded = new URLSearchParams(useLocation().search).get("recorded");
  const errorsFor = (intent: string): FieldErrors | undefined => (answer && answer.intent === intent ? (answer.errors as FieldErrors) : undefined);
  const typed = (intent: string, name: string) => (answer && answer.intent === intent ? answer.values[name] : undefined);
  const dateHint = t("form.dateHint");
  return (
    <>
      <p>
        <Link to={page.home}>{t("residence.backToQueue")}</Link>
      </p>
      {recorded && ([...RESIDENCE_EVENT_TYPES, ...REVOCATION_STEPS] as readonly string[]).includes(recorded) ? (
        <div className="success-banner" role="region" aria-labelledby="recorded-title">
          <h2 id="recorded-title" className="success-banner__title">
            {t("announce.title")}
          </h2>
          <p className="success-banner__body">{t("residence.recorded")}</p>
        </div>
      ) : null}
      <h1>{t("residence.caseTitle", { reference: page.reference })}</h1>
      {answer?.formError ? (
        <div className="error-summary" role="alert" aria-labelledby="form-error-title" tabIndex={-1}>
          <h2 id="form-error-title">{t("form.errorSummaryTitle")}</h2>
          <p>{t(answer.formError)}</p>
        </div>
      ) : null}
      <SummaryList
        rows={[
          [t("case.worker"), page.worker.name],
          [t("case.nationality"), page.worker.nationality ? countryName(page.worker.nationality, i18n.language) : "—"],
          [t("case.birthDate"), day(page.worker.birthDate, i18n.language)],
          [t("residence.passport"), page.worker.passportNumber ?? "—"],
          [t("case.personNumber"), page.worker.personNumber ?? "—"],
          [t("case.employer"), page.employer ? `${page.employer.name} (${page.employer.enterpriseNumber})` : "—"],
          [t("pdf.category"), page.category ? t(`categoryName.${page.category}`) : "—"],
          [t("pdf.job"), page.jobTitle ?? "—"],
          [
            t("residence.permit"),
            page.permit ? t("residence.permitValue", { annex: page.permit.annex, from: day(page.permit.validFrom, i18n.language), until: day(page.permit.validUntil, i18n.language) }) : "—",
          ],
        ]}
      />
      {page.home === "/post" ? (
        <p>
          <Link to="/ebox">{t("residence.annex46InInbox")}</Link>
        </p>
      ) : null}
      <ResidenceSteps residence={page.residence} />
      {page.residence.annex49Code && page.home === "/commune" ? (
        <p>
          <a href={`/commune/cases/${page.id}/annex-49`}>{t("residence.annex49Download")}</a>
        </p>
      ) : null}
      {page.revocation ? (
        <RevocationPanel
          chain={page.revocation}
          answer={answer ? { intent: answer.intent, errors: answer.errors as FieldErrors, values: answer.values, formError: answer.formError } : undefined}
          annex51Href={`/commune/cases/${page.id}/annex-51`}
        />
      ) : null}
      {page.allowed.length > 0 ? (
        <section aria-labelledby="steps-title">
          <h2 id="steps-title">{t("residence.nextSteps")}</h2>
          {page.allowed.includes("VISA_ISSUED") ? (
            <StepForm intent="VISA_ISSUED" errors={errorsFor("VISA_ISSUED")}>
              <TextField name="visaOn" label={t("residence.field.visaOn")} hint={dateHint} width="medium" defaultValue={typed("VISA_ISSUED", "visaOn")} error={errorsFor("VISA_ISSUED")?.visaOn} />
              <TextField
                name="postalCode"
                label={t("residence.field.postalCode")}
                hint={t("residence.field.postalCodeHint")}
                width="short"
                inputMode="numeric"
                defaultValue={typed("VISA_ISSUED", "postalCode")}
                error={errorsFor("VISA_ISSUED")?.postalCode}
              />
            </StepForm>
          ) : null}
          {page.allowed.includes("VISA_REFUSED") ? (
            <StepForm intent="VISA_REFUSED" errors={errorsFor("VISA_REFUSED")}>
              <TextField name="refusedOn" label={t("residence.field.refusedOn")} hint={dateHint} width="medium" defaultValue={typed("VISA_REFUSED", "refusedOn")} error={errorsFor("VISA_REFUSED")?.refusedOn} />
              <TextAreaField name="reason" label={t("residence.field.reason")} defaultValue={typed("VISA_REFUSED", "reason")} error={errorsFor("VISA_REFUSED")?.reason} />
            </StepForm>
          ) : null}
          {page.allowed.includes("ARRIVAL_DECLARED") ? (
            <StepForm intent="ARRIVAL_DECLARED" errors={errorsFor("ARRIVAL_DECLARED")}>
              <TextField name="enteredOn" label={t("residence.field.enteredOn")} hint={t("residence.field.enteredOnHint")} width="medium" defaultValue={typed("ARRIVAL_DECLARED", "enteredOn")} error={errorsFor("ARRIVAL_DECLARED")?.enteredOn} />
              <TextField name="declaredOn" label={t("residence.field.declaredOn")} hint={dateHint} width="medium" defaultValue={typed("ARRIVAL_DECLARED", "declaredOn")} error={errorsFor("ARRIVAL_DECLARED")?.declaredOn} />
            </StepForm>
          ) : null}
          {page.allowed.includes("REGISTERED") ? (
            <StepForm intent="REGISTERED" errors={errorsFor("REGISTERED")}>
              <TextField name="registeredOn" label={t("residence.field.registeredOn")} hint={dateHint} width="medium" defaultValue={typed("REGISTERED", "registeredOn")} error={errorsFor("REGISTERED")?.registeredOn} />
              <TextField
                name="personNumber"
                label={t("residence.field.personNumber")}
                hint={t("residence.field.personNumberHint")}
                width="medium"
                defaultValue={typed("REGISTERED", "personNumber")}
                error={errorsFor("REGISTERED")?.personNumber}
              />
            </StepForm>
          ) : null}
          {page.allowed.includes("ANNEX_49_ISSUED") ? (
            <StepForm intent="ANNEX_49_ISSUED" errors={errorsFor("ANNEX_49_ISSUED")}>
              <TextField name="annex49On" label={t("residence.field.annex49On")} hint={dateHint} width="medium" defaultValue={typed("ANNEX_49_ISSUED", "annex49On")} error={errorsFor("ANNEX_49_ISSUED")?.annex49On} />
            </StepForm>
          ) : null}
          {page.allowed.includes("CARD_ISSUED") ? (
            <StepForm intent="CARD_ISSUED" errors={errorsFor("CARD_ISSUED")}>
              <p>{t("residence.cardWillBe", { type: cardTypeFor(page.category ?? "other") })}</p>
              <TextField name="cardOn" label={t("residence.field.cardOn")} hint={dateHint} width="medium" defaultValue={typed("CARD_ISSUED", "cardOn")} error={errorsFor("CARD_ISSUED")?.cardOn} />
            </StepForm>
          ) : null}
        </section>
      ) : null}
    </>
  );
}
