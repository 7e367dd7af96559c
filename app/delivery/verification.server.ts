import { todayInBelgium } from "../../workflows/legal-clock";
import type { DB } from "../db/db.server";
import { addressKey, attempt, forgiveAttempt, VERIFY_POLICY } from "../identity/throttle.server";
import { findPermitByVerificationCode } from "./delivery.repository";
import { normaliseVerificationCode } from "./verification-code.server";
import { findAnnex49ByCode } from "../residence/residence.repository";
import { restoreResidence } from "../../workflows/residence-steps";
import { verifyAnnex51 } from "../revocation/revocation.server";

/** An annex 51 (app/revocation): initials only, as for a permit. */
async function annex51(db: DB, code: string, now: Date) {
  const annex = await verifyAnnex51(db, code, now);
  if (!annex) return null;
  const { names, ...shown } = annex;
  return { ...shown, holderInitials: initialsOf(names.given, names.family) };
}

export type PermitValidity = "valid" | "expired" | "revoked" | "not-yet-valid";

/**
 * What /verify tells anyone holding a permit document: whether it is valid, expired or
 * revoked, with only what is needed to match it to the paper (reference, dates, the
 * holder's initials), never the whole record.
 */
export async function verifyPermit(db: DB, input: string, now = new Date()) {
  const code = normaliseVerificationCode(input);
  if (!code) return null;
  const permit = await findPermitByVerificationCode(db, code);
  if (!permit) return (await verifyAnnex49(db, code)) ?? (await annex51(db, code, now));
  const today = todayInBelgium(now);
  const state: PermitValidity = permit.revoked_on
    ? "revoked"
    : permit.valid_until < today
      ? "expired"
      : permit.valid_from > today
        ? "not-yet-valid"
        : "valid";
  const initials = initialsOf(permit.given_names, permit.family_name);
  return {
    document: "permit" as const,
    code,
    state,
    reference: permit.reference ?? "",
    kind: permit.kind,
    annex: permit.annex,
    authority: permit.competent_authority,
    validFrom: permit.valid_from,
    validUntil: permit.valid_until,
    revokedOn: permit.revoked_on,
    holderInitials: initials,
  };
}

/**
 * An annex 49 (app/residence): the commune registered the holder, who may stay and work while
 * his card is made, or while the OE decides his renewal ("pending"); once the card is issued
 * the annex is replaced by it, and a refusal or an end of the permit ends it. Initials only, as for a permit.
 */
async function verifyAnnex49(db: DB, code: string) {
  const annex = await findAnnex49ByCode(db, code);
  if (!annex) return null;
  const { context } = restoreResidence(annex.machine_snapshot);
  return {
    document: "annex-49" as const,
    code,
    state: context.card
      ? ("replaced" as const)
      : ["revoked", "ended", "refused", "inadmissible", "withdrawn"].includes(annex.status)
        ? ("revoked" as const)
        : annex.stage === "annex-49-pending"
          ? ("pending" as const)
          : ("valid" as const),
    reference: annex.reference ?? "",
    commune: annex.commune,
    issuedOn: context.annex49On,
    card: context.card ? { type: context.card.type, issuedOn: context.card.issuedOn } : null,
    holderInitials: initialsOf(annex.given_names, annex.family_name),
  };
}

function initialsOf(givenNames: string | null, familyName: string | null): string {
  return [givenNames, familyName]
    .join(" ")
    .split(/\s+/)
    .filter(Boolean)
    .map((part) => `${[...part][0]}.`)
    .join(" ");
}

/**
 * /verify for a client address: every look-up counts against the address before it is
 * made (app/identity/throttle.server.ts), and one that finds a permit is taken back, so
 * that codes cannot be enumerated while a person checking real permits never meets the limit.
 */
export async function checkPermit(db: DB, input: string, clientAddress: string, now = new Date()) {
  const key = `verify-address:${addressKey(clientAddress)}`;
  const allowed = await attempt(db, [[key, VERIFY_POLICY]]);
  if (!allowed.allowed) return { throttled: true as const, retryAfterSeconds: allowed.retryAfterSeconds };
  const permit = await verifyPermit(db, input, now);
  if (permit) await forgiveAttempt(db, key);
  return { throttled: false as const, permit };
}
