import { unstable_createMemoryUploadHandler, unstable_parseMultipartFormData, MaxPartSizeExceededError } from "@remix-run/node";
import { createHash, randomBytes } from "node:crypto";
import { mkdir, readFile, rename, stat, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { checkUpload, MAX_FILE_BYTES, sanitiseFileName, type UploadRejection } from "../../forms/documents";
import type { DB } from "../db/db.server";
import { assertSameOrigin } from "./form.server";

/**
 * Where document bytes live. The local store keeps each content once, named by its
 * SHA-256, outside the web root; an S3-compatible store would implement the same two methods.
 */
export interface DocumentStore {
  put(bytes: Uint8Array): Promise<{ sha256: string }>;
  get(sha256: string): Promise<Uint8Array | null>;
}

export function localDocumentStore(root = process.env.DOCUMENTS_DIR ?? "./data/documents"): DocumentStore {
  const pathOf = (sha256: string) => join(root, sha256.slice(0, 2), sha256.slice(2, 4), sha256);
  return {
    async put(bytes) {
      const sha256 = createHash("sha256").update(bytes).digest("hex");
      const path = pathOf(sha256);
      const exists = await stat(path).then(
        () => true,
        () => false,
      );
      if (!exists) {
        await mkdir(join(path, ".."), { recursive: true });
        // Written aside then renamed: a crash never leaves half a file under the real name.
        const temporary = `${path}.${randomBytes(6).toString("hex")}.tmp`;
        await writeFile(temporary, bytes, { mode: 0o600 });
        await rename(temporary, path);
      }
      return { sha256 };
    },
    async get(sha256) {
      if (!/^[0-9a-f]{64}$/.test(sha256)) return null;
      return readFile(pathOf(sha256)).then(
        (buffer) => new Uint8Array(buffer),
        () => null,
      );
    },
  };
}

export interface UploadForm {
  fields: Record<string, string>;
  files: { field: string; fileName: string; bytes: Uint8Array }[];
  rejected: { field: string; fileName: string; reason: UploadRejection }[];
}

const MAX_BODY_BYTES = MAX_FILE_BYTES * 5 + 1024 * 1024;

/**
 * Reads a multipart upload after the checks every form gets (same origin, CSRF token). A
 * file over the limit is a rejection for that file, not an error for the request.
 */
export async function readUploadForm(request: Request, user: { csrf: string }, fileFields: string[]): Promise<UploadForm> {
  assertSameOrigin(request);
  if (Number(request.headers.get("Content-Length") ?? "0") > MAX_BODY_BYTES) {
    throw new Response("Payload Too Large", { status: 413 });
  }
  const rejected: UploadForm["rejected"] = [];
  const memory = unstable_createMemoryUploadHandler({ maxPartSize: MAX_FILE_BYTES + 1 });
  let formData: FormData;
  try {
    formData = await unstable_parseMultipartFormData(request, async (part) => {
      if (part.filename !== undefined && !fileFields.includes(part.name)) {
        // A file for a slot that is not open: read and drop it.
        for await (const chunk of part.data) void chunk;
        return undefined;
      }
      try {
        return await memory(part);
      } catch (error) {
        if (!(error instanceof MaxPartSizeExceededError)) throw error;
        rejected.push({ field: part.name, fileName: sanitiseFileName(part.filename ?? ""), reason: "too-large" });
        return undefined;
      }
    });
  } catch (error) {
    if (error instanceof Response) throw error;
    throw new Response("Bad Request", { status: 400 });
  }
  if (formData.get("csrf") !== user.csrf || !user.csrf) throw new Response("Forbidden", { status: 403 });
  const fields: Record<string, string> = {};
  const files: UploadForm["files"] = [];
  for (const [name, value] of formData) {
    if (typeof value === "string") fields[name] = value.slice(0, 5000);
    else if (fileFields.includes(name) && (value.size > 0 || value.name)) {
      files.push({ field: name, fileName: sanitiseFileName(value.name), bytes: new Uint8Array(await value.arrayBuffer()) });
    }
  }
  return { fields, files, rejected };
}

export async function storeDocument(
  db: DB,
  store: DocumentStore,
  input: { applicationId: string; item: string; fileName: string; bytes: Uint8Array; uploadedBy: string },
): Promise<{ ok: true; id: string } | { ok: false; reason: UploadRejection }> {
  const checked = checkUpload(input.bytes);
  if (!checked.ok) return checked;
  const { sha256 } = await store.put(input.bytes);
  const row = await db
    .insertInto("documents")
    .values({
      application_id: input.applicationId,
      item: input.item,
      file_name: sanitiseFileName(input.fileName),
      media_type: checked.mediaType,
      size_bytes: input.bytes.length,
      sha256,
      uploaded_by: input.uploadedBy,
    })
    .returning("id")
    .executeTakeFirstOrThrow();
  return { ok: true, id: row.id };
}

export async function removeDocument(db: DB, target: { applicationId: string; documentId: string }): Promise<void> {
  if (!/^[0-9a-f-]{36}$/.test(target.documentId)) return;
  await db
    .updateTable("documents")
    .set({ removed_at: new Date() })
    .where("id", "=", target.documentId)
    .where("application_id", "=", target.applicationId)
    .where("removed_at", "is", null)
    .execute();
}
