import type { Transaction } from "kysely";
import { seasonEndOf } from "../../forms/universal-form";
import { enqueueEarlyEndNotice } from "./notices.server";
import type { CaseContext } from "../../workflows/case-lifecycle";
import type { CaseStatus } from "../../workflows/case-status";
import { addDays, addYears, isCalendarDate, todayInBelgium } from "../../workflows/legal-clock";
import type { ApplicationRow, Database } from "../db/schema";
import type { Acting, CaseCommand } from "../cases/case-command";
import { enqueue } from "../outbox/outbox.server";
import type { Recipient } from "../outbox/messages";
import { enterpriseNumberOf, insertPermit, personNumberOf, revokePermit } from "./delivery.repository";
import { newVerificationCode } from "./verification-code.server";
import { documentTypeFor, grantsPermit } from "./decision-types";
import { openResidenceSteps } from "../residence/residence.server";
import { openRevocationChain } from "../revocation/revocation.server";

/**
 * The permit's validity (docs/domain.md §3.8): it authorises one employment, so it starts
 * when the contract starts, or on the day of the decision if the contract started before;
 * it ends with a fixed-term contract (agii.be: "bij een contract van bepaalde duur valt de
 * einddatum van de gecombineerde vergunning samen met de einddatum van het contract") and
 * after 3 years at most. The start on the contract's first day follows from the permit
 * being tied to that employment; no text stating it was found (UNCONFIRMED).
 */
export function permitValidity(grantedOn: string, contractStart: string | undefined, employmentEnd: string | undefined) {
  const validFrom = contractStart && isCalendarDate(contractStart) && contractStart > grantedOn ? contractStart : grantedOn;
  const maximum = addDays(addYears(validFrom, 3), -1);
  return { validFrom, validUntil: employmentEnd && employmentEnd < maximum ? employmentEnd : maximum };
}

interface Effect {
  row: ApplicationRow;
  status: CaseStatus;
  version: number;
  command: CaseCommand;
  decision: CaseContext["decision"];
  acting: Acting;
  now: Date;
}

/**
 * What a decision sends out, written in the decision's own transaction: the permit record
 * on a grant; the decision document of whoever decided (app/delivery/decision-types.ts)
 * into the e-Box of the employer and of the worker (when his national number is known);
 * the entry for the Limosa cadastre, except for the region's work authorisation (no permit
 * yet: the OE decides next).
 */
export async function recordDecisionEffects(trx: Transaction<Database>, effect: Effect): Promise<void> {
  const { row, version, command, now } = effect;
  const today = todayInBelgium(now);
  const type = documentTypeFor(command.type, effect.decision);
  if (!type) return;

  if (grantsPermit(type)) {
    const form = row.filed_form?.kind === "single" ? row.filed_form : undefined;
    const change = row.filed_form?.kind === "change-of-employer" ? row.filed_form : undefined;
    const contract = form ?? change;
    let validity = permitValidity(today, contract?.contractStart || undefined, contract?.employmentEnd || undefined);
    // A change the region alone allowed keeps the residence as it is: the new authorisation ends with the permit it changes.
    if (change?.previousValidUntil && type === "change-allowed" && change.previousValidUntil < validity.validUntil) {
      validity = { ...validity, validUntil: change.previousValidUntil };
    }
    // Seasonal work: the stay ends with the season as filed; end-of-stay notices follow it.
    const seasonEndsOn = form ? seasonEndOf(form) : null;
    await insertPermit(trx, { applicationId: row.id, verificationCode: newVerificationCode(), annex: type === "47" ? "47" : type === "46" ? "46" : "change", grantedAt: now, ...validity, seasonEndsOn });
    // The steps after the grant: the post's visa, the commune's registration and card (app/residence);
    // none for a change of employer, whose worker already holds his card.
    await openResidenceSteps(trx, row, validity, now);
  }
  // A renewal the region approved: the commune may give the annex 49 while the OE decides.
  if (type === "work-authorisation") await openResidenceSteps(trx, row, null, now);
  if (command.type === "REVOKE" || command.type === "END_EMPLOYMENT" || command.type === "EMPLOYER_CHANGED") {
    await revokePermit(trx, row.id, today, effect.decision?.reason ?? null);
    // The end the employer was warned of no longer holds: told at once (notices.server.ts).
    await enqueueEarlyEndNotice(trx, row.id, command.type === "REVOKE" ? "revoked" : "employment-ended", today);
    // The region ended the work authorisation: the OE instructs the worker's commune next (app/revocation).
    // A change of employer ends nothing for the worker: he holds his card with the new employer.
    if (command.type !== "EMPLOYER_CHANGED") await openRevocationChain(trx, row, command.type === "END_EMPLOYMENT" ? "ended" : "revoked", effect.decision?.by === "oe" ? "oe" : "region", today, now);
  }

  const recipients: Recipient[] = [];
  if (row.employer_id) recipients.push({ kind: "enterprise", id: await enterpriseNumberOf(trx, row.employer_id) });
  const personNumber = row.worker_id ? await personNumberOf(trx, row.worker_id) : null;
  if (personNumber) recipients.push({ kind: "person", id: personNumber });
  // The grant goes to the post the worker abroad chose too (docs/domain.md §3.6), which issues his visa D.
  const form = row.filed_form?.kind === "single" ? row.filed_form : undefined;
  const abroad = form !== undefined && form.livesIn !== "belgium";
  if (grantsPermit(type) && abroad && form.visaPost && form.visaPost !== "other") recipients.push({ kind: "post", id: form.visaPost });
  // Without a national number the worker has no e-Box: the employer's copy is marked for him (he gets his own once registered).
  const forward = grantsPermit(type) && abroad && !personNumber;
  const procedureLanguage = row.procedure_language ?? "fr";
  const uiLanguage = row.filed_form?.uiLanguage;
  for (const recipient of recipients) {
    const languages = [procedureLanguage];
    // The applicant reads the portal in another language: a courtesy copy in it too.
    if (recipient.kind === "enterprise" && uiLanguage && uiLanguage !== procedureLanguage) languages.push(uiLanguage);
    for (const language of languages) {
      await enqueue(trx, {
        key: `ebox:${row.id}:v${version}:${recipient.kind}:${recipient.id}:${language}`,
        kind: "ebox.document",
        applicationId: row.id,
        payload: {
          type,
          language,
          courtesy: language !== procedureLanguage,
          recipient,
          caseVersion: version,
          ...(forward && recipient.kind === "enterprise" && language === procedureLanguage ? { forward: true } : {}),
        },
      });
    }
  }
  if (type === "work-authorisation") return;
  // A change of employer grants the new employer's authorisation: the cadastre says so for both cases.
  const cadastreStatus =
    effect.status === "refused" ? "refused" : effect.status === "inadmissible" ? "inadmissible" : effect.status === "ended" ? "ended" : effect.status === "revoked" ? "revoked" : "valid";
  await enqueue(trx, {
    key: `cadastre:${row.id}:v${version}`,
    kind: "cadastre.feed",
    applicationId: row.id,
    payload: { caseVersion: version, status: cadastreStatus, statusOn: today, reason: effect.decision?.reason ?? null },
  });
}
