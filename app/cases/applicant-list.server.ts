import { sql } from "kysely";
import { isRegionalAuthority, type RegionalAuthority } from "../../forms/authorities";
import type { DB } from "../db/db.server";
import type { ApplicationStatus } from "../db/schema";
import type { User } from "../identity/user";
import { followedBy } from "./access.server";

export interface ApplicationSummary {
  id: string;
  reference: string | null;
  kind: "single" | "permanent";
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
  const rows = await db
    .selectFrom("applications")
    .leftJoin("workers", "workers.id", "applications.worker_id")
    .leftJoin("employers", "employers.id", "applications.employer_id")
    .select([
      "applications.id",
      "applications.reference",
      "applications.kind",
      "applications.status",
      "applications.competent_authority",
      "applications.submitted_at",
      "employers.name as employer_name",
      // A draft has no worker record yet: its name is what the form's worker step holds so far.
      sql<string | null>`coalesce(workers.given_names, applications.draft_form #>> '{answers,worker,givenNames}')`.as("given_names"),
      sql<string | null>`coalesce(workers.family_name, applications.draft_form #>> '{answers,worker,familyName}')`.as("family_name"),
      sql<string | null>`coalesce(workers.nationality, applications.draft_form #>> '{answers,worker,nationality}')`.as("nationality"),
    ])
    .where(user.role === "employer" ? (eb) => eb("applications.employer_id", "=", user.actingFor!.employerId) : followedBy(user))
    .orderBy("applications.created_at", "desc")
    .limit(200)
    .execute();
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
