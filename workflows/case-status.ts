/**
 * The flat status of a case and whose turn it is. Kept apart from the machine so pages
 * can show a status without shipping xstate to the browser.
 */
export type CaseStatus =
  | "regional-completeness"
  | "regional-awaiting-documents"
  | "regional-assessment"
  | "awaiting-oe-pre-checks"
  | "oe-review"
  | "oe-awaiting-documents"
  | "granted"
  | "issued"
  | "refused"
  | "inadmissible"
  | "revoked"
  | "ended"
  | "withdrawn";

export const CASE_STATUSES: readonly CaseStatus[] = [
  "regional-completeness",
  "regional-awaiting-documents",
  "regional-assessment",
  "awaiting-oe-pre-checks",
  "oe-review",
  "oe-awaiting-documents",
  "granted",
  "issued",
  "refused",
  "inadmissible",
  "revoked",
  "ended",
  "withdrawn",
];

/** Whose turn it is. */
export function withWhom(status: CaseStatus): "applicant" | "region" | "oe" | "nobody" {
  switch (status) {
    case "regional-completeness":
    case "regional-assessment":
      return "region";
    case "regional-awaiting-documents":
    case "oe-awaiting-documents":
      return "applicant";
    case "awaiting-oe-pre-checks":
    case "oe-review":
      return "oe";
    default:
      return "nobody";
  }
}

export function isOpen(status: CaseStatus): boolean {
  return withWhom(status) !== "nobody";
}

