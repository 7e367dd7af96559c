import { and, assign, createActor, setup, transition, type SnapshotFrom } from "xstate";
import { REGIONAL_AUTHORITIES, type HandlingAuthority, type RegionalAuthority } from "../forms/authorities";
import type { CaseStatus } from "./case-status";
import { deemedGrantApplies, type ClockCategory } from "./legal-clock";

export { CASE_STATUSES, isOpen, withWhom, type CaseStatus } from "./case-status";

/**
 * The life of a submitted application, from the regional authority to the Immigration
 * Office (OE) and on to the permit (Cooperation Agreement of 2 Feb 2018; docs/domain.md §3):
 *
 *   regionalReview (parallel)
 *     regional:    completeness ⇄ awaitingDocuments → assessment → workAuthorised | refused
 *                  (or rerouted to another region: back to completeness there)
 *     oePreChecks: pending → done        (the OE checks run while the region assesses)
 *   both done → oeReview: assessment ⇄ awaitingDocuments → granted | refused
 *   granted → issued → revoked;  any open state → withdrawn (by the applicant)
 *
 * Pure: who did what and when comes in the events; the store adds timestamps and rows.
 * Bump CASE_LIFECYCLE_VERSION whenever a persisted snapshot of the previous version
 * would not restore into this definition.
 */
export const CASE_LIFECYCLE_VERSION = 1;

export interface CaseActor {
  role: "applicant" | "regional-officer" | "oe-officer" | "system";
  authority?: HandlingAuthority | null;
}

export type Annex = "46" | "47" | "48";

export interface CaseContext {
  kind: "single" | "permanent";
  /** The regional authority the case is with now (changes on reroute). */
  authority: RegionalAuthority;
  category: ClockCategory;
  decision: { by: "region" | "oe" | "law"; outcome: "granted" | "refused" | "revoked"; annex: Annex | null; reason: string | null } | null;
  /** A deadline passed where no deemed grant applies: the officer must act. */
  escalated: boolean;
}

export type CaseInput = Pick<CaseContext, "kind" | "authority" | "category">;

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
  | WithActor<{ type: "DEEMED_GRANT"; startedOn: string }>
  | WithActor<{ type: "DEADLINE_MISSED"; startedOn: string }>
  | WithActor<{ type: "PERMIT_ISSUED" }>
  | WithActor<{ type: "REVOKE"; reason: string }>
  | WithActor<{ type: "WITHDRAW" }>;

export type CaseEventType = CaseEvent["type"];

function hasReason(event: CaseEvent): boolean {
  return "reason" in event && typeof event.reason === "string" && event.reason.trim().length > 0;
}

export const caseLifecycle = setup({
  types: {} as { context: CaseContext; events: CaseEvent; input: CaseInput },
  guards: {
    isApplicant: ({ event }) => event.actor.role === "applicant",
    isSystem: ({ event }) => event.actor.role === "system",
    isOeOfficer: ({ event }) => event.actor.role === "oe-officer",
    /** A regional officer of the region the case is with now, and no other. */
    isCaseRegionalOfficer: ({ context, event }) =>
      event.actor.role === "regional-officer" && event.actor.authority === context.authority,
    hasReason: ({ event }) => hasReason(event),
    isRerouteToOtherRegion: ({ context, event }) =>
      event.type === "REROUTE" &&
      (REGIONAL_AUTHORITIES as readonly string[]).includes(event.to) &&
      event.to !== context.authority,
    deemedGrantAllowed: ({ context, event }) =>
      "startedOn" in event && deemedGrantApplies(context.category, event.startedOn),
    /** The region decided the work part, or the OE decided the residence part: either may revoke its permit. */
    mayRevoke: ({ context, event }) =>
      event.actor.role === "oe-officer" ||
      (event.actor.role === "regional-officer" && event.actor.authority === context.authority),
  },
  actions: {
    reroute: assign({ authority: ({ context, event }) => (event.type === "REROUTE" ? event.to : context.authority) }),
    recordWorkRefusal: assign({
      decision: ({ event }) => ({ by: "region" as const, outcome: "refused" as const, annex: null, reason: reasonOf(event) }),
    }),
    recordResidenceGrant: assign({
      decision: () => ({ by: "oe" as const, outcome: "granted" as const, annex: "46" as const, reason: null }),
    }),
    recordResidenceRefusal: assign({
      decision: ({ event }) => ({ by: "oe" as const, outcome: "refused" as const, annex: "48" as const, reason: reasonOf(event) }),
    }),
    recordDeemedGrant: assign({
      decision: () => ({ by: "law" as const, outcome: "granted" as const, annex: "47" as const, reason: null }),
    }),
    recordRevocation: assign({
      decision: ({ context, event }) => ({
        by: event.actor.role === "oe-officer" ? ("oe" as const) : ("region" as const),
        outcome: "revoked" as const,
        annex: context.decision?.annex ?? null,
        reason: reasonOf(event),
      }),
    }),
    escalate: assign({ escalated: true }),
    clearEscalation: assign({ escalated: false }),
  },
}).createMachine({
  id: "case",
  context: ({ input }) => ({ ...input, decision: null, escalated: false }),
  initial: "regionalReview",
  states: {
    regionalReview: {
      type: "parallel",
      on: {
        WITHDRAW: { guard: "isApplicant", target: "withdrawn" },
        DEEMED_GRANT: { guard: and(["isSystem", "deemedGrantAllowed"]), target: "granted", actions: "recordDeemedGrant" },
        DEADLINE_MISSED: { guard: "isSystem", actions: "escalate" },
      },
      states: {
        regional: {
          initial: "completeness",
          states: {
            completeness: {
              on: {
                DECLARE_COMPLETE: { guard: "isCaseRegionalOfficer", target: "assessment", actions: "clearEscalation" },
                REQUEST_DOCUMENTS: { guard: "isCaseRegionalOfficer", target: "awaitingDocuments" },
                REROUTE: rerouteTransition(),
              },
            },
            awaitingDocuments: {
              on: {
                DOCUMENTS_PROVIDED: { guard: "isApplicant", target: "completeness" },
                REROUTE: rerouteTransition(),
              },
            },
            assessment: {
              on: {
                AUTHORISE_WORK: { guard: "isCaseRegionalOfficer", target: "workAuthorised", actions: "clearEscalation" },
                REFUSE_WORK: {
                  guard: and(["isCaseRegionalOfficer", "hasReason"]),
                  target: "#case.refused",
                  actions: "recordWorkRefusal",
                },
                REQUEST_DOCUMENTS: { guard: "isCaseRegionalOfficer", target: "awaitingDocuments" },
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
      onDone: { target: "oeReview" },
    },
    oeReview: {
      initial: "assessment",
      on: {
        WITHDRAW: { guard: "isApplicant", target: "withdrawn" },
        DEEMED_GRANT: { guard: and(["isSystem", "deemedGrantAllowed"]), target: "granted", actions: "recordDeemedGrant" },
        DEADLINE_MISSED: { guard: "isSystem", actions: "escalate" },
      },
      states: {
        assessment: {
          on: {
            GRANT_RESIDENCE: { guard: "isOeOfficer", target: "#case.granted", actions: ["recordResidenceGrant", "clearEscalation"] },
            REFUSE_RESIDENCE: {
              guard: and(["isOeOfficer", "hasReason"]),
              target: "#case.refused",
              actions: ["recordResidenceRefusal", "clearEscalation"],
            },
            REQUEST_DOCUMENTS: { guard: "isOeOfficer", target: "awaitingDocuments" },
          },
        },
        awaitingDocuments: {
          on: { DOCUMENTS_PROVIDED: { guard: "isApplicant", target: "assessment" } },
        },
      },
    },
    granted: {
      on: {
        PERMIT_ISSUED: { guard: "isSystem", target: "issued" },
        REVOKE: { guard: and(["mayRevoke", "hasReason"]), target: "revoked", actions: "recordRevocation" },
      },
    },
    issued: {
      on: { REVOKE: { guard: and(["mayRevoke", "hasReason"]), target: "revoked", actions: "recordRevocation" } },
    },
    refused: { type: "final" },
    revoked: { type: "final" },
    withdrawn: { type: "final" },
  },
});

function reasonOf(event: CaseEvent): string | null {
  return "reason" in event ? event.reason.trim() : null;
}

/** Reroute: the case restarts its completeness check in the other region; OE pre-checks keep their progress. */
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
  if (snapshot.matches({ regionalReview: { regional: "workAuthorised" } })) return "awaiting-oe-pre-checks";
  if (snapshot.matches({ oeReview: "assessment" })) return "oe-review";
  if (snapshot.matches({ oeReview: "awaitingDocuments" })) return "oe-awaiting-documents";
  for (const status of ["granted", "issued", "refused", "revoked", "withdrawn"] as const) {
    if (snapshot.matches(status)) return status;
  }
  throw new Error(`unknown case state ${JSON.stringify(snapshot.value)}`);
}

/** Brings a stored snapshot back to life (without running anything). */
export function restoreCase(persisted: unknown): CaseSnapshot {
  return createActor(caseLifecycle, { snapshot: persisted as CaseSnapshot, input: undefined as never }).getSnapshot();
}

export function persistCase(snapshot: CaseSnapshot): unknown {
  return caseLifecycle.getPersistedSnapshot(snapshot);
}

export type CaseTransitionResult = { ok: true; snapshot: CaseSnapshot } | { ok: false; reason: "not-allowed" };

/** Applies one event; an event the state or the guards do not accept changes nothing and says so. */
export function caseTransition(snapshot: CaseSnapshot, event: CaseEvent): CaseTransitionResult {
  if (!snapshot.can(event)) return { ok: false, reason: "not-allowed" };
  const [next] = transition(caseLifecycle, snapshot, event);
  return { ok: true, snapshot: next };
}

const PROBE_REASON = "probe";

/** The events this actor may send now: the buttons to show. */
export function allowedEvents(snapshot: CaseSnapshot, actor: CaseActor): CaseEventType[] {
  const otherRegion = REGIONAL_AUTHORITIES.find((region) => region !== snapshot.context.authority)!;
  const probes: CaseEvent[] = [
    { type: "DECLARE_COMPLETE", actor },
    { type: "REQUEST_DOCUMENTS", actor },
    { type: "DOCUMENTS_PROVIDED", actor },
    { type: "AUTHORISE_WORK", actor },
    { type: "REFUSE_WORK", actor, reason: PROBE_REASON },
    { type: "REROUTE", actor, to: otherRegion, reason: PROBE_REASON },
    { type: "PRE_CHECKS_DONE", actor },
    { type: "GRANT_RESIDENCE", actor },
    { type: "REFUSE_RESIDENCE", actor, reason: PROBE_REASON },
    { type: "REVOKE", actor, reason: PROBE_REASON },
    { type: "WITHDRAW", actor },
  ];
  return probes.filter((event) => snapshot.can(event)).map((event) => event.type);
}

/** Is the OE pre-check still to do? (It runs in parallel with the regional review.) */
export function oePreChecksPending(snapshot: CaseSnapshot): boolean {
  return snapshot.matches({ regionalReview: { oePreChecks: "pending" } });
}

