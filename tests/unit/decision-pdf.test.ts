import { getDocument } from "pdfjs-dist/legacy/build/pdf.mjs";
import { describe, expect, it } from "vitest";
import { renderDecisionPdf, type DecisionDocument } from "../../app/delivery/decision-pdf.server";
import { decisionContent } from "../../app/delivery/decision-content";
import { appealRouteOf, DECISION_DOCUMENT_TYPES, decidedByOf, documentTypeFor, documentTypeOfDecision } from "../../app/delivery/decision-types";
import { translator } from "../../app/i18n/language.server";
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

  it("prints every character class the form accepts in names and gets each back identically", async () => {
    // Each name is what the worker step accepts (tests/unit/form-steps.test.ts): the four
    // languages' diacritics, Nordic, Turkish, Vietnamese, Polish, Czech, Romanian.
    const names = [
      "Élodie Françoise Ñúñez d'Ávila-Gómez", // fr (and es)
      "Joëlle Coördinatie-Müller", // nl
      "Jürgen Groß Äöü ẞ", // de
      "Ashley O’Neil", // en
      "Æsa Øyvind Åse Guðrún Þórsdóttir", // Nordic
      "Ğül İpek Yılmaz Şahin", // Turkish
      "Nguyễn Văn Phạm Thị Ơn Ưng Đặng", // Vietnamese
      "Łucja Ńina Śliwińska-Źrebiec Żak", // Polish
      "Čeněk Řehoř Dvořáková Ůžek Ťoupal", // Czech
      "Ștefan Țăran Mănăstire Îndârjit", // Romanian
    ];
    for (const name of names) {
      const text = await pdfText(await renderDecisionPdf({ ...base, type: "46", language: "en", worker: { ...base.worker, name } }));
      expect(text, name).toContain(name.normalize("NFC"));
    }
  });

  it("breaks a word longer than the line inside the line: no text runs off the page", async () => {
    const long = "Verwaltungsgerichtsbarkeitsmodernisierungsgesetzausführungsverordnungsänderungsbekanntmachung".repeat(2);
    const bytes = await renderDecisionPdf({ ...base, type: "48", language: "de", job: long, reasons: `Siehe ${long} und https://example.be/${"a".repeat(150)}` });
    const pdf = await getDocument({ data: bytes.slice(), useSystemFonts: false, disableFontFace: true }).promise;
    let text = "";
    for (let n = 1; n <= pdf.numPages; n++) {
      const page = await pdf.getPage(n);
      const right = page.view[2]! - 56;
      for (const item of (await page.getTextContent()).items) {
        if (!("str" in item) || !item.str) continue;
        expect(item.transform[4] + item.width, item.str).toBeLessThanOrEqual(right + 0.5);
        text += item.str;
      }
    }
    await pdf.destroy();
    expect(text.replace(/\s/g, "")).toContain(long);
  });

  it("embeds a font subset, not whole fonts", async () => {
    const bytes = await renderDecisionPdf({ ...base, type: "47", language: "de" });
    expect(bytes.length).toBeLessThan(120_000);
  });
});

describe("decisions by decider", () => {
  it("picks the document of whoever decided: the region's own decisions, the OE's annexes and decisions", () => {
    expect(documentTypeFor("REFUSE_WORK", { by: "region", outcome: "refused", annex: null, reason: "x" })).toBe("work-refusal");
    expect(documentTypeFor("REFUSE_RESIDENCE", { by: "oe", outcome: "refused", annex: "48", reason: "x" })).toBe("48");
    expect(documentTypeFor("DECLARE_INADMISSIBLE", { by: "region", outcome: "inadmissible", annex: null, reason: "x" })).toBe("inadmissibility-region");
    expect(documentTypeFor("DECLARE_INADMISSIBLE", { by: "oe", outcome: "inadmissible", annex: null, reason: "x" })).toBe("inadmissibility-oe");
    expect(documentTypeFor("REVOKE", { by: "region", outcome: "revoked", annex: "46", reason: "x" })).toBe("work-withdrawal");
    expect(documentTypeFor("REVOKE", { by: "oe", outcome: "revoked", annex: "46", reason: "x" })).toBe("end-of-residence");
    expect(documentTypeFor("END_EMPLOYMENT", null)).toBe("end-of-employment");
    expect(documentTypeFor("AUTHORISE_WORK", null)).toBe("work-authorisation");
    expect(documentTypeFor("DECLARE_COMPLETE", null)).toBeNull();
    expect(documentTypeOfDecision({ by: "region", outcome: "refused", annex: null, reason: "x" })).toBe("work-refusal");
    expect(documentTypeOfDecision({ by: "law", outcome: "granted", annex: "47", reason: null })).toBe("47");
    expect(appealRouteOf("work-refusal")).toBe("regional-minister");
    expect(appealRouteOf("inadmissibility-region")).toBe("council-of-state");
    expect(appealRouteOf("48")).toBe("call");
    expect(appealRouteOf("46")).toBe("none");
    expect(decidedByOf("work-refusal")).toBe("region");
  });

  it.each(["fr", "nl", "de", "en"] as const)("has words for every document in %s, and an appeal for every unfavourable one", async (language) => {
    const t = await translator(language);
    for (const type of DECISION_DOCUMENT_TYPES) {
      for (const authority of ["flanders", "wallonia", "brussels", "dg"]) {
        const content = decisionContent(t, type, authority);
        for (const part of [content.issuer, content.title, content.subtitle, content.body, content.appeal ?? ""]) expect(part, `${type} ${authority}`).not.toMatch(/(decision|pdf|authority)\.[a-zA-Z0-9-]/);
        expect(content.appeal === null, type).toBe(appealRouteOf(type) === "none");
      }
    }
    // A region's refusal names the region's minister and 30 days, never annex 48 nor the Council for Alien Law Litigation.
    const refusal = decisionContent(t, "work-refusal", "flanders");
    expect(`${refusal.subtitle} ${refusal.body} ${refusal.appeal}`).not.toMatch(/48|39\/57/);
    expect(refusal.appeal).toMatch(/30/);
    // The OE's refusal: annex 48, the Council, 30 days, art. 39/57.
    const annex48 = decisionContent(t, "48", "flanders");
    expect(annex48.subtitle).toMatch(/48/);
    expect(annex48.appeal).toMatch(/30/);
    expect(annex48.appeal).toMatch(/39\/57/);
    // The region's inadmissibility: the Council of State, 60 days.
    expect(decisionContent(t, "inadmissibility-region", "brussels").appeal).toMatch(/60/);
    // The 90-day search only after the end of employment.
    expect(decisionContent(t, "end-of-employment", "wallonia").body).toMatch(/90/);
    for (const type of ["work-withdrawal", "end-of-residence", "48", "revocation"] as const) expect(decisionContent(t, type, "wallonia").body).not.toMatch(/90/);
  });

  it("renders a Flemish refusal of the work as the region's document with its appeal", async () => {
    const text = await pdfText(await renderDecisionPdf({ ...base, type: "work-refusal", language: "nl", reasons: "Geen VDAB-vacature.", verification: null, validFrom: null, validUntil: null }));
    expect(text).toContain("Toelating tot arbeid geweigerd");
    expect(text).toContain("Beroepsmogelijkheden");
    expect(text).toContain("binnen 30 dagen");
    expect(text).not.toContain("Bijlage 48");
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
