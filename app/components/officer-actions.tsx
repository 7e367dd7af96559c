import { Form } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { REGIONAL_AUTHORITIES } from "../../forms/authorities";
import type { CaseEventType } from "../../workflows/case-lifecycle";
import { CsrfInput, type FieldErrors } from "./forms";

interface Props {
  allowed: CaseEventType[];
  version: number;
  authority: string | null;
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

/** One small form per decision the officer may take now; each carries the version he saw. */
export function OfficerActions({ allowed, version, authority, intent, errors, values }: Props) {
  const { t } = useTranslation();
  const hidden = (
    <>
      <CsrfInput />
      <input type="hidden" name="version" value={version} />
    </>
  );
  const simple = (["DECLARE_COMPLETE", "AUTHORISE_WORK", "PRE_CHECKS_DONE", "GRANT_RESIDENCE"] as const).filter((e) => allowed.includes(e));
  const withReason = (["REFUSE_WORK", "REFUSE_RESIDENCE", "REVOKE"] as const).filter((e) => allowed.includes(e));
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
      {withReason.map((event) => (
        <Form method="post" key={event} className="action-card">
          {hidden}
          <h3>{t(`caseActions.${event}.title`)}</h3>
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
