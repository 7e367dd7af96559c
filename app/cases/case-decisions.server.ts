import { todayInBelgium } from "../../workflows/legal-clock";
import { restoreCase } from "../../workflows/case-lifecycle";
import type { DB } from "../db/db.server";
import { NotFoundError } from "../errors";
import { isUuid } from "../ids";
import type { User } from "../identity/user";
import { requireCase } from "./access.server";
import { applyCaseCommandIn, CaseCommandRefused, CaseConflictError } from "./case-commands.server";
import { parseCaseCommand } from "./case-intents.server";
import { caseActionsFor, loadCaseView } from "./case-view.server";
import { findPendingDecision, takePendingDecision } from "./cases.repository";
import { decisionNotice, isDecisionOutcome, PENDING_DECISION_HOURS, type DecisionOutcome } from "./decision-outcomes";

/**
 * Decide, then confirm (docs/decisions/020-decide-then-confirm.md): the case page's "decide"
 * intent keeps the officer's choice (case-intents.server.ts); here the confirmation page
 * reads it back and confirming applies it. A choice is only ever this officer's, on this
 * case, on the version he saw: another officer's or another case's id is not found, a case
 * that moved on (or no longer allows the outcome) is a conflict, and nothing changes.
 */

const oldestKept = (now: Date) => new Date(now.getTime() - PENDING_DECISION_HOURS * 3_600_000);

export interface PendingDecision {
  id: string;
  outcome: DecisionOutcome;
  ground: string | null;
  reason: string | null;
}

function pendingOf(row: Awaited<ReturnType<typeof findPendingDecision>>): PendingDecision | null {
  if (!row || !isDecisionOutcome(row.outcome)) return null;
  return { id: row.id, outcome: row.outcome, ground: row.ground, reason: row.reason };
}

/** The confirmation page: the choice restated with what it does and who will be told. Reading it is a logged read of the case. */
export async function confirmationPage(db: DB, user: User, caseId: string, decisionId: string, now = new Date()) {
  const row = await requireCase(db, { user }, caseId, "handle");
  const stored = isUuid(decisionId)
    ? await findPendingDecision(db, { applicationId: row.id, officerUserId: user.id, id: decisionId, notBefore: oldestKept(now) })
    : undefined;
  const pending = pendingOf(stored);
  if (!stored || !pending) throw new NotFoundError(`pending decision ${decisionId} on case ${caseId}`);
  // The case moved on since the choice: nothing to confirm any more.
  if (stored.version !== row.version) throw new CaseConflictError();
  if (!(await caseActionsFor(db, row, user, "handle")).includes(pending.outcome)) throw new CaseCommandRefused();
  const view = await loadCaseView(db, row, user, todayInBelgium(now));
  const decidedBy = user.role === "oe-officer" ? "oe" : "region";
  return {
    decision: pending,
    reference: view.reference,
    authority: view.authority,
    worker: view.worker.name,
    employer: view.employer ? { name: view.employer.name, enterpriseNumber: view.employer.enterpriseNumber } : null,
    decidedBy,
    notice: decisionNotice(pending.outcome, decidedBy, {
      hasEmployer: view.employer !== null,
      workerHasPersonNumber: Boolean(view.worker.personNumber),
      changeOfEmployer: row.kind === "change-of-employer",
      // A change of employer the region alone allows (workflows/case-lifecycle.ts).
      changeForRegionAlone: row.kind === "change-of-employer" && restoreCase(row.machine_snapshot).context.oeConcerned === false,
    }),
  } as const;
}

/**
 * Confirming: the choice is taken out and applied in one transaction, against the version
 * it was made on. A second confirmation (a double click, the back button) finds nothing.
 */
export async function confirmDecision(db: DB, user: User, caseId: string, decisionId: string, now = new Date()): Promise<void> {
  // Who may act is checked first, outside the transaction, so a refused attempt stays in the audit log.
  await requireCase(db, { user }, caseId, "handle", { action: "act" });
  if (!isUuid(decisionId)) throw new NotFoundError(`pending decision ${decisionId}`);
  await db.transaction().execute(async (trx) => {
    const pending = await takePendingDecision(trx, { id: decisionId, applicationId: caseId, officerUserId: user.id, notBefore: oldestKept(now) });
    if (!pending) throw new NotFoundError(`pending decision ${decisionId} on case ${caseId}`);
    const parsed = isDecisionOutcome(pending.outcome) ? parseCaseCommand(pending.outcome, { reason: pending.reason ?? "", ground: pending.ground ?? "" }) : null;
    if (!parsed || "errors" in parsed) throw new CaseCommandRefused();
    await applyCaseCommandIn(trx, { user }, caseId, pending.version, parsed.command, now);
  });
}
