import { randomUUID } from "node:crypto";
import type { DB } from "../../app/db/db.server";
import { submitNewApplication } from "../../app/cases/filing.server";
import type { User } from "../../app/identity/user";
import type { Language } from "../../forms/authorities";
import { competentAuthority } from "../../forms/competent-authority";
import { validateStep } from "../../forms/form-definition";
import { applicationData, employmentStep, workerStep, type SingleApplicationData } from "../../forms/universal-form";
import type { RegionalAuthority } from "../../forms/authorities";

/** The answers tests file with, as the worker and employment steps take them. */
export type TestApplication = Pick<
  SingleApplicationData,
  | "givenNames"
  | "familyName"
  | "nationality"
  | "birthDate"
  | "passportNumber"
  | "personNumber"
  | "placeOfWorkPostalCode"
  | "jobTitle"
  | "employmentEnd"
  | "category"
  | "grossAnnualSalary"
> &
  Partial<Pick<SingleApplicationData, "visaPost">>;

/**
 * The filed data of a single-permit application, checked by the real worker and
 * employment steps (the same checks a POST gets), for tests that start after the form.
 */
export async function validApplication(
  input: TestApplication,
  today: string,
): Promise<{ value: SingleApplicationData; authority: RegionalAuthority }> {
  const context = { today, answers: {}, employerSeatPostalCode: null };
  const worker = await validateStep(workerStep, { ...pick(input, workerStep.fields.map((f) => f.name)), livesIn: "abroad", visaPost: input.visaPost ?? "other" }, context);
  const employment = await validateStep(
    employmentStep,
    { ...pick(input, employmentStep.fields.map((f) => f.name)), contractStart: today },
    { ...context, answers: { worker: worker.values } },
  );
  if (!worker.ok || !employment.ok) {
    throw new Error(JSON.stringify({ worker: worker.ok || worker.errors, employment: employment.ok || employment.errors }));
  }
  const authority = competentAuthority({ kind: "single", placeOfWorkPostalCode: employment.values.placeOfWorkPostalCode })!.authority;
  return { value: applicationData({ worker: worker.values, employment: employment.values }, []), authority };
}

function pick(input: TestApplication, names: string[]): Record<string, string> {
  return Object.fromEntries(names.filter((name) => name in input).map((name) => [name, input[name as keyof TestApplication] ?? ""]));
}

/**
 * Files a single-permit application as this representative, for the enterprise he acts
 * for, with the given id (a fresh one by default): what submitting a finished draft does.
 */
export function fileFor(
  db: DB,
  representative: User,
  input: { value: SingleApplicationData; authority: RegionalAuthority },
  uiLanguage: Language = "en",
  options: { id?: string; now?: Date } = {},
) {
  if (!representative.actingFor) throw new Error(`${representative.login} acts for no enterprise`);
  return submitNewApplication(
    db,
    representative,
    { applicationId: options.id ?? randomUUID(), employerId: representative.actingFor.employerId, data: input.value, authority: input.authority, uiLanguage },
    options.now,
  );
}
