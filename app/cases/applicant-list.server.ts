import { isRegionalAuthority, type RegionalAuthority } from "../../forms/authorities";
import type { DB } from "../db/db.server";
import type { ApplicationStatus } from "../db/schema";
import type { User } from "../identity/user";
import { followedBy } from "./access.server";
import { applicantListRows } from "./cases.repository";

export interface ApplicationSummary {
  id: string;
  reference: string | null;
  kind: import("../db/schema").ApplicationKind;
  status: ApplicationStatus;
  authority: RegionalAuthority | null;
  workerName: string;
  nationality: string;
  employerName: string | null;
  submittedAt: string | null;
}

/**
 * "My applications": for a representative, the drafts and cases of the enterprise he acts
 * for now; for a worker or resident, the cases he may follow (docs/access.md).
 */
export async function listApplicationsFor(db: DB, user: User): Promise<ApplicationSummary[]> {
  if (user.role === "employer" && !user.actingFor) return [];
  if (user.role !== "employer" && user.role !== "worker" && user.role !== "resident") return [];
  const rows = await applicantListRows(
    db,
    user.role === "employer" ? (eb) => eb("applications.employer_id", "=", user.actingFor!.employerId) : followedBy(user),
  );
  return rows.map((row) => ({
    id: row.id,
    reference: row.reference,
    kind: row.kind,
    status: row.status,
    authority: isRegionalAuthority(row.competent_authority) ? row.competent_authority : null,
    workerName: [row.given_names, row.family_name].filter(Boolean).join(" "),
    nationality: row.nationality ?? "",
    employerName: row.employer_name,
    submittedAt: row.submitted_at ? new Date(row.submitted_at).toISOString() : null,
  }));
}
