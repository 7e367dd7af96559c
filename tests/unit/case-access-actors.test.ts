import { describe, expect, it } from "vitest";
import { caseActorFor, decideCaseAccess, decideDraftAccess, type CaseFacts } from "../../app/cases/access.server";
import type { Role, User } from "../../app/identity/user";

/** The edges of the access rule that the table in case-access.test.ts does not reach. */
function person(role: Role, extra: Partial<User> = {}): User {
  return {
    id: `${role}-id`,
    login: role,
    displayName: role,
    role,
    authority: null,
    personNumber: null,
    preferredLanguage: null,
    mandates: [],
    actingFor: null,
    endedMandates: [],
    office: null,
    csrf: "",
    ...extra,
  };
}

const permanentRequest: CaseFacts = {
  status: "regional-completeness",
  kind: "permanent",
  employerId: null,
  createdBy: "resident-id",
  competentAuthority: "brussels",
  workerPersonNumber: null,
};

describe("how the lifecycle sees a person", () => {
  it("sees an officer handling a case as that officer, with his authority", () => {
    expect(caseActorFor({ user: person("regional-officer", { authority: "wallonia" }) }, "handle")).toEqual({ role: "regional-officer", authority: "wallonia" });
    expect(caseActorFor({ user: person("oe-officer", { authority: "oe" }) }, "handle")).toEqual({ role: "oe-officer", authority: "oe" });
  });

  it("sees everyone acting as applicant, officers included, as the applicant", () => {
    expect(caseActorFor({ user: person("oe-officer", { authority: "oe" }) }, "act-as-applicant")).toEqual({ role: "applicant" });
    expect(caseActorFor({ user: person("employer") }, "act-as-applicant")).toEqual({ role: "applicant" });
    // An inspector or a representative is never an officer, whatever he asks to do.
    expect(caseActorFor({ user: person("inspector") }, "handle")).toEqual({ role: "applicant" });
    expect(caseActorFor({ user: person("employer") }, "handle")).toEqual({ role: "applicant" });
  });

  it("sees the system as the system", () => {
    expect(caseActorFor({ system: true }, "handle")).toEqual({ role: "system" });
    expect(caseActorFor({ system: true }, "act-as-applicant")).toEqual({ role: "system" });
  });
});

describe("people the rule knows too little about", () => {
  it("gives a regional officer without a region no case, not even one without a region", () => {
    const adrift = person("regional-officer");
    expect(decideCaseAccess({ user: adrift }, { ...permanentRequest, competentAuthority: null }, "handle")).toEqual({ allowed: false, answer: "forbidden" });
  });

  it("gives a worker or resident without a national number no case whose worker has none", () => {
    expect(decideCaseAccess({ user: person("worker") }, permanentRequest, "follow").allowed).toBe(false);
    expect(decideCaseAccess({ user: person("resident", { id: "another-resident" }) }, permanentRequest, "follow").allowed).toBe(false);
  });

  it("lets a resident act on his own unlimited-permit request only, not on another resident's", () => {
    expect(decideCaseAccess({ user: person("resident", { id: "resident-id" }) }, permanentRequest, "act-as-applicant")).toEqual({ allowed: true });
    expect(decideCaseAccess({ user: person("resident", { id: "another-resident" }) }, permanentRequest, "act-as-applicant").allowed).toBe(false);
    // A single-permit case he created (as representative, say) is not his unlimited permit.
    expect(decideCaseAccess({ user: person("resident", { id: "resident-id" }) }, { ...permanentRequest, kind: "single" }, "follow").allowed).toBe(false);
  });

  it("lets nobody but workers and residents follow a case as its worker, not an officer or inspector who happens to be it", () => {
    const aboutHim = { ...permanentRequest, kind: "single" as const, workerPersonNumber: "90031410132" };
    for (const role of ["regional-officer", "oe-officer", "inspector", "data-protection-officer"] as const) {
      expect(decideCaseAccess({ user: person(role, { personNumber: "90031410132", authority: "brussels" }) }, aboutHim, "follow"), role).toEqual({ allowed: false, answer: "not-found" });
    }
    expect(decideCaseAccess({ user: person("worker", { personNumber: "90031410132" }) }, aboutHim, "follow")).toEqual({ allowed: true });
  });

  it("refuses a draft with no enterprise to everyone", () => {
    const representative = person("employer", { mandates: [{ employerId: "enterprise-a", enterpriseNumber: "0123456749", name: "A" }] });
    expect(decideDraftAccess(representative, { status: "draft", employerId: null }).allowed).toBe(false);
    expect(decideDraftAccess(representative, { status: "draft", employerId: "enterprise-a" }).allowed).toBe(true);
  });
});
