import { parseTypedDate } from "../../forms/dates";
import { cleanInput, cutText } from "../../forms/text";
import type { FieldErrors } from "../../forms/errors";
import type { DB } from "../db/db.server";
import { ForbiddenError } from "../errors";
import type { User } from "../identity/user";
import { insertAuditEntries, officerReadsOf, searchAuditLog, type AuditEntry, type AuditFilters } from "./audit.repository";

/**
 * Who read which personal data, when and why: every officer or inspector read is written
 * here before anything is shown, refused attempts included (allowed = false). The exchange
 * of social data requires that every consultation can be traced end to end; the
 * data-protection officer reads the log, and each person sees who consulted his file and why.
 */
export async function recordRead(db: DB, user: Reader, read: Read): Promise<void> {
  await recordReads(db, user, [read]);
}

/** Who reads: his authority, or for a post or a commune, its office. */
export type Reader = Pick<User, "id" | "role" | "authority"> & Partial<Pick<User, "office">>;

export interface Read {
  subject: { type: AuditEntry["subjectType"]; id: string };
  /** The case the read concerned, when there is one. */
  applicationId?: string | null;
  purpose: string;
  allowed: boolean;
  action?: string;
}

/** Several reads by one user, written in one statement. */
export async function recordReads(db: DB, user: Reader, reads: readonly Read[]): Promise<void> {
  await insertAuditEntries(
    db,
    reads.map((read) => ({
      actorUserId: user.id,
      actorRole: user.role,
      // A post or a commune is named by its office (its authority is none of the handling authorities).
      actorAuthority: user.authority ?? user.office ?? null,
      action: read.action ?? "read",
      subjectType: read.subject.type,
      subjectId: read.subject.id,
      applicationId: read.applicationId ?? null,
      purpose: read.purpose,
      allowed: read.allowed,
    })),
  );
}

export interface Consultation {
  authority: string | null;
  /** Who: an officer (his authority), a diplomatic post or a commune (its office in `authority`). */
  role: string;
  action: string;
  purpose: string;
  at: string;
}

/** Which authorities consulted a file, what they did, why and when (shown to the applicant and the worker). */
export async function consultationsOf(db: DB, applicationId: string): Promise<Consultation[]> {
  const rows = await officerReadsOf(db, applicationId, 100);
  return rows.map((row) => ({ authority: row.actor_authority, role: row.actor_role, action: row.action, purpose: row.purpose, at: new Date(row.created_at).toISOString() }));
}

/** The most entries one search of the log shows, newest first. */
export const AUDIT_PAGE = 200;

/** The audit view's search as typed: a GET form's parameters, trimmed and capped. */
export interface AuditQuery {
  reference: string;
  login: string;
  from: string;
  until: string;
}

const MAX_TEXT = 100;

export function readAuditQuery(params: URLSearchParams): AuditQuery {
  // One character over the limit still reaches the check as "too long"; a longer value is cut.
  // Cleaned as a posted form is (forms/text.ts), and cut on a character boundary.
  const value = (name: keyof AuditQuery, max: number) => cutText(cleanInput(params.get(name) ?? "").trim(), max);
  return { reference: value("reference", MAX_TEXT + 1), login: value("login", MAX_TEXT + 1), from: value("from", 20), until: value("until", 20) };
}

/**
 * The filters of a search, or what is wrong with it, field by field. Dates are Belgian
 * calendar days typed as the language writes them (forms/dates.ts parseTypedDate), both included. A case reference
 * is found whatever its case; logins are stored in lower case.
 */
export function validateAuditQuery(query: AuditQuery): { ok: true; filters: AuditFilters } | { ok: false; errors: FieldErrors } {
  const errors: FieldErrors = {};
  // Dates as people type them (31/03/2026), read by the one date parser of the forms.
  const days = { from: "", until: "" };
  for (const name of ["reference", "login"] as const) {
    if (query[name].length > MAX_TEXT) errors[name] = { key: "caseActions.errors.tooLong", values: { max: MAX_TEXT } };
  }
  for (const name of ["from", "until"] as const) {
    if (!query[name]) continue;
    const parsed = parseTypedDate(query[name]);
    if (!parsed.ok) errors[name] = { key: "audit.errors.date" };
    else if (parsed.date < "2000-01-01" || parsed.date > "2999-12-31") errors[name] = { key: "audit.errors.dateYears" };
    else days[name] = parsed.date;
  }
  if (!errors.from && !errors.until && days.from && days.until && days.until < days.from) {
    errors.until = { key: "audit.errors.range" };
  }
  if (Object.keys(errors).length > 0) return { ok: false, errors };
  const filters: AuditFilters = {};
  if (query.reference) filters.reference = /^sp-\d{4}-\d{6}$/i.test(query.reference) ? query.reference.toUpperCase() : query.reference;
  if (query.login) filters.login = query.login.toLowerCase();
  if (days.from) filters.from = days.from;
  if (days.until) filters.until = days.until;
  return { ok: true, filters };
}

/**
 * The data-protection officer's view of the log, at most AUDIT_PAGE entries, newest first.
 * His own look-ups are logged too: the log holds personal data (whose file was read).
 */
export async function auditTrail(db: DB, dpo: User, filters: AuditFilters) {
  if (dpo.role !== "data-protection-officer") throw new ForbiddenError("the audit log is the data-protection officer's");
  await recordRead(db, dpo, {
    subject: { type: "audit", id: JSON.stringify(filters) },
    purpose: "data-protection-supervision",
    allowed: true,
    action: "search",
  });
  const rows = await searchAuditLog(db, filters, AUDIT_PAGE);
  return rows.map((row) => ({
    id: row.id,
    at: new Date(row.created_at).toISOString(),
    actor: { login: row.login, name: row.display_name, role: row.actor_role, authority: row.actor_authority },
    action: row.action,
    subject: { type: row.subject_type, id: row.subject_id, reference: row.reference },
    purpose: row.purpose,
    allowed: row.allowed,
  }));
}
