import { sql } from "kysely";
import { formatEnterpriseNumber, parseEnterpriseNumber } from "../../forms/identifiers";
import type { FieldErrors } from "../../forms/errors";
import { addDays, todayInBelgium } from "../../workflows/legal-clock";
import type { DB } from "../db/db.server";
import { ForbiddenError, NotFoundError } from "../errors";
import { isUuid } from "../ids";
import type { User } from "../identity/user";
import { lookUpEnterprise } from "../registers/enterprise-register.server";

/**
 * A worker's consent that one enterprise may see his current permit (from the cadastre) and
 * file a change of employer for him (issue 17.1; docs/decisions/021-change-of-employer.md).
 * Given and withdrawn only by the worker himself, in his own account; it lasts
 * CONSENT_DAYS unless withdrawn sooner. No text sets that length: it is the portal's choice,
 * long enough for a hiring and its filing, short enough that a forgotten consent ends
 * (purpose limitation, GDPR art. 5(1)(b)).
 */
export const CONSENT_DAYS = 90;

/** Who gives consent: a person with a national number who may hold a single permit. */
const CONSENTING_ROLES = ["worker", "resident"] as const;

export interface PermitConsent {
  id: string;
  enterpriseNumber: string;
  enterpriseName: string | null;
  givenAt: string;
  expiresOn: string;
  withdrawnAt: string | null;
  /** In force today: not withdrawn, not expired. */
  active: boolean;
}

function requireConsentingWorker(user: User): string {
  if (!(CONSENTING_ROLES as readonly string[]).includes(user.role) || !user.personNumber) {
    throw new ForbiddenError("only the worker himself gives or withdraws consent");
  }
  return user.personNumber;
}

/** The worker's consents, in force first, then the rest, newest first. */
export async function listConsents(db: DB, user: User, now = new Date()): Promise<PermitConsent[]> {
  const personNumber = requireConsentingWorker(user);
  const today = todayInBelgium(now);
  const rows = await db
    .selectFrom("permit_consents")
    .leftJoin("employers", "employers.enterprise_number", "permit_consents.enterprise_number")
    .select([
      "permit_consents.id",
      "permit_consents.enterprise_number",
      "employers.name as enterprise_name",
      "permit_consents.given_at",
      sql<string>`to_char(permit_consents.expires_on, 'YYYY-MM-DD')`.as("expires_on"),
      "permit_consents.withdrawn_at",
    ])
    .where("permit_consents.worker_person_number", "=", personNumber)
    .orderBy("permit_consents.given_at", "desc")
    .limit(100)
    .execute();
  const consents = rows.map((row) => ({
    id: row.id,
    enterpriseNumber: row.enterprise_number,
    enterpriseName: row.enterprise_name,
    givenAt: new Date(row.given_at).toISOString(),
    expiresOn: row.expires_on,
    withdrawnAt: row.withdrawn_at ? new Date(row.withdrawn_at).toISOString() : null,
    active: row.withdrawn_at === null && row.expires_on >= today,
  }));
  return [...consents.filter((c) => c.active), ...consents.filter((c) => !c.active)];
}

export type GiveConsentResult = { ok: true; consentId: string } | { ok: false; errors: FieldErrors };

/**
 * The worker consents for the enterprise with this number. The number must be valid and
 * known to the enterprise register (he is told which it is before anything is shared). A
 * consent still in force for the same enterprise is renewed from today, not doubled.
 */
export async function giveConsent(db: DB, user: User, enterpriseNumberTyped: string, now = new Date()): Promise<GiveConsentResult> {
  const personNumber = requireConsentingWorker(user);
  const parsed = parseEnterpriseNumber(enterpriseNumberTyped);
  if (!parsed.ok) {
    return { ok: false, errors: { enterpriseNumber: { key: parsed.error === "required" ? "consents.errors.required" : "consents.errors.invalid" } } };
  }
  const enterprise = await lookUpEnterprise(db, parsed.value);
  if (!enterprise) {
    return { ok: false, errors: { enterpriseNumber: { key: "consents.errors.unknown", values: { number: formatEnterpriseNumber(parsed.value) } } } };
  }
  const today = todayInBelgium(now);
  const expiresOn = addDays(today, CONSENT_DAYS);
  return db.transaction().execute(async (trx) => {
    const current = await trx
      .selectFrom("permit_consents")
      .select("id")
      .where("worker_person_number", "=", personNumber)
      .where("enterprise_number", "=", parsed.value)
      .where("withdrawn_at", "is", null)
      .where("expires_on", ">=", today)
      .forUpdate()
      .executeTakeFirst();
    if (current) {
      await trx.updateTable("permit_consents").set({ given_at: now, expires_on: expiresOn }).where("id", "=", current.id).execute();
      return { ok: true as const, consentId: current.id };
    }
    const row = await trx
      .insertInto("permit_consents")
      .values({ worker_person_number: personNumber, enterprise_number: parsed.value, given_at: now, expires_on: expiresOn, withdrawn_at: null })
      .returning("id")
      .executeTakeFirstOrThrow();
    return { ok: true as const, consentId: row.id };
  });
}

/** The worker withdraws one of his consents; someone else's, or an unknown id, is not found. */
export async function withdrawConsent(db: DB, user: User, consentId: string, now = new Date()): Promise<void> {
  const personNumber = requireConsentingWorker(user);
  if (!isUuid(consentId)) throw new NotFoundError(`consent ${consentId}`);
  const row = await db
    .selectFrom("permit_consents")
    .select(["id", "withdrawn_at"])
    .where("id", "=", consentId)
    .where("worker_person_number", "=", personNumber)
    .executeTakeFirst();
  if (!row) throw new NotFoundError(`consent ${consentId}`);
  if (row.withdrawn_at !== null) return; // withdrawn already: the same answer, nothing changes
  await db.updateTable("permit_consents").set({ withdrawn_at: now }).where("id", "=", consentId).execute();
}

/** Does the worker with this national number consent, today, to this enterprise? */
export async function hasConsent(db: DB, workerPersonNumber: string, enterpriseNumber: string, now = new Date()): Promise<boolean> {
  const row = await db
    .selectFrom("permit_consents")
    .select("id")
    .where("worker_person_number", "=", workerPersonNumber)
    .where("enterprise_number", "=", enterpriseNumber)
    .where("withdrawn_at", "is", null)
    .where("expires_on", ">=", todayInBelgium(now))
    .executeTakeFirst();
  return row !== undefined;
}
