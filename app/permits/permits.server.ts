import { revocationOf, type RevocationView } from "../revocation/revocation.server";
import type { FieldErrors } from "../../forms/errors";
import type { DB } from "../db/db.server";
import { requireOwnPermit, requirePermitHolder } from "../cases/access.server";
import { ConflictError } from "../errors";
import type { User } from "../identity/user";
import { readEndOfEmployment, recordEndOfEmployment } from "./end-of-employment.server";
import { unemploymentPeriodsOf, type UnemploymentPeriodView } from "./unemployment.server";

/**
 * The worker's own permits page (/permits; issue 17, point 4): the permits about his
 * national number with their limits, the periods without work that run, and his own report
 * that an employment ended. Who may: app/cases/access.server.ts (`requirePermitHolder`).
 */
export interface PermitSummary {
  revocation: RevocationView | null;
  caseId: string;
  reference: string | null;
  status: string;
  employer: { name: string; enterpriseNumber: string } | null;
  job: string | null;
  category: string | null;
  authority: string | null;
  validFrom: string | null;
  validUntil: string | null;
  /** A fixed-term single permit ties him to one employer ("limited"); an unlimited permit does not. */
  labourMarket: "limited" | "unlimited";
  endOfEmploymentReportedOn: string | null;
  /** He may report the end of this employment himself. */
  canReportEnd: boolean;
}

export interface PermitsPage {
  permits: PermitSummary[];
  periods: UnemploymentPeriodView[];
}

/** Cases the worker holds or held a permit under (granted, issued, ended, revoked). */
const PERMIT_STATUSES = ["granted", "issued", "ended", "revoked"] as const;

export async function permitsPage(db: DB, user: User, now = new Date()): Promise<PermitsPage> {
  const personNumber = requirePermitHolder(user);
  const rows = await db
    .selectFrom("applications as a")
    .innerJoin("workers as w", "w.id", "a.worker_id")
    .leftJoin("employers as e", "e.id", "a.employer_id")
    .leftJoin("permits as p", "p.application_id", "a.id")
    .select([
      "a.id",
      "a.reference",
      "a.status",
      "a.kind",
      "a.filed_form",
      "a.employment_category",
      "a.competent_authority",
      "a.end_of_employment_reported_on",
      "e.name as employer_name",
      "e.enterprise_number",
      "p.valid_from",
      "p.valid_until",
    ])
    .where("w.person_number", "=", personNumber)
    .where("a.status", "in", PERMIT_STATUSES)
    .orderBy("p.valid_from", "desc")
    .limit(50)
    .execute();
  const permits = rows.map((row): PermitSummary => {
    const filed = row.filed_form;
    return {
      caseId: row.id,
      reference: row.reference,
      status: row.status,
      employer: row.employer_name && row.enterprise_number ? { name: row.employer_name, enterpriseNumber: row.enterprise_number } : null,
      job: filed?.kind === "single" ? (filed.jobTitle ?? null) : null,
      category: row.employment_category,
      authority: row.competent_authority,
      validFrom: row.valid_from,
      validUntil: row.valid_until,
      labourMarket: row.kind === "permanent" ? "unlimited" : "limited",
      endOfEmploymentReportedOn: row.end_of_employment_reported_on,
      canReportEnd: row.kind === "single" && (row.status === "granted" || row.status === "issued") && !row.end_of_employment_reported_on,
      revocation: null,
    };
  });
  // The revocation chain of each permit that has one: the day the commune informed him, and what is next (app/revocation).
  for (const permit of permits) permit.revocation = await revocationOf(db, permit.caseId, null, now);
  return { permits, periods: await unemploymentPeriodsOf(db, personNumber, now) };
}

export type ReportOutcome = { ok: true } | { ok: false; errors: FieldErrors; formError: string | null; conflict: boolean };

/** The worker reports that his employment under one of his permits ended: the clock starts. */
export async function reportOwnEndOfEmployment(db: DB, user: User, values: Readonly<Record<string, string>>, now = new Date()): Promise<ReportOutcome> {
  requirePermitHolder(user);
  const caseId = (values.caseId ?? "").trim();
  const report = readEndOfEmployment(values, now);
  if (!report.ok) return { ok: false, errors: report.errors, formError: null, conflict: false };
  const row = await requireOwnPermit(db, user, caseId);
  try {
    await recordEndOfEmployment(db, user, row.id, report, now);
  } catch (error) {
    if (error instanceof ConflictError) return { ok: false, errors: {}, formError: error.messageKey, conflict: true };
    throw error;
  }
  return { ok: true };
}
