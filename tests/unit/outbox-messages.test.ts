import { describe, expect, it } from "vitest";
import { parseOutboxMessage } from "../../app/outbox/messages";

const document = {
  type: "46",
  language: "nl",
  courtesy: false,
  recipient: { kind: "enterprise", id: "0403170701" },
  caseVersion: 5,
};
const notice = {
  recipient: { kind: "person", id: "88041230015" },
  language: "fr",
  template: "endOfStay",
  values: { reference: "SP-2026-000123", worker: "Gül Yılmaz", date: "2026-12-31", days: 30 },
};
const feed = { caseVersion: 5, status: "valid", statusOn: "2026-11-23", reason: null };
const step = { step: "card-issued", on: "2027-02-15", detail: "A 2027-02-15/2030-01-03" };

// An unemployment period for the cadastre (issue 17): whole, the deliverer reads nothing else.
const unemployment = { caseReference: "SP-2026-000003", workerPersonNumber: "90031410132", startsOn: "2026-11-08", endsOn: "2027-02-07", status: "running", statusOn: "2026-11-27" };

const valid = { "ebox.document": document, "ebox.notice": notice, "cadastre.feed": feed, "cadastre.unemployment": unemployment, "cadastre.step": step } as const;

/** The payload with one field replaced (undefined: left out). */
function withField(payload: object, name: string, value: unknown): Record<string, unknown> {
  const copy: Record<string, unknown> = { ...payload };
  if (value === undefined) delete copy[name];
  else copy[name] = value;
  return copy;
}

describe("reading an outbox message back", () => {
  it.each(Object.entries(valid))("accepts a well-formed %s", (kind, payload) => {
    expect(parseOutboxMessage(kind, payload)).toEqual({ ok: true, message: { kind, payload } });
  });

  it("accepts each document type, template, cadastre status, and a reason", () => {
    // "revocation" is kept: rows written before revocations were told apart by decider are still delivered.
    for (const type of ["46", "47", "48", "revocation", "work-authorisation", "work-refusal", "inadmissibility-region", "inadmissibility-oe", "work-withdrawal", "end-of-employment", "end-of-residence"]) {
      expect(parseOutboxMessage("ebox.document", { ...document, type }).ok).toBe(true);
    }
    for (const status of ["running", "stopped", "run-out"]) expect(parseOutboxMessage("cadastre.unemployment", { ...unemployment, status }).ok).toBe(true);
    expect(parseOutboxMessage("cadastre.unemployment", { ...unemployment, status: "ended" }).ok).toBe(false);
    for (const template of ["reminder", "endOfStay", "endOfStayUnemployment", "unemploymentStarted", "unemploymentRunOut"]) expect(parseOutboxMessage("ebox.notice", { ...notice, template }).ok).toBe(true);
    for (const status of ["valid", "refused", "revoked"]) expect(parseOutboxMessage("cadastre.feed", { ...feed, status }).ok).toBe(true);
    expect(parseOutboxMessage("cadastre.feed", { ...feed, status: "revoked", reason: "Public order." }).ok).toBe(true);
    // The annex 46 to a post's inbox, and the employer's copy marked to forward to a worker without a national number.
    expect(parseOutboxMessage("ebox.document", { ...document, recipient: { kind: "post", id: "casablanca" } }).ok).toBe(true);
    expect(parseOutboxMessage("ebox.document", { ...document, forward: true })).toEqual({ ok: true, message: { kind: "ebox.document", payload: { ...document, forward: true } } });
    for (const name of ["visa-issued", "visa-refused", "arrival-declared", "registered", "annex-49-issued"]) expect(parseOutboxMessage("cadastre.step", { ...step, step: name, detail: null }).ok).toBe(true);
    expect(parseOutboxMessage("cadastre.step", { ...step, step: "deported" }).ok).toBe(false);
  });

  it("keeps only the fields it knows", () => {
    const parsed = parseOutboxMessage("cadastre.feed", { ...feed, extra: "ignored" });
    expect(parsed).toEqual({ ok: true, message: { kind: "cadastre.feed", payload: feed } });
  });

  it.each(Object.entries(valid).flatMap(([kind, payload]) => Object.keys(payload).map((name) => [kind, name, payload] as const)))(
    "refuses a %s without %s",
    (kind, name, payload) => {
      expect(parseOutboxMessage(kind, withField(payload, name, undefined))).toEqual({ ok: false, reason: `${kind}: "${name}" is missing` });
    },
  );

  it.each([
    ["ebox.document", "type", "49"],
    ["ebox.document", "type", 46],
    ["ebox.document", "language", null],
    ["ebox.document", "courtesy", "false"],
    ["ebox.document", "recipient", "0403170701"],
    ["ebox.document", "recipient", { kind: "company", id: "0403170701" }],
    ["ebox.document", "recipient", { kind: "enterprise", id: 403170701 }],
    ["ebox.document", "recipient", { kind: "enterprise" }],
    ["ebox.document", "caseVersion", "5"],
    ["ebox.document", "caseVersion", 0],
    ["ebox.document", "caseVersion", 1.5],
    ["ebox.notice", "recipient", null],
    ["ebox.notice", "language", 1],
    ["ebox.notice", "template", "welcome"],
    ["ebox.notice", "values", [1, 2]],
    ["ebox.notice", "values", { days: true }],
    ["ebox.notice", "values", { reference: null }],
    ["ebox.notice", "values", "SP-2026-000123"],
    ["cadastre.feed", "caseVersion", null],
    ["cadastre.feed", "status", "issued"],
    ["cadastre.feed", "statusOn", 20261123],
    ["cadastre.feed", "reason", 0],
  ] as const)("refuses a %s whose %s is %j", (kind, name, value) => {
    const parsed = parseOutboxMessage(kind, withField(valid[kind], name, value));
    expect(parsed.ok).toBe(false);
    expect(parsed.ok ? null : parsed.reason).toMatch(new RegExp(`^${kind.replace(".", "\\.")}: "${name}" is not `));
  });

  it("refuses a payload that is not an object", () => {
    for (const payload of [null, "{}", 42, [document]]) {
      expect(parseOutboxMessage("ebox.document", payload)).toEqual({ ok: false, reason: "ebox.document: the payload is not an object" });
    }
  });

  it("refuses a kind it does not know, whatever the payload", () => {
    expect(parseOutboxMessage("sms.send", notice)).toEqual({ ok: false, reason: 'unknown kind "sms.send"' });
    expect(parseOutboxMessage("sms.send", null)).toEqual({ ok: false, reason: 'unknown kind "sms.send"' });
    expect(parseOutboxMessage("EBOX.DOCUMENT", document)).toEqual({ ok: false, reason: 'unknown kind "EBOX.DOCUMENT"' });
    expect(parseOutboxMessage("", {})).toEqual({ ok: false, reason: 'unknown kind ""' });
  });

  it("accepts every cadastre status, the first case version, and values of strings and finite numbers only", () => {
    for (const status of ["valid", "refused", "revoked", "inadmissible", "ended"]) expect(parseOutboxMessage("cadastre.feed", { ...feed, status }).ok, status).toBe(true);
    expect(parseOutboxMessage("cadastre.feed", { ...feed, caseVersion: 1 }).ok).toBe(true);
    expect(parseOutboxMessage("ebox.notice", { ...notice, values: {} }).ok).toBe(true);
    for (const values of [{ days: Number.NaN }, { days: Number.POSITIVE_INFINITY }, { reference: "SP-2026-000123", urgent: true }]) {
      expect(parseOutboxMessage("ebox.notice", { ...notice, values }), JSON.stringify(values)).toEqual({ ok: false, reason: 'ebox.notice: "values" is not an object of strings and numbers' });
    }
  });

  it("says what it expected of a field it refuses", () => {
    expect(parseOutboxMessage("cadastre.feed", { ...feed, status: "issued" })).toEqual({ ok: false, reason: 'cadastre.feed: "status" is not one of valid, refused, revoked, inadmissible, ended' });
    expect(parseOutboxMessage("ebox.document", { ...document, recipient: { kind: "company", id: "1" } })).toEqual({
      ok: false,
      reason: 'ebox.document: "recipient" is not { kind: one of enterprise, person, post; id: a string }',
    });
    expect(parseOutboxMessage("ebox.document", { ...document, caseVersion: 0 })).toEqual({ ok: false, reason: 'ebox.document: "caseVersion" is not a whole number from 1' });
  });
});
