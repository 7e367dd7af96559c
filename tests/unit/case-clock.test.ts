import { describe, expect, it } from "vitest";
import { caseDueDate, clockAfter, clockAtSubmission, overdueAction } from "../../workflows/case-clock";

describe("the clock of a case", () => {
  it("gives the region 30 days to check completeness, then starts the decision period at admissibility", () => {
    const submitted = clockAtSubmission("2026-01-31");
    expect(caseDueDate(submitted, "2026-01-31")).toBe("2026-03-02");
    const admissible = clockAfter(submitted, "DECLARE_COMPLETE", "2026-02-10", "general")!;
    expect(admissible.phase).toBe("decision");
    expect(caseDueDate(admissible, "2026-02-10")).toBe("2026-06-10"); // 120 days
    const directive = clockAfter(submitted, "DECLARE_COMPLETE", "2026-02-10", "directive")!;
    expect(caseDueDate(directive, "2026-02-10")).toBe("2026-05-11"); // 90 days
  });

  it("stops while documents are awaited and moves the due date by the days waited", () => {
    const running = clockAfter(clockAtSubmission("2026-01-05"), "DECLARE_COMPLETE", "2026-01-05", "general")!;
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

  it("restarts the completeness check on reroute and stops on a decision", () => {
    const running = clockAfter(clockAtSubmission("2026-01-05"), "DECLARE_COMPLETE", "2026-01-20", "general")!;
    expect(clockAfter(running, "REROUTE", "2026-02-01", "general")).toEqual(clockAtSubmission("2026-02-01"));
    expect(clockAfter(running, "GRANT_RESIDENCE", "2026-02-01", "general")).toBeNull();
    expect(clockAfter(running, "WITHDRAW", "2026-02-01", "general")).toBeNull();
  });

  it("tells the sweep what a missed deadline means", () => {
    const general = clockAfter(clockAtSubmission("2025-01-01"), "DECLARE_COMPLETE", "2025-01-01", "general")!;
    expect(overdueAction(general, "general", "2025-05-01")).toBeNull(); // due that very day
    expect(overdueAction(general, "general", "2025-05-02")).toBe("DEEMED_GRANT");
    const seasonal = clockAfter(clockAtSubmission("2025-01-01"), "DECLARE_COMPLETE", "2025-01-01", "seasonal")!;
    expect(overdueAction(seasonal, "seasonal", "2025-06-01")).toBe("DEADLINE_MISSED"); // no deemed grant since 5 Apr 2024
    expect(overdueAction(clockAtSubmission("2025-01-01"), "general", "2025-03-01")).toBe("DEADLINE_MISSED");
    const waiting = clockAfter(general, "REQUEST_DOCUMENTS", "2025-04-01", "general")!;
    expect(overdueAction(waiting, "general", "2025-09-01")).toBeNull();
  });
});
