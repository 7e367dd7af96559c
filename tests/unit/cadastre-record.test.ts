import { describe, expect, it } from "vitest";
import { checkCadastreBatch, validateCadastreRecord, WORK_CARD_B_MAX_DAYS } from "../../forms/cadastre-record";
import { makeEnterpriseNumber, makePersonNumber } from "../../forms/identifiers";

const row = (overrides: Record<string, unknown> = {}) => ({
  source: "flanders-work-cards",
  sourceId: "B-1",
  kind: "work-card-b",
  worker: { personNumber: makePersonNumber("1990-01-02", 17), familyName: "Diallo", givenNames: "Awa", birthDate: "1990-01-02", nationality: "SN", foreignAddress: "Dakar" },
  employer: { enterpriseNumber: makeEnterpriseNumber("04123456"), name: "Tuinbouw" },
  limosaL1: null,
  authority: "flanders",
  decisionDate: "2019-03-01",
  annex: "B",
  validFrom: "2019-04-01",
  validUntil: "2019-06-29",
  ...overrides,
});

const fields = (value: unknown) => {
  const checked = validateCadastreRecord(value);
  return checked.ok ? [] : checked.problems.map((problem) => problem.field);
};

describe("a cadastre record from another authority", () => {
  it("accepts a work card B of 90 days and refuses one of 91", () => {
    expect(fields(row())).toEqual([]);
    expect(WORK_CARD_B_MAX_DAYS).toBe(90);
    expect(fields(row({ validUntil: "2019-06-30" }))).toEqual(["validUntil"]);
    // A work card C may be longer.
    expect(fields(row({ kind: "work-card-c", validUntil: "2020-03-31" }))).toEqual([]);
  });

  it("asks an employer of a work card, not of a professional card; an annex 3 is the OE's and needs no validity", () => {
    expect(fields(row({ employer: null }))).toEqual(["employer"]);
    expect(fields(row({ kind: "professional-card", employer: null }))).toEqual([]);
    expect(fields(row({ kind: "annex-3", authority: "oe", validFrom: null, validUntil: null }))).toEqual([]);
    expect(fields(row({ kind: "annex-3" }))).toEqual(["authority"]);
    expect(fields(row({ kind: "professional-card", authority: "oe", employer: null }))).toEqual(["authority"]);
  });

  it("refuses what is not a record, a date that is none, validity backwards, an EU national, a bidi control", () => {
    expect(fields(null)).toEqual(["(row)"]);
    expect(fields([1])).toEqual(["(row)"]);
    expect(fields(row({ kind: "work-permit" }))).toEqual(["kind"]);
    expect(fields(row({ decisionDate: "2019-02-29" }))).toEqual(["decisionDate"]);
    expect(fields(row({ validUntil: "2019-03-31" }))).toEqual(["validUntil"]);
    expect(fields(row({ worker: { familyName: "A", givenNames: "B", nationality: "DE" } }))).toEqual(["worker.nationality"]);
    expect(fields(row({ annex: "\u202EB" }))).toEqual(["annex"]);
    expect(fields(row({ source: "Flanders Cards" }))).toEqual(["source"]);
    expect(fields(row({ limosaL1: "L1 2019/1" }))).toEqual(["limosaL1"]);
  });

  it("keeps the numbers in their stored form", () => {
    const checked = validateCadastreRecord(row({ employer: { enterpriseNumber: "BE 0412.345.614", name: "T" } }));
    expect(checked.ok && checked.record.employer).toEqual({ enterpriseNumber: "0412345614", name: "T" });
  });
});

describe("a batch", () => {
  it("numbers the bad rows from 1 and refuses a second row with the same source id", () => {
    const checked = checkCadastreBatch(JSON.stringify({ records: [row(), row({ kind: "x" }), row()] }));
    expect(checked.ok && checked.batch.records.length).toBe(1);
    expect(checked.ok && checked.batch.refused.map((bad) => [bad.row, bad.sourceId, bad.problems[0]!.field])).toEqual([
      [2, "B-1", "kind"],
      [3, "B-1", "sourceId"],
    ]);
    expect(checkCadastreBatch("[").ok).toBe(false);
    expect(checkCadastreBatch("42").ok).toBe(false);
  });
});

// The import's report shows each problem's field and text to the authority that sent the row:
// these pin both, at each field's limits.
const problems = (value: unknown) => {
  const checked = validateCadastreRecord(value);
  return checked.ok ? [] : checked.problems;
};

describe("what the import's report says about a bad row", () => {
  it("a row that is not an object", () => {
    for (const value of [null, "B-1", 42, [row()]]) expect(problems(value)).toEqual([{ field: "(row)", problem: "not an object" }]);
  });

  it("each required field that is missing, null or empty", () => {
    for (const missing of [undefined, null, ""]) {
      expect(problems(row({ source: missing }))).toEqual([{ field: "source", problem: "missing" }]);
      expect(problems(row({ sourceId: missing }))).toEqual([{ field: "sourceId", problem: "missing" }]);
      expect(problems(row({ annex: missing }))).toEqual([{ field: "annex", problem: "missing" }]);
      expect(problems(row({ decisionDate: missing }))).toEqual([{ field: "decisionDate", problem: "missing" }]);
      expect(problems(row({ validFrom: missing }))).toEqual([{ field: "validFrom", problem: "missing" }]);
      expect(problems(row({ validUntil: missing }))).toEqual([{ field: "validUntil", problem: "missing" }]);
      expect(problems(row({ worker: { ...row().worker, familyName: missing } }))).toEqual([{ field: "worker.familyName", problem: "missing" }]);
      expect(problems(row({ worker: { ...row().worker, givenNames: missing } }))).toEqual([{ field: "worker.givenNames", problem: "missing" }]);
      expect(problems(row({ employer: { enterpriseNumber: row().employer.enterpriseNumber, name: missing } }))).toEqual([{ field: "employer.name", problem: "missing" }]);
    }
    expect(problems(row({ worker: undefined }))).toEqual([{ field: "worker", problem: "missing" }]);
    expect(problems(row({ worker: "Diallo" }))).toEqual([{ field: "worker", problem: "missing" }]);
    expect(problems(row({ kind: undefined }))).toEqual([{ field: "kind", problem: "must be one of work-card-b, work-card-c, professional-card, annex-3" }]);
  });

  it("text that is not text, only blanks, or carries a bidirectional control", () => {
    expect(problems(row({ sourceId: 17 }))).toEqual([{ field: "sourceId", problem: "not text" }]);
    expect(problems(row({ sourceId: "   " }))).toEqual([{ field: "sourceId", problem: "must be 1 to 80 characters" }]);
    expect(problems(row({ annex: "\u202EB" }))).toEqual([{ field: "annex", problem: "contains bidirectional control characters" }]);
  });

  it("each text field at its longest, and one character over", () => {
    const limits: [string, number, (value: string) => Record<string, unknown>][] = [
      ["source", 60, (value) => ({ source: value })],
      ["sourceId", 80, (value) => ({ sourceId: value })],
      ["annex", 20, (value) => ({ annex: value })],
      ["limosaL1", 30, (value) => ({ limosaL1: value })],
      ["worker.familyName", 100, (value) => ({ worker: { ...row().worker, familyName: value } })],
      ["worker.givenNames", 100, (value) => ({ worker: { ...row().worker, givenNames: value } })],
      ["worker.foreignAddress", 300, (value) => ({ worker: { ...row().worker, foreignAddress: value } })],
      ["employer.name", 200, (value) => ({ employer: { enterpriseNumber: row().employer.enterpriseNumber, name: value } })],
    ];
    for (const [field, max, set] of limits) {
      expect(problems(row(set("a".repeat(max)))), field).toEqual([]);
      expect(problems(row(set("a".repeat(max + 1)))), field).toEqual([{ field, problem: `must be 1 to ${max} characters` }]);
    }
  });

  it("keeps text trimmed, optional fields absent as null, and the whole record as sent", () => {
    const checked = validateCadastreRecord(
      row({ sourceId: "  B-1 ", worker: { familyName: "Diallo", givenNames: "Awa", nationality: "SN" }, limosaL1: "L1-2019-0001" }),
    );
    expect(checked).toEqual({
      ok: true,
      record: {
        source: "flanders-work-cards",
        sourceId: "B-1",
        kind: "work-card-b",
        worker: { personNumber: null, familyName: "Diallo", givenNames: "Awa", birthDate: null, nationality: "SN", foreignAddress: null },
        employer: { enterpriseNumber: row().employer.enterpriseNumber, name: "Tuinbouw" },
        limosaL1: "L1-2019-0001",
        authority: "flanders",
        decisionDate: "2019-03-01",
        annex: "B",
        validFrom: "2019-04-01",
        validUntil: "2019-06-29",
      },
    });
    const full = validateCadastreRecord(row());
    expect(full.ok && full.record.worker).toEqual(row().worker);
  });

  it("the source's letters and the L1 number's form", () => {
    expect(problems(row({ source: "flanders-2019" }))).toEqual([]);
    expect(problems(row({ source: "flanders_cards" }))).toEqual([{ field: "source", problem: "use lower-case letters, digits and -" }]);
    expect(problems(row({ source: "-flanders" }))).toEqual([{ field: "source", problem: "use lower-case letters, digits and -" }]);
    expect(problems(row({ limosaL1: "L" }))).toEqual([]);
    expect(problems(row({ limosaL1: "L1-2019" }))).toEqual([]);
    expect(problems(row({ limosaL1: "-L1" }))).toEqual([{ field: "limosaL1", problem: "use letters, digits and -" }]);
    expect(problems(row({ limosaL1: "L1/2019" }))).toEqual([{ field: "limosaL1", problem: "use letters, digits and -" }]);
  });

  it("the worker's numbers, birth date and nationality", () => {
    for (const none of [undefined, null, ""]) {
      const checked = validateCadastreRecord(row({ worker: { ...row().worker, personNumber: none } }));
      expect(checked.ok && checked.record.worker.personNumber).toBeNull();
    }
    const bad = [{ field: "worker.personNumber", problem: "not a valid national or BIS number" }];
    expect(problems(row({ worker: { ...row().worker, personNumber: "12345678901" } }))).toEqual(bad);
    expect(problems(row({ worker: { ...row().worker, personNumber: 90010201745 } }))).toEqual(bad);
    expect(problems(row({ worker: { ...row().worker, birthDate: "1990-02-30" } }))).toEqual([{ field: "worker.birthDate", problem: "not a date (YYYY-MM-DD)" }]);
    expect(problems(row({ worker: { ...row().worker, nationality: "DE" } }))).toEqual([{ field: "worker.nationality", problem: "not a third country's ISO code" }]);
    expect(problems(row({ worker: { ...row().worker, nationality: undefined } }))).toEqual([{ field: "worker.nationality", problem: "not a third country's ISO code" }]);
  });

  it("the employer: an object with a valid enterprise number, named on every work card", () => {
    const { employer: _employer, ...withoutEmployer } = row({ kind: "professional-card" });
    expect(problems(withoutEmployer)).toEqual([]);
    expect(problems(row({ employer: "Tuinbouw" }))).toEqual([{ field: "employer", problem: "not an object" }]);
    const badNumber = [{ field: "employer.enterpriseNumber", problem: "not a valid enterprise number" }];
    expect(problems(row({ employer: { enterpriseNumber: "0412345615", name: "Tuinbouw" } }))).toEqual(badNumber);
    expect(problems(row({ employer: { enterpriseNumber: 412345614, name: "Tuinbouw" } }))).toEqual(badNumber);
    expect(problems(row({ employer: { name: "Tuinbouw" } }))).toEqual(badNumber);
    for (const kind of ["work-card-b", "work-card-c"]) {
      expect(problems(row({ kind, employer: null }))).toEqual([{ field: "employer", problem: "a work card names its employer" }]);
    }
  });

  it("the authority: the OE for an annex 3, a region for every other record", () => {
    expect(problems(row({ kind: "annex-3", authority: "flanders" }))).toEqual([{ field: "authority", problem: "an annex 3 is the Immigration Office's (oe)" }]);
    expect(problems(row({ authority: "oe" }))).toEqual([{ field: "authority", problem: "must be flanders, wallonia, brussels or dg" }]);
    expect(problems(row({ authority: undefined }))).toEqual([{ field: "authority", problem: "must be flanders, wallonia, brussels or dg" }]);
  });

  it("the validity: one day is enough, backwards is refused, an annex 3 may give only its start", () => {
    expect(problems(row({ validUntil: "2019-04-01" }))).toEqual([]);
    expect(problems(row({ validUntil: "2019-03-31" }))).toEqual([{ field: "validUntil", problem: "before validFrom" }]);
    expect(problems(row({ validUntil: "2019-06-30" }))).toEqual([{ field: "validUntil", problem: "a work card B holds at most 90 days here" }]);
    expect(problems(row({ kind: "annex-3", authority: "oe", validUntil: null }))).toEqual([]);
    expect(problems(row({ kind: "annex-3", authority: "oe", validFrom: null }))).toEqual([]);
    expect(problems(row({ decisionDate: "01/03/2019" }))).toEqual([{ field: "decisionDate", problem: "not a date (YYYY-MM-DD)" }]);
  });
});

describe("what the import says about a batch", () => {
  it("text that is not JSON, or JSON that holds no list of records", () => {
    const notJson = checkCadastreBatch("[");
    expect(!notJson.ok && notJson.problem).toMatch(/^not JSON: ./);
    for (const text of ["42", "null", "{}", '{"records": 3}']) {
      expect(checkCadastreBatch(text)).toEqual({ ok: false, problem: 'expected an array of records, or { "records": [...] }' });
    }
  });

  it("a bare array; two rows apart by source or by id both pass; a refused row's id only when it is text", () => {
    const checked = checkCadastreBatch(
      JSON.stringify([row(), row({ sourceId: "B-2" }), row({ source: "wallonia-work-cards" }), null, row({ sourceId: 7 }), row()]),
    );
    expect(checked.ok && checked.batch.records.map((record) => [record.source, record.sourceId])).toEqual([
      ["flanders-work-cards", "B-1"],
      ["flanders-work-cards", "B-2"],
      ["wallonia-work-cards", "B-1"],
    ]);
    expect(checked.ok && checked.batch.refused).toEqual([
      { row: 4, sourceId: null, problems: [{ field: "(row)", problem: "not an object" }] },
      { row: 5, sourceId: null, problems: [{ field: "sourceId", problem: "not text" }] },
      { row: 6, sourceId: "B-1", problems: [{ field: "sourceId", problem: "already in this batch" }] },
    ]);
  });
});
