import { checkCadastreBatch, type BatchCheck } from "../../forms/cadastre-record";
import type { DB } from "../db/db.server";
import { outsideSystems } from "../systems/outside-systems.server";

export interface ImportReport {
  added: number;
  updated: number;
  refused: BatchCheck["refused"];
}

/**
 * Records of other authorities into the cadastre (issue 14, point 5): the batch is checked
 * row by row (forms/cadastre-record.ts), the good rows go to the cadastre through its import
 * seam (app/systems, ADR 017), the bad ones come back with what is wrong. The same batch
 * twice adds nothing the second time (idempotent by source and source id).
 */
export async function importCadastreBatch(db: DB, text: string): Promise<{ ok: true; report: ImportReport } | { ok: false; problem: string }> {
  const checked = checkCadastreBatch(text);
  if (!checked.ok) return checked;
  const { records, refused } = checked.batch;
  const written = records.length > 0 ? await outsideSystems(db).cadastre.importRecords(records) : { added: 0, updated: 0 };
  return { ok: true, report: { ...written, refused } };
}

/** The report as the import script prints it, one line per refused row. */
export function describeImport(report: ImportReport): string[] {
  return [
    `Cadastre import: ${report.added} record(s) added, ${report.updated} updated, ${report.refused.length} refused.`,
    ...report.refused.map(
      (row) => `  row ${row.row}${row.sourceId ? ` (${row.sourceId})` : ""}: ${row.problems.map((problem) => `${problem.field}: ${problem.problem}`).join("; ")}`,
    ),
  ];
}
