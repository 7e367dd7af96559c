/**
 * The headers of a file the portal hands out (a case's document, an e-Box attachment):
 * always a download, never rendered in the page's origin, never cached.
 */

// RFC 8187 attr-char: ALPHA / DIGIT / "!#$&+-.^_`|~". encodeURIComponent leaves ' ( ) * too.
const rfc8187 = (value: string) => encodeURIComponent(value).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);

/**
 * Content-Disposition for a download (RFC 6266): `filename*` in UTF-8 for every browser of
 * today, and a plain `filename` for older clients: letters without their accents, anything
 * else not printable ASCII, and the quote, backslash, percent and semicolon, as "_".
 */
export function attachmentDisposition(fileName: string): string {
  const fallback = fileName
    .normalize("NFKD")
    .replace(/\p{M}/gu, "")
    .replace(/[^\x20-\x7e]|["\\%;]/g, "_");
  return `attachment; filename="${fallback}"; filename*=UTF-8''${rfc8187(fileName)}`;
}

export function downloadHeaders(file: { fileName: string; mediaType: string; sizeBytes: number }): Record<string, string> {
  return {
    "Content-Type": file.mediaType,
    "Content-Length": String(file.sizeBytes),
    "Content-Disposition": attachmentDisposition(file.fileName),
    "X-Content-Type-Options": "nosniff",
    // Opened anyway (a browser's viewer), it runs nothing and reaches nothing of the portal.
    "Content-Security-Policy": "sandbox; default-src 'none'",
    "Cache-Control": "private, no-store",
  };
}
