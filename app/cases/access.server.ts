import type { ExpressionBuilder } from "kysely";
import type { CaseActor } from "../../workflows/case-lifecycle";
import type { DB } from "../db/db.server";
import type { ApplicationRow, Database } from "../db/schema";
import { recordRead } from "../audit/audit.server";
import { ConflictError, ForbiddenError, NotFoundError } from "../errors";
import { lostMandateFor, recordMandateRefusal } from "../identity/mandates.server";
import { isUuid } from "../ids";
import type { User } from "../identity/user";
import { findApplication, workerPersonNumberOf } from "./cases.repository";
import { residenceFactsOf } from "../residence/residence.repository";

/**
 * The one rule for who may see or act on a case or a draft (docs/access.md is the same
 * rule as a table). Every route, document download, case command and background job asks
 * it; officers' reads — allowed or refused — are written to the audit log here.
 *
 * - follow: read a filed case as its applicant, or as the worker it is about (by national number);
 * - act-as-applicant: withdraw, answer requests, upload, write, report the end of employment —
 *   only the enterprise that filed it (through a representative with a mandate) or the resident
 *   for his own unlimited permit; a worker or resident who is only the case's worker never acts;
 * - handle: an officer reads and decides (the lifecycle machine still says which steps);
 * - housekeeping: an officer claims, gives back, marks "looked at, incomplete";
 * - residence: the steps after the grant — the diplomatic post the worker chose on the form
 *   (visa D), the commune of his address in Belgium (arrival, registration, annex 49, card);
 * - continue-draft: a representative with a mandate for the enterprise the draft was started for.
 */
export type CasePurpose = "follow" | "act-as-applicant" | "handle" | "housekeeping" | "residence";
export type Viewer = { user: User } | { system: true };

/** What the rule needs to know of a case. */
export interface CaseFacts {
  status: ApplicationRow["status"];
  kind: ApplicationRow["kind"];
  employerId: string | null;
  createdBy: string;
  competentAuthority: string | null;
  /** The national or BIS number of the worker the case is about, if known. */
  workerPersonNumber: string | null;
  /** After the grant: the worker's post and commune (read only when the purpose is "residence"). */
  residence?: { visaPost: string | null; commune: string | null } | null;
}

export type AccessDecision = { allowed: true } | { allowed: false; answer: "not-found" | "forbidden" };

const ALLOWED: AccessDecision = { allowed: true };
// Not yours and not there look the same to the applicant's side: the answer must not confirm a case exists.
const HIDDEN: AccessDecision = { allowed: false, answer: "not-found" };
// An officer knows the case exists (it is in the register of cases); another region's is refused and logged.
const REFUSED: AccessDecision = { allowed: false, answer: "forbidden" };

const holdsMandateFor = (user: User, employerId: string | null) =>
  employerId !== null && user.mandates.some((mandate) => mandate.employerId === employerId);

/** Is this the resident's own request for an unlimited permit? */
const isOwnPermanentRequest = (user: User, facts: CaseFacts) => facts.kind === "permanent" && facts.createdBy === user.id;

const isCaseWorker = (user: User, facts: CaseFacts) => user.personNumber !== null && facts.workerPersonNumber === user.personNumber;

/**
 * May this person see a worker's current permit (from the cadastre) and file a change of
 * employer for him (issue 17.1)? Only a representative acting for an enterprise he holds a
 * mandate for, and only while the worker consents to that enterprise (app/permits/consents.server.ts).
 * The former employer gains nothing from it: the change's case is the new enterprise's.
 */
export function decidePermitView(user: User, facts: { enterpriseConsented: boolean }): AccessDecision {
  if (user.role !== "employer" || user.actingFor === null || !holdsMandateFor(user, user.actingFor.employerId)) return REFUSED;
  return facts.enterpriseConsented ? ALLOWED : REFUSED;
}

/** The rule itself: pure, so that it can be tested as the table it is. */
export function decideCaseAccess(viewer: Viewer, facts: CaseFacts, purpose: CasePurpose): AccessDecision {
  if ("system" in viewer) return ALLOWED;
  const { user } = viewer;
  if (facts.status === "draft") return HIDDEN; // drafts: decideDraftAccess
  switch (purpose) {
    case "follow":
      if (user.role === "employer") return holdsMandateFor(user, facts.employerId) ? ALLOWED : HIDDEN;
      if (user.role === "resident") return isOwnPermanentRequest(user, facts) || isCaseWorker(user, facts) ? ALLOWED : HIDDEN;
      if (user.role === "worker") return isCaseWorker(user, facts) ? ALLOWED : HIDDEN;
      return HIDDEN;
    case "act-as-applicant":
      if (user.role === "employer") return holdsMandateFor(user, facts.employerId) ? ALLOWED : HIDDEN;
      if (user.role === "resident") return isOwnPermanentRequest(user, facts) ? ALLOWED : HIDDEN;
      return HIDDEN;
    case "handle":
    case "housekeeping":
      // The regional officer while the file is with his region (it stays there once decided;
      // a reroute takes it away); the OE from submission, its pre-checks run in parallel.
      if (user.role === "regional-officer") return user.authority !== null && facts.competentAuthority === user.authority ? ALLOWED : REFUSED;
      if (user.role === "oe-officer") return ALLOWED;
      return HIDDEN;
    case "residence": {
      // A post sees the files of workers who chose it; a commune those routed to it by the
      // worker's address. Not theirs and not there look the same: they hold no register of cases.
      const residence = facts.residence ?? null;
      if (user.office === null || residence === null) return HIDDEN;
      if (user.role === "diplomatic-post") return residence.visaPost === user.office ? ALLOWED : HIDDEN;
      if (user.role === "commune") return residence.commune === user.office ? ALLOWED : HIDDEN;
      return HIDDEN;
    }
  }
}

/**
 * The revocation chain (app/revocation; docs/access.md, "Revocation chain"): the OE officer
 * takes the OE's steps on any case he handles; the commune the chain is routed to takes its
 * own; a regional officer is refused (403: the region's part is its decision on the case);
 * anyone else, another commune included, does not see it (404). Which step is whose is the
 * chain's rule (workflows/revocation-chain.ts STEP_ACTOR).
 */
export function decideRevocationStep(user: User, chain: { commune: string | null }): AccessDecision & { side?: "oe" | "commune" } {
  if (user.role === "oe-officer") return { ...ALLOWED, side: "oe" };
  if (user.role === "commune") return user.office !== null && chain.commune === user.office ? { ...ALLOWED, side: "commune" } : HIDDEN;
  if (user.role === "regional-officer") return REFUSED;
  return HIDDEN;
}

/** The side that takes a step of this chain; else ForbiddenError / NotFoundError. */
export function requireRevocationSide(user: User, chain: { commune: string | null }): "oe" | "commune" {
  const decision = decideRevocationStep(user, chain);
  if (decision.allowed && decision.side) return decision.side;
  if (!decision.allowed && decision.answer === "forbidden") throw new ForbiddenError("revocation: the region's part is its decision");
  throw new NotFoundError("revocation chain");
}

/** Whose files a post's or a commune's queue holds; anyone else: ForbiddenError. */
export function requireResidenceScope(user: User): { role: "diplomatic-post" | "commune"; office: string } {
  if ((user.role === "diplomatic-post" || user.role === "commune") && user.office) return { role: user.role, office: user.office };
  throw new ForbiddenError("the queue is a post's or a commune's");
}

/**
 * Whose cases an officer's queue holds (and so his deadline dashboard): a regional officer's
 * region, the Immigration Office's own open work across all regions. Anyone else: ForbiddenError.
 */
export function requireQueueScope(user: User): { authority: string | null; oeWork: boolean } {
  if (user.role === "regional-officer" && user.authority) return { authority: user.authority, oeWork: false };
  if (user.role === "oe-officer" && user.authority) return { authority: null, oeWork: true };
  throw new ForbiddenError("the queue is an officer's");
}

/**
 * Signals between the Immigration Office and the social inspection (issue 14, point 4;
 * docs/access.md, "Signals"):
 * - file: the OE officer, from a case he may handle (the protocol is the OE's); a regional
 *   officer is refused (403), anyone else does not see the form (404);
 * - see-on-case: a signal and its findings on a case page, for an officer who may handle
 *   that case (a regional officer on his region's cases: the findings weigh on the work
 *   authorisation too); each signal shown is audit-logged;
 * - inspect: the inspector lists, opens (logged) and answers signals. He sees of the case
 *   only what the signal carries (reference, employer, worker, reason, facts), never the file.
 */
export type SignalPurpose = "file" | "see-on-case" | "inspect";

export function decideSignalAccess(user: User, purpose: SignalPurpose): AccessDecision {
  switch (purpose) {
    case "file":
      if (user.role === "oe-officer") return ALLOWED;
      return user.role === "regional-officer" ? REFUSED : HIDDEN;
    case "see-on-case":
      return user.role === "oe-officer" || user.role === "regional-officer" ? ALLOWED : HIDDEN;
    case "inspect":
      return user.role === "inspector" ? ALLOWED : REFUSED;
  }
}

/** ForbiddenError / NotFoundError unless this person may use signals for this purpose. */
export function requireSignalAccess(user: User, purpose: SignalPurpose): void {
  const decision = decideSignalAccess(user, purpose);
  if (decision.allowed) return;
  if (decision.answer === "forbidden") throw new ForbiddenError(`signals: ${purpose}`);
  throw new NotFoundError(`signals: ${purpose}`);
}

/**
 * The worker's own permits page (/permits, app/permits/permits.server.ts): a worker signed in
 * with a national number sees the permits about that number and nobody else's. Anyone else:
 * ForbiddenError (the page is not for his role). Returns the number his permits are read by.
 */
export function requirePermitHolder(user: User): string {
  if (user.role !== "worker" || !user.personNumber) throw new ForbiddenError("the permits page is a worker's");
  return user.personNumber;
}

/**
 * The worker reports the end of his own employment: only on a permit about his national
 * number that still holds (granted or issued); not his, or no such case: not found.
 */
export function decideOwnPermitReport(user: User, facts: CaseFacts): AccessDecision {
  if (user.role !== "worker" || facts.status === "draft" || facts.kind !== "single") return HIDDEN;
  return isCaseWorker(user, facts) ? ALLOWED : HIDDEN;
}

/** The case, if it is a permit of this worker's on which he may report the end of his employment; else NotFoundError. */
export async function requireOwnPermit(db: DB, user: User, caseId: string): Promise<ApplicationRow> {
  requirePermitHolder(user);
  const row = isUuid(caseId) ? await findApplication(db, caseId) : undefined;
  if (!row || !decideOwnPermitReport(user, await caseFacts(db, row)).allowed) throw new NotFoundError(`permit ${caseId}`);
  return row;
}

/** A draft is continued, and filed, only under a mandate for the enterprise it was started for. */
export function decideDraftAccess(user: User, draft: { status: ApplicationRow["status"]; employerId: string | null }): AccessDecision {
  if (draft.status !== "draft" || user.role !== "employer") return HIDDEN;
  return holdsMandateFor(user, draft.employerId) ? ALLOWED : HIDDEN;
}

/** How the case lifecycle sees this person: the machine decides which steps each may take. */
export function caseActorFor(viewer: Viewer, purpose: "act-as-applicant" | "handle"): CaseActor {
  if ("system" in viewer) return { role: "system" };
  const { user } = viewer;
  if (purpose === "handle" && (user.role === "regional-officer" || user.role === "oe-officer")) {
    return { role: user.role, authority: user.authority };
  }
  return { role: "applicant" };
}

/**
 * The worker's person number of a row as read, looked up once: a page asks the access rule
 * about the same row several times (to see it, to act on it, which actions), and on the
 * embedded database each query costs the request about half a millisecond of CPU
 * (docs/decisions/018-speed.md). Keyed by the row object, so a row read again (in a
 * command's transaction, on the next request) is asked afresh.
 */
const personNumbers = new WeakMap<ApplicationRow, Promise<string | null>>();

export async function caseFacts(db: DB, row: ApplicationRow): Promise<CaseFacts> {
  let personNumber = personNumbers.get(row);
  if (!personNumber) {
    personNumber = row.worker_id ? workerPersonNumberOf(db, row.worker_id) : Promise.resolve(null);
    personNumbers.set(row, personNumber);
    // A failed look-up is not kept: the next question asks the database again.
    personNumber.catch(() => personNumbers.delete(row));
  }
  return {
    status: row.status,
    kind: row.kind,
    employerId: row.employer_id,
    createdBy: row.created_by,
    competentAuthority: row.competent_authority,
    workerPersonNumber: await personNumber,
  };
}

const isOfficerPurpose = (purpose: CasePurpose) => purpose === "handle" || purpose === "housekeeping";

/**
 * The case, if this person may use it for this purpose; else NotFoundError / ForbiddenError.
 * An officer's use is audit-logged before anything is shown or changed, refused attempts
 * too; `about` names a document read through the case, or says the officer acts on it.
 */
export async function requireCase(
  db: DB,
  viewer: Viewer,
  caseId: string,
  purpose: CasePurpose,
  about: { documentId?: string; action?: "act" } = {},
): Promise<ApplicationRow> {
  const row = isUuid(caseId) ? await findApplication(db, caseId) : undefined;
  if (!row || row.status === "draft") throw new NotFoundError(`case ${caseId}`);
  const facts = await caseFacts(db, row);
  if (purpose === "residence") facts.residence = (await residenceFactsOf(db, row.id)) ?? null;
  const decision = decideCaseAccess(viewer, facts, purpose);
  if ("user" in viewer && purpose === "residence" && (viewer.user.role === "diplomatic-post" || viewer.user.role === "commune")) {
    // A post or a commune reads the worker's personal data: logged, refused attempts too.
    await recordRead(db, viewer.user, {
      subject: { type: "application", id: row.id },
      applicationId: row.id,
      purpose: viewer.user.role === "diplomatic-post" ? "visa" : "residence-registration",
      action: about.action ?? "read",
      allowed: decision.allowed,
    });
  }
  if ("user" in viewer && isOfficerPurpose(purpose) && (viewer.user.role === "regional-officer" || viewer.user.role === "oe-officer")) {
    await recordRead(db, viewer.user, {
      subject: about.documentId ? { type: "document", id: about.documentId } : { type: "application", id: row.id },
      applicationId: row.id,
      purpose: "case-handling",
      action: purpose === "housekeeping" ? "housekeeping" : about.documentId ? "download" : (about.action ?? "read"),
      allowed: decision.allowed,
    });
  }
  if (!decision.allowed && "user" in viewer && lostMandateFor(viewer.user, row.employer_id)) {
    // His mandate for the case's enterprise was revoked or ran out during his session: say so, and log it.
    await recordMandateRefusal(db, viewer.user, {
      subject: about.documentId ? { type: "document", id: about.documentId } : { type: "application", id: row.id },
      applicationId: row.id,
      action: about.documentId ? "download" : (about.action ?? "read"),
    });
    throw new ConflictError("mandates.ended");
  }
  if (!decision.allowed) {
    if (decision.answer === "forbidden") throw new ForbiddenError(`${purpose} on case ${caseId}`);
    throw new NotFoundError(`case ${caseId}`);
  }
  return row;
}

/** The same rule as "follow", as a filter on `applications` joined with `workers`: the applicant's list. */
export function followedBy(user: User) {
  return (eb: ExpressionBuilder<Database & { workers: Database["workers"] }, "applications" | "workers">) => {
    if (user.role === "employer") {
      const mandates = user.mandates.map((mandate) => mandate.employerId);
      return mandates.length > 0 ? eb("applications.employer_id", "in", mandates) : eb.val(false);
    }
    if (user.role === "worker" || user.role === "resident") {
      const mine = [];
      if (user.role === "resident") mine.push(eb.and([eb("applications.kind", "=", "permanent"), eb("applications.created_by", "=", user.id)]));
      if (user.personNumber) mine.push(eb("workers.person_number", "=", user.personNumber));
      return mine.length > 0 ? eb.or(mine) : eb.val(false);
    }
    return eb.val(false);
  };
}
