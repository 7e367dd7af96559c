import type { CaseDecision } from "../../workflows/case-lifecycle";

/**
 * Which document a decision produces, by who decides what (docs/domain.md §3, §5;
 * docs/decisions/011-decisions-by-decider.md). The Immigration Office's documents are the
 * annexes of the Royal Decree of 8 October 1981 where one exists (46 grant, 47 deemed grant,
 * 48 refusal); a region decides the work authorisation in its own document, with its own
 * appeal, never an annex 48. Pure: the pages, the deliverer and the tests share it.
 */
export const DECISION_DOCUMENT_TYPES = [
  "46",
  "47",
  "48",
  /** Written before revocations were told apart by decider; read back as such. */
  "revocation",
  "work-authorisation",
  "work-refusal",
  "inadmissibility-region",
  "inadmissibility-oe",
  "work-withdrawal",
  "end-of-employment",
  "end-of-residence",
  /** A change of employer allowed by the region (Directive 2024/1233 art. 11): the new employer's authorisation. */
  "change-allowed",
  /** … allowed because no opposition came within the window. */
  "change-allowed-by-law",
  /** The permit changed: the former employer's authorisation ends. */
  "employer-changed",
] as const;
export type DecisionDocumentType = (typeof DECISION_DOCUMENT_TYPES)[number];

export function isDecisionDocumentType(value: unknown): value is DecisionDocumentType {
  return typeof value === "string" && (DECISION_DOCUMENT_TYPES as readonly string[]).includes(value);
}

/**
 * How a decision can be challenged (docs/domain.md §3):
 * - regional-minister: a region's refusal or withdrawal of the work authorisation, an
 *   administrative appeal to the region's minister within 30 days (Flanders: vlaanderen.be,
 *   appealing a refusal or withdrawal; Brussels: economy-employment.brussels; Wallonia and
 *   the German-speaking Community: UNCONFIRMED);
 * - council-of-state: a region's inadmissibility, no administrative appeal: refile, or an
 *   action for annulment before the Council of State within 60 days (vlaanderen.be);
 * - call: the Immigration Office's refusal, inadmissibility or end of the right to stay,
 *   an action before the Council for Alien Law Litigation within 30 days (Law of 15
 *   December 1980, arts. 39/2 and 39/57). Without the body and the term on the document,
 *   the term does not start (Law of 11 April 1994 on the publicity of administration, art. 2, 4°);
 * - none: a grant.
 */
export type AppealRoute = "none" | "regional-minister" | "council-of-state" | "call";

export function appealRouteOf(type: DecisionDocumentType): AppealRoute {
  switch (type) {
    case "work-refusal":
    case "work-withdrawal":
    case "end-of-employment":
      return "regional-minister";
    case "inadmissibility-region":
      return "council-of-state";
    case "48":
    case "inadmissibility-oe":
    case "end-of-residence":
    case "revocation":
      return "call";
    default:
      return "none";
  }
}

/** Who takes the decision the document notifies. */
export function decidedByOf(type: DecisionDocumentType): "region" | "oe" | "law" {
  switch (type) {
    case "47":
    case "change-allowed-by-law":
      return "law";
    case "change-allowed":
    case "employer-changed":
    case "work-authorisation":
    case "work-refusal":
    case "inadmissibility-region":
    case "work-withdrawal":
    case "end-of-employment":
      return "region";
    default:
      return "oe";
  }
}

/** The annex of the Royal Decree of 8 October 1981, where the document is one. */
export function annexOf(type: DecisionDocumentType): "46" | "47" | "48" | null {
  return type === "46" || type === "47" || type === "48" ? type : null;
}

/** Does the document grant the single permit (and create the permit)? */
export function grantsPermit(type: DecisionDocumentType): boolean {
  return type === "46" || type === "47" || type === "change-allowed" || type === "change-allowed-by-law";
}

const isChange = (decision: CaseDecision | null | undefined) => decision?.ground === "change-of-employer";

/**
 * The document a lifecycle step produces, or null when it notifies nothing: the OE grant
 * (46), the deemed grant (47), the OE refusal (48); the region's work authorisation or
 * refusal; an inadmissibility, by whoever declared it; a withdrawal by the region, the end
 * of the work authorisation after the employment ended, the end of the right to stay by the OE.
 */
export function documentTypeFor(commandType: string, decision: CaseDecision | null | undefined): DecisionDocumentType | null {
  switch (commandType) {
    case "GRANT_RESIDENCE":
      return "46";
    case "DEEMED_GRANT":
      return isChange(decision) ? "change-allowed-by-law" : "47";
    case "REFUSE_RESIDENCE":
      return "48";
    case "AUTHORISE_WORK":
      // The region alone allows a change of employer that leaves the residence as it is.
      return isChange(decision) && decision?.outcome === "granted" ? "change-allowed" : "work-authorisation";
    case "REFUSE_WORK":
      return "work-refusal";
    case "DECLARE_INADMISSIBLE":
      return decision?.by === "oe" ? "inadmissibility-oe" : "inadmissibility-region";
    case "REVOKE":
      return decision?.by === "oe" ? "end-of-residence" : "work-withdrawal";
    case "END_EMPLOYMENT":
      return "end-of-employment";
    case "EMPLOYER_CHANGED":
      return "employer-changed";
    default:
      return null;
  }
}

/** The document of a case's last decision, as the applicant's page shows it (null while none). */
export function documentTypeOfDecision(decision: CaseDecision | null | undefined): DecisionDocumentType | null {
  if (!decision) return null;
  switch (decision.outcome) {
    case "granted":
      if (isChange(decision)) return decision.by === "law" ? "change-allowed-by-law" : decision.by === "region" ? "change-allowed" : "46";
      return decision.by === "law" ? "47" : "46";
    case "refused":
      return decision.by === "region" ? "work-refusal" : "48";
    case "inadmissible":
      return decision.by === "oe" ? "inadmissibility-oe" : "inadmissibility-region";
    case "revoked":
      return decision.by === "oe" ? "end-of-residence" : "work-withdrawal";
    case "ended":
      return isChange(decision) ? "employer-changed" : "end-of-employment";
  }
}
