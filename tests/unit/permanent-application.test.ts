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
});
