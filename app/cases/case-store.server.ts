import type { RegionalAuthority } from "../../forms/authorities";
import {
  CASE_LIFECYCLE_VERSION,
  caseStatus,
  initialCaseSnapshot,
  persistCase,
  type CaseStatus,
} from "../../workflows/case-lifecycle";
import type { ClockCategory } from "../../workflows/legal-clock";

export type { CaseStatus };

/** A submitted application's lifecycle as it starts: persisted snapshot, its status and machine version. */
export function startCase(input: { kind: "single" | "permanent"; authority: RegionalAuthority; category: ClockCategory }) {
  const snapshot = initialCaseSnapshot(input);
  return { snapshot: persistCase(snapshot), status: caseStatus(snapshot), machineVersion: CASE_LIFECYCLE_VERSION };
}
