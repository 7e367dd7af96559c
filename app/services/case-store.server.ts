import { initialTransition } from "xstate";
import type { RegionalAuthority } from "../../forms/authorities";
import {
  CASE_LIFECYCLE_VERSION,
  caseLifecycle,
  caseStatus,
  type CaseStatus,
} from "../../workflows/case-lifecycle";
import type { ClockCategory } from "../../workflows/legal-clock";

export type { CaseStatus };

/** A submitted application's lifecycle as it starts: persisted snapshot, its status and machine version. */
export function startCase(input: { kind: "single" | "permanent"; authority: RegionalAuthority; category: ClockCategory }) {
  const [snapshot] = initialTransition(caseLifecycle, input);
  return {
    snapshot: caseLifecycle.getPersistedSnapshot(snapshot),
    status: caseStatus(snapshot),
    machineVersion: CASE_LIFECYCLE_VERSION,
  };
}
