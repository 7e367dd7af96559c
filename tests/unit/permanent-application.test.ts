import { describe, expect, it } from "vitest";
import { validatePermanentApplication } from "../../forms/permanent-application";

const base = { residencePostalCode: "4700", yearsWorkedLastFive: "5", yearsResident: "7", currentPermitNumber: "b 1234-5678" };

describe("the unlimited permit request", () => {
  it("goes to the region where the resident lives", () => {
    expect(validatePermanentApplication(base)).toEqual({
      ok: true,
      authority: "dg",
      value: { residencePostalCode: "4700", yearsWorkedLastFive: 5, yearsResident: 7, currentPermitNumber: "B12345678" },
    });
    expect(validatePermanentApplication({ ...base, residencePostalCode: "1050" })).toMatchObject({ ok: true, authority: "brussels" });
  });

  it("applies the Flemish minimum of 4 years of work in the last 5 only in Flanders", () => {
    const flemish = validatePermanentApplication({ ...base, residencePostalCode: "9000", yearsWorkedLastFive: "3" });
    expect(flemish.ok ? null : flemish.errors.yearsWorkedLastFive).toEqual({ key: "permanent.errors.flandersMinimum", values: { years: 4 } });
    expect(validatePermanentApplication({ ...base, residencePostalCode: "5000", yearsWorkedLastFive: "3" }).ok).toBe(true);
  });

  it("refuses what is not a postal code, a number of years or a card number", () => {
    const result = validatePermanentApplication({ residencePostalCode: "abc", yearsWorkedLastFive: "6", yearsResident: "-1", currentPermitNumber: "<x>" });
    expect(result).toEqual({
      ok: false,
      errors: {
        residencePostalCode: { key: "newApplication.errors.postalCodeFormat" },
        yearsWorkedLastFive: { key: "permanent.errors.yearsWorked" },
        yearsResident: { key: "permanent.errors.yearsResident" },
        currentPermitNumber: { key: "permanent.errors.permitFormat" },
      },
    });
  });

  it("asks each answer at its edge: a postal code, 0–5 years of work, 0–80 years of residence, a card number of 6–20 signs", () => {
    const errorOf = (input: Partial<typeof base>, field: keyof typeof base) => {
      const result = validatePermanentApplication({ ...base, ...input });
      return result.ok ? null : (result.errors[field] ?? null);
    };
    expect(errorOf({ residencePostalCode: "  " }, "residencePostalCode")).toEqual({ key: "permanent.errors.postalCodeRequired" });
    expect(errorOf({ residencePostalCode: " 4700 " }, "residencePostalCode")).toBeNull();
    expect(errorOf({ residencePostalCode: "47000" }, "residencePostalCode")).toEqual({ key: "newApplication.errors.postalCodeFormat" });
    expect(errorOf({ residencePostalCode: "x4700" }, "residencePostalCode")).toEqual({ key: "newApplication.errors.postalCodeFormat" });
    expect(errorOf({ residencePostalCode: "0999" }, "residencePostalCode")).toEqual({ key: "newApplication.errors.postalCodeFormat" });
    expect(errorOf({ yearsWorkedLastFive: " 0 " }, "yearsWorkedLastFive")).toBeNull();
    expect(errorOf({ yearsWorkedLastFive: "05" }, "yearsWorkedLastFive")).toBeNull();
    expect(errorOf({ yearsWorkedLastFive: "4.5" }, "yearsWorkedLastFive")).toEqual({ key: "permanent.errors.yearsWorked" });
    expect(errorOf({ yearsWorkedLastFive: "" }, "yearsWorkedLastFive")).toEqual({ key: "permanent.errors.yearsWorked" });
    expect(errorOf({ yearsResident: "80" }, "yearsResident")).toBeNull();
    expect(errorOf({ yearsResident: "81" }, "yearsResident")).toEqual({ key: "permanent.errors.yearsResident" });
    expect(errorOf({ yearsResident: "100" }, "yearsResident")).toEqual({ key: "permanent.errors.yearsResident" });
    expect(errorOf({ yearsResident: "x7" }, "yearsResident")).toEqual({ key: "permanent.errors.yearsResident" });
    expect(errorOf({ currentPermitNumber: " - " }, "currentPermitNumber")).toEqual({ key: "permanent.errors.permitRequired" });
    expect(errorOf({ currentPermitNumber: "B12345" }, "currentPermitNumber")).toBeNull();
    expect(errorOf({ currentPermitNumber: "B1234" }, "currentPermitNumber")).toEqual({ key: "permanent.errors.permitFormat" });
    expect(errorOf({ currentPermitNumber: "B".repeat(21) }, "currentPermitNumber")).toEqual({ key: "permanent.errors.permitFormat" });
    expect(errorOf({ currentPermitNumber: "<B123456" }, "currentPermitNumber")).toEqual({ key: "permanent.errors.permitFormat" });
    expect(errorOf({ currentPermitNumber: "B123456>" }, "currentPermitNumber")).toEqual({ key: "permanent.errors.permitFormat" });
  });

  it("holds Flanders' four years at the edge: four pass, three do not", () => {
    expect(validatePermanentApplication({ ...base, residencePostalCode: "9000", yearsWorkedLastFive: "4" })).toMatchObject({ ok: true, authority: "flanders" });
  });
});
