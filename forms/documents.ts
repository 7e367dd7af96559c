/**
 * What an uploaded document may be: PDF, JPEG or PNG, recognised by its first bytes
 * (never by its name or the type the browser claims), at most 10 MB. Pure, so the
 * browser can show the same limits the server enforces.
 */
export const MAX_FILE_BYTES = 10 * 1024 * 1024;
export const ACCEPTED_MEDIA_TYPES = ["application/pdf", "image/jpeg", "image/png"] as const;
export type AcceptedMediaType = (typeof ACCEPTED_MEDIA_TYPES)[number];
export type UploadRejection = "empty" | "too-large" | "type" | "corrupt";

const startsWith = (bytes: Uint8Array, signature: number[]) => signature.every((byte, i) => bytes[i] === byte);

export function sniffMediaType(head: Uint8Array): AcceptedMediaType | null {
  if (startsWith(head, [0x25, 0x50, 0x44, 0x46, 0x2d])) return "application/pdf"; // %PDF-
  if (startsWith(head, [0xff, 0xd8, 0xff])) return "image/jpeg";
  if (startsWith(head, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return "image/png";
  return null;
}

/** Does the file end the way its format says it must? (A truncated upload does not.) */
export function isComplete(bytes: Uint8Array, type: AcceptedMediaType): boolean {
  const tail = bytes.subarray(Math.max(0, bytes.length - 1024));
  if (type === "application/pdf") return new TextDecoder("latin1").decode(tail).includes("%%EOF");
  if (type === "image/jpeg") {
    for (let i = tail.length - 2; i >= 0; i--) if (tail[i] === 0xff && tail[i + 1] === 0xd9) return true;
    return false;
  }
  return new TextDecoder("latin1").decode(tail).includes("IEND");
}

export function checkUpload(bytes: Uint8Array): { ok: true; mediaType: AcceptedMediaType } | { ok: false; reason: UploadRejection } {
  if (bytes.length === 0) return { ok: false, reason: "empty" };
  if (bytes.length > MAX_FILE_BYTES) return { ok: false, reason: "too-large" };
  const mediaType = sniffMediaType(bytes.subarray(0, 16));
  if (!mediaType) return { ok: false, reason: "type" };
  if (!isComplete(bytes, mediaType)) return { ok: false, reason: "corrupt" };
  return { ok: true, mediaType };
}

const MAX_NAME = 120;

/** A file name safe to store and show: no path, no control or reserved characters. */
export function sanitiseFileName(name: string): string {
  const base = name.normalize("NFC").split(/[/\\]/).pop() ?? "";
  let clean = base
    .replace(/[\u0000-\u001f\u007f<>:"|?*]/g, "")
    .replace(/\s+/g, " ")
    .trim()
    .replace(/^\.+/, "");
  if (clean.length > MAX_NAME) {
    const dot = clean.lastIndexOf(".");
    const extension = dot > 0 && clean.length - dot <= 10 ? clean.slice(dot) : "";
    clean = clean.slice(0, MAX_NAME - extension.length) + extension;
  }
  return clean || "document";
}
