import { parseTypedDate } from "../../forms/dates";
import type { FieldErrors } from "../../forms/errors";
import { textError } from "../../forms/text";
import { todayInBelgium } from "../../workflows/legal-clock";
import type { DB } from "../db/db.server";
import { ConflictError } from "../errors";
import type { User } from "../identity/user";
import { insertCaseEvent, lockApplication, updateApplication } from "../cases/cases.repository";
import { startUnemploymentClock } from "./unemployment.server";

/**
 * The end of an employment, reported by the employer on the case page or by the worker on
 * his permits page (docs/domain.md §5): the day is recorded on the case and in its history,
 * where the region sees it and ends the work authorisation, and the unemployment clock
 * starts in the same transaction. One report per permit.
 */
export type EndOfEmploymentReport = { ok: true; endedOn: string; note: string } | { ok: false; errors: FieldErrors };

/** Reads the posted last day of work (as people type it: 14/03/2027) and remarks. */
export function readEndOfEmployment(values: Readonly<Record<string, string>>, now: Date): EndOfEmploymentReport {
  const typed = parseTypedDate((values.endedOn ?? "").trim());
  const note = (values.note ?? "").trim();
  if (!typed.ok) return { ok: false, errors: { endedOn: { key: "endOfEmployment.errors.date" } } };
  if (typed.date > todayInBelgium(now)) return { ok: false, errors: { endedOn: { key: "endOfEmployment.errors.future" } } };
  const noteError = textError(note, 2000, "caseActions.errors.tooLong");
  if (noteError) return { ok: false, errors: { note: noteError } };
  return { ok: true, endedOn: typed.date, note };
}

/** Records the report; a permit that no longer holds, or whose end was reported already: ConflictError. */
export async function recordEndOfEmployment(
  db: DB,
  user: Pick<User, "id" | "role">,
  caseId: string,
  report: { endedOn: string; note: string },
  now: Date,
): Promise<void> {
  const reportedBy = user.role === "worker" ? "worker" : "employer";
  await db.transaction().execute(async (trx) => {
    const row = await lockApplication(trx, caseId);
    if (!row || (row.status !== "issued" && row.status !== "granted") || row.end_of_employment_reported_on) {
      throw new ConflictError("endOfEmployment.errors.notNow");
    }
    await updateApplication(trx, caseId, { end_of_employment_reported_on: report.endedOn });
    await insertCaseEvent(trx, {
      applicationId: caseId,
      type: reportedBy === "worker" ? "end-of-employment-reported-by-worker" : "end-of-employment-reported",
      actor: { userId: user.id, role: user.role, authority: null },
      fromStatus: row.status,
      toStatus: row.status,
      reason: report.note || null,
      detail: { endedOn: report.endedOn },
      version: row.version,
      at: now,
    });
    await startUnemploymentClock(trx, { applicationId: caseId, employmentEndedOn: report.endedOn, reportedBy, now });
  });
}
