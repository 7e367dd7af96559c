import { communeName } from "../../forms/communes";
import { parseTypedDate } from "../../forms/dates";
import type { Language } from "../../forms/authorities";
import type { Transaction } from "kysely";
import { todayInBelgium } from "../../workflows/legal-clock";
import { restoreResidence } from "../../workflows/residence-steps";
import {
  allowedSteps,
  nextInChain,
  REVOCATION_STEPS,
  STEP_ACTOR,
  stepDateError,
  takeStep,
  type NextInChain,
  type RevocationFacts,
  type RevocationStep,
} from "../../workflows/revocation-chain";
import { recordRead } from "../audit/audit.server";
import { requireCase, requireResidenceScope, requireRevocationSide } from "../cases/access.server";
import { insertCaseEvent } from "../cases/cases.repository";
import type { DB } from "../db/db.server";
import type { ApplicationRow, Database, RevocationChainsTable } from "../db/schema";
import type { Selectable } from "kysely";
import { newVerificationCode } from "../delivery/verification-code.server";
import { ConflictError, InvalidInputError, NotFoundError } from "../errors";
import { isUuid } from "../ids";
import type { User } from "../identity/user";
import { enqueue } from "../outbox/outbox.server";
import type { NoticePayload, NoticeTemplate } from "../outbox/messages";
import type { DecisionDocumentType } from "../delivery/decision-types";
import { enterpriseNumberOf } from "../delivery/delivery.repository";
import { workerNoticeRecipient } from "../delivery/notices.server";
import { startUnemploymentClock } from "../permits/unemployment.server";
import { communeAnnexPdf } from "../residence/residence.server";

/**
 * The revocation chain (workflows/revocation-chain.ts; docs/decisions/026-revocation-chain.md):
 * opened in the transaction of the region's decision that ends the work authorisation, then
 * one step at a time by the OE (instructs the commune, ends the stay) and the commune
 * (informs the worker, annex 51, strikes him off), each with its history line and its
 * cadastre entry through the outbox. The search period is the unemployment clock's (ADR 022).
 */

type ChainRow = Selectable<RevocationChainsTable>;
type Queryable = DB | Transaction<Database>;

/** History lines and cadastre steps, by step. */
export const STEP_NAMES: Record<RevocationStep, string> = {
  INSTRUCT_COMMUNE: "commune-instructed",
  WORKER_INFORMED: "worker-informed",
  ANNEX_51_ISSUED: "annex-51-issued",
  STAY_ENDED: "stay-ended",
  STRUCK_OFF: "struck-off",
};

/**
 * In the decision's transaction: REVOKE or END_EMPLOYMENT opens the chain, routed to the worker's
 * commune. A revocation by the OE itself ends the stay with it: the commune is still instructed,
 * informs the worker and strikes him off.
 */
export async function openRevocationChain(trx: Transaction<Database>, row: ApplicationRow, kind: "ended" | "revoked", by: "region" | "oe", today: string, now: Date): Promise<void> {
  const residence = await trx.selectFrom("residence_steps").select("commune").where("application_id", "=", row.id).executeTakeFirst();
  await trx
    .insertInto("revocation_chains")
    .values({ application_id: row.id, kind, decided_by: by, ended_on: today, stay_ended_on: by === "oe" ? today : null, commune: residence?.commune ?? null, created_at: now, updated_at: now })
    .onConflict((oc) => oc.column("application_id").doNothing())
    .execute();
  // The employment ended: the worker has his search period (agii.be; docs/domain.md §5) whether
  // or not anybody reported the end. Without a report the chain starts it from the region's
  // decision (the last day of work the portal knows); with one it runs already and this changes nothing.
  if (kind === "ended") {
    await startUnemploymentClock(trx, { applicationId: row.id, employmentEndedOn: row.end_of_employment_reported_on ?? today, reportedBy: "region", now });
  }
}

/** The decision the region (or the OE) took that opened the chain: its document type, whose appeal the worker's notice names. */
function openingDecision(chain: ChainRow): DecisionDocumentType {
  if (chain.decided_by === "oe") return "end-of-residence";
  return chain.kind === "ended" ? "end-of-employment" : "work-withdrawal";
}

/**
 * The e-Box notices of a step, in its transaction, in the procedure language: the worker
 * (his own e-Box, or the employer's to forward) when the commune informed him, when it gave
 * him an annex 51 and when the OE ended his stay; the employer when the stay ended, as he
 * was the addressee of the decisions before it. A notice of a decision names its appeal
 * (decision-content.ts). Striking off and the OE's instruction are acts between authorities.
 */
async function enqueueStepNotices(trx: Transaction<Database>, row: ApplicationRow, chain: ChainRow, facts: RevocationFacts, step: RevocationStep, on: string): Promise<void> {
  if (step !== "WORKER_INFORMED" && step !== "ANNEX_51_ISSUED" && step !== "STAY_ENDED") return;
  const worker = row.worker_id ? await trx.selectFrom("workers").select(["person_number", "given_names", "family_name"]).where("id", "=", row.worker_id).executeTakeFirst() : undefined;
  const permit = await trx.selectFrom("permits").select("revocation_reason").where("application_id", "=", row.id).executeTakeFirst();
  const language = row.procedure_language ?? "fr";
  const authority = row.competent_authority ?? "oe";
  const reference = row.reference ?? "";
  const commune = communeName(chain.commune) ?? chain.commune ?? "";
  const base = { reference, commune, date: on, endedOn: chain.ended_on, reason: permit?.revocation_reason ?? "—" };
  const notices: { template: NoticeTemplate; values: Record<string, string>; appeal?: NoticePayload["appeal"] }[] = [];
  if (step === "WORKER_INFORMED") {
    const searching = chain.kind === "ended" && chain.decided_by === "region" && facts.period !== null && facts.period.status === "running";
    notices.push({
      template: chain.decided_by === "oe" ? "revocationInformedByOe" : searching ? "revocationInformedSearch" : chain.kind === "ended" ? "revocationInformedEnded" : "revocationInformedRevoked",
      values: { ...base, ...(searching ? { until: facts.period!.endsOn } : {}) },
      appeal: { type: openingDecision(chain), authority },
    });
  } else if (step === "ANNEX_51_ISSUED") {
    notices.push({ template: "revocationAnnex51", values: { ...base, cardUntil: facts.cardValidUntil ?? "—", until: facts.period?.endsOn ?? "—" } });
  } else {
    // The OE's end of the right to stay: an appeal to the Council for Alien Law Litigation, 30 days (docs/domain.md §5).
    notices.push({
      template: chain.kind === "ended" ? "revocationStayEndedSearch" : "revocationStayEndedRevoked",
      values: { ...base, periodEnd: facts.period?.endsOn ?? "—" },
      appeal: { type: "end-of-residence", authority },
    });
  }
  const to = await workerNoticeRecipient(trx, row.id, worker?.person_number ?? null);
  const name = STEP_NAMES[step];
  for (const notice of notices) {
    if (!to) continue;
    await enqueue(trx, {
      key: `revocation-notice:${row.id}:${name}:${to.recipient.kind}:${to.recipient.id}`,
      kind: "ebox.notice",
      applicationId: row.id,
      payload: { recipient: to.recipient, language, template: notice.template, values: notice.values, ...(notice.appeal ? { appeal: notice.appeal } : {}), ...(to.forward ? { forward: true } : {}) },
    });
  }
  // The employer learns that the stay ended: he may no longer employ the worker under this permit.
  if (step === "STAY_ENDED" && row.employer_id) {
    const enterprise = await enterpriseNumberOf(trx, row.employer_id);
    await enqueue(trx, {
      key: `revocation-notice:${row.id}:${name}:enterprise:${enterprise}:employer`,
      kind: "ebox.notice",
      applicationId: row.id,
      payload: {
        recipient: { kind: "enterprise", id: enterprise },
        language,
        template: "revocationStayEndedEmployer",
        values: { ...base, worker: [worker?.given_names, worker?.family_name].filter(Boolean).join(" ") },
      },
    });
  }
}

async function factsOf(db: Queryable, chain: ChainRow): Promise<RevocationFacts> {
  const period = await db
    .selectFrom("unemployment_periods")
    .select(["ends_on", "status"])
    .where("application_id", "=", chain.application_id)
    .executeTakeFirst();
  const residence = await db.selectFrom("residence_steps").select("machine_snapshot").where("application_id", "=", chain.application_id).executeTakeFirst();
  const card = residence ? restoreResidence(residence.machine_snapshot).context.card : null;
  const permit = await db.selectFrom("permits").select("valid_until").where("application_id", "=", chain.application_id).executeTakeFirst();
  return {
    kind: chain.kind,
    endedOn: chain.ended_on,
    commune: chain.commune,
    instructedOn: chain.instructed_on,
    informedOn: chain.informed_on,
    annex51On: chain.annex51_on,
    stayEndedOn: chain.stay_ended_on,
    struckOffOn: chain.struck_off_on,
    period: period ? { endsOn: period.ends_on, status: period.status } : null,
    cardValidUntil: card?.validUntil ?? permit?.valid_until ?? null,
  };
}

export interface RevocationView {
  facts: RevocationFacts;
  decidedBy: "region" | "oe";
  communeName: string | null;
  next: NextInChain;
  /** The steps the viewer's side may take today (empty for the employer and the worker). */
  allowed: RevocationStep[];
  version: number;
  annex51Code: string | null;
}

/** The chain of a case the caller may already see (access decided by the caller); null when none. */
export async function revocationOf(db: Queryable, caseId: string, side: "oe" | "commune" | null, now = new Date()): Promise<RevocationView | null> {
  const chain = await db.selectFrom("revocation_chains").selectAll().where("application_id", "=", caseId).executeTakeFirst();
  if (!chain) return null;
  const facts = await factsOf(db, chain);
  const today = todayInBelgium(now);
  return {
    facts,
    decidedBy: chain.decided_by,
    communeName: communeName(chain.commune) ?? chain.commune,
    next: nextInChain(facts, today),
    allowed: side ? allowedSteps(facts, today).filter((step) => STEP_ACTOR[step] === side) : [],
    version: chain.version,
    annex51Code: chain.annex51_code,
  };
}

/** The commune's revocation tasks: chains routed to it with a step of its own to take (the read is logged as a list). */
export async function communeRevocationTasks(db: DB, user: User, now = new Date()) {
  const scope = requireResidenceScope(user);
  if (scope.role !== "commune") return [];
  await recordRead(db, user, { subject: { type: "queue", id: `revocation:${scope.office}` }, purpose: "residence-registration", action: "list", allowed: true });
  const rows = await db
    .selectFrom("revocation_chains as r")
    .innerJoin("applications as a", "a.id", "r.application_id")
    .leftJoin("workers as w", "w.id", "a.worker_id")
    .selectAll("r")
    .select(["a.reference", "w.given_names", "w.family_name"])
    .where("r.commune", "=", scope.office)
    .where("r.instructed_on", "is not", null)
    .where("r.struck_off_on", "is", null)
    .orderBy("r.instructed_on")
    .execute();
  const today = todayInBelgium(now);
  const tasks = [];
  for (const row of rows) {
    const facts = await factsOf(db, row);
    const allowed = allowedSteps(facts, today).filter((step) => STEP_ACTOR[step] === "commune");
    if (allowed.length === 0) continue;
    tasks.push({ id: row.application_id, reference: row.reference ?? "", worker: [row.given_names, row.family_name].filter(Boolean).join(" "), step: allowed[0]!, instructedOn: row.instructed_on });
  }
  return tasks;
}

/**
 * The OE's items in the chain, for its deadlines page (references and dates only; the page
 * opens to the OE officer alone): a commune to instruct (or none known), a stay to end.
 */
export async function oeRevocationTasks(db: DB, now = new Date()) {
  const rows = await db
    .selectFrom("revocation_chains as r")
    .innerJoin("applications as a", "a.id", "r.application_id")
    .selectAll("r")
    .select("a.reference")
    .where("r.stay_ended_on", "is", null)
    .orderBy("r.ended_on")
    .limit(200)
    .execute();
  const today = todayInBelgium(now);
  const tasks = [];
  for (const row of rows) {
    const next = nextInChain(await factsOf(db, row), today);
    if (next.who === "oe") tasks.push({ id: row.application_id, reference: row.reference ?? "", endedOn: row.ended_on, step: next.step, commune: communeName(row.commune) ?? row.commune });
  }
  return tasks;
}

/** Not this side's step today, or the page was out of date. */
export class RevocationStepRefused extends ConflictError {
  constructor(key: string) {
    super(key, "revocation-step-refused");
  }
}

/**
 * One step of the chain, by the OE (from the case page: "handle") or by the commune the chain
 * is routed to ("residence"): checked (400), on the version the page showed (409), allowed
 * today (409), written with its history line and its cadastre entry in one transaction.
 */
export async function recordRevocationStep(db: DB, user: User, caseId: string, intent: string, input: Record<string, string>, now = new Date()): Promise<void> {
  if (!isUuid(caseId)) throw new NotFoundError(`case ${caseId}`);
  // The OE's and the commune's use of the file is logged by the case rule first, refused attempts too.
  const row = user.role === "oe-officer" || user.role === "commune" ? await requireCase(db, { user }, caseId, user.role === "oe-officer" ? "handle" : "residence", { action: "act" }) : null;
  const routed = await db.selectFrom("revocation_chains").select("commune").where("application_id", "=", caseId).executeTakeFirst();
  const side = requireRevocationSide(user, { commune: routed?.commune ?? null });
  if (!row) throw new NotFoundError(`case ${caseId}`);
  const step = (REVOCATION_STEPS as readonly string[]).includes(intent) ? (intent as RevocationStep) : null;
  if (!step || STEP_ACTOR[step] !== side) throw new RevocationStepRefused("revocation.errors.refused");
  const today = todayInBelgium(now);
  const typed = parseTypedDate((input.stepOn ?? "").trim());
  if (!typed.ok) throw new InvalidInputError({ stepOn: { key: (input.stepOn ?? "").trim() === "" ? "revocation.errors.dateRequired" : "revocation.errors.dateFormat" } });
  await db.transaction().execute(async (trx) => {
    const chain = await trx.selectFrom("revocation_chains").selectAll().where("application_id", "=", row.id).forUpdate().executeTakeFirst();
    if (!chain) throw new RevocationStepRefused("revocation.errors.refused");
    if (String(chain.version) !== (input.version ?? "")) throw new RevocationStepRefused("revocation.errors.conflict");
    const facts = await factsOf(trx, chain);
    if (!allowedSteps(facts, today).includes(step)) throw new RevocationStepRefused("revocation.errors.refused");
    const dateError = stepDateError(facts, typed.date, today);
    if (dateError) throw new InvalidInputError({ stepOn: { key: `revocation.errors.${dateError}` } });
    const after = takeStep(facts, step, typed.date);
    const annex51Code = step === "ANNEX_51_ISSUED" ? newVerificationCode() : chain.annex51_code;
    await trx
      .updateTable("revocation_chains")
      .set((eb) => ({
        instructed_on: after.instructedOn,
        informed_on: after.informedOn,
        annex51_on: after.annex51On,
        annex51_code: annex51Code,
        stay_ended_on: after.stayEndedOn,
        struck_off_on: after.struckOffOn,
        updated_at: now,
        version: eb("version", "+", 1),
      }))
      .where("application_id", "=", row.id)
      .execute();
    const name = STEP_NAMES[step];
    const detail: Record<string, unknown> = {
      on: typed.date,
      commune: chain.commune,
      ...(step === "ANNEX_51_ISSUED" && facts.period ? { validUntil: facts.period.endsOn, cardValidUntil: facts.cardValidUntil } : {}),
    };
    await insertCaseEvent(trx, {
      applicationId: row.id,
      type: name,
      actor: { userId: user.id, role: user.role, authority: side === "oe" ? (user.authority ?? null) : null },
      fromStatus: row.status,
      toStatus: row.status,
      reason: null,
      detail,
      version: row.version,
      at: now,
    });
    await enqueue(trx, {
      key: `cadastre-step:${row.id}:revocation:${chain.version + 1}`,
      kind: "cadastre.step",
      applicationId: row.id,
      payload: { step: name, on: typed.date, detail: step === "ANNEX_51_ISSUED" && facts.period ? `until ${facts.period.endsOn}` : chain.commune },
    });
    await enqueueStepNotices(trx, row, chain, facts, step, typed.date);
  });
}

/** The annex 51 as PDF, for the commune that gave it (printed and handed to the worker). */
export async function annex51Pdf(db: DB, user: User, caseId: string, language: Language): Promise<{ fileName: string; bytes: Uint8Array } | null> {
  requireResidenceScope(user);
  const row = await requireCase(db, { user }, caseId, "residence", {});
  const chain = await db.selectFrom("revocation_chains").selectAll().where("application_id", "=", row.id).executeTakeFirst();
  if (!chain?.annex51_code || chain.commune !== user.office) return null;
  const facts = await factsOf(db, chain);
  return communeAnnexPdf(db, row, {
    annex: "51",
    language,
    issuedOn: chain.annex51_on ?? todayInBelgium(new Date()),
    commune: chain.commune,
    validFrom: chain.annex51_on,
    validUntil: facts.period?.endsOn ?? null,
    code: chain.annex51_code,
  });
}

/** /verify for an annex 51: valid until the search period's end, unless the stay was ended or a new employer stopped it. */
export async function verifyAnnex51(db: DB, code: string, now = new Date()) {
  const chain = await db
    .selectFrom("revocation_chains as r")
    .innerJoin("applications as a", "a.id", "r.application_id")
    .leftJoin("workers as w", "w.id", "a.worker_id")
    .selectAll("r")
    .select(["a.reference", "w.given_names", "w.family_name"])
    .where("r.annex51_code", "=", code)
    .executeTakeFirst();
  if (!chain) return null;
  const facts = await factsOf(db, chain);
  const until = facts.period?.endsOn ?? null;
  const today = todayInBelgium(now);
  return {
    document: "annex-51" as const,
    code,
    state: facts.stayEndedOn || facts.struckOffOn ? ("revoked" as const) : until !== null && until < today ? ("expired" as const) : ("valid" as const),
    reference: chain.reference ?? "",
    commune: chain.commune,
    issuedOn: chain.annex51_on,
    validUntil: until,
    names: { given: chain.given_names, family: chain.family_name },
  };
}
