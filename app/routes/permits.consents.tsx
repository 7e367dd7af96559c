import { data, redirect, type MetaFunction } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { formatEnterpriseNumber } from "../../forms/identifiers";
import { formatDate } from "../components/format";
import { CsrfInput, ErrorSummary, TableRegion, TextField, type FieldErrors } from "../components/forms";
import { requireRole } from "../http/guards.server";
import { field, readForm } from "../http/form.server";
import { requestLanguage } from "../http/language.server";
import { invariantResponse, routeAction, routeLoader } from "../http/responses.server";
import { translator } from "../i18n/language.server";
import { CONSENT_DAYS, giveConsent, listConsents, withdrawConsent } from "../permits/consents.server";
import { pageTitle } from "../root-data";

/**
 * The worker's consents (issue 17.1): he lets one enterprise see his current permit and file
 * a change of employer for him, and withdraws it. Only the worker himself, in his own account.
 */
export const meta: MetaFunction<typeof loader> = ({ data, matches }) => pageTitle(data?.title, matches);

const ROLES = ["worker", "resident"] as const;

export const loader = routeLoader(async ({ request, db }) => {
  const user = await requireRole(request, db, ROLES);
  const t = await translator(requestLanguage(request));
  return { title: t("consents.title"), consents: await listConsents(db, user), days: CONSENT_DAYS };
});

export const action = routeAction(async ({ request, db }) => {
  const user = await requireRole(request, db, ROLES);
  const form = await readForm(request, user);
  const intent = field(form, "intent", 20);
  if (intent === "withdraw") {
    await withdrawConsent(db, user, field(form, "consentId", 40));
    return redirect("/permits/consents?done=withdrawn", 303);
  }
  invariantResponse(intent === "give", 400);
  const enterpriseNumber = field(form, "enterpriseNumber", 40);
  const result = await giveConsent(db, user, enterpriseNumber);
  if (!result.ok) return data({ errors: result.errors as FieldErrors, values: { enterpriseNumber } }, { status: 400 });
  return redirect("/permits/consents?done=given", 303);
});

export default function PermitConsents() {
  const { t, i18n } = useTranslation();
  const { consents, days } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const [params] = useSearchParams();
  const done = params.get("done");
  const day = (iso: string) => formatDate(iso.length === 10 ? `${iso}T12:00:00Z` : iso, i18n.language);
  return (
    <div className="narrow">
      <h1>{t("consents.title")}</h1>
      {done === "given" || done === "withdrawn" ? (
        <p className="notice" role="status">
          {t(`consents.done.${done}`)}
        </p>
      ) : null}
      <p>{t("consents.intro", { days })}</p>
      <ErrorSummary errors={actionData?.errors} />
      <Form method="post" noValidate>
        <CsrfInput />
        <input type="hidden" name="intent" value="give" />
        <TextField
          name="enterpriseNumber"
          label={t("consents.enterpriseNumber")}
          hint={t("consents.enterpriseNumberHint")}
          width="medium"
          defaultValue={actionData?.values.enterpriseNumber}
          error={actionData?.errors.enterpriseNumber}
        />
        <button type="submit" className="button">
          {t("consents.give")}
        </button>
      </Form>
      <h2>{t("consents.listTitle")}</h2>
      {consents.length === 0 ? (
        <p>{t("consents.none")}</p>
      ) : (
        <TableRegion label={t("consents.listTitle")}>
          <table className="table table--stacked">
            <thead>
              <tr>
                <th scope="col">{t("consents.enterprise")}</th>
                <th scope="col">{t("consents.givenOn")}</th>
                <th scope="col">{t("consents.state")}</th>
                <th scope="col">
                  <span className="visually-hidden">{t("consents.actions")}</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {consents.map((consent) => (
                <tr key={consent.id}>
                  <td data-label={t("consents.enterprise")}>
                    {consent.enterpriseName ?? "—"} ({formatEnterpriseNumber(consent.enterpriseNumber)})
                  </td>
                  <td data-label={t("consents.givenOn")}>{day(consent.givenAt)}</td>
                  <td data-label={t("consents.state")}>
                    {consent.active
                      ? t("consents.activeUntil", { date: day(consent.expiresOn) })
                      : consent.withdrawnAt
                        ? t("consents.withdrawnOn", { date: day(consent.withdrawnAt) })
                        : t("consents.expiredOn", { date: day(consent.expiresOn) })}
                  </td>
                  <td>
                    {consent.active ? (
                      <Form method="post">
                        <CsrfInput />
                        <input type="hidden" name="intent" value="withdraw" />
                        <input type="hidden" name="consentId" value={consent.id} />
                        <button type="submit" className="button button--secondary">
                          {t("consents.withdraw", { name: consent.enterpriseName ?? formatEnterpriseNumber(consent.enterpriseNumber) })}
                        </button>
                      </Form>
                    ) : null}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableRegion>
      )}
    </div>
  );
}
