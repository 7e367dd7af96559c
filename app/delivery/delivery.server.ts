import { isCalendarDate } from "../../forms/dates";
import { formatDate } from "../components/format";
import type { Language } from "../../forms/authorities";
import { formatEnterpriseNumber, formatPersonNumber } from "../../forms/identifiers";
import { isLanguage } from "../i18n/config";
import { translator } from "../i18n/language.server";
import type { DB } from "../db/db.server";
import type { DecisionDocument } from "./decision-pdf.server";
import { renderDecisionPdfOffThread } from "./pdf-pool.server";
import { appealText, decisionContent } from "./decision-content";
import { annexOf, grantsPermit } from "./decision-types";
import type { CadastreClient, CadastreEntry } from "./cadastre.server";
import { applyCaseCommandIn, CaseCommandRefused } from "../cases/case-commands.server";
import type { DocumentStore } from "../documents/store.server";
import { portalOrigin } from "../identity/sign-in-settings.server";
import { localEbox, type EboxClient } from "./ebox.server";
import { outsideSystems } from "../systems/outside-systems.server";
import { withinTimeLimit } from "../systems/stub-behaviour";
import { caseFacts, caseFactsOf, caseStepAt, type CaseFacts } from "./delivery.repository";
import { todayInBelgium } from "../../workflows/legal-clock";
import { drainOutbox, type Deliver, type OutboxRow, type OutboxRowOf } from "../outbox/outbox.server";

/**
 * The systems deliveries go to, each writing in its own transaction (the composition is
 * app/systems/outside-systems.server.ts; tests make them fail, hang or lose answers).
 */
export interface DeliveryChannels {
  ebox: EboxClient;
  cadastre: CadastreClient;
  store: DocumentStore;
  /** How long the portal waits for an answer before it counts the delivery as failed. */
  timeLimitMs: number;
}

/**
 * The deliveries' channels: this database's outside systems. With a `store` of its own (a
 * test's directory), an e-Box stub that keeps its attachments there instead.
 */
export function localChannels(db: DB, store?: DocumentStore): DeliveryChannels {
  const systems = outsideSystems(db);
  const ebox = store && store !== systems.store ? localEbox(db, store) : systems.ebox;
  return { ebox, cadastre: systems.cadastre, store: store ?? systems.store, timeLimitMs: systems.timeLimitMs };
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

/** What a batch of deliveries read ahead of its cases (drainOutbox's `prepare`); a case missing from it is read on its own. */
type Prefetched = Map<string, CaseFacts>;

function factsOf(db: DB, prefetched: Prefetched | undefined, applicationId: string): Promise<CaseFacts> {
  const known = prefetched?.get(applicationId);
  return known ? Promise.resolve(known) : caseFacts(db, applicationId);
}

/** Reads the cases of a batch's documents and cadastre entries in a few statements. */
export function prepareBatch(db: DB, rows: readonly OutboxRow[]): Promise<Prefetched> {
  const ids = [...new Set(rows.flatMap((row) => ((row.kind === "ebox.document" || row.kind === "cadastre.feed") && row.application_id ? [row.application_id] : [])))];
  return caseFactsOf(db, ids);
}

async function deliverDocument(db: DB, channels: DeliveryChannels, row: OutboxRowOf<"ebox.document">, now: Date, prefetched: Prefetched | undefined) {
  const { payload } = row;
  const language: Language = isLanguage(payload.language) ? payload.language : "fr";
  const { application, worker, employer, permit, form } = await factsOf(db, prefetched, caseOf(row));
  // Delivering the decision may issue the permit: what was read ahead of this case is stale after it.
  prefetched?.delete(application.id);
  const t = await translator(language);
  const reference = application.reference ?? "";
  // The decision this document notifies: a later one (an end of employment, a revocation)
  // is dated on its own day, not on the case's first decision (application.decided_at).
  const step = await caseStepAt(db, application.id, payload.caseVersion);
  const document: DecisionDocument = {
    type: payload.type,
    language,
    reference,
    issuedOn: todayInBelgium(new Date(step?.at ?? application.decided_at ?? now)),
    authority: application.competent_authority ?? "oe",
    category: form.category ?? (application.kind === "permanent" || application.kind === "change-of-employer" ? application.kind : "other"),
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
    reasons: grantsPermit(payload.type) || payload.type === "work-authorisation" ? null : (step?.reason ?? null),
    verification: permit && grantsPermit(payload.type) ? { code: permit.verification_code, url: `${publicUrl()}/verify/${permit.verification_code}` } : null,
  };
  // Rendered in the PDF threads: the event loop keeps answering pages meanwhile.
  const pdf = await renderDecisionPdfOffThread(document);
  // The message says what the document says: the decision and, where there is one, the appeal.
  const content = decisionContent(t, payload.type, document.authority);
  const lead = annexOf(payload.type) !== null || payload.type === "revocation"
    ? t(`ebox.body.${payload.type}`, { reference })
    : t("ebox.body.decision", { reference, title: content.title, issuer: content.issuer });
  const body = content.appeal ? `${lead}\n\n${content.appeal}` : lead;
  const annex = annexOf(payload.type);
  await send(channels, "e-Box", () => channels.ebox.deliver({
    key: row.key,
    recipient: payload.recipient,
    applicationId: application.id,
    subject: `${annex || payload.type === "revocation" ? t(`ebox.subject.${payload.type}`, { reference }) : `${content.title} – ${reference}`}${payload.forward ? ` – ${t("ebox.toForwardSubject")}` : ""}`,
    body: [body, payload.courtesy ? t("ebox.courtesyCopy") : null, payload.forward ? t("ebox.toForward") : null].filter(Boolean).join("\n\n"),
    attachment: { name: `${reference}-${annex ? `annex-${annex}` : payload.type}-${language}.pdf`, bytes: pdf },
  }));
  // The permit is issued once its decision is in the employer's e-Box.
  // (to the employer; an unlimited permit, which has none, once it is in the resident's e-Box).
  const addressee = application.employer_id ? "enterprise" : "person";
  if (grantsPermit(payload.type) && payload.recipient.kind === addressee && !payload.courtesy && application.status === "granted") {
    // In the portal's own transaction, after the e-Box took the message: delivered again after a crash, it is refused as done.
    await db
      .transaction()
      .execute((trx) => applyCaseCommandIn(trx, { system: true }, application.id, null, { type: "PERMIT_ISSUED" }, now))
      .catch((error: unknown) => {
        if (!(error instanceof CaseCommandRefused)) throw error;
      });
  }
}

async function deliverNotice(channels: DeliveryChannels, row: OutboxRowOf<"ebox.notice">) {
  const { payload } = row;
  const language = isLanguage(payload.language) ? payload.language : "fr";
  const t = await translator(language);
  // Days as the reader writes them ("22 december 2026"), not as the payload stores them.
  const values = Object.fromEntries(
    Object.entries(payload.values).map(([name, value]) => [name, typeof value === "string" && isCalendarDate(value) ? formatDate(value, language) : value]),
  );
  // A notice of a decision names its appeal in the decision's own words; a copy for the worker without an e-Box says so.
  const appeal = payload.appeal ? appealText(t, payload.appeal.type, payload.appeal.authority) : null;
  await send(channels, "e-Box", () =>
    channels.ebox.deliver({
      key: row.key,
      recipient: payload.recipient,
      applicationId: row.application_id,
      subject: `${t(`ebox.subject.${payload.template}`, values)}${payload.forward ? ` – ${t("ebox.toForwardSubject")}` : ""}`,
      body: [t(`ebox.body.${payload.template}`, values), appeal, payload.forward ? t("ebox.toForwardNotice") : null].filter(Boolean).join("\n\n"),
    }),
  );
}

async function deliverToCadastre(db: DB, channels: DeliveryChannels, row: OutboxRowOf<"cadastre.feed">, prefetched: Prefetched | undefined) {
  const { payload } = row;
  const { application, worker, employer, permit, form } = await factsOf(db, prefetched, caseOf(row));
  const entry: CadastreEntry = {
    key: row.key,
    caseReference: application.reference ?? application.id,
    caseVersion: payload.caseVersion,
    // A change of employer gives a single permit for the new employer.
    permitKind: application.kind === "change-of-employer" ? "single" : application.kind,
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
  };
  await send(channels, "cadastre", () => channels.cadastre.feed(entry));
}

async function deliverStepToCadastre(db: DB, channels: DeliveryChannels, row: OutboxRowOf<"cadastre.step">, prefetched: Prefetched | undefined) {
  const { application } = await factsOf(db, prefetched, caseOf(row));
  const { payload } = row;
  await send(channels, "cadastre", () =>
    channels.cadastre.recordStep({
      key: row.key,
      caseReference: application.reference ?? application.id,
      caseVersion: application.version,
      step: payload.step,
      on: payload.on,
      detail: payload.detail,
    }),
  );
}

/** A call to an outside system, which must answer within the channels' time limit. */
function send(channels: DeliveryChannels, system: string, call: () => Promise<void>): Promise<void> {
  return withinTimeLimit(system, channels.timeLimitMs, call);
}

export function deliverer(channels: DeliveryChannels): Deliver<Prefetched | undefined> {
  return async (db, row, now, prefetched) => {
    switch (row.kind) {
      case "ebox.document":
        return deliverDocument(db, channels, row, now, prefetched);
      case "ebox.notice":
        return deliverNotice(channels, row);
      case "cadastre.feed":
        return deliverToCadastre(db, channels, row, prefetched);
      case "cadastre.unemployment":
        return send(channels, "cadastre", () => channels.cadastre.recordUnemployment({ key: row.key, ...row.payload }));
      case "cadastre.step":
        return deliverStepToCadastre(db, channels, row, prefetched);
      default: {
        // A new kind in messages.ts fails to compile here until it has a deliverer.
        const undeliverable: never = row;
        throw new Error(`no deliverer for ${JSON.stringify(undeliverable)}`);
      }
    }
  };
}

/** One pass of the outbox with the local systems: up to `limit` rows (500), batch by batch. */
export function deliverPending(db: DB, channels: DeliveryChannels = localChannels(db), now?: () => Date, limit?: number) {
  return drainOutbox<Prefetched | undefined>(db, deliverer(channels), { now, limit, prepare: prepareBatch });
}
