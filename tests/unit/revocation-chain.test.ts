import { describe, expect, it } from "vitest";
import { allowedSteps, annex51Needed, nextInChain, stepDateError, takeStep, type RevocationFacts } from "../../workflows/revocation-chain";

// The chain and its sources: workflows/revocation-chain.ts and docs/domain.md "End and revocation".
const ended: RevocationFacts = {
  kind: "ended",
  endedOn: "2027-03-01",
  commune: "11002",
  instructedOn: null,
  informedOn: null,
  annex51On: null,
  stayEndedOn: null,
  struckOffOn: null,
  period: { endsOn: "2027-05-30", status: "running" },
  cardValidUntil: "2027-04-15",
};

describe("the revocation chain", () => {
  it("the OE instructs the commune, the commune informs the worker, then he searches", () => {
    expect(nextInChain(ended, "2027-03-02")).toEqual({ who: "oe", step: "INSTRUCT_COMMUNE" });
    const instructed = takeStep(ended, "INSTRUCT_COMMUNE", "2027-03-02");
    expect(nextInChain(instructed, "2027-03-03")).toEqual({ who: "commune", step: "WORKER_INFORMED" });
    const informed = takeStep(instructed, "WORKER_INFORMED", "2027-03-04");
    expect(nextInChain(informed, "2027-03-05")).toEqual({ who: "worker", step: "SEARCH", until: "2027-05-30" });
  });

  it("without a commune the OE cannot instruct one, and the case says so", () => {
    const none = { ...ended, commune: null };
    expect(nextInChain(none, "2027-03-02")).toEqual({ who: "oe", step: "NO_COMMUNE" });
    expect(allowedSteps(none, "2027-03-02")).toEqual([]);
  });

  it("annex 51 only when the card ends before the search period", () => {
    // Card until 15 April, period until 30 May: he would be left without a document for six weeks.
    expect(annex51Needed("2027-04-15", "2027-05-30")).toBe(true);
    expect(annex51Needed("2027-05-30", "2027-05-30")).toBe(false);
    expect(annex51Needed("2027-12-31", "2027-05-30")).toBe(false);
    expect(annex51Needed(null, "2027-05-30")).toBe(false);
    const informed = { ...ended, instructedOn: "2027-03-02", informedOn: "2027-03-04" };
    expect(allowedSteps(informed, "2027-03-05")).toEqual(["ANNEX_51_ISSUED"]);
    expect(allowedSteps({ ...informed, cardValidUntil: "2027-12-31" }, "2027-03-05")).toEqual([]);
    // Once given, not twice.
    expect(allowedSteps(takeStep(informed, "ANNEX_51_ISSUED", "2027-04-10"), "2027-04-11")).toEqual([]);
  });

  it("the period runs out: the OE ends the stay, the commune strikes him off", () => {
    const informed = { ...ended, instructedOn: "2027-03-02", informedOn: "2027-03-04", annex51On: "2027-04-10" };
    expect(nextInChain(informed, "2027-05-30")).toEqual({ who: "worker", step: "SEARCH", until: "2027-05-30" });
    expect(nextInChain(informed, "2027-05-31")).toEqual({ who: "oe", step: "STAY_ENDED" });
    expect(allowedSteps(informed, "2027-05-31")).toEqual(["STAY_ENDED"]);
    const endedStay = takeStep(informed, "STAY_ENDED", "2027-06-02");
    expect(nextInChain(endedStay, "2027-06-03")).toEqual({ who: "commune", step: "STRUCK_OFF" });
    expect(nextInChain(takeStep(endedStay, "STRUCK_OFF", "2027-06-05"), "2027-06-06")).toEqual({ who: "none", step: "DONE" });
  });

  it("a new employer stops the period: nothing more is owed", () => {
    const stopped = { ...ended, instructedOn: "2027-03-02", informedOn: "2027-03-04", period: { endsOn: "2027-05-30", status: "stopped" as const } };
    expect(nextInChain(stopped, "2027-06-01")).toEqual({ who: "none", step: "NEW_EMPLOYER" });
    expect(allowedSteps(stopped, "2027-06-01")).toEqual([]);
  });

  it("a revocation for a ground has no search period: the stay ends once he is informed", () => {
    const revoked: RevocationFacts = { ...ended, kind: "revoked", period: null, instructedOn: "2027-03-02", informedOn: "2027-03-04" };
    expect(nextInChain(revoked, "2027-03-05")).toEqual({ who: "oe", step: "STAY_ENDED" });
  });

  it("a revocation by the OE itself: the stay ended with it; the commune is instructed, informs him, strikes him off", () => {
    const byOe: RevocationFacts = { ...ended, kind: "revoked", period: null, stayEndedOn: "2027-03-01" };
    expect(nextInChain(byOe, "2027-03-02")).toEqual({ who: "oe", step: "INSTRUCT_COMMUNE" });
    const informed = takeStep(takeStep(byOe, "INSTRUCT_COMMUNE", "2027-03-02"), "WORKER_INFORMED", "2027-03-03");
    expect(nextInChain(informed, "2027-03-04")).toEqual({ who: "commune", step: "STRUCK_OFF" });
  });

  it("dates: calendar days, not in the future, never before the step before", () => {
    const instructed = takeStep(ended, "INSTRUCT_COMMUNE", "2027-03-02");
    expect(stepDateError(instructed, "2027-03-04", "2027-03-05")).toBeNull();
    expect(stepDateError(instructed, "2027-03-01", "2027-03-05")).toBe("beforePrevious");
    expect(stepDateError(instructed, "2027-03-06", "2027-03-05")).toBe("future");
    expect(stepDateError(instructed, "2027-02-30", "2027-03-05")).toBe("format");
  });

  it("a period the sweep marked as run out ends the stay, whatever day it is read", () => {
    const informed = { ...ended, instructedOn: "2027-03-02", informedOn: "2027-03-04" };
    const runOut = { ...informed, period: { endsOn: "2027-05-30", status: "run-out" as const } };
    expect(allowedSteps(runOut, "2027-05-30")).toEqual(["STAY_ENDED"]);
    expect(nextInChain(runOut, "2027-05-30")).toEqual({ who: "oe", step: "STAY_ENDED" });
  });

  it("the annex 51 may still be given on the period's last day, not after it", () => {
    const informed = { ...ended, instructedOn: "2027-03-02", informedOn: "2027-03-04" };
    expect(allowedSteps(informed, "2027-05-30")).toEqual(["ANNEX_51_ISSUED"]);
    expect(allowedSteps(informed, "2027-05-31")).toEqual(["STAY_ENDED"]);
  });

  it("a stopped period allows no annex 51 either, even while it would have run", () => {
    const stopped = { ...ended, instructedOn: "2027-03-02", informedOn: "2027-03-04", period: { endsOn: "2027-05-30", status: "stopped" as const } };
    expect(allowedSteps(stopped, "2027-04-01")).toEqual([]);
  });

  it("an employment ended without a search period: nothing is owed once he is informed", () => {
    const noPeriod: RevocationFacts = { ...ended, period: null, instructedOn: "2027-03-02", informedOn: "2027-03-04" };
    expect(allowedSteps(noPeriod, "2027-03-05")).toEqual([]);
    expect(nextInChain(noPeriod, "2027-03-05")).toEqual({ who: "none", step: "NO_PERIOD" });
  });

  it("struck off: no step is left", () => {
    const struckOff: RevocationFacts = { ...ended, instructedOn: "2027-03-02", informedOn: "2027-03-04", stayEndedOn: "2027-06-02", struckOffOn: "2027-06-05" };
    expect(allowedSteps(struckOff, "2027-06-06")).toEqual([]);
  });

  it("each step records its own day and keeps the rest", () => {
    const informed = { ...ended, instructedOn: "2027-03-02", informedOn: "2027-03-04" };
    expect(takeStep(informed, "ANNEX_51_ISSUED", "2027-04-10")).toEqual({ ...informed, annex51On: "2027-04-10" });
    expect(takeStep(informed, "STAY_ENDED", "2027-06-02")).toEqual({ ...informed, stayEndedOn: "2027-06-02" });
    expect(takeStep(informed, "STRUCK_OFF", "2027-06-05")).toEqual({ ...informed, struckOffOn: "2027-06-05" });
  });

  it("a step may be dated today, and on the day of the step before", () => {
    const instructed = takeStep(ended, "INSTRUCT_COMMUNE", "2027-03-02");
    expect(stepDateError(instructed, "2027-03-05", "2027-03-05")).toBeNull();
    expect(stepDateError(instructed, "2027-03-02", "2027-03-05")).toBeNull();
  });
});
