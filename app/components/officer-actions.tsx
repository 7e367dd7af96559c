import { Form } from "@remix-run/react";
import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { REGIONAL_AUTHORITIES } from "../../forms/authorities";
import type { CaseEventType, CaseProposal } from "../../workflows/case-lifecycle";
import { SEASONAL_CLOCKS } from "../../workflows/legal-clock";
import { DECISION_OUTCOMES, OUTCOME_GROUNDS, type DecisionOutcome } from "../cases/decision-outcomes";
import { CsrfInput, type FieldErrors } from "./forms";

/** The id of the reason field in the form of this intent (error summary links point to it). */
export function reasonFieldId(intent: string): string {
  if (intent === "decide") return "decide-reason";
  return intent === "REROUTE" ? "reroute-reason" : `${intent}-reason`;
}

/** The id of a field of an intent's form, for the error summary's links (`outcome`: the outcome chosen in "Decide"). */
export function actionFieldId(intent: string, name: string, outcome?: string): string {
  if (name === "reason") return reasonFieldId(intent);
  if (name === "ground") return `${intent === "decide" ? outcome : intent}-ground`;
  if (name === "category") return "clock-category";
  return name;
}

/** A field's hint and error ids, as its control's aria-describedby names them. */
function describedBy(id: string, hint: boolean, error: unknown): string | undefined {
  return [hint ? `${id}-hint` : "", error ? `${id}-error` : ""].filter(Boolean).join(" ") || undefined;
}

/** A labelled control with its hint and its error message, tied to it (aria-describedby, aria-invalid). */
function Field({
  id,
  label,
  hint,
  error,
  children,
}: {
  id: string;
  label: string;
  hint?: string;
  error?: FieldErrors[string];
  children: (aria: { "aria-invalid"?: true; "aria-describedby"?: string }) => ReactNode;
}) {
  const { t } = useTranslation();
  return (
    <div className={error ? "field field--error" : "field"}>
      <label htmlFor={id}>{label}</label>
      {hint ? (
        <p className="hint" id={`${id}-hint`}>
          {hint}
        </p>
      ) : null}
      {error ? (
        <p className="field-error" id={`${id}-error`}>
          <span className="visually-hidden">{t("form.errorPrefix")}</span> {t(error.key, { field: label, ...error.values })}
        </p>
      ) : null}
      {children({ ...(error ? { "aria-invalid": true as const } : {}), "aria-describedby": describedBy(id, Boolean(hint), error) })}
    </div>
  );
}

interface Posted {
  /** The intent of the refused post, its field errors and what was typed. */
  intent?: string;
  errors?: FieldErrors;
  values?: Record<string, string>;
}

const mine = (posted: Posted, intent: string) => (posted.intent === intent ? { errors: posted.errors ?? {}, values: posted.values ?? {} } : { errors: {} as FieldErrors, values: {} as Record<string, string> });

/**
 * The one "Decide" form: the outcomes the case allows now (the lifecycle's allowedEvents),
 * each with what it means, a legal ground where the outcome names one, and the reasons.
 * It does not decide: it leads to the confirmation page (officer.cases.$id_.confirm).
 */
export function DecideForm({
  allowed,
  version,
  proposal,
  pending,
  posted,
}: {
  allowed: readonly CaseEventType[];
  version: number;
  proposal?: CaseProposal | null;
  /** The officer's unconfirmed choice, back from the confirmation page. */
  pending?: { outcome: string; ground: string | null; reason: string | null } | null;
  posted: Posted;
}) {
  const { t } = useTranslation();
  const outcomes = DECISION_OUTCOMES.filter((outcome) => allowed.includes(outcome));
  if (outcomes.length === 0) return null;
  const { errors, values } = mine(posted, "decide");
  const chosen = values.outcome ?? pending?.outcome ?? (proposal?.kind === "inadmissible" && outcomes.includes("DECLARE_INADMISSIBLE") ? "DECLARE_INADMISSIBLE" : "");
  const groundOf = (outcome: DecisionOutcome) => {
    if (values.outcome === outcome) return values.ground ?? "";
    if (pending?.outcome === outcome) return pending.ground ?? "";
    // A lapsed request: the form comes with the proposed ground chosen.
    return outcome === "DECLARE_INADMISSIBLE" && proposal?.kind === "inadmissible" ? "not-completed" : "";
  };
  const outcomeError = errors.outcome;
  return (
    <section aria-labelledby="decide-title" className="decide">
      <h2 id="decide-title">{t("decide.title")}</h2>
      <Form method="post" className="decide__form" id="decide">
        <CsrfInput />
        <input type="hidden" name="version" value={version} />
        <div className={outcomeError ? "field field--error" : "field"}>
          <fieldset className="fieldset fieldset--question" aria-describedby={describedBy("outcome", true, outcomeError)}>
            <legend>{t("decide.outcome")}</legend>
            <p className="hint" id="outcome-hint">
              {t("decide.intro")}
            </p>
            {outcomeError ? (
              <p className="field-error" id="outcome-error">
                <span className="visually-hidden">{t("form.errorPrefix")}</span> {t(outcomeError.key, outcomeError.values)}
              </p>
            ) : null}
            {outcomes.map((outcome, index) => {
              // The first radio carries the question's id, so the error summary's link lands on it.
              const id = index === 0 ? "outcome" : `outcome-${outcome}`;
              const ground = outcome in OUTCOME_GROUNDS ? OUTCOME_GROUNDS[outcome as keyof typeof OUTCOME_GROUNDS] : null;
              return (
                <div className="radio" key={outcome}>
                  <input type="radio" id={id} name="outcome" value={outcome} defaultChecked={chosen === outcome} aria-describedby={`outcome-${outcome}-hint`} />
                  <label htmlFor={id}>{t(`caseActions.${outcome}.title`)}</label>
                  <p className="hint radio__hint" id={`outcome-${outcome}-hint`}>
                    {t(`caseActions.${outcome}.hint`)}
                  </p>
                  {ground ? (
                    <div className="radio__conditional">
                      <Field
                        id={`${outcome}-ground`}
                        label={t("decide.groundFor", { outcome: t(`caseActions.${outcome}.title`) })}
                        error={values.outcome === outcome ? errors.ground : undefined}
                      >
                        {(aria) => (
                          <select id={`${outcome}-ground`} name="ground" className="select" defaultValue={groundOf(outcome)} {...aria}>
                            <option value="">{t("caseActions.chooseGround")}</option>
                            {ground.grounds.map((value) => (
                              <option key={value} value={value}>
                                {t(`grounds.${ground.kind}.${value}`)}
                              </option>
                            ))}
                          </select>
                        )}
                      </Field>
                    </div>
                  ) : null}
                </div>
              );
            })}
          </fieldset>
        </div>
        <Field id="decide-reason" label={t("caseActions.reason")} hint={t("decide.reasonHint")} error={errors.reason}>
          {(aria) => <textarea id="decide-reason" name="reason" rows={4} className="textarea" defaultValue={values.reason ?? pending?.reason ?? ""} {...aria} />}
        </Field>
        <button type="submit" name="intent" value="decide" className="button">
          {t("decide.continue")}
        </button>
      </Form>
    </section>
  );
}

/** A change of where the case is or of its clock: a choice from a list and the reasons, in one post. */
function SettingCard({
  intent,
  selectId,
  selectName,
  hint,
  choices,
  version,
  posted,
}: {
  intent: "REROUTE" | "SET_CLOCK_CATEGORY";
  selectId: string;
  selectName: "to" | "category";
  hint?: string;
  choices: { value: string; label: string }[];
  version: number;
  posted: Posted;
}) {
  const { t } = useTranslation();
  const { errors, values } = mine(posted, intent);
  const labels = intent === "REROUTE" ? { select: "caseActions.REROUTE.to", choose: "caseActions.REROUTE.choose" } : { select: "caseActions.SET_CLOCK_CATEGORY.category", choose: "caseActions.SET_CLOCK_CATEGORY.choose" };
  return (
    <Form method="post" className="action-card">
      <CsrfInput />
      <input type="hidden" name="version" value={version} />
      <h3>{t(`caseActions.${intent}.title`)}</h3>
      {hint ? <p>{hint}</p> : null}
      <Field id={selectId} label={t(labels.select)} error={errors[selectName]}>
        {(aria) => (
          <select id={selectId} name={selectName} className="select" defaultValue={values[selectName] ?? ""} {...aria}>
            <option value="">{t(labels.choose)}</option>
            {choices.map((choice) => (
              <option key={choice.value} value={choice.value}>
                {choice.label}
              </option>
            ))}
          </select>
        )}
      </Field>
      <Field id={reasonFieldId(intent)} label={t("caseActions.reason")} error={errors.reason}>
        {(aria) => <textarea id={reasonFieldId(intent)} name="reason" rows={2} className="textarea" defaultValue={values.reason} {...aria} />}
      </Field>
      <button type="submit" name="intent" value={intent} className="button button--secondary">
        {t(`caseActions.${intent}.button`)}
      </button>
    </Form>
  );
}

/**
 * What the officer does in one step, because none of it decides the file: ask for
 * documents, send the file to another region, change a seasonal clock, extend the term.
 * Each carries the version he saw.
 */
export function OfficerActions({
  allowed,
  version,
  authority,
  clockCategory,
  posted,
}: {
  allowed: readonly CaseEventType[];
  version: number;
  authority: string | null;
  /** The clock the case runs on (for the seasonal switch). */
  clockCategory?: string;
  posted: Posted;
}) {
  const { t } = useTranslation();
  const requestDocuments = mine(posted, "REQUEST_DOCUMENTS");
  const extend = mine(posted, "EXTEND_TERM");
  const cards: ReactNode[] = [];
  if (allowed.includes("REQUEST_DOCUMENTS")) {
    cards.push(
      <Form method="post" className="action-card" key="REQUEST_DOCUMENTS">
        <CsrfInput />
        <input type="hidden" name="version" value={version} />
        <h3>{t("caseActions.REQUEST_DOCUMENTS.title")}</h3>
        <Field id="items" label={t("caseActions.REQUEST_DOCUMENTS.items")} hint={t("caseActions.REQUEST_DOCUMENTS.itemsHint")} error={requestDocuments.errors.items}>
          {(aria) => <textarea id="items" name="items" rows={3} className="textarea" defaultValue={requestDocuments.values.items} {...aria} />}
        </Field>
        <Field id="message" label={t("caseActions.REQUEST_DOCUMENTS.message")} error={requestDocuments.errors.message}>
          {(aria) => <textarea id="message" name="message" rows={3} className="textarea" defaultValue={requestDocuments.values.message} {...aria} />}
        </Field>
        <button type="submit" name="intent" value="REQUEST_DOCUMENTS" className="button button--secondary">
          {t("caseActions.REQUEST_DOCUMENTS.button")}
        </button>
      </Form>,
    );
  }
  if (allowed.includes("REROUTE")) {
    cards.push(
      <SettingCard
        key="REROUTE"
        intent="REROUTE"
        selectId="to"
        selectName="to"
        choices={REGIONAL_AUTHORITIES.filter((region) => region !== authority).map((region) => ({ value: region, label: t(`authority.${region}`) }))}
        version={version}
        posted={posted}
      />,
    );
  }
  if (allowed.includes("SET_CLOCK_CATEGORY")) {
    cards.push(
      <SettingCard
        key="SET_CLOCK_CATEGORY"
        intent="SET_CLOCK_CATEGORY"
        selectId="clock-category"
        selectName="category"
        hint={t("caseActions.SET_CLOCK_CATEGORY.hint", { clock: t(`clockCategory.${clockCategory ?? "seasonal"}`) })}
        choices={SEASONAL_CLOCKS.filter((clock) => clock !== clockCategory).map((clock) => ({ value: clock, label: t(`clockCategory.${clock}`) }))}
        version={version}
        posted={posted}
      />,
    );
  }
  if (allowed.includes("EXTEND_TERM")) {
    cards.push(
      <Form method="post" className="action-card" key="EXTEND_TERM">
        <CsrfInput />
        <input type="hidden" name="version" value={version} />
        <h3>{t("caseActions.EXTEND_TERM.title")}</h3>
        <p>{t("caseActions.EXTEND_TERM.hint")}</p>
        <Field id={reasonFieldId("EXTEND_TERM")} label={t("caseActions.reason")} error={extend.errors.reason}>
          {(aria) => <textarea id={reasonFieldId("EXTEND_TERM")} name="reason" rows={3} className="textarea" defaultValue={extend.values.reason} {...aria} />}
        </Field>
        <button type="submit" name="intent" value="EXTEND_TERM" className="button button--secondary">
          {t("caseActions.EXTEND_TERM.button")}
        </button>
      </Form>,
    );
  }
  if (cards.length === 0) return null;
  return (
    <section aria-labelledby="other-actions-title">
      <h2 id="other-actions-title">{t("decide.otherActions")}</h2>
      <div className="actions">{cards}</div>
    </section>
  );
}
