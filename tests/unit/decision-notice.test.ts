import { describe, expect, it } from "vitest";
import { decisionNotice } from "../../app/cases/decision-outcomes";

/** Who the confirmation page says will be told must be who decision-effects and case-commands tell. */
describe("who is told of a decision", () => {
  const employerAndWorker = { hasEmployer: true, workerHasPersonNumber: true };

  it("a grant: the employer, the worker with a national number, and the cadastre", () => {
    expect(decisionNotice("GRANT_RESIDENCE", "oe", employerAndWorker).recipients).toEqual(["employer-ebox", "worker-ebox", "cadastre"]);
    expect(decisionNotice("GRANT_RESIDENCE", "oe", { hasEmployer: true, workerHasPersonNumber: false }).recipients).toEqual(["employer-ebox", "cadastre"]);
  });

  it("the region's work authorisation is not fed to the cadastre (the OE's decision follows)", () => {
    expect(decisionNotice("AUTHORISE_WORK", "region", employerAndWorker).recipients).toEqual(["employer-ebox", "worker-ebox"]);
  });

  it("a change of employer allowed also tells the former employer, whoever allows it", () => {
    const change = { ...employerAndWorker, changeOfEmployer: true };
    expect(decisionNotice("AUTHORISE_WORK", "region", { ...change, changeForRegionAlone: true }).recipients).toEqual(["employer-ebox", "former-employer-ebox", "worker-ebox", "cadastre"]);
    expect(decisionNotice("GRANT_RESIDENCE", "oe", change).recipients).toContain("former-employer-ebox");
    // The region's part when the OE still decides the stay, and a refusal: the former permit stands.
    expect(decisionNotice("AUTHORISE_WORK", "region", { ...change, changeForRegionAlone: false }).recipients).not.toContain("former-employer-ebox");
    expect(decisionNotice("REFUSE_WORK", "region", { ...change, changeForRegionAlone: true }).recipients).not.toContain("former-employer-ebox");
  });

  it("a step that is no decision tells nobody", () => {
    expect(decisionNotice("DECLARE_COMPLETE", "region", employerAndWorker)).toEqual({ document: null, appeal: "none", recipients: [] });
  });
});
