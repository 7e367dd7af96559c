import type { ColumnType, Generated, Insertable, Selectable, Updateable } from "kysely";
import type { EmploymentCategory } from "../../forms/employment";
import type { DraftForm, FiledForm } from "../../forms/stored-forms";
import type { CaseClock } from "../../workflows/case-clock";
import type { CaseStatus } from "../../workflows/case-status";
import type { ClockCategory } from "../../workflows/legal-clock";

/** Row types of the database. Dates are "YYYY-MM-DD" strings; int8 are numbers. */

type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;
type Json<T> = ColumnType<T, string, string>;
type NullableJson<T> = ColumnType<T | null, string | null | undefined, string | null>;

export type Role = "employer" | "worker" | "resident" | "regional-officer" | "oe-officer" | "inspector" | "data-protection-officer" | "diplomatic-post" | "commune";

/** What is asked: a single permit, an unlimited permit, a change of employer (migration 0012). */
export type ApplicationKind = "single" | "permanent" | "change-of-employer";

/** A row of `applications` is a draft until it is filed, then a case with the lifecycle's status. */
export type ApplicationStatus = "draft" | CaseStatus;

export interface UsersTable {
  id: Generated<string>;
  login: string;
  display_name: string;
  role: Role;
  authority: string | null;
  /** NISS or BIS number: how the identity provider names the person (unique). */
  person_number: string | null;
  preferred_language: string | null;
  created_at: Timestamp;
}

export interface EmployersTable {
  id: Generated<string>;
  enterprise_number: string;
  name: string;
  street: string;
  postal_code: string;
  municipality: string;
  nace_code: string | null;
  seasonal_sector: string | null;
  source: string;
  source_date: string;
  /** The enterprise's choice; null = not chosen: on for seasonal work, off for other permits (migration 0010). */
  end_of_stay_notices: ColumnType<boolean | null, boolean | null | undefined, boolean | null>;
}

export interface MandatesTable {
  user_id: string;
  employer_id: string;
  granted_on: string;
  revoked_on: string | null;
  /** The last day the mandate holds; null: until revoked. */
  valid_until: string | null;
}

export interface WorkersTable {
  id: Generated<string>;
  person_number: string | null;
  family_name: string;
  given_names: string;
  nationality: string;
  birth_date: string | null;
  passport_number: string | null;
  created_at: Timestamp;
}

export interface ApplicationsTable {
  id: Generated<string>;
  reference: string | null;
  kind: ApplicationKind;
  status: ApplicationStatus;
  created_by: string;
  employer_id: string | null;
  worker_id: string | null;
  competent_authority: string | null;
  procedure_language: string | null;
  form_version: number;
  /** A draft's answers (status "draft" only). */
  draft_form: NullableJson<DraftForm>;
  /** What was filed, tagged by kind (every status but "draft"). */
  filed_form: NullableJson<FiledForm>;
  /** The single permit's employment category, as filed; null for drafts and unlimited permits. */
  employment_category: EmploymentCategory | null;
  machine_snapshot: Json<unknown> | null;
  machine_version: number | null;
  version: Generated<number>;
  submitted_at: Timestamp | null;
  created_at: Timestamp;
  updated_at: Timestamp;
  /** Which legal clock runs (workflows/legal-clock.ts). */
  category: ColumnType<ClockCategory, ClockCategory | undefined, ClockCategory>;
  /** CaseClock (workflows/case-clock.ts): which clock runs and its data. */
  legal_clock: NullableJson<CaseClock>;
  due_on: string | null;
  oe_pre_checks_pending: Generated<boolean>;
  /** Who handles the case at the regional authority (claimed there). */
  assigned_to: string | null;
  /** Who handles the residence part at the Immigration Office (claimed there); since migration 0007. */
  oe_assigned_to: ColumnType<string | null, string | null | undefined, string | null>;
  incomplete_marked_at: Timestamp | null;
  decided_at: Timestamp | null;
  escalated: Generated<boolean>;
  end_of_employment_reported_on: string | null;
  /** The day the file was declared complete: the decision term's start (migration 0010). */
  complete_on: ColumnType<string | null, string | null | undefined, string | null>;
  /** A change of employer: the case whose permit it changes (migration 0012). */
  changes_application_id: ColumnType<string | null, string | null | undefined, string | null>;
}

/** A worker's consent that an enterprise sees his permit and files a change of employer (migration 0012). */
export interface PermitConsentsTable {
  id: Generated<string>;
  worker_person_number: string;
  enterprise_number: string;
  given_at: Timestamp;
  expires_on: string;
  withdrawn_at: Timestamp | null;
}

export interface PermitsTable {
  application_id: string;
  verification_code: string;
  annex: string;
  valid_from: string;
  valid_until: string;
  granted_at: Timestamp;
  revoked_on: string | null;
  revocation_reason: string | null;
  /** A seasonal permit's season end, as filed: end-of-stay notices follow it (migration 0010). */
  season_ends_on: ColumnType<string | null, string | null | undefined, string | null>;
}

export interface EboxMessagesTable {
  id: Generated<string>;
  delivery_key: string;
  /** "post": a diplomatic post's inbox, by post id (migration 0014). */
  recipient_kind: "enterprise" | "person" | "post";
  recipient_id: string;
  application_id: string | null;
  subject: string;
  body: string;
  attachment_name: string | null;
  attachment_sha256: string | null;
  delivered_at: Timestamp;
  opened_at: Timestamp | null;
  reminded_at: Timestamp | null;
}

export interface EndOfStayNoticesTable {
  application_id: string;
  days_before: number;
  created_at: Timestamp;
}

/** The Limosa cadastre (schema "limosa"): written only through app/delivery/cadastre.server.ts. */
export interface LimosaPermitsTable {
  id: Generated<number>;
  case_reference: string;
  permit_kind: string;
  worker_person_number: string | null;
  worker_family_name: string;
  worker_given_names: string;
  worker_birth_date: string | null;
  worker_nationality: string;
  employer_enterprise_number: string | null;
  employer_name: string | null;
  authority: string;
  category: string;
  job: string | null;
  place_of_work: string | null;
  valid_from: string | null;
  valid_until: string | null;
  status: string;
  status_reason: string | null;
  status_on: string;
  case_version: number;
  updated_at: Timestamp;
  /** Migration 0016: the Limosa declaration (L1) and the worker's foreign home address, when known. */
  limosa_l1: ColumnType<string | null, string | null | undefined, string | null>;
  foreign_address: ColumnType<string | null, string | null | undefined, string | null>;
}

export interface LimosaPermitHistoryTable {
  id: Generated<number>;
  permit_id: number;
  feed_key: string;
  case_version: number;
  status: string;
  status_on: string;
  reason: string | null;
  recorded_at: Timestamp;
}

export interface DocumentRequestsTable {
  id: Generated<string>;
  application_id: string;
  requested_by: string;
  authority: string;
  message: string;
  due_on: string;
  created_at: Timestamp;
  answered_at: Timestamp | null;
}

export interface DocumentRequestItemsTable {
  id: Generated<string>;
  request_id: string;
  position: number;
  label: string;
}

export interface CaseMessagesTable {
  id: Generated<number>;
  application_id: string;
  author_user_id: string;
  author_role: string;
  author_authority: string | null;
  body: string;
  created_at: Timestamp;
}

export interface ApplicationEventsTable {
  id: Generated<number>;
  application_id: string;
  type: string;
  actor_user_id: string | null;
  actor_role: string;
  actor_authority: string | null;
  from_status: string | null;
  to_status: string;
  reason: string | null;
  detail: Json<Record<string, unknown>>;
  version: number;
  created_at: Timestamp;
  /** The authority that held the case when the line was written (a later reroute leaves it as it was). */
  authority: string | null;
}

/** An officer's decision shown on the confirmation page, not applied yet (migration 0011). */
export interface PendingDecisionsTable {
  id: Generated<string>;
  application_id: string;
  officer_user_id: string;
  version: number;
  outcome: string;
  ground: string | null;
  reason: string | null;
  created_at: Timestamp;
}

export interface DocumentsTable {
  id: Generated<string>;
  application_id: string;
  item: string;
  file_name: string;
  media_type: string;
  size_bytes: number;
  sha256: string;
  uploaded_by: string;
  created_at: Timestamp;
  removed_at: Timestamp | null;
}

export interface OutboxTable {
  id: Generated<number>;
  key: string;
  /** Read as any text (a row may predate or postdate this version); written only as a known kind. */
  kind: ColumnType<string, import("../outbox/messages").OutboxKind, never>;
  application_id: string | null;
  /** Unknown until parsed (app/outbox/messages.ts). */
  payload: Json<unknown>;
  status: Generated<"pending" | "delivered" | "failed">;
  attempts: Generated<number>;
  next_attempt_at: Timestamp;
  last_error: string | null;
  created_at: Timestamp;
  delivered_at: Timestamp | null;
}

export interface AuditLogTable {
  id: Generated<number>;
  actor_user_id: string;
  actor_role: string;
  actor_authority: string | null;
  action: string;
  subject_type: string;
  subject_id: string;
  /** The case a read concerned (a case, one of its documents, a case shown beside it). */
  application_id: string | null;
  purpose: string;
  allowed: boolean;
  created_at: Timestamp;
}

export type SessionEndReason = "signed-out" | "signed-out-everywhere" | "replaced" | "idle" | "absolute";

/** A signed-in browser (app/identity/sessions.server.ts); found by the hash of its cookie. */
export interface SessionsTable {
  id: Generated<string>;
  token_hash: string;
  user_id: string;
  csrf: string;
  acting_for: string | null;
  /** The mandates the mandate service listed at sign-in or at the last "act for". */
  mandates: Json<import("../identity/user").Mandate[]>;
  id_token: string | null;
  user_agent: string | null;
  created_at: Timestamp;
  last_seen_at: Timestamp;
  ended_at: Timestamp | null;
  end_reason: SessionEndReason | null;
}

/** One atomic counter per throttled key (app/identity/throttle.server.ts). */
export interface ThrottleCountersTable {
  key: string;
  window_started_at: Timestamp;
  attempts: number;
  next_attempt_at: Timestamp;
}

/** Browsers that signed in before at the development identity provider (app/dev-identity-provider/). */
export interface SignInDevicesTable {
  token_hash: string;
  account: string;
  created_at: Generated<Date>;
  last_used_at: Generated<Date>;
}

/** One row per background job: the interval its last run claimed (migration 0008). */
export interface BackgroundJobsTable {
  name: string;
  last_run_at: Timestamp;
  last_run_by: string | null;
}

/** An unemployment period after an employment ended (migration 0013; workflows/unemployment-period.ts). */
export interface UnemploymentPeriodsTable {
  id: Generated<string>;
  application_id: string;
  /** Null when the portal does not know it: the revocation chain started the period (migration 0018). */
  worker_person_number: string | null;
  employment_ended_on: string;
  starts_on: string;
  ends_on: string;
  rule: import("../../workflows/unemployment-period").UnemploymentRule;
  earlier_days: Generated<number>;
  /** "region": no report; the revocation chain started it from the region's decision (app/revocation). */
  reported_by: "employer" | "worker" | "region";
  status: ColumnType<"running" | "stopped" | "run-out", "running" | "stopped" | "run-out" | undefined, "running" | "stopped" | "run-out">;
  stopped_on: string | null;
  stop_reason: string | null;
  run_out_at: Timestamp | null;
  created_at: Timestamp;
}

/** A signal from the Immigration Office to the social inspection, and its findings (migration 0016). */
export interface InspectionSignalsTable {
  id: Generated<string>;
  application_id: string;
  case_reference: string;
  employer_enterprise_number: string | null;
  worker_person_number: string | null;
  reason: string;
  facts: string;
  filed_by: string;
  filed_at: Timestamp;
  finding: string | null;
  finding_note: string | null;
  inspection_file: string | null;
  answered_by: string | null;
  answered_at: Timestamp | null;
}

/** The cadastre's entries from other authorities (schema "limosa"; migration 0016), written only by the import seam. */
export interface LimosaRecordsTable {
  id: Generated<number>;
  source: string;
  source_id: string;
  kind: string;
  worker_person_number: string | null;
  worker_family_name: string;
  worker_given_names: string;
  worker_birth_date: string | null;
  worker_nationality: string;
  foreign_address: string | null;
  employer_enterprise_number: string | null;
  employer_name: string | null;
  limosa_l1: string | null;
  authority: string;
  decision_date: string;
  annex: string;
  valid_from: string | null;
  valid_until: string | null;
  imported_at: Generated<Date>;
}

/** The cadastre's copy of an unemployment period (schema "limosa"; migration 0013). */
export interface LimosaUnemploymentPeriodsTable {
  case_reference: string;
  worker_person_number: string | null;
  starts_on: string;
  ends_on: string;
  status: string;
  status_on: string;
  feed_key: string;
  updated_at: Generated<Date>;
}

/** The steps after the grant (workflows/residence-steps.ts), one row per granted case (migration 0014). */
export interface ResidenceStepsTable {
  application_id: string;
  visa_post: string | null;
  /** The worker's postal code in Belgium, once known, and its commune if it is on the portal. */
  postal_code: string | null;
  commune: string | null;
  stage: import("../../workflows/residence-steps").ResidenceStage;
  machine_snapshot: Json<unknown>;
  machine_version: number;
  version: ColumnType<number, number | undefined, number>;
  annex49_code: string | null;
  created_at: Timestamp;
  updated_at: Timestamp;
}

/** The steps after the region ended a work authorisation (workflows/revocation-chain.ts), one row per permit (migration 0017). */
export interface RevocationChainsTable {
  application_id: string;
  kind: "ended" | "revoked";
  decided_by: ColumnType<"region" | "oe", "region" | "oe" | undefined, "region" | "oe">;
  ended_on: string;
  commune: string | null;
  instructed_on: string | null;
  informed_on: string | null;
  annex51_on: string | null;
  annex51_code: string | null;
  stay_ended_on: string | null;
  struck_off_on: string | null;
  version: ColumnType<number, number | undefined, number>;
  created_at: Timestamp;
  updated_at: Timestamp;
}

/** The national register stub's own persons (migration 0019; app/registers/national-register.server.ts). */
export interface NationalRegisterPersonsTable {
  person_number: string;
  given_names: string;
  family_name: string;
  birth_date: string | null;
  nationality: string;
}

/** The enterprise register stub's own enterprises (migration 0019; app/registers/enterprise-register.server.ts). */
export interface EnterpriseRegisterEnterprisesTable {
  enterprise_number: string;
  name: string;
  street: string;
  postal_code: string;
  municipality: string;
}

export interface Database {
  users: UsersTable;
  employers: EmployersTable;
  mandates: MandatesTable;
  workers: WorkersTable;
  applications: ApplicationsTable;
  application_events: ApplicationEventsTable;
  documents: DocumentsTable;
  outbox: OutboxTable;
  audit_log: AuditLogTable;
  sessions: SessionsTable;
  throttle_counters: ThrottleCountersTable;
  sign_in_devices: SignInDevicesTable;
  document_requests: DocumentRequestsTable;
  document_request_items: DocumentRequestItemsTable;
  case_messages: CaseMessagesTable;
  pending_decisions: PendingDecisionsTable;
  permits: PermitsTable;
  ebox_messages: EboxMessagesTable;
  end_of_stay_notices: EndOfStayNoticesTable;
  "limosa.permits": LimosaPermitsTable;
  "limosa.permit_history": LimosaPermitHistoryTable;
  unemployment_periods: UnemploymentPeriodsTable;
  "limosa.unemployment_periods": LimosaUnemploymentPeriodsTable;
  "limosa.records": LimosaRecordsTable;
  inspection_signals: InspectionSignalsTable;
  background_jobs: BackgroundJobsTable;
  permit_consents: PermitConsentsTable;
  residence_steps: ResidenceStepsTable;
  revocation_chains: RevocationChainsTable;
  "national_register.persons": NationalRegisterPersonsTable;
  "enterprise_register.enterprises": EnterpriseRegisterEnterprisesTable;
}

export type UserRow = Selectable<UsersTable>;
export type EmployerRow = Selectable<EmployersTable>;
export type NewEmployer = Insertable<EmployersTable>;
export type WorkerRow = Selectable<WorkersTable>;
export type NewWorker = Insertable<WorkersTable>;
export type NewApplication = Insertable<ApplicationsTable>;
export type ApplicationRow = Selectable<ApplicationsTable>;
export type ApplicationUpdate = Updateable<ApplicationsTable>;
export type PendingDecisionRow = Selectable<PendingDecisionsTable>;
export type ApplicationEventRow = Selectable<ApplicationEventsTable>;
