import { todayInBelgium } from "../../forms/dates";
import type { DB } from "../db/db.server";
import { recordReads } from "../audit/audit.server";
import { withinTimeLimit } from "../systems/stub-behaviour";
import { outsideTimeLimitMs } from "../systems/outside-systems.server";
import type { ActiveSession } from "./sessions.server";
import type { Mandate, User } from "./user";
import type { Read } from "../audit/audit.server";
import { mandatesOfPerson } from "./users.repository";
import { mandateEndNoticed } from "../audit/audit.repository";

/**
 * The mandate service: for which enterprises a person may act. In Belgium the federal
 * mandate and access-management services answer this for a national number; the portal
 * asks at sign-in, when the person switches the enterprise he acts for
 * (docs/decisions/012-sign-in.md), and on every request of a representative, so that a
 * mandate revoked or run out ends his access at once (docs/decisions/017-outside-systems.md).
 */
export interface MandateService {
  /** The enterprises this person holds a mandate for today, known to the portal, by name. */
  mandatesOf(db: DB, nationalNumber: string, now?: Date): Promise<Mandate[]>;
}

/**
 * The stub: the `mandates` table stands for the mandate service's register (granted,
 * revoked, valid until), keyed by the representative's national number, read on its own
 * connection (never inside a caller's transaction).
 */
export const mandateServiceStub: MandateService = {
  mandatesOf: (db, nationalNumber, now = new Date()) => mandatesOfPerson(db, nationalNumber, todayInBelgium(now)),
};

let current: MandateService = mandateServiceStub;

/** The mandate service this process asks; a deployment with a real one sets it at start-up. */
export function mandateService(): MandateService {
  return current;
}

export function setMandateService(service: MandateService): void {
  current = service;
}

/**
 * A representative's session as the mandate service sees it now: the mandates it listed
 * at sign-in that it still lists. One that is gone (revoked, or past its last day) is no
 * longer the session's — its enterprise's drafts, cases, documents and e-Box close on this
 * request — and is named in `endedMandates` so that the pages say why. The first request
 * that notices it writes it to the audit log (once per session and enterprise). When the
 * service does not answer in time, the session keeps what it was given at sign-in (at most
 * eight hours), and the failure is logged: a representative is not locked out by an outage.
 */
export async function withMandatesNow(db: DB, session: ActiveSession, now = new Date(), log: (message: string) => void = console.error): Promise<ActiveSession> {
  const { user } = session;
  if (user.role !== "employer" || !user.personNumber || user.mandates.length === 0) return session;
  const personNumber = user.personNumber;
  let listed: Mandate[];
  try {
    listed = await withinTimeLimit("mandate service", outsideTimeLimitMs(), () => mandateService().mandatesOf(db, personNumber, now));
  } catch (error) {
    log(`mandates of user ${user.id} not checked: ${error instanceof Error ? error.message : String(error)}`);
    return session;
  }
  const held = user.mandates.filter((mandate) => listed.some((still) => still.employerId === mandate.employerId));
  if (held.length === user.mandates.length) return session;
  const ended = user.mandates.filter((mandate) => !held.includes(mandate));
  const unnoticed = [];
  for (const mandate of ended) if (!(await mandateEndNoticed(db, user.id, mandate.enterpriseNumber, session.startedAt))) unnoticed.push(mandate);
  await recordReads(
    db,
    user,
    unnoticed.map((mandate) => ({ subject: { type: "enterprise", id: mandate.enterpriseNumber }, purpose: "mandate-check", allowed: false, action: "mandate-ended" })),
  );
  const actingFor = held.find((mandate) => mandate.employerId === user.actingFor?.employerId) ?? null;
  return { ...session, user: { ...user, mandates: held, actingFor, endedMandates: ended } };
}

/** Did this representative lose, during his session, the mandate for this enterprise? */
export function lostMandateFor(user: User, employerId: string | null): boolean {
  return employerId !== null && user.endedMandates.some((mandate) => mandate.employerId === employerId);
}

/** A representative refused because his mandate ended: written to the audit log, with what he asked for. */
export async function recordMandateRefusal(db: DB, user: User, read: Pick<Read, "subject" | "applicationId" | "action">): Promise<void> {
  await recordReads(db, user, [{ ...read, purpose: "mandate-check", allowed: false }]);
}
