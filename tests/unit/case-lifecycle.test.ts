import { describe, expect, it } from "vitest";
import {
  allowedEvents,
  CASE_STATUSES,
  caseStatus,
  caseTransition,
  initialCaseSnapshot,
  oePreChecksPending,
  persistCase,
  restoreCase,
  withWhom,
  type CaseActor,
  type CaseEvent,
  type CaseInput,
  type CaseSnapshot,
} from "../../workflows/case-lifecycle";
import type { ClockCategory } from "../../workflows/legal-clock";

const applicant: CaseActor = { role: "applicant" };
const flanders: CaseActor = { role: "regional-officer", authority: "flanders" };
const brussels: CaseActor = { role: "regional-officer", authority: "brussels" };
const noRegion: CaseActor = { role: "regional-officer" };
const oe: CaseActor = { role: "oe-officer", authority: "oe" };
const system: CaseActor = { role: "system" };

const input = (category: ClockCategory = "general", kind: CaseInput["kind"] = "single"): CaseInput => ({ kind, authority: "flanders", category });

function start(category: ClockCategory = "general", kind: CaseInput["kind"] = "single"): CaseSnapshot {
  return initialCaseSnapshot(input(category, kind));
}

/** Sends events in order; every one must be accepted. */
function run(snapshot: CaseSnapshot, ...events: CaseEvent[]): CaseSnapshot {
  return events.reduce((current, event) => {
    const result = caseTransition(current, event);
    if (!result.ok) throw new Error(`${event.type} by ${event.actor.role} refused in ${caseStatus(current)}`);
    expect(result.changed).toBe(true);
    return result.snapshot;
  }, snapshot);
}

const refused = (snapshot: CaseSnapshot, event: CaseEvent) =>
  expect(caseTransition(snapshot, event)).toEqual({ ok: false, reason: "not-allowed" });

const declareComplete: CaseEvent = { type: "DECLARE_COMPLETE", actor: flanders };
const authoriseWork: CaseEvent = { type: "AUTHORISE_WORK", actor: flanders };
const preChecksDone: CaseEvent = { type: "PRE_CHECKS_DONE", actor: oe };

const assessing = () => run(start(), declareComplete);
const workAuthorised = () => run(start(), declareComplete, authoriseWork);
const inOeReview = () => run(start(), declareComplete, authoriseWork, preChecksDone);
const granted = () => run(inOeReview(), { type: "GRANT_RESIDENCE", actor: oe });
const issued = () => run(granted(), { type: "PERMIT_ISSUED", actor: system });

describe("starting a case", () => {
  it("starts with the region checking completeness and the OE pre-checks pending", () => {
    const snapshot = start();
    expect(caseStatus(snapshot)).toBe("regional-completeness");
    expect(oePreChecksPending(snapshot)).toBe(true);
    expect(snapshot.context).toEqual({ kind: "single", authority: "flanders", category: "general", decision: null, escalated: false, proposal: null });
  });

  it("runs a permanent permit through the same machine, OE pre-checks included", () => {
    const snapshot = run(start("permanent", "permanent"), declareComplete, authoriseWork);
    expect(caseStatus(snapshot)).toBe("awaiting-oe-pre-checks");
    expect(caseStatus(run(snapshot, preChecksDone))).toBe("oe-review");
  });

  it("starts from the input when there is no snapshot yet", () => {
    const result = caseTransition(null, input(), declareComplete);
    expect(result.ok && caseStatus(result.snapshot)).toBe("regional-assessment");
    expect(caseTransition(null, input(), { type: "DECLARE_COMPLETE", actor: brussels })).toEqual({ ok: false, reason: "not-allowed" });
    expect(() => caseTransition(null as unknown as CaseSnapshot, declareComplete)).toThrow();
  });
});

describe("the regional review", () => {
  it("goes completeness ⇄ awaiting documents, then assessment", () => {
    let snapshot = run(start(), { type: "REQUEST_DOCUMENTS", actor: flanders });
    expect(caseStatus(snapshot)).toBe("regional-awaiting-documents");
    refused(snapshot, { type: "DOCUMENTS_PROVIDED", actor: flanders });
    refused(snapshot, { type: "DOCUMENTS_PROVIDED", actor: oe });
    refused(snapshot, declareComplete); // not while waiting for the applicant
    snapshot = run(snapshot, { type: "DOCUMENTS_PROVIDED", actor: applicant });
    expect(caseStatus(snapshot)).toBe("regional-completeness");
    refused(snapshot, { type: "DOCUMENTS_PROVIDED", actor: applicant }); // nothing was asked
    snapshot = run(snapshot, declareComplete);
    expect(caseStatus(snapshot)).toBe("regional-assessment");
  });

  it("sends documents requested during the assessment back through the completeness check", () => {
    const waiting = run(assessing(), { type: "REQUEST_DOCUMENTS", actor: flanders });
    expect(caseStatus(waiting)).toBe("regional-awaiting-documents");
    expect(caseStatus(run(waiting, { type: "DOCUMENTS_PROVIDED", actor: applicant }))).toBe("regional-completeness");
  });

  it("lets only the officers of the case's own region act for the region", () => {
    const snapshot = start();
    for (const actor of [brussels, noRegion, applicant, oe, system]) {
      refused(snapshot, { type: "DECLARE_COMPLETE", actor });
      refused(snapshot, { type: "REQUEST_DOCUMENTS", actor });
      refused(assessing(), { type: "AUTHORISE_WORK", actor });
      refused(assessing(), { type: "REFUSE_WORK", actor, reason: "No." });
    }
    refused(snapshot, authoriseWork); // not before the file is complete
    refused(snapshot, { type: "REFUSE_WORK", actor: flanders, reason: "Too early." });
  });

  it("refuses the work with a reason, which ends the whole case", () => {
    refused(assessing(), { type: "REFUSE_WORK", actor: flanders, reason: "" });
    refused(assessing(), { type: "REFUSE_WORK", actor: flanders, reason: "   " });
    const workRefused = run(assessing(), { type: "REFUSE_WORK", actor: flanders, reason: " Salary below the threshold. " });
    expect(caseStatus(workRefused)).toBe("refused");
    expect(workRefused.status).toBe("done");
    expect(workRefused.context.decision).toEqual({ by: "region", outcome: "refused", annex: null, reason: "Salary below the threshold." });
    refused(workRefused, preChecksDone);
    refused(workRefused, { type: "WITHDRAW", actor: applicant });
  });

  it("joins into the OE review only when the work is authorised and the pre-checks are done: work first", () => {
    const snapshot = workAuthorised();
    expect(caseStatus(snapshot)).toBe("awaiting-oe-pre-checks");
    expect(withWhom(caseStatus(snapshot))).toBe("oe");
    refused(snapshot, { type: "PRE_CHECKS_DONE", actor: flanders });
    refused(snapshot, { type: "GRANT_RESIDENCE", actor: oe }); // no residence decision before the join
    refused(snapshot, authoriseWork); // already authorised
    const joined = run(snapshot, preChecksDone);
    expect(caseStatus(joined)).toBe("oe-review");
    expect(joined.value).toEqual({ oeReview: "assessment" });
  });

  it("joins into the OE review only when the work is authorised and the pre-checks are done: checks first", () => {
    const checked = run(start(), preChecksDone);
    expect(caseStatus(checked)).toBe("regional-completeness");
    expect(oePreChecksPending(checked)).toBe(false);
    refused(checked, preChecksDone); // done once
    const stillRegional = run(checked, declareComplete);
    expect(caseStatus(stillRegional)).toBe("regional-assessment");
    expect(caseStatus(run(stillRegional, authoriseWork))).toBe("oe-review");
    refused(start(), { type: "PRE_CHECKS_DONE", actor: applicant });
    refused(start(), { type: "PRE_CHECKS_DONE", actor: system });
  });

  it("reroutes to another region, which starts afresh at completeness; the OE pre-checks keep their progress", () => {
    const checked = run(start(), preChecksDone, declareComplete);
    refused(checked, { type: "REROUTE", actor: flanders, to: "flanders", reason: "same region" });
    refused(checked, { type: "REROUTE", actor: flanders, to: "brussels", reason: "" });
    refused(checked, { type: "REROUTE", actor: brussels, to: "wallonia", reason: "not her case" });
    refused(checked, { type: "REROUTE", actor: oe, to: "wallonia", reason: "not the OE's call" });
    refused(checked, { type: "REROUTE", actor: flanders, to: "luxembourg" as never, reason: "no such region" });

    const moved = run(checked, { type: "REROUTE", actor: flanders, to: "brussels", reason: "Works in Brussels." });
    expect(moved.context.authority).toBe("brussels");
    expect(caseStatus(moved)).toBe("regional-completeness"); // from assessment, no history kept
    expect(oePreChecksPending(moved)).toBe(false);
    refused(moved, declareComplete); // Flanders has lost the case
    refused(moved, { type: "REROUTE", actor: flanders, to: "wallonia", reason: "again" });
    expect(caseStatus(run(moved, { type: "DECLARE_COMPLETE", actor: brussels }))).toBe("regional-assessment");
    // Already complete in Brussels, and the pre-checks were kept: authorising the work joins at once.
    expect(caseStatus(run(moved, { type: "DECLARE_COMPLETE", actor: brussels }, { type: "AUTHORISE_WORK", actor: brussels }))).toBe("oe-review");
  });

  it("reroutes from completeness and from awaiting documents too, but not once the work is authorised", () => {
    const fromCompleteness = run(start(), { type: "REROUTE", actor: flanders, to: "dg", reason: "Eupen." });
    expect(fromCompleteness.context.authority).toBe("dg");
    expect(caseStatus(fromCompleteness)).toBe("regional-completeness");
    expect(oePreChecksPending(fromCompleteness)).toBe(true);

    const waiting = run(start(), { type: "REQUEST_DOCUMENTS", actor: flanders });
    const fromWaiting = run(waiting, { type: "REROUTE", actor: flanders, to: "wallonia", reason: "Liège." });
    expect(caseStatus(fromWaiting)).toBe("regional-completeness");
    expect(fromWaiting.context.authority).toBe("wallonia");

    refused(workAuthorised(), { type: "REROUTE", actor: flanders, to: "brussels", reason: "too late" });
    refused(inOeReview(), { type: "REROUTE", actor: flanders, to: "brussels", reason: "too late" });
  });
});

describe("the OE review", () => {
  it("asks the applicant for documents and gets them back", () => {
    refused(inOeReview(), { type: "REQUEST_DOCUMENTS", actor: flanders }); // the region is done
    const waiting = run(inOeReview(), { type: "REQUEST_DOCUMENTS", actor: oe });
    expect(caseStatus(waiting)).toBe("oe-awaiting-documents");
    expect(withWhom(caseStatus(waiting))).toBe("applicant");
    refused(waiting, { type: "GRANT_RESIDENCE", actor: oe }); // not while waiting
    refused(waiting, { type: "DOCUMENTS_PROVIDED", actor: oe });
    expect(caseStatus(run(waiting, { type: "DOCUMENTS_PROVIDED", actor: applicant }))).toBe("oe-review");
  });

  it("grants with annex 46, by the OE only", () => {
    for (const actor of [flanders, applicant, system]) refused(inOeReview(), { type: "GRANT_RESIDENCE", actor });
    const snapshot = granted();
    expect(caseStatus(snapshot)).toBe("granted");
    expect(snapshot.context.decision).toEqual({ by: "oe", outcome: "granted", annex: "46", reason: null });
  });

  it("refuses with annex 48 and a reason, by the OE only", () => {
    refused(inOeReview(), { type: "REFUSE_RESIDENCE", actor: oe, reason: "  " });
    refused(inOeReview(), { type: "REFUSE_RESIDENCE", actor: flanders, reason: "Public order." });
    const snapshot = run(inOeReview(), { type: "REFUSE_RESIDENCE", actor: oe, reason: "Public order." });
    expect(caseStatus(snapshot)).toBe("refused");
    expect(snapshot.context.decision).toEqual({ by: "oe", outcome: "refused", annex: "48", reason: "Public order." });
  });
});

describe("missed deadlines", () => {
  it("grants by law (annex 47) where the law still does, from the regional review and from the OE review", () => {
    for (const snapshot of [start("general"), assessing(), workAuthorised(), inOeReview()]) {
      const deemed = run(snapshot, { type: "DEEMED_GRANT", actor: system, filedOn: "2026-01-05" });
      expect(caseStatus(deemed)).toBe("granted");
      expect(deemed.context.decision).toEqual({ by: "law", outcome: "granted", annex: "47", reason: null });
    }
    // Only the system decides that a deadline passed.
    for (const actor of [flanders, oe, applicant]) refused(start(), { type: "DEEMED_GRANT", actor, filedOn: "2026-01-05" });
    refused(start(), { type: "DEEMED_GRANT", actor: system, filedOn: "not a date" });
    refused(granted(), { type: "DEEMED_GRANT", actor: system, filedOn: "2026-01-05" });
  });

  it("gives no deemed grant to the 2024 categories since 5 April 2024, but escalates instead", () => {
    for (const category of ["directive", "seasonal", "seasonal-returning", "seasonal-renewal"] as const) {
      refused(start(category), { type: "DEEMED_GRANT", actor: system, filedOn: "2024-04-05" });
      refused(run(start(category), declareComplete, authoriseWork, preChecksDone), { type: "DEEMED_GRANT", actor: system, filedOn: "2026-01-05" });
      // Applications whose clock started before the new rules keep the deemed grant.
      expect(caseStatus(run(start(category), { type: "DEEMED_GRANT", actor: system, filedOn: "2024-04-04" }))).toBe("granted");
    }
    // No source gives the unlimited permit a deemed grant: it is escalated instead.
    refused(start("permanent", "permanent"), { type: "DEEMED_GRANT", actor: system, filedOn: "2026-01-05" });

    const escalated = run(start("seasonal"), { type: "DEADLINE_MISSED", actor: system, filedOn: "2026-01-05" });
    expect(escalated.context.escalated).toBe(true);
    expect(caseStatus(escalated)).toBe("regional-completeness"); // stays where it was
    refused(escalated, { type: "DEADLINE_MISSED", actor: system, filedOn: "2026-01-05" }); // once
    refused(start("seasonal"), { type: "DEADLINE_MISSED", actor: flanders, filedOn: "2026-01-05" });
    // An officer acting deals with the escalation.
    expect(run(escalated, declareComplete).context.escalated).toBe(false);

    const lateOe = run(inOeReview(), { type: "DEADLINE_MISSED", actor: system, filedOn: "2026-01-05" });
    expect(caseStatus(lateOe)).toBe("oe-review");
    expect(lateOe.context.escalated).toBe(true);
    expect(run(lateOe, { type: "GRANT_RESIDENCE", actor: oe }).context.escalated).toBe(false);
    refused(granted(), { type: "DEADLINE_MISSED", actor: system, filedOn: "2026-01-05" });
  });
});

describe("withdrawal", () => {
  it("can be withdrawn by the applicant from every open state, and by nobody else", () => {
    const open = [
      start(),
      run(start(), { type: "REQUEST_DOCUMENTS", actor: flanders }),
      assessing(),
      workAuthorised(),
      run(start(), preChecksDone),
      inOeReview(),
      run(inOeReview(), { type: "REQUEST_DOCUMENTS", actor: oe }),
    ];
    expect(open.map(caseStatus)).toEqual([
      "regional-completeness",
      "regional-awaiting-documents",
      "regional-assessment",
      "awaiting-oe-pre-checks",
      "regional-completeness",
      "oe-review",
      "oe-awaiting-documents",
    ]);
    for (const snapshot of open) {
      for (const actor of [flanders, oe, system]) refused(snapshot, { type: "WITHDRAW", actor });
      const withdrawn = run(snapshot, { type: "WITHDRAW", actor: applicant });
      expect(caseStatus(withdrawn)).toBe("withdrawn");
      expect(withdrawn.status).toBe("done");
    }
  });

  it("cannot be withdrawn once closed or decided, and a closed case accepts nothing", () => {
    const withdrawn = run(start(), { type: "WITHDRAW", actor: applicant });
    refused(withdrawn, { type: "WITHDRAW", actor: applicant });
    refused(withdrawn, declareComplete);
    refused(withdrawn, { type: "DEEMED_GRANT", actor: system, filedOn: "2026-01-05" });
    refused(granted(), { type: "WITHDRAW", actor: applicant });
    refused(issued(), { type: "WITHDRAW", actor: applicant });
  });
});

describe("issue and revocation", () => {
  it("issues a granted permit on the system's word only", () => {
    refused(granted(), { type: "PERMIT_ISSUED", actor: oe });
    refused(granted(), { type: "PERMIT_ISSUED", actor: applicant });
    refused(inOeReview(), { type: "PERMIT_ISSUED", actor: system });
    expect(caseStatus(issued())).toBe("issued");
    refused(issued(), { type: "PERMIT_ISSUED", actor: system });
  });

  it("revokes with a reason, by the OE or the region the case is with, never by another region", () => {
    refused(issued(), { type: "REVOKE", actor: brussels, reason: "Fraud." });
    refused(issued(), { type: "REVOKE", actor: noRegion, reason: "Fraud." });
    refused(issued(), { type: "REVOKE", actor: applicant, reason: "No." });
    refused(issued(), { type: "REVOKE", actor: system, reason: "No." });
    refused(issued(), { type: "REVOKE", actor: oe, reason: "" });
    const byRegion = run(issued(), { type: "REVOKE", actor: flanders, reason: "Forged diploma.", ground: "fraud" });
    expect(caseStatus(byRegion)).toBe("revoked");
    expect(byRegion.context.decision).toEqual({ by: "region", outcome: "revoked", annex: "46", reason: "Forged diploma.", ground: "fraud" });
    refused(issued(), { type: "REVOKE", actor: flanders, reason: "Fraud.", ground: "whim" as never });
    const byOe = run(issued(), { type: "REVOKE", actor: oe, reason: "Public order." });
    expect(byOe.context.decision).toMatchObject({ outcome: "revoked", by: "oe", reason: "Public order." });
    expect(byOe.status).toBe("done");
    refused(byOe, { type: "REVOKE", actor: oe, reason: "Twice." });
    // A grant not yet issued can be revoked as well.
    expect(caseStatus(run(granted(), { type: "REVOKE", actor: oe, reason: "Fraud found before delivery." }))).toBe("revoked");
    refused(inOeReview(), { type: "REVOKE", actor: oe, reason: "Nothing to revoke." });
  });
});

describe("statuses", () => {
  it("names every status and says whose turn it is", () => {
    expect([...CASE_STATUSES].sort()).toEqual(
      [
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
      ].sort(),
    );
    expect(withWhom("regional-completeness")).toBe("region");
    expect(withWhom("regional-assessment")).toBe("region");
    expect(withWhom("regional-awaiting-documents")).toBe("applicant");
    expect(withWhom("oe-review")).toBe("oe");
    for (const status of ["granted", "issued", "refused", "inadmissible", "revoked", "ended", "withdrawn"] as const) expect(withWhom(status)).toBe("nobody");
  });
});

describe("persistence and buttons", () => {
  it("survives a JSON round trip, mid-way through the parallel review", () => {
    const snapshot = run(start(), declareComplete, preChecksDone, { type: "DEADLINE_MISSED", actor: system, filedOn: "2026-01-05" });
    const json = JSON.stringify(persistCase(snapshot));
    for (const restored of [restoreCase(JSON.parse(json)), restoreCase(json)]) {
      expect(caseStatus(restored)).toBe("regional-assessment");
      expect(restored.value).toEqual(snapshot.value);
      expect(restored.context).toEqual(snapshot.context);
      expect(oePreChecksPending(restored)).toBe(false);
      expect(caseStatus(run(restored, authoriseWork))).toBe("oe-review");
    }
  });

  it("restores closed cases as closed, and refuses what is not a snapshot", () => {
    const withdrawn = restoreCase(JSON.parse(JSON.stringify(persistCase(run(start(), { type: "WITHDRAW", actor: applicant })))));
    expect(caseStatus(withdrawn)).toBe("withdrawn");
    expect(withdrawn.status).toBe("done");
    refused(withdrawn, declareComplete);
    const revoked = restoreCase(JSON.stringify(persistCase(run(issued(), { type: "REVOKE", actor: oe, reason: "Fraud." }))));
    expect(revoked.context.decision).toMatchObject({ outcome: "revoked", annex: "46", reason: "Fraud." });
    expect(() => restoreCase(null)).toThrow();
    expect(() => restoreCase({ hello: "world" })).toThrow();
    expect(() => restoreCase({ ...(persistCase(start()) as object), value: "limbo" })).toThrow();
  });

  it("refuses malformed events instead of throwing", () => {
    refused(start(), { type: "DECLARE_COMPLETE" } as unknown as CaseEvent);
    refused(start(), { type: "MAKE_COFFEE", actor: flanders } as unknown as CaseEvent);
  });

  it("offers each person only the buttons he may press", () => {
    const snapshot = run(start(), declareComplete, preChecksDone);
    expect(allowedEvents(snapshot, flanders)).toEqual(["REQUEST_DOCUMENTS", "AUTHORISE_WORK", "REFUSE_WORK", "REROUTE"]);
    expect(allowedEvents(snapshot, brussels)).toEqual([]);
    expect(allowedEvents(snapshot, applicant)).toEqual(["WITHDRAW"]);
    // The OE may declare the file inadmissible (no fee) while the region assesses it.
    expect(allowedEvents(snapshot, oe)).toEqual(["DECLARE_INADMISSIBLE"]);

    expect(allowedEvents(start(), flanders)).toEqual(["DECLARE_COMPLETE", "REQUEST_DOCUMENTS", "REROUTE", "DECLARE_INADMISSIBLE"]);
    expect(allowedEvents(start(), oe)).toEqual(["PRE_CHECKS_DONE", "DECLARE_INADMISSIBLE"]);
    expect(allowedEvents(inOeReview(), oe)).toEqual(["REQUEST_DOCUMENTS", "GRANT_RESIDENCE", "REFUSE_RESIDENCE", "DECLARE_INADMISSIBLE"]);
    expect(allowedEvents(inOeReview(), oe, { extensible: true })).toContain("EXTEND_TERM");
    expect(allowedEvents(start("seasonal"), flanders)).toEqual(["DECLARE_COMPLETE", "REQUEST_DOCUMENTS", "REROUTE", "DECLARE_INADMISSIBLE", "SET_CLOCK_CATEGORY"]);
    expect(allowedEvents(issued(), oe)).toEqual(["REVOKE"]);
    expect(allowedEvents(issued(), flanders)).toEqual(["REVOKE", "END_EMPLOYMENT"]);
    expect(allowedEvents(issued(), brussels)).toEqual([]);
    expect(allowedEvents(granted(), system)).toEqual(["PERMIT_ISSUED"]);
    expect(allowedEvents(start("general"), system, { filedOn: "2026-01-05" })).toEqual(["DEEMED_GRANT", "DEADLINE_MISSED"]);
    expect(allowedEvents(start("directive"), system, { filedOn: "2026-01-05" })).toEqual(["DEADLINE_MISSED"]);
    expect(allowedEvents(run(start(), { type: "WITHDRAW", actor: applicant }), applicant)).toEqual([]);
  });
});

describe("inadmissibility", () => {
  const awaiting = () => run(start(), { type: "REQUEST_DOCUMENTS", actor: flanders });

  it("is the region's at the completeness check or while documents are awaited, with a ground and reasons", () => {
    for (const snapshot of [start(), awaiting()]) {
      const inadmissible = run(snapshot, { type: "DECLARE_INADMISSIBLE", actor: flanders, reason: "Contract never sent.", ground: "not-completed" });
      expect(caseStatus(inadmissible)).toBe("inadmissible");
      expect(inadmissible.context.decision).toEqual({ by: "region", outcome: "inadmissible", annex: null, reason: "Contract never sent.", ground: "not-completed" });
    }
    refused(start(), { type: "DECLARE_INADMISSIBLE", actor: flanders, reason: "", ground: "not-completed" });
    refused(start(), { type: "DECLARE_INADMISSIBLE", actor: flanders, reason: "x", ground: "because" as never });
    refused(start(), { type: "DECLARE_INADMISSIBLE", actor: brussels, reason: "x", ground: "other" });
    refused(start(), { type: "DECLARE_INADMISSIBLE", actor: applicant, reason: "x", ground: "other" });
    // Once the region assesses the merits it refuses or authorises; it no longer declares inadmissibility.
    refused(assessing(), { type: "DECLARE_INADMISSIBLE", actor: flanders, reason: "x", ground: "other" });
  });

  it("is the OE's until it decides, e.g. for a missing fee", () => {
    for (const snapshot of [start(), assessing(), workAuthorised(), inOeReview(), run(inOeReview(), { type: "REQUEST_DOCUMENTS", actor: oe })]) {
      const inadmissible = run(snapshot, { type: "DECLARE_INADMISSIBLE", actor: oe, reason: "No proof of the fee.", ground: "fee-missing" });
      expect(inadmissible.context.decision).toMatchObject({ by: "oe", outcome: "inadmissible", ground: "fee-missing" });
    }
    refused(granted(), { type: "DECLARE_INADMISSIBLE", actor: oe, reason: "x", ground: "fee-missing" });
  });

  it("is proposed once by the system when a request lapses, and the proposal ends with the answer", () => {
    const lapsed = run(awaiting(), { type: "REQUEST_LAPSED", actor: system, dueOn: "2026-02-16" });
    expect(caseStatus(lapsed)).toBe("regional-awaiting-documents");
    expect(lapsed.context.proposal).toEqual({ kind: "inadmissible", reason: "request-lapsed", dueOn: "2026-02-16" });
    refused(lapsed, { type: "REQUEST_LAPSED", actor: system, dueOn: "2026-02-16" });
    refused(awaiting(), { type: "REQUEST_LAPSED", actor: flanders, dueOn: "2026-02-16" });
    refused(start(), { type: "REQUEST_LAPSED", actor: system, dueOn: "2026-02-16" }); // nothing requested
    // The officer confirms …
    expect(run(lapsed, { type: "DECLARE_INADMISSIBLE", actor: flanders, reason: "Not completed in time.", ground: "not-completed" }).context.proposal).toBeNull();
    // … or the applicant answers late, before the officer acted: the proposal is moot.
    expect(run(lapsed, { type: "DOCUMENTS_PROVIDED", actor: applicant }).context.proposal).toBeNull();
    // A snapshot stored before proposals existed has none.
    const old = { ...(persistCase(awaiting()) as { context: object }) };
    const { proposal: _gone, ...context } = old.context as { proposal?: unknown };
    expect(restoreCase({ ...old, context }).context.proposal).toBeUndefined();
    expect(caseStatus(run(restoreCase({ ...old, context }), { type: "REQUEST_LAPSED", actor: system, dueOn: "2026-02-16" }))).toBe("regional-awaiting-documents");
  });
});

describe("the seasonal clock, the extension, and the end of employment", () => {
  it("lets the case's officers switch between the seasonal clocks, with reasons", () => {
    const returning = run(start("seasonal"), { type: "SET_CLOCK_CATEGORY", actor: flanders, category: "seasonal-returning", reason: "Admitted in 2024." });
    expect(returning.context.category).toBe("seasonal-returning");
    expect(run(returning, { type: "SET_CLOCK_CATEGORY", actor: oe, category: "seasonal-renewal", reason: "A renewal." }).context.category).toBe("seasonal-renewal");
    refused(start("seasonal"), { type: "SET_CLOCK_CATEGORY", actor: flanders, category: "seasonal", reason: "Same." });
    refused(start("general"), { type: "SET_CLOCK_CATEGORY", actor: flanders, category: "seasonal-renewal", reason: "Not seasonal." });
    refused(start("seasonal"), { type: "SET_CLOCK_CATEGORY", actor: flanders, category: "general", reason: "Not seasonal." });
    refused(start("seasonal"), { type: "SET_CLOCK_CATEGORY", actor: brussels, category: "seasonal-renewal", reason: "Not mine." });
    refused(start("seasonal"), { type: "SET_CLOCK_CATEGORY", actor: flanders, category: "seasonal-renewal", reason: " " });
  });

  it("ends the work authorisation after the end of employment: the region of the case only", () => {
    const ended = run(issued(), { type: "END_EMPLOYMENT", actor: flanders, reason: "The contract ended on 30 June." });
    expect(caseStatus(ended)).toBe("ended");
    expect(ended.context.decision).toMatchObject({ by: "region", outcome: "ended", ground: "end-of-employment", annex: "46" });
    refused(issued(), { type: "END_EMPLOYMENT", actor: oe, reason: "x" });
    refused(issued(), { type: "END_EMPLOYMENT", actor: brussels, reason: "x" });
    refused(inOeReview(), { type: "END_EMPLOYMENT", actor: flanders, reason: "x" });
  });
});
