import type { DB } from "../db/db.server";
import type { Role } from "../db/schema";

/** The SQL of identities: users and their mandates. */

export function findUserById(db: DB, userId: string) {
  return db.selectFrom("users").selectAll().where("id", "=", userId).executeTakeFirst();
}

/** The person the identity provider names by his national (NISS/BIS) number. */
export function findUserByPersonNumber(db: DB, personNumber: string) {
  return db.selectFrom("users").selectAll().where("person_number", "=", personNumber).executeTakeFirst();
}

/**
 * Someone the identity provider vouches for and the portal has not met: his own user,
 * named by his national number. Another server creating him at the same moment wins.
 */
export async function insertPerson(db: DB, person: { personNumber: string; displayName: string; role: Role }) {
  await db
    .insertInto("users")
    .values({ login: person.personNumber, display_name: person.displayName, role: person.role, person_number: person.personNumber })
    .onConflict((conflict) => conflict.doNothing())
    .execute();
  return db.selectFrom("users").selectAll().where("person_number", "=", person.personNumber).executeTakeFirstOrThrow();
}

export async function setDisplayName(db: DB, userId: string, displayName: string): Promise<void> {
  await db.updateTable("users").set({ display_name: displayName }).where("id", "=", userId).execute();
}

/**
 * The mandate service stub's register: enterprises a person (by national number) holds a
 * mandate for on `today` (a Belgian day): not revoked, and not past its last day.
 */
export function mandatesOfPerson(db: DB, personNumber: string, today: string) {
  return db
    .selectFrom("mandates")
    .innerJoin("users", "users.id", "mandates.user_id")
    .innerJoin("employers", "employers.id", "mandates.employer_id")
    .select(["employers.id as employerId", "employers.enterprise_number as enterpriseNumber", "employers.name"])
    .where("users.person_number", "=", personNumber)
    .where("mandates.revoked_on", "is", null)
    .where((eb) => eb.or([eb("mandates.valid_until", "is", null), eb("mandates.valid_until", ">=", today)]))
    .orderBy("employers.name")
    .execute();
}

export async function setPreferredLanguage(db: DB, userId: string, language: string): Promise<void> {
  await db.updateTable("users").set({ preferred_language: language }).where("id", "=", userId).execute();
}
