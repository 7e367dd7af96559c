import { describe, expect, it } from "vitest";
import { validateNewApplication } from "../../forms/new-application";

const base = { givenNames: "Văn An", familyName: "Nguyễn", nationality: "VN", placeOfWorkPostalCode: "9000" };

describe("the first questions of a single-permit application", () => {
  it("accepts names in any script and derives the authority from the place of work", () => {
    const result = validateNewApplication(base);
    expect(result).toMatchObject({ ok: true, authority: "flanders", value: { familyName: "Nguyễn" } });
    expect(validateNewApplication({ ...base, familyName: "Øyvind-Müller", placeOfWorkPostalCode: "4700" })).toMatchObject({
      ok: true,
      authority: "dg",
    });
  });

  it("names every problem at once, as i18n keys", () => {
    const result = validateNewApplication({ givenNames: " ", familyName: "<script>", nationality: "FR", placeOfWorkPostalCode: "12" });
    expect(result).toEqual({
      ok: false,
      errors: {
        givenNames: { key: "newApplication.errors.required" },
        familyName: { key: "newApplication.errors.nameCharacters" },
        nationality: { key: "newApplication.errors.nationalityNotThird" },
        placeOfWorkPostalCode: { key: "newApplication.errors.postalCodeFormat" },
      },
    });
  });

  it("refuses over-long names and unknown postal codes", () => {
    const result = validateNewApplication({ ...base, givenNames: "A".repeat(101), placeOfWorkPostalCode: "0999" });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.errors.givenNames).toEqual({ key: "newApplication.errors.tooLong", values: { max: 100 } });
    expect(result.errors.placeOfWorkPostalCode?.key).toMatch(/postalCode(Format|Unknown)/);
  });
});
