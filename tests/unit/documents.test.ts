import { describe, expect, it } from "vitest";
import { checkUpload, documentItemField, isAcceptedMediaType, itemOfField, MAX_FILE_BYTES, sanitiseFileName, sniffMediaType, storedFileName } from "../../forms/documents";

const bytes = (text: string) => new TextEncoder().encode(text);
const PDF = bytes("%PDF-1.4\n1 0 obj<</Type/Catalog>>endobj\n%%EOF\n");
const PNG_HEAD = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
const PNG = new Uint8Array([...PNG_HEAD, 0, 0, 0, 0, ...bytes("IEND"), 0xae, 0x42, 0x60, 0x82]);

describe("uploaded files", () => {
  it("accept a file of exactly 10 MB and refuse one byte more", () => {
    const tenMegabytes = 10 * 1024 * 1024;
    const atLimit = new Uint8Array(tenMegabytes);
    atLimit.set(PDF.subarray(0, 9));
    atLimit.set(bytes("%%EOF\n"), tenMegabytes - 6);
    expect(checkUpload(atLimit)).toEqual({ ok: true, mediaType: "application/pdf" });
    const over = new Uint8Array(tenMegabytes + 1);
    over.set(atLimit);
    expect(checkUpload(over)).toEqual({ ok: false, reason: "too-large" });
  });

  it("are recognised by their content, not their name", () => {
    expect(sniffMediaType(PDF)).toBe("application/pdf");
    expect(sniffMediaType(new Uint8Array([0xff, 0xd8, 0xff, 0xe0]))).toBe("image/jpeg");
    expect(sniffMediaType(new Uint8Array(PNG_HEAD))).toBe("image/png");
    expect(sniffMediaType(bytes("MZ\x90\x00 this is an executable"))).toBeNull();
    expect(sniffMediaType(bytes("%PDF"))).toBeNull(); // shorter than the signature
    expect(sniffMediaType(new Uint8Array(PNG_HEAD.slice(0, 7)))).toBeNull();
    expect(sniffMediaType(new Uint8Array())).toBeNull();
    expect(sniffMediaType(bytes("<html>%PDF-1.4"))).toBeNull(); // only at the start
  });

  it("are refused when empty, too large, of another type or cut off", () => {
    expect(checkUpload(new Uint8Array())).toEqual({ ok: false, reason: "empty" });
    const huge = new Uint8Array(MAX_FILE_BYTES + 1);
    huge.set(PDF);
    expect(checkUpload(huge)).toEqual({ ok: false, reason: "too-large" });
    expect(checkUpload(bytes("MZ executable pretending to be a PDF"))).toEqual({ ok: false, reason: "type" });
    expect(checkUpload(PDF.subarray(0, 30))).toEqual({ ok: false, reason: "corrupt" });
    expect(checkUpload(new Uint8Array([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10]))).toEqual({ ok: false, reason: "corrupt" });
    expect(checkUpload(PNG.subarray(0, 12))).toEqual({ ok: false, reason: "corrupt" });
    // %%EOF far from the end (more than 1024 bytes of other data after it) is not an end.
    const early = new Uint8Array(PDF.length + 2048);
    early.set(PDF);
    expect(checkUpload(early)).toEqual({ ok: false, reason: "corrupt" });
  });

  it("are accepted when complete", () => {
    expect(checkUpload(PDF)).toEqual({ ok: true, mediaType: "application/pdf" });
    expect(checkUpload(new Uint8Array([0xff, 0xd8, 0xff, 0xe0, 0x00, 0xff, 0xd9]))).toEqual({ ok: true, mediaType: "image/jpeg" });
    expect(checkUpload(PNG)).toEqual({ ok: true, mediaType: "image/png" });
    const exactly = new Uint8Array(MAX_FILE_BYTES);
    exactly.set(PDF);
    exactly.set(bytes("%%EOF\n"), MAX_FILE_BYTES - 6);
    expect(checkUpload(exactly)).toEqual({ ok: true, mediaType: "application/pdf" });
  });

  it("get names without paths, leading dots or reserved characters", () => {
    expect(sanitiseFileName("../../etc/passwd")).toBe("passwd");
    expect(sanitiseFileName("..\\..\\boot.ini")).toBe("boot.ini");
    expect(sanitiseFileName("C:\\Users\\ana\\contract.pdf")).toBe("contract.pdf");
    expect(sanitiseFileName("<script>.pdf")).toBe("script.pdf");
    expect(sanitiseFileName('a<b>c:d"e|f?g*h.pdf')).toBe("abcdefgh.pdf");
    expect(sanitiseFileName(".htaccess")).toBe("htaccess");
    expect(sanitiseFileName("...hidden.pdf")).toBe("hidden.pdf");
    expect(sanitiseFileName("report.pdf. . ")).toBe("report.pdf");
    expect(sanitiseFileName("a\u0000b\r\nc\u007f.pdf")).toBe("ab c.pdf");
    expect(sanitiseFileName("a\tb\vc\fd.pdf")).toBe("a b c d.pdf"); // white space, also the vertical tab: a space, not removed
    expect(sanitiseFileName("invoice\u202Efdp.exe")).toBe("invoicefdp.exe"); // no right-to-left override trick
  });

  it("keep letters of any script, NFC-normalised, with whitespace collapsed", () => {
    expect(sanitiseFileName("résumé   final.pdf")).toBe("résumé final.pdf");
    expect(sanitiseFileName("re\u0301sume\u0301.pdf")).toBe("r\u00e9sum\u00e9.pdf");
    expect(sanitiseFileName("  Šimić\tpaspoort .pdf")).toBe("Šimić paspoort .pdf");
    expect(sanitiseFileName("جواز السفر.pdf")).toBe("جواز السفر.pdf");
    expect(sanitiseFileName("履歴書.png")).toBe("履歴書.png");
    expect(sanitiseFileName("паспорт.jpg")).toBe("паспорт.jpg");
  });

  it("are at most 120 characters, keeping the extension, and never empty", () => {
    const long = sanitiseFileName(`${"a".repeat(300)}.pdf`);
    expect(long).toHaveLength(120);
    expect(long).toBe(`${"a".repeat(116)}.pdf`);
    const emoji = sanitiseFileName(`${"😀".repeat(200)}.png`);
    expect(Array.from(emoji)).toHaveLength(120);
    expect(emoji.endsWith("😀.png")).toBe(true);
    expect(sanitiseFileName("x".repeat(200))).toHaveLength(120);
    expect(sanitiseFileName("")).toBe("document");
    expect(sanitiseFileName("../..")).toBe("document");
    expect(sanitiseFileName("dir/")).toBe("document");
    expect(sanitiseFileName("<>:|?*")).toBe("document");
  });

  it("are cut at 120 characters from the start, keeping an extension of up to 10 characters with its dot", () => {
    // Exactly 120 is kept as typed, even a space before the extension.
    const exactly = `${"a".repeat(115)} .pdf`;
    expect(sanitiseFileName(exactly)).toBe(exactly);
    // No dot: the end is what is lost.
    expect(sanitiseFileName(`${"a".repeat(150)}${"z".repeat(50)}`)).toBe("a".repeat(120));
    // An extension of 10 characters is kept; one of 11 is not an extension but the end of the name.
    expect(sanitiseFileName(`${"a".repeat(200)}.abcdefghi`)).toBe(`${"a".repeat(110)}.abcdefghi`);
    expect(sanitiseFileName(`${"a".repeat(200)}.abcdefghij`)).toBe("a".repeat(120));
    // A cut right after a space leaves no space before the extension.
    expect(sanitiseFileName(`${"a".repeat(115)} ${"b".repeat(40)}.pdf`)).toBe(`${"a".repeat(115)}.pdf`);
  });

  it("end where their format says: an end marker 1024 bytes from the end counts, 1025 does not", () => {
    const jpeg = (size: number, eoiAt: number) => {
      const file = new Uint8Array(size);
      file.set([0xff, 0xd8, 0xff, 0xe0]);
      file.set([0xff, 0xd9], eoiAt);
      return file;
    };
    expect(checkUpload(jpeg(2048, 2048 - 1024))).toEqual({ ok: true, mediaType: "image/jpeg" });
    expect(checkUpload(jpeg(2048, 2048 - 1025))).toEqual({ ok: false, reason: "corrupt" });
  });

  it("are read from and written to the form's file inputs by document item", () => {
    expect(documentItemField("passport")).toBe("item:passport");
    expect(itemOfField(documentItemField("employment-contract"))).toBe("employment-contract");
    expect(itemOfField("passport")).toBeNull();
    expect(itemOfField("x-item:passport")).toBeNull();
  });

  it("are stored only with a media type the portal accepts", () => {
    expect(["application/pdf", "image/jpeg", "image/png"].filter(isAcceptedMediaType)).toHaveLength(3);
    expect(isAcceptedMediaType("text/html")).toBe(false);
    expect(isAcceptedMediaType("")).toBe(false);
  });

  it("lose every invisible character: zero-width space, soft hyphen, isolates, tags, half an emoji", () => {
    expect(sanitiseFileName("a\u200bb\u00adc\u2066d\u2069\u{e0041}.pdf")).toBe("abcd.pdf");
    expect(sanitiseFileName("x\ud83d.pdf")).toBe("x.pdf");
    expect(sanitiseFileName("نامه\u200cها.pdf")).toBe("نامه\u200cها.pdf"); // the joiner Persian needs stays
  });

  it("are kept under the extension of the type their bytes are", () => {
    expect(storedFileName("poly.html", "image/png")).toBe("poly.png");
    expect(storedFileName("scan.pdf", "image/png")).toBe("scan.png");
    expect(storedFileName("invoice\u202Efdp.exe", "application/pdf")).toBe("invoicefdp.pdf");
    expect(storedFileName("photo.JPEG", "image/jpeg")).toBe("photo.jpeg");
    expect(storedFileName("photo.png", "image/jpeg")).toBe("photo.jpg");
    expect(storedFileName("report.v2.final", "application/pdf")).toBe("report.v2.pdf");
    expect(storedFileName("Šimić paspoort .pdf", "application/pdf")).toBe("Šimić paspoort.pdf");
    expect(storedFileName("", "application/pdf")).toBe("document.pdf");
    expect(storedFileName(".pdf", "application/pdf")).toBe("pdf.pdf");
    expect(Array.from(storedFileName(`${"é".repeat(300)}.exe`, "image/png"))).toHaveLength(120);
    expect(storedFileName("photo.jpeg", "image/png")).toBe("photo.png"); // only a JPEG keeps ".jpeg"
    expect(storedFileName("report...pdf", "application/pdf")).toBe("report.pdf");
    expect(storedFileName("notes .. .txt", "application/pdf")).toBe("notes.pdf");
    // A long name without an extension is cut to leave room for the one its type gives.
    expect(storedFileName("x".repeat(200), "application/pdf")).toBe(`${"x".repeat(116)}.pdf`);
  });
});
