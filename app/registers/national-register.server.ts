import type { DB } from "../db/db.server";
import { findWorkerByPersonNumber } from "../cases/cases.repository";
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
 * The local register: the persons the portal knows by national number (the `workers`
 * table, seeded with the demo's residents), read on its own connection, never inside a
 * caller's transaction. A real deployment asks the register through the same interface.
 */
export function localNationalRegister(db: DB): LocalNationalRegister {
  const register: LocalNationalRegister = {
    behaviour: normalBehaviour(),
    differs: null,
    async person(personNumber) {
      await beforeCall("national register", register.behaviour);
      const row = await findWorkerByPersonNumber(db, personNumber);
      afterCall("national register", register.behaviour);
      if (!row?.person_number) return null;
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
