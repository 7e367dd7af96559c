import type { DB } from "../db/db.server";
import { outsideSystems } from "../systems/outside-systems.server";
import { afterCall, beforeCall, normalBehaviour, withinTimeLimit, type StubBehaviour } from "../systems/stub-behaviour";

/**
 * The enterprise register (the Crossroads Bank for Enterprises, KBO/BCE) as the portal
 * asks it: an enterprise by its number (docs/decisions/017-outside-systems.md). What it
 * answers prefills the employer on the universal form, so nobody types it.
 */
export interface RegisteredEnterprise {
  enterpriseNumber: string;
  name: string;
  street: string;
  postalCode: string;
  municipality: string;
}

export interface EnterpriseRegister {
  /** The enterprise with this number (ten digits); null when the register knows none. */
  enterprise(enterpriseNumber: string): Promise<RegisteredEnterprise | null>;
}

/** The local register, with the seam through which it is told how to behave or what to answer. */
export interface LocalEnterpriseRegister extends EnterpriseRegister {
  behaviour: StubBehaviour;
  /** Answers with these fields instead of what it holds (the enterprise moved, or was renamed). */
  differs: Partial<Omit<RegisteredEnterprise, "enterpriseNumber">> | null;
}

/**
 * The local register: enterprises of its own (`enterprise_register.enterprises`, migration
 * 0019; the demo seed enrols the demo's), not the portal's `employers`, which the portal
 * may change. Read on its own connection, never inside a caller's transaction.
 */
export function localEnterpriseRegister(db: DB): LocalEnterpriseRegister {
  const register: LocalEnterpriseRegister = {
    behaviour: normalBehaviour(),
    differs: null,
    async enterprise(enterpriseNumber) {
      await beforeCall("enterprise register", register.behaviour);
      const row = await db
        .selectFrom("enterprise_register.enterprises")
        .select(["enterprise_number", "name", "street", "postal_code", "municipality"])
        .where("enterprise_number", "=", enterpriseNumber)
        .executeTakeFirst();
      afterCall("enterprise register", register.behaviour);
      if (!row) return null;
      return { enterpriseNumber: row.enterprise_number, name: row.name, street: row.street, postalCode: row.postal_code, municipality: row.municipality, ...register.differs };
    },
  };
  return register;
}

/** Enrols an enterprise in the local register (the demo seed, tests): kept as it is when the number is there already. */
export async function enrolInLocalEnterpriseRegister(db: DB, enterprise: RegisteredEnterprise): Promise<void> {
  await db
    .insertInto("enterprise_register.enterprises")
    .values({ enterprise_number: enterprise.enterpriseNumber, name: enterprise.name, street: enterprise.street, postal_code: enterprise.postalCode, municipality: enterprise.municipality })
    .onConflict((conflict) => conflict.column("enterprise_number").doNothing())
    .execute();
}

/** Asks this database's enterprise register within the time limit: the enterprise, or null when it knows none or does not answer. */
export async function lookUpEnterprise(db: DB, enterpriseNumber: string): Promise<RegisteredEnterprise | null> {
  const systems = outsideSystems(db);
  try {
    return await withinTimeLimit("enterprise register", systems.timeLimitMs, () => systems.enterpriseRegister.enterprise(enterpriseNumber));
  } catch {
    return null;
  }
}
