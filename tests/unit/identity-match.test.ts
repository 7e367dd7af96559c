import { describe, expect, it } from "vitest";
import { comparableName, identityMatches } from "../../forms/identity-match";

const registered = { givenNames: "Ana Marija", familyName: "Šimić", birthDate: "1990-03-14" };

describe("the national register confirms an identity typed", () => {
  it("matches as people type names: case, accents, hyphens and further given names do not count", () => {
    expect(identityMatches({ givenNames: "ana", familyName: "SIMIC", birthDate: "1990-03-14" }, registered)).toBe(true);
    expect(identityMatches({ givenNames: "Ana-Marija", familyName: "Šimić", birthDate: "1990-03-14" }, registered)).toBe(true);
    expect(comparableName("  O’Brien-Smith ")).toBe("o brien smith");
  });

  it("refuses another family name, another first given name, another birth date, or none", () => {
    expect(identityMatches({ givenNames: "Ana", familyName: "Simic-Horvat", birthDate: "1990-03-14" }, registered)).toBe(false);
    expect(identityMatches({ givenNames: "Marija", familyName: "Šimić", birthDate: "1990-03-14" }, registered)).toBe(false);
    expect(identityMatches({ givenNames: "Ana", familyName: "Šimić", birthDate: "1990-03-15" }, registered)).toBe(false);
    expect(identityMatches({ givenNames: "", familyName: "Šimić", birthDate: "1990-03-14" }, registered)).toBe(false);
  });

  it("reads runs of spaces as one, inside a name as at its ends", () => {
    expect(comparableName("  Van   Damme ")).toBe("van damme");
    expect(identityMatches({ givenNames: "Ana", familyName: "Van  Damme", birthDate: "1990-03-14" }, { ...registered, familyName: "Van Damme" })).toBe(true);
  });

  it("never matches without a first given name, even a register entry without one", () => {
    expect(identityMatches({ givenNames: " ", familyName: "Šimić", birthDate: "1990-03-14" }, { ...registered, givenNames: "" })).toBe(false);
  });
});
