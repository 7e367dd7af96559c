import { describe, expect, it } from "vitest";
import { readAuditQuery, validateAuditQuery } from "../../app/audit/audit.server";

const query = (search: string) => validateAuditQuery(readAuditQuery(new URLSearchParams(search)));

describe("the audit view's search", () => {
  it("takes no filter at all as the whole log", () => {
    expect(query("")).toEqual({ ok: true, filters: {} });
  });

  it("trims what was typed, finds a case reference in any case and a login as stored", () => {
    expect(query("reference=+sp-2026-000123+&login=Officer.Flanders&from=2026-03-01&until=2026-03-31")).toEqual({
      ok: true,
      filters: { reference: "SP-2026-000123", login: "officer.flanders", from: "2026-03-01", until: "2026-03-31" },
    });
    expect(query("from=2026-03-01&until=2026-03-01")).toEqual({ ok: true, filters: { from: "2026-03-01", until: "2026-03-01" } });
  });

  it("refuses impossible dates and garbage, field by field", () => {
    expect(query("from=2026-02-30")).toEqual({ ok: false, errors: { from: { key: "audit.errors.date" } } });
    // The language's own format is read (forms/dates.ts parseTypedDate); a month 13 is not.
    expect(query("until=31/03/2026")).toEqual({ ok: true, filters: { until: "2026-03-31" } });
    expect(query("until=31/13/2026")).toEqual({ ok: false, errors: { until: { key: "audit.errors.date" } } });
    expect(query("from=2026-2-3&until=%3Cscript%3E")).toEqual({
      ok: false,
      errors: { from: { key: "audit.errors.date" }, until: { key: "audit.errors.date" } },
    });
  });

  it("refuses dates outside the years the log can hold, and an end before the start", () => {
    expect(query("until=9999-12-31")).toEqual({ ok: false, errors: { until: { key: "audit.errors.dateYears" } } });
    expect(query("from=1999-12-31")).toEqual({ ok: false, errors: { from: { key: "audit.errors.dateYears" } } });
    expect(query("from=2026-03-10&until=2026-03-09")).toEqual({ ok: false, errors: { until: { key: "audit.errors.range" } } });
  });

  it("says a reference or login is too long instead of cutting it silently", () => {
    const long = "x".repeat(101);
    expect(query(`reference=${long}&login=${long}`)).toEqual({
      ok: false,
      errors: { reference: { key: "caseActions.errors.tooLong", values: { max: 100 } }, login: { key: "caseActions.errors.tooLong", values: { max: 100 } } },
    });
    expect(readAuditQuery(new URLSearchParams(`login=${"y".repeat(10_000)}`)).login).toHaveLength(101);
  });
});
