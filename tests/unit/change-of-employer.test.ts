import { describe, expect, it } from "vitest";
import { caseDueDate, clockAfter, clockAtSubmission, overdueAction } from "../../workflows/case-clock";
import {
  CHANGE_OF_EMPLOYER_RULES,
  changeOfEmployerTerm,
  minimumPeriodMet,
  oppositionWindowState,
  residenceAffected,
} from "../../workflows/change-of-employer";
import { deemedGrantApplies } from "../../workflows/legal-clock";
import { caseStatus, caseTransition, initialCaseSnapshot } from "../../workflows/case-lifecycle";

describe("the term of a change of employer", () => {
  it("is the 45-day opposition window from the notification once the recast applies", () => {
    // Friday 27 November 2026 + 45 days = Monday 11 January 2027.
    const term = changeOfEmployerTerm("2026-11-27");
    expect(term).toMatchObject({ endsOn: "2027-01-11", oppositionWindow: true });
    expect(term.rule.id).toBe("decision.change-of-employer.2024-1233");
    expect(term.rule.unconfirmed).toMatch(/transposition/);
  });

  it("moves a window ending on a legal holiday to the next working day", () => {
    // 6 June 2026 + 45 days = Tuesday 21 July 2026, the National Day.
    expect(changeOfEmployerTerm("2026-06-06").endsOn).toBe("2026-07-22");
  });

  it("before 21 May 2026 is a new application's four months, counted from admissibility", () => {
    const term = changeOfEmployerTerm("2026-01-31");
    expect(term).toMatchObject({ oppositionWindow: false });
    expect(term.endsOn).toBe("2026-06-01"); // 31 May 2026 is a Sunday
    const filed = clockAtSubmission("2026-05-20", "change-of-employer");
    expect(filed.phase).toBe("completeness");
  });

  it("runs from the filing itself: the clock is in its decision phase at once", () => {
    const filed = clockAtSubmission("2026-11-27", "change-of-employer");
    expect(filed.phase).toBe("decision");
    expect(caseDueDate(filed, "2026-11-27")).toBe("2027-01-11");
    // Declaring the file complete does not restart it.
    expect(caseDueDate(clockAfter(filed, "DECLARE_COMPLETE", "2026-12-15", "change-of-employer"), "2026-12-15")).toBe("2027-01-11");
  });

  it("allows the change when no decision came within the window (the sweep's deemed grant)", () => {
    const filed = clockAtSubmission("2026-11-27", "change-of-employer");
    expect(deemedGrantApplies("change-of-employer", "2026-11-27")).toBe(true);
    expect(overdueAction(filed, "change-of-employer", "2027-01-11")).toBeNull(); // the last day is still open
    expect(overdueAction(filed, "change-of-employer", "2027-01-12")).toBe("DEEMED_GRANT");
  });

  it("tells the tracker the days left, then that the window passed", () => {
    expect(oppositionWindowState("2027-01-11", "2026-12-27")).toEqual({ state: "open", endsOn: "2027-01-11", daysLeft: 15 });
    expect(oppositionWindowState("2027-01-11", "2027-01-11")).toEqual({ state: "open", endsOn: "2027-01-11", daysLeft: 0 });
    expect(oppositionWindowState("2027-01-11", "2027-01-12")).toEqual({ state: "lapsed", endsOn: "2027-01-11" });
  });
});

describe("what the change asks and who decides", () => {
  it("asks Flanders' labour-market evidence only, and no region's minimum period (none found)", () => {
    expect(CHANGE_OF_EMPLOYER_RULES.flanders.labourMarketTest).toBe(true);
    for (const region of ["wallonia", "brussels", "dg"] as const) expect(CHANGE_OF_EMPLOYER_RULES[region].labourMarketTest).toBe(false);
    for (const rule of Object.values(CHANGE_OF_EMPLOYER_RULES)) {
      expect(rule.minimumMonthsWithFirstEmployer).toBeNull();
      expect(rule.unconfirmed).toMatch(/transposition/);
    }
  });

  it("involves the OE when the new employment outlasts the permit or has no end", () => {
    expect(residenceAffected("2027-06-30", "2027-03-31")).toBe(false);
    expect(residenceAffected("2027-06-30", "2027-06-30")).toBe(false);
    expect(residenceAffected("2027-06-30", "2027-07-01")).toBe(true);
    expect(residenceAffected("2027-06-30", null)).toBe(true);
    expect(residenceAffected(null, "2027-01-01")).toBe(true);
  });

  it("counts a minimum period, where one is set, date to date", () => {
    expect(minimumPeriodMet("2026-05-31", "2026-11-30", 6)).toBe(true);
    expect(minimumPeriodMet("2026-05-31", "2026-11-29", 6)).toBe(false);
    expect(minimumPeriodMet("2026-05-31", "2026-06-01", null)).toBe(true);
  });
});

describe("a change of employer in the case lifecycle", () => {
  const region = { role: "regional-officer", authority: "brussels" } as const;
  const oe = { role: "oe-officer", authority: "oe" } as const;
  const system = { role: "system" } as const;
  const start = (oeConcerned: boolean) =>
    caseTransition(initialCaseSnapshot({ kind: "change-of-employer", authority: "brussels", category: "change-of-employer", oeConcerned }), { type: "DECLARE_COMPLETE", actor: region });

  it("is allowed by the region alone when the stay is unchanged", () => {
    const complete = start(false);
    if (!complete.ok) throw new Error("complete expected");
    const allowed = caseTransition(complete.snapshot, { type: "AUTHORISE_WORK", actor: region });
    if (!allowed.ok) throw new Error("allowed expected");
    expect(caseStatus(allowed.snapshot)).toBe("granted");
    expect(allowed.snapshot.context.decision).toEqual({ by: "region", outcome: "granted", annex: null, reason: null, ground: "change-of-employer" });
  });

  it("the region decides alone only for a change of employer: any other case goes on to the OE whatever it was told", () => {
    const single = caseTransition(initialCaseSnapshot({ kind: "single", authority: "brussels", category: "general", oeConcerned: false }), { type: "DECLARE_COMPLETE", actor: region });
    if (!single.ok) throw new Error("complete expected");
    const authorised = caseTransition(single.snapshot, { type: "AUTHORISE_WORK", actor: region });
    if (!authorised.ok) throw new Error("authorised expected");
    expect(caseStatus(authorised.snapshot)).not.toBe("granted");
    expect(authorised.snapshot.context.decision).toBeNull();
  });

  it("goes on to the OE when the stay must be extended", () => {
    const complete = start(true);
    if (!complete.ok) throw new Error("complete expected");
    const authorised = caseTransition(complete.snapshot, { type: "AUTHORISE_WORK", actor: region });
    if (!authorised.ok) throw new Error("authorised expected");
    expect(caseStatus(authorised.snapshot)).toBe("awaiting-oe-pre-checks");
    const checked = caseTransition(authorised.snapshot, { type: "PRE_CHECKS_DONE", actor: oe });
    if (!checked.ok) throw new Error("checked expected");
    expect(caseStatus(checked.snapshot)).toBe("oe-review");
  });

  it("is allowed by law, without an annex 47, when the window lapsed", () => {
    const filed = initialCaseSnapshot({ kind: "change-of-employer", authority: "brussels", category: "change-of-employer", oeConcerned: true });
    const lapsed = caseTransition(filed, { type: "DEEMED_GRANT", actor: system, filedOn: "2026-11-27" });
    if (!lapsed.ok) throw new Error("deemed grant expected");
    expect(lapsed.snapshot.context.decision).toMatchObject({ by: "law", outcome: "granted", annex: null, ground: "change-of-employer" });
  });

  it("ends the former permit only by the system, with a reason", () => {
    const granted = caseTransition(initialCaseSnapshot({ kind: "single", authority: "flanders", category: "general" }), { type: "DEEMED_GRANT", actor: system, filedOn: "2026-01-05" });
    if (!granted.ok) throw new Error("granted expected");
    expect(caseTransition(granted.snapshot, { type: "EMPLOYER_CHANGED", actor: { role: "regional-officer", authority: "flanders" }, reason: "x" }).ok).toBe(false);
    expect(caseTransition(granted.snapshot, { type: "EMPLOYER_CHANGED", actor: system, reason: " " }).ok).toBe(false);
    const ended = caseTransition(granted.snapshot, { type: "EMPLOYER_CHANGED", actor: system, reason: "change of employer SP-2026-000009" });
    if (!ended.ok) throw new Error("ended expected");
    expect(caseStatus(ended.snapshot)).toBe("ended");
    expect(ended.snapshot.context.decision).toMatchObject({ by: "region", outcome: "ended", ground: "change-of-employer", annex: "47" });
  });
});

describe("the change of employer's edges", () => {
  it("the OE decides too when the permit's last day is not known or not a day", () => {
    expect(residenceAffected(null, "2027-01-31")).toBe(true);
    expect(residenceAffected("not-a-date", "2027-01-31")).toBe(true);
  });

  it("with no minimum period set, a change the day after the permit began is allowed", () => {
    expect(minimumPeriodMet("2026-11-01", "2026-11-02", null)).toBe(true);
  });
});
