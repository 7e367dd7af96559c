import { describe, expect, it } from "vitest";
import { validateStep, type StepDefinition, type StepValues } from "../../forms/form-definition";
import { makePersonNumber } from "../../forms/identifiers";
import { employerStep, employmentStep, RESIDENCE_TITLES, residenceStep, workerStep } from "../../forms/universal-form";

/**
 * Every rule of the universal form's common steps, one row each: what is typed, and the
 * message (with its values) the person then reads under that field — or none. The rows sit
 * at the edges: the last accepted value and the first refused one.
 */

const TODAY = "2026-11-23";
const worker: StepValues = {
  givenNames: "Văn An",
  familyName: "Nguyễn",
  nationality: "VN",
  birthDate: "1985-11-02",
  passportNumber: "C7654321",
  personNumber: "",
  livesIn: "abroad",
  visaPost: "hanoi",
};
const employment: StepValues = {
  category: "highly-qualified",
  reducedOccupation: "none",
  jobTitle: "Nurse",
  placeOfWorkPostalCode: "9000",
  otherPlacesOfWork: "",
  noMainPlace: "",
  userEnterprisePostalCode: "",
  contractStart: "2027-01-04",
  employmentEnd: "",
  grossAnnualSalary: "90 000",
};
const residence: StepValues = { feeStatus: "paid", feePaidOn: "2026-11-01", healthInsurance: "mutuality" };

type Row = [what: string, typed: StepValues, errors: Record<string, unknown> | null];

async function check(step: StepDefinition, base: StepValues, rows: Row[], answers: Record<string, StepValues> = {}, seat: string | null = "3800") {
  for (const [what, typed, errors] of rows) {
    const result = await validateStep(step, { ...base, ...typed }, { today: TODAY, answers, employerSeatPostalCode: seat });
    if (errors === null) expect(result.ok ? null : result.errors, what).toBeNull();
    else expect(result.ok ? {} : result.errors, what).toEqual(errors);
  }
}

const message = (key: string, values?: Record<string, unknown>) => ({ key, values });
const letters = (n: number) => "a".repeat(n);

describe("the employer step", () => {
  it("takes a remark of up to 1,000 characters", async () => {
    await check(employerStep, {}, [
      ["no remark", { employerRemark: "" }, null],
      ["1,000 characters", { employerRemark: letters(1000) }, null],
      ["1,001 characters", { employerRemark: letters(1001) }, { employerRemark: message("newApplication.errors.tooLong", { max: 1000 }) }],
    ]);
  });
});

describe("the worker step", () => {
  it("asks the names as printed on the permit: required, at most 100 characters, letters and name punctuation", async () => {
    await check(workerStep, worker, [
      ["empty given names", { givenNames: "" }, { givenNames: message("newApplication.errors.required") }],
      ["only spaces", { familyName: "   " }, { familyName: message("newApplication.errors.required") }],
      ["100 letters", { givenNames: letters(100) }, null],
      ["101 letters", { givenNames: letters(101) }, { givenNames: message("newApplication.errors.tooLong", { max: 100 }) }],
      ["apostrophe, hyphen, dot and space", { familyName: "O'Brien-Smith Jr." }, null],
      ["starts with a hyphen", { familyName: "-Smith" }, { familyName: message("newApplication.errors.nameCharacters") }],
      ["a digit", { givenNames: "Ann4" }, { givenNames: message("newApplication.errors.nameCharacters") }],
    ]);
  });

  it("asks a nationality outside the EU/EEA/Switzerland", async () => {
    await check(workerStep, worker, [
      ["none", { nationality: "" }, { nationality: message("newApplication.errors.nationalityRequired") }],
      ["Belgian", { nationality: "BE" }, { nationality: message("newApplication.errors.nationalityNotThird") }],
      ["Swiss", { nationality: "CH" }, { nationality: message("newApplication.errors.nationalityNotThird") }],
      ["no such country", { nationality: "XX" }, { nationality: message("newApplication.errors.nationalityNotThird") }],
      ["Moroccan", { nationality: "MA" }, null],
    ]);
  });

  it("asks a real date of birth, 15 years ago at the latest, 1900 at the earliest", async () => {
    await check(workerStep, worker, [
      ["none", { birthDate: "" }, { birthDate: message("newApplication.errors.birthDateRequired") }],
      ["30 February", { birthDate: "1985-02-30" }, { birthDate: message("form.errors.date.day", { max: 28 }) }],
      ["15 today", { birthDate: "2011-11-23" }, null],
      ["15 tomorrow", { birthDate: "2011-11-24" }, { birthDate: message("newApplication.errors.birthDateRange") }],
      ["born 1971", { birthDate: "1971-06-30" }, null],
      ["1 January 1900", { birthDate: "1900-01-01" }, null],
    ]);
  });

  it("asks a passport number of 5 to 20 letters and digits, typed with or without spaces and dashes", async () => {
    await check(workerStep, worker, [
      ["none", { passportNumber: "" }, { passportNumber: message("newApplication.errors.passportRequired") }],
      ["four characters", { passportNumber: "AB12" }, { passportNumber: message("newApplication.errors.passportFormat") }],
      ["five, typed loosely", { passportNumber: "ab-1 23" }, null],
      ["twenty", { passportNumber: "A".repeat(20) }, null],
      ["twenty-one", { passportNumber: "A".repeat(21) }, { passportNumber: message("newApplication.errors.passportFormat") }],
      ["a slash", { passportNumber: "AB/123" }, { passportNumber: message("newApplication.errors.passportFormat") }],
    ]);
    const tidied = await validateStep(workerStep, { ...worker, passportNumber: " ab-1 23 " }, { today: TODAY, answers: {}, employerSeatPostalCode: null });
    expect(tidied.values.passportNumber).toBe("AB123");
  });

  it("takes an optional national number only when its check digits hold and it matches the date of birth", async () => {
    const own = makePersonNumber("1985-11-02", 17);
    const other = makePersonNumber("1985-11-03", 17);
    await check(workerStep, worker, [
      ["none", { personNumber: "" }, null],
      ["his own, with dots and a dash", { personNumber: `${own.slice(0, 2)}.${own.slice(2, 4)}.${own.slice(4, 6)}-${own.slice(6, 9)}.${own.slice(9)}` }, null],
      ["another birth date's", { personNumber: other }, { personNumber: message("newApplication.errors.personNumber.birthDateMismatch") }],
    ]);
    const checked = await validateStep(workerStep, { ...worker, birthDate: "1985-02-30", personNumber: other }, { today: TODAY, answers: {}, employerSeatPostalCode: null });
    // No birth date to compare with: the number stands on its own; the date gets its message.
    expect(!checked.ok && checked.errors).toEqual({ birthDate: message("form.errors.date.day", { max: 28 }) });
  });

  it("asks where the worker lives: abroad (with the visa post) or in Belgium (with the postal code)", async () => {
    await check(workerStep, worker, [
      ["nothing chosen", { livesIn: "" }, { livesIn: message("applicationForm.errors.livesInRequired") }],
      ["an answer not offered", { livesIn: "mars" }, { livesIn: message("applicationForm.errors.livesInRequired") }],
      ["abroad, no post", { visaPost: "" }, { visaPost: message("applicationForm.errors.visaPostRequired") }],
      ["abroad, no such post", { visaPost: "atlantis" }, { visaPost: message("applicationForm.errors.visaPostRequired") }],
    ]);
    const here = { livesIn: "belgium", residenceTitle: "student", residenceTitleEndsOn: "2027-06-30" };
    await check(workerStep, worker, [
      ["in Belgium, no postal code", { ...here, residencePostalCode: "" }, { residencePostalCode: message("applicationForm.errors.residencePostalCodeRequired") }],
      ["in Belgium, 0999", { ...here, residencePostalCode: "0999" }, { residencePostalCode: message("newApplication.errors.postalCodeFormat") }],
      ["in Belgium, 1000", { ...here, residencePostalCode: "B-1000 " }, null],
    ]);
    const inBelgium = await validateStep(workerStep, { ...worker, ...here, residencePostalCode: "B-1000" }, { today: TODAY, answers: {}, employerSeatPostalCode: null });
    expect(inBelgium.values).toMatchObject({ livesIn: "belgium", residencePostalCode: "1000" });
    expect(inBelgium.values).not.toHaveProperty("visaPost");
  });

  it("asks a worker living in Belgium the title he stays on and its last day, from today to ten years on", async () => {
    const here = { ...worker, livesIn: "belgium", visaPost: "", residencePostalCode: "1000", residenceTitle: "family", residenceTitleEndsOn: "2027-06-30" };
    await check(workerStep, here, [
      ["no title", { residenceTitle: "" }, { residenceTitle: message("applicationForm.errors.residenceTitleRequired") }],
      ["a title not offered", { residenceTitle: "tourist" }, { residenceTitle: message("applicationForm.errors.residenceTitleRequired") }],
      ["each title offered", { residenceTitle: "single-permit" }, null],
      ["no last day", { residenceTitleEndsOn: "" }, { residenceTitleEndsOn: message("applicationForm.errors.residenceTitleEndsOnRequired") }],
      ["ended yesterday", { residenceTitleEndsOn: "2026-11-22" }, { residenceTitleEndsOn: message("applicationForm.errors.residenceTitleEnded") }],
      ["ends today", { residenceTitleEndsOn: TODAY }, null],
      ["ends in ten years to the day", { residenceTitleEndsOn: "2036-11-23" }, null],
      ["ends a day later", { residenceTitleEndsOn: "2036-11-24" }, { residenceTitleEndsOn: message("applicationForm.errors.residenceTitleEndsOnRange") }],
    ]);
    for (const title of RESIDENCE_TITLES) {
      expect((await validateStep(workerStep, { ...here, residenceTitle: title }, { today: TODAY, answers: {}, employerSeatPostalCode: null })).ok).toBe(true);
    }
    // A worker abroad is not asked: what a changed answer left behind is not kept.
    const abroad = await validateStep(workerStep, { ...here, livesIn: "abroad", visaPost: "hanoi" }, { today: TODAY, answers: {}, employerSeatPostalCode: null });
    expect(abroad.ok && abroad.values).not.toHaveProperty("residenceTitleEndsOn");
  });
});

describe("the employment step", () => {
  const answers = { worker };

  it("asks a category from the list, and the position of an intra-corporate transferee", async () => {
    await check(
      employmentStep,
      employment,
      [
        ["none", { category: "" }, { category: message("newApplication.errors.categoryRequired") }],
        ["not a category", { category: "astronaut" }, { category: message("newApplication.errors.categoryRequired") }],
        ["transferee without a position", { category: "intra-corporate-transferee", ictRole: "" }, { ictRole: message("applicationForm.errors.ictRoleRequired") }],
        ["transferee, no such position", { category: "intra-corporate-transferee", ictRole: "boss" }, { ictRole: message("applicationForm.errors.ictRoleRequired") }],
        ["highly qualified, no such occupation", { reducedOccupation: "pilot" }, { reducedOccupation: message("form.errors.invalid") }],
      ],
      answers,
    );
  });

  it("asks a job title of up to 120 characters", async () => {
    await check(
      employmentStep,
      employment,
      [
        ["none", { jobTitle: " " }, { jobTitle: message("newApplication.errors.jobTitleRequired") }],
        ["120", { jobTitle: letters(120) }, null],
        ["121", { jobTitle: letters(121) }, { jobTitle: message("newApplication.errors.tooLong", { max: 120 }) }],
      ],
      answers,
    );
  });

  it("asks the places of work as Belgian postal codes, at most 20 in all", async () => {
    const codes = (n: number) => Array.from({ length: n }, (_, i) => String(9000 + i * 10)).join(", ");
    await check(
      employmentStep,
      employment,
      [
        ["no main place", { placeOfWorkPostalCode: "" }, { placeOfWorkPostalCode: message("applicationForm.errors.placeOfWorkRequired") }],
        ["a main place that is no postal code", { placeOfWorkPostalCode: "12" }, { placeOfWorkPostalCode: message("newApplication.errors.postalCodeFormat") }],
        ["19 other places", { otherPlacesOfWork: codes(19) }, null],
        ["20 other places", { otherPlacesOfWork: codes(20) }, { otherPlacesOfWork: message("applicationForm.errors.tooManyPlaces", { max: 20 }) }],
        ["another place that is no postal code", { otherPlacesOfWork: "1000; Gent" }, { otherPlacesOfWork: message("applicationForm.errors.otherPlacesFormat") }],
        ["no main place ticked with one place only", { noMainPlace: "yes", placeOfWorkPostalCode: "", otherPlacesOfWork: "9000" }, { noMainPlace: message("applicationForm.errors.noMainPlaceNeedsPlaces") }],
        ["no main place ticked with two places", { noMainPlace: "yes", placeOfWorkPostalCode: "", otherPlacesOfWork: "9000 2000" }, null],
        ["posted to a user enterprise that is no postal code", { userEnterprisePostalCode: "99999" }, { userEnterprisePostalCode: message("newApplication.errors.postalCodeFormat") }],
        ["posted: no main place asked", { placeOfWorkPostalCode: "", userEnterprisePostalCode: "1000" }, null],
      ],
      answers,
    );
  });

  it("asks a contract start within ten years back and two years ahead", async () => {
    await check(
      employmentStep,
      employment,
      [
        ["none", { contractStart: "" }, { contractStart: message("applicationForm.errors.dateRequired") }],
        ["month 13", { contractStart: "2027-13-01" }, { contractStart: message("form.errors.date.month", { max: 31 }) }],
        ["ten years ago to the day", { contractStart: "2016-11-23" }, null],
        ["a day earlier", { contractStart: "2016-11-22" }, { contractStart: message("applicationForm.errors.contractStartRange") }],
        ["two years ahead to the day", { contractStart: "2028-11-23" }, null],
        ["a day later", { contractStart: "2028-11-24" }, { contractStart: message("applicationForm.errors.contractStartRange") }],
      ],
      answers,
    );
  });

  it("asks an end date after today and the start, required for seasonal work, long enough where the region sets a minimum", async () => {
    await check(
      employmentStep,
      employment,
      [
        ["open-ended", { employmentEnd: "" }, null],
        ["seasonal without an end", { category: "seasonal", employmentEnd: "" }, { employmentEnd: message("applicationForm.errors.seasonalEndRequired") }],
        ["29 February 2027", { employmentEnd: "2027-02-29" }, { employmentEnd: message("form.errors.date.day", { max: 28 }) }],
        ["today", { contractStart: "2026-11-01", employmentEnd: "2026-11-23" }, { employmentEnd: message("newApplication.errors.employmentEndPast") }],
        ["the start day", { employmentEnd: "2027-01-04" }, { employmentEnd: message("applicationForm.errors.endBeforeStart") }],
        ["the day after the start", { employmentEnd: "2027-01-05" }, null],
        // Flanders (9000): a blue card's contract lasts at least six months.
        ["blue card, six months less a day", { category: "blue-card", employmentEnd: "2027-07-02" }, { employmentEnd: message("applicationForm.errors.contractTooShort", { months: 6 }) }],
        ["blue card, six months", { category: "blue-card", employmentEnd: "2027-07-03" }, null],
        // Brussels (1000): twelve months.
        ["blue card in Brussels, six months", { category: "blue-card", placeOfWorkPostalCode: "1000", employmentEnd: "2027-07-03" }, { employmentEnd: message("applicationForm.errors.contractTooShort", { months: 12 }) }],
      ],
      answers,
    );
  });

  it("asks a salary that reaches the national minimum wage of the day, then the region's amount for the category", async () => {
    // 1 April 2026 onwards: 12 × €2,146.89 = €25,762.68 (forms/minimum-wage.ts).
    await check(
      employmentStep,
      employment,
      [
        ["none", { grossAnnualSalary: "" }, { grossAnnualSalary: message("newApplication.errors.salaryFormat") }],
        ["words", { grossAnnualSalary: "a lot" }, { grossAnnualSalary: message("newApplication.errors.salaryFormat") }],
        ["a cent under the minimum wage", { category: "other", grossAnnualSalary: "25 762,67" }, { grossAnnualSalary: message("newApplication.errors.salaryBelowMinimumWage", { minimum: 25762.68, monthly: 2146.89 }) }],
        ["the minimum wage", { category: "other", grossAnnualSalary: "25.762,68" }, null],
        ["highly qualified at the minimum wage", { grossAnnualSalary: "25 762,68" }, { grossAnnualSalary: message("newApplication.errors.salaryBelowThreshold", { threshold: expect.any(Number) }) }],
      ],
      answers,
    );
  });
});

describe("the residence step", () => {
  it("asks whether the fee is paid (and when, within the last year) or why it is not owed", async () => {
    await check(
      residenceStep,
      residence,
      [
        ["nothing chosen", { feeStatus: "" }, { feeStatus: message("applicationForm.errors.feeStatusRequired") }],
        ["not offered", { feeStatus: "later" }, { feeStatus: message("applicationForm.errors.feeStatusRequired") }],
        ["paid, no date", { feePaidOn: "" }, { feePaidOn: message("applicationForm.errors.dateRequired") }],
        ["paid on 31 November", { feePaidOn: "2026-11-31" }, { feePaidOn: message("form.errors.date.day", { max: 30 }) }],
        ["paid today", { feePaidOn: "2026-11-23" }, null],
        ["paid tomorrow", { feePaidOn: "2026-11-24" }, { feePaidOn: message("applicationForm.errors.feePaidInFuture") }],
        ["paid a year ago to the day", { feePaidOn: "2025-11-23" }, null],
        ["paid a year and a day ago", { feePaidOn: "2025-11-22" }, { feePaidOn: message("applicationForm.errors.feePaidTooLongAgo") }],
        ["exempt, no reason", { feeStatus: "exempt", feeExemption: "" }, { feeExemption: message("applicationForm.errors.feeExemptionRequired") }],
        ["exempt, a reason not offered", { feeStatus: "exempt", feeExemption: "poor" }, { feeExemption: message("applicationForm.errors.feeExemptionRequired") }],
        ["exempt as a minor, an adult", { feeStatus: "exempt", feeExemption: "under-18" }, { feeExemption: message("applicationForm.errors.exemptionNotMinor") }],
        ["exempt as a Turk, a Vietnamese", { feeStatus: "exempt", feeExemption: "turkish-national" }, { feeExemption: message("applicationForm.errors.exemptionNotTurkish") }],
        ["exempt, same-status renewal", { feeStatus: "exempt", feeExemption: "same-status-renewal" }, null],
        ["no insurance chosen", { healthInsurance: "" }, { healthInsurance: message("applicationForm.errors.healthInsuranceRequired") }],
        ["insurance not offered", { healthInsurance: "none" }, { healthInsurance: message("applicationForm.errors.healthInsuranceRequired") }],
        ["private insurance", { healthInsurance: "private" }, null],
      ],
      { worker },
    );
  });

  it("exempts a minor until the eve of his 18th birthday, and a Turkish national", async () => {
    const exempt = { ...residence, feeStatus: "exempt" };
    await check(residenceStep, exempt, [["17, 18 tomorrow", { feeExemption: "under-18" }, null]], { worker: { ...worker, birthDate: "2008-11-24" } });
    await check(residenceStep, exempt, [["18 today", { feeExemption: "under-18" }, { feeExemption: message("applicationForm.errors.exemptionNotMinor") }]], { worker: { ...worker, birthDate: "2008-11-23" } });
    await check(residenceStep, exempt, [["Turkish", { feeExemption: "turkish-national" }, null]], { worker: { ...worker, nationality: "TR" } });
  });
});
