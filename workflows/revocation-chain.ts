import { isCalendarDate } from "./legal-clock";

/**
 * What follows when the region ends a worker's work authorisation (issue 14 point 3;
 * docs/domain.md "End and revocation"; docs/decisions/026-revocation-chain.md). Sources:
 * agii.be, "beëindiging en intrekking gecombineerde vergunning" (DOMAIN brief §5 [S13]):
 *
 *   the region ends the work authorisation (REVOKE or END_EMPLOYMENT on the case)
 *     → the OE is informed and instructs the commune of the worker's residence (INSTRUCT_COMMUNE)
 *     → the commune informs the worker (WORKER_INFORMED)
 *     → employment ended: the unemployment clock runs (workflows/unemployment-period.ts);
 *         the commune gives an annex 51 when the card ends before the period (ANNEX_51_ISSUED);
 *         a new employer stops the clock: the chain ends there;
 *       revoked (fraud, conditions, public order, sanctions): no search period
 *     → the OE ends the right to stay (STAY_ENDED), once the period ran out
 *     → the commune strikes the worker off (STRUCK_OFF).
 * That the commune "informs" the worker (and does not only notify an OE decision) and that
 * the annex 51 is the document it hands over while the card has expired follow issue 14;
 * the exact annex is UNCONFIRMED.
 *
 * Pure: today and every date come in; the store keeps the dates and adds the rows.
 * Not an xstate machine: a straight line of dated steps, each allowed by `allowedSteps`.
 */

export const REVOCATION_STEPS = ["INSTRUCT_COMMUNE", "WORKER_INFORMED", "ANNEX_51_ISSUED", "STAY_ENDED", "STRUCK_OFF"] as const;
export type RevocationStep = (typeof REVOCATION_STEPS)[number];

export type RevocationActor = "oe" | "commune";

/** Who takes each step. */
export const STEP_ACTOR: Record<RevocationStep, RevocationActor> = {
  INSTRUCT_COMMUNE: "oe",
  WORKER_INFORMED: "commune",
  ANNEX_51_ISSUED: "commune",
  STAY_ENDED: "oe",
  STRUCK_OFF: "commune",
};

export interface RevocationFacts {
  /** "ended": the employment ended (the search period applies); "revoked": withdrawn for a ground. */
  kind: "ended" | "revoked";
  /** The day the region ended the work authorisation. */
  endedOn: string;
  /** The commune the residence steps route the worker to; null when none is known. */
  commune: string | null;
  instructedOn: string | null;
  informedOn: string | null;
  annex51On: string | null;
  stayEndedOn: string | null;
  struckOffOn: string | null;
  /** The unemployment period of this permit (ADR 022), when one runs or ran. */
  period: { endsOn: string; status: "running" | "stopped" | "run-out" } | null;
  /** The last day of the worker's card (residence steps) or, without one, of the permit. */
  cardValidUntil: string | null;
}

/**
 * The commune may give an annex 51 when the worker's card ends before his search period
 * does, so that he keeps a document of stay until its end: card valid until 30 June,
 * period until 15 August → yes; card until 31 December → no (the card covers the period).
 */
export function annex51Needed(cardValidUntil: string | null, periodEndsOn: string | null): boolean {
  return cardValidUntil !== null && periodEndsOn !== null && cardValidUntil < periodEndsOn;
}

/** The period ran out (the sweep marks it; a day after its end counts even before the sweep). */
function periodRanOut(period: RevocationFacts["period"], today: string): boolean {
  return period !== null && (period.status === "run-out" || (period.status === "running" && today > period.endsOn));
}

/** The steps that may be taken today, in order. */
export function allowedSteps(facts: RevocationFacts, today: string): RevocationStep[] {
  if (facts.struckOffOn) return [];
  if (!facts.instructedOn) return facts.commune ? ["INSTRUCT_COMMUNE"] : [];
  if (!facts.informedOn) return ["WORKER_INFORMED"];
  if (facts.stayEndedOn) return ["STRUCK_OFF"];
  if (facts.kind === "revoked") return ["STAY_ENDED"];
  const period = facts.period;
  if (period === null || period.status === "stopped") return [];
  if (periodRanOut(period, today)) return ["STAY_ENDED"];
  return !facts.annex51On && annex51Needed(facts.cardValidUntil, period.endsOn) && today <= period.endsOn ? ["ANNEX_51_ISSUED"] : [];
}

export type NextInChain =
  | { who: "oe" | "commune"; step: RevocationStep }
  /** The OE is to instruct a commune, but none is known for the worker: the case page says so. */
  | { who: "oe"; step: "NO_COMMUNE" }
  /** The worker looks for an employer until `until`. */
  | { who: "worker"; step: "SEARCH"; until: string }
  /** Nothing is owed: the chain is over (struck off), or a new employer stopped the period. */
  | { who: "none"; step: "DONE" | "NEW_EMPLOYER" | "NO_PERIOD" };

/** Who acts next: the case page, the deadlines page, the commune's list and the tracker show it. */
export function nextInChain(facts: RevocationFacts, today: string): NextInChain {
  if (facts.struckOffOn) return { who: "none", step: "DONE" };
  if (!facts.instructedOn && !facts.commune) return { who: "oe", step: "NO_COMMUNE" };
  const allowed = allowedSteps(facts, today);
  // The annex 51 is the commune's to give while the worker searches: the search is what happens.
  const first = allowed.find((step) => step !== "ANNEX_51_ISSUED");
  if (first) return { who: STEP_ACTOR[first], step: first };
  if (facts.period?.status === "stopped") return { who: "none", step: "NEW_EMPLOYER" };
  if (facts.period && !periodRanOut(facts.period, today)) return { who: "worker", step: "SEARCH", until: facts.period.endsOn };
  return { who: "none", step: "NO_PERIOD" };
}

/** The date of a step: a calendar day, not in the future, not before the step before it. */
export function stepDateError(facts: RevocationFacts, on: string, today: string): "format" | "future" | "beforePrevious" | null {
  if (!isCalendarDate(on)) return "format";
  if (on > today) return "future";
  const previous = [facts.struckOffOn, facts.stayEndedOn, facts.annex51On, facts.informedOn, facts.instructedOn, facts.endedOn].find((day) => day !== null);
  return previous && on < previous ? "beforePrevious" : null;
}

/** The facts after `step` was taken on `on` (the caller checked it is allowed). */
export function takeStep(facts: RevocationFacts, step: RevocationStep, on: string): RevocationFacts {
  switch (step) {
    case "INSTRUCT_COMMUNE":
      return { ...facts, instructedOn: on };
    case "WORKER_INFORMED":
      return { ...facts, informedOn: on };
    case "ANNEX_51_ISSUED":
      return { ...facts, annex51On: on };
    case "STAY_ENDED":
      return { ...facts, stayEndedOn: on };
    case "STRUCK_OFF":
      return { ...facts, struckOffOn: on };
  }
}
