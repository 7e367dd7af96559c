import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { I18nextProvider } from "react-i18next";
import { describe, expect, it } from "vitest";
import { FiledDocuments } from "../../app/components/case-details";
import type { CaseView } from "../../app/cases/case-view.server";
import { createServerI18n } from "../../app/i18n/language.server";

describe("the officer's list of a case's documents", () => {
  it("puts each file on a line of its own", async () => {
    const i18n = await createServerI18n("en");
    const document = (id: string, fileName: string) => ({ id, fileName, mediaType: "application/pdf", sizeBytes: 2048, uploadedAt: "2026-11-20T10:00:00.000Z" });
    const view = { filedDocuments: [{ item: "passport", documents: [document("a", "passport-p1.pdf"), document("b", "passport-p2.pdf")] }] } as unknown as CaseView;
    const html = renderToStaticMarkup(createElement(I18nextProvider, { i18n }, createElement(FiledDocuments, { view })));
    const items = [...html.matchAll(/<li>(.*?)<\/li>/g)].map((match) => match[1]!.replace(/<[^>]+>/g, ""));
    expect(items).toEqual(["passport-p1.pdf (2 kB)", "passport-p2.pdf (2 kB)"]);
    expect(html).toContain('<a href="/documents/a">passport-p1.pdf</a>');
  });
});
