import { sql, type Transaction } from "kysely";
import type { Database } from "../db/schema";

/**
 * The next case reference, "SP-2026-000123": one PostgreSQL sequence per year, so
 * numbers never collide under concurrent submissions (never max+1). The sequence is
 * created on first use of a year; an advisory lock makes that creation race-free.
 * Gaps are possible (a rolled-back submission consumes a number) and harmless.
 */
export async function nextReference(trx: Transaction<Database>, year: number): Promise<string> {
  if (!Number.isInteger(year) || year < 2000 || year > 9999) throw new Error(`bad reference year ${year}`);
  const sequence = `application_reference_${year}`;
  await sql`select pg_advisory_xact_lock(hashtext(${sequence}))`.execute(trx);
  await sql`create sequence if not exists ${sql.id(sequence)}`.execute(trx);
  const { rows } = await sql<{ n: number }>`select nextval(${sequence}) as n`.execute(trx);
  const n = Number(rows[0]!.n);
  return `SP-${year}-${String(n).padStart(6, "0")}`;
}
