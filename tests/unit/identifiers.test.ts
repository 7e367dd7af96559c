import { describe, expect, it } from "vitest";
import {
  formatEnterpriseNumber,
  formatPersonNumber,
  makeEnterpriseNumber,
  makePersonNumber,
  parseEnterpriseNumber,
  parsePersonNumber,
} from "../../forms/identifiers";

/** The rule itself, written independently of the code under test. */
const check = (digits: string) => String(97 - Number(BigInt(digits) % 97n)).padStart(2, "0");

describe("KBO/BCE enterprise numbers", () => {
  it("accepts a number in the ways people write it", () => {
    // By hand: 4031707 = 97 × 41563 + 96, so the check is 97 − 96 = 01.
    for (const input of ["0403170701", "0403.170.701", "BE 0403.170.701", "BE0403170701", "be 0403 170 701", " 0403-170-701 "]) {
      expect(parseEnterpriseNumber(input), input).toEqual({ ok: true, value: "0403170701" });
    }
    expect(formatEnterpriseNumber("0403170701")).toBe("0403.170.701");
  });

  it("gives an old 9-digit number its leading 0", () => {
    expect(parseEnterpriseNumber("403.170.701")).toEqual({ ok: true, value: "0403170701" });
    expect(parseEnterpriseNumber("BE 403170701")).toEqual({ ok: true, value: "0403170701" });
  });

  it("accepts numbers starting with 1", () => {
    // By hand: 10012345 = 97 × 103220 + 5, so the check is 92.
    expect(parseEnterpriseNumber("1001.234.592")).toEqual({ ok: true, value: "1001234592" });
    expect(makeEnterpriseNumber("10012345")).toBe("1001234592");
    expect(makeEnterpriseNumber("04031707")).toBe("0403170701");
    expect(makeEnterpriseNumber("07654321")).toBe(`07654321${check("07654321")}`);
  });

  it("refuses a wrong check, a first digit other than 0 or 1, and garbage", () => {
    expect(parseEnterpriseNumber("0403.170.702")).toEqual({ ok: false, error: "checksum" });
    expect(parseEnterpriseNumber("1001.234.593")).toEqual({ ok: false, error: "checksum" });
    expect(parseEnterpriseNumber("403.170.702")).toEqual({ ok: false, error: "checksum" });
    expect(parseEnterpriseNumber(`24031707${check("24031707")}`)).toEqual({ ok: false, error: "format" });
    expect(parseEnterpriseNumber("04031707O1")).toEqual({ ok: false, error: "format" });
    expect(parseEnterpriseNumber("04031707")).toEqual({ ok: false, error: "format" });
    expect(parseEnterpriseNumber("040317070100")).toEqual({ ok: false, error: "format" });
    expect(parseEnterpriseNumber("  ")).toEqual({ ok: false, error: "required" });
    expect(parseEnterpriseNumber("BE")).toEqual({ ok: false, error: "required" });
    expect(() => makeEnterpriseNumber("2403170")).toThrow();
  });
});

describe("NISS/INSZ numbers", () => {
  it("checks a number of someone born before 2000 (python-stdnum's example)", () => {
    // By hand: 850730033 = 97 × 8770412 + 69, so the check is 97 − 69 = 28.
    const expected = { ok: true, value: "85073003328", kind: "niss", birthDate: "1985-07-30" };
    expect(parsePersonNumber("85.07.30-033.28")).toEqual(expected);
    expect(parsePersonNumber("85073003328")).toEqual(expected);
    expect(parsePersonNumber("85 07 30 033 28")).toEqual(expected);
    expect(formatPersonNumber("85073003328")).toBe("85.07.30-033.28");
    expect(makePersonNumber("1985-07-30", 33)).toBe("85073003328");
    // The brief's format example "85.07.30-033.61" does not carry a valid check.
    expect(parsePersonNumber("85.07.30-033.61")).toEqual({ ok: false, error: "checksum" });
    expect(parsePersonNumber("85073003329")).toEqual({ ok: false, error: "checksum" });
  });

  it("applies the 2000+ rule: a 2 before the nine digits", () => {
    // python-stdnum's example: 2170730033 mod 97 gives check 84 (the 1900 rule would give 55).
    expect(check("2170730033")).toBe("84");
    expect(parsePersonNumber("17.07.30-033.84")).toEqual({ ok: true, value: "17073003384", kind: "niss", birthDate: "2017-07-30" });
    const made = makePersonNumber("2003-02-28", 17);
    expect(made).toBe(`030228017${check("2030228017")}`);
    expect(parsePersonNumber(made)).toMatchObject({ ok: true, kind: "niss", birthDate: "2003-02-28" });
  });

  it("does not read a 1985 number as a birth in 2085", () => {
    // 57 is the check under the 2000 rule; a year that has not happened cannot use it.
    expect(check("2850730033")).toBe("57");
    expect(parsePersonNumber("85073003357")).toEqual({ ok: false, error: "checksum" });
  });

  it("uses the right century for leap days", () => {
    expect(parsePersonNumber(`000229001${check("2000229001")}`)).toMatchObject({ ok: true, birthDate: "2000-02-29" });
    // 1900 was not a leap year: 29 February 1900 is a day past the month's end, so the day is unknown.
    expect(parsePersonNumber(`000229001${check("000229001")}`)).toMatchObject({ ok: true, birthDate: null });
  });

  it("allows month 00 and day 00 (unknown or exhausted), without a birth date", () => {
    expect(parsePersonNumber(`850030033${check("850030033")}`)).toEqual({ ok: true, value: "85003003376", kind: "niss", birthDate: null });
    expect(parsePersonNumber(`850700033${check("850700033")}`)).toMatchObject({ ok: true, kind: "niss", birthDate: null });
  });

  it("refuses a month above 12; a day past the month's end means the day is unknown (python-stdnum)", () => {
    expect(parsePersonNumber(`851301033${check("851301033")}`)).toEqual({ ok: false, error: "date" });
    expect(parsePersonNumber(`850230033${check("850230033")}`)).toMatchObject({ ok: true, birthDate: null });
    expect(parsePersonNumber(`850432033${check("850432033")}`)).toMatchObject({ ok: true, birthDate: null });
  });

  // The cases of python-stdnum's own doctests (tests/test_be_nn.doctest).
  it("agrees with python-stdnum's be.nn doctests", () => {
    expect(parsePersonNumber("85.07.30-033 28")).toEqual({ ok: true, value: "85073003328", kind: "niss", birthDate: "1985-07-30" });
    expect(parsePersonNumber("17 07 30 033 84")).toEqual({ ok: true, value: "17073003384", kind: "niss", birthDate: "2017-07-30" });
    expect(parsePersonNumber("12345678901")).toEqual({ ok: false, error: "checksum" });
    // Fictitious dates 1900-00-01 and 2000-00-01: the whole birth date was unknown.
    expect(parsePersonNumber("00000100166")).toMatchObject({ ok: true, kind: "niss", birthDate: null });
    expect(parsePersonNumber("00000100195")).toMatchObject({ ok: true, kind: "niss", birthDate: null });
    // Only the year (2000-00-00), or year and month (2000-01-00), known.
    expect(parsePersonNumber("00000000128")).toMatchObject({ ok: true, kind: "niss", birthDate: null });
    expect(parsePersonNumber("00010000135")).toMatchObject({ ok: true, kind: "niss", birthDate: null });
    // Day 35 of July: unknown day, valid.
    expect(parsePersonNumber("85073500107")).toEqual({ ok: true, value: "85073500107", kind: "niss", birthDate: null });
    // Month 13: invalid.
    expect(parsePersonNumber("85133000105")).toEqual({ ok: false, error: "date" });
    expect(parsePersonNumber("75.06.08-980.09")).toMatchObject({ ok: true, birthDate: "1975-06-08" });
  });

  it("refuses malformed input", () => {
    expect(parsePersonNumber("")).toEqual({ ok: false, error: "required" });
    expect(parsePersonNumber(" . - ")).toEqual({ ok: false, error: "required" });
    expect(parsePersonNumber("1234")).toEqual({ ok: false, error: "format" });
    expect(parsePersonNumber("8507300332X")).toEqual({ ok: false, error: "format" });
    expect(parsePersonNumber("850730033280")).toEqual({ ok: false, error: "format" });
    expect(() => makePersonNumber("1985-02-30", 1)).toThrow();
    expect(() => makePersonNumber("1985-07-30", 0)).toThrow();
  });
});

describe("BIS numbers", () => {
  it("reads month +40 (sex known): python-stdnum's examples and makePersonNumber", () => {
    expect(check("984728997")).toBe("65");
    expect(parsePersonNumber("98.47.28-997.65")).toEqual({ ok: true, value: "98472899765", kind: "bis", birthDate: "1998-07-28" });
    expect(check("2014907001")).toBe("85");
    expect(parsePersonNumber("01 49 07 001 85")).toEqual({ ok: true, value: "01490700185", kind: "bis", birthDate: "2001-09-07" });
    const made = makePersonNumber("1990-05-12", 123, "bis");
    expect(made).toBe(`904512123${check("904512123")}`);
    expect(parsePersonNumber(made)).toMatchObject({ ok: true, kind: "bis", birthDate: "1990-05-12" });
  });

  it("reads month +20 (sex unknown)", () => {
    expect(parsePersonNumber(`902512123${check("902512123")}`)).toEqual({ ok: true, value: "90251212330", kind: "bis", birthDate: "1990-05-12" });
  });

  // The cases of python-stdnum's own doctests (tests/test_be_bis.doctest).
  it("agrees with python-stdnum's be.bis doctests", () => {
    expect(parsePersonNumber("75.46.08-980.95")).toEqual({ ok: true, value: "75460898095", kind: "bis", birthDate: "1975-06-08" });
    expect(parsePersonNumber("75.26.08-980.52")).toMatchObject({ ok: true, kind: "bis", birthDate: "1975-06-08" });
    for (const unknown of ["00400100155", "00200100112", "00400100184", "00200100141", "00400000117", "00200000171", "00410000124", "00210000178"]) {
      expect(parsePersonNumber(unknown), unknown).toMatchObject({ ok: true, kind: "bis", birthDate: null });
    }
    // Day 35 of July, sex known (+40) or unknown (+20): unknown day, valid.
    expect(parsePersonNumber("85473500193")).toEqual({ ok: true, value: "85473500193", kind: "bis", birthDate: null });
    expect(parsePersonNumber("85273500150")).toEqual({ ok: true, value: "85273500150", kind: "bis", birthDate: null });
    // Month 13 (+40 → 53, +20 → 33): invalid.
    expect(parsePersonNumber("85533000191")).toEqual({ ok: false, error: "date" });
    expect(parsePersonNumber("85333000148")).toEqual({ ok: false, error: "date" });
  });

  it("allows an unknown month (20 or 40) and refuses months beyond +20/+40 ranges", () => {
    expect(parsePersonNumber(`902000123${check("902000123")}`)).toMatchObject({ ok: true, kind: "bis", birthDate: null });
    expect(parsePersonNumber(`904000123${check("904000123")}`)).toMatchObject({ ok: true, kind: "bis", birthDate: null });
    expect(parsePersonNumber(`853501033${check("853501033")}`)).toEqual({ ok: false, error: "date" });
    expect(parsePersonNumber(`855301033${check("855301033")}`)).toEqual({ ok: false, error: "date" });
  });
});

describe("the identifiers' edges", () => {
  it("reads a December birth, and a birth this year under the 2000s rule", () => {
    expect(parsePersonNumber(makePersonNumber("1985-12-31", 33))).toMatchObject({ ok: true, birthDate: "1985-12-31" });
    const thisYear = new Date().getUTCFullYear();
    expect(parsePersonNumber(makePersonNumber(`${thisYear}-01-02`, 5))).toMatchObject({ ok: true, birthDate: `${thisYear}-01-02` });
  });

  it("makes test numbers only from a whole birth date and a serial of 1 to 998", () => {
    expect(() => makePersonNumber("1985-07-30", 1)).not.toThrow();
    expect(() => makePersonNumber("1985-07-30", 998)).not.toThrow();
    for (const serial of [0, 999, 1.5]) expect(() => makePersonNumber("1985-07-30", serial), String(serial)).toThrow(/serial 1–998/);
    for (const birthDate of ["1985-07-30x", "x1985-07-30", "85-07-30"]) expect(() => makePersonNumber(birthDate, 1), birthDate).toThrow(/birth date/);
    expect(() => makeEnterpriseNumber("2123456")).toThrow(/starts with 0 or 1/);
    expect(() => makeEnterpriseNumber("041234567")).toThrow(/starts with 0 or 1/);
    expect(() => makeEnterpriseNumber("x0412345")).toThrow(/starts with 0 or 1/);
  });

  it("takes a lower-case BE prefix and spaces around an enterprise number", () => {
    const number = makeEnterpriseNumber("04123456");
    expect(parseEnterpriseNumber(` be ${number} `)).toEqual({ ok: true, value: number });
    expect(parsePersonNumber(` ${makePersonNumber("1985-07-30", 33)} `)).toMatchObject({ ok: true });
  });
});
