import { describe, expect, it } from "vitest";
import { authorityForPostalCode, competentAuthority, parsePostalCode, postalCodesIn } from "../../forms/competent-authority";

// The nine municipalities of the German-speaking Community.
const DG_CODES = [
  "4700", "4701", "4710", "4711", "4720", "4721", "4728", "4730", "4731", "4750",
  "4760", "4761", "4770", "4771", "4780", "4782", "4783", "4784", "4790", "4791",
];

describe("authorityForPostalCode", () => {
  it("sends every municipality of the German-speaking Community to the DG", () => {
    for (const code of DG_CODES) expect(authorityForPostalCode(code), code).toBe("dg");
  });

  it("keeps Malmedy, Waimes (French-speaking) and the rest of Liège in Wallonia", () => {
    for (const code of ["4950", "4960", "4000", "4699", "4702", "4751", "4792", "4999"]) {
      expect(authorityForPostalCode(code), code).toBe("wallonia");
    }
  });

  it("draws the regional borders at the right codes", () => {
    const expected: Record<string, string> = {
      "1000": "brussels",
      "1299": "brussels",
      "1300": "wallonia",
      "1499": "wallonia",
      "1500": "flanders",
      "1999": "flanders",
      "2000": "flanders",
      "3000": "flanders",
      "3999": "flanders",
      "5000": "wallonia",
      "6600": "wallonia",
      "7999": "wallonia",
      "8000": "flanders",
      "9000": "flanders",
      "9999": "flanders",
    };
    for (const [code, authority] of Object.entries(expected)) expect(authorityForPostalCode(code), code).toBe(authority);
  });

  it("has no region for what is not a Belgian postal code", () => {
    for (const code of ["0999", "0000", "999", "10000", "12a4", ""]) expect(authorityForPostalCode(code), code).toBeNull();
  });
});

describe("parsePostalCode", () => {
  it("parses what people type", () => {
    expect(parsePostalCode(" 4700 ")).toEqual({ ok: true, value: "4700" });
    expect(parsePostalCode("B-1000")).toEqual({ ok: true, value: "1000" });
  });

  it("refuses codes outside 1000–9999 and non-digits", () => {
    expect(parsePostalCode("0999")).toEqual({ ok: false, error: "format" });
    expect(parsePostalCode("12a4")).toEqual({ ok: false, error: "format" });
    expect(parsePostalCode("123")).toEqual({ ok: false, error: "format" });
    expect(parsePostalCode("10000")).toEqual({ ok: false, error: "format" });
    expect(parsePostalCode("")).toEqual({ ok: false, error: "required" });
    expect(parsePostalCode("   ")).toEqual({ ok: false, error: "required" });
  });
});

describe("competentAuthority", () => {
  it("routes a fixed-term single permit by the place of work", () => {
    expect(competentAuthority({ kind: "single", placeOfWorkPostalCode: "9000", employerSeatPostalCode: "1000" })).toEqual({
      authority: "flanders",
      basis: "place-of-work",
    });
    expect(competentAuthority({ kind: "single", placeOfWorkPostalCode: "4700" })).toEqual({ authority: "dg", basis: "place-of-work" });
  });

  it("falls back to the registered office when no Belgian place of work is known", () => {
    const seat = { authority: "brussels", basis: "registered-office" };
    expect(competentAuthority({ kind: "single", placeOfWorkPostalCode: null, employerSeatPostalCode: "1000" })).toEqual(seat);
    expect(competentAuthority({ kind: "single", employerSeatPostalCode: "1000" })).toEqual(seat);
    expect(competentAuthority({ kind: "single", placeOfWorkPostalCode: "", employerSeatPostalCode: "1000" })).toEqual(seat);
    expect(competentAuthority({ kind: "single", placeOfWorkPostalCode: "0999", employerSeatPostalCode: "1000" })).toEqual(seat);
  });

  it("gives no authority when neither place of work nor seat decides", () => {
    expect(competentAuthority({ kind: "single" })).toBeNull();
    expect(competentAuthority({ kind: "single", placeOfWorkPostalCode: null, employerSeatPostalCode: null })).toBeNull();
  });

  it("routes a permanent permit by the residence, whatever the work", () => {
    expect(competentAuthority({ kind: "permanent", residencePostalCode: "4780" })).toEqual({ authority: "dg", basis: "residence" });
    expect(competentAuthority({ kind: "permanent", residencePostalCode: "1300" })).toEqual({ authority: "wallonia", basis: "residence" });
    expect(competentAuthority({ kind: "permanent", residencePostalCode: "0999" })).toBeNull();
  });
});

describe("several places of work, posting, no Belgian seat (docs/domain.md §1, routing table)", () => {
  const single = (input: Omit<Extract<Parameters<typeof competentAuthority>[0], { kind: "single" }>, "kind">) => competentAuthority({ kind: "single", ...input });

  it("sends a posted worker to the region of the user enterprise, whatever the employer's seat", () => {
    expect(single({ placeOfWorkPostalCode: "", userEnterprisePostalCode: "4000", employerSeatPostalCode: "2000" })).toEqual({ authority: "wallonia", basis: "user-enterprise" });
    expect(single({ placeOfWorkPostalCode: "9000", userEnterprisePostalCode: "1050", employerSeatPostalCode: null })).toEqual({ authority: "brussels", basis: "user-enterprise" });
  });

  it("follows the main place of work among several", () => {
    expect(single({ placeOfWorkPostalCode: "9000", otherPlacesOfWork: ["1000", "5000"], employerSeatPostalCode: "4000" })).toEqual({ authority: "flanders", basis: "main-place-of-work" });
  });

  it("takes the one region of all places when there is no main place", () => {
    expect(single({ placeOfWorkPostalCode: "5000", otherPlacesOfWork: ["4000"], noMainPlace: true, employerSeatPostalCode: "2000" })).toEqual({ authority: "wallonia", basis: "place-of-work" });
  });

  it("falls back to the registered office when the work is spread evenly over regions (50/50)", () => {
    expect(single({ placeOfWorkPostalCode: "3800", otherPlacesOfWork: ["1000"], noMainPlace: true, employerSeatPostalCode: "4700" })).toEqual({ authority: "dg", basis: "registered-office" });
  });

  it("cannot decide for an employer without a Belgian seat whose places span regions and have no main one", () => {
    expect(single({ placeOfWorkPostalCode: "3800", otherPlacesOfWork: ["1000"], noMainPlace: true, employerSeatPostalCode: null })).toBeNull();
    expect(single({ placeOfWorkPostalCode: "3800", otherPlacesOfWork: ["1000"], noMainPlace: true, employerSeatPostalCode: "75001" })).toBeNull(); // a foreign seat
    // Naming the main place settles it: where the work is done.
    expect(single({ placeOfWorkPostalCode: "3800", otherPlacesOfWork: ["1000"], employerSeatPostalCode: null })).toEqual({ authority: "flanders", basis: "main-place-of-work" });
  });

  it("reads the other places as people type them", () => {
    expect(postalCodesIn("9000, 1000;4700\n B-5000 ")).toEqual(["9000", "1000", "4700", "5000"]);
    expect(postalCodesIn("9000, 99999")).toEqual(["9000"]);
  });
});

