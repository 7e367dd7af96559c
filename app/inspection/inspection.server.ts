import { parseTypedDate } from "../../forms/dates";
import { parseEnterpriseNumber, parsePersonNumber } from "../../forms/identifiers";
import type { FieldErrors } from "../../forms/errors";
import { BIDI_CONTROL, textError, textLength } from "../../forms/text";
import type { DB } from "../db/db.server";
import { recordRead, recordReads } from "../audit/audit.server";
import type { CadastreCriteria as Criteria } from "../delivery/cadastre.server";
import { outsideSystems } from "../systems/outside-systems.server";
import type { User } from "../identity/user";
import { ForbiddenError, InvalidInputError } from "../errors";

/**
 * The Dolsis-style consultation of the cadastre by social inspectors: a stated purpose
 * (inspection file number and reason) before any result, every search and every record
 * shown written to the audit log with that purpose. Read-only: nothing here writes the
 * cadastre (docs/domain.md §6).
 */
export interface InspectionQuery {
  fileNumber: string;
  reason: string;
  personNumber: string;
  familyName: string;
  birthDate: string;
  enterpriseNumber: string;
}

export function validateInspectionQuery(query: InspectionQuery): { ok: true; purpose: string; criteria: Criteria } | { ok: false; errors: FieldErrors } {
  const errors: FieldErrors = {};
  if (!/^[\p{L}\p{N}][\p{L}\p{N}/._-]{2,39}$/u.test(query.fileNumber)) errors.fileNumber = { key: "inspection.errors.fileNumber" };
  const reasonError = textLength(query.reason) < 10 ? { key: "inspection.errors.reason" } : textError(query.reason, 500, "caseActions.errors.tooLong");
  if (reasonError) errors.reason = reasonError;
  let criteria: Criteria | null = null;
  if (query.personNumber) {
    const parsed = parsePersonNumber(query.personNumber);
    if (parsed.ok) criteria = { personNumber: parsed.value };
    else errors.personNumber = { key: `newApplication.errors.personNumber.${parsed.error}` };
  } else if (query.enterpriseNumber) {
    const parsed = parseEnterpriseNumber(query.enterpriseNumber);
    if (parsed.ok) criteria = { enterpriseNumber: parsed.value };
    else errors.enterpriseNumber = { key: "inspection.errors.enterpriseNumber" };
  } else if (query.familyName || query.birthDate) {
    // The date as people type it (14/03/1990), read by the one date parser of the forms.
    const birthDate = parseTypedDate(query.birthDate);
    if (!query.familyName) errors.familyName = { key: "inspection.errors.nameAndBirthDate" };
    else if (BIDI_CONTROL.test(query.familyName)) errors.familyName = { key: "form.errors.bidiControl" };
    else if (!birthDate.ok) errors.birthDate = { key: query.birthDate ? `form.errors.date.${birthDate.error}` : "inspection.errors.nameAndBirthDate", values: { max: birthDate.maxDay ?? 31 } };
    else criteria = { familyName: query.familyName, birthDate: birthDate.date };
  } else {
    errors.personNumber = { key: "inspection.errors.criteria" };
  }
  if (Object.keys(errors).length > 0 || !criteria) return { ok: false, errors };
  return { ok: true, purpose: `${query.fileNumber}: ${query.reason}`, criteria };
}


export async function searchCadastre(db: DB, inspector: User, purpose: string, criteria: Criteria) {
  if (inspector.role !== "inspector") throw new ForbiddenError("the cadastre is consulted by inspectors");
  if (!purpose.trim()) throw new InvalidInputError({ reason: { key: "inspection.errors.reason" } });
  // The search itself is logged before anything is read.
  await recordRead(db, inspector, { subject: { type: "cadastre", id: JSON.stringify(criteria) }, purpose, allowed: true, action: "search" });
  const { permits, history, unemployment, records } = await outsideSystems(db).cadastre.consult(criteria);
  // Every record shown, in one statement.
  await recordReads(db, inspector, [
    ...permits.map((permit) => ({ subject: { type: "cadastre" as const, id: permit.case_reference }, purpose, allowed: true, action: "view" })),
    ...records.map((record) => ({ subject: { type: "cadastre" as const, id: `${record.source}/${record.source_id}` }, purpose, allowed: true, action: "view" })),
  ]);
  return { permits: permitsShown(permits, history, unemployment), records: records.map(recordShown) };
}

type Consulted = Awaited<ReturnType<ReturnType<typeof outsideSystems>["cadastre"]["consult"]>>;

/** A record of another authority as the inspector reads it: its kind, decision date and annex, L1 number, foreign address. */
function recordShown(record: Consulted["records"][number]) {
  return {
    reference: `${record.source}/${record.source_id}`,
    kind: record.kind,
    worker: `${record.worker_given_names} ${record.worker_family_name}`,
    workerPersonNumber: record.worker_person_number,
    nationality: record.worker_nationality,
    foreignAddress: record.foreign_address,
    employer: record.employer_name,
    employerNumber: record.employer_enterprise_number,
    limosaL1: record.limosa_l1,
    authority: record.authority,
    decisionDate: record.decision_date,
    annex: record.annex,
    validFrom: record.valid_from,
    validUntil: record.valid_until,
  };
}

/** Each permit with its history and the worker's periods without work under it (the 90-day search, ADR 022). */
function permitsShown(permits: Consulted["permits"], history: Consulted["history"], unemployment: Consulted["unemployment"]) {
  return permits.map((permit) => ({
    reference: permit.case_reference,
    kind: permit.permit_kind,
    worker: `${permit.worker_given_names} ${permit.worker_family_name}`,
    limosaL1: permit.limosa_l1,
    foreignAddress: permit.foreign_address,
    workerPersonNumber: permit.worker_person_number,
    workerBirthDate: permit.worker_birth_date,
    nationality: permit.worker_nationality,
    employer: permit.employer_name,
    employerNumber: permit.employer_enterprise_number,
    authority: permit.authority,
    job: permit.job,
    placeOfWork: permit.place_of_work,
    validFrom: permit.valid_from,
    validUntil: permit.valid_until,
    status: permit.status,
    statusOn: permit.status_on,
    statusReason: permit.status_reason,
    history: history
      .filter((line) => line.permit_id === permit.id)
      .map((line) => ({ status: line.status, on: line.status_on, reason: line.reason })),
    unemployment: unemployment
      .filter((period) => period.case_reference === permit.case_reference)
      .map((period) => ({ status: period.status, from: period.starts_on, until: period.ends_on, on: period.status_on })),
  }));
}
