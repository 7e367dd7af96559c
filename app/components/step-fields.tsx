import { useTranslation } from "react-i18next";
import type { FieldErrors } from "../../forms/errors";
import type { FieldDefinition, StepValues } from "../../forms/form-definition";
import { CheckboxField, RadioField, SelectField, TextAreaField, TextField } from "./forms";

export type OptionLists = Partial<Record<NonNullable<FieldDefinition["optionsFrom"]>, { value: string; label: string }[]>>;

/** A field as the loader sends it: the definition without its functions. */
export type RenderedField = Omit<FieldDefinition, "when" | "rules" | "normalise"> & {
  /** Shown under the answer of another question of the page that asks it (see the definition's `when`). */
  conditional: boolean;
};

/** Strips a definition to what the page needs; functions do not cross the wire. */
export function renderedField(field: FieldDefinition, conditional: boolean): RenderedField {
  const { when: _when, rules: _rules, normalise: _normalise, ...rest } = field;
  return { ...rest, conditional };
}

/**
 * The fields of a step, rendered from their definitions (forms/). A conditional question
 * stays visible without JavaScript and says in its label when it applies; the server
 * ignores it when it does not.
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
  const { t } = useTranslation();
  return (
    <>
      {fields.map((field) => {
        const common = {
          name: field.name,
          label: t(field.label),
          hint: field.hint ? t(field.hint) : undefined,
          error: errors?.[field.name],
          defaultValue: values[field.name] ?? "",
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
                type={field.type === "date" ? "date" : "text"}
                inputMode={field.inputMode}
                width={field.width}
                autoComplete={field.autoComplete}
              />
            );
        }
        return field.conditional ? (
          <div className="conditional" key={field.name}>
            {control}
          </div>
        ) : (
          <div key={field.name}>{control}</div>
        );
      })}
    </>
  );
}
