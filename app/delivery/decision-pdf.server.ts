import fontkit from "@pdf-lib/fontkit";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { PDFDocument, rgb, type PDFFont, type PDFPage } from "pdf-lib";
import type { Language } from "../../forms/authorities";
import { translator } from "../i18n/language.server";
import { annex49Content, annex51Content, decisionContent } from "./decision-content";
import type { DecisionDocumentType } from "./decision-types";

/**
 * The decision documents, as PDF in one language: the Immigration Office's annexes of the
 * Royal Decree of 8 October 1981 (46 grant, 47 grant because the deadline passed, 48
 * refusal) and its other decisions, and the regions' own decisions on the work
 * authorisation. What each says comes from decision-content.ts. DejaVu Sans is
 * embedded (subset), so any name renders: Šimić, Nguyễn, Øyvind, Müller, Ğül.
 */
export interface DecisionDocument {
  /** "49": the commune's annex 49 (app/residence); "51": its annex 51 (app/revocation); rendered by the same machinery. */
  type: DecisionDocumentType | "49" | "51";
  /** Who issues it, when it is none of the handling authorities (a commune). */
  issuer?: string;
  /** An annex 49 given while a renewal is pending (the OE still deciding). */
  annex49Pending?: boolean;
  language: Language;
  reference: string;
  issuedOn: string;
  authority: string;
  category: string;
  job: string;
  placeOfWork: string;
  validFrom: string | null;
  validUntil: string | null;
  worker: { name: string; nationality: string; birthDate: string | null; personNumber: string | null };
  employer: { name: string; enterpriseNumber: string } | null;
  reasons: string | null;
  verification: { code: string; url: string } | null;
}

/**
 * fontkit, with each font file parsed once per process: pdf-lib hands the font's bytes to
 * `create` on every embed, and parsing DejaVu (700 kB) twice was most of a PDF's time.
 * A parsed font is only read by the subset pdf-lib builds from it, so it can be shared.
 */
const parsedFonts = new Map<Uint8Array, ReturnType<typeof fontkit.create>>();
const fontkitOnce: typeof fontkit = {
  ...fontkit,
  create(bytes, postscriptName) {
    if (postscriptName) return fontkit.create(bytes, postscriptName);
    let font = parsedFonts.get(bytes);
    if (!font) {
      font = fontkit.create(bytes);
      parsedFonts.set(bytes, font);
    }
    return font;
  },
};

let fonts: { regular: Uint8Array; bold: Uint8Array } | undefined;
function fontBytes() {
  fonts ??= {
    regular: readFileSync(join(process.cwd(), "assets/fonts/DejaVuSans.ttf")),
    bold: readFileSync(join(process.cwd(), "assets/fonts/DejaVuSans-Bold.ttf")),
  };
  return fonts;
}

/**
 * A word wider than the line (a long URL, a reference, a name without spaces) is broken
 * inside the line at the last character that fits, never drawn off the page.
 */
function breakWord(word: string, font: PDFFont, size: number, width: number): string[] {
  const pieces: string[] = [];
  let piece = "";
  for (const character of Array.from(word)) {
    if (piece && font.widthOfTextAtSize(piece + character, size) > width) {
      pieces.push(piece);
      piece = character;
    } else piece += character;
  }
  if (piece) pieces.push(piece);
  return pieces;
}

function wrap(text: string, font: PDFFont, size: number, width: number): string[] {
  const lines: string[] = [];
  for (const paragraph of text.split(/\r?\n/)) {
    let line = "";
    for (const whole of paragraph.split(/\s+/).filter(Boolean)) {
      const pieces = font.widthOfTextAtSize(whole, size) > width ? breakWord(whole, font, size, width) : [whole];
      for (const word of pieces) {
        const candidate = line ? `${line} ${word}` : word;
        if (font.widthOfTextAtSize(candidate, size) <= width || !line) line = candidate;
        else {
          lines.push(line);
          line = word;
        }
      }
    }
    lines.push(line);
  }
  return lines;
}

export async function renderDecisionPdf(document: DecisionDocument): Promise<Uint8Array> {
  const t = await translator(document.language);
  const content =
    document.type === "49"
      ? annex49Content(t, document.issuer ?? "", document.annex49Pending === true)
      : document.type === "51"
        ? annex51Content(t, document.issuer ?? "")
        : decisionContent(t, document.type, document.authority);
  const date = (day: string) =>
    new Intl.DateTimeFormat(document.language, { dateStyle: "long", timeZone: "UTC" }).format(new Date(`${day}T12:00:00Z`));
  const pdf = await PDFDocument.create();
  pdf.registerFontkit(fontkitOnce);
  const { regular, bold } = fontBytes();
  const font = await pdf.embedFont(regular, { subset: true });
  const heading = await pdf.embedFont(bold, { subset: true });
  pdf.setTitle(`${content.title} ${document.reference}`);
  pdf.setLanguage(document.language);
  pdf.setCreator("Single permit guichet unique");

  let page: PDFPage = pdf.addPage([595.28, 841.89]);
  const margin = 56;
  const width = page.getWidth() - margin * 2;
  let y = page.getHeight() - margin;
  const write = (text: string, options: { size?: number; bold?: boolean; gap?: number } = {}) => {
    const size = options.size ?? 11;
    const face = options.bold ? heading : font;
    for (const line of wrap(text, face, size, width)) {
      if (y < margin + size) {
        page = pdf.addPage([595.28, 841.89]);
        y = page.getHeight() - margin;
      }
      page.drawText(line, { x: margin, y, size, font: face, color: rgb(0.1, 0.1, 0.1) });
      y -= size * 1.4;
    }
    y -= options.gap ?? 0;
  };

  write(content.issuer, { size: 10 });
  write(t("pdf.issuedBy"), { size: 10, gap: 14 });
  write(content.title, { size: 18, bold: true });
  write(content.subtitle, { size: 11, gap: 12 });
  const rows: [string, string][] = [
    [t("pdf.reference"), document.reference],
    [t("pdf.worker"), document.worker.name],
    [t("pdf.nationality"), new Intl.DisplayNames([document.language], { type: "region" }).of(document.worker.nationality) ?? document.worker.nationality],
  ];
  if (document.worker.birthDate) rows.push([t("pdf.birthDate"), date(document.worker.birthDate)]);
  if (document.worker.personNumber) rows.push([t("pdf.personNumber"), document.worker.personNumber]);
  if (document.employer) rows.push([t("pdf.employer"), `${document.employer.name} (${document.employer.enterpriseNumber})`]);
  rows.push([t("pdf.category"), t(`categoryName.${document.category}`)], [t("pdf.job"), document.job], [t("pdf.placeOfWork"), document.placeOfWork]);
  if (document.validFrom && document.validUntil) {
    rows.push([t("pdf.validity"), t("pdf.validityRange", { from: date(document.validFrom), until: date(document.validUntil) })]);
  }
  rows.push([t("pdf.issuedOn"), date(document.issuedOn)]);
  for (const [label, value] of rows) {
    write(label, { size: 9, bold: true });
    write(value, { size: 11, gap: 4 });
  }
  if (document.reasons) {
    y -= 6;
    write(t("pdf.reasons"), { size: 12, bold: true });
    write(document.reasons, { gap: 8 });
  }
  y -= 6;
  write(content.body, { size: 10, gap: 10 });
  if (content.appeal) {
    write(t("decision.appealTitle"), { size: 10, bold: true });
    write(content.appeal, { size: 10, gap: 10 });
  }
  if (document.verification) {
    write(t("pdf.verifyTitle"), { size: 10, bold: true });
    write(t("pdf.verifyBody", { code: document.verification.code, url: document.verification.url }), { size: 10 });
  }
  return pdf.save();
}
