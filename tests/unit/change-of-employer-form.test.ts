import { describe, expect, it } from "vitest";
import { readWorkerNumber, validateChangeOfEmployer, type ChangeOfEmployerInput } from "../../forms/change-of-employer";
import { makePersonNumber } from "../../forms/identifiers";

const TODAY = "2026-11-27";
const VALID: ChangeOfEmployerInput = {
  jobTitle: "Data engineer",
  placeOfWorkPostalCode: "1000",
  contractStart: "15/12/2026",
  employmentEnd: "",
  grossAnnualSalary: "48 000",
  vacancyReference: "",
  vacancyPublishedOn: "",
};

describe("the change of employer's questions", () => {
  it("route by the new place of work and keep the answers as filed", () => {
    const result = validateChangeOfEmployer(VALID, TODAY);
    expect(result).toEqual({
      ok: true,
      authority: "brussels",
      value: { jobTitle: "Data engineer", placeOfWorkPostalCode: "1000", contractStart: "2026-12-15", employmentEnd: "", grossAnnualSalary: 48000 },
    });
  });

  it("ask Flanders' vacancy, at least 9 weeks old and at most 4 months", () => {
    const flanders = { ...VALID, placeOfWorkPostalCode: "2000" };
    const missing = validateChangeOfEmployer(flanders, TODAY);
    expect(missing.ok ? null : Object.keys(missing.errors).sort()).toEqual(["vacancyPublishedOn", "vacancyReference"]);
    // 27 Nov 2026 − 63 days = 25 Sep 2026: the last day published long enough.
    expect(validateChangeOfEmployer({ ...flanders, vacancyReference: "vdab 2026 0042".replace(/ /g, "-"), vacancyPublishedOn: "25/09/2026" }, TODAY).ok).toBe(true);
    const recent = validateChangeOfEmployer({ ...flanders, vacancyReference: "VDAB-1", vacancyPublishedOn: "26/09/2026" }, TODAY);
    expect(recent.ok ? null : recent.errors.vacancyPublishedOn?.key).toBe("applicationForm.errors.vacancyTooRecent");
    const old = validateChangeOfEmployer({ ...flanders, vacancyReference: "VDAB-1", vacancyPublishedOn: "26/07/2026" }, TODAY);
    expect(old.ok ? null : old.errors.vacancyPublishedOn?.key).toBe("applicationForm.errors.vacancyTooOld");
    // Outside Flanders the vacancy is not asked.
    expect(validateChangeOfEmployer({ ...VALID, placeOfWorkPostalCode: "4700" }, TODAY)).toMatchObject({ ok: true, authority: "dg" });
  });

  it("refuse a start in the past or more than a year away, an end before the start, a salary under the minimum", () => {
    const errors = (input: Partial<ChangeOfEmployerInput>) => {
      const result = validateChangeOfEmployer({ ...VALID, ...input }, TODAY);
      return result.ok ? {} : Object.fromEntries(Object.entries(result.errors).map(([name, error]) => [name, error!.key]));
    };
    expect(errors({ contractStart: "26/11/2026" })).toEqual({ contractStart: "changeOfEmployer.errors.startRange" });
    expect(errors({ contractStart: "27/11/2026" })).toEqual({});
    expect(errors({ contractStart: "28/11/2027" })).toEqual({ contractStart: "changeOfEmployer.errors.startRange" });
    expect(errors({ employmentEnd: "15/12/2026" })).toEqual({ employmentEnd: "changeOfEmployer.errors.endBeforeStart" });
    expect(errors({ grossAnnualSalary: "12000" })).toEqual({ grossAnnualSalary: "changeOfEmployer.errors.salaryMinimum" });
    expect(errors({ grossAnnualSalary: "lots" })).toEqual({ grossAnnualSalary: "changeOfEmployer.errors.salaryFormat" });
    expect(errors({ jobTitle: "x".repeat(121) })).toEqual({ jobTitle: "changeOfEmployer.errors.jobTooLong" });
    expect(errors({ jobTitle: "\u0000\u200b " })).toEqual({ jobTitle: "changeOfEmployer.errors.jobRequired" });
    expect(errors({ placeOfWorkPostalCode: "0999", contractStart: "31/02/2027" })).toEqual({
      placeOfWorkPostalCode: "newApplication.errors.postalCodeFormat",
      contractStart: "changeOfEmployer.errors.dateFormat",
    });
  });

  it("read the worker's national number as typed", () => {
    const number = makePersonNumber("1990-03-14", 101);
    expect(readWorkerNumber("90.03.14-101.32")).toEqual({ ok: true, value: number });
    expect(readWorkerNumber("")).toEqual({ ok: false, error: { key: "changeOfEmployer.errors.personRequired" } });
    expect(readWorkerNumber("90.03.14-101.33")).toEqual({ ok: false, error: { key: "changeOfEmployer.errors.personInvalid" } });
  });
});

describe("the change of employer's messages, at each limit", () => {
  const result = (input: Partial<ChangeOfEmployerInput>) => validateChangeOfEmployer({ ...VALID, ...input }, TODAY);
  const errors = (input: Partial<ChangeOfEmployerInput>) => {
    const checked = result(input);
    return checked.ok ? {} : checked.errors;
  };
  const flanders = { placeOfWorkPostalCode: "2000", vacancyReference: "VDAB-1", vacancyPublishedOn: "25/09/2026" };

  it("the job title: trimmed, 120 characters at most", () => {
    expect(result({ jobTitle: "  Data engineer " })).toMatchObject({ ok: true, value: { jobTitle: "Data engineer" } });
    expect(errors({ jobTitle: "x".repeat(120) })).toEqual({});
    expect(errors({ jobTitle: "x".repeat(121) })).toEqual({ jobTitle: { key: "changeOfEmployer.errors.jobTooLong", values: { max: 120 } } });
  });

  it("the place of work: required, then a Belgian postal code", () => {
    expect(errors({ placeOfWorkPostalCode: "" })).toEqual({ placeOfWorkPostalCode: { key: "changeOfEmployer.errors.postalRequired" } });
    expect(errors({ placeOfWorkPostalCode: "75001" })).toEqual({ placeOfWorkPostalCode: { key: "newApplication.errors.postalCodeFormat" } });
  });

  it("the dates: required start, blank or malformed, an optional end after the start, a start up to a year away", () => {
    for (const blank of ["", "   "]) {
      expect(errors({ contractStart: blank })).toEqual({ contractStart: { key: "changeOfEmployer.errors.dateRequired" } });
    }
    expect(result({ employmentEnd: "  " })).toMatchObject({ ok: true, value: { employmentEnd: "" } });
    expect(errors({ employmentEnd: "31/02/2027" })).toEqual({ employmentEnd: { key: "changeOfEmployer.errors.dateFormat" } });
    expect(result({ employmentEnd: "16/12/2026" })).toMatchObject({ ok: true, value: { contractStart: "2026-12-15", employmentEnd: "2026-12-16" } });
    expect(errors({ contractStart: "27/11/2027" })).toEqual({});
  });

  it("the salary: required (blanks are none), a number, the minimum wage itself accepted", () => {
    for (const blank of ["", "   "]) {
      expect(errors({ grossAnnualSalary: blank })).toEqual({ grossAnnualSalary: { key: "changeOfEmployer.errors.salaryRequired" } });
    }
    // The national minimum on 27 Nov 2026: 2 146.89 a month, 25 762.68 a year (forms/minimum-wage.ts).
    expect(errors({ grossAnnualSalary: "25762.68" })).toEqual({});
    expect(errors({ grossAnnualSalary: "25762.67" })).toEqual({ grossAnnualSalary: { key: "changeOfEmployer.errors.salaryMinimum", values: { minimum: 25762.68 } } });
  });

  it("Flanders' vacancy: kept as filed, its reference of 4 to 30 letters, digits, / and -", () => {
    expect(result({ ...flanders, vacancyReference: "vdab 2026/0042" })).toEqual({
      ok: true,
      authority: "flanders",
      value: {
        jobTitle: "Data engineer",
        placeOfWorkPostalCode: "2000",
        contractStart: "2026-12-15",
        employmentEnd: "",
        grossAnnualSalary: 48000,
        vacancyReference: "VDAB2026/0042",
        vacancyPublishedOn: "2026-09-25",
      },
    });
    expect(errors({ ...flanders, vacancyReference: "   " })).toEqual({ vacancyReference: { key: "applicationForm.errors.vacancyReferenceRequired" } });
    expect(errors({ ...flanders, vacancyReference: "V".repeat(4) })).toEqual({});
    expect(errors({ ...flanders, vacancyReference: "V".repeat(30) })).toEqual({});
    const format = { vacancyReference: { key: "applicationForm.errors.vacancyReferenceFormat" } };
    for (const reference of ["VDA", "V".repeat(31), "-VDAB1", "!VDAB1", "VDAB1!"]) {
      expect(errors({ ...flanders, vacancyReference: reference }), reference).toEqual(format);
    }
  });

  it("Flanders' vacancy: published 9 weeks ago at the latest and 4 months ago at the earliest, both days included", () => {
    expect(errors({ ...flanders, vacancyPublishedOn: "26/09/2026" })).toEqual({
      vacancyPublishedOn: { key: "applicationForm.errors.vacancyTooRecent", values: { weeks: 9 } },
    });
    expect(errors({ ...flanders, vacancyPublishedOn: "27/07/2026" })).toEqual({});
    expect(errors({ ...flanders, vacancyPublishedOn: "26/07/2026" })).toEqual({
      vacancyPublishedOn: { key: "applicationForm.errors.vacancyTooOld", values: { months: 4 } },
    });
    expect(errors({ ...flanders, vacancyPublishedOn: "" })).toEqual({ vacancyPublishedOn: { key: "changeOfEmployer.errors.dateRequired" } });
  });
});
