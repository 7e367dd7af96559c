import type { Transaction } from "kysely";
import type { CaseContext } from "../../workflows/case-lifecycle";
import type { CaseStatus } from "../../workflows/case-status";
import { addDays, addYears, todayInBelgium } from "../../workflows/legal-clock";
import type { ApplicationRow, Database } from "../db/schema";
import type { Acting, CaseCommand } from "../cases/case-command";
import { enqueue } from "../outbox/outbox.server";
import type { Recipient } from "../outbox/messages";
import { enterpriseNumberOf, insertPermit, personNumberOf, revokePermit } from "./delivery.repository";
import { newVerificationCode } from "./verification-code.server";

/** A single permit is valid at most 3 years (docs/domain.md §3.8), and not past a fixed-term contract. */
export function permitValidity(grantedOn: string, employmentEnd: string | undefined) {
  const maximum = addDays(addYears(grantedOn, 3), -1);
  return { validFrom: grantedOn, validUntil: employmentEnd && employmentEnd < maximum ? employmentEnd : maximum };
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
 * on a grant; the decision or notice into the e-Box of the employer and of the worker
 * (when his national number is known); the entry for the Limosa cadastre.
 */
export async function recordDecisionEffects(trx: Transaction<Database>, effect: Effect): Promise<void> {
  const { row, status, version, command, now } = effect;
  const today = todayInBelgium(now);
  const type =
    command.type === "GRANT_RESIDENCE" ? "46" : command.type === "DEEMED_GRANT" ? "47" : status === "refused" ? "48" : command.type === "REVOKE" ? "revocation" : null;
  if (!type) return;

  if (type === "46" || type === "47") {
    const employmentEnd = row.filed_form?.kind === "single" ? row.filed_form.employmentEnd : undefined;
    const validity = permitValidity(today, employmentEnd || undefined);
    await insertPermit(trx, { applicationId: row.id, verificationCode: newVerificationCode(), annex: type, grantedAt: now, ...validity });
  }
  if (type === "revocation") await revokePermit(trx, row.id, today, effect.decision?.reason ?? null);

  const recipients: Recipient[] = [];
  if (row.employer_id) recipients.push({ kind: "enterprise", id: await enterpriseNumberOf(trx, row.employer_id) });
  if (row.worker_id) {
    const personNumber = await personNumberOf(trx, row.worker_id);
    if (personNumber) recipients.push({ kind: "person", id: personNumber });
  }
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
        payload: { type, language, courtesy: language !== procedureLanguage, recipient, caseVersion: version },
      });
    }
  }
  await enqueue(trx, {
    key: `cadastre:${row.id}:v${version}`,
    kind: "cadastre.feed",
    applicationId: row.id,
    payload: {
      caseVersion: version,
      status: type === "48" ? "refused" : type === "revocation" ? "revoked" : "valid",
      statusOn: today,
      reason: effect.decision?.reason ?? null,
    },
  });
}
