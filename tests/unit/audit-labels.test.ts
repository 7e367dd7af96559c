import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { auditActionKind } from "../../app/components/audit";

const english = JSON.parse(readFileSync("locales/en/common.json", "utf8")) as { audit: { actions: Record<string, string> } };

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
