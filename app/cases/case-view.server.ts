import { oppositionWindowState } from "../../workflows/change-of-employer";
import { answersOfFiled, requiredDocuments, type SingleApplicationData } from "../../forms/universal-form";
import { unemploymentPeriodOfCase } from "../permits/unemployment.server";
import { revocationOf } from "../revocation/revocation.server";
import { expectationForCase } from "./processing-times.server";
import { ageOn, isEmploymentCategory, parseSalary, salaryThreshold } from "../../forms/employment";
import { isRegionalAuthority } from "../../forms/authorities";
import { queueCategory } from "../../forms/employment-categories";
import { minimumWageOn } from "../../forms/minimum-wage";
import { turns30DuringEmployment } from "../../forms/salary-grid";
import { salarySituation } from "../../forms/universal-form";
import { caseDueDate, filedOnOf, mayExtend, type CaseClock } from "../../workflows/case-clock";
import { allowedEvents, restoreCase, type CaseEventType, type CaseProposal } from "../../workflows/case-lifecycle";
import { withWhom, type CaseStatus } from "../../workflows/case-status";
import { addDays, decisionTermFor, isCalendarDate, isSuspended, TERMS, todayInBelgium, type ClockCategory } from "../../workflows/legal-clock";
import { documentTypeOfDecision, type DecisionDocumentType } from "../delivery/decision-types";
import { consultationsOf, recordRead } from "../audit/audit.server";
import type { DB } from "../db/db.server";
import type { ApplicationRow } from "../db/schema";
import { listDocuments } from "../documents/documents.repository";
import { isRequestItemSlot, requestItemSlot } from "../documents/request-items";
import { answerSections, type AnswerSection } from "../drafts/answer-rows.server";
import type { User } from "../identity/user";
import { eboxDeliveriesOf } from "../delivery/ebox.server";
import { deliveriesOf } from "../outbox/outbox.server";
import { blockedBy } from "../outbox/held-back";
import { assigneeColumn } from "./officer-queue.server";
import { caseActorFor, caseFacts, decideCaseAccess, decideSignalAccess, requireCase } from "./access.server";
import { signalsForCase } from "../inspection/signals.server";
import { PENDING_DECISION_HOURS } from "./decision-outcomes";
import {
  caseEvents,
  caseMessages,
  caseRequestItems,
  caseRequests,
  displayNameOf,
  findEmployer,
  findPendingDecision,
  findWorker,
  permitOf,
  refusalsOfWorker,
} from "./cases.repository";

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
  decision: { annex: string | null; reason: string | null; outcome: string; by: string; ground: string | null } | null;
  /** The document the last decision was notified with (its words: app/delivery/decision-content.ts). */
  decisionDocument: DecisionDocumentType | null;
  /** What the system proposes to the officers (a lapsed request: inadmissibility). */
  proposal: CaseProposal | null;
  /** The clock the case runs on, and the rule of its running term with its source. */
  clockCategory: ClockCategory;
  clockRule: { id: string; sourceKey: string; unconfirmed: boolean } | null;
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
  /** The history, append-only: `authority` is who held the case when the line was written. */
  events: { type: string; at: string; actorRole: string; actorAuthority: string | null; authority: string | null; reason: string | null; detail: Record<string, unknown> }[];
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

/**
 * The steps of the parcel-tracker view, with the date each was completed. A change of employer
 * that leaves the worker's residence as it is (ADR 021) has no Immigration Office step: the
 * region's authorisation, or the law once nobody opposed within the window, allows it.
 */
export function trackerSteps(
  status: CaseStatus,
  events: { type: string; at: string }[],
  submittedAt: string,
  options: { changeForRegionAlone: boolean } = { changeForRegionAlone: false },
): TrackerStep[] {
  const last = (...types: string[]) => [...events].reverse().find((event) => types.includes(event.type))?.at ?? null;
  const order: TrackerStep["key"][] = options.changeForRegionAlone
    ? ["submitted", "completeness", "work", "permit"]
    : ["submitted", "completeness", "work", "residence", "permit"];
  const reached: Record<TrackerStep["key"], string | null> = {
    submitted: submittedAt,
    completeness: last("declare-complete"),
    work: options.changeForRegionAlone ? last("authorise-work", "change-allowed-by-law") : last("authorise-work"),
    residence: last("grant-residence", "deemed-grant", "change-allowed-by-law"),
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
  const requested = caseRequests(db, row.id);
  const [worker, employer, events, requests, items, documents, messages, assignee, permit] = await Promise.all([
    row.worker_id ? findWorker(db, row.worker_id) : undefined,
    row.employer_id ? findEmployer(db, row.employer_id) : undefined,
    caseEvents(db, row.id),
    requested,
    // Most cases never had a request: their items are not asked for (a query less per page).
    requested.then((requests) => (requests.length > 0 ? caseRequestItems(db, row.id) : [])),
    listDocuments(db, row.id),
    caseMessages(db, row.id),
    row[assigneeColumn(viewer)] ? displayNameOf(db, row[assigneeColumn(viewer)]!) : null,
    permitOf(db, row.id),
  ]);
  const snapshot = restoreCase(row.machine_snapshot);
  const clock = row.legal_clock;
  const form = row.filed_form;
  const single = form?.kind === "single" ? form : null;
  const eventViews = events.map((event) => ({
    type: event.type,
    at: iso(event.created_at),
    actorRole: event.actor_role,
    actorAuthority: event.actor_authority,
    // The authority of the time; a line older than the column (none now: migration 0007 filled them) falls back to today's.
    authority: event.authority ?? row.competent_authority,
    reason: event.reason,
    detail: event.detail,
  }));
  const status = caseStatusOf(row);
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
    decision: decision ? { annex: decision.annex, reason: decision.reason, outcome: decision.outcome, by: decision.by, ground: decision.ground ?? null } : null,
    decisionDocument: documentTypeOfDecision(decision),
    proposal: snapshot.context.proposal ?? null,
    clockCategory: row.category,
    clockRule: clockRuleOf(clock),
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
    placeOfWorkPostalCode: single?.placeOfWorkPostalCode ?? null,
    employerRemark: single?.employerRemark || null,
    // The universal form's answers (version 2 on); earlier filings kept only the fields above.
    answers: single && row.form_version >= 2 ? answerSectionsOfFiled(single) : null,
    tracker: trackerSteps(status, eventViews, iso(row.submitted_at!), {
      changeForRegionAlone: row.kind === "change-of-employer" && snapshot.context.oeConcerned === false,
    }),
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
          documents: documents.filter((document) => document.item === requestItemSlot(item.id)).map(documentView),
        })),
    })),
    filedDocuments: inFormOrder(
      [...new Set(documents.map((document) => document.item).filter((item) => !isRequestItemSlot(item)))],
      single ? formDocumentOrder(single, row) : [],
    ).map((item) => ({
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
    assignedTo: assignee,
    assignedToMe: row[assigneeColumn(viewer)] === viewer.id,
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

function clockRuleOf(clock: CaseClock | null): CaseView["clockRule"] {
  const rule = clock?.clock.rule ? TERMS.find((candidate) => candidate.id === clock.clock.rule) : undefined;
  return rule ? { id: rule.id, sourceKey: termSourceKey(rule.id), unconfirmed: rule.unconfirmed !== undefined } : null;
}

/** The locale key of a term's source as the officer reads it (locales/*: termSource; the English value is the rule's `source`). */
export function termSourceKey(ruleId: string): string {
  return `termSource.${ruleId.replace(/\./g, "_")}`;
}

/**
 * The salary as checked at filing, for the officer: the national minimum wage of the
 * filing date and the competent region's grid amount, each flagged when unconfirmed; and
 * the day a worker held to the under-30 amount turns 30 during the employment.
 */
export function salaryCheckOf(row: ApplicationRow) {
  const form = row.filed_form;
  if (form?.kind !== "single" || !form.grossAnnualSalary) return null;
  const salary = parseSalary(form.grossAnnualSalary);
  if (salary === null) return null;
  const filedOn = row.legal_clock ? filedOnOf(row.legal_clock) : todayInBelgium(new Date(row.submitted_at ?? Date.now()));
  const situation = salarySituation({ birthDate: form.birthDate ?? "" }, { ictRole: form.ictRole ?? "", reducedOccupation: form.reducedOccupation ?? "", userEnterprisePostalCode: form.userEnterprisePostalCode ?? "" }, filedOn);
  const threshold =
    isRegionalAuthority(row.competent_authority) && isEmploymentCategory(form.category)
      ? salaryThreshold(row.competent_authority, form.category, filedOn, situation)
      : null;
  const reducedForAge = threshold?.basis === "highlyQualifiedReduced" && situation.workerAge !== null && situation.workerAge < 30;
  const turns30On = reducedForAge && form.birthDate && isCalendarDate(form.birthDate) ? turns30DuringEmployment(form.birthDate, filedOn, form.employmentEnd || null) : null;
  return { salary, minimum: minimumWageOn(filedOn), threshold, turns30On, workerAge: situation.workerAge ?? (form.birthDate && isCalendarDate(form.birthDate) ? ageOn(form.birthDate, filedOn) : null) };
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

/** The status of a filed case (a draft has none: it is continued in the form). */
export function caseStatusOf(row: ApplicationRow): CaseStatus {
  if (row.status === "draft") throw new Error(`application ${row.id} is a draft, not a case`);
  return row.status;
}

/** The lifecycle steps this person may take now, in this capacity: the buttons to show. */
export async function caseActionsFor(db: DB, row: ApplicationRow, user: User, purpose: "act-as-applicant" | "handle"): Promise<CaseEventType[]> {
  if (!decideCaseAccess({ user }, await caseFacts(db, row), purpose).allowed) return [];
  return allowedEvents(restoreCase(row.machine_snapshot), caseActorFor({ user }, purpose), { extensible: mayExtend(row.legal_clock) });
}

/** Whether this person may act on the case as its applicant (a worker who follows it may not). */
export async function mayActAsApplicant(db: DB, row: ApplicationRow, user: User): Promise<boolean> {
  return decideCaseAccess({ user }, await caseFacts(db, row), "act-as-applicant").allowed;
}

/** Truthful about the e-Box: pending or held up, not "sent" before it is. */
export function deliveryState(deliveries: { kind: string; status: string }[]): "delayed" | "pending" | "delivered" | null {
  const documents = deliveries.filter((delivery) => delivery.kind === "ebox.document");
  if (documents.some((delivery) => delivery.status === "failed")) return "delayed";
  if (documents.some((delivery) => delivery.status === "pending")) return "pending";
  return documents.length > 0 ? "delivered" : null;
}

const holdsPermit = (status: CaseStatus) => status === "issued" || status === "granted";

/** The applicant may renew a single permit that was granted (a renewal starts from its data). */
export function canRenew(view: Pick<CaseView, "kind" | "status">, actsAsApplicant: boolean, user: User): boolean {
  return actsAsApplicant && user.role === "employer" && view.kind === "single" && holdsPermit(view.status);
}

/** The employer reports the end of the employment once, on a permit that holds. */
export function canReportEnd(view: Pick<CaseView, "status" | "endOfEmploymentReportedOn">, actsAsApplicant: boolean, user: User): boolean {
  return actsAsApplicant && user.role === "employer" && holdsPermit(view.status) && !view.endOfEmploymentReportedOn;
}

/**
 * Earlier refusals of the same worker, in any region, in the last 24 months ("region
 * shopping"): matched by national/BIS number, or by passport number and birth date. Each
 * refused case shown is a read of that case too, and is logged as one.
 */
export async function earlierRefusals(db: DB, row: ApplicationRow, officer: User, today: string) {
  if (!row.worker_id) return [];
  const worker = await findWorker(db, row.worker_id);
  if (!worker) return [];
  const since = new Date(`${addDays(today, -730)}T00:00:00Z`);
  const refusals = await refusalsOfWorker(
    db,
    { personNumber: worker.person_number, passportNumber: worker.passport_number, birthDate: worker.birth_date },
    row.id,
    since,
  );
  for (const refusal of refusals) {
    await recordRead(db, officer, {
      subject: { type: "application", id: refusal.id },
      applicationId: refusal.id,
      purpose: "case-handling",
      action: `shown-with:${row.reference ?? row.id}`,
      allowed: true,
    });
  }
  return refusals.map((refusal) => ({
    reference: refusal.reference ?? "",
    authority: refusal.competent_authority,
    decidedAt: refusal.decided_at ? iso(refusal.decided_at) : null,
    reason: refusal.reason ?? null,
  }));
}

/** The items the form asked documents for, in the order it asked them (what the officer reads through). */
function formDocumentOrder(form: Partial<SingleApplicationData>, row: ApplicationRow): string[] {
  const authority = isRegionalAuthority(row.competent_authority) ? row.competent_authority : null;
  const filedOn = row.submitted_at ? todayInBelgium(new Date(row.submitted_at)) : todayInBelgium(new Date());
  return requiredDocuments(answersOfFiled(form).answers, authority, filedOn);
}

/** Items in the form's order; any the form no longer names (an older version) after them, as uploaded. */
function inFormOrder(items: string[], order: readonly string[]): string[] {
  const rank = (item: string) => (order.includes(item) ? order.indexOf(item) : order.length + items.indexOf(item));
  return [...items].sort((a, b) => rank(a) - rank(b));
}

function answerSectionsOfFiled(form: Partial<SingleApplicationData>) {
  const { steps, answers } = answersOfFiled(form);
  return answerSections(steps, answers);
}


/** Everything the applicant's side sees of its case: the case, what it may do, who consulted it and why. */
export async function applicantCasePage(db: DB, user: User, caseId: string, now = new Date()) {
  const row = await requireCase(db, { user }, caseId, "follow");
  const today = todayInBelgium(now);
  const actsAsApplicant = await mayActAsApplicant(db, row, user);
  const [view, deliveries, consulted, allowed, expectation] = await Promise.all([
    loadCaseView(db, row, user, today),
    deliveriesOf(db, row.id),
    consultationsOf(db, row.id),
    caseActionsFor(db, row, user, "act-as-applicant"),
    // The published processing times of its region and category, dated for this case.
    expectationForCase(db, row, now),
  ]);
  return {
    view,
    deliveryState: deliveryState(deliveries),
    // The decision term of the filing date's rules, in the law's own unit (days or months).
    decisionTerm: decisionTermFor(row.category, row.legal_clock ? filedOnOf(row.legal_clock) : today).length,
    expectation: expectation ? { ...expectation, category: queueCategory(row.kind, row.employment_category) ?? "other" } : null,
    // A change of employer: the opposition window, open (days left) or passed (workflows/change-of-employer.ts).
    oppositionWindow:
      row.kind === "change-of-employer" && row.legal_clock?.phase === "decision" && view.dueOn ? oppositionWindowState(view.dueOn, today) : null,
    canAct: actsAsApplicant,
    canRenew: canRenew(view, actsAsApplicant, user),
    canReportEnd: canReportEnd(view, actsAsApplicant, user),
    consulted,
    allowed,
  };
}

/** Everything an officer sees of a case he handles (his read is logged by the access rule). */
export async function officerCasePage(db: DB, user: User, caseId: string, now = new Date()) {
  const row = await requireCase(db, { user }, caseId, "handle");
  const today = todayInBelgium(now);
  const [view, refusals, signals, deliveries, ebox, allowed, pending, unemployment] = await Promise.all([
    loadCaseView(db, row, user, today),
    earlierRefusals(db, row, user, today),
    // Signals to the inspection on this file and earlier ones of its employer or worker (app/inspection).
    decideSignalAccess(user, "see-on-case").allowed ? signalsForCase(db, row, user) : [],
    deliveriesOf(db, row.id),
    eboxDeliveriesOf(db, row.id),
    caseActionsFor(db, row, user, "handle"),
    findPendingDecision(db, { applicationId: row.id, officerUserId: user.id, notBefore: new Date(now.getTime() - PENDING_DECISION_HOURS * 3_600_000) }),
    // The worker's period without work after this employment ended, if it did (app/permits).
    unemploymentPeriodOfCase(db, row.id, now),
  ]);
  // A message failed for good holds back the later ones of its kind: the page says which wait.
  const blocked = blockedBy(deliveries.map((delivery) => ({ ...delivery, applicationId: row.id })));
  return {
    view,
    refusals,
    signals,
    canSignal: decideSignalAccess(user, "file").allowed,
    deliveries: deliveries.map((delivery) => ({ ...delivery, waitingBehind: blocked.get(delivery.id) ?? null })),
    ebox,
    allowed,
    // Back from the confirmation page: the "Decide" form shows the choice again, to change or leave.
    pendingDecision: pending && pending.version === row.version ? { outcome: pending.outcome, ground: pending.ground, reason: pending.reason } : null,
    salaryCheck: salaryCheckOf(row),
    unemployment,
    // After the region ended the work authorisation: the chain, with the OE's step (app/revocation).
    revocation: await revocationOf(db, row.id, user.role === "oe-officer" ? "oe" : null, now),
  };
}
