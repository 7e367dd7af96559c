import { describe, expect, it } from "vitest";
import { applicationData, requiredDocuments, seasonEndOf } from "../../forms/universal-form";

const TODAY = "2026-11-23";

describe("the documents an application asks for", () => {
  it("asks the diploma for each category that depends on one, and not for the others", () => {
    for (const category of ["highly-qualified", "blue-card", "researcher", "executive"]) {
      expect(requiredDocuments({ employment: { category } }, null, TODAY), category).toContain("diploma");
    }
    expect(requiredDocuments({ employment: { category: "seasonal" } }, null, TODAY)).not.toContain("diploma");
  });

  it("with nothing answered yet and no authority: the common list, the fee and the criminal record included", () => {
    expect(requiredDocuments({}, null, TODAY)).toEqual(["passport", "contract", "fee-proof", "medical-certificate", "criminal-record", "health-insurance"]);
  });

  it("asks the criminal record from the 18th birthday on", () => {
    expect(requiredDocuments({ worker: { birthDate: "2008-11-23" } }, null, TODAY)).toContain("criminal-record");
    expect(requiredDocuments({ worker: { birthDate: "2008-11-24" } }, null, TODAY)).not.toContain("criminal-record");
  });
});

describe("the season's end of a seasonal application", () => {
  it("is read from the region's seasonal step, and only for seasonal work", () => {
    expect(seasonEndOf({ category: "seasonal", regional: { "flanders-seasonal": { seasonEnd: "2027-06-30" } } })).toBe("2027-06-30");
    expect(seasonEndOf({ category: "other", regional: { "flanders-seasonal": { seasonEnd: "2027-06-30" } } })).toBeNull();
    expect(seasonEndOf({ regional: { "flanders-seasonal": { seasonEnd: "2027-06-30" } } })).toBeNull();
  });

  it("is none when the filing has no readable season end in a seasonal step", () => {
    expect(seasonEndOf({ category: "seasonal" })).toBeNull();
    expect(seasonEndOf({ category: "seasonal", regional: { "flanders-labour-market": { seasonEnd: "2027-06-30" } } })).toBeNull();
    expect(seasonEndOf({ category: "seasonal", regional: { "flanders-seasonal": { seasonEnd: "30/06/2027" } } })).toBeNull();
    expect(seasonEndOf({ category: "seasonal", regional: { "flanders-seasonal": {} } })).toBeNull();
  });
});

describe("what is filed from the answers", () => {
  it("files every answer under its name, the optional ones only when given, the salary as a number", () => {
    const answers = {
      employer: { employerRemark: "Night shifts" },
      worker: {
        givenNames: "Awa",
        familyName: "Diallo",
        nationality: "SN",
        birthDate: "1990-01-02",
        passportNumber: "A1234567",
        personNumber: "90010201745",
        livesIn: "belgium",
        residencePostalCode: "1000",
        residenceTitle: "student",
        residenceTitleEndsOn: "2027-01-31",
      },
      employment: {
        category: "other",
        reducedOccupation: "nurse",
        jobTitle: "Nurse",
        placeOfWorkPostalCode: "1000",
        otherPlacesOfWork: "1030",
        noMainPlace: "yes",
        userEnterprisePostalCode: "1070",
        contractStart: "2027-01-04",
        employmentEnd: "2028-01-03",
        grossAnnualSalary: "48 000",
      },
      residence: { feeStatus: "paid" },
      "flanders-labour-market": { vacancyReference: "VDAB-1" },
    };
    expect(applicationData(answers, ["flanders-labour-market"])).toEqual({
      givenNames: "Awa",
      familyName: "Diallo",
      nationality: "SN",
      birthDate: "1990-01-02",
      passportNumber: "A1234567",
      personNumber: "90010201745",
      livesIn: "belgium",
      residencePostalCode: "1000",
      residenceTitle: "student",
      residenceTitleEndsOn: "2027-01-31",
      category: "other",
      reducedOccupation: "nurse",
      jobTitle: "Nurse",
      placeOfWorkPostalCode: "1000",
      otherPlacesOfWork: "1030",
      noMainPlace: "yes",
      userEnterprisePostalCode: "1070",
      contractStart: "2027-01-04",
      employmentEnd: "2028-01-03",
      grossAnnualSalary: "48000",
      employerRemark: "Night shifts",
      residence: { feeStatus: "paid" },
      regional: { "flanders-labour-market": { vacancyReference: "VDAB-1" } },
    });
  });

  it("files an empty string for each question not answered, and no optional key", () => {
    expect(applicationData({}, ["flanders-labour-market"])).toEqual({
      givenNames: "",
      familyName: "",
      nationality: "",
      birthDate: "",
      passportNumber: "",
      personNumber: "",
      livesIn: "",
      category: "",
      jobTitle: "",
      placeOfWorkPostalCode: "",
      contractStart: "",
      employmentEnd: "",
      grossAnnualSalary: "",
      employerRemark: "",
      residence: {},
      regional: { "flanders-labour-market": {} },
    });
  });
});
