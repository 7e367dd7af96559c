import type { Transaction } from "kysely";
import type { DB } from "../db/db.server";
import type { Database } from "../db/schema";

/** The SQL of documents: one row per uploaded file, its bytes in the document store by SHA-256. */
type Queryable = DB | Transaction<Database>;

export async function insertDocument(
  db: Queryable,
  document: { applicationId: string; item: string; fileName: string; mediaType: string; sizeBytes: number; sha256: string; uploadedBy: string },
): Promise<string> {
  const row = await db
    .insertInto("documents")
    .values({
      application_id: document.applicationId,
      item: document.item,
      file_name: document.fileName,
      media_type: document.mediaType,
      size_bytes: document.sizeBytes,
      sha256: document.sha256,
      uploaded_by: document.uploadedBy,
    })
    .returning("id")
    .executeTakeFirstOrThrow();
  return row.id;
}

/** An application's documents that are not removed, oldest first. */
export function listDocuments(db: Queryable, applicationId: string) {
  return db
    .selectFrom("documents")
    .select(["id", "item", "file_name", "media_type", "size_bytes", "sha256", "uploaded_by", "created_at"])
    .where("application_id", "=", applicationId)
    .where("removed_at", "is", null)
    .orderBy("created_at")
    .orderBy("id")
    .execute();
}

/** A document of this item with these bytes that is not removed, if there is one. */
export function findSameDocument(db: Queryable, document: { applicationId: string; item: string; sha256: string }) {
  return db
    .selectFrom("documents")
    .select(["id", "file_name"])
    .where("application_id", "=", document.applicationId)
    .where("item", "=", document.item)
    .where("sha256", "=", document.sha256)
    .where("removed_at", "is", null)
    .executeTakeFirst();
}

export function findDocument(db: Queryable, documentId: string) {
  return db.selectFrom("documents").selectAll().where("id", "=", documentId).where("removed_at", "is", null).executeTakeFirst();
}

/** Marks a document removed (the bytes stay: other rows may share them); true if it was there. */
export async function markDocumentRemoved(db: Queryable, applicationId: string, documentId: string, at: Date): Promise<boolean> {
  const result = await db
    .updateTable("documents")
    .set({ removed_at: at })
    .where("id", "=", documentId)
    .where("application_id", "=", applicationId)
    .where("removed_at", "is", null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}

export async function deleteDocumentsOf(trx: Transaction<Database>, applicationId: string): Promise<void> {
  await trx.deleteFrom("documents").where("application_id", "=", applicationId).execute();
}
