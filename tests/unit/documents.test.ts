import { describe, expect, it } from "vitest";
import { checkUpload, MAX_FILE_BYTES, sanitiseFileName, sniffMediaType } from "../../forms/documents";

const bytes = (text: string) => new TextEncoder().encode(text);
const PDF = bytes("%PDF-1.4\n1 0 obj<</Type/Catalog>>endobj\n%%EOF\n");

describe("uploaded files", () => {
  it("are recognised by their content, not their name", () => {
    expect(sniffMediaType(PDF)).toBe("application/pdf");
    expect(sniffMediaType(new Uint8Array([0xff, 0xd8, 0xff, 0xe0]))).toBe("image/jpeg");
    expect(sniffMediaType(new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))).toBe("image/png");
    expect(sniffMediaType(bytes("MZ\x90\x00 this is an executable"))).toBeNull();
  });

  it("are refused when empty, too large, of another type or cut off", () => {
    expect(checkUpload(new Uint8Array())).toEqual({ ok: false, reason: "empty" });
    const huge = new Uint8Array(MAX_FILE_BYTES + 1);
    huge.set(PDF);
    expect(checkUpload(huge)).toEqual({ ok: false, reason: "too-large" });
    expect(checkUpload(bytes("MZ executable pretending to be a PDF"))).toEqual({ ok: false, reason: "type" });
    expect(checkUpload(PDF.subarray(0, 30))).toEqual({ ok: false, reason: "corrupt" });
    expect(checkUpload(new Uint8Array([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10]))).toEqual({ ok: false, reason: "corrupt" });
    expect(checkUpload(PDF)).toEqual({ ok: true, mediaType: "application/pdf" });
    expect(checkUpload(new Uint8Array([0xff, 0xd8, 0xff, 0xe0, 0x00, 0xff, 0xd9]))).toEqual({ ok: true, mediaType: "image/jpeg" });
  });

  it("get names that are safe to store and show", () => {
    expect(sanitiseFileName("../../etc/passwd")).toBe("passwd");
    expect(sanitiseFileName("..\\..\\boot.ini")).toBe("boot.ini");
    expect(sanitiseFileName("résumé   final.pdf")).toBe("résumé final.pdf");
    expect(sanitiseFileName("<script>.pdf")).toBe("script.pdf");
    expect(sanitiseFileName(".htaccess")).toBe("htaccess");
    expect(sanitiseFileName("")).toBe("document");
    const long = sanitiseFileName(`${"a".repeat(300)}.pdf`);
    expect(long).toHaveLength(120);
    expect(long.endsWith(".pdf")).toBe(true);
  });
});
