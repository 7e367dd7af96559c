import type { RegionalAuthority } from "./authorities";
import { authorityForPostalCode, parsePostalCode } from "./competent-authority";
import { addDays, addMonths, parseTypedDate } from "./dates";
import { parseSalary } from "./employment";
import type { FieldError } from "./errors";
import { parsePersonNumber } from "./identifiers";
import { minimumWageOn } from "./minimum-wage";
import { cleanInput } from "./text";

/**
 * The change of employer's questions (issue 17.1; docs/domain.md §5): the new employment,
 * and what the competent region asks for it (workflows/change-of-employer.ts). Short on
 * purpose: who the worker is and what his permit allows come from the cadastre, not from
 * the form. Pure.
 */

export interface ChangeOfEmployerInput {
  jobTitle: string;
  placeOfWorkPostalCode: string;
  contractStart: string;
  employmentEnd: string;
  grossAnnualSalary: string;
  vacancyReference: string;
  vacancyPublishedOn: string;
}

/** What is filed (forms/stored-forms.ts): dates "YYYY-MM-DD", the salary a number. */
export interface ChangeOfEmployerData {
  jobTitle: string;
  placeOfWorkPostalCode: string;
  contractStart: string;
  /** "" for an open-ended contract. */
  employmentEnd: string;
  grossAnnualSalary: number;
  /** Flanders only (its labour-market test). */
  vacancyReference?: string;
  vacancyPublishedOn?: string;
  /** The permit changed: its case reference and employer, as the cadastre gave them at filing. */
  previousCaseReference: string;
  previousEmployerName: string | null;
  previousValidUntil: string | null;
}

export type ChangeOfEmployerErrors = Partial<Record<keyof ChangeOfEmployerInput, FieldError>>;

export type ChangeOfEmployerResult =
  | { ok: true; value: Omit<ChangeOfEmployerData, "previousCaseReference" | "previousEmployerName" | "previousValidUntil">; authority: RegionalAuthority }
  | { ok: false; errors: ChangeOfEmployerErrors };

export const CHANGE_OF_EMPLOYER_FORM_VERSION = 1;

/** Flanders' vacancy: on VDAB and EURES at least 9 weeks, within the 4 months before filing (docs/domain.md §4). */
const VACANCY_WEEKS = 9;
const VACANCY_MONTHS = 4;

function typedDay(value: string, required: boolean): { date: string | null; error?: FieldError } {
  if (!value.trim()) return required ? { date: null, error: { key: "changeOfEmployer.errors.dateRequired" } } : { date: null };
  const parsed = parseTypedDate(value);
  return parsed.ok ? { date: parsed.date } : { date: null, error: { key: "changeOfEmployer.errors.dateFormat" } };
}

export function validateChangeOfEmployer(input: ChangeOfEmployerInput, today: string): ChangeOfEmployerResult {
  const errors: ChangeOfEmployerErrors = {};
  const jobTitle = cleanInput(input.jobTitle).trim();
  // Invisible characters alone (zero-width spaces, controls) are no job title.
  if (!/[\p{L}\p{N}]/u.test(jobTitle)) errors.jobTitle = { key: "changeOfEmployer.errors.jobRequired" };
  else if (jobTitle.length > 120) errors.jobTitle = { key: "changeOfEmployer.errors.jobTooLong", values: { max: 120 } };

  const postal = parsePostalCode(input.placeOfWorkPostalCode);
  const authority = postal.ok ? authorityForPostalCode(postal.value) : null;
  if (!postal.ok) errors.placeOfWorkPostalCode = { key: postal.error === "required" ? "changeOfEmployer.errors.postalRequired" : "newApplication.errors.postalCodeFormat" };
  else if (!authority) errors.placeOfWorkPostalCode = { key: "newApplication.errors.postalCodeFormat" };

  const start = typedDay(input.contractStart, true);
  if (start.error) errors.contractStart = start.error;
  // A change takes effect from the notification at the earliest; a start more than a year away is not a change now.
  else if (start.date && (start.date < today || start.date > addMonths(today, 12))) errors.contractStart = { key: "changeOfEmployer.errors.startRange" };

  const end = typedDay(input.employmentEnd, false);
  if (end.error) errors.employmentEnd = end.error;
  else if (end.date && start.date && end.date <= start.date) errors.employmentEnd = { key: "changeOfEmployer.errors.endBeforeStart" };

  const salary = parseSalary(input.grossAnnualSalary);
  const minimum = minimumWageOn(today).annual;
  if (salary === null) errors.grossAnnualSalary = { key: input.grossAnnualSalary.trim() ? "changeOfEmployer.errors.salaryFormat" : "changeOfEmployer.errors.salaryRequired" };
  else if (salary < minimum || salary > 10_000_000) errors.grossAnnualSalary = { key: "changeOfEmployer.errors.salaryMinimum", values: { minimum } };

  let vacancy: { vacancyReference: string; vacancyPublishedOn: string } | null = null;
  if (authority === "flanders") {
    const reference = input.vacancyReference.replace(/\s/g, "").toUpperCase();
    if (!reference) errors.vacancyReference = { key: "applicationForm.errors.vacancyReferenceRequired" };
    else if (!/^[A-Z0-9][A-Z0-9/-]{3,29}$/.test(reference)) errors.vacancyReference = { key: "applicationForm.errors.vacancyReferenceFormat" };
    const published = typedDay(input.vacancyPublishedOn, true);
    if (published.error) errors.vacancyPublishedOn = published.error;
    else if (published.date && published.date > addDays(today, -7 * VACANCY_WEEKS)) {
      errors.vacancyPublishedOn = { key: "applicationForm.errors.vacancyTooRecent", values: { weeks: VACANCY_WEEKS } };
    } else if (published.date && published.date < addMonths(today, -VACANCY_MONTHS)) {
      errors.vacancyPublishedOn = { key: "applicationForm.errors.vacancyTooOld", values: { months: VACANCY_MONTHS } };
    }
    if (reference && published.date) vacancy = { vacancyReference: reference, vacancyPublishedOn: published.date };
  }

  if (Object.keys(errors).length > 0 || !authority || !start.date || salary === null) return { ok: false, errors };
  return {
    ok: true,
    authority,
    value: {
      jobTitle,
      placeOfWorkPostalCode: postal.ok ? postal.value : "",
      contractStart: start.date,
      employmentEnd: end.date ?? "",
      grossAnnualSalary: salary,
      ...(vacancy ?? {}),
    },
  };
}

/** The worker's national number as typed by the new employer: the number, or the message. */
export function readWorkerNumber(typed: string): { ok: true; value: string } | { ok: false; error: FieldError } {
  const parsed = parsePersonNumber(typed);
  if (parsed.ok) return { ok: true, value: parsed.value };
  return { ok: false, error: { key: parsed.error === "required" ? "changeOfEmployer.errors.personRequired" : "changeOfEmployer.errors.personInvalid" } };
}
