import { getDocument } from "pdfjs-dist/legacy/build/pdf.mjs";
import { describe, expect, it } from "vitest";
import { renderDecisionPdf, type DecisionDocument } from "../../app/delivery/decision-pdf.server";
import { newVerificationCode, normaliseVerificationCode } from "../../app/delivery/verification-code.server";

/** The text of every page, as a reader (or a screen reader) gets it back. */
async function pdfText(bytes: Uint8Array): Promise<string> {
  const pdf = await getDocument({ data: bytes.slice(), useSystemFonts: false, disableFontFace: true }).promise;
  let text = "";
  for (let n = 1; n <= pdf.numPages; n++) {
    const content = await (await pdf.getPage(n)).getTextContent();
    text += content.items.map((item) => ("str" in item ? item.str : "")).join(" ") + "\n";
  }
  await pdf.destroy();
  return text.normalize("NFC");
}

const base: Omit<DecisionDocument, "language" | "type"> = {
  reference: "SP-2026-000042",
  issuedOn: "2026-11-22",
  authority: "flanders",
  category: "highly-qualified",
  job: "Lasser",
  placeOfWork: "2030 Antwerpen",
  validFrom: "2026-11-22",
  validUntil: "2029-11-21",
  worker: { name: "Văn An Nguyễn", nationality: "VN", birthDate: "1985-11-02", personNumber: "85.11.02-203.45" },
  employer: { name: "Šimić & Øyvind Müller BV", enterpriseNumber: "0412.345.678" },
  reasons: null,
  verification: { code: "ABCD-EFGH-JKMN-PQRS-TVWX", url: "https://portal.example/verify/ABCD-EFGH-JKMN-PQRS-TVWX" },
};

describe("decision PDFs", () => {
  it.each([
    ["fr", "Permis unique accordé", "Annexe 46"],
    ["nl", "Gecombineerde vergunning toegekend", "Bijlage 46"],
    ["de", "Kombinierte Erlaubnis erteilt", "Anlage 46"],
    ["en", "Single permit granted", "Annex 46"],
  ] as const)("renders annex 46 in %s with names outside Latin-1", async (language, title, annex) => {
    const text = await pdfText(await renderDecisionPdf({ ...base, type: "46", language }));
    expect(text).toContain(title);
    expect(text).toContain(annex);
    expect(text).toContain("Văn An Nguyễn");
    expect(text).toContain("Šimić & Øyvind Müller BV");
    expect(text).toContain("ABCD-EFGH-JKMN-PQRS-TVWX");
    expect(text).not.toMatch(/categoryName|pdf\./);
  });

  it("puts the reasons in a refusal (annex 48) and renders Turkish and Croatian letters", async () => {
    const text = await pdfText(
      await renderDecisionPdf({
        ...base,
        type: "48",
        language: "nl",
        worker: { ...base.worker, name: "Ğül Yılmaz" },
        reasons: "Het loon ligt onder de drempel voor hooggekwalificeerden (Šimić-regel).",
        verification: null,
        validFrom: null,
        validUntil: null,
      }),
    );
    expect(text).toContain("Bijlage 48");
    expect(text).toContain("Ğül Yılmaz");
    expect(text).toContain("Het loon ligt onder de drempel");
  });

  it("embeds a font subset, not whole fonts", async () => {
    const bytes = await renderDecisionPdf({ ...base, type: "47", language: "de" });
    expect(bytes.length).toBeLessThan(120_000);
  });
});

describe("verification codes", () => {
  it("are 100 random bits, never repeat, and survive being typed back sloppily", () => {
    const codes = new Set(Array.from({ length: 5000 }, () => newVerificationCode()));
    expect(codes.size).toBe(5000);
    for (const code of [...codes].slice(0, 50)) {
      expect(code).toMatch(/^[0-9A-HJKMNP-TV-Z]{4}(-[0-9A-HJKMNP-TV-Z]{4}){4}$/);
      expect(normaliseVerificationCode(code.toLowerCase().replaceAll("-", " "))).toBe(code);
    }
    expect(normaliseVerificationCode("0000-0000-0000-0000-000O")).toBe("0000-0000-0000-0000-0000");
    expect(normaliseVerificationCode("../../etc")).toBeNull();
    expect(normaliseVerificationCode("ABCD-EFGH")).toBeNull();
  });
});
