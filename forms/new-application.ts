import type { RegionalAuthority } from "./authorities";
import { authorityForPostalCode, parsePostalCode } from "./competent-authority";
import { isThirdCountry } from "./countries";

/**
 * The first questions of a single-permit application: who the worker is and where he
 * will work. The place of work decides the competent regional authority.
 */
export interface NewApplicationInput {
  givenNames: string;
  familyName: string;
  nationality: string;
  placeOfWorkPostalCode: string;
}

export type FieldError = { key: string; values?: Record<string, string | number> };

export type NewApplicationResult =
  | { ok: true; value: NewApplicationInput; authority: RegionalAuthority }
  | { ok: false; errors: Partial<Record<keyof NewApplicationInput, FieldError>> };

// Names are printed on the permit: letters of any script, spaces, apostrophes, hyphens, dots.
const NAME = /^[\p{L}\p{M}][\p{L}\p{M}' .\-’]*$/u;
const MAX_NAME = 100;

function nameError(value: string): FieldError | null {
  if (!value) return { key: "newApplication.errors.required" };
  if (value.length > MAX_NAME) return { key: "newApplication.errors.tooLong", values: { max: MAX_NAME } };
  if (!NAME.test(value)) return { key: "newApplication.errors.nameCharacters" };
  return null;
}

export function validateNewApplication(input: NewApplicationInput): NewApplicationResult {
  const errors: Partial<Record<keyof NewApplicationInput, FieldError>> = {};
  const givenNames = input.givenNames.normalize("NFC").replace(/\s+/g, " ").trim();
  const familyName = input.familyName.normalize("NFC").replace(/\s+/g, " ").trim();
  const given = nameError(givenNames);
  if (given) errors.givenNames = given;
  const family = nameError(familyName);
  if (family) errors.familyName = family;

  if (!input.nationality) errors.nationality = { key: "newApplication.errors.nationalityRequired" };
  else if (!isThirdCountry(input.nationality)) errors.nationality = { key: "newApplication.errors.nationalityNotThird" };

  const postal = parsePostalCode(input.placeOfWorkPostalCode);
  let authority: RegionalAuthority | null = null;
  if (!postal.ok) {
    errors.placeOfWorkPostalCode = {
      key: postal.error === "required" ? "newApplication.errors.postalCodeRequired" : "newApplication.errors.postalCodeFormat",
    };
  } else {
    authority = authorityForPostalCode(postal.value);
    if (!authority) errors.placeOfWorkPostalCode = { key: "newApplication.errors.postalCodeUnknown" };
  }

  if (Object.keys(errors).length > 0 || !authority || !postal.ok) return { ok: false, errors };
  return {
    ok: true,
    value: { givenNames, familyName, nationality: input.nationality, placeOfWorkPostalCode: postal.value },
    authority,
  };
}
