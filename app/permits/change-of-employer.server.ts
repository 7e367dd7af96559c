import type { Transaction } from "kysely";
import { procedureLanguageFor, type Language, type RegionalAuthority } from "../../forms/authorities";
import { CHANGE_OF_EMPLOYER_FORM_VERSION, type ChangeOfEmployerData } from "../../forms/change-of-employer";
import { residenceAffected } from "../../workflows/change-of-employer";
import { todayInBelgium } from "../../workflows/legal-clock";
import { recordRead } from "../audit/audit.server";
import { decidePermitView } from "../cases/access.server";
import { insertSubmittedApplication, fileOnce, type Filed } from "../cases/filing.server";
import type { DB } from "../db/db.server";
import type { Database } from "../db/schema";
import { ConflictError, ForbiddenError } from "../errors";
import type { User } from "../identity/user";
import { withinTimeLimit } from "../systems/stub-behaviour";
import { outsideSystems } from "../systems/outside-systems.server";
import { hasConsent } from "./consents.server";
import { stopUnemploymentClock } from "./unemployment.server";

/**
 * A change of employer (issue 17.1; docs/decisions/021-change-of-employer.md): the new
 * employer, with the worker's consent, sees the worker's current permit from the cadastre
 * and files the change as a case of kind "change-of-employer" with the competent region
 * (and the OE where the residence is affected). Approval ends the former permit
 * (case-commands.server.ts, EMPLOYER_CHANGED).
 */

/** What the new employer is shown of the worker's current permit, from the cadastre. */
export interface CurrentPermit {
  caseReference: string;
  workerName: string;
  employerName: string | null;
  employerEnterpriseNumber: string | null;
  authority: string;
  category: string;
  job: string | null;
  placeOfWork: string | null;
  validFrom: string | null;
  validUntil: string | null;
  /** An unlimited permit gives unlimited access to the labour market; a single permit one employer. */
  labourMarket: "limited" | "unlimited";
}

export type PermitLookup =
  | { state: "shown"; permit: CurrentPermit }
  | { state: "no-consent" }
  | { state: "no-permit" }
  | { state: "own-permit" }
  | { state: "unavailable" };

const PURPOSE = "change-of-employer";

/**
 * The worker's current permit as the cadastre holds it, for the representative of the
 * enterprise he acts for — only with the worker's consent to that enterprise. Every look-up
 * is written to the audit log, refused ones too (an employer trying national numbers shows).
 */
export async function currentPermitFor(db: DB, user: User, personNumber: string, now = new Date()): Promise<PermitLookup> {
  if (user.role !== "employer" || !user.actingFor) throw new ForbiddenError("only a representative acting for an enterprise files a change of employer");
  const enterpriseConsented = await hasConsent(db, personNumber, user.actingFor.enterpriseNumber, now);
  if (!decidePermitView(user, { enterpriseConsented }).allowed) {
    await recordRead(db, user, { subject: { type: "cadastre", id: personNumber }, purpose: PURPOSE, allowed: false, action: "view" });
    return { state: "no-consent" };
  }
  const systems = outsideSystems(db);
  let consultation;
  try {
    consultation = await withinTimeLimit("cadastre", systems.timeLimitMs, () => systems.cadastre.consult({ personNumber }));
  } catch {
    return { state: "unavailable" };
  }
  const today = todayInBelgium(now);
  const current = consultation.permits
    .filter((permit) => permit.status === "valid" && (permit.valid_until === null || permit.valid_until >= today))
    .sort((a, b) => (b.valid_from ?? "").localeCompare(a.valid_from ?? ""))[0];
  const application = current
    ? await db.selectFrom("applications").select("id").where("reference", "=", current.case_reference).executeTakeFirst()
    : undefined;
  await recordRead(db, user, {
    subject: { type: "cadastre", id: current?.case_reference ?? personNumber },
    applicationId: application?.id ?? null,
    purpose: PURPOSE,
    allowed: true,
    action: "view",
  });
  if (!current) return { state: "no-permit" };
  if (current.employer_enterprise_number === user.actingFor.enterpriseNumber) return { state: "own-permit" };
  return {
    state: "shown",
    permit: {
      caseReference: current.case_reference,
      workerName: `${current.worker_given_names} ${current.worker_family_name}`,
      employerName: current.employer_name,
      employerEnterpriseNumber: current.employer_enterprise_number,
      authority: current.authority,
      category: current.category,
      job: current.job,
      placeOfWork: current.place_of_work,
      validFrom: current.valid_from,
      validUntil: current.valid_until,
      labourMarket: current.permit_kind === "permanent" ? "unlimited" : "limited",
    },
  };
}

/**
 * Files the change once (a resent form finds it filed): the permit must still be the one
 * shown, with the consent still in force; the case goes to the region of the new place of
 * work, the OE too where the residence is affected (workflows/change-of-employer.ts), and
 * its clock is the opposition window from today.
 */
export async function fileChangeOfEmployer(
  db: DB,
  user: User,
  filing: {
    applicationId: string;
    personNumber: string;
    data: Omit<ChangeOfEmployerData, "previousCaseReference" | "previousEmployerName" | "previousValidUntil">;
    authority: RegionalAuthority;
    uiLanguage: Language;
  },
  now = new Date(),
): Promise<Filed> {
  const employer = user.actingFor;
  if (user.role !== "employer" || !employer) throw new ForbiddenError("only a representative acting for an enterprise files a change of employer");
  if (!user.mandates.some((mandate) => mandate.employerId === employer.employerId)) throw new ConflictError("applicationForm.errors.mandateEnded");
  const lookup = await currentPermitFor(db, user, filing.personNumber, now);
  if (lookup.state !== "shown") throw new ConflictError(`changeOfEmployer.errors.${lookupMessage(lookup.state)}`);
  const { permit } = lookup;
  const previous = await db
    .selectFrom("applications")
    .select(["id", "worker_id"])
    .where("reference", "=", permit.caseReference)
    .executeTakeFirst();
  if (!previous?.worker_id) throw new ConflictError("changeOfEmployer.errors.noPermit");
  const oeConcerned = residenceAffected(permit.validUntil, filing.data.employmentEnd || null);
  const data: ChangeOfEmployerData = {
    ...filing.data,
    previousCaseReference: permit.caseReference,
    previousEmployerName: permit.employerName,
    previousValidUntil: permit.validUntil,
  };
  return fileOnce(db, filing.applicationId, { employerId: employer.employerId, userId: user.id }, async (trx) => {
    const reference = await insertSubmittedApplication(trx, {
      applicationId: filing.applicationId,
      kind: "change-of-employer",
      category: "change-of-employer",
      employmentCategory: null,
      user,
      employerId: employer.employerId,
      workerId: previous.worker_id!,
      authority: filing.authority,
      procedureLanguage: procedureLanguageFor(filing.authority, filing.uiLanguage),
      formVersion: CHANGE_OF_EMPLOYER_FORM_VERSION,
      filedForm: { kind: "change-of-employer", ...data, uiLanguage: filing.uiLanguage },
      now,
      changesApplicationId: previous.id,
      oeConcerned,
    });
    await onChangeOfEmployerFiled(trx, { applicationId: filing.applicationId, reference, workerId: previous.worker_id!, changesApplicationId: previous.id, filedAt: now });
    return reference;
  });
}

/**
 * Called once, in the filing's transaction, when a change of employer is FILED: a change
 * filed within the worker's period without work stops that period's clock (issue 17.2;
 * Directive 2024/1233 art. 11; ADR 022). A period already run out stays before the OE.
 */
export async function onChangeOfEmployerFiled(
  trx: Transaction<Database>,
  filed: { applicationId: string; reference: string; workerId: string; changesApplicationId: string; filedAt: Date },
): Promise<void> {
  const worker = await trx.selectFrom("workers").select("person_number").where("id", "=", filed.workerId).executeTakeFirst();
  if (!worker?.person_number) return;
  await stopUnemploymentClock(trx, worker.person_number, `change of employer ${filed.reference}`, filed.filedAt);
}

function lookupMessage(state: Exclude<PermitLookup["state"], "shown">): string {
  switch (state) {
    case "no-consent":
      return "noConsent";
    case "no-permit":
      return "noPermit";
    case "own-permit":
      return "ownPermit";
    case "unavailable":
      return "cadastreUnavailable";
  }
}

export { lookupMessage };
