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
