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
