/**
 * The steps after the grant, what a page may use of them without the machine (no xstate in
 * the browser, like case-status.ts for the lifecycle): the card type by category, the
 * steps' names and the stages. residence-steps.ts re-exports them.
 */

/** Residence cards of a single-permit holder: A (limited stay), H (EU Blue Card), I (intra-corporate transferee). */
export const CARD_TYPES = ["A", "H", "I"] as const;
export type CardType = (typeof CARD_TYPES)[number];

/** Card by employment category: Blue Card → H, intra-corporate transferee → I, any other → A (dofi.ibz.be, "cartes de séjour"). */
export function cardTypeFor(category: string): CardType {
  if (category === "blue-card") return "H";
  if (category === "intra-corporate-transferee") return "I";
  return "A";
}

export interface CardTerms {
  category: string;
  /** Intra-corporate transferee: manager, specialist or trainee. */
  ictRole?: string | null;
  permitValidFrom: string;
  permitValidUntil: string;
  /** A fixed-term contract's last day, as filed. */
  employmentEnd?: string | null;
}

export interface ResidenceCard {
  type: CardType;
  validFrom: string;
  validUntil: string;
}

export const RESIDENCE_EVENT_TYPES = ["VISA_ISSUED", "VISA_REFUSED", "ARRIVAL_DECLARED", "REGISTERED", "ANNEX_49_ISSUED", "CARD_ISSUED", "RENEWAL_GRANTED"] as const;
export type ResidenceEventType = (typeof RESIDENCE_EVENT_TYPES)[number];

export const RESIDENCE_STAGES = [
  "renewal-pending",
  "annex-49-pending",
  "awaiting-visa",
  "visa-refused",
  "awaiting-arrival",
  "arrived",
  "registered",
  "annex-49",
  "card-issued",
] as const;
export type ResidenceStage = (typeof RESIDENCE_STAGES)[number];
