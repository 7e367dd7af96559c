// The case machine's guards against forged or malformed input: an actor who claims an
// authority he does not hold, reasons that are not text, events and snapshots that are not
// what they say. A forged post must be refused (or, for a snapshot, fail loudly), never
// let through. Complements case-lifecycle.test.ts.
import { describe, expect, it } from "vitest";
import {
  allowedEvents,
  caseStatus,
  caseTransition,
  initialCaseSnapshot,
  persistCase,
  restoreCase,
  type CaseActor,
  type CaseEvent,
  type CaseSnapshot,
} from "../../workflows/case-lifecycle";
import type { ClockCategory } from "../../workflows/legal-clock";

const applicant: CaseActor = { role: "applicant" };
const flanders: CaseActor = { role: "regional-officer", authority: "flanders" };
const oe: CaseActor = { role: "oe-officer", authority: "oe" };
const system: CaseActor = { role: "system" };
/** Someone who is not a regional officer but whose actor carries the case's region. */
const applicantClaimingFlanders = { role: "applicant", authority: "flanders" } as CaseActor;
const systemClaimingFlanders = { role: "system", authority: "flanders" } as CaseActor;

const start = (category: ClockCategory = "general") => initialCaseSnapshot({ kind: "single", authority: "flanders", category });

function run(snapshot: CaseSnapshot, ...events: CaseEvent[]): CaseSnapshot {
  return events.reduce((current, event) => {
    const result = caseTransition(current, event);
    if (!result.ok) throw new Error(`${event.type} refused in ${caseStatus(current)}`);
    return result.snapshot;
  }, snapshot);
}

const refused = (snapshot: CaseSnapshot, event: unknown) =>
  expect(caseTransition(snapshot, event as CaseEvent)).toEqual({ ok: false, reason: "not-allowed" });

const issued = () =>
  run(
    start(),
    { type: "DECLARE_COMPLETE", actor: flanders },
    { type: "AUTHORISE_WORK", actor: flanders },
    { type: "PRE_CHECKS_DONE", actor: oe },
    { type: "GRANT_RESIDENCE", actor: oe },
    { type: "PERMIT_ISSUED", actor: system },
  );

describe("the region's authority belongs to its officers only", () => {
  it("refuses the region's decisions to someone who carries the region's name but is not its officer", () => {
    for (const actor of [applicantClaimingFlanders, systemClaimingFlanders]) {
      refused(start(), { type: "DECLARE_COMPLETE", actor });
      refused(start(), { type: "REQUEST_DOCUMENTS", actor });
      refused(start(), { type: "REROUTE", actor, to: "brussels", reason: "Forged." });
    }
  });

  it("refuses a revocation by someone who carries the region's name but is not its officer", () => {
    refused(issued(), { type: "REVOKE", actor: applicantClaimingFlanders, reason: "Forged.", ground: "fraud" });
    refused(issued(), { type: "END_EMPLOYMENT", actor: applicantClaimingFlanders, reason: "Forged." });
  });

  it("lets only the handling officers change the seasonal clock or extend the term, never the applicant or the system", () => {
    for (const actor of [applicant, system, applicantClaimingFlanders]) {
      refused(start("seasonal"), { type: "SET_CLOCK_CATEGORY", actor, category: "seasonal-renewal", reason: "A renewal." });
      refused(start(), { type: "EXTEND_TERM", actor, reason: "Complex file." });
    }
    expect(caseTransition(start(), { type: "EXTEND_TERM", actor: oe, reason: "Complex file." }).ok).toBe(true);
    expect(caseTransition(start(), { type: "EXTEND_TERM", actor: flanders, reason: "Complex file." }).ok).toBe(true);
  });
});

describe("reasons and grounds", () => {
  it("refuses a reason that is not text (a forged post) instead of throwing", () => {
    const assessing = run(start(), { type: "DECLARE_COMPLETE", actor: flanders });
    refused(assessing, { type: "REFUSE_WORK", actor: flanders, reason: 42 });
    refused(assessing, { type: "REFUSE_WORK", actor: flanders, reason: null });
    refused(assessing, { type: "REFUSE_WORK", actor: flanders });
  });

  it("records a revocation without a named ground under the ground 'other'", () => {
    const revoked = run(issued(), { type: "REVOKE", actor: oe, reason: "Public order." });
    expect(revoked.context.decision).toEqual({ by: "oe", outcome: "revoked", annex: "46", reason: "Public order.", ground: "other" });
  });
});

describe("malformed events", () => {
  it("refuses an event that is not an object, or whose actor is missing or not an object, instead of throwing", () => {
    refused(start(), null);
    refused(start(), "DECLARE_COMPLETE");
    refused(start(), { type: "DECLARE_COMPLETE", actor: null });
    refused(start(), { type: "DECLARE_COMPLETE", actor: "flanders" });
  });

  it("needs the case input to start a case from nothing, and says so", () => {
    expect(() => caseTransition(null as unknown as CaseSnapshot, { type: "DECLARE_COMPLETE", actor: flanders })).toThrow(
      "caseTransition(null, …) needs the case input to start from",
    );
  });
});

describe("restoring a stored snapshot", () => {
  it("refuses, with one message, what is not a persisted case snapshot", () => {
    const persisted = persistCase(start()) as { value: unknown; context: unknown };
    for (const stored of [null, 42, "42", '"a string"', "null", { value: persisted.value }, { context: persisted.context }, {}]) {
      expect(() => restoreCase(stored), JSON.stringify(stored)).toThrow("not a persisted case snapshot");
    }
    expect(caseStatus(restoreCase({ ...persisted }))).toBe("regional-completeness");
  });
});

describe("the buttons", () => {
  it("offers the applicant the answer to a request for documents, and the withdrawal", () => {
    const awaiting = run(start(), { type: "REQUEST_DOCUMENTS", actor: flanders });
    expect(allowedEvents(awaiting, applicant)).toEqual(["DOCUMENTS_PROVIDED", "WITHDRAW"]);
  });

  it("offers the system no deadline event without the filing date, which decides what a missed deadline means", () => {
    expect(allowedEvents(start(), system)).toEqual([]);
    expect(allowedEvents(start(), system, { filedOn: "2026-01-05" })).toEqual(["DEEMED_GRANT", "DEADLINE_MISSED"]);
  });
});
