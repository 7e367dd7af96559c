// Which events move a case's clock, which stop it for good, and when the recast's one
// extension may be granted. Complements case-clock.test.ts.
import { describe, expect, it } from "vitest";
import { caseDueDate, clockAfter, clockAtSubmission, mayExtend, overdueAction } from "../../workflows/case-clock";

const running = (filedOn: string, admissibleOn: string) => clockAfter(clockAtSubmission(filedOn), "DECLARE_COMPLETE", admissibleOn, "general")!;

describe("the clock at filing", () => {
  it("runs the completeness check, which the pages label as such, until the file is declared complete", () => {
    expect(clockAtSubmission("2026-01-30").phase).toBe("completeness");
    expect(running("2026-01-30", "2026-02-10").phase).toBe("decision");
  });

  it("records the request for documents as the reason the clock stopped", () => {
    const waiting = clockAfter(running("2026-01-05", "2026-01-05"), "REQUEST_DOCUMENTS", "2026-02-01", "general")!;
    expect(waiting.clock.suspensions).toEqual([{ from: "2026-02-01", to: null, reason: "documents requested" }]);
  });
});

describe("events that stop the clock for good, and events that leave it alone", () => {
  it("stops the clock on every decision and on the permit's issue", () => {
    const clock = running("2026-01-05", "2026-01-20");
    for (const decision of ["REFUSE_WORK", "REFUSE_RESIDENCE", "DEEMED_GRANT", "PERMIT_ISSUED", "GRANT_RESIDENCE"] as const) {
      expect(clockAfter(clock, decision, "2026-02-01", "general"), decision).toBeNull();
    }
  });

  it("leaves the clock as it is on steps that decide nothing: work authorised, pre-checks, escalation, a proposal", () => {
    const clock = running("2026-01-05", "2026-01-20");
    for (const event of ["AUTHORISE_WORK", "PRE_CHECKS_DONE", "DEADLINE_MISSED", "REQUEST_LAPSED"] as const) {
      expect(clockAfter(clock, event, "2026-02-01", "general"), event).toEqual(clock);
    }
  });
});

describe("the recast's extension of 30 days (Directive 2024/1233 art. 5(2))", () => {
  it("is not granted to a filing made before 21 May 2026: the clock stays as it was", () => {
    const before = running("2026-05-20", "2026-06-01");
    expect(clockAfter(before, "EXTEND_TERM", "2026-07-01", "general")).toEqual(before);
    expect(caseDueDate(before, "2026-07-01")).toBe("2026-10-01");
  });

  it("extends the decision term only, never the 30-day completeness check", () => {
    const completeness = clockAtSubmission("2026-06-01");
    expect(mayExtend(completeness)).toBe(false);
    expect(clockAfter(completeness, "EXTEND_TERM", "2026-06-10", "general")).toEqual(completeness);
    expect(caseDueDate(completeness, "2026-06-10")).toBe("2026-07-01");
    expect(mayExtend(running("2026-06-01", "2026-06-10"))).toBe(true);
  });

  it("is not offered where no clock runs (a decided case)", () => {
    expect(mayExtend(null)).toBe(false);
  });
});

describe("the terms at their edges, as the stored due dates and the sweep see them", () => {
  it("gives the region 30 days to check completeness: not overdue the day before or on the due day, overdue the day after", () => {
    const submitted = clockAtSubmission("2026-01-05"); // a Monday
    expect(caseDueDate(submitted, "2026-01-05")).toBe("2026-02-04");
    expect(overdueAction(submitted, "general", "2026-02-03")).toBeNull();
    expect(overdueAction(submitted, "general", "2026-02-04")).toBeNull();
    expect(overdueAction(submitted, "general", "2026-02-05")).toBe("DEADLINE_MISSED"); // never a deemed grant
  });

  it("gives the unlimited permit four months date to date as a working target, escalated the day after, never granted", () => {
    const permanent = clockAfter(clockAtSubmission("2026-01-05"), "DECLARE_COMPLETE", "2026-01-05", "permanent")!;
    expect(caseDueDate(permanent, "2026-01-05")).toBe("2026-05-05");
    expect(overdueAction(permanent, "permanent", "2026-05-05")).toBeNull();
    expect(overdueAction(permanent, "permanent", "2026-05-06")).toBe("DEADLINE_MISSED");
  });

  it("gives 90 days to a general permit filed the day after the recast's date too", () => {
    const recast = clockAfter(clockAtSubmission("2026-05-22"), "DECLARE_COMPLETE", "2026-06-01", "general")!;
    expect(caseDueDate(recast, "2026-06-01")).toBe("2026-08-31"); // 30 August 2026 is a Sunday
    expect(mayExtend(recast)).toBe(true);
  });

  it("gives a seasonal filing of 6 April 2024 no deemed grant, as one of 5 April, while one of 4 April keeps it", () => {
    const seasonal = (filedOn: string) => clockAfter(clockAtSubmission(filedOn), "DECLARE_COMPLETE", filedOn, "seasonal")!;
    expect(overdueAction(seasonal("2024-04-04"), "seasonal", "2024-09-01")).toBe("DEEMED_GRANT");
    expect(overdueAction(seasonal("2024-04-05"), "seasonal", "2024-09-01")).toBe("DEADLINE_MISSED");
    expect(overdueAction(seasonal("2024-04-06"), "seasonal", "2024-09-01")).toBe("DEADLINE_MISSED");
  });
});
