import { Form } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { REGIONAL_AUTHORITIES } from "../../forms/authorities";
import { INADMISSIBILITY_GROUNDS, REVOCATION_GROUNDS, type CaseEventType, type CaseProposal } from "../../workflows/case-lifecycle";
import { SEASONAL_CLOCKS } from "../../workflows/legal-clock";
import { CsrfInput, type FieldErrors } from "./forms";

interface Props {
  allowed: CaseEventType[];
  version: number;
  authority: string | null;
  /** The clock the case runs on (for the seasonal switch). */
  clockCategory?: string;
  /** What the system proposes (a lapsed request: inadmissibility). */
  proposal?: CaseProposal | null;
  intent?: string;
  errors?: FieldErrors;
  values?: Record<string, string>;
}

function FieldError({ name, errors }: { name: string; errors?: FieldErrors }) {
  const { t } = useTranslation();
  const error = errors?.[name];
  return error ? (
    <p className="field-error" id={`${name}-error`}>
      {t(error.key, error.values)}
    </p>
  ) : null;
}

/** The id of the reason field in the form of this intent (error summary links point to it). */
export function reasonFieldId(intent: string): string {
  return intent === "REROUTE" ? "reroute-reason" : `${intent}-reason`;
}

/** The id of a field of an intent's form, for the error summary's links. */
export function actionFieldId(intent: string, name: string): string {
  if (name === "reason") return reasonFieldId(intent);
  if (name === "ground") return `${intent}-ground`;
  if (name === "category") return "clock-category";
  return name;
}

/** One small form per decision the officer may take now; each carries the version he saw. */
export function OfficerActions({ allowed, version, authority, clockCategory, proposal, intent, errors, values }: Props) {
  const { t } = useTranslation();
  const hidden = (
    <>
      <CsrfInput />
      <input type="hidden" name="version" value={version} />
    </>
  );
  const simple = (["DECLARE_COMPLETE", "AUTHORISE_WORK", "PRE_CHECKS_DONE", "GRANT_RESIDENCE"] as const).filter((e) => allowed.includes(e));
  const withReason = (["REFUSE_WORK", "REFUSE_RESIDENCE", "END_EMPLOYMENT", "EXTEND_TERM"] as const).filter((e) => allowed.includes(e));
  const withGround = (
    [
      ["DECLARE_INADMISSIBLE", INADMISSIBILITY_GROUNDS, "inadmissible"],
      ["REVOKE", REVOCATION_GROUNDS, "revocation"],
    ] as const
  ).filter(([event]) => allowed.includes(event));
  const mine = (name: string, forIntent: string) => (intent === forIntent ? errors?.[name] : undefined);
  const keep = (name: string, forIntent: string) => (intent === forIntent ? values?.[name] : undefined);
  if (allowed.length === 0) return <p>{t("caseActions.none")}</p>;
  return (
    <div className="actions">
      {simple.map((event) => (
        <Form method="post" key={event} className="action-card">
          {hidden}
          <h3>{t(`caseActions.${event}.title`)}</h3>
          <p>{t(`caseActions.${event}.hint`)}</p>
          <button type="submit" name="intent" value={event} className="button">
            {t(`caseActions.${event}.button`)}
          </button>
        </Form>
      ))}
      {allowed.includes("REQUEST_DOCUMENTS") ? (
        <Form method="post" className="action-card">
          {hidden}
          <h3>{t("caseActions.REQUEST_DOCUMENTS.title")}</h3>
          <div className={mine("items", "REQUEST_DOCUMENTS") ? "field field--error" : "field"}>
            <label htmlFor="items">{t("caseActions.REQUEST_DOCUMENTS.items")}</label>
            <p className="hint" id="items-hint">
              {t("caseActions.REQUEST_DOCUMENTS.itemsHint")}
            </p>
            <FieldError name="items" errors={intent === "REQUEST_DOCUMENTS" ? errors : undefined} />
            <textarea id="items" name="items" rows={3} className="textarea" aria-describedby="items-hint" defaultValue={keep("items", "REQUEST_DOCUMENTS")} />
          </div>
          <div className={mine("message", "REQUEST_DOCUMENTS") ? "field field--error" : "field"}>
            <label htmlFor="message">{t("caseActions.REQUEST_DOCUMENTS.message")}</label>
            <FieldError name="message" errors={intent === "REQUEST_DOCUMENTS" ? errors : undefined} />
            <textarea id="message" name="message" rows={3} className="textarea" defaultValue={keep("message", "REQUEST_DOCUMENTS")} />
          </div>
          <button type="submit" name="intent" value="REQUEST_DOCUMENTS" className="button button--secondary">
            {t("caseActions.REQUEST_DOCUMENTS.button")}
          </button>
        </Form>
      ) : null}
      {allowed.includes("REROUTE") ? (
        <Form method="post" className="action-card">
          {hidden}
          <h3>{t("caseActions.REROUTE.title")}</h3>
          <div className={mine("to", "REROUTE") ? "field field--error" : "field"}>
            <label htmlFor="to">{t("caseActions.REROUTE.to")}</label>
            <FieldError name="to" errors={intent === "REROUTE" ? errors : undefined} />
            <select id="to" name="to" className="select" defaultValue={keep("to", "REROUTE") ?? ""}>
              <option value="">{t("caseActions.REROUTE.choose")}</option>
              {REGIONAL_AUTHORITIES.filter((region) => region !== authority).map((region) => (
                <option key={region} value={region}>
                  {t(`authority.${region}`)}
                </option>
              ))}
            </select>
          </div>
          <div className={mine("reason", "REROUTE") ? "field field--error" : "field"}>
            <label htmlFor={reasonFieldId("REROUTE")}>{t("caseActions.reason")}</label>
            <FieldError name="reason" errors={intent === "REROUTE" ? errors : undefined} />
            <textarea id={reasonFieldId("REROUTE")} name="reason" rows={2} className="textarea" defaultValue={keep("reason", "REROUTE")} />
          </div>
          <button type="submit" name="intent" value="REROUTE" className="button button--secondary">
            {t("caseActions.REROUTE.button")}
          </button>
        </Form>
      ) : null}
      {allowed.includes("SET_CLOCK_CATEGORY") ? (
        <Form method="post" className="action-card">
          {hidden}
          <h3>{t("caseActions.SET_CLOCK_CATEGORY.title")}</h3>
          <p>{t("caseActions.SET_CLOCK_CATEGORY.hint", { clock: t(`clockCategory.${clockCategory ?? "seasonal"}`) })}</p>
          <div className={mine("category", "SET_CLOCK_CATEGORY") ? "field field--error" : "field"}>
            <label htmlFor="clock-category">{t("caseActions.SET_CLOCK_CATEGORY.category")}</label>
            <FieldError name="category" errors={intent === "SET_CLOCK_CATEGORY" ? errors : undefined} />
            <select id="clock-category" name="category" className="select" defaultValue={keep("category", "SET_CLOCK_CATEGORY") ?? ""}>
              <option value="">{t("caseActions.SET_CLOCK_CATEGORY.choose")}</option>
              {SEASONAL_CLOCKS.filter((clock) => clock !== clockCategory).map((clock) => (
                <option key={clock} value={clock}>
                  {t(`clockCategory.${clock}`)}
                </option>
              ))}
            </select>
          </div>
          <div className={mine("reason", "SET_CLOCK_CATEGORY") ? "field field--error" : "field"}>
            <label htmlFor={reasonFieldId("SET_CLOCK_CATEGORY")}>{t("caseActions.reason")}</label>
            <FieldError name="reason" errors={intent === "SET_CLOCK_CATEGORY" ? errors : undefined} />
            <textarea id={reasonFieldId("SET_CLOCK_CATEGORY")} name="reason" rows={2} className="textarea" defaultValue={keep("reason", "SET_CLOCK_CATEGORY")} />
          </div>
          <button type="submit" name="intent" value="SET_CLOCK_CATEGORY" className="button button--secondary">
            {t("caseActions.SET_CLOCK_CATEGORY.button")}
          </button>
        </Form>
      ) : null}
      {withGround.map(([event, grounds, kind]) => {
        // A lapsed request: the form comes with the proposed ground chosen.
        const proposed = event === "DECLARE_INADMISSIBLE" && proposal?.kind === "inadmissible" ? "not-completed" : "";
        return (
          <Form method="post" key={event} className="action-card">
            {hidden}
            <h3>{t(`caseActions.${event}.title`)}</h3>
            <p>{t(`caseActions.${event}.hint`)}</p>
            <div className={mine("ground", event) ? "field field--error" : "field"}>
              <label htmlFor={`${event}-ground`}>{t("caseActions.ground")}</label>
              <FieldError name="ground" errors={intent === event ? errors : undefined} />
              <select id={`${event}-ground`} name="ground" className="select" defaultValue={keep("ground", event) ?? proposed}>
                <option value="">{t("caseActions.chooseGround")}</option>
                {grounds.map((ground) => (
                  <option key={ground} value={ground}>
                    {t(`grounds.${kind}.${ground}`)}
                  </option>
                ))}
              </select>
            </div>
            <div className={mine("reason", event) ? "field field--error" : "field"}>
              <label htmlFor={reasonFieldId(event)}>{t("caseActions.reason")}</label>
              <FieldError name="reason" errors={intent === event ? errors : undefined} />
              <textarea id={reasonFieldId(event)} name="reason" rows={3} className="textarea" defaultValue={keep("reason", event)} />
            </div>
            <button type="submit" name="intent" value={event} className="button button--warning">
              {t(`caseActions.${event}.button`)}
            </button>
          </Form>
        );
      })}
      {withReason.map((event) => (
        <Form method="post" key={event} className="action-card">
          {hidden}
          <h3>{t(`caseActions.${event}.title`)}</h3>
          {event === "END_EMPLOYMENT" || event === "EXTEND_TERM" ? <p>{t(`caseActions.${event}.hint`)}</p> : null}
          <div className={mine("reason", event) ? "field field--error" : "field"}>
            <label htmlFor={reasonFieldId(event)}>{t("caseActions.reason")}</label>
            <FieldError name="reason" errors={intent === event ? errors : undefined} />
            <textarea id={reasonFieldId(event)} name="reason" rows={3} className="textarea" defaultValue={keep("reason", event)} />
          </div>
          <button type="submit" name="intent" value={event} className="button button--warning">
            {t(`caseActions.${event}.button`)}
          </button>
        </Form>
      ))}
    </div>
  );
}
