/**
 * The authorities a case travels through. Work authorisation is regional; residence
 * is federal (Immigration Office, OE). Cooperation Agreement of 2 Feb 2018 — see
 * docs/domain.md §1.
 */
export const REGIONAL_AUTHORITIES = ["flanders", "wallonia", "brussels", "dg"] as const;
export type RegionalAuthority = (typeof REGIONAL_AUTHORITIES)[number];

/** Everyone who handles a case: the four regional work authorities and the OE. */
export type HandlingAuthority = RegionalAuthority | "oe";

export function isHandlingAuthority(value: unknown): value is HandlingAuthority {
  return value === "oe" || isRegionalAuthority(value);
}

export type Language = "fr" | "nl" | "de" | "en";

/**
 * Language of procedure fixed by the competent authority (the legal language of the
 * file, kept apart from the UI language). Brussels-Capital works in French or Dutch at
 * the applicant's choice; French is the default until the form asks.
 */
export const PROCEDURE_LANGUAGES: Record<RegionalAuthority, readonly Language[]> = {
  flanders: ["nl"],
  wallonia: ["fr"],
  brussels: ["fr", "nl"],
  dg: ["de"],
};

export function isRegionalAuthority(value: unknown): value is RegionalAuthority {
  return typeof value === "string" && (REGIONAL_AUTHORITIES as readonly string[]).includes(value);
}

export function defaultProcedureLanguage(authority: RegionalAuthority): Language {
  return PROCEDURE_LANGUAGES[authority][0]!;
}

/**
 * The language of procedure of a new file: the authority's, or in Brussels-Capital the
 * applicant's own choice between French and Dutch (his interface language when it is one of them).
 */
export function procedureLanguageFor(authority: RegionalAuthority, uiLanguage: Language): Language {
  return PROCEDURE_LANGUAGES[authority].includes(uiLanguage) ? uiLanguage : defaultProcedureLanguage(authority);
}
