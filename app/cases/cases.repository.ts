import { sql, type ExpressionBuilder, type ExpressionWrapper, type SqlBool, type Transaction } from "kysely";
import type { CaseStatus } from "../../workflows/case-status";
import type { QueueCategory } from "../../forms/employment-categories";
import { queueSql, statusIn } from "../db/queue-sql";
import type { DB } from "../db/db.server";
import type { ApplicationRow, ApplicationUpdate, Database, NewApplication, NewWorker, PendingDecisionRow } from "../db/schema";
import { REQUEST_ITEM_PREFIX } from "../documents/request-items";

/**
 * The SQL of cases: the application row once filed, its history, its requests for
 * documents, its messages, the workers it is about. Functions take `db` or a transaction
 * first and return rows; the services make sense of them.
 */
type Queryable = DB | Transaction<Database>;

export function findApplication(db: Queryable, id: string): Promise<ApplicationRow | undefined> {
  return db.selectFrom("applications").selectAll().where("id", "=", id).executeTakeFirst();
}

/** The case row, locked for the rest of the transaction (one command at a time per case). */
export function lockApplication(trx: Transaction<Database>, id: string): Promise<ApplicationRow | undefined> {
  return trx.selectFrom("applications").selectAll().where("id", "=", id).forUpdate().executeTakeFirst();
}

export async function updateApplication(trx: Transaction<Database>, id: string, change: ApplicationUpdate): Promise<void> {
  await trx.updateTable("applications").set(change).where("id", "=", id).execute();
}

export async function workerPersonNumberOf(db: Queryable, workerId: string): Promise<string | null> {
  const worker = await db.selectFrom("workers").select("person_number").where("id", "=", workerId).executeTakeFirst();
  return worker?.person_number ?? null;
}

export function findWorker(db: Queryable, workerId: string) {
  return db.selectFrom("workers").selectAll().where("id", "=", workerId).executeTakeFirst();
}

export function findEmployer(db: Queryable, employerId: string) {
  return db.selectFrom("employers").selectAll().where("id", "=", employerId).executeTakeFirst();
}

/** One line of a case's history: append-only, written in the transaction of the change it records. */
export interface CaseEvent {
  applicationId: string;
  type: string;
  actor: { userId: string | null; role: string; authority: string | null };
  fromStatus: string | null;
  toStatus: string;
  reason: string | null;
  detail: Record<string, unknown>;
  version: number;
  at?: Date;
  /** The authority holding the case at the time (default: the case's authority as it stands in this transaction). */
  authority?: string | null;
}

export async function insertCaseEvent(db: Queryable, event: CaseEvent): Promise<void> {
  await db
    .insertInto("application_events")
    .values({
      application_id: event.applicationId,
      type: event.type,
      actor_user_id: event.actor.userId,
      actor_role: event.actor.role,
      actor_authority: event.actor.authority,
      from_status: event.fromStatus,
      to_status: event.toStatus,
      reason: event.reason,
      detail: JSON.stringify(event.detail),
      version: event.version,
      authority:
        event.authority !== undefined
          ? event.authority
          : (eb) => eb.selectFrom("applications").select("competent_authority").where("id", "=", event.applicationId),
      ...(event.at ? { created_at: event.at } : {}),
    })
    .execute();
}

export function caseEvents(db: Queryable, applicationId: string) {
  return db
    .selectFrom("application_events")
    .select(["type", "to_status", "created_at", "actor_role", "actor_authority", "authority", "reason", "detail", "version"])
    .where("application_id", "=", applicationId)
    .orderBy("id")
    .execute();
}

// Filing

/** Turns the draft of the same id into the filed application, or inserts it (the caller holds the id's lock). */
export async function upsertFiledApplication(trx: Transaction<Database>, filed: NewApplication): Promise<void> {
  await trx
    .insertInto("applications")
    .values(filed)
    .onConflict((oc) =>
      oc
        .column("id")
        .doUpdateSet({ ...filed, created_at: undefined, draft_form: null })
        .where("applications.status", "=", "draft"),
    )
    .execute();
}

/** Serialises filings of one id (a double click, a second tab): the second waits, then finds the first's row. */
export async function lockApplicationId(trx: Transaction<Database>, id: string): Promise<void> {
  await sql`select pg_advisory_xact_lock(hashtext(${id}))`.execute(trx);
}

export function findWorkerByPersonNumber(db: Queryable, personNumber: string) {
  return db.selectFrom("workers").selectAll().where("person_number", "=", personNumber).executeTakeFirst();
}

export async function insertWorker(trx: Transaction<Database>, worker: NewWorker): Promise<{ id: string }> {
  return trx.insertInto("workers").values(worker).returning("id").executeTakeFirstOrThrow();
}

// Requests for documents

export async function insertDocumentRequest(
  trx: Transaction<Database>,
  request: { applicationId: string; requestedBy: string; authority: string; message: string; dueOn: string; at: Date; items: string[] },
): Promise<string> {
  const { id } = await trx
    .insertInto("document_requests")
    .values({
      application_id: request.applicationId,
      requested_by: request.requestedBy,
      authority: request.authority,
      message: request.message,
      due_on: request.dueOn,
      created_at: request.at,
    })
    .returning("id")
    .executeTakeFirstOrThrow();
  await trx
    .insertInto("document_request_items")
    .values(request.items.map((label, position) => ({ request_id: id, position, label })))
    .execute();
  return id;
}

/** Is an item of an open request still without a file? */
export async function hasUnansweredItem(trx: Transaction<Database>, applicationId: string): Promise<boolean> {
  const missing = await trx
    .selectFrom("document_request_items")
    .innerJoin("document_requests", "document_requests.id", "document_request_items.request_id")
    .select("document_request_items.id")
    .where("document_requests.application_id", "=", applicationId)
    .where("document_requests.answered_at", "is", null)
    .where(({ not, exists, selectFrom }) =>
      not(
        exists(
          selectFrom("documents")
            .select("documents.id")
            .whereRef("documents.item", "=", sql<string>`${sql.lit(REQUEST_ITEM_PREFIX)} || document_request_items.id::text`)
            .where("documents.removed_at", "is", null),
        ),
      ),
    )
    .executeTakeFirst();
  return missing !== undefined;
}

export async function closeOpenRequests(trx: Transaction<Database>, applicationId: string, at: Date): Promise<void> {
  await trx
    .updateTable("document_requests")
    .set({ answered_at: at })
    .where("application_id", "=", applicationId)
    .where("answered_at", "is", null)
    .execute();
}

/** The items of a case's requests still open: where the applicant may upload. */
export function openRequestItems(db: Queryable, applicationId: string) {
  return db
    .selectFrom("document_request_items")
    .innerJoin("document_requests", "document_requests.id", "document_request_items.request_id")
    .select(["document_request_items.id", "document_request_items.label"])
    .where("document_requests.application_id", "=", applicationId)
    .where("document_requests.answered_at", "is", null)
    .orderBy("document_request_items.position")
    .execute();
}

export function caseRequests(db: Queryable, applicationId: string) {
  return db.selectFrom("document_requests").selectAll().where("application_id", "=", applicationId).orderBy("created_at").execute();
}

export function caseRequestItems(db: Queryable, applicationId: string) {
  return db
    .selectFrom("document_request_items")
    .innerJoin("document_requests", "document_requests.id", "document_request_items.request_id")
    .select(["document_request_items.id", "document_request_items.request_id", "document_request_items.label"])
    .where("document_requests.application_id", "=", applicationId)
    .orderBy("document_request_items.position")
    .execute();
}

// Messages

export async function insertCaseMessage(
  db: Queryable,
  message: { applicationId: string; authorUserId: string; authorRole: string; authorAuthority: string | null; body: string },
): Promise<void> {
  await db
    .insertInto("case_messages")
    .values({
      application_id: message.applicationId,
      author_user_id: message.authorUserId,
      author_role: message.authorRole,
      author_authority: message.authorAuthority,
      body: message.body,
    })
    .execute();
}

export function caseMessages(db: Queryable, applicationId: string) {
  return db
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
    .where("application_id", "=", applicationId)
    .orderBy("case_messages.id")
    .execute();
}

export async function displayNameOf(db: Queryable, userId: string): Promise<string | null> {
  const user = await db.selectFrom("users").select("display_name").where("id", "=", userId).executeTakeFirst();
  return user?.display_name ?? null;
}

export function permitOf(db: Queryable, applicationId: string) {
  return db.selectFrom("permits").selectAll().where("application_id", "=", applicationId).executeTakeFirst();
}

/** Refused cases of the same worker since a date: by national/BIS number, or passport number and birth date. */
export function refusalsOfWorker(
  db: Queryable,
  worker: { personNumber: string | null; passportNumber: string | null; birthDate: string | null },
  excludeId: string,
  since: Date,
) {
  return db
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
    .where("applications.id", "!=", excludeId)
    .where("applications.decided_at", ">=", since)
    .where((eb) => {
      const matches = [];
      if (worker.personNumber) matches.push(eb("workers.person_number", "=", worker.personNumber));
      if (worker.passportNumber && worker.birthDate) {
        matches.push(eb.and([eb("workers.passport_number", "=", worker.passportNumber), eb("workers.birth_date", "=", worker.birthDate)]));
      }
      return matches.length > 0 ? eb.or(matches) : eb.val(false);
    })
    .orderBy("applications.decided_at", "desc")
    .execute();
}

/** Open cases whose running legal clock is past its due date (the deadline sweep). */
export function casesPastDue(db: Queryable, today: string) {
  return db
    .selectFrom("applications")
    .select(["id", "reference", "version", "legal_clock", "category", "escalated"])
    .where("due_on", "<", today)
    .where("legal_clock", "is not", null)
    .execute();
}

/**
 * Cases waiting for documents whose open request was due before `today` and that have no
 * proposal yet (the machine refuses a second one anyway): the sweep proposes inadmissibility.
 */
export function lapsedRequests(db: Queryable, today: string) {
  return db
    .selectFrom("document_requests")
    .innerJoin("applications", "applications.id", "document_requests.application_id")
    .select(["applications.id", "applications.reference", "applications.version", "document_requests.due_on"])
    .where("document_requests.answered_at", "is", null)
    .where("document_requests.due_on", "<", today)
    .where("applications.status", "in", ["regional-awaiting-documents", "oe-awaiting-documents"])
    .where(sql<boolean>`applications.machine_snapshot -> 'context' ->> 'proposal' is null`)
    .orderBy("document_requests.due_on")
    .execute();
}

/** The officers' own marks on a case (who took it, "looked at, incomplete"): not case history. */
export async function setHousekeeping(db: Queryable, id: string, change: Pick<ApplicationUpdate, "assigned_to" | "oe_assigned_to" | "incomplete_marked_at">): Promise<void> {
  await db.updateTable("applications").set(change).where("id", "=", id).execute();
}

/** Where a page of the queue ends: the sort key, submission time and id of its last case. */
export interface QueueCursor {
  /** The due date, or "infinity" for a case without a running clock. */
  sortKey: string;
  /** As the database prints it, to the microsecond (a JavaScript date would lose those). */
  submittedAt: string;
  id: string;
}

/**
 * The officers' queue: filed cases by the filters asked, earliest legal due date first (no
 * running clock last), one page after `after`. The page's ids are picked first, from the
 * index that matches the view (online-indexes.server.ts), then the names are joined to
 * those rows only. Returns one row more than `limit` when there is a next page.
 */
export function queueRows(db: Queryable, query: QueueQuery) {
  return queuePage(db, query).execute();
}

export interface QueueQuery {
    /** A regional officer's region; null for the OE, who sees every region's. */
    authority: string | null;
    /** The OE's own open work: pre-checks still to do, or the residence part. */
    oeWork: boolean;
    status: CaseStatus | "open" | "all";
    dueBefore: string | null;
    dueBy: string | null;
    assignedTo: string | null;
    /** Whose "handled by": the regional stage's or the OE's (officer-queue.server.ts). */
    assigneeColumn: "assigned_to" | "oe_assigned_to";
    category: QueueCategory | "all";
    after: QueueCursor | null;
    limit: number;
}

/** The query of a page of the queue, not run (queueRows runs it; a benchmark explains it). */
export function queuePage(db: Queryable, query: QueueQuery) {
  const { authority, status, dueBefore, dueBy, assignedTo, category, after, assigneeColumn } = query;
  const exactStatus = status === "open" || status === "all" ? null : status;
  const page = db
    .selectFrom("applications")
    .select([
      "applications.id",
      "applications.submitted_at",
      sql<string>`${queueSql.sortKey}::text`.as("sort_key"),
      sql<string>`applications.submitted_at::text`.as("submitted_key"),
    ])
    .where(sql<boolean>`applications.status <> 'draft'`)
    .$if(authority !== null, (q) => q.where("applications.competent_authority", "=", authority))
    .$if(query.oeWork, (q) => q.where(queueSql.oeWork))
    .$if(status === "open", (q) => q.where(queueSql.open))
    .$if(exactStatus !== null, (q) => q.where("applications.status", "=", exactStatus!))
    // On the sort key, so the index's range is the filter (cases without a clock are never due).
    .$if(dueBefore !== null, (q) => q.where(queueSql.sortKey, "<", sql<string>`${dueBefore}::date`))
    .$if(dueBy !== null, (q) => q.where(queueSql.sortKey, "<=", sql<string>`${dueBy}::date`))
    .$if(assignedTo !== null, (q) => q.where(`applications.${assigneeColumn}`, "=", assignedTo))
    .$if(category !== "all", (q) => q.where(queueSql.category, "=", category))
    .$if(after !== null, (q) =>
      q.where(
        sql<boolean>`(${queueSql.sortKey}, applications.submitted_at, applications.id) > (${after!.sortKey}::date, ${after!.submittedAt}::timestamptz, ${after!.id}::uuid)`,
      ),
    )
    .orderBy(queueSql.sortKey)
    .orderBy("applications.submitted_at")
    .orderBy("applications.id")
    .limit(query.limit + 1);
  return db
    .with("page", () => page)
    .selectFrom("page")
    .innerJoin("applications", "applications.id", "page.id")
    .leftJoin("workers", "workers.id", "applications.worker_id")
    .leftJoin("employers", "employers.id", "applications.employer_id")
    .leftJoin("users as assignee", "assignee.id", `applications.${assigneeColumn}`)
    .select([
      "applications.id",
      "applications.reference",
      "applications.status",
      "applications.competent_authority",
      "applications.category",
      "applications.submitted_at",
      "applications.due_on",
      `applications.${assigneeColumn} as assigned_to`,
      "applications.incomplete_marked_at",
      "applications.escalated",
      // The system's proposal (a lapsed request): the queue points the officers to it.
      sql<boolean>`applications.machine_snapshot -> 'context' ->> 'proposal' is not null`.as("has_proposal"),
      "applications.kind",
      "applications.employment_category",
      "workers.given_names",
      "workers.family_name",
      "workers.nationality",
      "employers.name as employer_name",
      "assignee.display_name as assignee_name",
      "page.sort_key",
      "page.submitted_key",
    ])
    .$narrowType<{ status: CaseStatus }>()
    // The page's order again (a join does not keep it): at most limit + 1 rows to sort.
    .orderBy(queueSql.sortKey)
    .orderBy("applications.submitted_at")
    .orderBy("applications.id");
}

type ListScope = Database & { workers: Database["workers"]; employers: Database["employers"] };

/** Applications for "My applications", newest first, by a scope the access rule gives (app/cases/access.server.ts). */
export function applicantListRows(
  db: Queryable,
  scope: (eb: ExpressionBuilder<ListScope, "applications" | "workers">) => ExpressionWrapper<ListScope, "applications" | "workers", SqlBool>,
) {
  return db
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
    .where(scope)
    .orderBy("applications.created_at", "desc")
    .limit(200)
    .execute();
}

/**
 * A region's decisions since the Belgian day `since` on files that had been complete: the
 * queue's category and the days from complete to decision (Belgian days). Reads the partial
 * index applications_decided_complete_idx (same predicate, spelled in queue-sql.ts).
 */
export function decidedDurations(db: Queryable, authority: string, since: string) {
  return db
    .selectFrom("applications")
    .select([
      queueSql.category.as("category"),
      sql<number>`((applications.decided_at at time zone 'Europe/Brussels')::date - applications.complete_on)`.as("days"),
    ])
    .where("applications.competent_authority", "=", authority)
    .where(queueSql.decidedComplete)
    .where("applications.decided_at", ">=", sql<Date>`(${since}::date::timestamp at time zone 'Europe/Brussels')`)
    .execute();
}

/** A region's complete files still waiting for a decision, per category (applications_waiting_complete_category_idx). */
export function waitingCounts(db: Queryable, authority: string) {
  return db
    .selectFrom("applications")
    .select([queueSql.category.as("category"), sql<number>`count(*)::int`.as("waiting")])
    .where("applications.competent_authority", "=", authority)
    .where(queueSql.waitingComplete)
    .groupBy(queueSql.category)
    .execute();
}

/**
 * An officer's queue by deadline: open cases overdue, due from today to `weekEnd`, and
 * waiting for the applicant (the clock suspended). Each count reads the queue's own
 * partial indexes (online-indexes.server.ts): the sort key's range, or the status.
 */
export async function deadlineCounts(
  db: Queryable,
  scope: { authority: string | null; oeWork: boolean },
  today: string,
  weekEnd: string,
): Promise<{ overdue: number; dueThisWeek: number; suspended: number }> {
  const open = () =>
    db
      .selectFrom("applications")
      .select(sql<number>`count(*)::int`.as("n"))
      .$if(scope.authority !== null, (q) => q.where("applications.competent_authority", "=", scope.authority!))
      .$if(scope.oeWork, (q) => q.where(queueSql.oeWork))
      .$if(!scope.oeWork, (q) => q.where(queueSql.open));
  // Waiting for the applicant at this officer's own stage (the queue's status filter shows the same cases).
  const suspendedStatuses: CaseStatus[] = scope.oeWork ? ["oe-awaiting-documents"] : ["regional-awaiting-documents"];
  const [overdue, week, suspended] = await Promise.all([
    open().where(queueSql.sortKey, "<", sql<string>`${today}::date`).executeTakeFirstOrThrow(),
    open()
      .where(queueSql.sortKey, ">=", sql<string>`${today}::date`)
      .where(queueSql.sortKey, "<=", sql<string>`${weekEnd}::date`)
      .executeTakeFirstOrThrow(),
    db
      .selectFrom("applications")
      .select(sql<number>`count(*)::int`.as("n"))
      .$if(scope.authority !== null, (q) => q.where("applications.competent_authority", "=", scope.authority!))
      .where(statusIn(suspendedStatuses))
      .executeTakeFirstOrThrow(),
  ]);
  return { overdue: overdue.n, dueThisWeek: week.n, suspended: suspended.n };
}

// Decisions waiting for the officer's confirmation

/** Stores the officer's choice for this case, replacing an earlier one; drops every choice left unconfirmed since `staleBefore`. */
export async function savePendingDecision(
  db: Queryable,
  decision: { applicationId: string; officerUserId: string; version: number; outcome: string; ground: string | null; reason: string | null; at: Date },
  staleBefore: Date,
): Promise<string> {
  await db.deleteFrom("pending_decisions").where("created_at", "<", staleBefore).execute();
  const row = await db
    .insertInto("pending_decisions")
    .values({
      application_id: decision.applicationId,
      officer_user_id: decision.officerUserId,
      version: decision.version,
      outcome: decision.outcome,
      ground: decision.ground,
      reason: decision.reason,
      created_at: decision.at,
    })
    .onConflict((oc) =>
      oc.columns(["officer_user_id", "application_id"]).doUpdateSet({
        id: sql`gen_random_uuid()`,
        version: decision.version,
        outcome: decision.outcome,
        ground: decision.ground,
        reason: decision.reason,
        created_at: decision.at,
      }),
    )
    .returning("id")
    .executeTakeFirstOrThrow();
  return row.id;
}

/** This officer's choice on this case (by its id when given), if it is still there. */
export function findPendingDecision(
  db: Queryable,
  where: { applicationId: string; officerUserId: string; id?: string; notBefore: Date },
): Promise<PendingDecisionRow | undefined> {
  let query = db
    .selectFrom("pending_decisions")
    .selectAll()
    .where("application_id", "=", where.applicationId)
    .where("officer_user_id", "=", where.officerUserId)
    .where("created_at", ">=", where.notBefore);
  if (where.id !== undefined) query = query.where("id", "=", where.id);
  return query.executeTakeFirst();
}

/** Takes the choice out as it is confirmed: a second confirmation finds nothing. */
export function takePendingDecision(trx: Transaction<Database>, where: { id: string; applicationId: string; officerUserId: string; notBefore: Date }) {
  return trx
    .deleteFrom("pending_decisions")
    .where("id", "=", where.id)
    .where("application_id", "=", where.applicationId)
    .where("officer_user_id", "=", where.officerUserId)
    .where("created_at", ">=", where.notBefore)
    .returningAll()
    .executeTakeFirst();
}
