import { useEffect, useState, type FormEvent } from "react";
import { useTranslation } from "react-i18next";
import type { FieldErrors } from "../../forms/errors";
import { typedDate } from "../../forms/dates";
import type { FieldDefinition, StepValues } from "../../forms/form-definition";
import { CheckboxField, RadioField, SelectField, TextAreaField, TextField } from "./forms";

export type OptionLists = Partial<Record<NonNullable<FieldDefinition["optionsFrom"]>, readonly { value: string; label: string }[]>>;

/** The translated label of each field, for the error summary's messages that name their field. */
export function fieldLabels(fields: readonly RenderedField[], t: (key: string) => string): Record<string, string> {
  return Object.fromEntries(fields.map((field) => [field.name, t(field.label)]));
}

/** A field as the loader sends it: the definition without its functions. */
export type RenderedField = Omit<FieldDefinition, "when" | "rules" | "normalise">;

/** Strips a definition to what the page needs; functions do not cross the wire. */
export function renderedField(field: FieldDefinition): RenderedField {
  const { when: _when, rules: _rules, normalise: _normalise, ...rest } = field;
  return rest;
}

/**
 * The fields of a step, rendered from their definitions (forms/). A question revealed by
 * another answer stays visible without JavaScript and says in its label when it applies
 * (the server ignores it when it does not); with JavaScript it shows once that answer is
 * chosen.
 */
export function StepFields({
  fields,
  values,
  errors,
  options,
}: {
  fields: RenderedField[];
  values: StepValues;
  errors: FieldErrors | undefined;
  options: OptionLists;
}) {
  const { t, i18n } = useTranslation();
  // Until hydrated (and without JavaScript) every question shows; then the live answers decide.
  const [live, setLive] = useState<StepValues | null>(null);
  useEffect(() => setLive(values), [values]);
  const onChange = (event: FormEvent<HTMLDivElement>) => {
    const target = event.target as HTMLInputElement;
    if (target.type === "radio" || target.tagName === "SELECT") setLive((current) => ({ ...current, [target.name]: target.value }));
  };
  return (
    <div onChange={onChange}>
      {fields.map((field) => {
        const date = field.type === "date";
        // A date is typed and shown back as the language writes it; every date field says how.
        const hint = [field.hint ? t(field.hint) : "", date ? t("form.dateHint") : ""].filter(Boolean).join(" ");
        const common = {
          name: field.name,
          label: t(field.label),
          hint: hint || undefined,
          error: errors?.[field.name],
          defaultValue: date ? typedDate(values[field.name] ?? "", i18n.language) : (values[field.name] ?? ""),
        };
        const choices =
          field.optionsFrom !== undefined
            ? (options[field.optionsFrom] ?? [])
            : (field.options ?? []).map((value) => ({ value, label: t(`${field.optionLabels}.${value}`) }));
        let control;
        switch (field.type) {
          case "select":
            control = <SelectField {...common} options={choices} placeholder={t("form.choose")} />;
            break;
          case "radio":
            control = <RadioField {...common} options={choices} />;
            break;
          case "checkbox":
            control = <CheckboxField {...common} />;
            break;
          case "textarea":
            control = <TextAreaField {...common} />;
            break;
          default:
            control = (
              <TextField
                {...common}
                type="text"
                inputMode={field.inputMode}
                width={field.width}
                autoComplete={field.autoComplete}
              />
            );
        }
        return field.revealedBy ? (
          <div className="conditional" key={field.name} hidden={live !== null && live[field.revealedBy.field] !== field.revealedBy.value}>
            {control}
          </div>
        ) : (
          <div key={field.name}>{control}</div>
        );
      })}
    </div>
  );
}
