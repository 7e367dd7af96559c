import type { Transaction } from "kysely";
import type { Language } from "../../forms/authorities";
import { formatEnterpriseNumber, formatPersonNumber } from "../../forms/identifiers";
import { isLanguage } from "../i18n/config";
import { translator } from "../i18n/language.server";
import type { DB } from "../db/db.server";
import type { Database } from "../db/schema";
import type { DecisionDocument } from "./decision-pdf.server";
import { renderDecisionPdfOffThread } from "./pdf-pool.server";
import { decisionContent } from "./decision-content";
import { annexOf, grantsPermit } from "./decision-types";
import { localCadastre, type CadastreClient } from "./cadastre.server";
import { applyCaseCommandIn, CaseCommandRefused } from "../cases/case-commands.server";
import { localDocumentStore, type DocumentStore } from "../documents/store.server";
import { portalOrigin } from "../identity/sign-in-settings.server";
import { localEbox, type EboxClient } from "./ebox.server";
import { caseFacts, caseFactsOf, reasonsAt, type CaseFacts } from "./delivery.repository";
import { drainOutbox, type Deliver, type OutboxRow, type OutboxRowOf } from "../outbox/outbox.server";

/** The systems deliveries go to. Tests swap in ones that fail or count. */
export interface DeliveryChannels {
  ebox(trx: Transaction<Database>): EboxClient;
  cadastre(trx: Transaction<Database>): CadastreClient;
  store: DocumentStore;
}

export function localChannels(store: DocumentStore = localDocumentStore()): DeliveryChannels {
  return { ebox: (trx) => localEbox(trx, store), cadastre: (trx) => localCadastre(trx), store };
}

/** The portal's address in links that leave it (PDFs, e-Box texts): PUBLIC_URL, the one place its default is decided. */
export function publicUrl(): string {
  return portalOrigin();
}

/** Decision documents and cadastre entries are about a case; a row without one cannot be delivered. */
function caseOf(row: OutboxRow): string {
  if (row.application_id === null) throw new Error(`${row.kind} ${row.key} names no case`);
  return row.application_id;
}

/**
 * What the batch being delivered read ahead of its cases (drainOutbox's `prepare`), per
 * transaction; a case missing from it is read on its own.
 */
const prefetched = new WeakMap<Transaction<Database>, Map<string, CaseFacts>>();

function factsOf(trx: Transaction<Database>, applicationId: string): Promise<CaseFacts> {
  const known = prefetched.get(trx)?.get(applicationId);
  return known ? Promise.resolve(known) : caseFacts(trx, applicationId);
}

/** Reads the cases of a batch's documents and cadastre entries in a few statements. */
export async function prepareBatch(trx: Transaction<Database>, rows: readonly OutboxRow[]): Promise<void> {
  const ids = [...new Set(rows.flatMap((row) => (row.kind !== "ebox.notice" && row.application_id ? [row.application_id] : [])))];
  prefetched.set(trx, await caseFactsOf(trx, ids));
}

async function deliverDocument(trx: Transaction<Database>, channels: DeliveryChannels, row: OutboxRowOf<"ebox.document">, now: Date) {
  const { payload } = row;
  const language: Language = isLanguage(payload.language) ? payload.language : "fr";
  const { application, worker, employer, permit, form } = await factsOf(trx, caseOf(row));
  // Delivering the decision may issue the permit: what was read ahead of this case is stale after it.
  prefetched.get(trx)?.delete(application.id);
  const t = await translator(language);
  const reference = application.reference ?? "";
  const document: DecisionDocument = {
    type: payload.type,
    language,
    reference,
    issuedOn: new Date(application.decided_at ?? now).toISOString().slice(0, 10),
    authority: application.competent_authority ?? "oe",
    category: form.category ?? (application.kind === "permanent" ? "permanent" : "other"),
    job: form.jobTitle ?? "—",
    placeOfWork: form.placeOfWorkPostalCode ?? "—",
    validFrom: permit && grantsPermit(payload.type) ? permit.valid_from : null,
    validUntil: permit && grantsPermit(payload.type) ? permit.valid_until : null,
    worker: {
      name: [worker?.given_names, worker?.family_name].filter(Boolean).join(" "),
      nationality: worker?.nationality ?? "",
      birthDate: worker?.birth_date ?? null,
      personNumber: worker?.person_number ? formatPersonNumber(worker.person_number) : null,
    },
    employer: employer ? { name: employer.name, enterpriseNumber: formatEnterpriseNumber(employer.enterprise_number) } : null,
    reasons: grantsPermit(payload.type) || payload.type === "work-authorisation" ? null : await reasonsAt(trx, application.id, payload.caseVersion),
    verification: permit && grantsPermit(payload.type) ? { code: permit.verification_code, url: `${publicUrl()}/verify/${permit.verification_code}` } : null,
  };
  // Rendered in the PDF threads: the event loop keeps answering pages meanwhile.
  const pdf = await renderDecisionPdfOffThread(document);
  // The message says what the document says: the decision and, where there is one, the appeal.
  const content = decisionContent(t, payload.type, document.authority);
  const lead = grantsPermit(payload.type) || payload.type === "48" || payload.type === "revocation"
    ? t(`ebox.body.${payload.type}`, { reference })
    : t("ebox.body.decision", { reference, title: content.title, issuer: content.issuer });
  const body = content.appeal ? `${lead}\n\n${content.appeal}` : lead;
  const annex = annexOf(payload.type);
  await channels.ebox(trx).deliver({
    key: row.key,
    recipient: payload.recipient,
    applicationId: application.id,
    subject: annex || payload.type === "revocation" ? t(`ebox.subject.${payload.type}`, { reference }) : `${content.title} – ${reference}`,
    body: payload.courtesy ? `${body}\n\n${t("ebox.courtesyCopy")}` : body,
    attachment: { name: `${reference}-${annex ? `annex-${annex}` : payload.type}-${language}.pdf`, bytes: pdf },
  });
  // The permit is issued once its decision is in the employer's e-Box.
  // (to the employer; an unlimited permit, which has none, once it is in the resident's e-Box).
  const addressee = application.employer_id ? "enterprise" : "person";
  if ((payload.type === "46" || payload.type === "47") && payload.recipient.kind === addressee && !payload.courtesy && application.status === "granted") {
    await applyCaseCommandIn(trx, { system: true }, application.id, null, { type: "PERMIT_ISSUED" }, now).catch((error: unknown) => {
      if (!(error instanceof CaseCommandRefused)) throw error;
    });
  }
}

async function deliverNotice(trx: Transaction<Database>, channels: DeliveryChannels, row: OutboxRowOf<"ebox.notice">) {
  const { payload } = row;
  const t = await translator(isLanguage(payload.language) ? payload.language : "fr");
  await channels.ebox(trx).deliver({
    key: row.key,
    recipient: payload.recipient,
    applicationId: row.application_id,
    subject: t(`ebox.subject.${payload.template}`, payload.values),
    body: t(`ebox.body.${payload.template}`, payload.values),
  });
}

async function deliverToCadastre(trx: Transaction<Database>, channels: DeliveryChannels, row: OutboxRowOf<"cadastre.feed">) {
  const { payload } = row;
  const { application, worker, employer, permit, form } = await factsOf(trx, caseOf(row));
  await channels.cadastre(trx).feed({
    key: row.key,
    caseReference: application.reference ?? application.id,
    caseVersion: payload.caseVersion,
    permitKind: application.kind,
    worker: {
      personNumber: worker?.person_number ?? null,
      familyName: worker?.family_name ?? "",
      givenNames: worker?.given_names ?? "",
      birthDate: worker?.birth_date ?? null,
      nationality: worker?.nationality ?? "",
    },
    employer: employer ? { enterpriseNumber: employer.enterprise_number, name: employer.name } : null,
    authority: application.competent_authority ?? "",
    category: form.category ?? application.kind,
    job: form.jobTitle ?? null,
    placeOfWork: form.placeOfWorkPostalCode ?? null,
    validFrom: permit?.valid_from ?? null,
    validUntil: permit?.valid_until ?? null,
    status: payload.status,
    statusOn: payload.statusOn,
    reason: payload.reason,
  });
}

export function deliverer(channels: DeliveryChannels): Deliver {
  return async (trx, row, now) => {
    switch (row.kind) {
      case "ebox.document":
        return deliverDocument(trx, channels, row, now);
      case "ebox.notice":
        return deliverNotice(trx, channels, row);
      case "cadastre.feed":
        return deliverToCadastre(trx, channels, row);
      default: {
        // A new kind in messages.ts fails to compile here until it has a deliverer.
        const undeliverable: never = row;
        throw new Error(`no deliverer for ${JSON.stringify(undeliverable)}`);
      }
    }
  };
}

/** One pass of the outbox with the local systems: up to `limit` rows (500), batch by batch. */
export function deliverPending(db: DB, channels: DeliveryChannels = localChannels(), now?: () => Date, limit?: number) {
  return drainOutbox(db, deliverer(channels), { now, limit, prepare: prepareBatch });
}
