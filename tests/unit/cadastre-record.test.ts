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
