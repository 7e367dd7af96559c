import { INADMISSIBILITY_GROUNDS, REVOCATION_GROUNDS, type CaseEventType } from "../../workflows/case-lifecycle";
import { appealRouteOf, documentTypeFor, type AppealRoute, type DecisionDocumentType } from "../delivery/decision-types";

/**
 * The officer's outcomes that cannot be taken back once recorded: each is chosen in the one
 * "Decide" form and applied only from the confirmation page, which restates it
 * (docs/decisions/020-decide-then-confirm.md). Requests for documents, reroutes and the
 * clock's settings are not decisions on the file and stay one step. Pure: the pages share it.
 */
export const DECISION_OUTCOMES = [
  "DECLARE_COMPLETE",
  "AUTHORISE_WORK",
  "PRE_CHECKS_DONE",
  "GRANT_RESIDENCE",
  "REFUSE_WORK",
  "REFUSE_RESIDENCE",
  "DECLARE_INADMISSIBLE",
  "REVOKE",
  "END_EMPLOYMENT",
] as const satisfies readonly CaseEventType[];
export type DecisionOutcome = (typeof DECISION_OUTCOMES)[number];

export function isDecisionOutcome(value: unknown): value is DecisionOutcome {
  return typeof value === "string" && (DECISION_OUTCOMES as readonly string[]).includes(value);
}

/** How long a chosen decision waits for its confirmation (a working day; a session lasts at most 8 hours). */
export const PENDING_DECISION_HOURS = 8;

/** Outcomes that must give reasons (they are notified and can be appealed). */
export const OUTCOMES_WITH_REASON: readonly DecisionOutcome[] = ["REFUSE_WORK", "REFUSE_RESIDENCE", "DECLARE_INADMISSIBLE", "REVOKE", "END_EMPLOYMENT"];

/** Outcomes that name a legal ground, and the grounds each may name (with their locale group). */
export const OUTCOME_GROUNDS = {
  DECLARE_INADMISSIBLE: { grounds: INADMISSIBILITY_GROUNDS, kind: "inadmissible" },
  REVOKE: { grounds: REVOCATION_GROUNDS, kind: "revocation" },
} as const;

/** Negative outcomes, shown with the warning button. */
export function isAdverse(outcome: DecisionOutcome): boolean {
  return OUTCOMES_WITH_REASON.includes(outcome);
}

/** Who is told of a decision, as app/delivery/decision-effects.server.ts sends it. */
export type Recipient = "employer-ebox" | "former-employer-ebox" | "worker-ebox" | "cadastre";

/**
 * What confirming will do, for the confirmation page: the document the decision is notified
 * with (none for a completeness or pre-check step), its appeal route, and who receives it:
 * the employer's e-Box, the worker's when his national number is known, and the Limosa
 * cadastre for every decision on the permit itself (not the region's work authorisation,
 * which the Immigration Office's decision follows). A change of employer allowed also ends
 * the former employer's authorisation, and that employer is told (case-commands.server.ts).
 */
export function decisionNotice(
  outcome: DecisionOutcome,
  decidedBy: "region" | "oe",
  facts: { hasEmployer: boolean; workerHasPersonNumber: boolean; changeOfEmployer?: boolean; changeForRegionAlone?: boolean },
): { document: DecisionDocumentType | null; appeal: AppealRoute; recipients: Recipient[] } {
  const document = documentTypeFor(outcome, {
    by: decidedBy,
    outcome: "granted",
    annex: null,
    reason: null,
    ...(facts.changeForRegionAlone ? { ground: "change-of-employer" } : {}),
  });
  if (!document) return { document: null, appeal: "none", recipients: [] };
  const recipients: Recipient[] = [];
  if (facts.hasEmployer) recipients.push("employer-ebox");
  const changeAllowed = facts.changeOfEmployer && (outcome === "GRANT_RESIDENCE" || (outcome === "AUTHORISE_WORK" && facts.changeForRegionAlone));
  if (changeAllowed) recipients.push("former-employer-ebox");
  if (facts.workerHasPersonNumber) recipients.push("worker-ebox");
  if (document !== "work-authorisation") recipients.push("cadastre");
  return { document, appeal: appealRouteOf(document), recipients };
}

/**
 * What the officer must do next, for the banner at the top of his case page: named after the
 * first decision the lifecycle lets him take now (the workflow's allowedEvents), or none.
 */
export type NextStep = "completeness" | "awaitingDocuments" | "assessment" | "preChecks" | "residence" | "permit" | "none";

export function nextStepOf(allowed: readonly CaseEventType[]): NextStep {
  if (allowed.includes("DECLARE_COMPLETE")) return "completeness";
  if (allowed.includes("AUTHORISE_WORK")) return "assessment";
  if (allowed.includes("GRANT_RESIDENCE")) return "residence";
  if (allowed.includes("PRE_CHECKS_DONE")) return "preChecks";
  if (allowed.includes("REVOKE") || allowed.includes("END_EMPLOYMENT")) return "permit";
  if (allowed.includes("DECLARE_INADMISSIBLE")) return "awaitingDocuments";
  return "none";
}
