import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";
import type { FieldErrors } from "../../forms/errors";
import { useRootData } from "../root-data";

export type { FieldErrors };

/** The session's CSRF token; every state-changing form of a signed-in user carries it. */
export function CsrfInput() {
  const token = useRootData()?.user?.csrf;
  return token ? <input type="hidden" name="csrf" value={token} /> : null;
}


/**
 * The error summary at the top of a form, each message a link to its field. With
 * JavaScript it is focused when it appears and its links stay in the page
 * (app/components/page-focus.tsx), so screen readers announce it and nothing is cleared.
 */
export function ErrorSummary({ errors, labels }: { errors: FieldErrors | undefined; labels?: Record<string, string> }) {
  const { t } = useTranslation();
  const entries = Object.entries(errors ?? {});
  if (entries.length === 0) return null;
  return (
    <div className="error-summary" role="alert" aria-labelledby="error-summary-title" tabIndex={-1}>
      <h2 id="error-summary-title">{t("form.errorSummaryTitle")}</h2>
      <ul>
        {entries.map(([name, error]) => (
          <li key={name}>
            <a href={`#${name}`}>{t(error.key, { field: labels?.[name] ?? "", ...error.values })}</a>
          </li>
        ))}
      </ul>
    </div>
  );
}

interface FieldProps {
  name: string;
  label: string;
  hint?: string;
  error?: FieldErrors[string];
  defaultValue?: string;
}

/** A field's hint and its error message, with the ids its control's aria-describedby names. */
function HintAndError({ name, label, hint, error }: Pick<FieldProps, "name" | "label" | "hint" | "error">) {
  const { t } = useTranslation();
  return (
    <>
      {hint ? (
        <p className="hint" id={`${name}-hint`}>
          {hint}
        </p>
      ) : null}
      {error ? (
        <p className="field-error" id={`${name}-error`}>
          <span className="visually-hidden">{t("form.errorPrefix")}</span> {t(error.key, { field: label, ...error.values })}
        </p>
      ) : null}
    </>
  );
}

function FieldShell({ name, label, hint, error, children }: FieldProps & { children: ReactNode }) {
  return (
    <div className={error ? "field field--error" : "field"}>
      <label htmlFor={name}>{label}</label>
      <HintAndError name={name} label={label} hint={hint} error={error} />
      {children}
    </div>
  );
}

function describedBy(name: string, hint?: string, error?: unknown) {
  const ids = [hint ? `${name}-hint` : "", error ? `${name}-error` : ""].filter(Boolean).join(" ");
  return ids || undefined;
}

export function TextField(
  props: FieldProps & {
    autoComplete?: string;
    type?: "text" | "password";
    inputMode?: "numeric" | "decimal" | "text";
    width?: "short" | "medium";
  },
) {
  const { name, hint, error, defaultValue, autoComplete, type = "text", inputMode, width } = props;
  return (
    <FieldShell {...props}>
      <input
        id={name}
        name={name}
        type={type}
        className={width ? `input input--${width}` : "input"}
        defaultValue={defaultValue}
        autoComplete={autoComplete}
        inputMode={inputMode}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy(name, hint, error)}
      />
    </FieldShell>
  );
}

export function SelectField(props: FieldProps & { options: readonly { value: string; label: string }[]; placeholder: string }) {
  const { name, hint, error, defaultValue, options, placeholder } = props;
  return (
    <FieldShell {...props}>
      <select
        id={name}
        name={name}
        className="select"
        defaultValue={defaultValue ?? ""}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy(name, hint, error)}
      >
        <option value="">{placeholder}</option>
        {options.map((option) => (
          <option key={option.value} value={option.value}>
            {option.label}
          </option>
        ))}
      </select>
    </FieldShell>
  );
}

/** Label/value rows (a description list), as on check-answer and record pages. */
export function SummaryList({ rows }: { rows: readonly (readonly [string, ReactNode])[] }) {
  return (
    <dl className="summary-list">
      {rows.map(([label, value]) => (
        <div className="summary-list__row" key={label}>
          <dt>{label}</dt>
          <dd>{value}</dd>
        </div>
      ))}
    </dl>
  );
}

/** A question with a few answers, as radio buttons in a fieldset whose legend is the question. */
export function RadioField(props: FieldProps & { options: readonly { value: string; label: string }[] }) {
  const { name, label, hint, error, defaultValue, options } = props;
  return (
    <div className={error ? "field field--error" : "field"}>
      <fieldset className="fieldset fieldset--question" aria-describedby={describedBy(name, hint, error)}>
        <legend>{label}</legend>
        <HintAndError name={name} label={label} hint={hint} error={error} />
        {options.map((option, index) => (
          <div className="radio" key={option.value}>
            {/* The first radio carries the field's id, so the error summary's link lands on the question. */}
            <input
              type="radio"
              id={index === 0 ? name : `${name}-${option.value}`}
              name={name}
              value={option.value}
              defaultChecked={defaultValue === option.value}
            />
            <label htmlFor={index === 0 ? name : `${name}-${option.value}`}>{option.label}</label>
          </div>
        ))}
      </fieldset>
    </div>
  );
}

/** A declaration to tick; posts "yes" when ticked. */
export function CheckboxField(props: FieldProps) {
  const { name, label, hint, error, defaultValue } = props;
  return (
    <div className={error ? "field field--error" : "field"}>
      <HintAndError name={name} label={label} hint={hint} error={error} />
      <div className="checkbox">
        <input
          type="checkbox"
          id={name}
          name={name}
          value="yes"
          defaultChecked={defaultValue === "yes"}
          aria-invalid={error ? true : undefined}
          aria-describedby={describedBy(name, hint, error)}
        />
        <label htmlFor={name}>{label}</label>
      </div>
    </div>
  );
}

export function TextAreaField(props: FieldProps & { maxLength?: number }) {
  const { name, hint, error, defaultValue } = props;
  return (
    <FieldShell {...props}>
      <textarea
        id={name}
        name={name}
        className="textarea"
        rows={5}
        defaultValue={defaultValue}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy(name, hint, error)}
      />
    </FieldShell>
  );
}

/**
 * A data table in its own horizontally scrollable region, so a wide table never makes the
 * page scroll sideways (WCAG 1.4.10 reflow at 320 px). Focusable, so keyboard users can
 * scroll it, and named after the table.
 */
export function TableRegion({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div className="table-region" role="region" aria-label={label} tabIndex={0}>
      {children}
    </div>
  );
}
