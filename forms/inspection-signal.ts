import type { FieldErrors } from "./errors";
import { textError, textLength } from "./text";

/**
 * Signals between the Immigration Office (OE) and the social inspection (issue 14, point 4;
 * the cooperation protocol between the OE and the inspection services, points 2–3, as the
 * issue describes it — the protocol's text is not among the public sources of docs/domain.md,
 * so the lists below are this portal's, marked UNCONFIRMED in docs/domain.md §6).
 */
export const SIGNAL_REASONS = ["fictitious-employment", "sham-employer", "exploitation", "false-documents", "other-abuse"] as const;
export type SignalReason = (typeof SIGNAL_REASONS)[number];

/** What the inspection found; "nothing-found" is a finding too, and shown as one. */
export const SIGNAL_FINDINGS = ["no-real-employment", "fraud", "exploitation", "nothing-found"] as const;
export type SignalFinding = (typeof SIGNAL_FINDINGS)[number];

export const SIGNAL_FACTS_MIN = 20;
export const SIGNAL_TEXT_MAX = 2000;

export const isSignalReason = (value: unknown): value is SignalReason => (SIGNAL_REASONS as readonly unknown[]).includes(value);
export const isSignalFinding = (value: unknown): value is SignalFinding => (SIGNAL_FINDINGS as readonly unknown[]).includes(value);

/** The OE officer's signal: a reason from the list and the facts found in the file (20–2000 characters). */
export function validateSignal(input: { reason: string; facts: string }): { ok: true; reason: SignalReason; facts: string } | { ok: false; errors: FieldErrors } {
  const errors: FieldErrors = {};
  if (!isSignalReason(input.reason)) errors.signalReason = { key: "signals.errors.reason" };
  const facts = input.facts.trim();
  const factsError = textLength(facts) < SIGNAL_FACTS_MIN ? { key: "signals.errors.facts", values: { min: SIGNAL_FACTS_MIN } } : textError(facts, SIGNAL_TEXT_MAX, "caseActions.errors.tooLong");
  if (factsError) errors.facts = factsError;
  if (Object.keys(errors).length > 0 || !isSignalReason(input.reason)) return { ok: false, errors };
  return { ok: true, reason: input.reason, facts };
}

/**
 * The inspector's answer: a finding from the list, the inspection file it was recorded under
 * (same form as the cadastre consultation's), and a note (optional when nothing was found).
 */
export function validateFinding(input: { finding: string; inspectionFile: string; note: string }):
  | { ok: true; finding: SignalFinding; inspectionFile: string; note: string }
  | { ok: false; errors: FieldErrors } {
  const errors: FieldErrors = {};
  if (!isSignalFinding(input.finding)) errors.finding = { key: "signals.errors.finding" };
  const inspectionFile = input.inspectionFile.trim();
  if (!/^[\p{L}\p{N}][\p{L}\p{N}/._-]{2,39}$/u.test(inspectionFile)) errors.inspectionFile = { key: "inspection.errors.fileNumber" };
  const note = input.note.trim();
  const noteError =
    input.finding !== "nothing-found" && textLength(note) < 10 ? { key: "signals.errors.note" } : textError(note, SIGNAL_TEXT_MAX, "caseActions.errors.tooLong");
  if (noteError) errors.note = noteError;
  if (Object.keys(errors).length > 0 || !isSignalFinding(input.finding)) return { ok: false, errors };
  return { ok: true, finding: input.finding, inspectionFile, note };
}
