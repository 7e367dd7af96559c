import { describe, expect, it } from "vitest";
import { communeForPostalCode, communeName, isCommuneId } from "../../forms/communes";

describe("the commune of a worker's address", () => {
  it("finds the commune of each of its postal codes, as typed on a form", () => {
    expect(communeForPostalCode("1000")).toBe("bruxelles");
    expect(communeForPostalCode("1130")).toBe("bruxelles");
    expect(communeForPostalCode("1030")).toBe("schaerbeek");
    expect(communeForPostalCode(" B-2660 ")).toBe("antwerpen");
    expect(communeForPostalCode("4701")).toBe("eupen");
    expect(communeForPostalCode("9052")).toBe("gent");
  });

  it("a Belgian code of a commune not on the portal, or no code at all, reaches no commune", () => {
    expect(communeForPostalCode("1050")).toBeNull();
    expect(communeForPostalCode("8000")).toBeNull();
    expect(communeForPostalCode("")).toBeNull();
    expect(communeForPostalCode("0100")).toBeNull();
    expect(communeForPostalCode("10000")).toBeNull();
  });

  it("knows its communes by id and shows their official names", () => {
    expect(isCommuneId("liege")).toBe(true);
    expect(isCommuneId("luik")).toBe(false);
    expect(isCommuneId(null)).toBe(false);
    expect(communeName("liege")).toBe("Liège");
    expect(communeName("bruxelles")).toBe("Bruxelles / Brussel");
    expect(communeName("luik")).toBeNull();
    expect(communeName(null)).toBeNull();
  });
});
