import { describe, expect, it } from "vitest";
import {
  caseActorFor,
  decideCaseAccess,
  decideDraftAccess,
  decideOwnPermitReport,
  decidePermitView,
  decideRevocationStep,
  requirePermitHolder,
  requireQueueScope,
  requireResidenceScope,
  requireRevocationSide,
  requireSignalAccess,
  type CaseFacts,
} from "../../app/cases/access.server";
import { ForbiddenError, NotFoundError } from "../../app/errors";
import type { Mandate, Role, User } from "../../app/identity/user";

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

// The access rules of the partners around the permit (docs/access.md), role by role: who may
// see a worker's permit, take a step of the revocation chain, hold a queue, use signals,
// report the end of his own employment. The routes that ask them are tested in
// tests/integration/access-table.test.ts; these are the rules themselves.
const ROLES: Role[] = ["employer", "worker", "resident", "regional-officer", "oe-officer", "inspector", "data-protection-officer", "diplomatic-post", "commune"];

const horticulture: Mandate = { employerId: "employer-a", enterpriseNumber: "0412345678", name: "Tuinbouw" };
const port: Mandate = { employerId: "employer-b", enterpriseNumber: "0765432112", name: "Port" };
const thrown = (act: () => unknown) => {
  try {
    act();
    return null;
  } catch (error) {
    return error;
  }
};

describe("seeing a worker's current permit (change of employer)", () => {
  it("is for a representative acting for an enterprise he holds a mandate for, while the worker consents to it", () => {
    const representative = person("employer", { mandates: [horticulture], actingFor: horticulture });
    expect(decidePermitView(representative, { enterpriseConsented: true })).toEqual({ allowed: true });
    expect(decidePermitView(representative, { enterpriseConsented: false })).toEqual({ allowed: false, answer: "forbidden" });
    // Acting for an enterprise he no longer holds a mandate for; acting for none.
    expect(decidePermitView(person("employer", { mandates: [port], actingFor: horticulture }), { enterpriseConsented: true }).allowed).toBe(false);
    expect(decidePermitView(person("employer", { mandates: [horticulture] }), { enterpriseConsented: true }).allowed).toBe(false);
    for (const role of ROLES.filter((r) => r !== "employer")) {
      expect(decidePermitView(person(role, { mandates: [horticulture], actingFor: horticulture }), { enterpriseConsented: true }), role).toEqual({ allowed: false, answer: "forbidden" });
    }
  });
});

describe("a step of the revocation chain", () => {
  const chain = { commune: "11002" };

  it("is the OE's on its side, the routed commune's on its own; a region is refused, anyone else does not see it", () => {
    expect(decideRevocationStep(person("oe-officer", { authority: "oe" }), chain)).toEqual({ allowed: true, side: "oe" });
    expect(decideRevocationStep(person("commune", { office: "11002" }), chain)).toEqual({ allowed: true, side: "commune" });
    expect(decideRevocationStep(person("commune", { office: "21004" }), chain)).toEqual({ allowed: false, answer: "not-found" });
    expect(decideRevocationStep(person("commune"), { commune: null })).toEqual({ allowed: false, answer: "not-found" });
    expect(decideRevocationStep(person("regional-officer", { authority: "flanders" }), chain)).toEqual({ allowed: false, answer: "forbidden" });
    for (const role of ["employer", "worker", "resident", "inspector", "data-protection-officer", "diplomatic-post"] as const) {
      expect(decideRevocationStep(person(role, { office: "11002" }), chain), role).toEqual({ allowed: false, answer: "not-found" });
    }
  });

  it("names the side, or answers 403 to a region and 404 to the others", () => {
    expect(requireRevocationSide(person("oe-officer", { authority: "oe" }), chain)).toBe("oe");
    expect(requireRevocationSide(person("commune", { office: "11002" }), chain)).toBe("commune");
    expect(thrown(() => requireRevocationSide(person("regional-officer", { authority: "flanders" }), chain))).toBeInstanceOf(ForbiddenError);
    expect(thrown(() => requireRevocationSide(person("commune", { office: "21004" }), chain))).toBeInstanceOf(NotFoundError);
    expect(thrown(() => requireRevocationSide(person("worker"), chain))).toBeInstanceOf(NotFoundError);
  });
});

describe("whose queue", () => {
  it("a post's or a commune's holds its own office's files; nobody else has one", () => {
    expect(requireResidenceScope(person("diplomatic-post", { office: "casablanca" }))).toEqual({ role: "diplomatic-post", office: "casablanca" });
    expect(requireResidenceScope(person("commune", { office: "11002" }))).toEqual({ role: "commune", office: "11002" });
    expect(thrown(() => requireResidenceScope(person("commune")))).toBeInstanceOf(ForbiddenError);
    for (const role of ROLES.filter((r) => r !== "diplomatic-post" && r !== "commune")) {
      expect(thrown(() => requireResidenceScope(person(role, { office: "11002" }))), role).toBeInstanceOf(ForbiddenError);
    }
  });

  it("a regional officer's holds his region's cases, the OE's its own open work across regions; nobody else has one", () => {
    expect(requireQueueScope(person("regional-officer", { authority: "wallonia" }))).toEqual({ authority: "wallonia", oeWork: false });
    expect(requireQueueScope(person("oe-officer", { authority: "oe" }))).toEqual({ authority: null, oeWork: true });
    expect(thrown(() => requireQueueScope(person("regional-officer")))).toBeInstanceOf(ForbiddenError);
    expect(thrown(() => requireQueueScope(person("oe-officer")))).toBeInstanceOf(ForbiddenError);
    for (const role of ROLES.filter((r) => r !== "regional-officer" && r !== "oe-officer")) {
      expect(thrown(() => requireQueueScope(person(role, { authority: "flanders" }))), role).toBeInstanceOf(ForbiddenError);
    }
  });
});

describe("signals between the OE and the inspection", () => {
  it("are filed by the OE (a region 403, others 404), seen on a case by officers, inspected by the inspector (others 403)", () => {
    const oe = person("oe-officer", { authority: "oe" });
    const region = person("regional-officer", { authority: "brussels" });
    const inspector = person("inspector");
    expect(thrown(() => requireSignalAccess(oe, "file"))).toBeNull();
    expect(thrown(() => requireSignalAccess(region, "file"))).toBeInstanceOf(ForbiddenError);
    expect(thrown(() => requireSignalAccess(inspector, "file"))).toBeInstanceOf(NotFoundError);
    expect(thrown(() => requireSignalAccess(region, "see-on-case"))).toBeNull();
    expect(thrown(() => requireSignalAccess(person("employer"), "see-on-case"))).toBeInstanceOf(NotFoundError);
    expect(thrown(() => requireSignalAccess(inspector, "inspect"))).toBeNull();
    expect(thrown(() => requireSignalAccess(oe, "inspect"))).toBeInstanceOf(ForbiddenError);
    expect((thrown(() => requireSignalAccess(oe, "inspect")) as Error).message).toBe("forbidden: signals: inspect");
  });
});

describe("a worker's own permits", () => {
  const permit: CaseFacts = {
    status: "issued",
    kind: "single",
    employerId: "employer-a",
    createdBy: "employer-id",
    competentAuthority: "flanders",
    workerPersonNumber: "90031412345",
  };

  it("are read by his national number; the page is a worker's with one", () => {
    expect(requirePermitHolder(person("worker", { personNumber: "90031412345" }))).toBe("90031412345");
    expect(thrown(() => requirePermitHolder(person("worker")))).toBeInstanceOf(ForbiddenError);
    expect(thrown(() => requirePermitHolder(person("resident", { personNumber: "90031412345" })))).toBeInstanceOf(ForbiddenError);
  });

  it("he reports the end of his employment on a single permit about his number, nobody else's and nothing else", () => {
    const worker = person("worker", { personNumber: "90031412345" });
    expect(decideOwnPermitReport(worker, permit)).toEqual({ allowed: true });
    expect(decideOwnPermitReport(person("worker", { personNumber: "85073003328" }), permit)).toEqual({ allowed: false, answer: "not-found" });
    expect(decideOwnPermitReport(person("worker"), { ...permit, workerPersonNumber: null }).allowed).toBe(false);
    expect(decideOwnPermitReport(worker, { ...permit, status: "draft" }).allowed).toBe(false);
    expect(decideOwnPermitReport(worker, { ...permit, kind: "change-of-employer" }).allowed).toBe(false);
    expect(decideOwnPermitReport(person("resident", { personNumber: "90031412345" }), permit).allowed).toBe(false);
  });
});

describe("the residence steps", () => {
  const facts: CaseFacts = {
    status: "issued",
    kind: "single",
    employerId: "employer-a",
    createdBy: "employer-id",
    competentAuthority: "flanders",
    workerPersonNumber: null,
    residence: { visaPost: "casablanca", commune: "11002" },
  };

  it("are the chosen post's and the routed commune's; without residence facts or an office, nobody's", () => {
    const at = (user: User, f: CaseFacts = facts) => decideCaseAccess({ user }, f, "residence");
    expect(at(person("diplomatic-post", { office: "casablanca" }))).toEqual({ allowed: true });
    expect(at(person("diplomatic-post", { office: "rabat" }))).toEqual({ allowed: false, answer: "not-found" });
    expect(at(person("commune", { office: "11002" }))).toEqual({ allowed: true });
    expect(at(person("commune", { office: "21004" })).allowed).toBe(false);
    expect(at(person("commune", { office: "11002" }), { ...facts, residence: null }).allowed).toBe(false);
    expect(at(person("commune", { office: "11002" }), { ...facts, residence: undefined }).allowed).toBe(false);
    expect(at(person("commune"), facts).allowed).toBe(false);
    for (const role of ROLES.filter((r) => r !== "diplomatic-post" && r !== "commune")) {
      expect(at(person(role, { office: "11002", authority: "flanders" })), role).toEqual({ allowed: false, answer: "not-found" });
    }
  });
});
