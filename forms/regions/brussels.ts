import { PROCEDURE_LANGUAGES } from "../authorities";
import { declaration, seasonalStep, type RegionForm } from "./region-form";

/**
 * Brussels-Capital (Bruxelles Economie et Emploi, Direction de la migration économique).
 * Sources, docs/domain.md §4: salary grid from economie-emploi.brussels and
 * brusselstimes.com 2026 (the 2025 monthly amounts stay in force in 2026); regional
 * contract template and annexes (economie-emploi.brussels); intra-corporate transferees:
 * at least 6 months of prior employment in the group for managers and specialists; an EU
 * Blue Card needs a contract of at least one year (economie-emploi.brussels);
 * seasonal work in agriculture only, at most 150 days per 365.
 */
export const brussels: RegionForm = {
  authority: "brussels",
  salaryGrid: [
    { from: "2024-01-01", source: "economie-emploi.brussels 2024", highlyQualified: 50_310, executive: 83_936, blueCard: 65_053 },
    { from: "2025-01-01", source: "economie-emploi.brussels 2025; brusselstimes.com 2026", highlyQualified: 44_441.28, executive: 79_766.4, blueCard: 56_976 },
  ],
  minimumContractMonths: { "blue-card": 12 },
  steps: [
    {
      id: "brussels-contract",
      title: "applicationForm.brussels.title",
      intro: "applicationForm.brussels.intro",
      fields: [
        {
          // Brussels-Capital handles a file in French or Dutch, as the applicant chooses (forms/authorities.ts).
          name: "procedureLanguage",
          type: "radio",
          label: "applicationForm.brussels.procedureLanguage",
          hint: "applicationForm.brussels.procedureLanguageHint",
          options: PROCEDURE_LANGUAGES.brussels,
          optionLabels: "languageName",
          maxLength: 2,
          rules: () => [
            { rule: "required", message: "applicationForm.errors.procedureLanguageRequired" },
            { rule: "one_of", args: PROCEDURE_LANGUAGES.brussels, message: "applicationForm.errors.procedureLanguageRequired" },
          ],
        },
        declaration("contractTemplate", "applicationForm.contractTemplate.brussels", "applicationForm.contractTemplate.hint"),
        {
          name: "priorGroupMonths",
          type: "number",
          label: "applicationForm.brussels.priorGroupMonths",
          hint: "applicationForm.brussels.priorGroupMonthsHint",
          width: "short",
          inputMode: "numeric",
          maxLength: 3,
          when: (_values, answers) => answers.employment?.category === "intra-corporate-transferee",
          rules: ({ values }) => [
            { rule: "required", message: "applicationForm.errors.monthsRequired" },
            { rule: "number_between", args: [0, 600], message: "applicationForm.errors.monthsFormat" },
            { rule: "holds", args: [Number(values.priorGroupMonths) >= 6 ? 1 : 0], message: "applicationForm.errors.priorGroupTooShort", values: { months: 6 } },
          ],
        },
      ],
    },
    seasonalStep("brussels", ["agriculture"], { days: 150 }),
  ],
  procedureLanguage: (regional) => {
    const chosen = regional["brussels-contract"]?.procedureLanguage;
    return chosen === "fr" || chosen === "nl" ? chosen : null;
  },
  documents: () => ["regional-annex"],
};
