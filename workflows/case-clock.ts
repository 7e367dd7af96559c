import type { CaseEventType } from "./case-lifecycle";
import {
  clockDueDate,
  COMPLETENESS_CHECK_DAYS,
  decisionPeriodDays,
  deemedGrantApplies,
  isSuspended,
  resumeClock,
  startClock,
  suspendClock,
  type ClockCategory,
  type LegalClock,
} from "./legal-clock";

/**
 * Which legal clock runs on a case, and how each lifecycle event moves it
 * (docs/domain.md §3): from submission the region has 30 days to check completeness;
 * declaring the file complete (admissible) starts the decision period, which covers the
 * regional and the OE stage; a request for documents suspends whichever clock runs and
 * the answer resumes it; a reroute restarts the completeness check in the new region.
 */
export interface CaseClock {
  phase: "completeness" | "decision";
  clock: LegalClock;
}

export function clockAtSubmission(today: string): CaseClock {
  return { phase: "completeness", clock: startClock(today, COMPLETENESS_CHECK_DAYS) };
}

/** The clock after an event; null once the case is decided (no clock runs any more). */
export function clockAfter(
  current: CaseClock,
  event: CaseEventType,
  today: string,
  category: ClockCategory,
): CaseClock | null {
  switch (event) {
    case "DECLARE_COMPLETE":
      // Declared complete again after a request during the assessment: the decision period
      // already runs (it was only suspended meanwhile), it does not start over.
      return current.phase === "decision" ? current : { phase: "decision", clock: startClock(today, decisionPeriodDays(category)) };
    case "REQUEST_DOCUMENTS":
      return isSuspended(current.clock) ? current : { ...current, clock: suspendClock(current.clock, today, "documents requested") };
    case "DOCUMENTS_PROVIDED":
      return isSuspended(current.clock) ? { ...current, clock: resumeClock(current.clock, today) } : current;
    case "REROUTE":
      return clockAtSubmission(today);
    case "REFUSE_WORK":
    case "GRANT_RESIDENCE":
    case "REFUSE_RESIDENCE":
    case "DEEMED_GRANT":
    case "WITHDRAW":
    case "PERMIT_ISSUED":
    case "REVOKE":
      return null;
    default:
      return current;
  }
}

export function caseDueDate(caseClock: CaseClock | null, today: string): string | null {
  return caseClock ? clockDueDate(caseClock.clock, today) : null;
}

/**
 * What the deadline sweep does with a case whose running clock has passed its due date:
 * a missed decision deadline is a deemed grant where the law still gives one (annex 47);
 * anything else is escalated to the officers. A suspended clock is never overdue.
 */
export function overdueAction(
  caseClock: CaseClock,
  category: ClockCategory,
  today: string,
): "DEEMED_GRANT" | "DEADLINE_MISSED" | null {
  if (isSuspended(caseClock.clock) || clockDueDate(caseClock.clock, today) >= today) return null;
  if (caseClock.phase === "decision" && deemedGrantApplies(category, caseClock.clock.startedOn)) return "DEEMED_GRANT";
  return "DEADLINE_MISSED";
}
