import { checkUpload, isAcceptedMediaType, storedFileName, type UploadRejection } from "../../forms/documents";
import { requireCase, type Viewer } from "../cases/access.server";
import { insertCaseEvent, openRequestItems } from "../cases/cases.repository";
import type { DB } from "../db/db.server";
import type { ApplicationRow } from "../db/schema";
import { ConflictError, NotFoundError } from "../errors";
import { isUuid } from "../ids";
import type { User } from "../identity/user";
import { findDocument, findSameDocument, insertDocument, listDocuments, markDocumentRemoved } from "./documents.repository";
import { requestItemSlot } from "./request-items";
import type { DocumentStore } from "./store.server";

/**
 * Documents of applications. While an application is a draft its files come and go freely.
 * Once it is filed the evidence is never deleted: the applicant adds files only for the
 * items of an open request for documents, and may replace those until he sends the answer;
 * every such change is a line in the case's history.
 */

export interface DocumentListing {
  id: string;
  item: string;
  fileName: string;
  mediaType: string;
  sizeBytes: number;
  sha256: string;
  uploadedBy: string;
  createdAt: Date;
}

export async function documentsOf(db: DB, applicationId: string): Promise<DocumentListing[]> {
  const rows = await listDocuments(db, applicationId);
  return rows.map((row) => ({
    id: row.id,
    item: row.item,
    fileName: row.file_name,
    mediaType: row.media_type,
    sizeBytes: row.size_bytes,
    sha256: row.sha256,
    uploadedBy: row.uploaded_by,
    createdAt: new Date(row.created_at),
  }));
}

/**
 * Checks and stores one file for an application's document item, named with the extension
 * of the type its content was recognised as; nothing is kept when refused. The same content
 * sent again for the same item (a second click, a form that sent its files twice) is the
 * file already there, not a second copy (`added: false`).
 */
export async function storeDocument(
  db: DB,
  store: DocumentStore,
  input: { applicationId: string; item: string; fileName: string; bytes: Uint8Array; uploadedBy: string },
): Promise<{ ok: true; id: string; fileName: string; added: boolean } | { ok: false; reason: UploadRejection }> {
  const checked = checkUpload(input.bytes);
  if (!checked.ok) return checked;
  const { sha256 } = await store.put(input.bytes);
  const same = await findSameDocument(db, { applicationId: input.applicationId, item: input.item, sha256 });
  if (same) return { ok: true, id: same.id, fileName: same.file_name, added: false };
  const fileName = storedFileName(input.fileName, checked.mediaType);
  const id = await insertDocument(db, {
    applicationId: input.applicationId,
    item: input.item,
    fileName,
    mediaType: checked.mediaType,
    sizeBytes: input.bytes.length,
    sha256,
    uploadedBy: input.uploadedBy,
  });
  return { ok: true, id, fileName, added: true };
}

/** Removes a file from a draft (the caller holds the draft); a filed application's files stay. */
export async function removeDraftDocument(db: DB, draft: { id: string }, documentId: string, now = new Date()): Promise<boolean> {
  if (!isUuid(documentId)) return false;
  const document = await findDocument(db, documentId);
  if (!document || document.application_id !== draft.id) return false;
  return markDocumentRemoved(db, draft.id, documentId, now);
}

export type RequestUpload = { field: string; fileName: string; bytes: Uint8Array };
export type RequestUploadOutcome = { item: string; fileName: string; reason: UploadRejection };

/** The items of the case's open requests, with the upload field each is sent in. */
export async function openRequestSlots(db: DB, caseId: string) {
  const items = await openRequestItems(db, caseId);
  return items.map((item) => ({ id: item.id, label: item.label, field: `file-${item.id}` }));
}

/**
 * Files the applicant sends in answer to an open request, each for its item: checked,
 * stored, and written in the history. Refused files are returned by name; the others stay.
 */
export async function addRequestedDocuments(
  db: DB,
  store: DocumentStore,
  user: User,
  caseRow: ApplicationRow,
  files: RequestUpload[],
  now = new Date(),
): Promise<RequestUploadOutcome[]> {
  const slots = await openRequestSlots(db, caseRow.id);
  const refused: RequestUploadOutcome[] = [];
  for (const file of files) {
    const slot = slots.find((candidate) => candidate.field === file.field);
    if (!slot) continue; // a slot closed meanwhile: nothing to file it under
    const stored = await storeDocument(db, store, {
      applicationId: caseRow.id,
      item: requestItemSlot(slot.id),
      fileName: file.fileName,
      bytes: file.bytes,
      uploadedBy: user.id,
    });
    if (!stored.ok) {
      refused.push({ item: slot.label, fileName: file.fileName, reason: stored.reason });
      continue;
    }
    if (stored.added) await documentEvent(db, user, caseRow, "document-added", { documentId: stored.id, fileName: stored.fileName, item: slot.label }, now);
  }
  return refused;
}

/**
 * Takes back a file sent for an open request, before the answer is sent (to replace a
 * wrong scan). Files filed with the application, or for a request already answered, stay.
 */
export async function removeRequestedDocument(db: DB, user: User, caseRow: ApplicationRow, documentId: string, now = new Date()): Promise<void> {
  const document = isUuid(documentId) ? await findDocument(db, documentId) : undefined;
  if (!document || document.application_id !== caseRow.id) throw new NotFoundError(`document ${documentId}`);
  const slot = (await openRequestSlots(db, caseRow.id)).find((candidate) => requestItemSlot(candidate.id) === document.item);
  if (!slot) throw new ConflictError("requests.errors.documentKept");
  if (await markDocumentRemoved(db, caseRow.id, document.id, now)) {
    await documentEvent(db, user, caseRow, "document-removed", { documentId: document.id, fileName: document.file_name, item: slot.label }, now);
  }
}

async function documentEvent(db: DB, user: User, caseRow: ApplicationRow, type: string, detail: Record<string, unknown>, at: Date) {
  await insertCaseEvent(db, {
    applicationId: caseRow.id,
    type,
    actor: { userId: user.id, role: user.role, authority: null },
    fromStatus: caseRow.status,
    toStatus: caseRow.status,
    reason: null,
    detail,
    version: caseRow.version,
    at,
  });
}

/**
 * A document of a case for whoever may see the case (the applicant's side follows it, an
 * officer handles it: his read of this document is logged with its id). The draft's own
 * documents are not downloaded: the representative has them.
 */
export async function documentForDownload(db: DB, store: DocumentStore, viewer: User, documentId: string) {
  const document = isUuid(documentId) ? await findDocument(db, documentId) : undefined;
  if (!document) throw new NotFoundError(`document ${documentId}`);
  const officer = viewer.role === "regional-officer" || viewer.role === "oe-officer";
  await requireCase(db, { user: viewer } satisfies Viewer, document.application_id, officer ? "handle" : "follow", { documentId: document.id });
  const bytes = await store.get(document.sha256);
  if (!bytes) throw new NotFoundError(`bytes of document ${documentId}`);
  // Named by what it is (rows stored before names followed the content keep their type's extension here).
  const mediaType = isAcceptedMediaType(document.media_type) ? document.media_type : null;
  if (!mediaType) throw new NotFoundError(`document ${documentId} of an unknown type`);
  return { fileName: storedFileName(document.file_name, mediaType), mediaType, bytes };
}
