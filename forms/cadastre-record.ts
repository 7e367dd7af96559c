import { isRegionalAuthority } from "./authorities";
import { THIRD_COUNTRIES } from "./countries";
import { isCalendarDate, toUtc } from "./dates";
import { parseEnterpriseNumber, parsePersonNumber } from "./identifiers";
import { BIDI_CONTROL, cleanInput, textLength } from "./text";

/**
 * A record the cadastre receives from another authority through its import seam (issue 14,
 * point 5; docs/decisions/025-inspection-signals-and-wider-cadastre.md): work cards B and C
 * (the regions, before the single permit), professional cards of the self-employed (the
 * regions) and the Immigration Office's annex 3. Each carries its decision date and annex,
 * the Limosa declaration (L1) when there is one, and the worker's foreign home address.
 * Pure: one row in, a record or the list of what is wrong with it out.
 */
export const RECORD_KINDS = ["work-card-b", "work-card-c", "professional-card", "annex-3"] as const;
export type RecordKind = (typeof RECORD_KINDS)[number];

/** A work card B was for at most 90 days when it was for a short stay (issue 14, point 5). */
export const WORK_CARD_B_MAX_DAYS = 90;

export interface CadastreRecord {
  source: string;
  sourceId: string;
  kind: RecordKind;
  worker: { personNumber: string | null; familyName: string; givenNames: string; birthDate: string | null; nationality: string; foreignAddress: string | null };
  employer: { enterpriseNumber: string; name: string } | null;
  limosaL1: string | null;
  authority: string;
  decisionDate: string;
  annex: string;
  validFrom: string | null;
  validUntil: string | null;
}

/** What is wrong with a row: a field (dotted path) and a problem code (English, for the import's report). */
export interface RowProblem {
  field: string;
  problem: string;
}

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === "object" && value !== null && !Array.isArray(value);

export function validateCadastreRecord(row: unknown): { ok: true; record: CadastreRecord } | { ok: false; problems: RowProblem[] } {
  if (!isObject(row)) return { ok: false, problems: [{ field: "(row)", problem: "not an object" }] };
  const problems: RowProblem[] = [];
  const text = (value: unknown, field: string, { required = true, max = 200, min = 1 } = {}): string | null => {
    if (value === undefined || value === null || value === "") {
      if (required) problems.push({ field, problem: "missing" });
      return null;
    }
    if (typeof value !== "string") return problems.push({ field, problem: "not text" }), null;
    const clean = cleanInput(value).trim();
    if (BIDI_CONTROL.test(clean)) return problems.push({ field, problem: "contains bidirectional control characters" }), null;
    if (textLength(clean) < min || textLength(clean) > max) return problems.push({ field, problem: `must be ${min} to ${max} characters` }), null;
    return clean;
  };
  const day = (value: unknown, field: string, required: boolean): string | null => {
    if (value === undefined || value === null || value === "") {
      if (required) problems.push({ field, problem: "missing" });
      return null;
    }
    if (!isCalendarDate(value) || !/^\d{4}-\d{2}-\d{2}$/.test(value)) return problems.push({ field, problem: "not a date (YYYY-MM-DD)" }), null;
    return value;
  };

  const source = text(row.source, "source", { max: 60 });
  if (source && !/^[a-z0-9][a-z0-9-]*$/.test(source)) problems.push({ field: "source", problem: "use lower-case letters, digits and -" });
  const sourceId = text(row.sourceId, "sourceId", { max: 80 });
  const kind = (RECORD_KINDS as readonly unknown[]).includes(row.kind) ? (row.kind as RecordKind) : null;
  if (!kind) problems.push({ field: "kind", problem: `must be one of ${RECORD_KINDS.join(", ")}` });

  const worker = isObject(row.worker) ? row.worker : null;
  if (!worker) problems.push({ field: "worker", problem: "missing" });
  let personNumber: string | null = null;
  if (worker?.personNumber !== undefined && worker?.personNumber !== null && worker?.personNumber !== "") {
    const parsed = typeof worker.personNumber === "string" ? parsePersonNumber(worker.personNumber) : null;
    if (parsed?.ok) personNumber = parsed.value;
    else problems.push({ field: "worker.personNumber", problem: "not a valid national or BIS number" });
  }
  const familyName = worker ? text(worker.familyName, "worker.familyName", { max: 100 }) : null;
  const givenNames = worker ? text(worker.givenNames, "worker.givenNames", { max: 100 }) : null;
  const birthDate = worker ? day(worker.birthDate, "worker.birthDate", false) : null;
  const nationality = worker && typeof worker.nationality === "string" && THIRD_COUNTRIES.includes(worker.nationality) ? worker.nationality : null;
  if (worker && !nationality) problems.push({ field: "worker.nationality", problem: "not a third country's ISO code" });
  const foreignAddress = worker ? text(worker.foreignAddress, "worker.foreignAddress", { required: false, max: 300 }) : null;

  let employer: CadastreRecord["employer"] = null;
  if (row.employer !== undefined && row.employer !== null) {
    if (!isObject(row.employer)) problems.push({ field: "employer", problem: "not an object" });
    else {
      const parsed = typeof row.employer.enterpriseNumber === "string" ? parseEnterpriseNumber(row.employer.enterpriseNumber) : null;
      if (!parsed?.ok) problems.push({ field: "employer.enterpriseNumber", problem: "not a valid enterprise number" });
      const name = text(row.employer.name, "employer.name", { max: 200 });
      if (parsed?.ok && name) employer = { enterpriseNumber: parsed.value, name };
    }
  } else if (kind === "work-card-b" || kind === "work-card-c") {
    problems.push({ field: "employer", problem: "a work card names its employer" });
  }

  const limosaL1 = text(row.limosaL1, "limosaL1", { required: false, max: 30 });
  // The L1 number's format is UNCONFIRMED (docs/domain.md §6): letters, digits and dashes.
  if (limosaL1 && !/^[A-Za-z0-9][A-Za-z0-9-]*$/.test(limosaL1)) problems.push({ field: "limosaL1", problem: "use letters, digits and -" });
  const authority = typeof row.authority === "string" ? row.authority : null;
  if (kind === "annex-3" ? authority !== "oe" : !isRegionalAuthority(authority)) {
    problems.push({ field: "authority", problem: kind === "annex-3" ? "an annex 3 is the Immigration Office's (oe)" : "must be flanders, wallonia, brussels or dg" });
  }
  const decisionDate = day(row.decisionDate, "decisionDate", true);
  const annex = text(row.annex, "annex", { max: 20 });
  const validFrom = day(row.validFrom, "validFrom", kind !== "annex-3");
  const validUntil = day(row.validUntil, "validUntil", kind !== "annex-3");
  if (validFrom && validUntil) {
    const days = (toUtc(validUntil) - toUtc(validFrom)) / 86_400_000 + 1;
    if (days < 1) problems.push({ field: "validUntil", problem: "before validFrom" });
    else if (kind === "work-card-b" && days > WORK_CARD_B_MAX_DAYS) problems.push({ field: "validUntil", problem: `a work card B holds at most ${WORK_CARD_B_MAX_DAYS} days here` });
  }

  if (problems.length > 0 || !source || !sourceId || !kind || !familyName || !givenNames || !nationality || !authority || !decisionDate || !annex) {
    return { ok: false, problems: problems.length > 0 ? problems : [{ field: "(row)", problem: "incomplete" }] };
  }
  return {
    ok: true,
    record: {
      source,
      sourceId,
      kind,
      worker: { personNumber, familyName, givenNames, birthDate, nationality, foreignAddress },
      employer,
      limosaL1,
      authority,
      decisionDate,
      annex,
      validFrom,
      validUntil,
    },
  };
}

export interface BatchCheck {
  records: CadastreRecord[];
  refused: { row: number; sourceId: string | null; problems: RowProblem[] }[];
}

/**
 * A batch as sent (JSON text: an array of rows, or { "records": [...] }): the rows that are
 * good, and for each bad one its number (from 1), its source id when it has one, and what is
 * wrong. A second row with the same source and source id as an earlier one is refused.
 */
export function checkCadastreBatch(text: string): { ok: true; batch: BatchCheck } | { ok: false; problem: string } {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    return { ok: false, problem: `not JSON: ${(error as Error).message}` };
  }
  const rows = Array.isArray(parsed) ? parsed : isObject(parsed) && Array.isArray(parsed.records) ? parsed.records : null;
  if (!rows) return { ok: false, problem: 'expected an array of records, or { "records": [...] }' };
  const batch: BatchCheck = { records: [], refused: [] };
  const seen = new Set<string>();
  rows.forEach((row, index) => {
    const checked = validateCadastreRecord(row);
    const sourceId = isObject(row) && typeof row.sourceId === "string" ? row.sourceId : null;
    if (!checked.ok) return void batch.refused.push({ row: index + 1, sourceId, problems: checked.problems });
    const key = JSON.stringify([checked.record.source, checked.record.sourceId]);
    if (seen.has(key)) return void batch.refused.push({ row: index + 1, sourceId, problems: [{ field: "sourceId", problem: "already in this batch" }] });
    seen.add(key);
    batch.records.push(checked.record);
  });
  return { ok: true, batch };
}
