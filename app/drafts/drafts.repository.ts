import { sql } from "kysely";
import type { DB } from "../db/db.server";
import type { DraftForm } from "../../forms/stored-forms";
import { deleteDocumentsOf } from "../documents/documents.repository";

/** The SQL of drafts: an `applications` row in status "draft" whose answers live in `draft_form`. */

/**
 * The portal's copy of an enterprise's register data, as the register answered on `today`;
 * left as it is when nothing changed since that day's consultation.
 */
export async function refreshEmployerCopy(
  db: DB,
  employerId: string,
  registered: { name: string; street: string; postalCode: string; municipality: string },
  today: string,
): Promise<void> {
  await db
    .updateTable("employers")
    .set({ name: registered.name, street: registered.street, postal_code: registered.postalCode, municipality: registered.municipality, source: "kbo", source_date: today })
    .where("id", "=", employerId)
    .where((eb) =>
      eb.or([
        eb("name", "<>", registered.name),
        eb("street", "<>", registered.street),
        eb("postal_code", "<>", registered.postalCode),
        eb("municipality", "<>", registered.municipality),
        eb("source_date", "<>", today),
      ]),
    )
    .execute();
}

export async function insertDraft(
  db: DB,
  draft: { id: string; createdBy: string; employerId: string; formVersion: number; form: DraftForm; at: Date },
): Promise<void> {
  await db
    .insertInto("applications")
    .values({
      id: draft.id,
      kind: "single",
      status: "draft",
      created_by: draft.createdBy,
      employer_id: draft.employerId,
      form_version: draft.formVersion,
      draft_form: JSON.stringify(draft.form),
      created_at: draft.at,
      updated_at: draft.at,
    })
    .execute();
}

/** A draft with the register's data of the enterprise it was started for. */
export function findDraftWithEmployer(db: DB, id: string) {
  return db
    .selectFrom("applications")
    .innerJoin("employers", "employers.id", "applications.employer_id")
    .select([
      "applications.id",
      "applications.status",
      "applications.created_by",
      "applications.employer_id",
      "applications.form_version",
      "applications.draft_form",
      "employers.name",
      "employers.enterprise_number",
      "employers.street",
      "employers.postal_code",
      "employers.municipality",
      "employers.source",
      "employers.source_date",
    ])
    .where("applications.id", "=", id)
    .where("applications.status", "=", "draft")
    .executeTakeFirst();
}

/**
 * Writes a draft's answers only if they are still `expected` (what the save read): false
 * when another save (a second tab) came in between, or the draft was filed meanwhile.
 */
export async function saveDraftFormIfUnchanged(db: DB, id: string, expected: DraftForm, next: DraftForm, formVersion: number): Promise<boolean> {
  const result = await db
    .updateTable("applications")
    .set({ draft_form: JSON.stringify(next), form_version: formVersion, updated_at: new Date() })
    .where("id", "=", id)
    .where("status", "=", "draft")
    .where(sql<boolean>`draft_form = ${JSON.stringify(expected)}::jsonb`)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}

export async function applicationStatus(db: DB, id: string) {
  const row = await db.selectFrom("applications").select("status").where("id", "=", id).executeTakeFirst();
  return row?.status ?? null;
}

/** A granted single permit of an enterprise, with what was filed: a renewal starts from it. */
export function findPermitCase(db: DB, id: string) {
  return db
    .selectFrom("applications")
    .leftJoin("permits", "permits.application_id", "applications.id")
    .select(["applications.id", "applications.employer_id", "applications.status", "applications.filed_form", "applications.kind", "permits.valid_until"])
    .where("applications.id", "=", id)
    .executeTakeFirst();
}

/** Deletes a draft and its document rows, unless it was filed meanwhile; true when deleted. */
export async function deleteDraftRow(db: DB, id: string): Promise<boolean> {
  return db.transaction().execute(async (trx) => {
    const row = await trx.selectFrom("applications").select("id").where("id", "=", id).where("status", "=", "draft").forUpdate().executeTakeFirst();
    if (!row) return false;
    await deleteDocumentsOf(trx, id);
    await trx.deleteFrom("applications").where("id", "=", id).execute();
    return true;
  });
}
