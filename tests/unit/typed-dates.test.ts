import { describe, expect, it } from "vitest";
import { addDays, isCalendarDate, parseTypedDate, todayInBelgium, toUtc, typedDate } from "../../forms/dates";
import { validateStep } from "../../forms/form-definition";
import { workerStep } from "../../forms/universal-form";

describe("dates as people type them (day, month, year)", () => {
  it("reads the language's format with any usual separator, and YYYY-MM-DD", () => {
    for (const typed of ["14/03/1990", "14.03.1990", "14-3-1990", "14 03 1990", " 14 / 3 / 1990 ", "1990-03-14"]) {
      expect(parseTypedDate(typed), typed).toEqual({ ok: true, date: "1990-03-14" });
    }
  });

  it("names the part that is wrong", () => {
    expect(parseTypedDate("14/13/1990")).toEqual({ ok: false, error: "month" });
    expect(parseTypedDate("14/00/1990")).toEqual({ ok: false, error: "month" });
    expect(parseTypedDate("14/03/90")).toEqual({ ok: false, error: "year" });
    expect(parseTypedDate("32/01/2026")).toEqual({ ok: false, error: "day", maxDay: 31 });
    // A day the month lacks is the day's fault, and the message can say how many days it has.
    expect(parseTypedDate("30/02/2026")).toEqual({ ok: false, error: "day", maxDay: 28 });
    expect(parseTypedDate("29/02/2024")).toEqual({ ok: true, date: "2024-02-29" });
    for (const typed of ["", "14/03", "tomorrow", "14031990", "1990/03/14/1"]) expect(parseTypedDate(typed), typed).toEqual({ ok: false, error: "format" });
  });

  it("shows a stored date the way the language writes it, and anything else as it was typed", () => {
    expect(typedDate("1990-03-14", "fr")).toBe("14/03/1990");
    expect(typedDate("1990-03-14", "nl")).toBe("14/03/1990");
    expect(typedDate("1990-03-14", "en")).toBe("14/03/1990");
    expect(typedDate("1990-03-14", "de")).toBe("14.03.1990");
    expect(typedDate("31/02/1990", "de")).toBe("31/02/1990");
  });

  it("a form step stores the calendar date, and refuses a wrong one with the part named", async () => {
    const context = { today: "2026-11-27", answers: {}, employerSeatPostalCode: "3800" };
    const worker = { givenNames: "Ana", familyName: "Šimić", nationality: "RS", passportNumber: "P1234567", livesIn: "abroad", visaPost: "belgrade" };
    const ok = await validateStep(workerStep, { ...worker, birthDate: "14.03.1990" }, context);
    expect(ok.ok && ok.values.birthDate).toBe("1990-03-14");
    const wrong = await validateStep(workerStep, { ...worker, birthDate: "14/13/1990" }, context);
    expect(!wrong.ok && wrong.errors.birthDate).toEqual({ key: "form.errors.date.month", values: { max: 31 } });
    expect(!wrong.ok && wrong.values.birthDate).toBe("14/13/1990");
    // The summary lists problems in the order of the questions, a wrong date among them.
    const several = await validateStep(workerStep, { ...worker, givenNames: "", birthDate: "31/04/1990", passportNumber: "" }, context);
    expect(Object.keys(!several.ok ? several.errors : {})).toEqual(["givenNames", "birthDate", "passportNumber"]);
  });
});

describe("dates as people type them, at the edges", () => {
  it("takes any separator between one- or two-digit day and month", () => {
    expect(parseTypedDate("1 2 2026")).toEqual({ ok: true, date: "2026-02-01" });
  });

  it("refuses anything before or after the date", () => {
    for (const typed of ["12026-01-01", "2026-01-011", "01/02/2026x", "x01/02/2026"]) {
      expect(parseTypedDate(typed), typed).toEqual({ ok: false, error: "format" });
    }
  });

  it("asks four digits of year, 1000 the first; day 0 is the day's fault", () => {
    expect(parseTypedDate("01/02/20260")).toEqual({ ok: false, error: "year" });
    expect(parseTypedDate("01/02/0999")).toEqual({ ok: false, error: "year" });
    expect(parseTypedDate("01/02/1000")).toEqual({ ok: true, date: "1000-02-01" });
    expect(parseTypedDate("00/02/2026")).toEqual({ ok: false, error: "day", maxDay: 28 });
  });
});

describe("calendar dates in the code", () => {
  it("a day that does not exist, or is no day, is refused with what it was", () => {
    expect(() => toUtc("2026-02-30")).toThrow("not a calendar date: 2026-02-30");
    expect(() => toUtc("30/02/2026")).toThrow("not a calendar date: 30/02/2026");
    expect(isCalendarDate(20260101)).toBe(false);
    expect(() => addDays("2026-01-01", 1.5)).toThrow("addDays must be a whole number of days, got 1.5");
  });

  it("today in Belgium needs a real instant", () => {
    expect(() => todayInBelgium(new Date(Number.NaN))).toThrow("todayInBelgium needs a valid Date");
    expect(() => todayInBelgium("2026-01-01" as unknown as Date)).toThrow("todayInBelgium needs a valid Date");
  });
});
