import { MAX_FILE_BYTES, MAX_FILES_PER_UPLOAD, sanitiseFileName, type UploadRejection } from "../../forms/documents";
import { cleanInput } from "../../forms/text";
import { assertSameOrigin, refuse } from "./form.server";

export interface UploadForm {
  fields: Record<string, string>;
  /** Files of the asked-for fields, names sanitised; contents are not checked yet (see checkUpload). */
  files: { field: string; fileName: string; bytes: Uint8Array }[];
  rejected: { field: string; fileName: string; reason: UploadRejection }[];
}

/**
 * What a person can be told on the same page, with nothing stored: the upload was over the
 * limit of one post ("too-large"), or its body is not a multipart form we can read
 * ("malformed": a cut-off or hand-made body, or another content type).
 */
export type UploadProblem = "too-large" | "malformed";

export type UploadRead = ({ ok: true } & UploadForm) | { ok: false; problem: UploadProblem };

/** The files of one upload at the limit and the form around them. */
export const MAX_UPLOAD_BODY_BYTES = MAX_FILE_BYTES * MAX_FILES_PER_UPLOAD + 1024 * 1024;
/** A text field of an upload form is small. */
const MAX_TEXT_FIELD_BYTES = 64 * 1024;

/** Past this much, a body is cut off (the connection reset) rather than read to its end. */
const MAX_DRAINED_BYTES = 4 * MAX_UPLOAD_BODY_BYTES;

/**
 * Reads the rest of a body we will not use, up to MAX_DRAINED_BYTES: a browser sends the whole
 * body before it reads the answer, so an answer given earlier over a connection we reset is
 * never shown (with JavaScript, the fetch just fails).
 */
async function drain(reader: ReadableStreamDefaultReader<Uint8Array>): Promise<void> {
  let total = 0;
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) return;
      total += value.byteLength;
      if (total > MAX_DRAINED_BYTES) {
        await reader.cancel();
        return;
      }
    }
  } catch {
    // the client went away: nobody to answer
  }
}

/**
 * The body up to `limit` bytes, whatever Content-Length claimed. Past it the returned stream
 * fails, and `state.rest` reads what the client still sends (see drain).
 */
function limitBody(body: ReadableStream<Uint8Array>, limit: number) {
  const reader = body.getReader();
  const state = { exceeded: false, rest: Promise.resolve() };
  let total = 0;
  const stream = new ReadableStream<Uint8Array>({
    async pull(controller) {
      try {
        const { done, value } = await reader.read();
        if (done) return controller.close();
        total += value.byteLength;
        if (total <= limit) return controller.enqueue(value);
        state.exceeded = true;
        state.rest = drain(reader);
        controller.error(new Error("body too large"));
      } catch (error) {
        controller.error(error);
      }
    },
    cancel(reason) {
      return reader.cancel(reason);
    },
  });
  return { stream, state };
}

/**
 * Reads a multipart/form-data upload after the check every form gets, same origin
 * (Origin / Sec-Fetch-Site, else 403); then the session's CSRF token (403). Only files of
 * `fileFields` are kept; a file over MAX_FILE_BYTES is a "too-large" rejection for that
 * field. A body over the limit of one upload, or one that is not a readable multipart form,
 * is a problem to show on the page (nothing stored), not an error page.
 *
 * The body is parsed by the platform's fetch (undici), which reads quoted file names as
 * browsers send them (`<img src=x onerror=alert(1)>.pdf`, `a=b;c.pdf`), where Remix's
 * multipart parser throws on a ";" or "=" inside the quotes. It holds at most
 * MAX_UPLOAD_BODY_BYTES in memory, as the memory upload handler did.
 */
export async function readUploadForm(request: Request, user: { csrf: string }, fileFields: string[]): Promise<UploadRead> {
  await assertSameOrigin(request);
  const type = request.headers.get("Content-Type") ?? "";
  const multipart = /^multipart\/form-data\s*;\s*boundary=/i.test(type);
  if (!multipart || !request.body || Number(request.headers.get("Content-Length") ?? "0") > MAX_UPLOAD_BODY_BYTES) {
    if (request.body) await drain(request.body.getReader());
    return { ok: false, problem: multipart && request.body ? "too-large" : "malformed" };
  }

  const limited = limitBody(request.body, MAX_UPLOAD_BODY_BYTES);
  let formData: FormData;
  try {
    formData = await new Request(request.url, {
      method: "POST",
      headers: { "Content-Type": type },
      body: limited.stream,
      duplex: "half",
    } as RequestInit).formData();
  } catch {
    await limited.state.rest;
    return { ok: false, problem: limited.state.exceeded ? "too-large" : "malformed" };
  }

  if (!user.csrf || formData.get("csrf") !== user.csrf) await refuse(request, "forbidden-token");

  const fields: Record<string, string> = {};
  const files: UploadForm["files"] = [];
  const rejected: UploadForm["rejected"] = [];
  for (const [name, value] of formData) {
    if (typeof value === "string") {
      // An empty file input posts a part with an empty file name: read as text, it is "no file".
      if (fileFields.includes(name)) continue;
      if (new TextEncoder().encode(value).byteLength > MAX_TEXT_FIELD_BYTES) return { ok: false, problem: "too-large" };
      // Cleaned as every form's text (form.server.ts#cleanForm).
      const key = cleanInput(name);
      if (!Object.hasOwn(fields, key)) fields[key] = cleanInput(value);
      continue;
    }
    // An empty file input posts a nameless, empty part: that is "no file", not an empty file.
    if (value.size === 0 && !value.name) continue;
    // A file for a slot that is not open: nothing to keep it under.
    if (!fileFields.includes(name)) continue;
    const fileName = sanitiseFileName(value.name);
    if (value.size > MAX_FILE_BYTES) rejected.push({ field: name, fileName, reason: "too-large" });
    else files.push({ field: name, fileName, bytes: new Uint8Array(await value.arrayBuffer()) });
  }
  return { ok: true, fields, files, rejected };
}
