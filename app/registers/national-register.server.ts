import type { DB } from "../db/db.server";
import { outsideSystems } from "../systems/outside-systems.server";
import { afterCall, beforeCall, normalBehaviour, withinTimeLimit, type StubBehaviour } from "../systems/stub-behaviour";

/**
 * The national register (and BIS register) as the portal asks it: identity by national
 * number (docs/decisions/017-outside-systems.md). It confirms what an applicant typed; the
 * portal never shows what it holds to someone who did not type it.
 */
export interface RegisteredPerson {
  personNumber: string;
  givenNames: string;
  familyName: string;
  birthDate: string | null;
  nationality: string;
}

export interface NationalRegister {
  /** The person with this national or BIS number; null when the register knows none. */
  person(personNumber: string): Promise<RegisteredPerson | null>;
}

/** The local register, with the seam through which it is told how to behave or what to answer. */
export interface LocalNationalRegister extends NationalRegister {
  behaviour: StubBehaviour;
  /** Answers with these fields instead of what it holds (the register disagrees with what was typed). */
  differs: Partial<Omit<RegisteredPerson, "personNumber">> | null;
}

/**
 * The local register: persons of its own (`national_register.persons`, migration 0019; the
 * demo seed enrols the demo's residents), never what the portal recorded of a worker — that
 * is what an employer typed, which the register is there to confirm. Read on its own
 * connection, never inside a caller's transaction. A real deployment asks the register
 * through the same interface.
 */
export function localNationalRegister(db: DB): LocalNationalRegister {
  const register: LocalNationalRegister = {
    behaviour: normalBehaviour(),
    differs: null,
    async person(personNumber) {
      await beforeCall("national register", register.behaviour);
      const row = await db
        .selectFrom("national_register.persons")
        .select(["person_number", "given_names", "family_name", "birth_date", "nationality"])
        .where("person_number", "=", personNumber)
        .executeTakeFirst();
      afterCall("national register", register.behaviour);
      if (!row) return null;
      return {
        personNumber: row.person_number,
        givenNames: row.given_names,
        familyName: row.family_name,
        birthDate: row.birth_date,
        nationality: row.nationality,
        ...register.differs,
      };
    },
  };
  return register;
}

/** Enrols a person in the local register (the demo seed, tests): kept as it is when the number is there already. */
export async function enrolInLocalNationalRegister(db: DB, person: RegisteredPerson): Promise<void> {
  await db
    .insertInto("national_register.persons")
    .values({ person_number: person.personNumber, given_names: person.givenNames, family_name: person.familyName, birth_date: person.birthDate, nationality: person.nationality })
    .onConflict((conflict) => conflict.column("person_number").doNothing())
    .execute();
}

/** What the register said: the person, nobody, or nothing in time. */
export type RegisterAnswer = { state: "found"; person: RegisteredPerson } | { state: "unknown" } | { state: "unavailable"; why: string };

/** Asks this database's national register, within the outside systems' time limit; never throws for the register's faults. */
export async function lookUpPerson(db: DB, personNumber: string): Promise<RegisterAnswer> {
  const systems = outsideSystems(db);
  try {
    const person = await withinTimeLimit("national register", systems.timeLimitMs, () => systems.nationalRegister.person(personNumber));
    return person ? { state: "found", person } : { state: "unknown" };
  } catch (error) {
    return { state: "unavailable", why: error instanceof Error ? error.message : String(error) };
  }
}
