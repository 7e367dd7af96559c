import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { auditActionKind, auditPurposeKey, auditSubject } from "../../app/components/audit";

const english = JSON.parse(readFileSync("locales/en/common.json", "utf8")) as {
  audit: { actions: Record<string, string>; purposes: Record<string, string> };
};

describe("the audit log's action labels", () => {
  it("names every action the services log with its own label", () => {
    // What requireCase, the queue, the refusal history, the cadastre and the audit view write.
    for (const action of ["read", "download", "housekeeping", "act", "list", "search", "view"]) {
      expect(auditActionKind(action), action).toBe(action);
    }
    expect(auditActionKind("shown-with:SP-2026-000001")).toBe("shown-with");
    expect(auditActionKind("something-new")).toBe("other");
  });

  it("has a message for every kind", () => {
    for (const action of ["read", "download", "housekeeping", "act", "list", "search", "view", "shown-with", "something-new"]) {
      expect(english.audit.actions[auditActionKind(action)], action).toBeTruthy();
    }
  });
});

describe("the audit log's purposes", () => {
  it("translates the services' own purposes and leaves an inspector's words as they are", () => {
    expect(auditPurposeKey("case-handling")).toBe("audit.purposes.case-handling");
    expect(auditPurposeKey("data-protection-supervision")).toBe("audit.purposes.data-protection-supervision");
    for (const key of ["case-handling", "data-protection-supervision"]) expect(english.audit.purposes[key]).toBeTruthy();
    // Free text with i18next's separators and placeholders is never looked up as a key.
    expect(auditPurposeKey("INS-2026/042: check of {{employer}}. Urgent")).toBeNull();
  });
});

describe("the audit log's subjects", () => {
  it("names a case or a document by the case's reference", () => {
    expect(auditSubject({ type: "application", id: "3f1c…", reference: "SP-2026-000007" })).toEqual({ kind: "case", reference: "SP-2026-000007" });
    expect(auditSubject({ type: "document", id: "9a2b…", reference: "SP-2026-000007" })).toEqual({ kind: "document", reference: "SP-2026-000007" });
    expect(auditSubject({ type: "queue", id: "flanders", reference: null })).toEqual({ kind: "queue", authority: "flanders" });
    // Signals to the inspection (issue 14.4): by the signalled case's reference; the inspector's list is no authority's queue.
    expect(auditSubject({ type: "signal", id: "5d0e…", reference: "SP-2026-000009" })).toEqual({ kind: "signal", reference: "SP-2026-000009" });
    expect(auditSubject({ type: "queue", id: "inspection-signals", reference: null })).toEqual({ kind: "signal-queue" });
    expect(auditPurposeKey("inspection-signal")).toBe("audit.purposes.inspection-signal");
  });

  it("tells a cadastre record from a cadastre search, whose criteria are logged as JSON", () => {
    expect(auditSubject({ type: "cadastre", id: "SP-2026-000007", reference: null })).toEqual({ kind: "cadastre-record", reference: "SP-2026-000007" });
    expect(auditSubject({ type: "cadastre", id: JSON.stringify({ familyName: "Haddad", birthDate: "1979-01-25" }), reference: null })).toEqual({
      kind: "cadastre-search",
      criteria: [
        { name: "familyName", labelKey: "newApplication.familyName", value: "Haddad" },
        { name: "birthDate", labelKey: "case.birthDate", value: "1979-01-25" },
      ],
    });
    expect(auditSubject({ type: "audit", id: "{}", reference: null })).toEqual({ kind: "audit-search", criteria: [] });
    expect(auditSubject({ type: "audit", id: JSON.stringify({ login: "inspector", extra: 3 }), reference: null })).toEqual({
      kind: "audit-search",
      criteria: [
        { name: "login", labelKey: "audit.filterLogin", value: "inspector" },
        { name: "extra", labelKey: null, value: "3" },
      ],
    });
  });

  it("shows what it does not understand as it was logged", () => {
    expect(auditSubject({ type: "audit", id: "{not json", reference: null })).toEqual({ kind: "other", type: "audit", id: "{not json" });
    expect(auditSubject({ type: "mailbox", id: "42", reference: null })).toEqual({ kind: "other", type: "mailbox", id: "42" });
  });
});
