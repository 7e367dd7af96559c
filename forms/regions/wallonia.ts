import { declaration, seasonalStep, type RegionForm } from "./region-form";

/**
 * Wallonia (SPW Emploi, Direction de l'Emploi et des Permis de travail). Sources,
 * docs/domain.md §4: salary grid from ksk-dev.eu 2025 and visahq.com 2026-01-27 (the 2025
 * executive 86,110 and Blue Card 66,738 amounts are UNCONFIRMED: issue 13's legal review
 * could not confirm them); intra-corporate transferees by position; no
 * permit when the employer is bankrupt, insolvent or in judicial reorganisation (rules in
 * force since 1 September 2024, emploi.wallonie.be); regional contract template
 * (emploi.wallonie.be model contract); seasonal work in agriculture, horticulture and
 * catering, at most 5 months per 12.
 */
export const wallonia: RegionForm = {
  authority: "wallonia",
  salaryGrid: [
    { from: "2024-01-01", source: "payrollbelgium.be 2024", highlyQualified: 50_310, executive: 83_936 },
    {
      from: "2025-01-01",
      source: "ksk-dev.eu 2025",
      highlyQualified: 51_613,
      highlyQualifiedReduced: 41_290,
      executive: 86_110,
      blueCard: 66_738,
      intraCorporate: { manager: 66_738, specialist: 53_390, trainee: 33_370 },
      unconfirmed: ["executive", "blueCard"],
    },
    {
      from: "2026-01-01",
      source: "visahq.com 2026-01-27; brusselstimes.com 2026",
      highlyQualified: 53_220,
      highlyQualifiedReduced: 42_576,
      executive: 88_790,
      blueCard: 68_815,
      intraCorporate: { manager: 68_815, specialist: 55_053, trainee: 34_408 },
    },
  ],
  steps: [
    {
      id: "wallonia-declarations",
      title: "applicationForm.wallonia.title",
      intro: "applicationForm.wallonia.intro",
      fields: [
        declaration("employerSolvent", "applicationForm.wallonia.employerSolvent"),
        declaration("contractTemplate", "applicationForm.contractTemplate.wallonia", "applicationForm.contractTemplate.hint"),
      ],
    },
    seasonalStep("wallonia", ["agriculture", "horticulture", "catering"], { months: 5 }),
  ],
  documents: () => [],
};
