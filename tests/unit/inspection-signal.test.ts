import { describe, expect, it } from "vitest";
import { SIGNAL_FINDINGS, SIGNAL_REASONS, validateFinding, validateSignal } from "../../forms/inspection-signal";

const errorsOf = (result: { ok: true } | { ok: false; errors: Record<string, { key: string }> }) => (result.ok ? {} : Object.fromEntries(Object.entries(result.errors).map(([name, error]) => [name, error.key])));

describe("a signal to the inspection", () => {
  it("takes a reason from the list and facts of 20 to 2000 characters, trimmed", () => {
    expect(validateSignal({ reason: "fictitious-employment", facts: "  Salary paid back in cash.  " })).toEqual({ ok: true, reason: "fictitious-employment", facts: "Salary paid back in cash." });
    expect(errorsOf(validateSignal({ reason: "gossip", facts: "x".repeat(19) }))).toEqual({ signalReason: "signals.errors.reason", facts: "signals.errors.facts" });
    expect(errorsOf(validateSignal({ reason: "other-abuse", facts: "x".repeat(2001) }))).toEqual({ facts: "caseActions.errors.tooLong" });
    expect(errorsOf(validateSignal({ reason: "other-abuse", facts: `${"x".repeat(20)}\u202E` }))).toEqual({ facts: "form.errors.bidiControl" });
    // Twenty emoji are twenty characters, as a person counts them.
    expect(validateSignal({ reason: "exploitation", facts: "👷🏽".repeat(20) }).ok).toBe(true);
    expect(SIGNAL_REASONS).toContain("fictitious-employment");
  });
});

describe("the inspection's findings", () => {
  it("need a finding, an inspection file number, and a note unless nothing was found", () => {
    expect(validateFinding({ finding: "nothing-found", inspectionFile: " INS-2026/1 ", note: "" })).toEqual({ ok: true, finding: "nothing-found", inspectionFile: "INS-2026/1", note: "" });
    expect(errorsOf(validateFinding({ finding: "fraud", inspectionFile: "INS-2026/1", note: "short" }))).toEqual({ note: "signals.errors.note" });
    expect(errorsOf(validateFinding({ finding: "guilty", inspectionFile: "/x", note: "" }))).toEqual({ finding: "signals.errors.finding", inspectionFile: "inspection.errors.fileNumber", note: "signals.errors.note" });
    expect(SIGNAL_FINDINGS).toEqual(["no-real-employment", "fraud", "exploitation", "nothing-found"]);
  });
});

describe("the findings' and signals' limits", () => {
  it("a note of ten characters is enough, counted after trimming; the file number is whole, from its first character to its last", () => {
    expect(validateFinding({ finding: "fraud", inspectionFile: "INS-2026/1", note: "0123456789" }).ok).toBe(true);
    expect(errorsOf(validateFinding({ finding: "fraud", inspectionFile: "INS-2026/1", note: "         x" }))).toEqual({ note: "signals.errors.note" });
    expect(validateFinding({ finding: "nothing-found", inspectionFile: "1234", note: "" }).ok).toBe(true);
    for (const inspectionFile of ["-INS12", "INS12 !", "IN"]) {
      expect(errorsOf(validateFinding({ finding: "nothing-found", inspectionFile, note: "" })), inspectionFile).toEqual({ inspectionFile: "inspection.errors.fileNumber" });
    }
  });

  it("says how many characters the facts need", () => {
    const result = validateSignal({ reason: "exploitation", facts: "too short" });
    expect(result).toEqual({ ok: false, errors: { facts: { key: "signals.errors.facts", values: { min: 20 } } } });
  });
});

describe("a finding's note", () => {
  it("says so when it is over 2,000 characters", () => {
    expect(errorsOf(validateFinding({ finding: "fraud", inspectionFile: "INS-2026/1", note: "x".repeat(2001) }))).toEqual({ note: "caseActions.errors.tooLong" });
    expect(validateFinding({ finding: "fraud", inspectionFile: "INS-2026/1", note: "x".repeat(2000) }).ok).toBe(true);
  });
});
