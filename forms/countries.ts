/**
 * Nationalities a single permit is for: every ISO 3166-1 alpha-2 country except the EU,
 * EEA and Switzerland, whose nationals move freely and need no single permit
 * (Directive 2011/98/EU art. 3). Names are shown with Intl.DisplayNames in the user's
 * language, so no name list is kept here.
 */
const FREE_MOVEMENT = new Set(
  "AT BE BG CY CZ DE DK EE ES FI FR GR HR HU IE IT LT LU LV MT NL PL PT RO SE SI SK IS LI NO CH".split(" "),
);

const ALL = (
  "AD AE AF AG AI AL AM AO AR AS AT AU AW AZ BA BB BD BE BF BG BH BI BJ BM BN BO BR BS BT BW BY BZ CA CD CF CG CH " +
  "CI CK CL CM CN CO CR CU CV CY CZ DE DJ DK DM DO DZ EC EE EG ER ES ET FI FJ FM FR GA GB GD GE GH GM GN GQ GR GT " +
  "GW GY HK HN HR HT HU ID IE IL IN IQ IR IS IT JM JO JP KE KG KH KI KM KN KP KR KW KZ LA LB LC LI LK LR LS LT LU " +
  "LV LY MA MC MD ME MG MH MK ML MM MN MO MR MT MU MV MW MX MY MZ NA NE NG NI NL NO NP NR NU NZ OM PA PE PG PH PK " +
  "PL PS PT PW PY QA RO RS RU RW SA SB SC SD SE SG SI SK SL SM SN SO SR SS ST SV SY SZ TD TG TH TJ TL TM TN TO TR " +
  "TT TV TW TZ UA UG US UY UZ VA VC VE VN VU WS XK YE ZA ZM ZW"
).split(" ");

export const THIRD_COUNTRIES: readonly string[] = ALL.filter((code) => !FREE_MOVEMENT.has(code));

export function isThirdCountry(code: string): boolean {
  return THIRD_COUNTRIES.includes(code);
}

// Names and the sorted list are built once per language and kept: the list does not change
// while the process runs, and building it (about 200 Intl lookups and a sort) cost every
// form page that shows it.
const displayNames = new Map<string, Intl.DisplayNames>();
const optionLists = new Map<string, readonly { value: string; label: string }[]>();

function namesIn(language: string): Intl.DisplayNames {
  let names = displayNames.get(language);
  if (!names) {
    names = new Intl.DisplayNames([language], { type: "region", fallback: "code" });
    displayNames.set(language, names);
  }
  return names;
}

/** Country names in one language, sorted for a select list (one shared, frozen list per language). */
export function countryOptions(language: string): readonly { value: string; label: string }[] {
  let list = optionLists.get(language);
  if (!list) {
    const names = namesIn(language);
    const collator = new Intl.Collator(language);
    list = Object.freeze(
      THIRD_COUNTRIES.map((code) => Object.freeze({ value: code, label: names.of(code) ?? code })).sort((a, b) => collator.compare(a.label, b.label)),
    );
    optionLists.set(language, list);
  }
  return list;
}

export function countryName(code: string, language: string): string {
  return namesIn(language).of(code) ?? code;
}
