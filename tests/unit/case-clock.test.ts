import { describe, expect, it } from "vitest";
import { caseDueDate, clockAfter, clockAtSubmission, filedOnOf, mayExtend, overdueAction, storedDueDate } from "../../workflows/case-clock";

describe("the clock of a case", () => {
  it("gives the region 30 days to check completeness, then starts the decision term at admissibility", () => {
    const submitted = clockAtSubmission("2026-01-30");
    expect(caseDueDate(submitted, "2026-01-30")).toBe("2026-03-02"); // 1 March 2026 is a Sunday
    const admissible = clockAfter(submitted, "DECLARE_COMPLETE", "2026-02-10", "general")!;
    expect(admissible.phase).toBe("decision");
    expect(caseDueDate(admissible, "2026-02-10")).toBe("2026-06-10"); // four months, date to date
    expect(admissible.clock.rule).toBe("decision.general.2011-98");
    const directive = clockAfter(submitted, "DECLARE_COMPLETE", "2026-02-10", "directive")!;
    expect(caseDueDate(directive, "2026-02-10")).toBe("2026-05-11"); // 90 days
  });

  it("takes the term in force on the filing date, not on the admissibility date", () => {
    // Filed the day before the recast's date, declared admissible after it: four months still.
    const filed = clockAtSubmission("2026-05-20");
    const admissible = clockAfter(filed, "DECLARE_COMPLETE", "2026-06-01", "general")!;
    expect(admissible.clock).toMatchObject({ periodMonths: 4, filedOn: "2026-05-20" });
    expect(caseDueDate(admissible, "2026-06-01")).toBe("2026-10-01");
    // Filed on it: 90 days from admissibility, extensible once by 30.
    const recast = clockAfter(clockAtSubmission("2026-05-21"), "DECLARE_COMPLETE", "2026-06-01", "general")!;
    expect(caseDueDate(recast, "2026-06-01")).toBe("2026-08-31"); // 30 August is a Sunday
    expect(mayExtend(recast)).toBe(true);
    expect(mayExtend(admissible)).toBe(false);
    const extended = clockAfter(recast, "EXTEND_TERM", "2026-07-01", "general")!;
    expect(caseDueDate(extended, "2026-07-01")).toBe("2026-09-29"); // 30 August + 30 days
    expect(mayExtend(extended)).toBe(false);
    expect(clockAfter(extended, "EXTEND_TERM", "2026-07-02", "general")).toEqual(extended); // once
  });

  it("stops while documents are awaited and moves the due date by the days waited", () => {
    const running = clockAfter(clockAtSubmission("2026-01-05"), "DECLARE_COMPLETE", "2026-01-05", "general")!;
    expect(caseDueDate(running, "2026-01-05")).toBe("2026-05-05");
    const waiting = clockAfter(running, "REQUEST_DOCUMENTS", "2026-02-01", "general")!;
    expect(caseDueDate(waiting, "2026-02-01")).toBe("2026-05-05");
    expect(caseDueDate(waiting, "2026-02-11")).toBe("2026-05-15"); // still waiting: the date keeps moving
    const answered = clockAfter(waiting, "DOCUMENTS_PROVIDED", "2026-02-15", "general")!;
    expect(caseDueDate(answered, "2026-06-01")).toBe("2026-05-19");
    // A second request while one is open changes nothing.
    expect(clockAfter(waiting, "REQUEST_DOCUMENTS", "2026-02-03", "general")).toEqual(waiting);
    // Declared complete again after the answer: the same decision period goes on.
    expect(clockAfter(answered, "DECLARE_COMPLETE", "2026-02-16", "general")).toEqual(answered);
  });

  it("keeps the original dates on reroute and stops on a decision", () => {
    const submitted = clockAtSubmission("2026-01-05");
    // Before admissibility: the 30 days still run from the filing.
    expect(clockAfter(submitted, "REROUTE", "2026-01-20", "general")).toEqual(submitted);
    // After admissibility: the decision term runs on; the new region's completeness check does not restart it.
    const running = clockAfter(submitted, "DECLARE_COMPLETE", "2026-01-20", "general")!;
    const rerouted = clockAfter(running, "REROUTE", "2026-02-01", "general")!;
    expect(rerouted).toEqual(running);
    expect(clockAfter(rerouted, "DECLARE_COMPLETE", "2026-02-10", "general")).toEqual(running);
    // Rerouted while documents were awaited: the request is moot, the clock runs again that day.
    const waiting = clockAfter(running, "REQUEST_DOCUMENTS", "2026-02-01", "general")!;
    const movedOn = clockAfter(waiting, "REROUTE", "2026-02-06", "general")!;
    expect(caseDueDate(movedOn, "2026-07-01")).toBe("2026-05-26"); // 20 May + 5 days, 25 May is Whit Monday
    expect(filedOnOf(movedOn)).toBe("2026-01-05");
    for (const decision of ["GRANT_RESIDENCE", "WITHDRAW", "DECLARE_INADMISSIBLE", "END_EMPLOYMENT", "REVOKE"] as const) {
      expect(clockAfter(running, decision, "2026-02-01", "general")).toBeNull();
    }
  });

  it("changes a seasonal decision term when the officer changes the clock, keeping start and suspensions", () => {
    const seasonal = clockAfter(clockAtSubmission("2026-03-02"), "DECLARE_COMPLETE", "2026-03-02", "seasonal")!;
    expect(caseDueDate(seasonal, "2026-03-02")).toBe("2026-06-01"); // 90 days: 31 May is a Sunday
    const returning = clockAfter(seasonal, "SET_CLOCK_CATEGORY", "2026-03-10", "seasonal-returning")!;
    expect(caseDueDate(returning, "2026-03-10")).toBe("2026-05-04"); // 60 days: Friday 1 May is Labour Day
    const renewal = clockAfter(returning, "SET_CLOCK_CATEGORY", "2026-03-10", "seasonal-renewal")!;
    expect(caseDueDate(renewal, "2026-03-10")).toBe("2026-04-01"); // 30 days
    // Before admissibility only the completeness check runs; the new term applies when it starts.
    const early = clockAtSubmission("2026-03-02");
    expect(clockAfter(early, "SET_CLOCK_CATEGORY", "2026-03-03", "seasonal-renewal")).toEqual(early);
    expect(caseDueDate(clockAfter(early, "DECLARE_COMPLETE", "2026-03-05", "seasonal-renewal"), "2026-03-05")).toBe("2026-04-07"); // 4 Apr Sat, 6 Apr Easter Monday
  });

  it("tells the sweep what a missed deadline means, by the filing date's rules", () => {
    const general = clockAfter(clockAtSubmission("2025-01-02"), "DECLARE_COMPLETE", "2025-01-02", "general")!;
    expect(caseDueDate(general, "2025-01-02")).toBe("2025-05-02"); // four months
    expect(overdueAction(general, "general", "2025-05-02")).toBeNull(); // due that very day
    expect(overdueAction(general, "general", "2025-05-03")).toBe("DEEMED_GRANT");
    const seasonal = clockAfter(clockAtSubmission("2025-01-02"), "DECLARE_COMPLETE", "2025-01-02", "seasonal")!;
    expect(overdueAction(seasonal, "seasonal", "2025-06-01")).toBe("DEADLINE_MISSED"); // no deemed grant since 5 Apr 2024
    // Filed before 5 April 2024, declared admissible after: the deemed grant of the filing date's rules.
    const oldSeasonal = clockAfter(clockAtSubmission("2024-04-04"), "DECLARE_COMPLETE", "2024-04-20", "seasonal")!;
    expect(overdueAction(oldSeasonal, "seasonal", "2024-09-01")).toBe("DEEMED_GRANT");
    // The unlimited permit: no deemed grant, an escalation.
    const permanent = clockAfter(clockAtSubmission("2025-01-02"), "DECLARE_COMPLETE", "2025-01-02", "permanent")!;
    expect(overdueAction(permanent, "permanent", "2025-06-01")).toBe("DEADLINE_MISSED");
    expect(overdueAction(clockAtSubmission("2025-01-02"), "general", "2025-03-01")).toBe("DEADLINE_MISSED");
    const waiting = clockAfter(general, "REQUEST_DOCUMENTS", "2025-04-01", "general")!;
    expect(overdueAction(waiting, "general", "2025-09-01")).toBeNull();
  });

  it("reads clocks stored before filing dates and months were kept", () => {
    const stored = { phase: "decision" as const, clock: { startedOn: "2025-01-10", periodDays: 120, suspensions: [], extensionDays: 0 } };
    expect(caseDueDate(stored, "2025-01-10")).toBe("2025-05-12"); // 10 May 2025 is a Saturday
    expect(filedOnOf(stored)).toBe("2025-01-10");
  });
});

describe("the due date kept on the case row", () => {
  it("is the clock's due date while it runs, none while it stands still, and the later date once it runs again", () => {
    const filed = clockAtSubmission("2026-03-02");
    expect(storedDueDate(filed, "2026-03-02")).toBe(caseDueDate(filed, "2026-03-02"));
    const stopped = clockAfter(filed, "REQUEST_DOCUMENTS", "2026-03-10", "general");
    expect(storedDueDate(stopped, "2026-03-10")).toBeNull();
    expect(storedDueDate(stopped, "2026-06-01")).toBeNull();
    const resumed = clockAfter(stopped!, "DOCUMENTS_PROVIDED", "2026-03-20", "general");
    expect(storedDueDate(resumed, "2026-03-20")).toBe(caseDueDate(resumed, "2026-03-20"));
    expect(storedDueDate(resumed, "2026-03-20")! > storedDueDate(filed, "2026-03-02")!).toBe(true);
    expect(storedDueDate(null, "2026-03-20")).toBeNull();
  });
});
