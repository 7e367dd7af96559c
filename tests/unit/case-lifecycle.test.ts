import { initialTransition } from "xstate";
import { describe, expect, it } from "vitest";
import {
  allowedEvents,
  caseLifecycle,
  caseStatus,
  caseTransition,
  persistCase,
  restoreCase,
  type CaseActor,
  type CaseEvent,
  type CaseSnapshot,
} from "../../workflows/case-lifecycle";
import type { ClockCategory } from "../../workflows/legal-clock";

const applicant: CaseActor = { role: "applicant" };
const flanders: CaseActor = { role: "regional-officer", authority: "flanders" };
const brussels: CaseActor = { role: "regional-officer", authority: "brussels" };
const oe: CaseActor = { role: "oe-officer", authority: "oe" };
const system: CaseActor = { role: "system" };

function start(category: ClockCategory = "general"): CaseSnapshot {
  return initialTransition(caseLifecycle, { kind: "single", authority: "flanders", category })[0];
}

/** Sends events in order; every one must be accepted. */
function run(snapshot: CaseSnapshot, ...events: CaseEvent[]): CaseSnapshot {
  return events.reduce((current, event) => {
    const result = caseTransition(current, event);
    if (!result.ok) throw new Error(`${event.type} refused in ${caseStatus(current)}`);
    return result.snapshot;
  }, snapshot);
}

const refused = (snapshot: CaseSnapshot, event: CaseEvent) => expect(caseTransition(snapshot, event)).toEqual({ ok: false, reason: "not-allowed" });

describe("the case lifecycle", () => {
  it("starts with the region checking completeness and the OE pre-checks pending", () => {
    const snapshot = start();
    expect(caseStatus(snapshot)).toBe("regional-completeness");
    expect(snapshot.matches({ regionalReview: { oePreChecks: "pending" } })).toBe(true);
  });

  it("goes completeness ⇄ awaiting documents, then assessment", () => {
    let snapshot = run(start(), { type: "REQUEST_DOCUMENTS", actor: flanders });
    expect(caseStatus(snapshot)).toBe("regional-awaiting-documents");
    refused(snapshot, { type: "DOCUMENTS_PROVIDED", actor: flanders });
    snapshot = run(snapshot, { type: "DOCUMENTS_PROVIDED", actor: applicant });
    expect(caseStatus(snapshot)).toBe("regional-completeness");
    snapshot = run(snapshot, { type: "DECLARE_COMPLETE", actor: flanders });
    expect(caseStatus(snapshot)).toBe("regional-assessment");
  });

  it("lets only the officers of the case's own region act for the region", () => {
    const snapshot = start();
    refused(snapshot, { type: "DECLARE_COMPLETE", actor: brussels });
    refused(snapshot, { type: "DECLARE_COMPLETE", actor: applicant });
    refused(snapshot, { type: "DECLARE_COMPLETE", actor: oe });
    const assessing = run(snapshot, { type: "DECLARE_COMPLETE", actor: flanders });
    refused(assessing, { type: "AUTHORISE_WORK", actor: applicant });
    refused(assessing, { type: "AUTHORISE_WORK", actor: brussels });
    refused(snapshot, { type: "AUTHORISE_WORK", actor: flanders }); // not before the file is complete
  });

  it("joins into the OE review only when both the work decision and the pre-checks are done, in either order", () => {
    const assessing = run(start(), { type: "DECLARE_COMPLETE", actor: flanders });
    const workFirst = run(assessing, { type: "AUTHORISE_WORK", actor: flanders });
    expect(caseStatus(workFirst)).toBe("awaiting-oe-pre-checks");
    expect(caseStatus(run(workFirst, { type: "PRE_CHECKS_DONE", actor: oe }))).toBe("oe-review");

    const checksFirst = run(assessing, { type: "PRE_CHECKS_DONE", actor: oe });
    expect(caseStatus(checksFirst)).toBe("regional-assessment");
    expect(caseStatus(run(checksFirst, { type: "AUTHORISE_WORK", actor: flanders }))).toBe("oe-review");
    refused(assessing, { type: "PRE_CHECKS_DONE", actor: flanders });
  });

  it("records the decisions with their annex: 46 grant, 48 refusal, and a reasoned work refusal", () => {
    const review = run(
      start(),
      { type: "DECLARE_COMPLETE", actor: flanders },
      { type: "PRE_CHECKS_DONE", actor: oe },
      { type: "AUTHORISE_WORK", actor: flanders },
    );
    const withDocuments = run(review, { type: "REQUEST_DOCUMENTS", actor: oe });
    expect(caseStatus(withDocuments)).toBe("oe-awaiting-documents");
    expect(caseStatus(run(withDocuments, { type: "DOCUMENTS_PROVIDED", actor: applicant }))).toBe("oe-review");

    const granted = run(review, { type: "GRANT_RESIDENCE", actor: oe });
    expect(caseStatus(granted)).toBe("granted");
    expect(granted.context.decision).toMatchObject({ annex: "46", outcome: "granted", by: "oe" });

    refused(review, { type: "REFUSE_RESIDENCE", actor: oe, reason: "  " });
    const refusedResidence = run(review, { type: "REFUSE_RESIDENCE", actor: oe, reason: "Public order." });
    expect(refusedResidence.context.decision).toMatchObject({ annex: "48", reason: "Public order." });

    const assessing = run(start(), { type: "DECLARE_COMPLETE", actor: flanders });
    refused(assessing, { type: "REFUSE_WORK", actor: flanders, reason: "" });
    const workRefused = run(assessing, { type: "REFUSE_WORK", actor: flanders, reason: "Salary below the threshold." });
    expect(caseStatus(workRefused)).toBe("refused");
    expect(workRefused.context.decision).toMatchObject({ by: "region", reason: "Salary below the threshold." });
  });

  it("reroutes to another region, which starts its completeness check; the OE pre-checks keep their progress", () => {
    const checked = run(start(), { type: "PRE_CHECKS_DONE", actor: oe }, { type: "DECLARE_COMPLETE", actor: flanders });
    refused(checked, { type: "REROUTE", actor: flanders, to: "flanders", reason: "same region" });
    refused(checked, { type: "REROUTE", actor: flanders, to: "brussels", reason: "" });
    refused(checked, { type: "REROUTE", actor: brussels, to: "wallonia", reason: "not his case" });
    const moved = run(checked, { type: "REROUTE", actor: flanders, to: "brussels", reason: "Works in Brussels." });
    expect(moved.context.authority).toBe("brussels");
    expect(caseStatus(moved)).toBe("regional-completeness");
    expect(moved.matches({ regionalReview: { oePreChecks: "done" } })).toBe(true);
    refused(moved, { type: "DECLARE_COMPLETE", actor: flanders });
    expect(caseStatus(run(moved, { type: "DECLARE_COMPLETE", actor: brussels }))).toBe("regional-assessment");
  });

  it("grants by law only where the law still does, and otherwise escalates", () => {
    const general = start("general");
    const deemed = run(general, { type: "DEEMED_GRANT", actor: system, startedOn: "2026-01-05" });
    expect(caseStatus(deemed)).toBe("granted");
    expect(deemed.context.decision?.annex).toBe("47");
    refused(general, { type: "DEEMED_GRANT", actor: flanders, startedOn: "2026-01-05" });

    const seasonal = start("seasonal");
    refused(seasonal, { type: "DEEMED_GRANT", actor: system, startedOn: "2026-01-05" });
    expect(caseStatus(run(seasonal, { type: "DEEMED_GRANT", actor: system, startedOn: "2024-01-05" }))).toBe("granted");
    const escalated = run(seasonal, { type: "DEADLINE_MISSED", actor: system, startedOn: "2026-01-05" });
    expect(escalated.context.escalated).toBe(true);
    expect(caseStatus(escalated)).toBe("regional-completeness");
    expect(run(escalated, { type: "DECLARE_COMPLETE", actor: flanders }).context.escalated).toBe(false);
  });

  it("can be withdrawn by the applicant from every open state, and from no closed one", () => {
    const open = [
      start(),
      run(start(), { type: "REQUEST_DOCUMENTS", actor: flanders }),
      run(start(), { type: "DECLARE_COMPLETE", actor: flanders }),
      run(start(), { type: "DECLARE_COMPLETE", actor: flanders }, { type: "AUTHORISE_WORK", actor: flanders }),
      run(start(), { type: "DECLARE_COMPLETE", actor: flanders }, { type: "AUTHORISE_WORK", actor: flanders }, { type: "PRE_CHECKS_DONE", actor: oe }),
    ];
    for (const snapshot of open) {
      refused(snapshot, { type: "WITHDRAW", actor: flanders });
      expect(caseStatus(run(snapshot, { type: "WITHDRAW", actor: applicant }))).toBe("withdrawn");
    }
    const withdrawn = run(start(), { type: "WITHDRAW", actor: applicant });
    refused(withdrawn, { type: "WITHDRAW", actor: applicant });
    refused(withdrawn, { type: "DECLARE_COMPLETE", actor: flanders });
  });

  it("issues and revokes a granted permit: by the OE or the deciding region, with reasons", () => {
    const granted = run(start(), { type: "DEEMED_GRANT", actor: system, startedOn: "2026-01-05" });
    refused(granted, { type: "PERMIT_ISSUED", actor: oe });
    const issued = run(granted, { type: "PERMIT_ISSUED", actor: system });
    expect(caseStatus(issued)).toBe("issued");
    refused(issued, { type: "REVOKE", actor: brussels, reason: "Fraud." });
    refused(issued, { type: "REVOKE", actor: oe, reason: "" });
    refused(issued, { type: "REVOKE", actor: applicant, reason: "No." });
    expect(caseStatus(run(issued, { type: "REVOKE", actor: flanders, reason: "End of employment." }))).toBe("revoked");
    const revoked = run(issued, { type: "REVOKE", actor: oe, reason: "Public order." });
    expect(revoked.context.decision).toMatchObject({ outcome: "revoked", by: "oe", reason: "Public order." });
  });

  it("survives a JSON round trip and offers each person only the buttons he may press", () => {
    const snapshot = run(start(), { type: "DECLARE_COMPLETE", actor: flanders }, { type: "PRE_CHECKS_DONE", actor: oe });
    const restored = restoreCase(JSON.parse(JSON.stringify(persistCase(snapshot))));
    expect(caseStatus(restored)).toBe("regional-assessment");
    expect(restored.context).toEqual(snapshot.context);
    expect(caseStatus(run(restored, { type: "AUTHORISE_WORK", actor: flanders }))).toBe("oe-review");

    expect(allowedEvents(restored, flanders).sort()).toEqual(["AUTHORISE_WORK", "REFUSE_WORK", "REQUEST_DOCUMENTS", "REROUTE"]);
    expect(allowedEvents(restored, brussels)).toEqual([]);
    expect(allowedEvents(restored, applicant)).toEqual(["WITHDRAW"]);
    expect(allowedEvents(restored, oe)).toEqual([]);
  });
});
