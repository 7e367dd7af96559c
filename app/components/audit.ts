/** The kinds of reads the audit log records, as their i18n keys name them (audit.actions.<kind>). */
const ACTION_KINDS = ["read", "download", "housekeeping", "act", "list", "search", "view", "shown-with", "mandate-ended"] as const;
export type AuditActionKind = (typeof ACTION_KINDS)[number] | "other";

/** "shown-with:SP-2026-000001" (a refusal shown beside another case) is a "shown-with" read. */
export function auditActionKind(action: string): AuditActionKind {
  const kind = action.split(":")[0];
  return (ACTION_KINDS as readonly string[]).includes(kind ?? "") ? (kind as AuditActionKind) : "other";
}

/** The purposes the services log in their own words (audit.purposes.<purpose>); an inspector's purpose is free text. */
const PURPOSES = ["case-handling", "data-protection-supervision", "mandate-check", "inspection-signal"] as const;

/** The i18n key of a logged purpose, or null when it is free text to be shown as it is. */
export function auditPurposeKey(purpose: string): string | null {
  return (PURPOSES as readonly string[]).includes(purpose) ? `audit.purposes.${purpose}` : null;
}

/** A search's criteria, one per line, named by the label of the field they came from. */
const CRITERIA_LABELS: Record<string, string> = {
  personNumber: "case.personNumber",
  familyName: "newApplication.familyName",
  birthDate: "case.birthDate",
  enterpriseNumber: "inspection.enterpriseNumber",
  reference: "audit.filterReference",
  login: "audit.filterLogin",
  from: "audit.filterFrom",
  until: "audit.filterUntil",
};

export interface AuditCriterion {
  name: string;
  /** The i18n key of its label, or null for a name this page does not know. */
  labelKey: string | null;
  value: string;
}

/** What an entry of the log is about, as the data-protection officer reads it. */
export type AuditSubject =
  | { kind: "case" | "document"; reference: string }
  | { kind: "queue"; authority: string }
  | { kind: "signal"; reference: string }
  | { kind: "signal-queue" }
  | { kind: "cadastre-record"; reference: string }
  | { kind: "cadastre-search" | "audit-search"; criteria: AuditCriterion[] }
  | { kind: "other"; type: string; id: string };

/**
 * A logged subject (type, id and the case's reference when the read concerned a case):
 * a case or one of its documents by reference, a queue by authority, a cadastre record by
 * its reference, a search (cadastre or this log) by its criteria, which are logged as JSON.
 */
export function auditSubject(subject: { type: string; id: string; reference: string | null }): AuditSubject {
  switch (subject.type) {
    case "application":
      return { kind: "case", reference: subject.reference ?? subject.id };
    case "document":
      return { kind: "document", reference: subject.reference ?? subject.id };
    case "queue":
      // The inspector's list of open signals is a queue of its own, not an authority's.
      return subject.id === "inspection-signals" ? { kind: "signal-queue" } : { kind: "queue", authority: subject.id };
    case "signal":
      return { kind: "signal", reference: subject.reference ?? subject.id };
    case "cadastre":
    case "audit": {
      const criteria = criteriaOf(subject.id);
      if (criteria) return { kind: subject.type === "cadastre" ? "cadastre-search" : "audit-search", criteria };
      return subject.type === "cadastre" ? { kind: "cadastre-record", reference: subject.id } : { kind: "other", type: subject.type, id: subject.id };
    }
    default:
      return { kind: "other", type: subject.type, id: subject.id };
  }
}

function criteriaOf(id: string): AuditCriterion[] | null {
  if (!id.startsWith("{")) return null;
  try {
    const parsed: unknown = JSON.parse(id);
    if (typeof parsed !== "object" || parsed === null || Array.isArray(parsed)) return null;
    return Object.entries(parsed).map(([name, value]) => ({
      name,
      labelKey: Object.hasOwn(CRITERIA_LABELS, name) ? CRITERIA_LABELS[name]! : null,
      value: typeof value === "string" ? value : JSON.stringify(value),
    }));
  } catch {
    return null;
  }
}
