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
 * The local register: the enterprises the demo knows (the `employers` table), read on its
 * own connection, never inside a caller's transaction.
 */
export function localEnterpriseRegister(db: DB): LocalEnterpriseRegister {
  const register: LocalEnterpriseRegister = {
    behaviour: normalBehaviour(),
    differs: null,
    async enterprise(enterpriseNumber) {
      await beforeCall("enterprise register", register.behaviour);
      const row = await db
        .selectFrom("employers")
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

/** Asks this database's enterprise register within the time limit: the enterprise, or null when it knows none or does not answer. */
export async function lookUpEnterprise(db: DB, enterpriseNumber: string): Promise<RegisteredEnterprise | null> {
  const systems = outsideSystems(db);
  try {
    return await withinTimeLimit("enterprise register", systems.timeLimitMs, () => systems.enterpriseRegister.enterprise(enterpriseNumber));
  } catch {
    return null;
  }
}
