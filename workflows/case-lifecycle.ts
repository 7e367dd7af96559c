import { and, assign, createActor, initialTransition, setup, transition, type SnapshotFrom } from "xstate";
import { REGIONAL_AUTHORITIES, type HandlingAuthority, type RegionalAuthority } from "../forms/authorities";
import type { CaseStatus } from "./case-status";
import { deemedGrantApplies, isCalendarDate, SEASONAL_CLOCKS, type ClockCategory } from "./legal-clock";

// The flat status, whose turn it is and isOpen live in case-status.ts so that pages can use
// them without shipping xstate to the browser; re-exported here for the machine's users.
export { CASE_STATUSES, isOpen, withWhom, type CaseStatus } from "./case-status";

/**
 * The life of a submitted application, from the regional authority to the Immigration
 * Office (OE) and on to the permit (Cooperation Agreement of 2 Feb 2018; Directive
 * 2011/98/EU; CA of 22 Mar 2024; myria.be; dofi.ibz.be; docs/domain.md §3):
 *
 *   regionalReview (parallel)
 *     regional:    completeness ⇄ awaitingDocuments;  completeness → assessment
 *                  assessment → workAuthorised (final) | refused (the whole case)
 *                  REROUTE (completeness, awaitingDocuments, assessment) → completeness
 *                  in the other region
 *     oePreChecks: pending → done (final)   (the OE checks run while the region assesses)
 *   both regions final (onDone) → oeReview: assessment ⇄ awaitingDocuments
 *                                          → granted (annex 46) | refused (annex 48)
 *   DEEMED_GRANT (law, annex 47) from regionalReview or oeReview → granted
 *   DECLARE_INADMISSIBLE: the region (completeness, awaiting documents) or the OE (any time
 *     before its decision) → inadmissible; REQUEST_LAPSED (the sweep) only proposes it
 *   granted → issued → revoked (REVOKE: the region withdraws the work authorisation, the OE
 *     ends the right to stay) | ended (END_EMPLOYMENT: the region ends the work
 *     authorisation after the employment ended; the 90-day search follows)
 *   regionalReview | oeReview → withdrawn (by the applicant)
 *   SET_CLOCK_CATEGORY (seasonal ⇄ returning ⇄ renewal) and EXTEND_TERM change the clock only
 *
 * The same machine serves the single permit and the permanent (unlimited) permit: they
 * differ only by clock category (the OE pre-checks apply to both). It serves the change of
 * employer too (Directive 2024/1233 art. 11; workflows/change-of-employer.ts): where the
 * worker's residence is not affected (`oeConcerned: false`), the region's AUTHORISE_WORK
 * allows the change at once (no OE step); otherwise the OE decides the residence as for a
 * first permit. Its DEEMED_GRANT is "no opposition within the window = allowed", without an
 * annex 47. When a change is allowed, the permit it changes gets EMPLOYER_CHANGED (the
 * system, in the same transaction): the old employer's authorisation ends.
 *
 * Pure: who acted comes in the event, and any date (the clock start for the deemed grant)
 * too; the store adds timestamps, rows and the legal clock (case-clock.ts).
 * Bump CASE_LIFECYCLE_VERSION whenever a persisted snapshot of the previous version
 * would not restore into this definition.
 */
export const CASE_LIFECYCLE_VERSION = 1;

export interface CaseActor {
  role: "applicant" | "regional-officer" | "oe-officer" | "system";
  /** For officers: the authority they work for ("oe" for the Immigration Office). */
  authority?: HandlingAuthority | null;
}

/** Royal Decree of 8 Oct 1981: 46 single permit granted, 47 deemed grant, 48 refusal. */
export type Annex = "46" | "47" | "48";

export interface CaseDecision {
  /** Who decided: the region (work), the OE (residence), or the law (deemed grant). */
  by: "region" | "oe" | "law";
  outcome: "granted" | "refused" | "revoked" | "inadmissible" | "ended";
  annex: Annex | null;
  reason: string | null;
  /** Inadmissibility and revocation: the legal ground (absent on decisions taken before grounds existed); "change-of-employer" on a change allowed and on the permit it ended. */
  ground?: string | null;
}

/** Why a file is declared inadmissible (docs/domain.md §3). */
export const INADMISSIBILITY_GROUNDS = ["not-completed", "fee-missing", "other"] as const;
export type InadmissibilityGround = (typeof INADMISSIBILITY_GROUNDS)[number];

/**
 * Why a permit is withdrawn (Flemish grounds, agii.be; docs/domain.md §5). The end of the
 * employment is not a withdrawal: it is END_EMPLOYMENT, with the 90-day search.
 */
export const REVOCATION_GROUNDS = ["fraud", "conditions-not-met", "public-order", "employer-sanctions", "other"] as const;
export type RevocationGround = (typeof REVOCATION_GROUNDS)[number];

/** Something the system proposes and an officer confirms (or not). */
export interface CaseProposal {
  kind: "inadmissible";
  reason: "request-lapsed";
  /** The day the request for documents was due. */
  dueOn: string;
}

export interface CaseContext {
  kind: "single" | "permanent" | "change-of-employer";
  /** The regional authority the case is with now (changes on reroute). */
  authority: RegionalAuthority;
  category: ClockCategory;
  /** The last decision, with its reason and annex. */
  decision: CaseDecision | null;
  /** A deadline passed where no deemed grant applies: the officers must act. */
  escalated: boolean;
  /** A decision the system proposes to the officers (absent on snapshots stored before proposals existed). */
  proposal?: CaseProposal | null;
  /** A change of employer: does it touch the residence (the OE decides too)? Absent on other kinds. */
  oeConcerned?: boolean;
}

export type CaseInput = Pick<CaseContext, "kind" | "authority" | "category"> & { oeConcerned?: boolean };

type WithActor<T> = T & { actor: CaseActor };
export type CaseEvent =
  | WithActor<{ type: "DECLARE_COMPLETE" }>
  | WithActor<{ type: "REQUEST_DOCUMENTS" }>
  | WithActor<{ type: "DOCUMENTS_PROVIDED" }>
  | WithActor<{ type: "AUTHORISE_WORK" }>
  | WithActor<{ type: "REFUSE_WORK"; reason: string }>
  | WithActor<{ type: "REROUTE"; to: RegionalAuthority; reason: string }>
  | WithActor<{ type: "PRE_CHECKS_DONE" }>
  | WithActor<{ type: "GRANT_RESIDENCE" }>
  | WithActor<{ type: "REFUSE_RESIDENCE"; reason: string }>
  /** filedOn: the day the application was filed, whose rules decide whether a deemed grant applies. */
  | WithActor<{ type: "DEEMED_GRANT"; filedOn: string }>
  | WithActor<{ type: "DEADLINE_MISSED"; filedOn: string }>
  | WithActor<{ type: "PERMIT_ISSUED" }>
  | WithActor<{ type: "REVOKE"; reason: string; ground?: RevocationGround }>
  | WithActor<{ type: "END_EMPLOYMENT"; reason: string }>
  /** The system: a change of employer was allowed, this permit's employer's authorisation ends. */
  | WithActor<{ type: "EMPLOYER_CHANGED"; reason: string }>
  | WithActor<{ type: "DECLARE_INADMISSIBLE"; reason: string; ground: InadmissibilityGround }>
  | WithActor<{ type: "REQUEST_LAPSED"; dueOn: string }>
  | WithActor<{ type: "SET_CLOCK_CATEGORY"; category: ClockCategory; reason: string }>
  | WithActor<{ type: "EXTEND_TERM"; reason: string }>
  | WithActor<{ type: "WITHDRAW" }>;

export type CaseEventType = CaseEvent["type"];

export const CASE_EVENT_TYPES: readonly CaseEventType[] = [
  "DECLARE_COMPLETE",
  "REQUEST_DOCUMENTS",
  "DOCUMENTS_PROVIDED",
  "AUTHORISE_WORK",
  "REFUSE_WORK",
  "REROUTE",
  "PRE_CHECKS_DONE",
  "GRANT_RESIDENCE",
  "REFUSE_RESIDENCE",
  "DEEMED_GRANT",
  "DEADLINE_MISSED",
  "PERMIT_ISSUED",
  "REVOKE",
  "END_EMPLOYMENT",
  "EMPLOYER_CHANGED",
  "DECLARE_INADMISSIBLE",
  "REQUEST_LAPSED",
  "SET_CLOCK_CATEGORY",
  "EXTEND_TERM",
  "WITHDRAW",
];

function reasonOf(event: CaseEvent): string | null {
  return "reason" in event && typeof event.reason === "string" && event.reason.trim().length > 0 ? event.reason.trim() : null;
}

export const caseLifecycle = setup({
  types: {} as { context: CaseContext; events: CaseEvent; input: CaseInput },
  guards: {
    isApplicant: ({ event }) => event.actor.role === "applicant",
    /** Deadlines and deliveries are the system's: no person may fake them. */
    isSystem: ({ event }) => event.actor.role === "system",
    isOeOfficer: ({ event }) => event.actor.role === "oe-officer",
    /** A regional officer of the region the case is with now, and no other region's. */
    isCaseRegionalOfficer: ({ context, event }) =>
      event.actor.role === "regional-officer" && event.actor.authority === context.authority,
    /** A change of employer that leaves the residence as it is: the region alone allows it. */
    isChangeForRegionAlone: ({ context }) => context.kind === "change-of-employer" && context.oeConcerned === false,
    /** Refusals, reroutes and revocations must say why (they are notified and can be appealed). */
    hasReason: ({ event }) => reasonOf(event) !== null,
    isRerouteToOtherRegion: ({ context, event }) =>
      event.type === "REROUTE" &&
      (REGIONAL_AUTHORITIES as readonly string[]).includes(event.to) &&
      event.to !== context.authority,
    /** The rules of the filing date still give a deemed grant for this category (CA 22 Mar 2024). */
    deemedGrantAllowed: ({ context, event }) =>
      "filedOn" in event && isCalendarDate(event.filedOn) && deemedGrantApplies(context.category, event.filedOn),
    /** The case's regional officer (while the file is with the region) or the OE. */
    isHandlingOfficer: ({ context, event }) =>
      event.actor.role === "oe-officer" || (event.actor.role === "regional-officer" && event.actor.authority === context.authority),
    /** Inadmissibility names a known ground. */
    hasInadmissibilityGround: ({ event }) =>
      event.type === "DECLARE_INADMISSIBLE" && (INADMISSIBILITY_GROUNDS as readonly string[]).includes(event.ground),
    /** Revocation grounds, when given, are known ones. */
    knownRevocationGround: ({ event }) =>
      event.type !== "REVOKE" || event.ground === undefined || (REVOCATION_GROUNDS as readonly string[]).includes(event.ground),
    /** A seasonal clock changed to another seasonal clock (returning worker, renewal). */
    isSeasonalChange: ({ context, event }) =>
      event.type === "SET_CLOCK_CATEGORY" &&
      SEASONAL_CLOCKS.includes(context.category) &&
      SEASONAL_CLOCKS.includes(event.category) &&
      event.category !== context.category,
    /** Propose once: a second lapse changes nothing. */
    noProposal: ({ context, event }) => !context.proposal && event.type === "REQUEST_LAPSED" && isCalendarDate(event.dueOn),
    /** Escalate once: a second DEADLINE_MISSED would change nothing. */
    notEscalated: ({ context }) => !context.escalated,
    /** The OE (residence) or the region the case is with (work) may revoke the permit. */
    mayRevoke: ({ context, event }) =>
      event.actor.role === "oe-officer" ||
      (event.actor.role === "regional-officer" && event.actor.authority === context.authority),
  },
  actions: {
    reroute: assign({ authority: ({ context, event }) => (event.type === "REROUTE" ? event.to : context.authority) }),
    recordWorkRefusal: assign({
      // The region's refusal of the work authorisation; the annex used to notify it is left to the store.
      decision: ({ event }): CaseDecision => ({ by: "region", outcome: "refused", annex: null, reason: reasonOf(event) }),
    }),
    recordResidenceGrant: assign({
      decision: (): CaseDecision => ({ by: "oe", outcome: "granted", annex: "46", reason: null }),
    }),
    recordResidenceRefusal: assign({
      decision: ({ event }): CaseDecision => ({ by: "oe", outcome: "refused", annex: "48", reason: reasonOf(event) }),
    }),
    recordDeemedGrant: assign({
      // A change of employer not opposed within the window is allowed by law, without an annex 47.
      decision: ({ context }): CaseDecision =>
        context.kind === "change-of-employer"
          ? { by: "law", outcome: "granted", annex: null, reason: null, ground: "change-of-employer" }
          : { by: "law", outcome: "granted", annex: "47", reason: null },
    }),
    recordChangeAllowed: assign({
      decision: (): CaseDecision => ({ by: "region", outcome: "granted", annex: null, reason: null, ground: "change-of-employer" }),
    }),
    recordEmployerChanged: assign({
      decision: ({ context, event }): CaseDecision => ({
        by: "region",
        outcome: "ended",
        annex: context.decision?.annex ?? null,
        reason: reasonOf(event),
        ground: "change-of-employer",
      }),
    }),
    recordRevocation: assign({
      decision: ({ context, event }): CaseDecision => ({
        by: event.actor.role === "oe-officer" ? "oe" : "region",
        outcome: "revoked",
        // Keeps the annex of the grant being revoked, so the notice can refer to it.
        annex: context.decision?.annex ?? null,
        reason: reasonOf(event),
        ground: event.type === "REVOKE" ? (event.ground ?? "other") : null,
      }),
    }),
    recordInadmissibility: assign({
      decision: ({ event }): CaseDecision => ({
        by: event.actor.role === "oe-officer" ? "oe" : "region",
        outcome: "inadmissible",
        annex: null,
        reason: reasonOf(event),
        ground: event.type === "DECLARE_INADMISSIBLE" ? event.ground : null,
      }),
    }),
    recordEndOfEmployment: assign({
      decision: ({ context, event }): CaseDecision => ({
        by: "region",
        outcome: "ended",
        annex: context.decision?.annex ?? null,
        reason: reasonOf(event),
        ground: "end-of-employment",
      }),
    }),
    proposeInadmissibility: assign({
      proposal: ({ event }): CaseProposal | null => (event.type === "REQUEST_LAPSED" ? { kind: "inadmissible", reason: "request-lapsed", dueOn: event.dueOn } : null),
    }),
    /** The applicant answered, the file moved or was decided: the proposal is moot. */
    clearProposal: assign({ proposal: null }),
    setClockCategory: assign({ category: ({ context, event }) => (event.type === "SET_CLOCK_CATEGORY" ? event.category : context.category) }),
    escalate: assign({ escalated: true }),
    /** An officer acted (or the case ended): the escalation has been dealt with. */
    clearEscalation: assign({ escalated: false }),
  },
}).createMachine({
  id: "case",
  context: ({ input }) => ({ ...input, decision: null, escalated: false, proposal: null }),
  initial: "regionalReview",
  states: {
    regionalReview: {
      type: "parallel",
      on: openCaseEvents(),
      states: {
        regional: {
          initial: "completeness",
          states: {
            completeness: {
              on: {
                DECLARE_COMPLETE: { guard: "isCaseRegionalOfficer", target: "assessment", actions: ["clearEscalation", "clearProposal"] },
                REQUEST_DOCUMENTS: { guard: "isCaseRegionalOfficer", target: "awaitingDocuments", actions: "clearEscalation" },
                DECLARE_INADMISSIBLE: inadmissibleTransition("isCaseRegionalOfficer"),
                REROUTE: rerouteTransition(),
              },
            },
            awaitingDocuments: {
              on: {
                // The region checks the answer for completeness again before assessing.
                DOCUMENTS_PROVIDED: { guard: "isApplicant", target: "completeness", actions: "clearProposal" },
                // The request lapsed unanswered: the sweep proposes inadmissibility, an officer decides.
                REQUEST_LAPSED: { guard: and(["isSystem", "noProposal"]), actions: "proposeInadmissibility" },
                DECLARE_INADMISSIBLE: inadmissibleTransition("isCaseRegionalOfficer"),
                REROUTE: rerouteTransition(),
              },
            },
            assessment: {
              on: {
                AUTHORISE_WORK: [
                  {
                    guard: and(["isCaseRegionalOfficer", "isChangeForRegionAlone"]),
                    target: "#case.granted",
                    actions: ["recordChangeAllowed", "clearEscalation"],
                  },
                  { guard: "isCaseRegionalOfficer", target: "workAuthorised", actions: "clearEscalation" },
                ],
                // No intermediate "workRefused" state: without the work authorisation there is no
                // single permit, so the region's refusal ends the whole case and leaves the
                // parallel state at once. decision.by === "region" tells it from the OE's refusal.
                REFUSE_WORK: {
                  guard: and(["isCaseRegionalOfficer", "hasReason"]),
                  target: "#case.refused",
                  actions: ["recordWorkRefusal", "clearEscalation"],
                },
                // The assessment can also reveal something missing; the answer goes through
                // the completeness check again (see awaitingDocuments).
                REQUEST_DOCUMENTS: { guard: "isCaseRegionalOfficer", target: "awaitingDocuments", actions: "clearEscalation" },
                REROUTE: rerouteTransition(),
              },
            },
            workAuthorised: { type: "final" },
          },
        },
        oePreChecks: {
          initial: "pending",
          states: {
            pending: { on: { PRE_CHECKS_DONE: { guard: "isOeOfficer", target: "done" } } },
            done: { type: "final" },
          },
        },
      },
      // The join: only when the work is authorised AND the OE pre-checks are done, in either order.
      onDone: { target: "oeReview" },
    },
    oeReview: {
      initial: "assessment",
      on: openCaseEvents(),
      states: {
        assessment: {
          on: {
            DECLARE_INADMISSIBLE: inadmissibleTransition("isOeOfficer"),
            GRANT_RESIDENCE: { guard: "isOeOfficer", target: "#case.granted", actions: ["recordResidenceGrant", "clearEscalation"] },
            REFUSE_RESIDENCE: {
              guard: and(["isOeOfficer", "hasReason"]),
              target: "#case.refused",
              actions: ["recordResidenceRefusal", "clearEscalation"],
            },
            REQUEST_DOCUMENTS: { guard: "isOeOfficer", target: "awaitingDocuments", actions: "clearEscalation" },
          },
        },
        awaitingDocuments: {
          on: {
            DOCUMENTS_PROVIDED: { guard: "isApplicant", target: "assessment", actions: "clearProposal" },
            REQUEST_LAPSED: { guard: and(["isSystem", "noProposal"]), actions: "proposeInadmissibility" },
            DECLARE_INADMISSIBLE: inadmissibleTransition("isOeOfficer"),
          },
        },
      },
    },
    granted: {
      on: {
        // The permit card/document has been delivered (the outbox worker reports it).
        PERMIT_ISSUED: { guard: "isSystem", target: "issued" },
        // A grant can be withdrawn before the document is delivered too (e.g. fraud found in between).
        REVOKE: revokeTransition(),
        END_EMPLOYMENT: endOfEmploymentTransition(),
        EMPLOYER_CHANGED: employerChangedTransition(),
      },
    },
    issued: {
      on: { REVOKE: revokeTransition(), END_EMPLOYMENT: endOfEmploymentTransition(), EMPLOYER_CHANGED: employerChangedTransition() },
    },
    refused: { type: "final" },
    inadmissible: { type: "final" },
    revoked: { type: "final" },
    ended: { type: "final" },
    withdrawn: { type: "final" },
  },
});

/**
 * What any open case accepts, with the region or with the OE: the applicant withdraws; the
 * law grants when the decision term passed (where it still does); a missed deadline is
 * escalated once. DEADLINE_MISSED is not guarded by "no deemed grant applies": a missed
 * 30-day completeness check never gives a deemed grant, whatever the category; the sweep
 * (case-clock overdueAction) sends DEEMED_GRANT for a missed decision term instead.
 */
function openCaseEvents() {
  return {
    WITHDRAW: { guard: "isApplicant", target: "#case.withdrawn", actions: "clearEscalation" },
    // The OE finds the file inadmissible (e.g. no fee paid) while the region still assesses it.
    DECLARE_INADMISSIBLE: inadmissibleTransition("isOeOfficer"),
    SET_CLOCK_CATEGORY: { guard: and(["isHandlingOfficer", "isSeasonalChange", "hasReason"]), actions: "setClockCategory" },
    // The clock (not the machine) changes; an officer acting deals with an escalation.
    EXTEND_TERM: { guard: and(["isHandlingOfficer", "hasReason"]), actions: "clearEscalation" },
    DEEMED_GRANT: {
      guard: and(["isSystem", "deemedGrantAllowed"]),
      target: "#case.granted",
      actions: ["recordDeemedGrant", "clearEscalation"],
    },
    DEADLINE_MISSED: { guard: and(["isSystem", "notEscalated"]), actions: "escalate" },
  } as const;
}

/** Inadmissibility, by the given officer, with a ground and reasons (it is notified and can be appealed). */
function inadmissibleTransition(who: "isCaseRegionalOfficer" | "isOeOfficer") {
  return {
    guard: and([who, "hasReason", "hasInadmissibilityGround"]),
    target: "#case.inadmissible",
    actions: ["recordInadmissibility", "clearEscalation", "clearProposal"],
  } as const;
}

/** The region withdraws the work authorisation, or the OE ends the right to stay, for a ground. */
function revokeTransition() {
  return { guard: and(["mayRevoke", "hasReason", "knownRevocationGround"]), target: "#case.revoked", actions: "recordRevocation" } as const;
}

/** After the employment ended, the region of the case ends the work authorisation (agii.be). */
function endOfEmploymentTransition() {
  return { guard: and(["isCaseRegionalOfficer", "hasReason"]), target: "#case.ended", actions: "recordEndOfEmployment" } as const;
}

/** A change of employer was allowed: the system ends this permit's employment (with the reason naming the change). */
function employerChangedTransition() {
  return { guard: and(["isSystem", "hasReason"]), target: "#case.ended", actions: "recordEmployerChanged" } as const;
}

/**
 * Reroute: the case was filed with the wrong region. Its regional track restarts at the
 * completeness check in the new region (reenter: no history, nothing carried over; the
 * new region decides afresh). The OE pre-checks keep their progress: they concern the
 * person's residence, not the region, so they need not be redone.
 */
function rerouteTransition() {
  return {
    guard: and(["isCaseRegionalOfficer", "hasReason", "isRerouteToOtherRegion"]),
    target: "#case.regionalReview.regional.completeness",
    reenter: true,
    actions: ["reroute", "clearEscalation"],
  } as const;
}

export type CaseSnapshot = SnapshotFrom<typeof caseLifecycle>;

/** One flat status for lists, queues and the applicant's tracker. */
export function caseStatus(snapshot: CaseSnapshot): CaseStatus {
  if (snapshot.matches({ regionalReview: { regional: "completeness" } })) return "regional-completeness";
  if (snapshot.matches({ regionalReview: { regional: "awaitingDocuments" } })) return "regional-awaiting-documents";
  if (snapshot.matches({ regionalReview: { regional: "assessment" } })) return "regional-assessment";
  // Work authorised, OE pre-checks still pending (the join has not happened yet).
  if (snapshot.matches({ regionalReview: { regional: "workAuthorised" } })) return "awaiting-oe-pre-checks";
  if (snapshot.matches({ oeReview: "assessment" })) return "oe-review";
  if (snapshot.matches({ oeReview: "awaitingDocuments" })) return "oe-awaiting-documents";
  for (const status of ["granted", "issued", "refused", "inadmissible", "revoked", "ended", "withdrawn"] as const) {
    if (snapshot.matches(status)) return status;
  }
  throw new Error(`unknown case state ${JSON.stringify(snapshot.value)}`);
}

/**
 * Brings a stored snapshot back to life, without running anything (no actor is started).
 * Accepts the persisted object or its JSON text. Throws if it does not fit this machine
 * (a snapshot of another CASE_LIFECYCLE_VERSION needs a migration first).
 */
export function restoreCase(persisted: unknown): CaseSnapshot {
  const data: unknown = typeof persisted === "string" ? JSON.parse(persisted) : persisted;
  if (typeof data !== "object" || data === null || !("value" in data) || !("context" in data)) {
    throw new Error("not a persisted case snapshot");
  }
  const snapshot = createActor(caseLifecycle, { snapshot: data as CaseSnapshot, input: undefined as never }).getSnapshot();
  caseStatus(snapshot); // throws on a state this machine does not know
  return snapshot;
}

/** The JSON-safe form to store (round-trips through restoreCase). */
export function persistCase(snapshot: CaseSnapshot): unknown {
  return caseLifecycle.getPersistedSnapshot(snapshot);
}

/** A new case's first snapshot. */
export function initialCaseSnapshot(input: CaseInput): CaseSnapshot {
  return initialTransition(caseLifecycle, input)[0];
}

export type CaseTransitionResult = { ok: true; snapshot: CaseSnapshot; changed: true } | { ok: false; reason: "not-allowed" };

function isCaseEvent(event: unknown): event is CaseEvent {
  if (typeof event !== "object" || event === null) return false;
  const { type, actor } = event as { type?: unknown; actor?: unknown };
  return (
    typeof type === "string" &&
    (CASE_EVENT_TYPES as readonly string[]).includes(type) &&
    typeof actor === "object" &&
    actor !== null &&
    typeof (actor as { role?: unknown }).role === "string"
  );
}

/**
 * Applies one event, purely (xstate's `transition`; nothing is executed). An event that
 * changes nothing — not accepted in this state, or refused by a guard — gives
 * `{ ok: false, reason: "not-allowed" }` and the caller keeps the old snapshot.
 *
 * caseTransition(snapshot, event), or caseTransition(snapshotOrNull, input, event) where a
 * null snapshot means a new case started from `input`.
 */
export function caseTransition(snapshot: CaseSnapshot, event: CaseEvent): CaseTransitionResult;
export function caseTransition(snapshot: CaseSnapshot | null, input: CaseInput, event: CaseEvent): CaseTransitionResult;
export function caseTransition(
  snapshot: CaseSnapshot | null,
  inputOrEvent: CaseInput | CaseEvent,
  maybeEvent?: CaseEvent,
): CaseTransitionResult {
  const event = maybeEvent ?? (inputOrEvent as CaseEvent);
  let current = snapshot;
  if (current === null) {
    if (maybeEvent === undefined) throw new Error("caseTransition(null, …) needs the case input to start from");
    current = initialCaseSnapshot(inputOrEvent as CaseInput);
  }
  // Malformed input (e.g. a forged form post) is refused, never thrown by a guard.
  if (!isCaseEvent(event) || current.status !== "active" || !current.can(event)) return { ok: false, reason: "not-allowed" };
  const [next] = transition(caseLifecycle, current, event);
  return { ok: true, snapshot: next, changed: true };
}

const PROBE_REASON = "probe";

/**
 * The events this actor may send now: the buttons to show. The deadline events need the
 * filing date; without `filedOn` they are left out. EXTEND_TERM is offered only when the
 * caller says the clock may still be extended.
 */
export function allowedEvents(snapshot: CaseSnapshot, actor: CaseActor, options: { filedOn?: string; extensible?: boolean } = {}): CaseEventType[] {
  if (snapshot.status !== "active") return [];
  const otherRegions = REGIONAL_AUTHORITIES.filter((region) => region !== snapshot.context.authority);
  const probes: CaseEvent[] = [
    { type: "DECLARE_COMPLETE", actor },
    { type: "REQUEST_DOCUMENTS", actor },
    { type: "DOCUMENTS_PROVIDED", actor },
    { type: "AUTHORISE_WORK", actor },
    { type: "REFUSE_WORK", actor, reason: PROBE_REASON },
    ...otherRegions.map((to): CaseEvent => ({ type: "REROUTE", actor, to, reason: PROBE_REASON })),
    { type: "PRE_CHECKS_DONE", actor },
    { type: "GRANT_RESIDENCE", actor },
    { type: "REFUSE_RESIDENCE", actor, reason: PROBE_REASON },
    ...(options.filedOn !== undefined
      ? [
          { type: "DEEMED_GRANT", actor, filedOn: options.filedOn } as const,
          { type: "DEADLINE_MISSED", actor, filedOn: options.filedOn } as const,
        ]
      : []),
    { type: "PERMIT_ISSUED", actor },
    { type: "REVOKE", actor, reason: PROBE_REASON, ground: "other" },
    { type: "END_EMPLOYMENT", actor, reason: PROBE_REASON },
    { type: "DECLARE_INADMISSIBLE", actor, reason: PROBE_REASON, ground: "other" },
    ...SEASONAL_CLOCKS.map((category): CaseEvent => ({ type: "SET_CLOCK_CATEGORY", actor, category, reason: PROBE_REASON })),
    ...(options.extensible ? [{ type: "EXTEND_TERM", actor, reason: PROBE_REASON } as const] : []),
    { type: "WITHDRAW", actor },
  ];
  const allowed = new Set(probes.filter((event) => snapshot.can(event)).map((event) => event.type));
  return CASE_EVENT_TYPES.filter((type) => allowed.has(type));
}

/** Is the OE pre-check still to do? (It runs in parallel with the regional review.) */
export function oePreChecksPending(snapshot: CaseSnapshot): boolean {
  return snapshot.matches({ regionalReview: { oePreChecks: "pending" } });
}
