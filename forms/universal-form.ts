import type { RegionalAuthority } from "./authorities";
import { competentAuthority, parsePostalCode, postalCodesIn, type Competence } from "./competent-authority";
import { isThirdCountry } from "./countries";
import { addDays, addMonths, addYears, isCalendarDate } from "./dates";
import { ageOn, EMPLOYMENT_CATEGORIES, isEmploymentCategory, parseSalary, salaryThreshold } from "./employment";
import { tidyText, type FieldDefinition, type FieldRule, type RuleContext, type StepDefinition, type StepValues } from "./form-definition";
import { parsePersonNumber } from "./identifiers";
import { minimumWageOn } from "./minimum-wage";
import { ICT_ROLES, isIctRole, REDUCED_THRESHOLD_OCCUPATIONS, type ReducedThresholdOccupation } from "./salary-grid";
import { REGION_FORMS } from "./regions";
import { VISA_POST_IDS } from "./visa-posts";

/**
 * The common steps of the universal single-permit form (docs/domain.md §2–4): the
 * employer as the enterprise register knows it, the worker, the employment, and the
 * residence documents. The competent authority's own steps come from forms/regions/;
 * the order of everything is the form's flow (workflows/application-form.ts).
 */
export type Answers = Readonly<Record<string, StepValues>>;

/** The version of the form's questions; a draft is pinned to the version it started on. */
export const FORM_VERSION = 3;

// Names are printed on the permit: letters, spaces, apostrophes, hyphens, dots.
const NAME = "^[\\p{L}\\p{M}][\\p{L}\\p{M}' .\\-’]*$";
// ...as written in the passport's Latin-character zone (ICAO Doc 9303 part 3, section numbers UNCONFIRMED: the visual
// zone gives names in Latin characters, national characters transcribed or transliterated):
// Latin letters with their diacritics (é, ø, ð, þ, ğ, ı, İ, ơ, ễ, ł, ș …), not Chinese,
// Arabic, Hebrew or Cyrillic, which neither the permit's font nor the registers would carry.
const LATIN_NAME = "^[\\p{Script=Latin}\\p{M}' .\\-’]*$";
const MAX_NAME = 100;

function nameField(name: string, label: string): FieldDefinition {
  return {
    name,
    type: "text",
    label,
    autoComplete: "off",
    maxLength: 300,
    normalise: tidyText,
    rules: () => [
      { rule: "required", message: "newApplication.errors.required" },
      { rule: "max_length", args: [MAX_NAME], message: "newApplication.errors.tooLong", values: { max: MAX_NAME } },
      { rule: "matches", args: [NAME], message: "newApplication.errors.nameCharacters" },
      { rule: "matches", args: [LATIN_NAME], message: "newApplication.errors.nameLatin" },
    ],
  };
}

/** One rule that carries a verdict computed from several values, with the message that fits. */
function verdict(failure: string | null, values?: FieldRule["values"]): FieldRule[] {
  return [{ rule: "holds", args: [failure ? 0 : 1], message: failure ?? "form.errors.invalid", values }];
}

export const employerStep: StepDefinition = {
  id: "employer",
  title: "applicationForm.employer.title",
  intro: "applicationForm.employer.intro",
  fields: [
    {
      name: "employerRemark",
      type: "textarea",
      label: "applicationForm.employer.remark",
      hint: "applicationForm.employer.remarkHint",
      maxLength: 2000,
      normalise: (value) => value.normalize("NFC").trim(),
      rules: () => [{ rule: "max_length", args: [1000], message: "newApplication.errors.tooLong", values: { max: 1000 } }],
    },
  ],
};

/**
 * The titles a worker may already hold in Belgium when his employer files from within the
 * country (docs/domain.md §3, in-country applications): a single permit changing category, a
 * student or researcher finishing, the search year after studies or research, a family member
 * with limited access to the labour market, or another title.
 */
export const RESIDENCE_TITLES = ["single-permit", "student", "researcher", "search-year", "family", "other"] as const;

export const workerStep: StepDefinition = {
  id: "worker",
  title: "applicationForm.worker.title",
  fields: [
    nameField("givenNames", "newApplication.givenNames"),
    nameField("familyName", "newApplication.familyName"),
    {
      name: "nationality",
      type: "select",
      label: "newApplication.nationality",
      optionsFrom: "countries",
      maxLength: 2,
      rules: ({ values }) => [
        { rule: "required", message: "newApplication.errors.nationalityRequired" },
        ...verdict(isThirdCountry(values.nationality ?? "") ? null : "newApplication.errors.nationalityNotThird"),
      ],
    },
    {
      name: "birthDate",
      type: "date",
      label: "newApplication.birthDate",
      hint: "newApplication.birthDateHint",
      width: "medium",
      maxLength: 10,
      rules: ({ today }) => [
        { rule: "required", message: "newApplication.errors.birthDateRequired" },
        // A worker is at least 15 (the minimum working age); a year before 1900 is no date the reader accepts.
        { rule: "date_until", args: [addYears(today, -15)], message: "newApplication.errors.birthDateRange" },
      ],
    },
    {
      name: "passportNumber",
      type: "text",
      label: "newApplication.passportNumber",
      width: "medium",
      autoComplete: "off",
      maxLength: 40,
      normalise: (value) => value.replace(/[\s-]/g, "").toUpperCase(),
      rules: () => [
        { rule: "required", message: "newApplication.errors.passportRequired" },
        { rule: "matches", args: ["^[A-Z0-9]{5,20}$"], message: "newApplication.errors.passportFormat" },
      ],
    },
    {
      name: "personNumber",
      type: "text",
      label: "newApplication.personNumber",
      hint: "newApplication.personNumberHint",
      width: "medium",
      inputMode: "numeric",
      autoComplete: "off",
      maxLength: 20,
      normalise: (value) => value.replace(/[\s.\-/]/g, ""),
      rules: ({ values }) => {
        // NISS and BIS check digits, incl. the 2000+ rule and BIS months +20/+40 (forms/identifiers.ts).
        const parsed = parsePersonNumber(values.personNumber ?? "");
        const birthDate = values.birthDate ?? "";
        if (!parsed.ok) return verdict(`newApplication.errors.personNumber.${parsed.error}`);
        const mismatch = parsed.birthDate && isCalendarDate(birthDate) && parsed.birthDate !== birthDate;
        return verdict(mismatch ? "newApplication.errors.personNumber.birthDateMismatch" : null);
      },
    },
    {
      name: "livesIn",
      type: "radio",
      label: "applicationForm.worker.livesIn",
      options: ["abroad", "belgium"],
      optionLabels: "applicationForm.worker.livesInOptions",
      maxLength: 10,
      rules: () => [
        { rule: "required", message: "applicationForm.errors.livesInRequired" },
        { rule: "one_of", args: ["abroad", "belgium"], message: "applicationForm.errors.livesInRequired" },
      ],
    },
    {
      name: "visaPost",
      type: "select",
      label: "applicationForm.worker.visaPost",
      hint: "applicationForm.worker.visaPostHint",
      optionsFrom: "visa-posts",
      maxLength: 20,
      revealedBy: { field: "livesIn", value: "abroad" },
      rules: () => [
        { rule: "required", message: "applicationForm.errors.visaPostRequired" },
        { rule: "one_of", args: VISA_POST_IDS, message: "applicationForm.errors.visaPostRequired" },
      ],
    },
    {
      name: "residencePostalCode",
      type: "text",
      label: "applicationForm.worker.residencePostalCode",
      hint: "applicationForm.worker.residencePostalCodeHint",
      width: "short",
      inputMode: "numeric",
      maxLength: 20,
      revealedBy: { field: "livesIn", value: "belgium" },
      normalise: (value) => {
        const parsed = parsePostalCode(value);
        return parsed.ok ? parsed.value : value.trim();
      },
      rules: ({ values }) => [
        { rule: "required", message: "applicationForm.errors.residencePostalCodeRequired" },
        ...verdict(parsePostalCode(values.residencePostalCode ?? "").ok ? null : "newApplication.errors.postalCodeFormat"),
      ],
    },
    // A worker already lawfully resident files from within Belgium (Directive (EU) 2024/1233, in-country
    // applications; docs/domain.md §3): no visa post, but the title he stays on and when it ends, so that
    // a title ending before the decision can be seen in time (workflows/legal-clock.ts#titleEndsBeforeDecision).
    {
      name: "residenceTitle",
      type: "radio",
      label: "applicationForm.worker.residenceTitle",
      hint: "applicationForm.worker.residenceTitleHint",
      options: RESIDENCE_TITLES,
      optionLabels: "applicationForm.worker.residenceTitleOptions",
      maxLength: 20,
      revealedBy: { field: "livesIn", value: "belgium" },
      rules: () => [
        { rule: "required", message: "applicationForm.errors.residenceTitleRequired" },
        { rule: "one_of", args: RESIDENCE_TITLES, message: "applicationForm.errors.residenceTitleRequired" },
      ],
    },
    {
      name: "residenceTitleEndsOn",
      type: "date",
      label: "applicationForm.worker.residenceTitleEndsOn",
      hint: "applicationForm.worker.residenceTitleEndsOnHint",
      width: "medium",
      maxLength: 10,
      revealedBy: { field: "livesIn", value: "belgium" },
      rules: ({ today }) => [
        { rule: "required", message: "applicationForm.errors.residenceTitleEndsOnRequired" },
        // A title that has ended is no lawful residence: such a worker files from abroad.
        { rule: "date_from", args: [today], message: "applicationForm.errors.residenceTitleEnded" },
        { rule: "date_until", args: [addYears(today, 10)], message: "applicationForm.errors.residenceTitleEndsOnRange" },
      ],
    },
  ],
};

/**
 * The competent authority of a single permit (docs/domain.md §1): the user enterprise's
 * place for a posted worker; else the main place of work; all places in one region: that
 * region; else the registered office.
 */
export function competenceFor(answers: Answers, employerSeatPostalCode: string | null): Competence | null {
  const employment = answers.employment ?? {};
  return competentAuthority({
    kind: "single",
    placeOfWorkPostalCode: employment.placeOfWorkPostalCode ?? "",
    otherPlacesOfWork: postalCodesIn(employment.otherPlacesOfWork ?? ""),
    noMainPlace: employment.noMainPlace === "yes",
    userEnterprisePostalCode: employment.userEnterprisePostalCode ?? "",
    employerSeatPostalCode,
  });
}

const postalCodeNormalise = (value: string) => {
  const parsed = parsePostalCode(value);
  return parsed.ok ? parsed.value : value.trim();
};

/** At most 20 places of work, as a Limosa declaration allows (docs/domain.md §6). */
const MAX_OTHER_PLACES = 19;

export const employmentStep: StepDefinition = {
  id: "employment",
  title: "applicationForm.employment.title",
  fields: [
    {
      name: "category",
      type: "select",
      label: "newApplication.category",
      hint: "applicationForm.employment.categoryHint",
      options: EMPLOYMENT_CATEGORIES,
      optionLabels: "categoryName",
      maxLength: 40,
      rules: () => [
        { rule: "required", message: "newApplication.errors.categoryRequired" },
        { rule: "one_of", args: EMPLOYMENT_CATEGORIES, message: "newApplication.errors.categoryRequired" },
      ],
    },
    {
      // The regions set one amount per position of an intra-corporate transferee (forms/regions/).
      name: "ictRole",
      type: "radio",
      label: "applicationForm.employment.ictRole",
      options: ICT_ROLES,
      optionLabels: "applicationForm.employment.ictRoles",
      maxLength: 20,
      revealedBy: { field: "category", value: "intra-corporate-transferee" },
      rules: () => [
        { rule: "required", message: "applicationForm.errors.ictRoleRequired" },
        { rule: "one_of", args: ICT_ROLES, message: "applicationForm.errors.ictRoleRequired" },
      ],
    },
    {
      // Flanders holds nurses (and from 2025 teachers) to its reduced highly-qualified amount.
      name: "reducedOccupation",
      type: "radio",
      label: "applicationForm.employment.reducedOccupation",
      hint: "applicationForm.employment.reducedOccupationHint",
      options: ["none", ...REDUCED_THRESHOLD_OCCUPATIONS],
      optionLabels: "applicationForm.employment.reducedOccupations",
      maxLength: 20,
      revealedBy: { field: "category", value: "highly-qualified" },
      rules: () => [{ rule: "one_of", args: ["none", ...REDUCED_THRESHOLD_OCCUPATIONS], message: "form.errors.invalid" }],
    },
    {
      name: "jobTitle",
      type: "text",
      label: "newApplication.jobTitle",
      hint: "newApplication.jobTitleHint",
      maxLength: 300,
      normalise: tidyText,
      rules: () => [
        { rule: "required", message: "newApplication.errors.jobTitleRequired" },
        { rule: "max_length", args: [120], message: "newApplication.errors.tooLong", values: { max: 120 } },
      ],
    },
    {
      name: "placeOfWorkPostalCode",
      type: "text",
      label: "applicationForm.employment.mainPlaceOfWork",
      hint: "applicationForm.employment.mainPlaceOfWorkHint",
      width: "short",
      inputMode: "numeric",
      maxLength: 20,
      normalise: postalCodeNormalise,
      rules: (context) => {
        const { values } = context;
        // No main place to name when the work is spread evenly or the worker is posted
        // (the checkbox and the user enterprise's field carry those checks).
        if (values.noMainPlace === "yes" || parsePostalCode(values.userEnterprisePostalCode ?? "").ok) return [];
        const decided = competenceFor({ ...context.answers, employment: values }, context.employerSeatPostalCode);
        return [
          { rule: "required", message: "applicationForm.errors.placeOfWorkRequired" },
          ...verdict(parsePostalCode(values.placeOfWorkPostalCode ?? "").ok ? null : "newApplication.errors.postalCodeFormat"),
          ...verdict(decided ? null : "applicationForm.errors.mainPlaceNeeded"),
        ];
      },
    },
    {
      name: "otherPlacesOfWork",
      type: "textarea",
      label: "applicationForm.employment.otherPlacesOfWork",
      hint: "applicationForm.employment.otherPlacesOfWorkHint",
      maxLength: 300,
      normalise: (value) => value.trim(),
      rules: ({ values }) => {
        const typed = (values.otherPlacesOfWork ?? "").split(/[\s,;]+/).filter(Boolean);
        const codes = postalCodesIn(values.otherPlacesOfWork ?? "");
        if (typed.length > MAX_OTHER_PLACES) return verdict("applicationForm.errors.tooManyPlaces", { max: MAX_OTHER_PLACES + 1 });
        return verdict(codes.length === typed.length ? null : "applicationForm.errors.otherPlacesFormat");
      },
    },
    {
      name: "noMainPlace",
      type: "checkbox",
      label: "applicationForm.employment.noMainPlace",
      maxLength: 3,
      rules: (context) => {
        const { values } = context;
        if (values.noMainPlace !== "yes") return [];
        const places = postalCodesIn(`${values.placeOfWorkPostalCode ?? ""} ${values.otherPlacesOfWork ?? ""}`);
        if (places.length < 2) return verdict("applicationForm.errors.noMainPlaceNeedsPlaces");
        // Spread over regions and no Belgian seat: nothing decides the region but a main place.
        return verdict(competenceFor({ ...context.answers, employment: values }, context.employerSeatPostalCode) ? null : "applicationForm.errors.mainPlaceNeeded");
      },
    },
    {
      name: "userEnterprisePostalCode",
      type: "text",
      label: "applicationForm.employment.userEnterprisePostalCode",
      hint: "applicationForm.employment.userEnterprisePostalCodeHint",
      width: "short",
      inputMode: "numeric",
      maxLength: 20,
      normalise: postalCodeNormalise,
      rules: ({ values }) => verdict(parsePostalCode(values.userEnterprisePostalCode ?? "").ok ? null : "newApplication.errors.postalCodeFormat"),
    },
    {
      name: "contractStart",
      type: "date",
      label: "applicationForm.employment.contractStart",
      hint: "applicationForm.employment.contractStartHint",
      width: "medium",
      maxLength: 10,
      rules: ({ today }) => [
        { rule: "required", message: "applicationForm.errors.dateRequired" },
        { rule: "date_from", args: [addYears(today, -10)], message: "applicationForm.errors.contractStartRange" },
        { rule: "date_until", args: [addYears(today, 2)], message: "applicationForm.errors.contractStartRange" },
      ],
    },
    {
      name: "employmentEnd",
      type: "date",
      label: "newApplication.employmentEnd",
      hint: "newApplication.employmentEndHint",
      width: "medium",
      maxLength: 10,
      rules: (context) => {
        const { today, values } = context;
        const start = isCalendarDate(values.contractStart ?? "") ? values.contractStart! : "";
        const rules: FieldRule[] = [
          // Seasonal work is fixed-term by nature; the other categories may be open-ended.
          ...(values.category === "seasonal" ? [{ rule: "required" as const, message: "applicationForm.errors.seasonalEndRequired" }] : []),
          { rule: "date_after", args: [today], message: "newApplication.errors.employmentEndPast" },
          { rule: "date_after", args: [start], message: "applicationForm.errors.endBeforeStart" },
        ];
        // The competent region's minimum length of a fixed-term contract for the category, if it has one.
        const competence = competenceFor({ ...context.answers, employment: values }, context.employerSeatPostalCode);
        const months = competence && isEmploymentCategory(values.category) ? REGION_FORMS[competence.authority].minimumContractMonths?.[values.category] : undefined;
        if (months && start) {
          rules.push({ rule: "date_from", args: [addDays(addMonths(start, months), -1)], message: "applicationForm.errors.contractTooShort", values: { months } });
        }
        return rules;
      },
    },
    {
      name: "grossAnnualSalary",
      type: "text",
      label: "newApplication.salary",
      hint: "newApplication.salaryHint",
      width: "medium",
      inputMode: "decimal",
      maxLength: 30,
      rules: (context) => [{ rule: "required", message: "newApplication.errors.salaryFormat" }, ...salaryVerdict(context)],
    },
  ],
};

/**
 * The salary against the national minimum wage of the day of filing, for every category
 * (forms/minimum-wage.ts), then against the grid of the competent region for the category
 * on that day (with the worker's age that day, his position as an intra-corporate
 * transferee, his occupation and posting, which choose among reduced amounts). No grid for
 * the region or the category: only the minimum wage, the officer assesses the rest.
 */
function salaryVerdict({ values, answers, today, employerSeatPostalCode }: RuleContext): FieldRule[] {
  const salary = parseSalary(values.grossAnnualSalary ?? "");
  if (salary === null) return verdict("newApplication.errors.salaryFormat");
  const minimum = minimumWageOn(today);
  if (salary < minimum.annual) return verdict("newApplication.errors.salaryBelowMinimumWage", { minimum: minimum.annual, monthly: minimum.monthly });
  const competence = competenceFor({ ...answers, employment: values }, employerSeatPostalCode);
  if (!competence || !isEmploymentCategory(values.category)) return [];
  const threshold = salaryThreshold(competence.authority, values.category, today, salarySituation(answers.worker ?? {}, values, today));
  return threshold && salary < threshold.amount
    ? verdict("newApplication.errors.salaryBelowThreshold", { threshold: threshold.amount })
    : [];
}

/** What, besides the category, chooses the amount of a region's grid (forms/salary-grid.ts). */
export function salarySituation(worker: StepValues, employment: StepValues, onDate: string) {
  const birthDate = worker.birthDate ?? "";
  const occupation = employment.reducedOccupation;
  return {
    workerAge: isCalendarDate(birthDate) ? ageOn(birthDate, onDate) : null,
    ictRole: isIctRole(employment.ictRole) ? employment.ictRole : null,
    occupation: (REDUCED_THRESHOLD_OCCUPATIONS as readonly string[]).includes(occupation ?? "") ? (occupation as ReducedThresholdOccupation) : null,
    posted: parsePostalCode(employment.userEnterprisePostalCode ?? "").ok,
  };
}

export const residenceStep: StepDefinition = {
  id: "residence",
  title: "applicationForm.residence.title",
  intro: "applicationForm.residence.intro",
  fields: [
    {
      name: "feeStatus",
      type: "radio",
      label: "applicationForm.residence.feeStatus",
      hint: "applicationForm.residence.feeStatusHint",
      options: ["paid", "exempt"],
      optionLabels: "applicationForm.residence.feeStatusOptions",
      maxLength: 10,
      rules: () => [
        { rule: "required", message: "applicationForm.errors.feeStatusRequired" },
        { rule: "one_of", args: ["paid", "exempt"], message: "applicationForm.errors.feeStatusRequired" },
      ],
    },
    {
      name: "feePaidOn",
      type: "date",
      label: "applicationForm.residence.feePaidOn",
      width: "medium",
      maxLength: 10,
      revealedBy: { field: "feeStatus", value: "paid" },
      rules: ({ today }) => [
        { rule: "required", message: "applicationForm.errors.dateRequired" },
        { rule: "date_until", args: [today], message: "applicationForm.errors.feePaidInFuture" },
        { rule: "date_from", args: [addYears(today, -1)], message: "applicationForm.errors.feePaidTooLongAgo" },
      ],
    },
    {
      name: "feeExemption",
      type: "radio",
      label: "applicationForm.residence.feeExemption",
      options: ["under-18", "turkish-national", "same-status-renewal"],
      optionLabels: "applicationForm.residence.feeExemptionOptions",
      maxLength: 30,
      revealedBy: { field: "feeStatus", value: "exempt" },
      rules: ({ values, answers, today }) => {
        // Exemptions of the IO fee (dofi.ibz.be, docs/domain.md §4): minors, Turkish nationals, same-status renewals.
        const birthDate = answers.worker?.birthDate ?? "";
        const reason = values.feeExemption;
        const failure =
          reason === "under-18" && isCalendarDate(birthDate) && ageOn(birthDate, today) >= 18
            ? "applicationForm.errors.exemptionNotMinor"
            : reason === "turkish-national" && answers.worker?.nationality !== "TR"
              ? "applicationForm.errors.exemptionNotTurkish"
              : null;
        return [
          { rule: "required", message: "applicationForm.errors.feeExemptionRequired" },
          { rule: "one_of", args: ["under-18", "turkish-national", "same-status-renewal"], message: "applicationForm.errors.feeExemptionRequired" },
          ...verdict(failure),
        ];
      },
    },
    {
      name: "healthInsurance",
      type: "radio",
      label: "applicationForm.residence.healthInsurance",
      options: ["mutuality", "private"],
      optionLabels: "applicationForm.residence.healthInsuranceOptions",
      maxLength: 10,
      rules: () => [
        { rule: "required", message: "applicationForm.errors.healthInsuranceRequired" },
        { rule: "one_of", args: ["mutuality", "private"], message: "applicationForm.errors.healthInsuranceRequired" },
      ],
    },
  ],
};

/**
 * The documents to upload, one item each (docs/domain.md §3.1): passport, the signed
 * contract; a diploma for the categories that depend on one; proof of the IO fee unless
 * exempt; the medical certificate; an extract of the criminal record from 18; proof of
 * sickness insurance; and whatever the competent authority adds.
 */
export function requiredDocuments(answers: Answers, authority: RegionalAuthority | null, today: string): string[] {
  const category = answers.employment?.category ?? "";
  const birthDate = answers.worker?.birthDate ?? "";
  const items = ["passport", "contract"];
  if (["highly-qualified", "blue-card", "researcher", "executive"].includes(category)) items.push("diploma");
  if (answers.residence?.feeStatus !== "exempt") items.push("fee-proof");
  items.push("medical-certificate");
  if (!isCalendarDate(birthDate) || ageOn(birthDate, today) >= 18) items.push("criminal-record");
  items.push("health-insurance");
  if (authority) items.push(...REGION_FORMS[authority].documents(answers));
  return items;
}

const COMMON_STEPS: readonly StepDefinition[] = [employerStep, workerStep, employmentStep, residenceStep];

/** The definition of a step with questions (documents and check answers have none), or null. */
export function stepDefinition(id: string): StepDefinition | null {
  return (
    COMMON_STEPS.find((step) => step.id === id) ??
    Object.values(REGION_FORMS)
      .flatMap((region) => region.steps)
      .find((step) => step.id === id) ??
    null
  );
}

/**
 * What is filed: the common answers flat (the shape officers, decisions and the cadastre
 * read), the salary as a plain number, and the competent authority's answers by step.
 */
export interface SingleApplicationData {
  givenNames: string;
  familyName: string;
  nationality: string;
  birthDate: string;
  passportNumber: string;
  personNumber: string;
  livesIn: string;
  visaPost?: string;
  residencePostalCode?: string;
  /** Living in Belgium: the title the worker stays on, and its last day. */
  residenceTitle?: string;
  residenceTitleEndsOn?: string;
  category: string;
  /** Intra-corporate transferee: manager, specialist or trainee. */
  ictRole?: string;
  /** Highly qualified: nurse or teacher (Flanders' reduced amount), else "none". */
  reducedOccupation?: string;
  jobTitle: string;
  /** The main place of work; empty when there is none (spread evenly, or posted). */
  placeOfWorkPostalCode: string;
  /** Further places of work, postal codes. */
  otherPlacesOfWork?: string;
  /** "yes": the work is spread evenly, the registered office decided the region. */
  noMainPlace?: string;
  /** A posted worker: the user enterprise's place, which decided the region. */
  userEnterprisePostalCode?: string;
  contractStart: string;
  employmentEnd: string;
  grossAnnualSalary: string;
  employerRemark: string;
  residence: StepValues;
  regional: Record<string, StepValues>;
  /** The permit this application renews, if it is a renewal. */
  renewalOf?: string;
}

/**
 * The last day of the season of a seasonal-work application, as filed in its region's
 * seasonal step (`<authority>-seasonal`, forms/regions/region-form.ts); null for any other
 * category, or a filing without a readable date. The worker's stay ends with the season
 * (docs/domain.md §5: no automatic extension of a seasonal worker's stay).
 */
export function seasonEndOf(filed: Partial<SingleApplicationData>): string | null {
  if (filed.category !== "seasonal") return null;
  for (const [step, values] of Object.entries(filed.regional ?? {})) {
    const end = values?.seasonEnd;
    if (step.endsWith("-seasonal") && typeof end === "string" && isCalendarDate(end)) return end;
  }
  return null;
}

export function applicationData(answers: Answers, regionalSteps: readonly string[]): SingleApplicationData {
  const worker = answers.worker ?? {};
  const employment = answers.employment ?? {};
  return {
    givenNames: worker.givenNames ?? "",
    familyName: worker.familyName ?? "",
    nationality: worker.nationality ?? "",
    birthDate: worker.birthDate ?? "",
    passportNumber: worker.passportNumber ?? "",
    personNumber: worker.personNumber ?? "",
    livesIn: worker.livesIn ?? "",
    ...(worker.visaPost ? { visaPost: worker.visaPost } : {}),
    ...(worker.residencePostalCode ? { residencePostalCode: worker.residencePostalCode } : {}),
    ...(worker.residenceTitle ? { residenceTitle: worker.residenceTitle } : {}),
    ...(worker.residenceTitleEndsOn ? { residenceTitleEndsOn: worker.residenceTitleEndsOn } : {}),
    category: employment.category ?? "",
    ...(employment.ictRole ? { ictRole: employment.ictRole } : {}),
    ...(employment.reducedOccupation ? { reducedOccupation: employment.reducedOccupation } : {}),
    jobTitle: employment.jobTitle ?? "",
    placeOfWorkPostalCode: employment.placeOfWorkPostalCode ?? "",
    ...(employment.otherPlacesOfWork ? { otherPlacesOfWork: employment.otherPlacesOfWork } : {}),
    ...(employment.noMainPlace ? { noMainPlace: employment.noMainPlace } : {}),
    ...(employment.userEnterprisePostalCode ? { userEnterprisePostalCode: employment.userEnterprisePostalCode } : {}),
    contractStart: employment.contractStart ?? "",
    employmentEnd: employment.employmentEnd ?? "",
    grossAnnualSalary: String(parseSalary(employment.grossAnnualSalary ?? "") ?? ""),
    employerRemark: answers.employer?.employerRemark ?? "",
    residence: answers.residence ?? {},
    regional: Object.fromEntries(regionalSteps.map((step) => [step, answers[step] ?? {}])),
  };
}

/** The answers of a filed application, by step again (the inverse of applicationData), with its steps in order. */
export function answersOfFiled(data: Partial<SingleApplicationData>): { steps: string[]; answers: Answers } {
  const record = data as Record<string, unknown>;
  const pick = (step: StepDefinition): StepValues =>
    Object.fromEntries(
      step.fields
        .map((field) => [field.name, record[field.name]] as const)
        .filter((entry): entry is readonly [string, string] => typeof entry[1] === "string" && entry[1] !== ""),
    );
  const regional = data.regional ?? {};
  return {
    steps: ["employer", "worker", "employment", ...Object.keys(regional), "residence"],
    answers: { employer: pick(employerStep), worker: pick(workerStep), employment: pick(employmentStep), ...regional, residence: data.residence ?? {} },
  };
}
