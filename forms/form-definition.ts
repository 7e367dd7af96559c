import { createNode, type FormKitNode } from "@formkit/core";
import { createValidationPlugin } from "@formkit/validation";
import { isCalendarDate, parseTypedDate } from "./dates";
import type { FieldError, FieldErrors } from "./errors";
import { BIDI_CONTROL, cutText, textLength } from "./text";

/**
 * How a step of a form is defined: its fields, their types, when they are asked and the
 * rules they must meet. The same definition renders the page (app/components/step-fields.tsx)
 * and validates every POST on the server through a FormKit node tree (validateStep below),
 * so the browser and the server can never disagree about what a field is.
 */
export type StepValues = Record<string, string>;

/** Everything a rule may look at besides the field itself. */
export interface RuleContext {
  /** The day of the check, "YYYY-MM-DD" in Belgium. */
  today: string;
  /** The values of this step, normalised. */
  values: StepValues;
  /** Answers of the earlier steps, by step id. */
  answers: Readonly<Record<string, StepValues>>;
  /** The registered office's postal code, from the enterprise register. */
  employerSeatPostalCode: string | null;
}

/** One rule of a field: the name of a registered check, its arguments and the message when it fails. */
export interface FieldRule {
  rule: RuleName;
  args?: readonly (string | number)[];
  message: string;
  values?: FieldError["values"];
}

export type FieldType = "text" | "date" | "select" | "radio" | "textarea" | "checkbox" | "number";

export interface FieldDefinition {
  name: string;
  type: FieldType;
  /** i18n keys. */
  label: string;
  hint?: string;
  /** The allowed values of a select or radio; their labels are `${optionLabels}.${value}`. */
  options?: readonly string[];
  optionLabels?: string;
  /** Options the page supplies in the user's language (too many for a fixed list of keys). */
  optionsFrom?: "countries" | "visa-posts";
  /** Longest value kept; anything longer is cut on reading, then refused by `max_length` if the rules say so. */
  maxLength: number;
  width?: "short" | "medium";
  inputMode?: "numeric" | "decimal";
  autoComplete?: string;
  /** Asked only when this holds for the step's values and the earlier answers (a conditional question). */
  when?: (values: StepValues, answers: Readonly<Record<string, StepValues>>) => boolean;
  /** Checks in order; the first that fails gives the field's message. */
  rules: (context: RuleContext) => FieldRule[];
  /**
   * Asked only when another question of the same step has this answer; shown beneath that
   * question (always without JavaScript, on choosing the answer with it).
   */
  revealedBy?: { field: string; value: string };
  /** Tidies what was typed before the checks (spaces, case, separators). */
  normalise?: (value: string) => string;
}

export interface StepDefinition {
  id: string;
  /** i18n keys. */
  title: string;
  intro?: string;
  fields: readonly FieldDefinition[];
}

/** Collapses runs of white space and trims; NFC so "é" typed two ways is one name. */
export function tidyText(value: string): string {
  return value.normalize("NFC").replace(/\s+/g, " ").trim();
}



/**
 * The checks a rule may name. Each takes the field's normalised value and the rule's
 * arguments. Cross-field checks get the other value as an argument (computed from the
 * RuleContext when the rules are built), so a tree never depends on sibling order.
 */
const CHECKS = {
  required: (value: string) => value.trim() !== "",
  accepted: (value: string) => value === "yes",
  /** In characters as a person counts them (forms/text.ts), not UTF-16 units. */
  max_length: (value: string, max: unknown) => textLength(value) <= Number(max),
  matches: (value: string, pattern: unknown) => new RegExp(String(pattern), "u").test(value),
  one_of: (value: string, ...allowed: unknown[]) => allowed.includes(value),
  /** On or after a day ("" as the bound means no bound). */
  date_from: (value: string, from: unknown) => !from || value >= String(from),
  /** On or before a day. */
  date_until: (value: string, until: unknown) => !until || value <= String(until),
  /** Strictly after a day. */
  date_after: (value: string, after: unknown) => !after || value > String(after),
  number_between: (value: string, min: unknown, max: unknown) =>
    /^\d+$/.test(value) && Number(value) >= Number(min) && Number(value) <= Number(max),
  /** A check computed elsewhere (identifier check digits, a salary threshold): "1" passes. */
  holds: (_value: string, verdict: unknown) => verdict === 1 || verdict === "1",
} as const;

export type RuleName = keyof typeof CHECKS;

const ALWAYS_RUN: ReadonlySet<RuleName> = new Set(["required", "accepted"]);

// FormKit rules get the node; ours get its value. Rules other than required/accepted skip
// empty values (FormKit's default), so an optional field is only checked when filled in.
const formkitRules = Object.fromEntries(
  Object.entries(CHECKS).map(([name, check]) => {
    const rule = (node: FormKitNode, ...args: unknown[]) =>
      (check as (value: string, ...args: unknown[]) => boolean)(String(node.value ?? ""), ...args);
    if (ALWAYS_RUN.has(name as RuleName)) Object.assign(rule, { skipEmpty: false });
    return [name, rule];
  }),
);

// One plugin for every tree: it holds no state of its own (each node keeps its own).
const validationPlugin = createValidationPlugin(formkitRules);

export type StepResult = { ok: true; values: StepValues } | { ok: false; values: StepValues; errors: FieldErrors };

/** The fields of a step that are asked, given the values typed. */
export function askedFields(
  step: StepDefinition,
  values: StepValues,
  answers: Readonly<Record<string, StepValues>>,
): FieldDefinition[] {
  return step.fields.filter(
    (field) =>
      (!field.revealedBy || values[field.revealedBy.field] === field.revealedBy.value) && (!field.when || field.when(values, answers)),
  );
}

/** Keeps a step's own fields only, each cut to its length limit: exactly what was typed, nothing else. */
export function readStepValues(step: StepDefinition, raw: Readonly<Record<string, unknown>>): StepValues {
  const values: StepValues = {};
  for (const field of step.fields) {
    values[field.name] = typeof raw[field.name] === "string" ? cutText(raw[field.name] as string, field.maxLength + 1) : "";
  }
  return values;
}

/** Destroys a tree deepest node first: FormKit's destroy() leaves children registered (and leaking). */
function destroyTree(node: FormKitNode): void {
  for (const child of [...node.children]) destroyTree(child as FormKitNode);
  node.destroy();
}

/**
 * Validates one step's values on a FormKit node tree: a group for the step, an input per
 * asked field (its value tidied first), the field's rules as FormKit validation. Fields
 * not asked (their condition does not hold) are dropped from the result, so a stale
 * conditional answer is never kept.
 */
export async function validateStep(
  step: StepDefinition,
  values: StepValues,
  context: Omit<RuleContext, "values">,
): Promise<StepResult> {
  const tidy = (field: FieldDefinition) => {
    const value = values[field.name] ?? "";
    if (field.type === "date") {
      // Typed as the language writes dates (14/03/1990); kept as a calendar date (1990-03-14).
      const parsed = parseTypedDate(value);
      return parsed.ok ? parsed.date : value.trim();
    }
    return field.normalise ? field.normalise(value) : value.trim();
  };
  const tidied: StepValues = Object.fromEntries(step.fields.map((field) => [field.name, tidy(field)]));
  const asked = askedFields(step, tidied, context.answers);
  const kept: StepValues = Object.fromEntries(asked.map((field) => [field.name, tidied[field.name]!]));
  const ruleContext: RuleContext = { ...context, values: kept };
  const form = createNode({ type: "group", name: step.id, plugins: [validationPlugin] });
  const errors: FieldErrors = {};
  // A date that cannot be read says which part is wrong; its other checks need a date.
  for (const field of asked) {
    const value = kept[field.name] ?? "";
    if (field.type !== "date" || value === "" || isCalendarDate(value)) continue;
    const parsed = parseTypedDate(value);
    const error = parsed.ok ? "format" : parsed.error;
    errors[field.name] = { key: `form.errors.date.${error}`, values: { max: (!parsed.ok && parsed.maxDay) || 31 } };
  }
  try {
    const inputs = asked.filter((field) => !errors[field.name]).map((field) => {
      const rules = field.rules(ruleContext);
      const node = createNode({
        type: "input",
        name: field.name,
        value: kept[field.name],
        parent: form,
        props: { validation: rules.map((rule) => [rule.rule, ...(rule.args ?? [])]) },
      });
      return { field, node, rules };
    });
    // Every check is synchronous; this also waits out any revalidation FormKit schedules.
    await form.settled;
    for (const { field, node, rules } of inputs) {
      // Whatever the field, a bidi control is refused with its own message (forms/text.ts).
      if (BIDI_CONTROL.test(kept[field.name]!)) {
        errors[field.name] = { key: "form.errors.bidiControl" };
        continue;
      }
      const failed = Object.values(node.store).find((message) => message.type === "validation");
      if (!failed) continue;
      // A field may use one check twice (two date bounds): the failing one is told apart by its arguments.
      const args = JSON.stringify((failed.meta.i18nArgs as { args?: unknown[] }[] | undefined)?.[0]?.args ?? []);
      const rule =
        rules.find((candidate) => candidate.rule === failed.meta.messageKey && JSON.stringify(candidate.args ?? []) === args) ??
        rules.find((candidate) => candidate.rule === failed.meta.messageKey);
      errors[field.name] = rule ? { key: rule.message, values: rule.values } : { key: "form.errors.invalid" };
    }
  } finally {
    destroyTree(form);
  }
  if (Object.keys(errors).length === 0) return { ok: true, values: kept };
  // In the order of the questions on the page, as the error summary lists them.
  const ordered: FieldErrors = Object.fromEntries(asked.filter((field) => errors[field.name]).map((field) => [field.name, errors[field.name]!]));
  return { ok: false, values: kept, errors: ordered };
}
