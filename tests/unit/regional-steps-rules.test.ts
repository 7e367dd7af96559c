import { describe, expect, it } from "vitest";
import { validateStep, type StepDefinition, type StepValues } from "../../forms/form-definition";
import { REGION_FORMS } from "../../forms/regions";

/**
 * The competent authorities' own questions (forms/regions/), one row per rule at its edge:
 * what is typed, and the message read under the field, or none.
 */

const TODAY = "2026-11-23";
const stepOf = (id: string): StepDefinition =>
  Object.values(REGION_FORMS)
    .flatMap((region) => region.steps)
    .find((step) => step.id === id)!;

type Row = [what: string, typed: StepValues, errors: Record<string, unknown> | null];
const message = (key: string, values?: Record<string, unknown>) => ({ key, values });

async function check(step: StepDefinition, base: StepValues, rows: Row[], answers: Record<string, StepValues> = {}) {
  for (const [what, typed, errors] of rows) {
    const result = await validateStep(step, { ...base, ...typed }, { today: TODAY, answers, employerSeatPostalCode: "1000" });
    expect(result.ok ? null : result.errors, what).toEqual(errors);
  }
}

describe("the seasonal step (Flanders and Brussels: 150 days a year at most)", () => {
  const season = { seasonalSector: "horticulture", seasonStart: "2027-03-01", seasonEnd: "2027-07-28" };

  it("asks a sector the region admits", async () => {
    await check(stepOf("flanders-seasonal"), season, [
      ["none", { seasonalSector: "" }, { seasonalSector: message("applicationForm.errors.sectorRequired") }],
      ["not offered", { seasonalSector: "mining" }, { seasonalSector: message("applicationForm.errors.sectorRequired") }],
    ]);
    // Brussels admits agriculture only.
    await check(stepOf("brussels-seasonal"), { ...season, seasonalSector: "agriculture" }, [
      ["horticulture in Brussels", { seasonalSector: "horticulture" }, { seasonalSector: message("applicationForm.errors.sectorRequired") }],
      ["agriculture", {}, null],
    ]);
  });

  it("asks a season that starts after today, lasts more than 90 days and at most 150", async () => {
    await check(stepOf("flanders-seasonal"), season, [
      ["no start", { seasonStart: "" }, { seasonStart: message("applicationForm.errors.dateRequired") }],
      ["start on 29 February 2027", { seasonStart: "2027-02-29" }, { seasonStart: message("form.errors.date.day", { max: 28 }) }],
      ["starts today", { seasonStart: "2026-11-23", seasonEnd: "2027-03-01" }, { seasonStart: message("applicationForm.errors.dateFuture") }],
      ["no end", { seasonEnd: "" }, { seasonEnd: message("applicationForm.errors.dateRequired") }],
      ["end on 31 June", { seasonEnd: "2027-06-31" }, { seasonEnd: message("form.errors.date.day", { max: 30 }) }],
      ["ends the day it starts", { seasonEnd: "2027-03-01" }, { seasonEnd: message("applicationForm.errors.seasonEndBeforeStart") }],
      ["90 days", { seasonEnd: "2027-05-29" }, { seasonEnd: message("applicationForm.errors.seasonTooShort") }],
      ["91 days", { seasonEnd: "2027-05-30" }, null],
      ["150 days", { seasonEnd: "2027-07-28" }, null],
      ["151 days", { seasonEnd: "2027-07-29" }, { seasonEnd: message("applicationForm.errors.seasonTooLongDays", { max: 150 }) }],
    ]);
  });

  it("counts Wallonia's season in months: five at most", async () => {
    const wallonia = stepOf("wallonia-seasonal");
    const sector = wallonia.fields[0]!.options![0]!;
    await check(wallonia, { seasonalSector: sector, seasonStart: "2027-03-01", seasonEnd: "2027-08-01" }, [
      ["five months to the day", {}, null],
      ["a day more", { seasonEnd: "2027-08-02" }, { seasonEnd: message("applicationForm.errors.seasonTooLongMonths", { max: 5 }) }],
    ]);
  });
});

describe("Brussels' contract step", () => {
  const base = { procedureLanguage: "nl", contractTemplate: "yes" };

  it("asks French or Dutch as the language of the procedure and the declaration on the model contract", async () => {
    await check(stepOf("brussels-contract"), base, [
      ["no language", { procedureLanguage: "" }, { procedureLanguage: message("applicationForm.errors.procedureLanguageRequired") }],
      ["German", { procedureLanguage: "de" }, { procedureLanguage: message("applicationForm.errors.procedureLanguageRequired") }],
      ["not ticked", { contractTemplate: "" }, { contractTemplate: message("applicationForm.errors.declarationRequired") }],
      ["French", { procedureLanguage: "fr" }, null],
    ]);
    expect(REGION_FORMS.brussels.procedureLanguage?.({ "brussels-contract": { procedureLanguage: "nl" } })).toBe("nl");
    expect(REGION_FORMS.brussels.procedureLanguage?.({ "brussels-contract": { procedureLanguage: "fr" } })).toBe("fr");
    expect(REGION_FORMS.brussels.procedureLanguage?.({ "brussels-contract": { procedureLanguage: "de" } })).toBeNull();
    expect(REGION_FORMS.brussels.procedureLanguage?.({})).toBeNull();
  });

  it("asks an intra-corporate transferee's months in the group: a whole number, six at least", async () => {
    const transferee = { employment: { category: "intra-corporate-transferee" } };
    await check(
      stepOf("brussels-contract"),
      base,
      [
        ["none", { priorGroupMonths: "" }, { priorGroupMonths: message("applicationForm.errors.monthsRequired") }],
        ["words", { priorGroupMonths: "six" }, { priorGroupMonths: message("applicationForm.errors.monthsFormat") }],
        ["601", { priorGroupMonths: "601" }, { priorGroupMonths: message("applicationForm.errors.monthsFormat") }],
        ["5", { priorGroupMonths: "5" }, { priorGroupMonths: message("applicationForm.errors.priorGroupTooShort", { months: 6 }) }],
        ["6", { priorGroupMonths: "6" }, null],
      ],
      transferee,
    );
    // Not a transferee: not asked, and nothing of it kept.
    const other = await validateStep(stepOf("brussels-contract"), { ...base, priorGroupMonths: "2" }, { today: TODAY, answers: { employment: { category: "other" } }, employerSeatPostalCode: "1000" });
    expect(other).toEqual({ ok: true, values: base });
  });

  it("adds the regional annex to the documents", () => {
    expect(REGION_FORMS.brussels.documents({})).toEqual(["regional-annex"]);
    expect(REGION_FORMS.wallonia.documents({})).toEqual([]);
    expect(REGION_FORMS.dg.documents({})).toEqual([]);
  });
});

describe("Flanders' labour-market step", () => {
  const base = { vacancyReference: "VDAB-12345", vacancyPublishedOn: "2026-08-01", publishedOnEures: "yes" };

  it("asks the vacancy's reference at VDAB, typed with spaces or in lower case", async () => {
    await check(stepOf("flanders-labour-market"), base, [
      ["none", { vacancyReference: " " }, { vacancyReference: message("applicationForm.errors.vacancyReferenceRequired") }],
      ["three characters", { vacancyReference: "A12" }, { vacancyReference: message("applicationForm.errors.vacancyReferenceFormat") }],
      ["starts with a dash", { vacancyReference: "-1234" }, { vacancyReference: message("applicationForm.errors.vacancyReferenceFormat") }],
      ["typed loosely", { vacancyReference: "vdab 123 45" }, null],
      ["not on EURES", { publishedOnEures: "" }, { publishedOnEures: message("applicationForm.errors.declarationRequired") }],
    ]);
    const tidied = await validateStep(stepOf("flanders-labour-market"), { ...base, vacancyReference: "vdab 123 45" }, { today: TODAY, answers: {}, employerSeatPostalCode: null });
    expect(tidied.values.vacancyReference).toBe("VDAB12345");
  });

  it("asks a vacancy published nine weeks ago at least (three for seasonal work), and within four months for the general case", async () => {
    // Nine weeks before 23 November 2026: 21 September; four months: 23 July.
    await check(stepOf("flanders-labour-market"), base, [
      ["no date", { vacancyPublishedOn: "" }, { vacancyPublishedOn: message("applicationForm.errors.dateRequired") }],
      ["31 September", { vacancyPublishedOn: "2026-09-31" }, { vacancyPublishedOn: message("form.errors.date.day", { max: 30 }) }],
      ["nine weeks ago", { vacancyPublishedOn: "2026-09-21" }, null],
      ["a day less", { vacancyPublishedOn: "2026-09-22" }, { vacancyPublishedOn: message("applicationForm.errors.vacancyTooRecent", { weeks: 9 }) }],
      ["four months ago", { vacancyPublishedOn: "2026-07-23" }, null],
      ["a day more", { vacancyPublishedOn: "2026-07-22" }, { vacancyPublishedOn: message("applicationForm.errors.vacancyTooOld", { months: 4 }) }],
    ]);
    await check(
      stepOf("flanders-labour-market"),
      base,
      [
        ["seasonal, three weeks ago", { vacancyPublishedOn: "2026-11-02" }, null],
        ["seasonal, a day less", { vacancyPublishedOn: "2026-11-03" }, { vacancyPublishedOn: message("applicationForm.errors.vacancyTooRecent", { weeks: 3 }) }],
        ["seasonal, a year ago: no upper age", { vacancyPublishedOn: "2025-11-23" }, null],
      ],
      { employment: { category: "seasonal" } },
    );
  });

  it("adds the proof of the vacancy to the documents when the step was asked", () => {
    expect(REGION_FORMS.flanders.documents({ "flanders-labour-market": base })).toEqual(["vacancy-proof"]);
    expect(REGION_FORMS.flanders.documents({})).toEqual([]);
  });
});
