import { parsePostalCode } from "./competent-authority";

/**
 * Communes on the portal, with their postal codes (bpost's postal code list). A worker's
 * commune is the one of his address in Belgium (Law of 15 Dec 1980 art. 12: he registers with
 * the commune where he lives): the address on the form when he lives in Belgium, the one the
 * post records with the visa when he comes from abroad. A first set: a postal code of another
 * commune is kept and shown, and reaches no commune's queue until that commune joins.
 * Names: the official name(s) of the commune, which do not change with the reader's language.
 */
export const COMMUNES = [
  { id: "bruxelles", name: "Bruxelles / Brussel", postalCodes: ["1000", "1020", "1120", "1130"] },
  { id: "schaerbeek", name: "Schaerbeek / Schaarbeek", postalCodes: ["1030"] },
  { id: "anderlecht", name: "Anderlecht", postalCodes: ["1070"] },
  { id: "antwerpen", name: "Antwerpen", postalCodes: ["2000", "2018", "2020", "2030", "2040", "2050", "2060", "2100", "2140", "2170", "2180", "2600", "2610", "2660"] },
  { id: "mechelen", name: "Mechelen", postalCodes: ["2800", "2801", "2811", "2812"] },
  { id: "leuven", name: "Leuven", postalCodes: ["3000", "3001", "3010", "3012", "3018"] },
  { id: "liege", name: "Liège", postalCodes: ["4000", "4020", "4030", "4031", "4032"] },
  { id: "eupen", name: "Eupen", postalCodes: ["4700", "4701"] },
  { id: "namur", name: "Namur", postalCodes: ["5000", "5001", "5002", "5003", "5004", "5020", "5022", "5024", "5100", "5101"] },
  { id: "charleroi", name: "Charleroi", postalCodes: ["6000", "6001", "6010", "6020", "6030", "6031", "6032", "6040", "6041", "6042", "6043", "6044", "6060", "6061"] },
  { id: "gent", name: "Gent", postalCodes: ["9000", "9030", "9031", "9032", "9040", "9041", "9042", "9050", "9051", "9052"] },
] as const;

export type CommuneId = (typeof COMMUNES)[number]["id"];

export function isCommuneId(value: unknown): value is CommuneId {
  return COMMUNES.some((commune) => commune.id === value);
}

/** The commune of a Belgian postal code, if it is on the portal. */
export function communeForPostalCode(input: string): CommuneId | null {
  const parsed = parsePostalCode(input);
  if (!parsed.ok) return null;
  return COMMUNES.find((commune) => (commune.postalCodes as readonly string[]).includes(parsed.value))?.id ?? null;
}

export function communeName(id: string | null): string | null {
  return COMMUNES.find((commune) => commune.id === id)?.name ?? null;
}
