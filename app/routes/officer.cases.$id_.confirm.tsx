import { redirect, type MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { formatEnterpriseNumber } from "../../forms/identifiers";
import { confirmationPage, confirmDecision } from "../cases/case-decisions.server";
import { isAdverse } from "../cases/decision-outcomes";
import { withOutcome } from "../components/announcements";
import { CsrfInput, SummaryList } from "../components/forms";
import { formValues, readForm } from "../http/form.server";
import { requireRole } from "../http/guards.server";
import { requestLanguage } from "../http/language.server";
import { invariantResponse, routeAction, routeLoader } from "../http/responses.server";
import { translator } from "../i18n/language.server";
import { pageTitle } from "../root-data";

/**
 * The confirmation page of an officer's decision (docs/decisions/020-decide-then-confirm.md):
 * what he chose, what it does, who will be told; confirming records it. Not nested in the
 * case page (`$id_`): it is a page of its own, reached by the "Decide" form's redirect.
 */
export const meta: MetaFunction<typeof loader> = ({ data, matches }) => pageTitle(data?.title, matches);

export const loader = routeLoader(async ({ request, params, db }) => {
  const user = await requireRole(request, db, ["regional-officer", "oe-officer"]);
  const decisionId = new URL(request.url).searchParams.get("decision") ?? "";
  const page = await confirmationPage(db, user, params.id ?? "", decisionId);
  const t = await translator(requestLanguage(request));
  return { ...page, caseId: params.id ?? "", title: t("confirmDecision.title", { reference: page.reference }) };
});

export const action = routeAction(async ({ request, params, db }) => {
  const user = await requireRole(request, db, ["regional-officer", "oe-officer"]);
  const values = formValues(await readForm(request, user));
  invariantResponse(values.intent === "confirm", 400);
  const caseId = params.id ?? "";
  await confirmDecision(db, user, caseId, values.decision ?? "");
  return redirect(withOutcome(`/officer/cases/${caseId}`, "decided"));
});

export default function ConfirmDecision() {
  const { t } = useTranslation();
  const page = useLoaderData<typeof loader>();
  const { decision, notice } = page;
  const outcome = t(`caseActions.${decision.outcome}.title`);
  const rows: [string, string][] = [
    [t("confirmDecision.case"), page.reference],
    [t("confirmDecision.worker"), page.worker || "—"],
  ];
  if (page.employer) rows.push([t("confirmDecision.employer"), `${page.employer.name} (${formatEnterpriseNumber(page.employer.enterpriseNumber)})`]);
  rows.push([t("confirmDecision.outcome"), outcome]);
  if (decision.ground) {
    const kind = decision.outcome === "REVOKE" ? "revocation" : "inadmissible";
    rows.push([t("caseActions.ground"), t(`grounds.${kind}.${decision.ground}`)]);
  }
  rows.push([t("caseActions.reason"), decision.reason ?? t("confirmDecision.noReason")]);
  const effectKey =
    decision.outcome === "REVOKE" || decision.outcome === "DECLARE_INADMISSIBLE"
      ? `confirmDecision.effect.${decision.outcome}.${page.decidedBy}`
      : `confirmDecision.effect.${decision.outcome}`;
  return (
    <div className="narrow">
      <p>
        <Link to={`/officer/cases/${page.caseId}#decide`}>{t("confirmDecision.back")}</Link>
      </p>
      <h1>{page.title}</h1>
      <p>{t("confirmDecision.intro")}</p>
      <SummaryList rows={rows} />
      <section aria-labelledby="effect-title">
        <h2 id="effect-title">{t("confirmDecision.effectTitle")}</h2>
        <p>{t(effectKey)}</p>
        {notice.appeal !== "none" ? <p>{t(`confirmDecision.appeal.${notice.appeal}`)}</p> : null}
      </section>
      <section aria-labelledby="told-title">
        <h2 id="told-title">{t("confirmDecision.toldTitle")}</h2>
        {notice.recipients.length === 0 ? (
          <p>{t("confirmDecision.told.nobody")}</p>
        ) : (
          <ul>
            {notice.recipients.map((recipient) => (
              <li key={recipient}>
                {t(`confirmDecision.told.${recipient}`, {
                  employer: page.employer ? `${page.employer.name} (${formatEnterpriseNumber(page.employer.enterpriseNumber)})` : "",
                  worker: page.worker,
                })}
              </li>
            ))}
          </ul>
        )}
      </section>
      <p className="notice notice--warning">{t("confirmDecision.irreversible")}</p>
      <Form method="post" className="inline-actions">
        <CsrfInput />
        <input type="hidden" name="decision" value={decision.id} />
        <button type="submit" name="intent" value="confirm" className={isAdverse(decision.outcome) ? "button button--warning" : "button"}>
          {t("confirmDecision.confirm", { outcome })}
        </button>{" "}
        <Link to={`/officer/cases/${page.caseId}`} className="button button--secondary">
          {t("confirmDecision.cancel")}
        </Link>
      </Form>
    </div>
  );
}
