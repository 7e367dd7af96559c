import type { RegionalAuthority } from "./authorities";
import type { FieldError } from "./errors";
import { authorityForPostalCode, parsePostalCode } from "./competent-authority";
import { isThirdCountry } from "./countries";
import { ageOn, isEmploymentCategory, parseSalary, salaryThreshold } from "./employment";
import { parsePersonNumber } from "./identifiers";

/**
 * The first questions of a single-permit application: who the worker is and where he
 * will work. The place of work decides the competent regional authority; passport,
 * birth date and national number identify the worker across applications.
 */
export interface NewApplicationInput {
  givenNames: string;
  familyName: string;
  nationality: string;
  birthDate: string;
  passportNumber: string;
  /** NISS or BIS number, when the worker has one. */
  personNumber: string;
  placeOfWorkPostalCode: string;
  jobTitle: string;
  /** Last day of a fixed-term contract; empty for an open-ended one. */
  employmentEnd: string;
  category: string;
  /** Gross annual salary in euros, as typed; normalised to a plain number on success. */
  grossAnnualSalary: string;
}


export type NewApplicationResult =
  | { ok: true; value: NewApplicationInput; authority: RegionalAuthority }
  | { ok: false; errors: Partial<Record<keyof NewApplicationInput, FieldError>> };

// Names are printed on the permit: letters of any script, spaces, apostrophes, hyphens, dots.
const NAME = /^[\p{L}\p{M}][\p{L}\p{M}' .\-’]*$/u;
const MAX_NAME = 100;
const PASSPORT = /^[A-Z0-9]{5,20}$/;

function nameError(value: string): FieldError | null {
  if (!value) return { key: "newApplication.errors.required" };
  if (value.length > MAX_NAME) return { key: "newApplication.errors.tooLong", values: { max: MAX_NAME } };
  if (!NAME.test(value)) return { key: "newApplication.errors.nameCharacters" };
  return null;
}

function calendarDate(value: string): boolean {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  const date = match ? new Date(Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3]))) : null;
  return !!date && date.toISOString().slice(0, 10) === value;
}

function birthDateError(value: string, today: string): FieldError | null {
  if (!value) return { key: "newApplication.errors.birthDateRequired" };
  if (!calendarDate(value)) return { key: "newApplication.errors.birthDateFormat" };
  // A worker is at least 15 (the minimum working age) and born after 1900.
  const latest = `${Number(today.slice(0, 4)) - 15}${today.slice(4)}`;
  if (value > latest || value < "1900-01-01") return { key: "newApplication.errors.birthDateRange" };
  return null;
}

export function validateNewApplication(input: NewApplicationInput, today: string): NewApplicationResult {
  const errors: Partial<Record<keyof NewApplicationInput, FieldError>> = {};
  const givenNames = input.givenNames.normalize("NFC").replace(/\s+/g, " ").trim();
  const familyName = input.familyName.normalize("NFC").replace(/\s+/g, " ").trim();
  const given = nameError(givenNames);
  if (given) errors.givenNames = given;
  const family = nameError(familyName);
  if (family) errors.familyName = family;

  if (!input.nationality) errors.nationality = { key: "newApplication.errors.nationalityRequired" };
  else if (!isThirdCountry(input.nationality)) errors.nationality = { key: "newApplication.errors.nationalityNotThird" };

  const birth = birthDateError(input.birthDate.trim(), today);
  if (birth) errors.birthDate = birth;

  const passportNumber = input.passportNumber.replace(/[\s-]/g, "").toUpperCase();
  if (!passportNumber) errors.passportNumber = { key: "newApplication.errors.passportRequired" };
  else if (!PASSPORT.test(passportNumber)) errors.passportNumber = { key: "newApplication.errors.passportFormat" };

  let personNumber = "";
  if (input.personNumber.trim()) {
    const parsed = parsePersonNumber(input.personNumber);
    if (!parsed.ok) errors.personNumber = { key: `newApplication.errors.personNumber.${parsed.error}` };
    else {
      personNumber = parsed.value;
      if (parsed.birthDate && !birth && parsed.birthDate !== input.birthDate.trim()) {
        errors.personNumber = { key: "newApplication.errors.personNumber.birthDateMismatch" };
      }
    }
  }

  const jobTitle = input.jobTitle.normalize("NFC").replace(/\s+/g, " ").trim();
  if (!jobTitle) errors.jobTitle = { key: "newApplication.errors.jobTitleRequired" };
  else if (jobTitle.length > 120) errors.jobTitle = { key: "newApplication.errors.tooLong", values: { max: 120 } };

  const employmentEnd = input.employmentEnd.trim();
  if (employmentEnd && !calendarDate(employmentEnd)) errors.employmentEnd = { key: "newApplication.errors.employmentEndFormat" };
  else if (employmentEnd && employmentEnd <= today) errors.employmentEnd = { key: "newApplication.errors.employmentEndPast" };

  const postal = parsePostalCode(input.placeOfWorkPostalCode);
  let authority: RegionalAuthority | null = null;
  if (!postal.ok) {
    errors.placeOfWorkPostalCode = {
      key: postal.error === "required" ? "newApplication.errors.postalCodeRequired" : "newApplication.errors.postalCodeFormat",
    };
  } else {
    authority = authorityForPostalCode(postal.value);
    if (!authority) errors.placeOfWorkPostalCode = { key: "newApplication.errors.postalCodeFormat" };
  }

  if (!isEmploymentCategory(input.category)) errors.category = { key: "newApplication.errors.categoryRequired" };
  const salary = parseSalary(input.grossAnnualSalary);
  if (salary === null) errors.grossAnnualSalary = { key: "newApplication.errors.salaryFormat" };
  else if (authority && isEmploymentCategory(input.category)) {
    // The regional threshold for this category, on the day of the application.
    const threshold = salaryThreshold(authority, input.category, today, birth ? null : ageOn(input.birthDate.trim(), today));
    if (threshold && salary < threshold.amount) {
      errors.grossAnnualSalary = { key: "newApplication.errors.salaryBelowThreshold", values: { threshold: threshold.amount } };
    }
  }

  if (Object.keys(errors).length > 0 || !authority || !postal.ok || salary === null) return { ok: false, errors };
  return {
    ok: true,
    value: {
      givenNames,
      familyName,
      nationality: input.nationality,
      birthDate: input.birthDate.trim(),
      passportNumber,
      personNumber,
      placeOfWorkPostalCode: postal.value,
      jobTitle,
      employmentEnd,
      category: input.category,
      grossAnnualSalary: String(salary),
    },
    authority,
  };
}
