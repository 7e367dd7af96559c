import { addDays, addMonths } from "../dates";
import type { FieldRule } from "../form-definition";
import { declaration, seasonalStep, type RegionForm } from "./region-form";

/**
 * Flanders (Departement Werk en Sociale Economie). Sources, docs/domain.md §4:
 * - salary grid: vlaanderen.be highly skilled workers and EU Blue Card pages; ksk-dev.eu
 *   2025; payrollbelgium.be 2024. 2026: the 2025 amounts stay in force until Statbel
 *   publishes the new ones. The reduced (80 %) highly-qualified amount: under 30 and nurses
 *   (vreemdelingenrecht.be, 2022 amounts), teachers too from 2025 (ksk-dev.eu 2025); not for
 *   posted workers (issue 13's legal review; UNCONFIRMED, no text seen). EU Blue Card from
 *   1 May 2024 (Flemish Government decree of 8 March 2024, vreemdelingenrecht.be): 60,622 =
 *   130 % of the 2024 reference amount 46,632, as 63,586 = 130 % of 48,912 in 2025; the
 *   vreemdelingenrecht.be news gives 60,321.60 instead, so the amount is UNCONFIRMED.
 *   Intra-corporate transferees 2025: specialist and trainee 48,912, manager 78,259 (ksk-dev.eu).
 * - highly qualified, applications from 1 January 2026: only positions at VKS (Flemish
 *   qualification structure) level 5 or higher (issue 13's legal review; UNCONFIRMED).
 * - labour-market test (vlaanderen.be, "medium-skilled / other" pages): shortage
 *   occupations and other jobs need the vacancy published with VDAB and on EURES for at
 *   least 9 weeks; for "other" within the 4 months before filing; seasonal work: 3 weeks.
 * - seasonal work: agriculture, horticulture, catering; at most 150 days per 365.
 * - EU Blue Card: a contract of at least 6 months (vlaanderen.be, EU Blue Card page).
 */
const LABOUR_MARKET_TEST_WEEKS: Record<string, number> = { "shortage-occupation": 9, other: 9, seasonal: 3 };

export const flanders: RegionForm = {
  authority: "flanders",
  salaryGrid: [
    {
      from: "2024-01-01",
      source: "payrollbelgium.be 2024; vlaanderen.be",
      highlyQualified: 46_632,
      highlyQualifiedReduced: 37_305.6,
      reducedFor: ["nurse"],
      reducedExcludesPosted: true,
      executive: 74_611,
      blueCard: 55_958,
    },
    {
      from: "2024-05-01",
      source: "Flemish Government decree of 8 March 2024 (vreemdelingenrecht.be); 130 % of 46,632",
      highlyQualified: 46_632,
      highlyQualifiedReduced: 37_305.6,
      reducedFor: ["nurse"],
      reducedExcludesPosted: true,
      executive: 74_611,
      blueCard: 60_622,
      unconfirmed: ["blueCard"],
    },
    {
      from: "2025-01-01",
      source: "ksk-dev.eu 2025; vlaanderen.be highly skilled workers and EU Blue Card pages",
      highlyQualified: 48_912,
      highlyQualifiedReduced: 39_129.6,
      reducedFor: ["nurse", "teacher"],
      reducedExcludesPosted: true,
      executive: 78_259,
      blueCard: 63_586,
      intraCorporate: { manager: 78_259, specialist: 48_912, trainee: 48_912 },
    },
  ],
  minimumContractMonths: { "blue-card": 6 },
  steps: [
    {
      id: "flanders-labour-market",
      title: "applicationForm.flanders.labourMarket.title",
      intro: "applicationForm.flanders.labourMarket.intro",
      fields: [
        {
          name: "vacancyReference",
          type: "text",
          label: "applicationForm.flanders.labourMarket.vacancyReference",
          hint: "applicationForm.flanders.labourMarket.vacancyReferenceHint",
          width: "medium",
          autoComplete: "off",
          maxLength: 30,
          normalise: (value) => value.replace(/\s+/g, "").toUpperCase(),
          rules: () => [
            { rule: "required", message: "applicationForm.errors.vacancyReferenceRequired" },
            { rule: "matches", args: ["^[A-Z0-9][A-Z0-9/-]{3,29}$"], message: "applicationForm.errors.vacancyReferenceFormat" },
          ],
        },
        {
          name: "vacancyPublishedOn",
          type: "date",
          label: "applicationForm.flanders.labourMarket.publishedOn",
          width: "medium",
          maxLength: 10,
          rules: ({ today, answers }) => {
            const category = answers.employment?.category ?? "other";
            const weeks = LABOUR_MARKET_TEST_WEEKS[category] ?? 9;
            const rules: FieldRule[] = [
              { rule: "required", message: "applicationForm.errors.dateRequired" },
              { rule: "date_until", args: [addDays(today, -7 * weeks)], message: "applicationForm.errors.vacancyTooRecent", values: { weeks } },
            ];
            if (category === "other") {
              rules.push({ rule: "date_from", args: [addMonths(today, -4)], message: "applicationForm.errors.vacancyTooOld", values: { months: 4 } });
            }
            return rules;
          },
        },
        declaration("publishedOnEures", "applicationForm.flanders.labourMarket.eures"),
      ],
    },
    seasonalStep("flanders", ["agriculture", "horticulture", "catering"], { days: 150 }),
  ],
  documents: (answers) => (answers["flanders-labour-market"] ? ["vacancy-proof"] : []),
};
