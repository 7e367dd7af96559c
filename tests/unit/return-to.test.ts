import { describe, expect, it } from "vitest";
import { safeReturnTo } from "../../app/http/form.server";
import { HOSTILE_RETURN_TOS } from "../support/return-to-corpus";

describe("safeReturnTo: only paths on this site", () => {
  it.each(HOSTILE_RETURN_TOS.filter((value) => !/^\/(login|auth|idp)/.test(value)))("refuses %j", (value) => {
    expect(safeReturnTo(value)).toBe("/");
    expect(safeReturnTo(value, "")).toBe("");
  });

  it("keeps paths on this site as they are, query and fragment included", () => {
    expect(safeReturnTo("/applications")).toBe("/applications");
    expect(safeReturnTo("/applications/drafts/1b9d6bcd-bbfd-4b2d-9b5d-ab8dfbbd4bed/worker?from=check")).toBe(
      "/applications/drafts/1b9d6bcd-bbfd-4b2d-9b5d-ab8dfbbd4bed/worker?from=check",
    );
    expect(safeReturnTo("/audit?login=officer.flanders&reference=SP%202026")).toBe("/audit?login=officer.flanders&reference=SP%202026");
    expect(safeReturnTo("/verify#result")).toBe("/verify#result");
  });

  it("refuses what is not text", () => {
    expect(safeReturnTo(undefined)).toBe("/");
    expect(safeReturnTo(null)).toBe("/");
    expect(safeReturnTo(["/applications"])).toBe("/");
    expect(safeReturnTo(`/${"a".repeat(3000)}`)).toBe("/");
  });
});
