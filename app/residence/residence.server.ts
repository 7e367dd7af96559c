import type { Transaction } from "kysely";
import { communeForPostalCode, communeName } from "../../forms/communes";
import { parsePostalCode } from "../../forms/competent-authority";
import { parseTypedDate } from "../../forms/dates";
import { formatEnterpriseNumber, formatPersonNumber, parsePersonNumber } from "../../forms/identifiers";
import type { Language } from "../../forms/authorities";
import { todayInBelgium } from "../../workflows/legal-clock";
import {
  allowedResidenceEvents,
  initialResidenceSnapshot,
  persistResidence,
  RESIDENCE_STEPS_VERSION,
  residenceStage,
  residenceTransition,
  restoreResidence,
  type ResidenceContext,
  type ResidenceEvent,
  type ResidenceEventType,
  type ResidenceStage,
} from "../../workflows/residence-steps";
import { recordRead } from "../audit/audit.server";
import { requireCase, requireResidenceScope } from "../cases/access.server";
import { findWorker, insertCaseEvent } from "../cases/cases.repository";
import type { DB } from "../db/db.server";
import type { ApplicationRow, Database } from "../db/schema";
import { caseFacts, personNumberOf } from "../delivery/delivery.repository";
import { renderDecisionPdfOffThread } from "../delivery/pdf-pool.server";
import { newVerificationCode } from "../delivery/verification-code.server";
import { ConflictError, InvalidInputError } from "../errors";
import type { User } from "../identity/user";
import type { FieldErrors } from "../components/forms";
import { portalOrigin } from "../identity/sign-in-settings.server";
import { enqueue } from "../outbox/outbox.server";
import { findResidenceSteps, insertResidenceSteps, lockResidenceSteps, residenceQueueRows, updateResidenceSteps } from "./residence.repository";

/**
 * The steps after the grant (workflows/residence-steps.ts), for the diplomatic post and the
 * commune (docs/decisions/023-post-and-commune.md): their queues, a file's page, and each
 * step recorded in one transaction with its history line and its cadastre entry.
 */

/**
 * At the grant, in the decision's transaction: the row the post and the commune work on.
 * A worker abroad goes to the post he chose; a worker in Belgium to the commune of his address.
 * A renewal already has its row since the region approved it (`pendingRenewal`): the grant
 * gives it the new permit's dates and lets the commune issue the card.
 */
export async function openResidenceSteps(
  trx: Transaction<Database>,
  row: ApplicationRow,
  permit: { validFrom: string; validUntil: string } | null,
  now: Date,
): Promise<void> {
  const form = row.filed_form?.kind === "single" ? row.filed_form : undefined;
  if (!form) return; // an unlimited permit: the resident already holds his card
  const abroad = form.livesIn !== "belgium";
  const pendingRenewal = permit === null;
  if (pendingRenewal && (abroad || !form.renewalOf)) return; // only a renewal in Belgium waits at the commune
  const existing = await lockResidenceSteps(trx, row.id);
  if (existing) {
    if (!permit) return;
    const granted = residenceTransition(restoreResidence(existing.machine_snapshot), {
      type: "RENEWAL_GRANTED",
      actor: { role: "system" },
      permitValidFrom: permit.validFrom,
      permitValidUntil: permit.validUntil,
    });
    if (!granted.ok) return; // not a pending renewal: the first row stands
    await updateResidenceSteps(trx, row.id, {
      stage: residenceStage(granted.snapshot),
      postal_code: existing.postal_code,
      commune: existing.commune,
      annex49_code: existing.annex49_code,
      machine_snapshot: JSON.stringify(persistResidence(granted.snapshot)),
      updated_at: now,
    });
    return;
  }
  // Until the grant, a pending renewal's card terms are today's: no card can be issued before it.
  const today = todayInBelgium(now);
  const snapshot = initialResidenceSnapshot({
    abroad,
    pendingRenewal,
    category: form.category ?? "other",
    ictRole: form.ictRole ?? null,
    permitValidFrom: permit?.validFrom ?? today,
    permitValidUntil: permit?.validUntil ?? today,
    employmentEnd: form.employmentEnd || null,
  });
  const postalCode = abroad ? null : (form.residencePostalCode ?? null);
  await insertResidenceSteps(trx, {
    application_id: row.id,
    visa_post: abroad && form.visaPost && form.visaPost !== "other" ? form.visaPost : null,
    postal_code: postalCode,
    commune: postalCode ? communeForPostalCode(postalCode) : null,
    stage: residenceStage(snapshot),
    machine_snapshot: JSON.stringify(persistResidence(snapshot)),
    machine_version: RESIDENCE_STEPS_VERSION,
    annex49_code: null,
    created_at: now,
    updated_at: now,
  });
}

/** A post's or a commune's files (names and nationalities: the read is logged as a list). */
export async function residenceQueue(db: DB, user: User) {
  const scope = requireResidenceScope(user);
  await recordRead(db, user, {
    subject: { type: "queue", id: `${scope.role}:${scope.office}` },
    purpose: scope.role === "diplomatic-post" ? "visa" : "residence-registration",
    action: "list",
    allowed: true,
  });
  const rows = await residenceQueueRows(db, { column: scope.role === "diplomatic-post" ? "visa_post" : "commune", office: scope.office });
  return rows.map((row) => ({
    id: row.id,
    reference: row.reference ?? "",
    stage: row.stage,
    category: row.employment_category,
    worker: [row.given_names, row.family_name].filter(Boolean).join(" "),
    nationality: row.nationality ?? "",
    birthDate: row.birth_date,
    employer: row.employer_name,
  }));
}

export interface ResidenceView {
  stage: ResidenceStage;
  version: number;
  visaPost: string | null;
  postalCode: string | null;
  commune: string | null;
  visa: ResidenceContext["visa"];
  arrival: ResidenceContext["arrival"];
  registeredOn: string | null;
  annex49On: string | null;
  annex49Code: string | null;
  card: ResidenceContext["card"];
}

/** What the tracker and the post's and commune's pages show of the steps after the grant; null before it. */
export async function residenceOf(db: DB, applicationId: string): Promise<ResidenceView | null> {
  const row = await findResidenceSteps(db, applicationId);
  if (!row) return null;
  const { context } = restoreResidence(row.machine_snapshot);
  return {
    stage: row.stage,
    version: row.version,
    visaPost: row.visa_post,
    postalCode: row.postal_code,
    commune: row.commune,
    visa: context.visa,
    arrival: context.arrival,
    registeredOn: context.registeredOn,
    annex49On: context.annex49On,
    annex49Code: row.annex49_code,
    card: context.card,
  };
}

/** A file as the post or the commune sees it (the read is logged by requireCase). */
export async function residenceCase(db: DB, user: User, caseId: string, now = new Date()) {
  const scope = requireResidenceScope(user);
  const row = await requireCase(db, { user }, caseId, "residence");
  const residence = (await residenceOf(db, row.id))!;
  const facts = await caseFacts(db, row.id);
  const form = row.filed_form?.kind === "single" ? row.filed_form : undefined;
  const snapshot = restoreResidence((await findResidenceSteps(db, row.id))!.machine_snapshot);
  return {
    id: row.id,
    reference: row.reference ?? "",
    status: row.status,
    worker: {
      name: [facts.worker?.given_names, facts.worker?.family_name].filter(Boolean).join(" "),
      nationality: facts.worker?.nationality ?? "",
      birthDate: facts.worker?.birth_date ?? null,
      passportNumber: facts.worker?.passport_number ?? null,
      personNumber: facts.worker?.person_number ? formatPersonNumber(facts.worker.person_number) : null,
    },
    employer: facts.employer ? { name: facts.employer.name, enterpriseNumber: formatEnterpriseNumber(facts.employer.enterprise_number) } : null,
    category: form?.category ?? null,
    jobTitle: form?.jobTitle ?? null,
    permit: facts.permit ? { annex: facts.permit.annex, validFrom: facts.permit.valid_from, validUntil: facts.permit.valid_until } : null,
    residence,
    allowed: allowedResidenceEvents(snapshot, { role: scope.role }, todayInBelgium(now)),
  };
}

export type ResidenceStepInput = Record<string, string>;
export type ResidenceStepErrors = FieldErrors;

/** The step named by the form's `intent`, with its fields checked; errors are i18n keys by field. */
function parseStep(intent: string, input: ResidenceStepInput, actor: ResidenceEvent["actor"], today: string):
  | { ok: true; event: ResidenceEvent; postalCode?: string; personNumber?: string }
  | { ok: false; errors: ResidenceStepErrors } {
  const errors: ResidenceStepErrors = {};
  const day = (name: string) => {
    const typed = parseTypedDate(input[name] ?? "");
    if (!typed.ok) {
      errors[name] = { key: (input[name] ?? "").trim() === "" ? "residence.errors.dateRequired" : "residence.errors.dateFormat" };
      return "";
    }
    if (typed.date > today) errors[name] = { key: "residence.errors.dateInFuture" };
    return typed.date;
  };
  // Each step's fields have their own names: the page shows several forms, every id once.
  switch (intent) {
    case "VISA_ISSUED": {
      const on = day("visaOn");
      const postal = parsePostalCode(input.postalCode ?? "");
      if (!postal.ok) errors.postalCode = { key: "residence.errors.postalCode" };
      return Object.keys(errors).length ? { ok: false, errors } : { ok: true, event: { type: "VISA_ISSUED", actor, on }, postalCode: postal.ok ? postal.value : "" };
    }
    case "VISA_REFUSED": {
      const on = day("refusedOn");
      const reason = (input.reason ?? "").trim();
      if (reason.length === 0) errors.reason = { key: "residence.errors.reasonRequired" };
      return Object.keys(errors).length ? { ok: false, errors } : { ok: true, event: { type: "VISA_REFUSED", actor, on, reason } };
    }
    case "ARRIVAL_DECLARED": {
      const enteredOn = day("enteredOn");
      const declaredOn = day("declaredOn");
      if (!errors.enteredOn && !errors.declaredOn && enteredOn > declaredOn) errors.enteredOn = { key: "residence.errors.enteredAfterDeclared" };
      return Object.keys(errors).length ? { ok: false, errors } : { ok: true, event: { type: "ARRIVAL_DECLARED", actor, enteredOn, declaredOn } };
    }
    case "REGISTERED": {
      const on = day("registeredOn");
      // The national register gives him a number at registration (or he had a BIS number already).
      const typed = (input.personNumber ?? "").trim();
      const person = typed === "" ? null : parsePersonNumber(typed);
      if (person && !person.ok) errors.personNumber = { key: "residence.errors.personNumber" };
      return Object.keys(errors).length
        ? { ok: false, errors }
        : { ok: true, event: { type: "REGISTERED", actor, on }, ...(person?.ok ? { personNumber: person.value } : {}) };
    }
    case "ANNEX_49_ISSUED": {
      const on = day("annex49On");
      return Object.keys(errors).length ? { ok: false, errors } : { ok: true, event: { type: intent, actor, on } };
    }
    case "CARD_ISSUED": {
      const on = day("cardOn");
      return Object.keys(errors).length ? { ok: false, errors } : { ok: true, event: { type: intent, actor, on } };
    }
    default:
      return { ok: false, errors: { intent: { key: "residence.errors.unknownStep" } } };
  }
}

const EVENT_NAMES: Record<ResidenceEventType, string> = {
  VISA_ISSUED: "visa-issued",
  VISA_REFUSED: "visa-refused",
  ARRIVAL_DECLARED: "arrival-declared",
  REGISTERED: "registered",
  ANNEX_49_ISSUED: "annex-49-issued",
  CARD_ISSUED: "card-issued",
  RENEWAL_GRANTED: "renewal-granted",
};

/** Another commune's postal code, or a national number already someone else's. */
export class ResidenceStepRefused extends ConflictError {
  constructor(key: string) {
    super(key, "residence-step-refused");
  }
}

/**
 * Records one step for the post or the commune: checked (400 with the fields' errors), on
 * the version the page showed (409 if it moved on), allowed by the machine (409), written
 * with its history line and its cadastre entry in one transaction.
 */
export async function recordResidenceStep(
  db: DB,
  user: User,
  caseId: string,
  intent: string,
  input: ResidenceStepInput,
  now = new Date(),
): Promise<void> {
  const scope = requireResidenceScope(user);
  const row = await requireCase(db, { user }, caseId, "residence", { action: "act" });
  const today = todayInBelgium(now);
  const parsed = parseStep(intent, input, { role: scope.role }, today);
  if (!parsed.ok) throw new InvalidInputError(parsed.errors);
  await db.transaction().execute(async (trx) => {
    const steps = await lockResidenceSteps(trx, row.id);
    if (!steps) throw new ResidenceStepRefused("residence.errors.refused");
    if (String(steps.version) !== (input.version ?? "")) throw new ResidenceStepRefused("residence.errors.conflict");
    const result = residenceTransition(restoreResidence(steps.machine_snapshot), parsed.event);
    if (!result.ok) throw new ResidenceStepRefused("residence.errors.refused");
    const stage = residenceStage(result.snapshot);
    const postalCode = parsed.postalCode ?? steps.postal_code;
    const commune = parsed.postalCode ? communeForPostalCode(parsed.postalCode) : steps.commune;
    const annex49Code = parsed.event.type === "ANNEX_49_ISSUED" ? newVerificationCode() : steps.annex49_code;
    await updateResidenceSteps(trx, row.id, {
      stage,
      postal_code: postalCode,
      commune,
      annex49_code: annex49Code,
      machine_snapshot: JSON.stringify(persistResidence(result.snapshot)),
      updated_at: now,
    });
    const context = result.snapshot.context;
    const type = EVENT_NAMES[parsed.event.type];
    const detail: Record<string, unknown> = {
      on: parsed.event.type === "ARRIVAL_DECLARED" ? parsed.event.declaredOn : parsed.event.type === "RENEWAL_GRANTED" ? parsed.event.permitValidFrom : parsed.event.on,
      ...(scope.role === "diplomatic-post" ? { post: scope.office } : { commune: scope.office }),
      ...(parsed.event.type === "VISA_ISSUED" ? { postalCode, commune } : {}),
      ...(parsed.event.type === "ARRIVAL_DECLARED" && context.arrival ? { enteredOn: context.arrival.enteredOn, dueOn: context.arrival.dueOn, late: context.arrival.late } : {}),
      ...(parsed.event.type === "CARD_ISSUED" && context.card ? { cardType: context.card.type, validFrom: context.card.validFrom, validUntil: context.card.validUntil } : {}),
    };
    await insertCaseEvent(trx, {
      applicationId: row.id,
      type,
      // The post or the commune is no handling authority: named in the detail, not as the case's authority.
      actor: { userId: user.id, role: user.role, authority: null },
      fromStatus: row.status,
      toStatus: row.status,
      reason: parsed.event.type === "VISA_REFUSED" ? parsed.event.reason : null,
      detail,
      version: row.version,
      at: now,
    });
    if (parsed.event.type === "REGISTERED" && parsed.personNumber) await giveIdentity(trx, row, parsed.personNumber);
    // The cadastre follows each step (outbox: delivered after the permit's own entry, retried until then).
    await enqueue(trx, {
      key: `cadastre-step:${row.id}:r${steps.version + 1}`,
      kind: "cadastre.step",
      applicationId: row.id,
      payload: {
        step: type,
        on: String(detail.on),
        detail:
          parsed.event.type === "CARD_ISSUED" && context.card
            ? `${context.card.type} ${context.card.validFrom}/${context.card.validUntil}`
            : parsed.event.type === "VISA_REFUSED"
              ? parsed.event.reason
              : parsed.event.type === "ARRIVAL_DECLARED" && context.arrival
                ? `${context.arrival.enteredOn}${context.arrival.late ? " late" : ""}`
                : null,
      },
    });
  });
}

/**
 * Registered, the worker has a national number: his worker record takes it, and the annex 46
 * reaches his own e-Box (it went only to the employer's, marked "to forward", while he had none).
 */
async function giveIdentity(trx: Transaction<Database>, row: ApplicationRow, personNumber: string): Promise<void> {
  if (!row.worker_id) return;
  const known = await personNumberOf(trx, row.worker_id);
  if (known === personNumber) return;
  if (known) throw new ResidenceStepRefused("residence.errors.personNumberDiffers");
  const taken = await trx.selectFrom("workers").select("id").where("person_number", "=", personNumber).executeTakeFirst();
  if (taken) throw new ResidenceStepRefused("residence.errors.personNumberTaken");
  await trx.updateTable("workers").set({ person_number: personNumber }).where("id", "=", row.worker_id).execute();
  const grant = await trx
    .selectFrom("application_events")
    .select("version")
    .where("application_id", "=", row.id)
    .where("type", "in", ["grant-residence", "deemed-grant"])
    .orderBy("id", "desc")
    .executeTakeFirst();
  const permit = await trx.selectFrom("permits").select("annex").where("application_id", "=", row.id).executeTakeFirst();
  if (!grant || !permit) return;
  const language = row.procedure_language ?? "fr";
  await enqueue(trx, {
    key: `ebox:${row.id}:v${grant.version}:person:${personNumber}:${language}`,
    kind: "ebox.document",
    applicationId: row.id,
    payload: { type: permit.annex === "47" ? "47" : "46", language, courtesy: false, recipient: { kind: "person", id: personNumber }, caseVersion: grant.version },
  });
}

/** The annex 49 as PDF, for the commune that issued it (printed and handed to the worker). */
export async function annex49Pdf(db: DB, user: User, caseId: string, language: Language): Promise<{ fileName: string; bytes: Uint8Array } | null> {
  requireResidenceScope(user);
  const row = await requireCase(db, { user }, caseId, "residence", {});
  const steps = await findResidenceSteps(db, row.id);
  if (!steps?.annex49_code) return null;
  const { context } = restoreResidence(steps.machine_snapshot);
  return communeAnnexPdf(db, row, {
    annex: "49",
    language,
    issuedOn: context.annex49On ?? todayInBelgium(new Date()),
    commune: steps.commune,
    validFrom: null,
    validUntil: null,
    code: steps.annex49_code,
    annex49Pending: steps.stage === "annex-49-pending",
  });
}

/**
 * A commune's annex (49, or 51 in the revocation chain) as PDF: the case's worker, employer
 * and job, the commune as issuer, and the code /verify checks. Rendered off the request thread.
 */
export async function communeAnnexPdf(
  db: DB,
  row: ApplicationRow,
  annex: { annex: "49" | "51"; language: Language; issuedOn: string; commune: string | null; validFrom: string | null; validUntil: string | null; code: string; annex49Pending?: boolean },
): Promise<{ fileName: string; bytes: Uint8Array }> {
  const facts = await caseFacts(db, row.id);
  const worker = row.worker_id ? await findWorker(db, row.worker_id) : undefined;
  const reference = row.reference ?? "";
  const bytes = await renderDecisionPdfOffThread({
    type: annex.annex,
    language: annex.language,
    reference,
    issuedOn: annex.issuedOn,
    authority: annex.commune ?? "",
    issuer: communeName(annex.commune) ?? undefined,
    category: facts.form.category ?? "other",
    job: facts.form.jobTitle ?? "—",
    placeOfWork: facts.form.placeOfWorkPostalCode ?? "—",
    validFrom: annex.validFrom,
    validUntil: annex.validUntil,
    worker: {
      name: [worker?.given_names, worker?.family_name].filter(Boolean).join(" "),
      nationality: worker?.nationality ?? "",
      birthDate: worker?.birth_date ?? null,
      personNumber: worker?.person_number ? formatPersonNumber(worker.person_number) : null,
    },
    employer: facts.employer ? { name: facts.employer.name, enterpriseNumber: formatEnterpriseNumber(facts.employer.enterprise_number) } : null,
    reasons: null,
    verification: { code: annex.code, url: `${portalOrigin()}/verify/${annex.code}` },
    ...(annex.annex49Pending !== undefined ? { annex49Pending: annex.annex49Pending } : {}),
  });
  return { fileName: `${reference}-annex-${annex.annex}-${annex.language}.pdf`, bytes };
}
