/**
 * Which regional authority is competent for a work authorisation.
 *
 * Sources: Cooperation Agreement of 2 February 2018 (federal State, regions and the
 * German-speaking Community, single permit); myria.be, "Le permis unique : procédure";
 * workinginbelgium.be, place of work; docs/domain.md §1.
 * - A fixed-term single permit goes to the region of the place of work; when no Belgian
 *   place of work can be determined, to the region of the employer's registered office
 *   (the seat in the KBO/BCE).
 * - Several places of work: the main place of work decides; all in one region: that
 *   region; spread evenly over regions (e.g. 50/50, no main place): the registered office.
 *   An employer without a Belgian seat: where the work is done, so a main place must be
 *   named when the places span regions. A posted worker (placed with a user enterprise):
 *   the region where the user enterprise has him work. (workinginbelgium.be, "place of
 *   work"; myria.be; docs/domain.md §1, routing table.)
 * - A permanent (unlimited) permit goes to the region where the worker lives.
 *
 * Regions by postal code (bpost ranges): 1000–1299 Brussels-Capital; 1300–1499 Walloon
 * Brabant; 1500–1999 and 3000–3999 Flemish Brabant and Limburg; 2000–2999 Antwerp;
 * 4000–4999 Liège; 5000–5999 Namur; 6000–6599 and 7000–7999 Hainaut; 6600–6999
 * Luxembourg; 8000–8999 West Flanders; 9000–9999 East Flanders. Inside the province of
 * Liège the nine municipalities of the German-speaking Community (Eupen, Kelmis, Lontzen,
 * Raeren, Amel, Büllingen, Burg-Reuland, Bütgenbach, Sankt Vith) have their own labour
 * market competence, so their codes go to the DG. Malmedy (4960) and Waimes (4950) are
 * French-speaking municipalities with facilities, not DG: they stay with Wallonia.
 */
import type { RegionalAuthority } from "./authorities";

const GERMAN_SPEAKING_COMMUNITY = new Set([
  "4700", "4701", "4710", "4711", "4720", "4721", "4728", "4730", "4731", "4750",
  "4760", "4761", "4770", "4771", "4780", "4782", "4783", "4784", "4790", "4791",
]);

export type PostalCodeResult = { ok: true; value: string } | { ok: false; error: "required" | "format" };

/** Accepts "1000", " 1000 ", "B-1000" (the old international prefix still seen on letterheads). */
export function parsePostalCode(input: string): PostalCodeResult {
  const value = input.trim().replace(/^B-?\s*/i, "");
  if (!value) return { ok: false, error: "required" };
  // Belgian codes are 1000–9999: a leading 0 is never valid.
  if (!/^[1-9]\d{3}$/.test(value)) return { ok: false, error: "format" };
  return { ok: true, value };
}

/** The region of a Belgian postal code, or null when it is not one. */
export function authorityForPostalCode(code: string): RegionalAuthority | null {
  const parsed = parsePostalCode(code);
  if (!parsed.ok) return null;
  const n = Number(parsed.value);
  if (n <= 1299) return "brussels";
  if (n <= 1499) return "wallonia";
  if (n <= 3999) return "flanders";
  if (n <= 7999) return GERMAN_SPEAKING_COMMUNITY.has(parsed.value) ? "dg" : "wallonia";
  return "flanders";
}

export type CompetenceInput =
  | {
      kind: "single";
      /** The main place of work (or the only one). */
      placeOfWorkPostalCode?: string | null;
      /** Further places of work, if any. */
      otherPlacesOfWork?: readonly string[];
      /** The work is spread evenly over the places: none is the main one. */
      noMainPlace?: boolean;
      /** A posted worker: where the user enterprise has him work. */
      userEnterprisePostalCode?: string | null;
      /** The registered office in the KBO/BCE; null or foreign when the employer has no Belgian seat. */
      employerSeatPostalCode?: string | null;
    }
  | { kind: "permanent"; residencePostalCode: string };

export type CompetenceBasis = "place-of-work" | "main-place-of-work" | "user-enterprise" | "registered-office" | "residence";
export type Competence = { authority: RegionalAuthority; basis: CompetenceBasis };

/** "3800, 9000\n1000" → the Belgian postal codes in it (anything else is left out). */
export function postalCodesIn(text: string): string[] {
  return text
    .split(/[\s,;]+/)
    .map((part) => parsePostalCode(part))
    .flatMap((parsed) => (parsed.ok ? [parsed.value] : []));
}

/** The competent authority and why, or null when nothing Belgian decides it (docs/domain.md §1). */
export function competentAuthority(input: CompetenceInput): Competence | null {
  if (input.kind === "permanent") {
    const authority = authorityForPostalCode(input.residencePostalCode);
    return authority ? { authority, basis: "residence" } : null;
  }
  const posted = authorityForPostalCode(input.userEnterprisePostalCode ?? "");
  if (posted) return { authority: posted, basis: "user-enterprise" };
  const main = input.noMainPlace ? null : authorityForPostalCode(input.placeOfWorkPostalCode ?? "");
  const others = (input.otherPlacesOfWork ?? []).map(authorityForPostalCode).filter((region): region is RegionalAuthority => region !== null);
  if (main) return { authority: main, basis: others.length > 0 ? "main-place-of-work" : "place-of-work" };
  const all = [...new Set([...(input.noMainPlace ? [authorityForPostalCode(input.placeOfWorkPostalCode ?? "")] : []), ...others].filter((r): r is RegionalAuthority => r !== null))];
  // Every place in one region: that region decides, main place or not.
  if (all.length === 1) return { authority: all[0]!, basis: "place-of-work" };
  // Spread over regions with no main place, or no Belgian place named: the registered office.
  // Without a Belgian seat nothing decides: the applicant must name the main place of work.
  const atSeat = authorityForPostalCode(input.employerSeatPostalCode ?? "");
  return atSeat ? { authority: atSeat, basis: "registered-office" } : null;
}
