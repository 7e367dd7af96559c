/** The kinds of reads the audit log records, as their i18n keys name them (audit.actions.<kind>). */
const ACTION_KINDS = ["read", "download", "housekeeping", "act", "list", "search", "view", "shown-with"] as const;
export type AuditActionKind = (typeof ACTION_KINDS)[number] | "other";

/** "shown-with:SP-2026-000001" (a refusal shown beside another case) is a "shown-with" read. */
export function auditActionKind(action: string): AuditActionKind {
  const kind = action.split(":")[0];
  return (ACTION_KINDS as readonly string[]).includes(kind ?? "") ? (kind as AuditActionKind) : "other";
}
