import type { DB } from "../db/db.server";
import type { Mandate } from "./user";
import { mandatesOfPerson } from "./users.repository";

/**
 * The mandate service: for which enterprises a person may act. In Belgium the federal
 * mandate and access-management services answer this for a national number; the portal
 * asks at sign-in and again when the person switches the enterprise he acts for
 * (docs/decisions/012-sign-in.md).
 */
export interface MandateService {
  /** The enterprises this person holds a mandate for today, known to the portal, by name. */
  mandatesOf(db: DB, nationalNumber: string): Promise<Mandate[]>;
}

/**
 * The stub: the demo's `mandates` table stands for the mandate service's register (granted,
 * revoked), keyed by the representative's national number.
 */
export const mandateServiceStub: MandateService = {
  mandatesOf: (db, nationalNumber) => mandatesOfPerson(db, nationalNumber),
};

let current: MandateService = mandateServiceStub;

/** The mandate service this process asks; a deployment with a real one sets it at start-up. */
export function mandateService(): MandateService {
  return current;
}

export function setMandateService(service: MandateService): void {
  current = service;
}
