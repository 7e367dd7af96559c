import { describe, expect, it } from "vitest";
import { isCalendarDate } from "../../forms/dates";
import { cleanInput, cutText, textError, textLength } from "../../forms/text";

describe("cleanInput: what every posted value goes through", () => {
  it("drops NUL and the other controls, keeps tab and line feed, turns CR LF into LF", () => {
    expect(cleanInput("a\u0000b\u0007c\u001bd\u007fe\u0085f\u009fg")).toBe("abcdefg");
    expect(cleanInput("one\r\ntwo\rthree\tfour\nfive")).toBe("one\ntwo\nthree\tfour\nfive");
  });
  it("turns half an emoji into U+FFFD, keeps whole ones", () => {
    expect(cleanInput("x\uD83Dy")).toBe("x\uFFFDy");
    expect(cleanInput("x\uDE00")).toBe("x\uFFFD");
    expect(cleanInput("😀 👩‍👩‍👧")).toBe("😀 👩‍👩‍👧");
  });
  it("composes to NFC", () => {
    expect(cleanInput("e\u0301le\u0300ve")).toBe("élève");
  });
  it("leaves bidi controls for the field check to refuse, and Arabic and Hebrew text as is", () => {
    expect(cleanInput("a\u202Eb")).toBe("a\u202Eb");
    expect(cleanInput("مرحبا שלום \u200F")).toBe("مرحبا שלום \u200F");
  });
});

describe("lengths in characters", () => {
  it("counts an emoji with its modifiers as one", () => {
    expect(textLength("👩‍👩‍👧")).toBe(1);
    expect(textLength("😀😀")).toBe(2);
    expect(textLength("")).toBe(0);
  });
  it("never cuts a surrogate pair or a grapheme", () => {
    const cut = cutText("ab😀👩‍👩‍👧cd", 3);
    expect(cut).toBe("ab😀");
    expect(cutText("😀".repeat(10), 5)).toBe("😀".repeat(5));
    expect(cutText("short", 10)).toBe("short");
  });
  it("refuses bidi controls with their own message and long text with the form's", () => {
    expect(textError("invoice\u202Efdp.exe", 100, "x.tooLong")).toEqual({ key: "form.errors.bidiControl" });
    expect(textError("a\u2066b\u2069", 100, "x.tooLong")).toEqual({ key: "form.errors.bidiControl" });
    expect(textError("😀".repeat(3), 3, "x.tooLong")).toBeNull();
    expect(textError("😀".repeat(4), 3, "x.tooLong")).toEqual({ key: "x.tooLong", values: { max: 3 } });
  });
});

describe("isCalendarDate", () => {
  it("accepts real days, before 1970 too", () => {
    for (const day of ["1965-05-01", "1900-01-01", "1969-12-31", "2000-02-29", "2026-02-28", "2999-12-31"]) expect(isCalendarDate(day), day).toBe(true);
  });
  it("refuses impossible or implausible days", () => {
    for (const day of ["2026-02-30", "9999-99-99", "0000-01-01", "1899-12-31", "3000-01-01", "2026-13-01", "2026-00-10", "2026-2-3", " 2026-02-03", "2026-02-03\u0000", "1e309", ""]) {
      expect(isCalendarDate(day), day).toBe(false);
    }
  });
});
