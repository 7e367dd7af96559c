import { describe, expect, it } from "vitest";
import {
  allowedResidenceEvents,
  arrivalDueOn,
  cardFor,
  cardTypeFor,
  initialResidenceSnapshot,
  persistResidence,
  residenceStage,
  residenceTransition,
  restoreResidence,
  type ResidenceEvent,
  type ResidenceSnapshot,
} from "../../workflows/residence-steps";

const post = { role: "diplomatic-post" } as const;
const commune = { role: "commune" } as const;
const terms = { category: "other", permitValidFrom: "2027-01-04", permitValidUntil: "2030-01-03", employmentEnd: null };

function step(snapshot: ResidenceSnapshot, event: ResidenceEvent): ResidenceSnapshot {
  const result = residenceTransition(snapshot, event);
  if (!result.ok) throw new Error(`${event.type} refused in ${residenceStage(snapshot)}`);
  return result.snapshot;
}

// Law of 15 Dec 1980 art. 12: registration within eight working days of entering Belgium.
describe("the arrival term", () => {
  it("ends on the eighth working day after entry, weekends not counted", () => {
    // Monday 4 January 2027: Tue 5 … Fri 8 (4), Mon 11 … Thu 14 (8).
    expect(arrivalDueOn("2027-01-04")).toBe("2027-01-14");
  });

  it("skips legal holidays (Easter Monday 29 March 2027)", () => {
    // Friday 26 March 2027: Mon 29 is Easter Monday; Tue 30, Wed 31, Thu 1, Fri 2, Mon 5, Tue 6, Wed 7, Thu 8.
    expect(arrivalDueOn("2027-03-26")).toBe("2027-04-08");
  });
});

describe("the residence card", () => {
  it("is H for a Blue Card, I for an intra-corporate transferee, A for every other category", () => {
    expect(cardTypeFor("blue-card")).toBe("H");
    expect(cardTypeFor("intra-corporate-transferee")).toBe("I");
    for (const category of ["highly-qualified", "executive", "shortage-occupation", "seasonal", "researcher", "other"]) expect(cardTypeFor(category)).toBe("A");
  });

  it("A: as long as the permit, from the day it is issued", () => {
    expect(cardFor(terms, "2027-01-20")).toEqual({ type: "A", validFrom: "2027-01-20", validUntil: "2030-01-03" });
    expect(cardFor(terms, "2026-12-20")).toEqual({ type: "A", validFrom: "2027-01-04", validUntil: "2030-01-03" });
  });

  it("H: a contract shorter than 24 months gives three months beyond it (Directive 2021/1883 art. 9(2))", () => {
    const blue = { ...terms, category: "blue-card", permitValidUntil: "2028-01-03", employmentEnd: "2028-01-03" };
    expect(cardFor(blue, "2027-01-20")).toEqual({ type: "H", validFrom: "2027-01-20", validUntil: "2028-04-03" });
    const long = { ...terms, category: "blue-card", employmentEnd: "2030-06-30" };
    expect(cardFor(long, "2027-01-20").validUntil).toBe("2030-01-03");
  });

  it("I: one year at most for a trainee, three for a manager (Directive 2014/66 art. 12(1))", () => {
    expect(cardFor({ ...terms, category: "intra-corporate-transferee", ictRole: "trainee" }, "2027-01-20")).toEqual({ type: "I", validFrom: "2027-01-20", validUntil: "2028-01-03" });
    expect(cardFor({ ...terms, category: "intra-corporate-transferee", ictRole: "manager" }, "2027-01-20").validUntil).toBe("2030-01-03");
  });
});

describe("the steps after the grant", () => {
  it("takes a worker abroad from the visa to his card, each step dated", () => {
    let s = initialResidenceSnapshot({ ...terms, abroad: true });
    expect(residenceStage(s)).toBe("awaiting-visa");
    expect(allowedResidenceEvents(s, post, "2026-12-01")).toEqual(["VISA_ISSUED", "VISA_REFUSED"]);
    expect(allowedResidenceEvents(s, commune, "2026-12-01")).toEqual([]);
    s = step(s, { type: "VISA_ISSUED", actor: post, on: "2026-12-01" });
    expect(residenceStage(s)).toBe("awaiting-arrival");
    s = step(s, { type: "ARRIVAL_DECLARED", actor: commune, enteredOn: "2027-01-04", declaredOn: "2027-01-07" });
    expect(s.context.arrival).toEqual({ enteredOn: "2027-01-04", declaredOn: "2027-01-07", dueOn: "2027-01-14", late: false });
    s = step(s, { type: "REGISTERED", actor: commune, on: "2027-01-08" });
    s = step(s, { type: "ANNEX_49_ISSUED", actor: commune, on: "2027-01-08" });
    expect(residenceStage(s)).toBe("annex-49");
    s = step(s, { type: "CARD_ISSUED", actor: commune, on: "2027-02-15" });
    expect(residenceStage(s)).toBe("card-issued");
    expect(s.context.card).toEqual({ type: "A", validFrom: "2027-02-15", validUntil: "2030-01-03", issuedOn: "2027-02-15" });
    expect(s.status).toBe("done");
    // Stored and restored, it is the same.
    expect(restoreResidence(JSON.stringify(persistResidence(s))).context.card?.type).toBe("A");
  });

  it("records an arrival declared after the eighth working day as late, and still registers it", () => {
    let s = step(initialResidenceSnapshot({ ...terms, abroad: true }), { type: "VISA_ISSUED", actor: post, on: "2026-12-01" });
    s = step(s, { type: "ARRIVAL_DECLARED", actor: commune, enteredOn: "2027-01-04", declaredOn: "2027-01-15" });
    expect(s.context.arrival?.late).toBe(true);
  });

  it("ends with a refused visa, which must say why", () => {
    const s = initialResidenceSnapshot({ ...terms, abroad: true });
    expect(residenceTransition(s, { type: "VISA_REFUSED", actor: post, on: "2026-12-01", reason: "  " })).toEqual({ ok: false, reason: "not-allowed" });
    const refused = step(s, { type: "VISA_REFUSED", actor: post, on: "2026-12-01", reason: "Passport not valid" });
    expect(residenceStage(refused)).toBe("visa-refused");
    expect(refused.context.visa).toEqual({ outcome: "refused", on: "2026-12-01", reason: "Passport not valid" });
    expect(allowedResidenceEvents(refused, commune, "2027-01-04")).toEqual([]);
  });

  it("refuses a step by the wrong actor, out of order or dated before the last one", () => {
    const s = initialResidenceSnapshot({ ...terms, abroad: true });
    expect(residenceTransition(s, { type: "VISA_ISSUED", actor: commune, on: "2026-12-01" }).ok).toBe(false);
    expect(residenceTransition(s, { type: "REGISTERED", actor: commune, on: "2026-12-01" }).ok).toBe(false);
    const visa = step(s, { type: "VISA_ISSUED", actor: post, on: "2026-12-01" });
    // Entered before the visa was issued, or declared before entering, or a day that does not exist.
    expect(residenceTransition(visa, { type: "ARRIVAL_DECLARED", actor: commune, enteredOn: "2026-11-30", declaredOn: "2026-12-02" }).ok).toBe(false);
    expect(residenceTransition(visa, { type: "ARRIVAL_DECLARED", actor: commune, enteredOn: "2026-12-05", declaredOn: "2026-12-04" }).ok).toBe(false);
    expect(residenceTransition(visa, { type: "ARRIVAL_DECLARED", actor: commune, enteredOn: "2026-12-05", declaredOn: "2026-02-30" }).ok).toBe(false);
    const arrived = step(visa, { type: "ARRIVAL_DECLARED", actor: commune, enteredOn: "2026-12-05", declaredOn: "2026-12-07" });
    expect(residenceTransition(arrived, { type: "REGISTERED", actor: commune, on: "2026-12-06" }).ok).toBe(false);
    expect(residenceTransition(arrived, { type: "REGISTERED", actor: post, on: "2026-12-08" }).ok).toBe(false);
  });

  it("starts a worker who lives in Belgium at the commune, registered, without a visa", () => {
    const s = initialResidenceSnapshot({ ...terms, category: "blue-card", abroad: false });
    expect(residenceStage(s)).toBe("registered");
    expect(allowedResidenceEvents(s, post, "2027-01-04")).toEqual([]);
    expect(allowedResidenceEvents(s, commune, "2027-01-04")).toEqual(["ANNEX_49_ISSUED"]);
  });
});

// Issue 14 point 2: a renewal the region approved, the OE still deciding.
describe("a renewal while the Immigration Office decides", () => {
  const system = { role: "system" } as const;
  const pending = { ...terms, permitValidFrom: "2027-03-01", permitValidUntil: "2027-03-01", abroad: false, pendingRenewal: true };

  it("gets an annex 49 as proof of the pending application, and the card only once granted, as long as the new permit", () => {
    let s = initialResidenceSnapshot(pending);
    expect(residenceStage(s)).toBe("renewal-pending");
    expect(allowedResidenceEvents(s, commune, "2027-03-02")).toEqual(["ANNEX_49_ISSUED"]);
    s = step(s, { type: "ANNEX_49_ISSUED", actor: commune, on: "2027-03-02" });
    expect(residenceStage(s)).toBe("annex-49-pending");
    expect(allowedResidenceEvents(s, commune, "2027-03-20")).toEqual([]);
    // Only the system, on the OE's grant, with the new permit's dates.
    expect(residenceTransition(s, { type: "RENEWAL_GRANTED", actor: commune, permitValidFrom: "2027-04-01", permitValidUntil: "2030-03-31" }).ok).toBe(false);
    expect(residenceTransition(s, { type: "RENEWAL_GRANTED", actor: system, permitValidFrom: "2030-03-31", permitValidUntil: "2027-04-01" }).ok).toBe(false);
    s = step(s, { type: "RENEWAL_GRANTED", actor: system, permitValidFrom: "2027-04-01", permitValidUntil: "2030-03-31" });
    expect(residenceStage(s)).toBe("annex-49");
    s = step(s, { type: "CARD_ISSUED", actor: commune, on: "2027-04-10" });
    expect(s.context.card).toEqual({ type: "A", validFrom: "2027-04-10", validUntil: "2030-03-31", issuedOn: "2027-04-10" });
  });

  it("granted before any annex 49, goes straight to the commune's annex 49 and card", () => {
    const s = step(initialResidenceSnapshot(pending), { type: "RENEWAL_GRANTED", actor: system, permitValidFrom: "2027-04-01", permitValidUntil: "2030-03-31" });
    expect(residenceStage(s)).toBe("registered");
    expect(s.context.pendingRenewal).toBe(false);
  });
});

describe("the residence card at its limits", () => {
  it("A: a short contract does not shorten or lengthen it (the three months beyond are the Blue Card's)", () => {
    expect(cardFor({ ...terms, employmentEnd: "2028-01-03" }, "2027-01-20").validUntil).toBe("2030-01-03");
  });

  it("H: a contract of exactly 24 months, or no end, runs as the permit; one day shorter gets three months beyond", () => {
    const blue = { ...terms, category: "blue-card" };
    // From 4 January 2027, 24 months end on 3 January 2029.
    expect(cardFor({ ...blue, employmentEnd: "2029-01-03" }, "2027-01-20").validUntil).toBe("2030-01-03");
    expect(cardFor({ ...blue, employmentEnd: "2029-01-02" }, "2027-01-20").validUntil).toBe("2029-04-02");
    expect(cardFor({ ...blue, employmentEnd: "" }, "2027-01-20").validUntil).toBe("2030-01-03");
    expect(cardFor({ ...blue, employmentEnd: "open-ended" }, "2027-01-20").validUntil).toBe("2030-01-03");
  });

  it("I: a permit shorter than the maximum keeps its own end", () => {
    const ict = { ...terms, category: "intra-corporate-transferee", ictRole: "manager" as const, permitValidUntil: "2028-06-30" };
    expect(cardFor(ict, "2027-01-20").validUntil).toBe("2028-06-30");
  });
});

describe("the steps after the grant, at their limits", () => {
  const system = { role: "system" } as const;
  const abroad = () => initialResidenceSnapshot({ ...terms, abroad: true });

  it("records an issued visa without a reason, and a refusal's reason trimmed", () => {
    expect(step(abroad(), { type: "VISA_ISSUED", actor: post, on: "2026-12-01" }).context.visa).toEqual({ outcome: "issued", on: "2026-12-01", reason: null });
    const refused = step(abroad(), { type: "VISA_REFUSED", actor: post, on: "2026-12-01", reason: "  Passport not valid " });
    expect(refused.context.visa).toEqual({ outcome: "refused", on: "2026-12-01", reason: "Passport not valid" });
  });

  it("accepts an entry on the visa's day, declared the same day; an entry that is no date is refused", () => {
    const visa = step(abroad(), { type: "VISA_ISSUED", actor: post, on: "2026-12-01" });
    const same = residenceTransition(visa, { type: "ARRIVAL_DECLARED", actor: commune, enteredOn: "2026-12-01", declaredOn: "2026-12-01" });
    expect(same.ok && same.snapshot.context.arrival).toEqual({ enteredOn: "2026-12-01", declaredOn: "2026-12-01", dueOn: "2026-12-11", late: false });
    expect(residenceTransition(visa, { type: "ARRIVAL_DECLARED", actor: commune, enteredOn: "2026-12-32", declaredOn: "2027-01-04" })).toEqual({ ok: false, reason: "not-allowed" });
  });

  it("an arrival declared on the eighth working day itself is on time", () => {
    const visa = step(abroad(), { type: "VISA_ISSUED", actor: post, on: "2026-12-01" });
    const onTime = step(visa, { type: "ARRIVAL_DECLARED", actor: commune, enteredOn: "2027-01-04", declaredOn: "2027-01-14" });
    expect(onTime.context.arrival).toEqual({ enteredOn: "2027-01-04", declaredOn: "2027-01-14", dueOn: "2027-01-14", late: false });
  });

  it("offers each actor the one step its stage waits for", () => {
    let s = step(abroad(), { type: "VISA_ISSUED", actor: post, on: "2026-12-01" });
    expect(allowedResidenceEvents(s, commune, "2027-01-04")).toEqual(["ARRIVAL_DECLARED"]);
    expect(allowedResidenceEvents(s, post, "2027-01-04")).toEqual([]);
    s = step(s, { type: "ARRIVAL_DECLARED", actor: commune, enteredOn: "2027-01-04", declaredOn: "2027-01-04" });
    expect(allowedResidenceEvents(s, commune, "2027-01-05")).toEqual(["REGISTERED"]);
    s = step(step(s, { type: "REGISTERED", actor: commune, on: "2027-01-05" }), { type: "ANNEX_49_ISSUED", actor: commune, on: "2027-01-05" });
    expect(allowedResidenceEvents(s, commune, "2027-01-06")).toEqual(["CARD_ISSUED"]);
    // Probed with today's date: a day before the annex 49 offers nothing.
    expect(allowedResidenceEvents(s, commune, "2027-01-04")).toEqual([]);
  });

  it("a renewal: no card dated before the annex 49; the new permit's dates must be real days, one day being enough", () => {
    const pending = { ...terms, permitValidFrom: "2027-03-01", permitValidUntil: "2027-03-01", abroad: false, pendingRenewal: true };
    const annex = step(initialResidenceSnapshot(pending), { type: "ANNEX_49_ISSUED", actor: commune, on: "2027-03-02" });
    for (const [from, until] of [["2027-02-30", "2030-03-31"], ["2027-04-01", "2030-02-30"]] as const) {
      expect(residenceTransition(annex, { type: "RENEWAL_GRANTED", actor: system, permitValidFrom: from, permitValidUntil: until }).ok).toBe(false);
    }
    expect(residenceTransition(annex, { type: "RENEWAL_GRANTED", actor: system, permitValidFrom: "2027-04-01", permitValidUntil: "2027-04-01" }).ok).toBe(true);
    const granted = step(annex, { type: "RENEWAL_GRANTED", actor: system, permitValidFrom: "2027-04-01", permitValidUntil: "2030-03-31" });
    expect(residenceTransition(granted, { type: "CARD_ISSUED", actor: commune, on: "2027-03-01" }).ok).toBe(false);
    expect(residenceTransition(granted, { type: "CARD_ISSUED", actor: commune, on: "2027-03-02" }).ok).toBe(true);
  });
});

describe("a stored residence snapshot", () => {
  it("restores from the stored object as well as from its JSON text", () => {
    const s = initialResidenceSnapshot({ ...terms, abroad: true });
    expect(residenceStage(restoreResidence(persistResidence(s)))).toBe("awaiting-visa");
  });

  it("refuses what is not a snapshot, and a state this definition does not know", () => {
    for (const text of ["null", "42", '"registered"', '{"context": {}}', '{"value": "registered"}']) {
      expect(() => restoreResidence(text), text).toThrow("not a persisted residence snapshot");
    }
    const stored = persistResidence(initialResidenceSnapshot({ ...terms, abroad: false })) as Record<string, unknown>;
    expect(() => restoreResidence({ ...stored, value: "deported" })).toThrow("unknown residence state");
  });
});
