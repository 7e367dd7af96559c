import type { Language, RegionalAuthority } from "../authorities";
import { addDays, addMonths, daysBetween, isCalendarDate } from "../dates";
import type { FieldDefinition, StepDefinition, StepValues } from "../form-definition";
import type { EmploymentCategory } from "../employment-categories";
import type { SalaryGridRow } from "../salary-grid";

/**
 * What one competent authority adds to the universal form: its own steps (ids start with
 * the authority's name, so moving the place of work to another region drops them as one
 * branch), its dated salary grid and the documents it asks for. The order of the steps is
 * its flow's business (workflows/regions/). One file per authority in this folder.
 */
export interface RegionForm {
  authority: RegionalAuthority;
  salaryGrid: readonly SalaryGridRow[];
  steps: readonly StepDefinition[];
  /** The shortest fixed-term contract, in months, this authority accepts for a category. */
  minimumContractMonths?: Partial<Record<EmploymentCategory, number>>;
  /** The language of procedure the applicant chose, where the authority lets him choose (Brussels-Capital). */
  procedureLanguage?: (regional: Readonly<Record<string, StepValues>>) => Language | null;
  /** Documents this authority asks for on top of the common ones, given the answers so far. */
  documents: (answers: Readonly<Record<string, StepValues>>) => readonly string[];
}

export const SEASONAL_SECTORS = ["agriculture", "horticulture", "catering"] as const;

/** The declaration boxes of a region step: ticked means "yes". */
export function declaration(name: string, label: string, hint?: string): FieldDefinition {
  return {
    name,
    type: "checkbox",
    label,
    hint,
    maxLength: 3,
    rules: () => [{ rule: "accepted", message: "applicationForm.errors.declarationRequired" }],
  };
}

/**
 * The seasonal-work step: the sector (each region admits its own) and the season, which
 * is a long stay (more than 90 days: shorter seasonal work needs no single permit) of at
 * most `limit` (docs/domain.md §4: 150 days per 365; Wallonia 5 months per 12).
 */
export function seasonalStep(
  authority: RegionalAuthority,
  sectors: readonly (typeof SEASONAL_SECTORS)[number][],
  limit: { days: number } | { months: number },
): StepDefinition {
  const seasonEnd = (start: string) =>
    "days" in limit ? addDays(start, limit.days - 1) : addMonths(start, limit.months);
  return {
    id: `${authority}-seasonal`,
    title: "applicationForm.seasonal.title",
    intro: "applicationForm.seasonal.intro",
    fields: [
      {
        name: "seasonalSector",
        type: "radio",
        label: "applicationForm.seasonal.sector",
        options: sectors,
        optionLabels: "applicationForm.seasonal.sectors",
        maxLength: 20,
        rules: () => [
          { rule: "required", message: "applicationForm.errors.sectorRequired" },
          { rule: "one_of", args: sectors, message: "applicationForm.errors.sectorRequired" },
        ],
      },
      {
        name: "seasonStart",
        type: "date",
        label: "applicationForm.seasonal.start",
        width: "medium",
        maxLength: 10,
        rules: ({ today }) => [
          { rule: "required", message: "applicationForm.errors.dateRequired" },
          { rule: "date_after", args: [today], message: "applicationForm.errors.dateFuture" },
        ],
      },
      {
        name: "seasonEnd",
        type: "date",
        label: "applicationForm.seasonal.end",
        hint: "days" in limit ? "applicationForm.seasonal.endHintDays" : "applicationForm.seasonal.endHintMonths",
        width: "medium",
        maxLength: 10,
        rules: ({ values }) => {
          const start = isCalendarDate(values.seasonStart ?? "") ? values.seasonStart! : "";
          const longEnough = !start || !isCalendarDate(values.seasonEnd ?? "") || daysBetween(start, values.seasonEnd!) + 1 > 90;
          const latest = start ? seasonEnd(start) : "";
          return [
            { rule: "required", message: "applicationForm.errors.dateRequired" },
            { rule: "date_after", args: [start], message: "applicationForm.errors.seasonEndBeforeStart" },
            { rule: "holds", args: [longEnough ? 1 : 0], message: "applicationForm.errors.seasonTooShort" },
            {
              rule: "date_until",
              args: [latest],
              message: "days" in limit ? "applicationForm.errors.seasonTooLongDays" : "applicationForm.errors.seasonTooLongMonths",
              values: "days" in limit ? { max: limit.days } : { max: limit.months },
            },
          ];
        },
      },
    ],
  };
}
