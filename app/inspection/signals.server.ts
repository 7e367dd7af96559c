import { sql } from "kysely";
import { validateFinding, validateSignal, type SignalFinding, type SignalReason } from "../../forms/inspection-signal";
import type { FieldErrors } from "../../forms/errors";
import { recordRead, recordReads } from "../audit/audit.server";
import { requireCase, requireSignalAccess } from "../cases/access.server";
import { findEmployer, findWorker } from "../cases/cases.repository";
import type { DB } from "../db/db.server";
import type { ApplicationRow } from "../db/schema";
import { ConflictError, NotFoundError } from "../errors";
import { isUuid } from "../ids";
import type { User } from "../identity/user";

/**
 * Signals between the Immigration Office and the social inspection (issue 14, point 4;
 * docs/decisions/025-inspection-signals-and-wider-cadastre.md). The OE officer signals a
 * file; the inspector opens it (logged) and records findings; the findings are shown on the
 * file and on every later or open file of the same employer (enterprise number) or worker
 * (national number). Who may do what: app/cases/access.server.ts (decideSignalAccess).
 */
const PURPOSE = "inspection-signal";

/** The OE officer signals the case to the inspection; the enterprise and national numbers are kept with it. */
export async function fileSignal(db: DB, officer: User, caseId: string, input: { reason: string; facts: string }, now = new Date()): Promise<{ ok: true } | { ok: false; errors: FieldErrors }> {
  requireSignalAccess(officer, "file");
  const row = await requireCase(db, { user: officer }, caseId, "handle", { action: "act" });
  const checked = validateSignal(input);
  if (!checked.ok) return checked;
  const [employer, worker] = await Promise.all([row.employer_id ? findEmployer(db, row.employer_id) : undefined, row.worker_id ? findWorker(db, row.worker_id) : undefined]);
  await db
    .insertInto("inspection_signals")
    .values({
      application_id: row.id,
      case_reference: row.reference ?? row.id,
      employer_enterprise_number: employer?.enterprise_number ?? null,
      worker_person_number: worker?.person_number ?? null,
      reason: checked.reason,
      facts: checked.facts,
      filed_by: officer.id,
      filed_at: now,
    })
    .execute();
  return { ok: true };
}

export interface SignalShown {
  id: string;
  reference: string;
  reason: SignalReason;
  filedAt: string;
  onThisCase: boolean;
  sameEmployer: boolean;
  sameWorker: boolean;
  finding: SignalFinding | null;
  note: string | null;
  inspectionFile: string | null;
  answeredAt: string | null;
}

/**
 * The signals an officer sees on a case he handles: those on the case, and those on other
 * files of the same employer or worker — unless this case was decided before that signal was
 * filed (it is shown on later or open files). Each signal of another file shown is logged as
 * a read of that file, beside this one.
 */
export async function signalsForCase(db: DB, row: ApplicationRow, officer: User): Promise<SignalShown[]> {
  const [employer, worker] = await Promise.all([row.employer_id ? findEmployer(db, row.employer_id) : undefined, row.worker_id ? findWorker(db, row.worker_id) : undefined]);
  const enterpriseNumber = employer?.enterprise_number ?? null;
  const personNumber = worker?.person_number ?? null;
  const signals = await db
    .selectFrom("inspection_signals")
    .selectAll()
    .where((eb) => {
      const related = [eb("application_id", "=", row.id)];
      const other = [];
      if (enterpriseNumber) other.push(eb("employer_enterprise_number", "=", enterpriseNumber));
      if (personNumber) other.push(eb("worker_person_number", "=", personNumber));
      if (other.length > 0) {
        const later = row.decided_at ? eb("filed_at", "<=", row.decided_at) : sql<boolean>`true`;
        related.push(eb.and([eb.or(other), later]));
      }
      return eb.or(related);
    })
    .orderBy("filed_at", "desc")
    .limit(50)
    .execute();
  const others = signals.filter((signal) => signal.application_id !== row.id);
  if (others.length > 0) {
    await recordReads(
      db,
      officer,
      others.map((signal) => ({ subject: { type: "signal" as const, id: signal.id }, applicationId: signal.application_id, purpose: "case-handling", action: `shown-with:${row.reference ?? row.id}`, allowed: true })),
    );
  }
  return signals.map((signal) => ({
    id: signal.id,
    reference: signal.case_reference,
    reason: signal.reason as SignalReason,
    filedAt: new Date(signal.filed_at).toISOString(),
    onThisCase: signal.application_id === row.id,
    sameEmployer: signal.application_id !== row.id && enterpriseNumber !== null && signal.employer_enterprise_number === enterpriseNumber,
    sameWorker: signal.application_id !== row.id && personNumber !== null && signal.worker_person_number === personNumber,
    finding: signal.finding as SignalFinding | null,
    note: signal.finding_note,
    inspectionFile: signal.inspection_file,
    answeredAt: signal.answered_at ? new Date(signal.answered_at).toISOString() : null,
  }));
}

/** The inspector's list: open signals, oldest first (what he is shown of each is what the signal carries). Logged as one list read. */
export async function openSignals(db: DB, inspector: User) {
  requireSignalAccess(inspector, "inspect");
  await recordRead(db, inspector, { subject: { type: "queue", id: "inspection-signals" }, purpose: PURPOSE, allowed: true, action: "list" });
  const rows = await db.selectFrom("inspection_signals").select(["id", "case_reference", "reason", "filed_at"]).where("finding", "is", null).orderBy("filed_at").limit(200).execute();
  return rows.map((row) => ({ id: row.id, reference: row.case_reference, reason: row.reason as SignalReason, filedAt: new Date(row.filed_at).toISOString() }));
}

/** One signal, as the inspector reads it; the read is logged before anything is shown. */
export async function openSignal(db: DB, inspector: User, signalId: string) {
  requireSignalAccess(inspector, "inspect");
  const signal = isUuid(signalId)
    ? await db
        .selectFrom("inspection_signals")
        .innerJoin("applications", "applications.id", "inspection_signals.application_id")
        .leftJoin("employers", "employers.id", "applications.employer_id")
        .leftJoin("workers", "workers.id", "applications.worker_id")
        .selectAll("inspection_signals")
        .select(["employers.name as employer_name", "workers.family_name", "workers.given_names", "workers.nationality"])
        .where("inspection_signals.id", "=", signalId)
        .executeTakeFirst()
    : undefined;
  if (!signal) throw new NotFoundError(`signal ${signalId}`);
  await recordRead(db, inspector, { subject: { type: "signal", id: signal.id }, applicationId: signal.application_id, purpose: PURPOSE, allowed: true, action: "read" });
  return {
    id: signal.id,
    reference: signal.case_reference,
    reason: signal.reason as SignalReason,
    facts: signal.facts,
    filedAt: new Date(signal.filed_at).toISOString(),
    employer: signal.employer_name,
    employerNumber: signal.employer_enterprise_number,
    worker: signal.family_name ? `${signal.given_names} ${signal.family_name}` : null,
    workerPersonNumber: signal.worker_person_number,
    nationality: signal.nationality,
    finding: signal.finding as SignalFinding | null,
    note: signal.finding_note,
    inspectionFile: signal.inspection_file,
    answeredAt: signal.answered_at ? new Date(signal.answered_at).toISOString() : null,
  };
}

/** The inspector records his findings, once; a second answer is a conflict (the first stands). */
export async function answerSignal(
  db: DB,
  inspector: User,
  signalId: string,
  input: { finding: string; inspectionFile: string; note: string },
  now = new Date(),
): Promise<{ ok: true } | { ok: false; errors: FieldErrors }> {
  requireSignalAccess(inspector, "inspect");
  const signal = isUuid(signalId) ? await db.selectFrom("inspection_signals").select(["id", "application_id"]).where("id", "=", signalId).executeTakeFirst() : undefined;
  if (!signal) throw new NotFoundError(`signal ${signalId}`);
  const checked = validateFinding(input);
  if (!checked.ok) return checked;
  const updated = await db
    .updateTable("inspection_signals")
    .set({ finding: checked.finding, finding_note: checked.note || null, inspection_file: checked.inspectionFile, answered_by: inspector.id, answered_at: now })
    .where("id", "=", signal.id)
    .where("finding", "is", null)
    .executeTakeFirst();
  if (Number(updated.numUpdatedRows) === 0) throw new ConflictError("signals.errors.answered");
  await recordRead(db, inspector, { subject: { type: "signal", id: signal.id }, applicationId: signal.application_id, purpose: PURPOSE, allowed: true, action: "act" });
  return { ok: true };
}
