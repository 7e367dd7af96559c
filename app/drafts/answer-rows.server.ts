import { askedFields, type FieldDefinition } from "../../forms/form-definition";
import { stepDefinition, type Answers } from "../../forms/universal-form";

/**
 * Answers as question/answer rows, per step, for check answers and for the officer's view
 * of a filed application. Values stay raw with a hint of how to show them; the page
 * translates (app/components/answers.tsx), so the same rows serve every language.
 */
export type AnswerDisplay = "text" | "date" | "money" | "country" | "visa-post" | "option" | "confirmed";

export interface AnswerRow {
  name: string;
  /** i18n key of the question. */
  label: string;
  value: string;
  display: AnswerDisplay;
  /** For options: the i18n key prefix of the answer's label. */
  optionLabels?: string;
}

export interface AnswerSection {
  step: string;
  /** i18n key of the step's title. */
  title: string;
  rows: AnswerRow[];
}

function displayOf(field: FieldDefinition): AnswerDisplay {
  if (field.optionsFrom === "countries") return "country";
  if (field.optionsFrom === "visa-posts") return "visa-post";
  if (field.options) return "option";
  if (field.type === "checkbox") return "confirmed";
  if (field.type === "date") return "date";
  if (field.name === "grossAnnualSalary") return "money";
  return "text";
}

export function answerSections(steps: readonly string[], answers: Answers): AnswerSection[] {
  return steps.flatMap((step) => {
    const definition = stepDefinition(step);
    if (!definition) return [];
    const values = answers[step] ?? {};
    return [
      {
        step,
        title: definition.title,
        rows: askedFields(definition, values, answers).map((field) => ({
          name: field.name,
          label: field.label,
          value: values[field.name] ?? "",
          display: displayOf(field),
          ...(field.optionLabels ? { optionLabels: field.optionLabels } : {}),
        })),
      },
    ];
  });
}
