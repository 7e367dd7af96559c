import { describe, expect, it } from "vitest";
import { validateStep, type StepValues } from "../../forms/form-definition";
import { makePersonNumber } from "../../forms/identifiers";
import { REGION_FORMS } from "../../forms/regions";
import { employmentStep, requiredDocuments, residenceStep, workerStep } from "../../forms/universal-form";

const TODAY = "2026-11-23";
const context = (answers: Record<string, StepValues> = {}, employerSeatPostalCode: string | null = "3800") => ({
  today: TODAY,
  answers,
  employerSeatPostalCode,
});
const worker: StepValues = {
  givenNames: "Văn An",
  familyName: "Nguyễn",
  nationality: "VN",
  birthDate: "1985-11-02",
  passportNumber: "c 765-4321",
  personNumber: "",
  livesIn: "abroad",
  visaPost: "hanoi",
};
const employment: StepValues = {
  category: "highly-qualified",
  jobTitle: "Nurse",
  placeOfWorkPostalCode: "9000",
  contractStart: "2027-01-04",
  employmentEnd: "",
  grossAnnualSalary: "52 000",
};
const step = (id: string) => REGION_FORMS[id.split("-")[0] as keyof typeof REGION_FORMS].steps.find((s) => s.id === id)!;

describe("the worker step", () => {
  it("accepts Latin names with diacritics, tidies the passport number and drops the answer of the other branch", async () => {
    const result = await validateStep(workerStep, { ...worker, residencePostalCode: "1000" }, context());
    expect(result).toEqual({
      ok: true,
      values: { ...worker, passportNumber: "C7654321" },
    });
  });

  it("asks names as in the passport's Latin-character zone: every Latin diacritic in, other scripts out with their own message", async () => {
    const latin = [
      ["Élodie Françoise", "Ñúñez d'Ávila-Gómez"],
      ["Joëlle", "Coördinatie-Müller"],
      ["Jürgen", "Groß"],
      ["Æsa Øyvind Åse", "Guðrún Þórsdóttir"],
      ["Ğül İpek", "Yılmaz Şahin"],
      ["Văn An", "Nguyễn Phạm Thị Ơn Ưng"],
      ["Łucja Ńina", "Śliwińska-Źrebiec Żak"],
      ["Čeněk Řehoř", "Dvořáková Ůžek"],
      ["Ștefan Țăran", "Mănăstire"],
      ["Mary O’Neil", "St. John"],
    ];
    for (const [givenNames, familyName] of latin) {
      expect((await validateStep(workerStep, { ...worker, givenNames: givenNames!, familyName: familyName! }, context())).ok, `${givenNames} ${familyName}`).toBe(true);
    }
    for (const other of ["王小明", "山田太郎", "محمد", "כהן", "Иванов", "Ivan Иванов"]) {
      const result = await validateStep(workerStep, { ...worker, familyName: other }, context());
      expect(!result.ok && result.errors.familyName, other).toEqual({ key: "newApplication.errors.nameLatin" });
    }
  });

  it("names every problem at once, as i18n keys", async () => {
    const result = await validateStep(
      workerStep,
      { givenNames: " ", familyName: "<script>", nationality: "FR", birthDate: "1985-02-30", passportNumber: "", personNumber: "12", livesIn: "belgium", residencePostalCode: "0999" },
      context(),
    );
    expect(result.ok).toBe(false);
    expect(!result.ok && result.errors).toEqual({
      givenNames: { key: "newApplication.errors.required" },
      familyName: { key: "newApplication.errors.nameCharacters" },
      nationality: { key: "newApplication.errors.nationalityNotThird" },
      birthDate: { key: "form.errors.date.day", values: { max: 28 } },
      passportNumber: { key: "newApplication.errors.passportRequired" },
      personNumber: { key: "newApplication.errors.personNumber.format" },
      residencePostalCode: { key: "newApplication.errors.postalCodeFormat" },
      residenceTitle: { key: "applicationForm.errors.residenceTitleRequired" },
      residenceTitleEndsOn: { key: "applicationForm.errors.residenceTitleEndsOnRequired" },
    });
  });

  it("checks NISS and BIS numbers against their check digits and the date of birth (2000+ rule, BIS month +20/+40)", async () => {
    const born2001 = { ...worker, birthDate: "2001-05-17" };
    const niss = makePersonNumber("2001-05-17", 123);
    expect((await validateStep(workerStep, { ...born2001, personNumber: niss }, context())).ok).toBe(true);
    const bis = makePersonNumber("2001-05-17", 123, "bis");
    expect((await validateStep(workerStep, { ...born2001, personNumber: bis }, context())).ok).toBe(true);
    const wrongCheck = niss.slice(0, 9) + String((Number(niss.slice(9)) + 1) % 100).padStart(2, "0");
    expect(await validateStep(workerStep, { ...born2001, personNumber: wrongCheck }, context())).toMatchObject({
      errors: { personNumber: { key: "newApplication.errors.personNumber.checksum" } },
    });
    expect(await validateStep(workerStep, { ...worker, personNumber: niss }, context())).toMatchObject({
      errors: { personNumber: { key: "newApplication.errors.personNumber.birthDateMismatch" } },
    });
  });
});

describe("the employment step", () => {
  it("lets the main place of work decide the region when the work is not spread evenly, also for an employer without a Belgian seat", async () => {
    const answers = { worker };
    // Main place in Wallonia, another in Brussels, seat in Flanders: Wallonia's 53,220 applies.
    const twoRegions = { ...employment, placeOfWorkPostalCode: "5000", otherPlacesOfWork: "1000", noMainPlace: "" };
    expect(await validateStep(employmentStep, twoRegions, context(answers, "3800"))).toMatchObject({
      errors: { grossAnnualSalary: { key: "newApplication.errors.salaryBelowThreshold", values: { threshold: 53_220 } } },
    });
    expect((await validateStep(employmentStep, { ...employment, placeOfWorkPostalCode: "9000" }, context(answers, null))).ok).toBe(true);
  });

  it("accepts a salary exactly at the region's threshold, and refuses a cent less", async () => {
    const answers = { worker };
    expect((await validateStep(employmentStep, { ...employment, grossAnnualSalary: "48 912" }, context(answers))).ok).toBe(true);
    expect(await validateStep(employmentStep, { ...employment, grossAnnualSalary: "48 911,99" }, context(answers))).toMatchObject({
      errors: { grossAnnualSalary: { key: "newApplication.errors.salaryBelowThreshold", values: { threshold: 48_912 } } },
    });
  });

  it("applies the threshold of the competent region, for the category, on the day of filing", async () => {
    const answers = { worker };
    expect((await validateStep(employmentStep, employment, context(answers))).ok).toBe(true); // Flanders 48,912
    expect(await validateStep(employmentStep, { ...employment, placeOfWorkPostalCode: "5000" }, context(answers))).toMatchObject({
      errors: { grossAnnualSalary: { key: "newApplication.errors.salaryBelowThreshold", values: { threshold: 53_220 } } },
    });
    // Work spread evenly over Flanders and Brussels, no main place: the seat decides (a Walloon seat here).
    const spread = { ...employment, placeOfWorkPostalCode: "3800", otherPlacesOfWork: "1000", noMainPlace: "yes" };
    expect(await validateStep(employmentStep, spread, context(answers, "4000"))).toEqual({
      ok: false,
      values: expect.anything(),
      errors: { grossAnnualSalary: { key: "newApplication.errors.salaryBelowThreshold", values: { threshold: 53_220 } } },
    });
    // A year earlier the Walloon grid of 2025 applied.
    expect((await validateStep(employmentStep, { ...employment, placeOfWorkPostalCode: "5000" }, { ...context(answers), today: "2025-11-23" })).ok).toBe(true);
    // No DG grid was found: only the national minimum wage (12 × 2,146.89 = 25,762.68 on 23 November 2026).
    expect((await validateStep(employmentStep, { ...employment, placeOfWorkPostalCode: "4700", grossAnnualSalary: "26000" }, context(answers))).ok).toBe(true);
    expect(await validateStep(employmentStep, { ...employment, placeOfWorkPostalCode: "4700", grossAnnualSalary: "20000" }, context(answers))).toMatchObject({
      errors: { grossAnnualSalary: { key: "newApplication.errors.salaryBelowMinimumWage", values: { minimum: 25_762.68 } } },
    });
  });

  it("asks an EU Blue Card contract of at least a year in Brussels-Capital, 6 months in Flanders", async () => {
    const blueCard = { ...employment, category: "blue-card", grossAnnualSalary: "70000", contractStart: "2027-02-01" };
    const brussels = { ...blueCard, placeOfWorkPostalCode: "1000" };
    expect((await validateStep(employmentStep, { ...brussels, employmentEnd: "2028-01-31" }, context({ worker }))).ok).toBe(true);
    expect(await validateStep(employmentStep, { ...brussels, employmentEnd: "2028-01-30" }, context({ worker }))).toMatchObject({
      errors: { employmentEnd: { key: "applicationForm.errors.contractTooShort", values: { months: 12 } } },
    });
    expect((await validateStep(employmentStep, { ...brussels, employmentEnd: "" }, context({ worker }))).ok).toBe(true); // open-ended
    expect((await validateStep(employmentStep, { ...blueCard, employmentEnd: "2027-07-31" }, context({ worker }))).ok).toBe(true);
    expect(await validateStep(employmentStep, { ...blueCard, employmentEnd: "2027-07-30" }, context({ worker }))).toMatchObject({
      errors: { employmentEnd: { values: { months: 6 } } },
    });
  });

  it("asks the end of the contract for seasonal work, after its start and after today", async () => {
    expect(await validateStep(employmentStep, { ...employment, category: "seasonal" }, context())).toMatchObject({
      errors: { employmentEnd: { key: "applicationForm.errors.seasonalEndRequired" } },
    });
    expect(await validateStep(employmentStep, { ...employment, employmentEnd: "2026-12-31" }, context())).toMatchObject({
      errors: { employmentEnd: { key: "applicationForm.errors.endBeforeStart" } },
    });
    expect(await validateStep(employmentStep, { ...employment, employmentEnd: "2026-11-01" }, context())).toMatchObject({
      errors: { employmentEnd: { key: "newApplication.errors.employmentEndPast" } },
    });
  });
});

describe("region steps", () => {
  it("Flanders: the vacancy at least 9 weeks old (3 for seasonal work), for other jobs not older than 4 months", async () => {
    const labourMarket = step("flanders-labour-market");
    const values = { vacancyReference: "vdab 123456", vacancyPublishedOn: "2026-09-01", publishedOnEures: "yes" };
    const other = context({ employment: { category: "other" } });
    expect(await validateStep(labourMarket, values, other)).toEqual({ ok: true, values: { ...values, vacancyReference: "VDAB123456" } });
    expect(await validateStep(labourMarket, { ...values, vacancyPublishedOn: "2026-10-01" }, other)).toMatchObject({
      errors: { vacancyPublishedOn: { key: "applicationForm.errors.vacancyTooRecent", values: { weeks: 9 } } },
    });
    expect(await validateStep(labourMarket, { ...values, vacancyPublishedOn: "2026-07-01" }, other)).toMatchObject({
      errors: { vacancyPublishedOn: { key: "applicationForm.errors.vacancyTooOld" } },
    });
    expect((await validateStep(labourMarket, { ...values, vacancyPublishedOn: "2026-07-01" }, context({ employment: { category: "shortage-occupation" } }))).ok).toBe(true);
    expect((await validateStep(labourMarket, { ...values, vacancyPublishedOn: "2026-10-25" }, context({ employment: { category: "seasonal" } }))).ok).toBe(true);
    expect(await validateStep(labourMarket, { ...values, publishedOnEures: "" }, other)).toMatchObject({
      errors: { publishedOnEures: { key: "applicationForm.errors.declarationRequired" } },
    });
  });

  it("seasonal work: a sector the region admits, more than 90 days, at most 150 days (Wallonia: 5 months)", async () => {
    const season = { seasonalSector: "horticulture", seasonStart: "2027-04-01", seasonEnd: "2027-08-28" }; // 150 days
    expect((await validateStep(step("flanders-seasonal"), season, context())).ok).toBe(true);
    expect(await validateStep(step("brussels-seasonal"), season, context())).toMatchObject({
      errors: { seasonalSector: { key: "applicationForm.errors.sectorRequired" } },
    });
    expect(await validateStep(step("flanders-seasonal"), { ...season, seasonEnd: "2027-08-29" }, context())).toMatchObject({
      errors: { seasonEnd: { key: "applicationForm.errors.seasonTooLongDays", values: { max: 150 } } },
    });
    expect(await validateStep(step("flanders-seasonal"), { ...season, seasonEnd: "2027-06-29" }, context())).toMatchObject({
      errors: { seasonEnd: { key: "applicationForm.errors.seasonTooShort" } },
    });
    expect((await validateStep(step("wallonia-seasonal"), { ...season, seasonEnd: "2027-09-01" }, context())).ok).toBe(true);
    expect(await validateStep(step("wallonia-seasonal"), { ...season, seasonEnd: "2027-09-02" }, context())).toMatchObject({
      errors: { seasonEnd: { key: "applicationForm.errors.seasonTooLongMonths", values: { max: 5 } } },
    });
  });

  it("Brussels asks intra-corporate transferees for 6 months in the group, and no one else", async () => {
    const contract = step("brussels-contract");
    const ict = context({ employment: { category: "intra-corporate-transferee" } });
    expect(await validateStep(contract, { procedureLanguage: "nl", contractTemplate: "yes", priorGroupMonths: "5" }, ict)).toMatchObject({
      errors: { priorGroupMonths: { key: "applicationForm.errors.priorGroupTooShort" } },
    });
    expect(
      await validateStep(contract, { procedureLanguage: "nl", contractTemplate: "yes", priorGroupMonths: "5" }, context({ employment: { category: "executive" } })),
    ).toEqual({ ok: true, values: { procedureLanguage: "nl", contractTemplate: "yes" } });
    // The language of procedure is French or Dutch, and the applicant's to choose.
    expect(await validateStep(contract, { procedureLanguage: "de", contractTemplate: "yes" }, context())).toMatchObject({
      errors: { procedureLanguage: { key: "applicationForm.errors.procedureLanguageRequired" } },
    });
    expect(REGION_FORMS.brussels.procedureLanguage?.({ "brussels-contract": { procedureLanguage: "nl" } })).toBe("nl");
  });
});

describe("residence documents", () => {
  it("accepts a fee exemption only when it fits the worker, and lists the documents the answers call for", async () => {
    const answers = { worker, employment };
    expect(await validateStep(residenceStep, { feeStatus: "exempt", feeExemption: "turkish-national", healthInsurance: "private" }, context(answers))).toMatchObject({
      errors: { feeExemption: { key: "applicationForm.errors.exemptionNotTurkish" } },
    });
    expect(requiredDocuments({ ...answers, residence: { feeStatus: "paid" } }, "flanders", TODAY)).toEqual([
      "passport", "contract", "diploma", "fee-proof", "medical-certificate", "criminal-record", "health-insurance",
    ]);
    expect(
      requiredDocuments(
        { worker: { ...worker, birthDate: "2010-01-01" }, employment: { ...employment, category: "other" }, residence: { feeStatus: "exempt" }, "flanders-labour-market": {} },
        "flanders",
        TODAY,
      ),
    ).toEqual(["passport", "contract", "medical-certificate", "health-insurance", "vacancy-proof"]);
  });
});

describe("places of work (docs/domain.md §1, routing table)", () => {
  const answers = { worker };
  const at = (values: StepValues, seat: string | null = "3800") => validateStep(employmentStep, { ...employment, grossAnnualSalary: "90000", ...values }, context(answers, seat));

  it("asks for the main place of work unless the work is spread evenly or the worker is posted", async () => {
    expect(await at({ placeOfWorkPostalCode: "" })).toMatchObject({ errors: { placeOfWorkPostalCode: { key: "applicationForm.errors.placeOfWorkRequired" } } });
    expect((await at({ placeOfWorkPostalCode: "", userEnterprisePostalCode: "1000" })).ok).toBe(true);
    expect((await at({ placeOfWorkPostalCode: "3800", otherPlacesOfWork: "1000", noMainPlace: "yes" })).ok).toBe(true);
  });

  it("refuses an even spread over one place, bad postal codes and more than 20 places", async () => {
    expect(await at({ placeOfWorkPostalCode: "3800", noMainPlace: "yes" })).toMatchObject({ errors: { noMainPlace: { key: "applicationForm.errors.noMainPlaceNeedsPlaces" } } });
    expect(await at({ otherPlacesOfWork: "1000, 99999" })).toMatchObject({ errors: { otherPlacesOfWork: { key: "applicationForm.errors.otherPlacesFormat" } } });
    const twenty = Array.from({ length: 20 }, (_, i) => String(3000 + i)).join(" ");
    expect(await at({ otherPlacesOfWork: twenty })).toMatchObject({ errors: { otherPlacesOfWork: { key: "applicationForm.errors.tooManyPlaces", values: { max: 20 } } } });
  });

  it("needs a main place when the places span regions and the employer has no Belgian seat", async () => {
    expect(await at({ placeOfWorkPostalCode: "3800", otherPlacesOfWork: "5000", noMainPlace: "yes" }, null)).toMatchObject({
      errors: { noMainPlace: { key: "applicationForm.errors.mainPlaceNeeded" } },
    });
    // Without a Belgian seat the work's own place decides: all places in Wallonia.
    expect((await at({ placeOfWorkPostalCode: "5000", otherPlacesOfWork: "4000", noMainPlace: "yes" }, null)).ok).toBe(true);
  });
});

describe("salary: the national minimum wage and the regions' splits", () => {
  const answers = { worker };
  it("refuses a Flemish shortage occupation at €20,000 a year: below 12 × the minimum monthly wage", async () => {
    const shortage = { ...employment, category: "shortage-occupation", placeOfWorkPostalCode: "3800", grossAnnualSalary: "20000" };
    expect(await validateStep(employmentStep, shortage, context(answers))).toMatchObject({
      errors: { grossAnnualSalary: { key: "newApplication.errors.salaryBelowMinimumWage", values: { minimum: 25_762.68, monthly: 2_146.89 } } },
    });
    // On 15 April 2024 the minimum was 2,029.88 a month: 24,358.56 a year.
    expect(await validateStep(employmentStep, { ...shortage, grossAnnualSalary: "24000" }, { ...context(answers), today: "2024-04-15" })).toMatchObject({
      errors: { grossAnnualSalary: { values: { minimum: 24_358.56 } } },
    });
    expect((await validateStep(employmentStep, { ...shortage, contractStart: "2024-06-01", grossAnnualSalary: "24400" }, { ...context(answers), today: "2024-04-15" })).ok).toBe(true);
  });

  it("asks the position of an intra-corporate transferee and applies its amount (Wallonia 2026)", async () => {
    const ict = { ...employment, category: "intra-corporate-transferee", placeOfWorkPostalCode: "5000", grossAnnualSalary: "40000" };
    expect(await validateStep(employmentStep, ict, context(answers))).toMatchObject({ errors: { ictRole: { key: "applicationForm.errors.ictRoleRequired" } } });
    expect((await validateStep(employmentStep, { ...ict, ictRole: "trainee" }, context(answers))).ok).toBe(true); // 34,408
    expect(await validateStep(employmentStep, { ...ict, ictRole: "specialist" }, context(answers))).toMatchObject({
      errors: { grossAnnualSalary: { values: { threshold: 55_053 } } },
    });
    expect(await validateStep(employmentStep, { ...ict, ictRole: "manager", grossAnnualSalary: "60000" }, context(answers))).toMatchObject({
      errors: { grossAnnualSalary: { values: { threshold: 68_815 } } },
    });
  });

  it("holds a Flemish nurse to the reduced amount, but not a posted one", async () => {
    const nurse = { ...employment, placeOfWorkPostalCode: "9000", grossAnnualSalary: "40000", reducedOccupation: "nurse" };
    expect((await validateStep(employmentStep, nurse, context(answers))).ok).toBe(true); // 39,129.60
    expect(await validateStep(employmentStep, { ...nurse, placeOfWorkPostalCode: "", userEnterprisePostalCode: "9000" }, context(answers))).toMatchObject({
      errors: { grossAnnualSalary: { values: { threshold: 48_912 } } },
    });
  });
});
