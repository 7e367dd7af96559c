import { and, assign, createActor, initialTransition, setup, transition, type SnapshotFrom } from "xstate";
import { addDays, addMonths, addYears, isCalendarDate, isNonWorkingDay } from "./legal-clock";
import { cardTypeFor, RESIDENCE_EVENT_TYPES, type CardTerms, type ResidenceCard, type ResidenceEventType, type ResidenceStage } from "./residence-rules";

export { CARD_TYPES, cardTypeFor, RESIDENCE_EVENT_TYPES, RESIDENCE_STAGES, type CardTerms, type CardType, type ResidenceCard, type ResidenceEventType, type ResidenceStage } from "./residence-rules";

/**
 * After the single permit is granted: the worker's way from the visa to his residence card
 * (docs/domain.md §3.6, docs/decisions/023-post-and-commune.md). A small machine of its own,
 * beside the case lifecycle, because its actors (the diplomatic post, the commune) and its
 * dates are not the permit's, and the case stays "granted"/"issued" meanwhile:
 *
 *   awaitingVisa (worker abroad) ── VISA_ISSUED (post) ──▶ awaitingArrival
 *                                └─ VISA_REFUSED (post) ─▶ visaRefused (final)
 *   awaitingArrival ── ARRIVAL_DECLARED (commune) ──▶ arrived
 *   arrived ── REGISTERED (commune) ──▶ registered      (worker in Belgium: starts here)
 *   registered ── ANNEX_49_ISSUED (commune) ──▶ annex49
 *   annex49 ── CARD_ISSUED (commune) ──▶ cardIssued (final)
 *
 * A renewal starts when the region approves the work part, while the OE still decides
 * (issue 14 point 2): the commune gives an annex 49 as proof that the application is
 * pending, so that the worker may stay and work meanwhile; the grant then lets it issue the card:
 *   renewalPending ── ANNEX_49_ISSUED (commune) ──▶ annex49Pending ── RENEWAL_GRANTED (system) ──▶ annex49
 *   renewalPending ── RENEWAL_GRANTED (system, before any annex 49) ──▶ registered
 *
 * Sources: Law of 15 Dec 1980 art. 12 (registration with the commune of residence within eight
 * working days of entering the Kingdom); Royal Decree of 8 Oct 1981 (annexes 46, 49; the
 * commune issues the residence card); Directive (EU) 2021/1883 art. 9 (Blue Card, card H);
 * Directive 2014/66/EU art. 12 (intra-corporate transfer, card I). The annex 49 as the
 * document the commune hands over until the card is made follows issue 14; which annex the
 * commune uses exactly is UNCONFIRMED.
 *
 * Pure: who acted and every date come in the event; the store adds rows and timestamps.
 * Bump RESIDENCE_STEPS_VERSION whenever a stored snapshot would not restore into this definition.
 */
export const RESIDENCE_STEPS_VERSION = 1;

/** Law of 15 Dec 1980 art. 12, first paragraph: "dans les huit jours ouvrables de son entrée". */
export const ARRIVAL_TERM_WORKING_DAYS = 8;

/**
 * The last day to register at the commune after entering Belgium on `enteredOn`: the eighth
 * working day after it (Saturdays, Sundays and legal holidays do not count, Judicial Code
 * art. 53's sense of "jour ouvrable" as used in legal-clock.ts; that the Law of 1980 counts
 * the same way is UNCONFIRMED).
 */
export function arrivalDueOn(enteredOn: string): string {
  let day = enteredOn;
  let counted = 0;
  while (counted < ARRIVAL_TERM_WORKING_DAYS) {
    day = addDays(day, 1);
    if (!isNonWorkingDay(day)) counted += 1;
  }
  return day;
}

/**
 * The card's type and validity, issued on `issuedOn`:
 * - A: as long as the permit (which follows the contract, at most 3 years: decision-effects#permitValidity);
 * - H: a Blue Card of a contract shorter than 24 months runs three months beyond it
 *   (Directive (EU) 2021/1883 art. 9(2)); otherwise as the permit;
 * - I: at most one year for a trainee, three for managers and specialists (Directive 2014/66/EU art. 12(1)).
 * Never from before the day it is issued.
 */
export function cardFor(terms: CardTerms, issuedOn: string): ResidenceCard {
  const type = cardTypeFor(terms.category);
  const validFrom = terms.permitValidFrom > issuedOn ? terms.permitValidFrom : issuedOn;
  let validUntil = terms.permitValidUntil;
  if (type === "H" && terms.employmentEnd && isCalendarDate(terms.employmentEnd) && terms.employmentEnd < addDays(addMonths(terms.permitValidFrom, 24), -1)) {
    validUntil = addMonths(terms.employmentEnd, 3);
  }
  if (type === "I") {
    const maximum = addDays(addYears(terms.permitValidFrom, terms.ictRole === "trainee" ? 1 : 3), -1);
    if (maximum < validUntil) validUntil = maximum;
  }
  return { type, validFrom, validUntil };
}

export type ResidenceActor = { role: "diplomatic-post" | "commune" | "system" };

export interface ArrivalRecord {
  enteredOn: string;
  declaredOn: string;
  dueOn: string;
  /** Declared after the eighth working day: recorded, not refused (the commune registers him all the same). */
  late: boolean;
}

export interface ResidenceContext extends CardTerms {
  /** The worker lives abroad and needs a visa D from his post. */
  abroad: boolean;
  /** A renewal approved by the region, the OE still deciding (the permit's dates come with RENEWAL_GRANTED). */
  pendingRenewal?: boolean;
  visa: { outcome: "issued" | "refused"; on: string; reason: string | null } | null;
  arrival: ArrivalRecord | null;
  registeredOn: string | null;
  annex49On: string | null;
  card: (ResidenceCard & { issuedOn: string }) | null;
}

export type ResidenceInput = CardTerms & { abroad: boolean; pendingRenewal?: boolean };

type WithActor<T> = T & { actor: ResidenceActor };
export type ResidenceEvent =
  | WithActor<{ type: "VISA_ISSUED"; on: string }>
  | WithActor<{ type: "VISA_REFUSED"; on: string; reason: string }>
  | WithActor<{ type: "ARRIVAL_DECLARED"; enteredOn: string; declaredOn: string }>
  | WithActor<{ type: "REGISTERED"; on: string }>
  | WithActor<{ type: "ANNEX_49_ISSUED"; on: string }>
  | WithActor<{ type: "CARD_ISSUED"; on: string }>
  /** The OE granted the renewal: the new permit's dates, which the card follows. */
  | WithActor<{ type: "RENEWAL_GRANTED"; permitValidFrom: string; permitValidUntil: string }>;


/** The day the last step was taken: no later step may be dated before it. */
export function lastStepOn(context: ResidenceContext): string | null {
  return context.card?.issuedOn ?? context.annex49On ?? context.registeredOn ?? context.arrival?.declaredOn ?? context.visa?.on ?? null;
}

function dayOf(event: ResidenceEvent): string {
  if (event.type === "RENEWAL_GRANTED") return event.permitValidFrom;
  return event.type === "ARRIVAL_DECLARED" ? event.declaredOn : event.on;
}

export const residenceSteps = setup({
  types: {} as { context: ResidenceContext; events: ResidenceEvent; input: ResidenceInput },
  guards: {
    livesAbroad: ({ context }) => context.abroad,
    isPendingRenewal: ({ context }) => context.pendingRenewal === true,
    isSystem: ({ event }) => event.actor.role === "system",
    /** The renewed permit's dates are calendar days, in order. */
    hasPermitDates: ({ event }) =>
      event.type === "RENEWAL_GRANTED" && isCalendarDate(event.permitValidFrom) && isCalendarDate(event.permitValidUntil) && event.permitValidFrom <= event.permitValidUntil,
    isPost: ({ event }) => event.actor.role === "diplomatic-post",
    isCommune: ({ event }) => event.actor.role === "commune",
    /** Every date is a calendar day, none before the step before it. */
    inOrder: ({ context, event }) => {
      const day = dayOf(event);
      const last = lastStepOn(context);
      return isCalendarDate(day) && (last === null || day >= last);
    },
    /** Entered Belgium after the visa was issued and before declaring it. */
    enteredInOrder: ({ context, event }) =>
      event.type === "ARRIVAL_DECLARED" &&
      isCalendarDate(event.enteredOn) &&
      event.enteredOn <= event.declaredOn &&
      (context.visa === null || event.enteredOn >= context.visa.on),
    /** A visa refusal says why (it is notified and can be appealed). */
    hasReason: ({ event }) => event.type === "VISA_REFUSED" && event.reason.trim().length > 0,
  },
  actions: {
    recordVisa: assign({
      visa: ({ event }): ResidenceContext["visa"] =>
        event.type === "VISA_REFUSED" ? { outcome: "refused", on: event.on, reason: event.reason.trim() } : { outcome: "issued", on: dayOf(event), reason: null },
    }),
    recordArrival: assign({
      arrival: ({ context, event }): ArrivalRecord | null => {
        if (event.type !== "ARRIVAL_DECLARED") return context.arrival;
        const dueOn = arrivalDueOn(event.enteredOn);
        return { enteredOn: event.enteredOn, declaredOn: event.declaredOn, dueOn, late: event.declaredOn > dueOn };
      },
    }),
    recordRegistration: assign({ registeredOn: ({ event }) => dayOf(event) }),
    recordAnnex49: assign({ annex49On: ({ event }) => dayOf(event) }),
    recordRenewal: assign(({ event }) =>
      event.type === "RENEWAL_GRANTED" ? { pendingRenewal: false, permitValidFrom: event.permitValidFrom, permitValidUntil: event.permitValidUntil } : {},
    ),
    recordCard: assign({ card: ({ context, event }) => ({ ...cardFor(context, dayOf(event)), issuedOn: dayOf(event) }) }),
  },
}).createMachine({
  id: "residence",
  context: ({ input }) => ({ ...input, visa: null, arrival: null, registeredOn: null, annex49On: null, card: null }),
  initial: "start",
  states: {
    start: { always: [{ guard: "isPendingRenewal", target: "renewalPending" }, { guard: "livesAbroad", target: "awaitingVisa" }, { target: "registered" }] },
    renewalPending: {
      on: {
        ANNEX_49_ISSUED: { guard: and(["isCommune", "inOrder"]), target: "annex49Pending", actions: "recordAnnex49" },
        RENEWAL_GRANTED: { guard: and(["isSystem", "hasPermitDates"]), target: "registered", actions: "recordRenewal" },
      },
    },
    annex49Pending: {
      on: { RENEWAL_GRANTED: { guard: and(["isSystem", "hasPermitDates"]), target: "annex49", actions: "recordRenewal" } },
    },
    awaitingVisa: {
      on: {
        VISA_ISSUED: {
          guard: and(["isPost", "inOrder"]),
          target: "awaitingArrival",
          actions: "recordVisa",
        },
        VISA_REFUSED: {
          guard: and(["isPost", "inOrder", "hasReason"]),
          target: "visaRefused",
          actions: "recordVisa",
        },
      },
    },
    visaRefused: { type: "final" },
    awaitingArrival: {
      on: {
        ARRIVAL_DECLARED: {
          guard: and(["isCommune", "inOrder", "enteredInOrder"]),
          target: "arrived",
          actions: "recordArrival",
        },
      },
    },
    arrived: {
      on: { REGISTERED: { guard: and(["isCommune", "inOrder"]), target: "registered", actions: "recordRegistration" } },
    },
    registered: {
      on: { ANNEX_49_ISSUED: { guard: and(["isCommune", "inOrder"]), target: "annex49", actions: "recordAnnex49" } },
    },
    annex49: {
      on: {
        CARD_ISSUED: {
          guard: and(["isCommune", "inOrder"]),
          target: "cardIssued",
          actions: "recordCard",
        },
      },
    },
    cardIssued: { type: "final" },
  },
});

export type ResidenceSnapshot = SnapshotFrom<typeof residenceSteps>;



const STAGE_OF: Record<string, ResidenceStage> = {
  renewalPending: "renewal-pending",
  annex49Pending: "annex-49-pending",
  awaitingVisa: "awaiting-visa",
  visaRefused: "visa-refused",
  awaitingArrival: "awaiting-arrival",
  arrived: "arrived",
  registered: "registered",
  annex49: "annex-49",
  cardIssued: "card-issued",
};

/** One flat stage for queues and the tracker. */
export function residenceStage(snapshot: ResidenceSnapshot): ResidenceStage {
  const stage = typeof snapshot.value === "string" ? STAGE_OF[snapshot.value] : undefined;
  if (!stage) throw new Error(`unknown residence state ${JSON.stringify(snapshot.value)}`);
  return stage;
}

export function initialResidenceSnapshot(input: ResidenceInput): ResidenceSnapshot {
  return initialTransition(residenceSteps, input)[0];
}

export function restoreResidence(persisted: unknown): ResidenceSnapshot {
  const data: unknown = typeof persisted === "string" ? JSON.parse(persisted) : persisted;
  if (typeof data !== "object" || data === null || !("value" in data) || !("context" in data)) throw new Error("not a persisted residence snapshot");
  const snapshot = createActor(residenceSteps, { snapshot: data as ResidenceSnapshot, input: undefined as never }).getSnapshot();
  residenceStage(snapshot);
  return snapshot;
}

export function persistResidence(snapshot: ResidenceSnapshot): unknown {
  return residenceSteps.getPersistedSnapshot(snapshot);
}

export type ResidenceTransitionResult = { ok: true; snapshot: ResidenceSnapshot } | { ok: false; reason: "not-allowed" };

/** Applies one event purely; an event the state or a guard refuses changes nothing. */
export function residenceTransition(snapshot: ResidenceSnapshot, event: ResidenceEvent): ResidenceTransitionResult {
  if (!(RESIDENCE_EVENT_TYPES as readonly string[]).includes(event.type) || snapshot.status !== "active" || !snapshot.can(event)) {
    return { ok: false, reason: "not-allowed" };
  }
  const [next] = transition(residenceSteps, snapshot, event);
  return { ok: true, snapshot: next };
}

/** The steps this actor may take now (the forms to show), probed with today's date. */
export function allowedResidenceEvents(snapshot: ResidenceSnapshot, actor: ResidenceActor, today: string): ResidenceEventType[] {
  if (snapshot.status !== "active") return [];
  const probes: ResidenceEvent[] = [
    { type: "VISA_ISSUED", actor, on: today },
    { type: "VISA_REFUSED", actor, on: today, reason: "probe" },
    { type: "ARRIVAL_DECLARED", actor, enteredOn: today, declaredOn: today },
    { type: "REGISTERED", actor, on: today },
    { type: "ANNEX_49_ISSUED", actor, on: today },
    { type: "CARD_ISSUED", actor, on: today },
  ];
  return probes.filter((event) => snapshot.can(event)).map((event) => event.type);
}
