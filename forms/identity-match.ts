/**
 * Does what the applicant typed describe the person the national register holds under the
 * national number typed? The register confirms an identity; it must never reveal one: a
 * number whose names or birth date do not match is refused, and nothing of the register's
 * entry is shown. Names are compared as people type them: case, accents, apostrophes,
 * hyphens and extra spaces do not count ("Šimić" = "SIMIC", "Ana-Maria" = "ana maria").
 * The first given name must match; further given names may be left out.
 */
export interface TypedIdentity {
  givenNames: string;
  familyName: string;
  birthDate: string;
}

export function comparableName(name: string): string {
  return name
    .normalize("NFD")
    .replace(/\p{M}/gu, "")
    .toLowerCase()
    .replace(/['’.\-]/g, " ")
    .replace(/\s+/g, " ")
    .trim();
}

export function identityMatches(typed: TypedIdentity, registered: TypedIdentity): boolean {
  const firstGiven = (names: string) => comparableName(names).split(" ")[0] ?? "";
  return (
    typed.birthDate === registered.birthDate &&
    comparableName(typed.familyName) === comparableName(registered.familyName) &&
    firstGiven(typed.givenNames) !== "" &&
    firstGiven(typed.givenNames) === firstGiven(registered.givenNames)
  );
}
