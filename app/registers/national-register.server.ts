import type { Transaction } from "kysely";
import type { DB } from "../db/db.server";
import type { Database } from "../db/schema";

/**
 * The national register (and BIS register) as the portal asks it: identity by national
 * number. The local register is the `workers` table (the persons the portal knows, seeded
 * with the demo residents); a real deployment asks the register itself through the same
 * function shape.
 */
export interface RegisteredPerson {
  id: string;
  personNumber: string;
  givenNames: string;
  familyName: string;
  birthDate: string | null;
  nationality: string;
}

export async function lookUpPerson(db: DB | Transaction<Database>, personNumber: string): Promise<RegisteredPerson | null> {
  const row = await db
    .selectFrom("workers")
    .select(["id", "given_names", "family_name", "birth_date", "nationality", "person_number"])
    .where("person_number", "=", personNumber)
    .executeTakeFirst();
  if (!row?.person_number) return null;
  return {
    id: row.id,
    personNumber: row.person_number,
    givenNames: row.given_names,
    familyName: row.family_name,
    birthDate: row.birth_date,
    nationality: row.nationality,
  };
}
