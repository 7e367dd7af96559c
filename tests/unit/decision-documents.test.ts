import { describe, expect, it } from "vitest";
import type { CaseDecision } from "../../workflows/case-lifecycle";
import { annex49Content, annex51Content, decisionContent } from "../../app/delivery/decision-content";
import {
  annexOf,
  appealRouteOf,
  DECISION_DOCUMENT_TYPES,
  decidedByOf,
  documentTypeFor,
  documentTypeOfDecision,
  grantsPermit,
  isDecisionDocumentType,
  type DecisionDocumentType,
} from "../../app/delivery/decision-types";
import { translator } from "../../app/i18n/language.server";

/**
 * Every decision document as the people it reaches see it: which document a step produces,
 * its annex, who signs it, whether it grants the permit, and where it can be appealed
 * (docs/domain.md §3, §5; app/delivery/decision-types.ts gives the sources).
 */
const DOCUMENTS: [DecisionDocumentType, { annex: "46" | "47" | "48" | null; by: "region" | "oe" | "law"; grants: boolean; appeal: string }][] = [
  ["46", { annex: "46", by: "oe", grants: true, appeal: "none" }],
  ["47", { annex: "47", by: "law", grants: true, appeal: "none" }],
  ["48", { annex: "48", by: "oe", grants: false, appeal: "call" }],
  ["revocation", { annex: null, by: "oe", grants: false, appeal: "call" }],
  ["work-authorisation", { annex: null, by: "region", grants: false, appeal: "none" }],
  ["work-refusal", { annex: null, by: "region", grants: false, appeal: "regional-minister" }],
  ["inadmissibility-region", { annex: null, by: "region", grants: false, appeal: "council-of-state" }],
  ["inadmissibility-oe", { annex: null, by: "oe", grants: false, appeal: "call" }],
  ["work-withdrawal", { annex: null, by: "region", grants: false, appeal: "regional-minister" }],
  ["end-of-employment", { annex: null, by: "region", grants: false, appeal: "regional-minister" }],
  ["end-of-residence", { annex: null, by: "oe", grants: false, appeal: "call" }],
  ["change-allowed", { annex: null, by: "region", grants: true, appeal: "none" }],
  ["change-allowed-by-law", { annex: null, by: "law", grants: true, appeal: "none" }],
  ["employer-changed", { annex: null, by: "region", grants: false, appeal: "none" }],
];

describe("the decision documents", () => {
  it("lists every document type once", () => {
    expect(DOCUMENTS.map(([type]) => type)).toEqual([...DECISION_DOCUMENT_TYPES]);
  });

  it.each(DOCUMENTS)("%s: its annex, who decides, whether it grants the permit, its appeal", (type, expected) => {
    expect({ annex: annexOf(type), by: decidedByOf(type), grants: grantsPermit(type), appeal: appealRouteOf(type) }).toEqual(expected);
  });

  it("knows a stored document type from anything else", () => {
    for (const type of DECISION_DOCUMENT_TYPES) expect(isDecisionDocumentType(type)).toBe(true);
    for (const other of ["49", "", "46 ", "Revocation", 46, null, undefined, ["46"]]) expect(isDecisionDocumentType(other)).toBe(false);
  });
});

const decision = (by: CaseDecision["by"], outcome: CaseDecision["outcome"]): CaseDecision => ({ by, outcome, annex: null, reason: null });

describe("the document a lifecycle step sends", () => {
  it.each([
    ["GRANT_RESIDENCE", decision("oe", "granted"), "46"],
    ["DEEMED_GRANT", decision("law", "granted"), "47"],
    ["REFUSE_RESIDENCE", decision("oe", "refused"), "48"],
    ["AUTHORISE_WORK", null, "work-authorisation"],
    ["REFUSE_WORK", decision("region", "refused"), "work-refusal"],
    ["DECLARE_INADMISSIBLE", decision("region", "inadmissible"), "inadmissibility-region"],
    ["DECLARE_INADMISSIBLE", decision("oe", "inadmissible"), "inadmissibility-oe"],
    // No decider recorded: the region's document.
    ["DECLARE_INADMISSIBLE", null, "inadmissibility-region"],
    ["REVOKE", decision("region", "revoked"), "work-withdrawal"],
    ["REVOKE", decision("oe", "revoked"), "end-of-residence"],
    ["REVOKE", undefined, "work-withdrawal"],
    ["END_EMPLOYMENT", decision("region", "ended"), "end-of-employment"],
    // A change of employer (Directive 2024/1233 art. 11): allowed by the region alone, or by the window's lapse; the former permit ends.
    ["AUTHORISE_WORK", { ...decision("region", "granted"), ground: "change-of-employer" }, "change-allowed"],
    ["DEEMED_GRANT", { ...decision("law", "granted"), ground: "change-of-employer" }, "change-allowed-by-law"],
    ["EMPLOYER_CHANGED", { ...decision("region", "ended"), ground: "change-of-employer" }, "employer-changed"],
  ] as const)("%s decided by %j: %s", (command, taken, type) => {
    expect(documentTypeFor(command, taken)).toBe(type);
  });

  it.each(["SUBMIT", "DECLARE_COMPLETE", "PRE_CHECKS_DONE", "REQUEST_DOCUMENTS", "PERMIT_ISSUED", "WITHDRAW", ""])("%j notifies nothing", (command) => {
    expect(documentTypeFor(command, decision("oe", "granted"))).toBeNull();
  });

  it.each([
    [decision("oe", "granted"), "46"],
    [decision("law", "granted"), "47"],
    [decision("oe", "refused"), "48"],
    [decision("region", "refused"), "work-refusal"],
    [decision("region", "inadmissible"), "inadmissibility-region"],
    [decision("oe", "inadmissible"), "inadmissibility-oe"],
    [decision("region", "revoked"), "work-withdrawal"],
    [decision("oe", "revoked"), "end-of-residence"],
    [decision("region", "ended"), "end-of-employment"],
    [{ ...decision("region", "granted"), ground: "change-of-employer" }, "change-allowed"],
    [{ ...decision("law", "granted"), ground: "change-of-employer" }, "change-allowed-by-law"],
    [{ ...decision("oe", "granted"), ground: "change-of-employer" }, "46"],
    [{ ...decision("region", "ended"), ground: "change-of-employer" }, "employer-changed"],
  ] as const)("the applicant's page shows the document of %j: %s", (taken, type) => {
    expect(documentTypeOfDecision(taken)).toBe(type);
  });

  it("shows no document before a decision", () => {
    expect(documentTypeOfDecision(null)).toBeNull();
    expect(documentTypeOfDecision(undefined)).toBeNull();
  });
});

describe("what a decision document says", () => {
  it("is signed by the region for the region's decisions, by the Immigration Office otherwise", async () => {
    const t = await translator("en");
    expect(decisionContent(t, "work-refusal", "flanders").issuer).toBe(t("authority.flanders"));
    expect(decisionContent(t, "end-of-employment", "dg").issuer).toBe(t("authority.dg"));
    for (const type of ["46", "47", "48", "inadmissibility-oe", "end-of-residence"] as const) {
      expect(decisionContent(t, type, "flanders").issuer, type).toBe(t("authority.oe"));
    }
  });

  it("keeps the annexes' own wording for a grant, with no appeal", async () => {
    const t = await translator("nl");
    expect(decisionContent(t, "46", "brussels")).toEqual({
      issuer: t("authority.oe"),
      title: t("pdf.title.46"),
      subtitle: t("pdf.subtitle.46"),
      body: t("pdf.body.46"),
      appeal: null,
    });
    expect(decisionContent(t, "47", "brussels").title).toBe(t("pdf.title.47"));
  });

  it("names the region's own minister in the appeal against its refusal, in each region", async () => {
    const t = await translator("en");
    expect(decisionContent(t, "work-refusal", "flanders").appeal).toMatch(/Flemish minister/);
    expect(decisionContent(t, "work-refusal", "wallonia").appeal).toMatch(/Walloon minister/);
    expect(decisionContent(t, "work-withdrawal", "brussels").appeal).toMatch(/Brussels-Capital Region/);
    expect(decisionContent(t, "end-of-employment", "dg").appeal).toMatch(/German-speaking Community/);
    // A case whose region is not known names no region, but still the term.
    expect(decisionContent(t, "work-refusal", "atlantis").appeal).toBe(t("decision.appeal.regional.unknown"));
  });

  it("sends the Immigration Office's unfavourable decisions to the Council for Alien Law Litigation, the region's inadmissibility to the Council of State", async () => {
    const t = await translator("en");
    for (const type of ["48", "inadmissibility-oe", "end-of-residence", "revocation"] as const) {
      expect(decisionContent(t, type, "wallonia").appeal, type).toBe(t("decision.appeal.call"));
    }
    expect(decisionContent(t, "inadmissibility-region", "wallonia").appeal).toBe(t("decision.appeal.councilOfState"));
    expect(decisionContent(t, "work-authorisation", "wallonia").appeal).toBeNull();
  });

  it("tells the worker of the 90 days to find an employer only after the end of the employment, after what the decision says", async () => {
    const t = await translator("fr");
    const ended = decisionContent(t, "end-of-employment", "wallonia");
    expect(ended.body).toBe(`${t("decision.end-of-employment.body", { authority: t("authority.wallonia") })}\n${t("decision.searchPeriod")}`);
    expect(decisionContent(t, "work-withdrawal", "wallonia").body).toBe(t("decision.work-withdrawal.body", { authority: t("authority.wallonia") }));
  });

  it("fills the region's name into a regional document's title", async () => {
    const t = await translator("en");
    const content = decisionContent(t, "work-refusal", "brussels");
    expect(content.title).toBe(t("decision.work-refusal.title", { authority: t("authority.brussels") }));
    expect(content.subtitle).toBe(t("decision.work-refusal.subtitle", { authority: t("authority.brussels") }));
  });
});

describe("the commune's certificates", () => {
  it("annex 49 and annex 51 are the commune's, with their own titles and bodies, and no appeal: they decide nothing", async () => {
    const t = await translator("en");
    expect(annex49Content(t, "Antwerpen")).toEqual({ issuer: "Antwerpen", title: t("pdf.title.49"), subtitle: t("pdf.subtitle.49"), body: t("pdf.body.49"), appeal: null });
    expect(annex49Content(t, "Antwerpen", true).body).toBe(t("pdf.body.49pending"));
    expect(annex49Content(t, "Antwerpen", true).body).toMatch(/^The holder applied for the renewal/);
    const annex51 = annex51Content(t, "Antwerpen");
    expect(annex51).toEqual({ issuer: "Antwerpen", title: t("pdf.title.51"), subtitle: t("pdf.subtitle.51"), body: t("pdf.body.51"), appeal: null });
    expect(annex51.title).toBe("Annex 51");
    expect(annex51.body).toMatch(/^The holder lost his employment/);
    for (const content of [annex49Content(t, "Antwerpen"), annex51]) expect(new Set([content.title, content.subtitle, content.body]).size).toBe(3);
  });
});
