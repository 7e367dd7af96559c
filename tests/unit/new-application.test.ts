import { describe, expect, it } from "vitest";
import { makePersonNumber } from "../../forms/identifiers";
import { validateNewApplication } from "../../forms/new-application";

const TODAY = "2026-11-22";
const base = {
  givenNames: "Văn An",
  familyName: "Nguyễn",
  nationality: "VN",
  birthDate: "1985-11-02",
  passportNumber: "c 765-4321",
  personNumber: "",
  placeOfWorkPostalCode: "9000",
  jobTitle: "Nurse",
  employmentEnd: "",
  category: "highly-qualified",
  grossAnnualSalary: "52 000",
};

describe("the first questions of a single-permit application", () => {
  it("accepts names in any script, normalises the passport and derives the authority from the place of work", () => {
    const result = validateNewApplication(base, TODAY);
    expect(result).toMatchObject({ ok: true, authority: "flanders", value: { familyName: "Nguyễn", passportNumber: "C7654321" } });
    expect(
      validateNewApplication({ ...base, familyName: "Øyvind-Müller", placeOfWorkPostalCode: "4700" }, TODAY),
    ).toMatchObject({ ok: true, authority: "dg" });
  });

  it("names every problem at once, as i18n keys", () => {
    const result = validateNewApplication(
      {
        givenNames: " ",
        familyName: "<script>",
        nationality: "FR",
        birthDate: "1985-02-30",
        passportNumber: "",
        personNumber: "12",
        placeOfWorkPostalCode: "12",
        jobTitle: "",
        employmentEnd: "2026-11-01",
        category: "astronaut",
        grossAnnualSalary: "lots",
      },
      TODAY,
    );
    expect(result).toEqual({
      ok: false,
      errors: {
        givenNames: { key: "newApplication.errors.required" },
        familyName: { key: "newApplication.errors.nameCharacters" },
        nationality: { key: "newApplication.errors.nationalityNotThird" },
        birthDate: { key: "newApplication.errors.birthDateFormat" },
        passportNumber: { key: "newApplication.errors.passportRequired" },
        personNumber: { key: "newApplication.errors.personNumber.format" },
        jobTitle: { key: "newApplication.errors.jobTitleRequired" },
        employmentEnd: { key: "newApplication.errors.employmentEndPast" },
        placeOfWorkPostalCode: { key: "newApplication.errors.postalCodeFormat" },
        category: { key: "newApplication.errors.categoryRequired" },
        grossAnnualSalary: { key: "newApplication.errors.salaryFormat" },
      },
    });
  });

  it("checks the national number and that it matches the date of birth", () => {
    const niss = makePersonNumber("1985-11-02", 203);
    expect(validateNewApplication({ ...base, personNumber: niss }, TODAY)).toMatchObject({ ok: true, value: { personNumber: niss } });
    const other = makePersonNumber("1985-11-03", 203);
    const mismatch = validateNewApplication({ ...base, personNumber: other }, TODAY);
    expect(mismatch.ok ? null : mismatch.errors.personNumber).toEqual({ key: "newApplication.errors.personNumber.birthDateMismatch" });
    const wrongCheck = validateNewApplication({ ...base, personNumber: niss.slice(0, 9) + "00" }, TODAY);
    expect(wrongCheck.ok ? null : wrongCheck.errors.personNumber?.key).toBe("newApplication.errors.personNumber.checksum");
  });

  it("refuses over-long names, children and unknown postal codes", () => {
    const result = validateNewApplication({ ...base, givenNames: "A".repeat(101), birthDate: "2015-01-01", placeOfWorkPostalCode: "0999" }, TODAY);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.errors.givenNames).toEqual({ key: "newApplication.errors.tooLong", values: { max: 100 } });
    expect(result.errors.birthDate).toEqual({ key: "newApplication.errors.birthDateRange" });
    expect(result.errors.placeOfWorkPostalCode?.key).toBe("newApplication.errors.postalCodeFormat");
  });

  it("refuses a salary under the regional threshold, showing the threshold", () => {
    // Flanders, highly qualified, 2026: the 2025 grid (48 912; 39 129.60 under 30).
    const low = validateNewApplication({ ...base, grossAnnualSalary: "45 000" }, TODAY);
    expect(low.ok ? null : low.errors.grossAnnualSalary).toEqual({
      key: "newApplication.errors.salaryBelowThreshold",
      values: { threshold: 48_912 },
    });
    expect(validateNewApplication({ ...base, grossAnnualSalary: "45 000", birthDate: "2000-01-01" }, TODAY).ok).toBe(true);
    expect(validateNewApplication({ ...base, grossAnnualSalary: "45 000", category: "shortage-occupation" }, TODAY).ok).toBe(true);
  });
});
