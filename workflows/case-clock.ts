import type { CaseEventType } from "./case-lifecycle";
import {
  changeTerm,
  clockDueDate,
  decisionTermFor,
  deemedGrantApplies,
  extensionFor,
  isSuspended,
  resumeClock,
  startTerm,
  suspendClock,
  termFor,
  extendClock,
  type ClockCategory,
  type LegalClock,
} from "./legal-clock";

/**
 * Which legal clock runs on a case, and how each lifecycle event moves it
 * (docs/domain.md §3): from filing the region has 30 days to check completeness;
 * declaring the file complete (admissible) starts the decision term, which covers the
 * regional and the OE stage and is chosen by the category and the FILING date; a request
 * for documents suspends whichever clock runs and the answer resumes it.
 *
 * A reroute to the competent region keeps the original dates: the filing date (which
 * decides the rules and the 30-day completeness check) and, once the file was declared
 * admissible, the decision term already running. A file sent to the wrong region is the
 * authorities' error to put right, not the applicant's: restarting the terms would let the
 * authorities lengthen them at will. No text saying otherwise was found (UNCONFIRMED;
 * docs/decisions/011-decisions-by-decider.md). An open request is moot after the reroute,
 * so the clock runs again from that day.
 */
export interface CaseClock {
  phase: "completeness" | "decision";
  clock: LegalClock;
}

/**
 * The clock at filing: the region's completeness check, or, where the decision term runs from
 * the notification itself (the opposition window on a change of employer), that term at once.
 */
export function clockAtSubmission(today: string, category?: ClockCategory): CaseClock {
  if (category !== undefined) {
    const decision = decisionTermFor(category, today);
    if (decision.fromFiling) return { phase: "decision", clock: startTerm(today, decision, today) };
  }
  return { phase: "completeness", clock: startTerm(today, termFor("completeness", today), today) };
}

/** The filing date a clock carries; clocks stored before it was kept fall back to their start. */
export function filedOnOf(caseClock: CaseClock): string {
  return caseClock.clock.filedOn ?? caseClock.clock.startedOn;
}

/** The clock after an event; null once the case is decided (no clock runs any more). */
export function clockAfter(
  current: CaseClock,
  event: CaseEventType,
  today: string,
  category: ClockCategory,
  filedOn: string = filedOnOf(current),
): CaseClock | null {
  switch (event) {
    case "DECLARE_COMPLETE":
      // Declared complete again after a request during the assessment: the decision period
      // already runs (it was only suspended meanwhile), it does not start over.
      return current.phase === "decision" ? current : { phase: "decision", clock: startTerm(today, decisionTermFor(category, filedOn), filedOn) };
    case "REQUEST_DOCUMENTS":
      return isSuspended(current.clock) ? current : { ...current, clock: suspendClock(current.clock, today, "documents requested") };
    case "DOCUMENTS_PROVIDED":
    case "REROUTE":
      return isSuspended(current.clock) ? { ...current, clock: resumeClock(current.clock, today) } : current;
    case "SET_CLOCK_CATEGORY":
      // The decision term of the new category, for the same filing date; a completeness check is unaffected.
      return current.phase === "decision" ? { ...current, clock: changeTerm(current.clock, decisionTermFor(category, filedOn)) } : current;
    case "EXTEND_TERM": {
      const extension = extensionFor(filedOn);
      if (!extension || current.phase !== "decision" || current.clock.extensionDays > 0 || !("days" in extension.length)) return current;
      return { ...current, clock: extendClock(current.clock, extension.length.days) };
    }
    case "REFUSE_WORK":
    case "GRANT_RESIDENCE":
    case "REFUSE_RESIDENCE":
    case "DEEMED_GRANT":
    case "WITHDRAW":
    case "PERMIT_ISSUED":
    case "REVOKE":
    case "END_EMPLOYMENT":
    case "DECLARE_INADMISSIBLE":
      return null;
    default:
      return current;
  }
}

/** May the decision term of this case still be extended (once, where the filing's rules allow it)? */
export function mayExtend(caseClock: CaseClock | null): boolean {
  return caseClock !== null && caseClock.phase === "decision" && caseClock.clock.extensionDays === 0 && extensionFor(filedOnOf(caseClock)) !== null;
}

export function caseDueDate(caseClock: CaseClock | null, today: string): string | null {
  return caseClock ? clockDueDate(caseClock.clock, today) : null;
}

/**
 * The due date kept on the case row, which the queue sorts and filters on: none while the
 * clock stands still. A suspended clock moves its due date a day further every day, so
 * any date stored on the day it stopped would be stale the next morning and show a case
 * waiting for the applicant as overdue. It is set again when the clock resumes.
 */
export function storedDueDate(caseClock: CaseClock | null, today: string): string | null {
  return caseClock && !isSuspended(caseClock.clock) ? clockDueDate(caseClock.clock, today) : null;
}

/**
 * What the deadline sweep does with a case whose running clock has passed its due date:
 * a missed decision deadline is a deemed grant where the rule of the filing date still
 * gives one (annex 47); anything else is escalated to the officers. A suspended clock is
 * never overdue.
 */
export function overdueAction(
  caseClock: CaseClock,
  category: ClockCategory,
  today: string,
): "DEEMED_GRANT" | "DEADLINE_MISSED" | null {
  if (isSuspended(caseClock.clock) || clockDueDate(caseClock.clock, today) >= today) return null;
  if (caseClock.phase === "decision" && deemedGrantApplies(category, filedOnOf(caseClock))) return "DEEMED_GRANT";
  return "DEADLINE_MISSED";
}
