import type { Language } from "./authorities";
import type { ChangeOfEmployerData } from "./change-of-employer";
import type { StepValues } from "./form-definition";
import type { SingleApplicationData } from "./universal-form";

/**
 * What the database keeps of a form, in two shapes that never share a column: a draft's
 * answers while it is being filled in, and what was filed. Typed here so that readers and
 * writers agree without casts (app/db/schema.ts types the columns with them).
 */

/** A draft of the universal form: answers by step, the steps completed, the permit it renews. */
export interface DraftForm {
  answers?: Readonly<Record<string, StepValues>>;
  completed?: string[];
  renewalOf?: string;
  /** A version-1 draft (one page of questions) kept as it was typed, moved to steps on opening. */
  legacy?: Record<string, unknown>;
}

/** The resident's own request for an unlimited permit, as filed. */
export interface PermanentApplicationData {
  residencePostalCode: string;
  yearsWorkedLastFive: number;
  yearsResident: number;
  currentPermitNumber: string;
}

/**
 * A filed application's answers, tagged by kind. Filings made before the universal form
 * (form version 1) lack some fields, hence Partial for the single permit. `uiLanguage` is
 * the language the applicant read the portal in: decisions get a courtesy copy in it.
 */
export type FiledForm =
  | ({ kind: "single"; uiLanguage?: Language } & Partial<SingleApplicationData>)
  | ({ kind: "permanent"; uiLanguage?: Language } & PermanentApplicationData)
  | ({ kind: "change-of-employer"; uiLanguage?: Language } & ChangeOfEmployerData);
