/**
 * What an uploaded document may be: PDF, JPEG or PNG, recognised by its first bytes
 * (never by its name or the type the browser claims), at most 10 MB. Pure (no I/O, no
 * node: imports), so the browser can apply the same limits the server enforces.
 */
export const MAX_FILE_BYTES = 10 * 1024 * 1024;
/** The name of the file input for a document item of the form ("item:passport"). */
export function documentItemField(item: string): string {
  return `item:${item}`;
}

/** The document item a file input is for, or null when it is not one. */
export function itemOfField(field: string): string | null {
  return field.startsWith("item:") ? field.slice("item:".length) : null;
}

/** Files one upload may carry at the limit (the request body is capped accordingly). */
export const MAX_FILES_PER_UPLOAD = 5;
export const ACCEPTED_MEDIA_TYPES = ["application/pdf", "image/jpeg", "image/png"] as const;
export type AcceptedMediaType = (typeof ACCEPTED_MEDIA_TYPES)[number];
export type UploadRejection = "empty" | "too-large" | "type" | "corrupt";

const PDF_MAGIC = [0x25, 0x50, 0x44, 0x46, 0x2d]; // %PDF-
const JPEG_MAGIC = [0xff, 0xd8, 0xff];
const PNG_MAGIC = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
const PDF_EOF = [0x25, 0x25, 0x45, 0x4f, 0x46]; // %%EOF
const JPEG_EOI = [0xff, 0xd9];
const PNG_IEND = [0x49, 0x45, 0x4e, 0x44]; // IEND (chunk type of the last chunk)

const startsWith = (bytes: Uint8Array, signature: number[]) =>
  bytes.length >= signature.length && signature.every((byte, i) => bytes[i] === byte);

function contains(bytes: Uint8Array, needle: number[]): boolean {
  outer: for (let i = bytes.length - needle.length; i >= 0; i--) {
    for (let j = 0; j < needle.length; j++) if (bytes[i + j] !== needle[j]) continue outer;
    return true;
  }
  return false;
}

/** The media type by magic bytes only; `head` needs the first 8 bytes at least. */
export function sniffMediaType(head: Uint8Array): AcceptedMediaType | null {
  if (startsWith(head, PDF_MAGIC)) return "application/pdf";
  if (startsWith(head, JPEG_MAGIC)) return "image/jpeg";
  if (startsWith(head, PNG_MAGIC)) return "image/png";
  return null;
}

/** Does the file end the way its format says it must? (A truncated upload does not.) */
export function isComplete(bytes: Uint8Array, type: AcceptedMediaType): boolean {
  const tail = bytes.subarray(Math.max(0, bytes.length - 1024));
  if (type === "application/pdf") return contains(tail, PDF_EOF);
  if (type === "image/jpeg") return contains(tail, JPEG_EOI);
  return contains(tail, PNG_IEND);
}

/** Whether a whole file may be stored, and as what. */
export function checkUpload(
  bytes: Uint8Array,
): { ok: true; mediaType: AcceptedMediaType } | { ok: false; reason: UploadRejection } {
  if (bytes.length === 0) return { ok: false, reason: "empty" };
  if (bytes.length > MAX_FILE_BYTES) return { ok: false, reason: "too-large" };
  const mediaType = sniffMediaType(bytes.subarray(0, 16));
  if (!mediaType) return { ok: false, reason: "type" };
  if (!isComplete(bytes, mediaType)) return { ok: false, reason: "corrupt" };
  return { ok: true, mediaType };
}

const MAX_NAME = 120;
const MAX_EXTENSION = 10;
// Control characters other than white space (tab, line breaks: collapsed to a space), and every
// invisible format character (category Cf): bidi overrides, isolates and marks (the
// "invoice\u202Efdp.exe" trick), zero-width space, soft hyphen, BOM, tag characters. The two
// joiners (ZWNJ, ZWJ) stay: Persian and Indic names and emoji sequences need them.
// The vertical tab is written \x0b, not \v: StrykerJS's regex mutator turns \v into \V, which a
// /u expression refuses, so the whole module would fail to load under `npm run test:mutation`
// and none of its mutants would be tested (stryker-js issue 6130; docs/testing.md).
const INVISIBLE = /(?![\t\n\x0b\f\r\u200c\u200d])[\p{Cc}\p{Cf}]/gu;
// Half of a surrogate pair (a cut emoji) is not text.
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;
// The characters Windows reserves in names (and "<", ">", which also keep markup out).
const RESERVED = /[<>:"|?*]/g;

/**
 * A file name safe to store and show: the last path segment only (of / or \ paths),
 * without control, invisible-format, bidi or reserved characters or leading dots, whitespace
 * collapsed, NFC-normalised, letters of every script kept, at most 120 characters with the
 * extension kept; "document" when nothing is left.
 */
export function sanitiseFileName(name: string): string {
  const base = name.replace(LONE_SURROGATE, "").normalize("NFC").split(/[/\\]/).pop() ?? "";
  let clean = base
    .replace(INVISIBLE, "")
    .replace(RESERVED, "")
    .replace(/\s+/gu, " ")
    .replace(/^[.\s]+/u, "")
    .replace(/[.\s]+$/u, ""); // Windows drops trailing dots and spaces: "a.pdf." must not differ from "a.pdf"
  const chars = Array.from(clean); // code points, so a cut never splits a surrogate pair
  if (chars.length > MAX_NAME) {
    const dot = clean.lastIndexOf(".");
    const extension = dot > 0 ? Array.from(clean.slice(dot)) : [];
    const keep = extension.length > 1 && extension.length <= MAX_EXTENSION ? extension : [];
    // The cut keeps the start, which has no leading dot or space already.
    clean = chars.slice(0, MAX_NAME - keep.length).join("").trimEnd() + keep.join("");
  }
  return clean || "document";
}

/** The extension a stored file gets: that of the type its content was recognised as. */
const EXTENSIONS: Record<AcceptedMediaType, string> = { "application/pdf": ".pdf", "image/jpeg": ".jpg", "image/png": ".png" };
const GIVEN_EXTENSION = /\.[\p{L}\p{N}_-]{1,10}$/u;

/**
 * The name a file is kept and downloaded under: the uploader's name, sanitised, with its
 * extension replaced by the one of the type its bytes were recognised as ("poly.html" holding
 * a PNG is "poly.png"; a PNG named ".pdf" is ".png"). A JPEG may keep ".jpeg".
 */
export function storedFileName(name: string, mediaType: AcceptedMediaType): string {
  const clean = sanitiseFileName(name);
  const given = GIVEN_EXTENSION.exec(clean)?.[0] ?? "";
  const extension = mediaType === "image/jpeg" && given.toLowerCase() === ".jpeg" ? ".jpeg" : EXTENSIONS[mediaType];
  // Trailing dots and white space (of the stem, before the new extension) go, as in a name.
  const stem = Array.from(clean.slice(0, clean.length - given.length))
    .slice(0, MAX_NAME - extension.length)
    .join("")
    .replace(/[.\s]+$/u, "");
  return `${stem || "document"}${extension}`;
}

/** Whether a stored media type is one of those accepted (rows are plain text). */
export function isAcceptedMediaType(type: string): type is AcceptedMediaType {
  return (ACCEPTED_MEDIA_TYPES as readonly string[]).includes(type);
}
