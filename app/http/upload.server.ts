import { MaxPartSizeExceededError, unstable_createMemoryUploadHandler, unstable_parseMultipartFormData } from "@remix-run/node";
import { MAX_FILE_BYTES, MAX_FILES_PER_UPLOAD, sanitiseFileName, type UploadRejection } from "../../forms/documents";
import { cleanInput } from "../../forms/text";
import { assertSameOrigin, refuse } from "./form.server";

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
  await assertSameOrigin(request);
  const type = request.headers.get("Content-Type") ?? "";
  if (!/^multipart\/form-data\s*;/i.test(type)) await refuse(request, "unsupported-type");
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

  if (!user.csrf || formData.get("csrf") !== user.csrf) await refuse(request, "forbidden-token");

  const fields: Record<string, string> = {};
  const files: UploadForm["files"] = [];
  for (const [name, value] of formData) {
    if (typeof value === "string") {
      fields[cleanInput(name)] = cleanInput(value); // as every form's text (form.server.ts#cleanForm)
    } else if (value.size > 0 || value.name) {
      // An empty file input posts a nameless, empty part: that is "no file", not an empty file.
      files.push({ field: name, fileName: sanitiseFileName(value.name), bytes: new Uint8Array(await value.arrayBuffer()) });
    }
  }
  return { fields, files, rejected };
}
