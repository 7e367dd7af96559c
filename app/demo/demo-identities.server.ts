/**
 * The demo identities the login page lists and the seed creates: one per role. They
 * exist only in demo data; a real deployment signs people in through its identity
 * provider (docs/decisions/004-identity-provider.md) and sets DEMO_LOGINS=off.
 */
export const DEMO_PASSWORD = "demo-2026";

export const DEMO_IDENTITIES = [
  { login: "employer", descriptionKey: "demo.employer" },
  { login: "secretariat", descriptionKey: "demo.secretariat" },
  { login: "worker", descriptionKey: "demo.worker" },
  { login: "resident", descriptionKey: "demo.resident" },
  { login: "officer.flanders", descriptionKey: "demo.officerFlanders" },
  { login: "officer.wallonia", descriptionKey: "demo.officerWallonia" },
  { login: "officer.brussels", descriptionKey: "demo.officerBrussels" },
  { login: "officer.dg", descriptionKey: "demo.officerDg" },
  { login: "officer.oe", descriptionKey: "demo.officerOe" },
  { login: "inspector", descriptionKey: "demo.inspector" },
  { login: "dpo", descriptionKey: "demo.dpo" },
] as const;
