import { describe, expect, it } from "vitest";
import { defaultProcedureLanguage, isHandlingAuthority, isRegionalAuthority, procedureLanguageFor } from "../../forms/authorities";
import { countryName, countryOptions, isThirdCountry } from "../../forms/countries";
import { ageOn, isEmploymentCategory, parseSalary } from "../../forms/employment";
import { readStepValues } from "../../forms/form-definition";
import { answersOfFiled, applicationData, employmentStep, stepDefinition, workerStep } from "../../forms/universal-form";
import { visaPostName } from "../../forms/visa-posts";

/** The small functions every page and check leans on: names in the user's language, kinds, amounts, ages. */

describe("countries and visa posts", () => {
  it("names a country in the user's language, and offers only third countries, sorted by that name", () => {
    expect(countryName("MA", "fr")).toBe("Maroc");
    expect(countryName("MA", "nl")).toBe("Marokko");
    const options = countryOptions("de");
    expect(options.find((option) => option.value === "MA")).toEqual({ value: "MA", label: "Marokko" });
    expect(options.some((option) => option.value === "FR" || option.value === "CH" || option.value === "NO")).toBe(false);
    const labels = options.map((option) => option.label);
    expect(labels).toEqual([...labels].sort((a, b) => a.localeCompare(b, "de")));
    expect(isThirdCountry("MA")).toBe(true);
    expect(isThirdCountry("IS")).toBe(false);
  });

  it("names a visa post by its city and its country in the user's language; none for an unknown post", () => {
    expect(visaPostName("rabat", "fr")).toBe("Rabat (Maroc)");
    expect(visaPostName("rabat", "en")).toBe("Rabat (Morocco)");
    expect(visaPostName("atlantis", "en")).toBeNull();
  });
});

describe("authorities and categories", () => {
  it("tells a regional authority, a handling authority (the regions and the OE) and anything else apart", () => {
    for (const region of ["flanders", "wallonia", "brussels", "dg"]) {
      expect(isRegionalAuthority(region), region).toBe(true);
      expect(isHandlingAuthority(region), region).toBe(true);
    }
    expect(isRegionalAuthority("oe")).toBe(false);
    expect(isHandlingAuthority("oe")).toBe(true);
    for (const other of ["", "belgium", null, 1, undefined]) {
      expect(isRegionalAuthority(other)).toBe(false);
      expect(isHandlingAuthority(other)).toBe(false);
    }
    expect(isEmploymentCategory("seasonal")).toBe(true);
    expect(isEmploymentCategory("astronaut")).toBe(false);
    expect(isEmploymentCategory(42)).toBe(false);
  });

  it("handles a file in the region's language, in Brussels in French or Dutch as the user reads", () => {
    expect(defaultProcedureLanguage("flanders")).toBe("nl");
    expect(defaultProcedureLanguage("wallonia")).toBe("fr");
    expect(defaultProcedureLanguage("dg")).toBe("de");
    expect(procedureLanguageFor("brussels", "nl")).toBe("nl");
    expect(procedureLanguageFor("brussels", "fr")).toBe("fr");
    expect(procedureLanguageFor("brussels", "de")).toBe(defaultProcedureLanguage("brussels"));
    expect(procedureLanguageFor("flanders", "fr")).toBe("nl");
    expect(procedureLanguageFor("dg", "de")).toBe("de");
  });
});

describe("amounts and ages", () => {
  it("reads a salary typed the Belgian or the English way, and nothing that is not an amount", () => {
    expect(parseSalary("48 912")).toBe(48_912);
    expect(parseSalary("48.912,50")).toBe(48_912.5);
    expect(parseSalary("48,912.50")).toBe(48_912.5);
    expect(parseSalary("1.234.567")).toBe(1_234_567);
    expect(parseSalary("48912,5")).toBe(48_912.5);
    expect(parseSalary("€ 48 912")).toBe(48_912);
    expect(parseSalary("9 999 999,99")).toBe(9_999_999.99);
    for (const bad of ["", "   ", "0", "-1", "10 000 000", "1e5", "12.345.6789", "48912.123", "abc", "4 8.9,1"]) expect(parseSalary(bad), bad).toBeNull();
  });

  it("counts whole years, one more on the birthday, none the day before", () => {
    expect(ageOn("2000-06-15", "2018-06-14")).toBe(17);
    expect(ageOn("2000-06-15", "2018-06-15")).toBe(18);
    expect(ageOn("2000-06-15", "2018-05-20")).toBe(17);
    expect(ageOn("2000-06-15", "2018-07-01")).toBe(18);
    expect(ageOn("2000-02-29", "2018-02-28")).toBe(17);
    expect(ageOn("2000-02-29", "2018-03-01")).toBe(18);
  });
});

describe("a step's values and what is filed", () => {
  it("keeps a step's own fields only, each cut one past its limit so the limit can still be told", () => {
    const values = readStepValues(workerStep, { givenNames: "a".repeat(400), nationality: 7, smuggled: "x", passportNumber: "AB123" });
    expect(Object.keys(values).sort()).toEqual(workerStep.fields.map((field) => field.name).sort());
    expect(values.givenNames).toHaveLength(301);
    expect(values.nationality).toBe("");
    expect(values.passportNumber).toBe("AB123");
  });

  it("files the answers flat with the salary as a number, and reads them back as the steps they came from", () => {
    const answers = {
      employer: { employerRemark: "Seasonal peak" },
      worker: { givenNames: "Ana", familyName: "Šimić", nationality: "RS", birthDate: "1990-03-14", passportNumber: "RS123456", personNumber: "", livesIn: "abroad", visaPost: "belgrade" },
      employment: { category: "intra-corporate-transferee", ictRole: "manager", jobTitle: "Engineer", placeOfWorkPostalCode: "1000", otherPlacesOfWork: "9000", contractStart: "2027-01-04", employmentEnd: "", grossAnnualSalary: "60.000,50" },
      "brussels-contract": { procedureLanguage: "fr", contractTemplate: "yes" },
      residence: { feeStatus: "paid", feePaidOn: "2026-11-01", healthInsurance: "private" },
    };
    const data = applicationData(answers, ["brussels-contract"]);
    expect(data).toEqual({
      givenNames: "Ana",
      familyName: "Šimić",
      nationality: "RS",
      birthDate: "1990-03-14",
      passportNumber: "RS123456",
      personNumber: "",
      livesIn: "abroad",
      visaPost: "belgrade",
      category: "intra-corporate-transferee",
      ictRole: "manager",
      jobTitle: "Engineer",
      placeOfWorkPostalCode: "1000",
      otherPlacesOfWork: "9000",
      contractStart: "2027-01-04",
      employmentEnd: "",
      grossAnnualSalary: "60000.5",
      employerRemark: "Seasonal peak",
      residence: answers.residence,
      regional: { "brussels-contract": answers["brussels-contract"] },
    });
    const back = answersOfFiled(data);
    expect(back.steps).toEqual(["employer", "worker", "employment", "brussels-contract", "residence"]);
    expect(back.answers.worker).toEqual({ givenNames: "Ana", familyName: "Šimić", nationality: "RS", birthDate: "1990-03-14", passportNumber: "RS123456", livesIn: "abroad", visaPost: "belgrade" });
    // The empty end date is not an answer; the salary comes back as filed.
    expect(back.answers.employment).toEqual({
      category: "intra-corporate-transferee",
      ictRole: "manager",
      jobTitle: "Engineer",
      placeOfWorkPostalCode: "1000",
      otherPlacesOfWork: "9000",
      contractStart: "2027-01-04",
      grossAnnualSalary: "60000.5",
    });
    expect(back.answers.employer).toEqual({ employerRemark: "Seasonal peak" });
    expect(back.answers["brussels-contract"]).toEqual(answers["brussels-contract"]);
    expect(back.answers.residence).toEqual(answers.residence);
  });

  it("files an unreadable salary as empty, and leaves out the questions not asked", () => {
    const data = applicationData({ worker: { givenNames: "Ana" }, employment: { grossAnnualSalary: "lots" } }, []);
    expect(data.grossAnnualSalary).toBe("");
    expect(data).not.toHaveProperty("visaPost");
    expect(data).not.toHaveProperty("ictRole");
    expect(data.regional).toEqual({});
    expect(data.residence).toEqual({});
    expect(data.familyName).toBe("");
  });

  it("finds a step's definition among the common and the regional steps", () => {
    expect(stepDefinition("employment")).toBe(employmentStep);
    expect(stepDefinition("flanders-labour-market")?.id).toBe("flanders-labour-market");
    expect(stepDefinition("documents")).toBeNull();
  });
});
