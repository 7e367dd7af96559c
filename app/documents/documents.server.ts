import { MaxPartSizeExceededError, unstable_createMemoryUploadHandler, unstable_parseMultipartFormData } from "@remix-run/node";
import { createHash, randomBytes } from "node:crypto";
import { mkdir, readFile, rename, stat, unlink, writeFile } from "node:fs/promises";
import { dirname, join } from "node:path";
import { checkUpload, MAX_FILE_BYTES, MAX_FILES_PER_UPLOAD, sanitiseFileName, type UploadRejection } from "../../forms/documents";
import type { DB } from "../db/db.server";
import { assertSameOrigin } from "../http/form.server";

export { checkUpload };

/**
 * Where document bytes live. The local store keeps each content once, named by its
 * SHA-256, outside the web root; an S3-compatible store would implement the same two methods.
 */
export interface DocumentStore {
  put(bytes: Uint8Array): Promise<{ sha256: string }>;
  get(sha256: string): Promise<Uint8Array | null>;
}

const SHA256_HEX = /^[0-9a-f]{64}$/;

/** Files under `root/ab/cd/<sha256>`; written aside and renamed, so a crash never leaves half a file. */
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
        await mkdir(dirname(path), { recursive: true });
        const temporary = `${path}.${randomBytes(6).toString("hex")}.tmp`;
        try {
          await writeFile(temporary, bytes, { mode: 0o600, flag: "wx" });
          // Same content under the same name: a concurrent put of the same bytes is harmless.
          await rename(temporary, path);
        } catch (error) {
          await unlink(temporary).catch(() => undefined);
          throw error;
        }
      }
      return { sha256 };
    },
    async get(sha256) {
      if (!SHA256_HEX.test(sha256)) return null;
      return readFile(pathOf(sha256)).then(
        (buffer) => new Uint8Array(buffer.buffer, buffer.byteOffset, buffer.byteLength),
        () => null,
      );
    },
  };
}

export interface UploadForm {
  fields: Record<string, string>;
  /** Files of the asked-for fields, names sanitised; contents are not checked yet (see checkUpload). */
  files: { field: string; fileName: string; bytes: Uint8Array }[];
  rejected: { field: string; fileName: string; reason: UploadRejection }[];
}

/** The files of one upload at the limit and the form around them. */
const MAX_BODY_BYTES = MAX_FILE_BYTES * MAX_FILES_PER_UPLOAD + 1024 * 1024;
/** A text field of an upload form is small. */
const MAX_TEXT_FIELD_BYTES = 64 * 1024;

const tooLarge = () => new Response("Payload Too Large", { status: 413 });

async function drain(data: AsyncIterable<Uint8Array>): Promise<void> {
  for await (const chunk of data) void chunk;
}

/** The body, cut off with an error past `limit` bytes, whatever Content-Length claimed. */
function limitBody(body: ReadableStream<Uint8Array>, limit: number, onExceeded: () => void): ReadableStream<Uint8Array> {
  let total = 0;
  return body.pipeThrough(
    new TransformStream<Uint8Array, Uint8Array>({
      transform(chunk, controller) {
        total += chunk.byteLength;
        if (total > limit) {
          onExceeded();
          controller.error(new Error("body too large"));
          return;
        }
        controller.enqueue(chunk);
      },
    }),
  );
}

/**
 * Reads a multipart/form-data upload after the checks every form gets: same origin
 * (Origin / Sec-Fetch-Site, 403), not oversized (413), the session's CSRF token (403).
 * Only files of `fileFields` are kept; a file over MAX_FILE_BYTES is a "too-large"
 * rejection for that field, not an error for the whole request.
 */
export async function readUploadForm(
  request: Request,
  user: { csrf: string },
  fileFields: string[],
): Promise<UploadForm> {
  assertSameOrigin(request);
  const type = request.headers.get("Content-Type") ?? "";
  if (!/^multipart\/form-data\s*;/i.test(type)) throw new Response("Unsupported Media Type", { status: 415 });
  if (Number(request.headers.get("Content-Length") ?? "0") > MAX_BODY_BYTES) throw tooLarge();
  if (!request.body) throw new Response("Bad Request", { status: 400 });

  let exceeded = false;
  const limited = new Request(request.url, {
    method: "POST",
    headers: request.headers,
    body: limitBody(request.body, MAX_BODY_BYTES, () => (exceeded = true)),
    duplex: "half",
  } as RequestInit);

  const rejected: UploadForm["rejected"] = [];
  const fileHandler = unstable_createMemoryUploadHandler({ maxPartSize: MAX_FILE_BYTES + 1 });
  const textHandler = unstable_createMemoryUploadHandler({ maxPartSize: MAX_TEXT_FIELD_BYTES });
  let formData: FormData;
  try {
    formData = await unstable_parseMultipartFormData(limited, async (part) => {
      if (part.filename === undefined) {
        if (fileFields.includes(part.name)) {
          await drain(part.data); // an empty file input arrives without a file name: no file
          return undefined;
        }
        try {
          return await textHandler(part);
        } catch (error) {
          if (error instanceof MaxPartSizeExceededError) throw tooLarge();
          throw error;
        }
      }
      if (!fileFields.includes(part.name)) {
        await drain(part.data); // a file for a slot that is not open: read past it, keep nothing
        return undefined;
      }
      try {
        return await fileHandler(part);
      } catch (error) {
        if (!(error instanceof MaxPartSizeExceededError)) throw error;
        // Read past the rest of the part (unread, the parser would buffer it) and go on.
        await drain(part.data);
        rejected.push({ field: part.name, fileName: sanitiseFileName(part.filename), reason: "too-large" });
        return undefined;
      }
    });
  } catch (error) {
    if (error instanceof Response) throw error;
    if (exceeded) throw tooLarge();
    throw new Response("Bad Request", { status: 400 });
  }

  if (!user.csrf || formData.get("csrf") !== user.csrf) throw new Response("Forbidden", { status: 403 });

  const fields: Record<string, string> = {};
  const files: UploadForm["files"] = [];
  for (const [name, value] of formData) {
    if (typeof value === "string") {
      fields[name] = value;
    } else if (value.size > 0 || value.name) {
      // An empty file input posts a nameless, empty part: that is "no file", not an empty file.
      files.push({ field: name, fileName: sanitiseFileName(value.name), bytes: new Uint8Array(await value.arrayBuffer()) });
    }
  }
  return { fields, files, rejected };
}

/** Checks and stores one file for an application's document item; nothing is kept when refused. */
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

/** An application's documents that are not removed, oldest first. */
export async function listDocuments(db: DB, applicationId: string): Promise<DocumentListing[]> {
  const rows = await db
    .selectFrom("documents")
    .select(["id", "item", "file_name", "media_type", "size_bytes", "sha256", "uploaded_by", "created_at"])
    .where("application_id", "=", applicationId)
    .where("removed_at", "is", null)
    .orderBy("created_at")
    .orderBy("id")
    .execute();
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

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Marks a document removed (the bytes stay: other rows may share them); only one of that application. */
export async function removeDocument(db: DB, target: { applicationId: string; documentId: string }): Promise<boolean> {
  if (!UUID.test(target.documentId) || !UUID.test(target.applicationId)) return false;
  const result = await db
    .updateTable("documents")
    .set({ removed_at: new Date() })
    .where("id", "=", target.documentId)
    .where("application_id", "=", target.applicationId)
    .where("removed_at", "is", null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}
