import { describe, expect, it } from "vitest";
import { languageFromAcceptLanguage, requestLanguage } from "../../app/http/language.server";
import { safeReturnTo } from "../../app/http/form.server";

describe("choosing the page language", () => {
  it("takes the best supported language from Accept-Language, by q-value", () => {
    expect(languageFromAcceptLanguage("nl-BE,nl;q=0.9,en;q=0.8")).toBe("nl");
    expect(languageFromAcceptLanguage("es-ES,de;q=0.5,en;q=0.7")).toBe("en");
    expect(languageFromAcceptLanguage("de-BE")).toBe("de");
    expect(languageFromAcceptLanguage("es, it;q=0.9")).toBeNull();
    expect(languageFromAcceptLanguage("en;q=0")).toBeNull();
    expect(languageFromAcceptLanguage(null)).toBeNull();
  });

  it("prefers the explicit choice, then the browser, then French", () => {
    const request = (headers: Record<string, string>) => new Request("http://localhost/", { headers });
    expect(requestLanguage(request({ Cookie: "lng=de", "Accept-Language": "nl" }))).toBe("de");
    expect(requestLanguage(request({ Cookie: "lng=xx", "Accept-Language": "nl" }))).toBe("nl");
    expect(requestLanguage(request({ "Accept-Language": "ja" }))).toBe("fr");
    expect(requestLanguage(request({}))).toBe("fr");
  });
});

describe("returning after a form", () => {
  it("only ever goes back to a page of this site", () => {
    expect(safeReturnTo("/applications?x=1")).toBe("/applications?x=1");
    expect(safeReturnTo("https://evil.example/")).toBe("/");
    expect(safeReturnTo("//evil.example/")).toBe("/");
    expect(safeReturnTo("/\\evil.example")).toBe("/");
    expect(safeReturnTo(undefined)).toBe("/");
  });
});
