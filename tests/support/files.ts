/** A small but real PDF: header, catalog, pages, xref, trailer, %%EOF. */
export const PDF = new TextEncoder().encode(
  [
    "%PDF-1.4",
    "1 0 obj <</Type /Catalog /Pages 2 0 R>> endobj",
    "2 0 obj <</Type /Pages /Kids [] /Count 0>> endobj",
    "xref",
    "0 3",
    "0000000000 65535 f ",
    "0000000009 00000 n ",
    "0000000056 00000 n ",
    "trailer <</Size 3 /Root 1 0 R>>",
    "startxref",
    "106",
    "%%EOF",
    "",
  ].join("\n"),
);

/** The first bytes of a Windows executable ("MZ" and the DOS stub), to be sent as "invoice.pdf". */
export const EXECUTABLE = new Uint8Array([
  0x4d, 0x5a, 0x90, 0x00, 0x03, 0x00, 0x00, 0x00, 0x04, 0x00, 0x00, 0x00, 0xff, 0xff, 0x00, 0x00,
  ...new TextEncoder().encode("This program cannot be run in DOS mode.\r\r\n$"),
]);

/** The smallest files the portal accepts as PNG and JPEG: the signature and the end marker. */
export const PNG = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0, 0x49, 0x45, 0x4e, 0x44, 0xae, 0x42, 0x60, 0x82]);
export const JPEG = new Uint8Array([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10, 0xff, 0xd9]);

let distinct = 0;
/** A real PDF whose bytes differ from every other one this returns (a comment after the header). */
export function distinctPdf(): Uint8Array {
  const comment = new TextEncoder().encode(`% copy ${++distinct} ${Date.now()}\n`);
  const header = PDF.indexOf(0x0a) + 1;
  return new Uint8Array([...PDF.subarray(0, header), ...comment, ...PDF.subarray(header)]);
}
