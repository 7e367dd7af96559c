import type { RegionalAuthority } from "./authorities";
import { competentAuthority } from "./competent-authority";
import type { FieldError } from "./errors";

/**
 * The request for an unlimited (permanent) permit, filed by the long-term resident himself
 * since 1 February 2023 (economy-employment.brussels; workinginbelgium.be). It goes to the
 * region where he lives (docs/domain.md §1). His identity comes from the national register;
 * he states his work and residence history and his current permit.
 *
 * Flanders asks at least 4 years of work in the previous 5 under work or single permits
 * (vlaanderen.be, "single permit with indefinite term"); the other regions' conditions are
 * not encoded here (UNCONFIRMED) and are assessed by the officer.
 */
export interface PermanentApplicationInput {
  residencePostalCode: string;
  yearsWorkedLastFive: string;
  yearsResident: string;
  currentPermitNumber: string;
}

export type PermanentApplicationResult =
  | { ok: true; value: { residencePostalCode: string; yearsWorkedLastFive: number; yearsResident: number; currentPermitNumber: string }; authority: RegionalAuthority }
  | { ok: false; errors: Partial<Record<keyof PermanentApplicationInput, FieldError>> };

/** The version of this form's questions, kept with each request. */
export const PERMANENT_FORM_VERSION = 1;

const FLANDERS_MINIMUM_YEARS = 4;

function wholeYears(value: string, max: number): number | null {
  if (!/^\d{1,2}$/.test(value.trim())) return null;
  const years = Number(value.trim());
  return years <= max ? years : null;
}

export function validatePermanentApplication(input: PermanentApplicationInput): PermanentApplicationResult {
  const errors: Partial<Record<keyof PermanentApplicationInput, FieldError>> = {};
  const postal = input.residencePostalCode.trim();
  const competence = /^\d{4}$/.test(postal) ? competentAuthority({ kind: "permanent", residencePostalCode: postal }) : null;
  if (!postal) errors.residencePostalCode = { key: "permanent.errors.postalCodeRequired" };
  else if (!competence) errors.residencePostalCode = { key: "newApplication.errors.postalCodeFormat" };

  const worked = wholeYears(input.yearsWorkedLastFive, 5);
  if (worked === null) errors.yearsWorkedLastFive = { key: "permanent.errors.yearsWorked" };
  else if (competence?.authority === "flanders" && worked < FLANDERS_MINIMUM_YEARS) {
    errors.yearsWorkedLastFive = { key: "permanent.errors.flandersMinimum", values: { years: FLANDERS_MINIMUM_YEARS } };
  }
  const resident = wholeYears(input.yearsResident, 80);
  if (resident === null) errors.yearsResident = { key: "permanent.errors.yearsResident" };

  const permit = input.currentPermitNumber.replace(/[\s.-]/g, "").toUpperCase();
  if (!permit) errors.currentPermitNumber = { key: "permanent.errors.permitRequired" };
  else if (!/^[A-Z0-9]{6,20}$/.test(permit)) errors.currentPermitNumber = { key: "permanent.errors.permitFormat" };

  if (Object.keys(errors).length > 0 || !competence || worked === null || resident === null) return { ok: false, errors };
  return {
    ok: true,
    value: { residencePostalCode: postal, yearsWorkedLastFive: worked, yearsResident: resident, currentPermitNumber: permit },
    authority: competence.authority,
  };
}
