import { declaration, seasonalStep, type RegionForm } from "./region-form";

/**
 * German-speaking Community (Ministerium der Deutschsprachigen Gemeinschaft). Sources,
 * docs/domain.md §4: seasonal work in agriculture and catering, at most 150 days per 365;
 * regional contract template (ostbelgienlive.be). Its salary grid was not found
 * (UNCONFIRMED): none is applied, the officer checks the salary.
 */
export const dg: RegionForm = {
  authority: "dg",
  salaryGrid: [],
  steps: [
    {
      id: "dg-contract",
      title: "applicationForm.dg.title",
      intro: "applicationForm.dg.intro",
      fields: [declaration("contractTemplate", "applicationForm.contractTemplate.dg", "applicationForm.contractTemplate.hint")],
    },
    seasonalStep("dg", ["agriculture", "catering"], { days: 150 }),
  ],
  documents: () => [],
};
