import { caseDueDate, type CaseClock } from "../../workflows/case-clock";
import { allowedEvents, restoreCase, type CaseActor, type CaseEventType } from "../../workflows/case-lifecycle";
import { withWhom, type CaseStatus } from "../../workflows/case-status";
import { addDays, isSuspended } from "../../workflows/legal-clock";
import type { DB } from "../db/db.server";
import type { ApplicationRow } from "../db/schema";
import { answersOfFiled, type SingleApplicationData } from "../../forms/universal-form";
import { answerSections, type AnswerSection } from "../drafts/answer-rows.server";
import type { User } from "../identity/auth.server";

export interface DocumentView {
  id: string;
  fileName: string;
  mediaType: string;
  sizeBytes: number;
  uploadedAt: string;
}

export interface RequestView {
  id: string;
  authority: string;
  message: string;
  dueOn: string;
  createdAt: string;
  answeredAt: string | null;
  items: { id: string; label: string; documents: DocumentView[] }[];
}

export interface TrackerStep {
  key: "submitted" | "completeness" | "work" | "residence" | "permit";
  state: "done" | "current" | "upcoming";
  at: string | null;
}

export interface CaseView {
  id: string;
  reference: string;
  kind: string;
  status: CaseStatus;
  withWhom: ReturnType<typeof withWhom>;
  authority: string | null;
  procedureLanguage: string | null;
  version: number;
  submittedAt: string;
  decidedAt: string | null;
  /** Expected decision date from the legal clock, and which clock. */
  dueOn: string | null;
  clockPhase: CaseClock["phase"] | null;
  clockSuspended: boolean;
  decision: { annex: string | null; reason: string | null; outcome: string; by: string } | null;
  worker: { name: string; nationality: string; birthDate: string | null; passportNumber: string | null; personNumber: string | null };
  employer: { name: string; enterpriseNumber: string; source: string; sourceDate: string } | null;
  placeOfWorkPostalCode: string | null;
  /** What the employer said was wrong in the enterprise register's data, if anything. */
  employerRemark: string | null;
  /** The documents filed with the application, by item of the form (passport, contract…). */
  filedDocuments: { item: string; documents: DocumentView[] }[];
  /** The answers of the universal form, by step; null for filings made before it. */
  answers: AnswerSection[] | null;
  tracker: TrackerStep[];
  events: { type: string; at: string; actorRole: string; actorAuthority: string | null; reason: string | null; detail: Record<string, unknown> }[];
  requests: RequestView[];
  messages: { id: number; authorRole: string; authorAuthority: string | null; authorName: string; body: string; at: string }[];
  assignedTo: string | null;
  assignedToMe: boolean;
  incompleteMarked: boolean;
  escalated: boolean;
  endOfEmploymentReportedOn: string | null;
  permit: { verificationCode: string; annex: string; validFrom: string; validUntil: string; revokedOn: string | null } | null;
}

const iso = (value: Date | string) => new Date(value).toISOString();

/** The steps of the parcel-tracker view, with the date each was completed. */
export function trackerSteps(status: CaseStatus, events: { type: string; at: string }[], submittedAt: string): TrackerStep[] {
  const last = (...types: string[]) => [...events].reverse().find((event) => types.includes(event.type))?.at ?? null;
  const order: TrackerStep["key"][] = ["submitted", "completeness", "work", "residence", "permit"];
  const reached: Record<TrackerStep["key"], string | null> = {
    submitted: submittedAt,
    completeness: last("declare-complete"),
    work: last("authorise-work"),
    residence: last("grant-residence", "deemed-grant"),
    permit: last("permit-issued"),
  };
  const currentByStatus: Partial<Record<CaseStatus, TrackerStep["key"]>> = {
    "regional-completeness": "completeness",
    "regional-awaiting-documents": "completeness",
    "regional-assessment": "work",
    "awaiting-oe-pre-checks": "residence",
    "oe-review": "residence",
    "oe-awaiting-documents": "residence",
    granted: "permit",
  };
  const current = currentByStatus[status];
  // A rerouted case starts its completeness check again: later steps are not done any more.
  const currentIndex = current ? order.indexOf(current) : order.length;
  return order.map((key, index) => {
    if (key === current) return { key, state: "current", at: null };
    const at = reached[key];
    if (index < currentIndex && at) return { key, state: "done", at };
    if (!current && at) return { key, state: "done", at };
    return { key, state: "upcoming", at: null };
  });
}

export async function loadCaseView(db: DB, row: ApplicationRow, viewer: User, today: string): Promise<CaseView> {
  const [worker, employer, events, requests, items, documents, messages, assignee, permit] = await Promise.all([
    row.worker_id ? db.selectFrom("workers").selectAll().where("id", "=", row.worker_id).executeTakeFirst() : undefined,
    row.employer_id ? db.selectFrom("employers").selectAll().where("id", "=", row.employer_id).executeTakeFirst() : undefined,
    db
      .selectFrom("application_events")
      .select(["type", "created_at", "actor_role", "actor_authority", "reason", "detail"])
      .where("application_id", "=", row.id)
      .orderBy("id")
      .execute(),
    db.selectFrom("document_requests").selectAll().where("application_id", "=", row.id).orderBy("created_at").execute(),
    db
      .selectFrom("document_request_items")
      .innerJoin("document_requests", "document_requests.id", "document_request_items.request_id")
      .select(["document_request_items.id", "document_request_items.request_id", "document_request_items.label"])
      .where("document_requests.application_id", "=", row.id)
      .orderBy("document_request_items.position")
      .execute(),
    db
      .selectFrom("documents")
      .select(["id", "item", "file_name", "media_type", "size_bytes", "created_at"])
      .where("application_id", "=", row.id)
      .where("removed_at", "is", null)
      .orderBy("created_at")
      .execute(),
    db
      .selectFrom("case_messages")
      .innerJoin("users", "users.id", "case_messages.author_user_id")
      .select([
        "case_messages.id",
        "case_messages.author_role",
        "case_messages.author_authority",
        "case_messages.body",
        "case_messages.created_at",
        "users.display_name",
      ])
      .where("application_id", "=", row.id)
      .orderBy("case_messages.id")
      .execute(),
    row.assigned_to ? db.selectFrom("users").select("display_name").where("id", "=", row.assigned_to).executeTakeFirst() : undefined,
    db.selectFrom("permits").selectAll().where("application_id", "=", row.id).executeTakeFirst(),
  ]);
  const snapshot = restoreCase(row.machine_snapshot);
  const clock = (row.legal_clock as CaseClock | null) ?? null;
  const form = row.form_data as Partial<SingleApplicationData>;
  const eventViews = events.map((event) => ({
    type: event.type,
    at: iso(event.created_at),
    actorRole: event.actor_role,
    actorAuthority: event.actor_authority,
    reason: event.reason,
    detail: event.detail as unknown as Record<string, unknown>,
  }));
  const status = row.status as CaseStatus;
  const decision = snapshot.context.decision;
  return {
    id: row.id,
    reference: row.reference ?? "",
    kind: row.kind,
    status,
    withWhom: withWhom(status),
    authority: row.competent_authority,
    procedureLanguage: row.procedure_language,
    version: row.version,
    submittedAt: iso(row.submitted_at!),
    decidedAt: row.decided_at ? iso(row.decided_at) : null,
    dueOn: caseDueDate(clock, today),
    clockPhase: clock?.phase ?? null,
    clockSuspended: clock ? isSuspended(clock.clock) : false,
    decision: decision ? { annex: decision.annex, reason: decision.reason, outcome: decision.outcome, by: decision.by } : null,
    worker: {
      name: [worker?.given_names, worker?.family_name].filter(Boolean).join(" "),
      nationality: worker?.nationality ?? "",
      birthDate: worker?.birth_date ?? null,
      passportNumber: worker?.passport_number ?? null,
      personNumber: worker?.person_number ?? null,
    },
    employer: employer
      ? { name: employer.name, enterpriseNumber: employer.enterprise_number, source: employer.source, sourceDate: employer.source_date }
      : null,
    placeOfWorkPostalCode: form.placeOfWorkPostalCode ?? null,
    employerRemark: form.employerRemark || null,
    // The universal form's answers (version 2 on); earlier filings kept only the fields above.
    answers: row.kind === "single" && row.form_version >= 2 ? answerSectionsOfFiled(form) : null,
    tracker: trackerSteps(status, eventViews, iso(row.submitted_at!)),
    events: eventViews,
    requests: requests.map((request) => ({
      id: request.id,
      authority: request.authority,
      message: request.message,
      dueOn: request.due_on,
      createdAt: iso(request.created_at),
      answeredAt: request.answered_at ? iso(request.answered_at) : null,
      items: items
        .filter((item) => item.request_id === request.id)
        .map((item) => ({
          id: item.id,
          label: item.label,
          documents: documents
            .filter((document) => document.item === requestItemSlot(item.id))
            .map(documentView),
        })),
    })),
    filedDocuments: [...new Set(documents.map((document) => document.item).filter((item) => !item.startsWith(REQUEST_ITEM)))].map((item) => ({
      item,
      documents: documents.filter((document) => document.item === item).map(documentView),
    })),
    messages: messages.map((message) => ({
      id: message.id,
      authorRole: message.author_role,
      authorAuthority: message.author_authority,
      authorName: message.author_role === "regional-officer" || message.author_role === "oe-officer" ? "" : message.display_name,
      body: message.body,
      at: iso(message.created_at),
    })),
    assignedTo: assignee?.display_name ?? null,
    assignedToMe: row.assigned_to === viewer.id,
    incompleteMarked: row.incomplete_marked_at !== null,
    escalated: row.escalated,
    endOfEmploymentReportedOn: row.end_of_employment_reported_on,
    permit: permit
      ? {
          verificationCode: permit.verification_code,
          annex: permit.annex,
          validFrom: permit.valid_from,
          validUntil: permit.valid_until,
          revokedOn: permit.revoked_on,
        }
      : null,
  };
}

const REQUEST_ITEM = "request-item:";

/** The document slot of a requested item: documents.item holds it. */
export function requestItemSlot(itemId: string): string {
  return `${REQUEST_ITEM}${itemId}`;
}

function documentView(document: { id: string; file_name: string; media_type: string; size_bytes: number; created_at: Date | string }): DocumentView {
  return {
    id: document.id,
    fileName: document.file_name,
    mediaType: document.media_type,
    sizeBytes: document.size_bytes,
    uploadedAt: iso(document.created_at),
  };
}

/** The lifecycle actions this person may take now: the buttons to show. */
export function caseActionsFor(row: ApplicationRow, user: User): CaseEventType[] {
  const actor: CaseActor =
    user.role === "regional-officer" || user.role === "oe-officer"
      ? { role: user.role, authority: user.authority }
      : user.role === "employer" || user.role === "resident"
        ? { role: "applicant" }
        : { role: "system" };
  if (actor.role === "system") return [];
  return allowedEvents(restoreCase(row.machine_snapshot), actor);
}

/**
 * Earlier refusals of the same worker, in any region, in the last 24 months ("region
 * shopping"): matched by national/BIS number, or by passport number and birth date.
 */
export async function earlierRefusals(db: DB, row: ApplicationRow, today: string) {
  if (!row.worker_id) return [];
  const worker = await db.selectFrom("workers").selectAll().where("id", "=", row.worker_id).executeTakeFirst();
  if (!worker) return [];
  const since = addDays(today, -730);
  const refusals = await db
    .selectFrom("applications")
    .innerJoin("workers", "workers.id", "applications.worker_id")
    .select(["applications.id", "applications.reference", "applications.competent_authority", "applications.decided_at"])
    .select((eb) =>
      eb
        .selectFrom("application_events")
        .select("reason")
        .whereRef("application_events.application_id", "=", "applications.id")
        .where("application_events.type", "in", ["refuse-work", "refuse-residence"])
        .orderBy("application_events.id", "desc")
        .limit(1)
        .as("reason"),
    )
    .where("applications.status", "=", "refused")
    .where("applications.id", "!=", row.id)
    .where("applications.decided_at", ">=", new Date(`${since}T00:00:00Z`))
    .where((eb) => {
      const matches = [];
      if (worker.person_number) matches.push(eb("workers.person_number", "=", worker.person_number));
      if (worker.passport_number && worker.birth_date) {
        matches.push(eb.and([eb("workers.passport_number", "=", worker.passport_number), eb("workers.birth_date", "=", worker.birth_date)]));
      }
      return matches.length > 0 ? eb.or(matches) : eb.val(false);
    })
    .orderBy("applications.decided_at", "desc")
    .execute();
  return refusals.map((refusal) => ({
    reference: refusal.reference ?? "",
    authority: refusal.competent_authority,
    decidedAt: refusal.decided_at ? iso(refusal.decided_at) : null,
    reason: refusal.reason ?? null,
  }));
}

/** Which authorities consulted the file, and when (shown to the applicant). */
export async function consultations(db: DB, applicationId: string) {
  const rows = await db
    .selectFrom("audit_log")
    .select(["actor_authority", "created_at"])
    .where("subject_type", "=", "application")
    .where("subject_id", "=", applicationId)
    .where("allowed", "=", true)
    .where("actor_role", "in", ["regional-officer", "oe-officer"])
    .orderBy("created_at", "desc")
    .limit(100)
    .execute();
  return rows.map((row) => ({ authority: row.actor_authority, at: iso(row.created_at) }));
}

function answerSectionsOfFiled(form: Partial<SingleApplicationData>) {
  const { steps, answers } = answersOfFiled(form);
  return answerSections(steps, answers);
}
