import { describe, expect, it } from "vitest";
import { decideCaseAccess, decideDraftAccess, decideSignalAccess, type CaseFacts, type CasePurpose, type SignalPurpose } from "../../app/cases/access.server";
import type { Role, User } from "../../app/identity/user";

/** The access rule as the table it is (docs/access.md): each row a person, a case and what he may do with it. */
const A = "enterprise-a";
const B = "enterprise-b";

function person(role: Role, extra: Partial<User> = {}): User {
  return {
    id: `${role}-id`,
    login: role,
    displayName: role,
    role,
    authority: role === "regional-officer" ? "flanders" : role === "oe-officer" ? "oe" : null,
    personNumber: null,
    preferredLanguage: null,
    mandates: role === "employer" ? [{ employerId: A, enterpriseNumber: "0123456749", name: "A" }] : [],
    actingFor: null,
    endedMandates: [],
    office: null,
    csrf: "",
    ...extra,
  };
}

const flemishCaseOfA: CaseFacts = {
  status: "regional-completeness",
  kind: "single",
  employerId: A,
  createdBy: "employer-id",
  competentAuthority: "flanders",
  workerPersonNumber: "90031410132",
  residence: { visaPost: "casablanca", commune: "antwerpen" },
};

const employer = person("employer");
const employerOfB = person("employer", { mandates: [{ employerId: B, enterpriseNumber: "0987654312", name: "B" }] });
const worker = person("worker", { personNumber: "90031410132" });
const otherWorker = person("worker", { personNumber: "85073000155" });
const residentSameNumber = person("resident", { personNumber: "90031410132" });
const resident = person("resident", { id: "resident-id", personNumber: "70010100113" });
const flanders = person("regional-officer");
const wallonia = person("regional-officer", { authority: "wallonia" });
const oe = person("oe-officer");
const inspector = person("inspector");
const dpo = person("data-protection-officer");
const casablanca = person("diplomatic-post", { office: "casablanca" });
const rabat = person("diplomatic-post", { office: "rabat" });
const antwerp = person("commune", { office: "antwerpen" });
const ghent = person("commune", { office: "gent" });

type Outcome = "allowed" | "not-found" | "forbidden";
const outcome = (user: User, facts: CaseFacts, purpose: CasePurpose): Outcome => {
  const decision = decideCaseAccess({ user }, facts, purpose);
  return decision.allowed ? "allowed" : decision.answer;
};

const ROWS: [string, User, CaseFacts, Record<CasePurpose, Outcome>][] = [
  ["the enterprise's representative", employer, flemishCaseOfA, { follow: "allowed", "act-as-applicant": "allowed", handle: "not-found", housekeeping: "not-found", residence: "not-found" }],
  ["another enterprise's representative", employerOfB, flemishCaseOfA, { follow: "not-found", "act-as-applicant": "not-found", handle: "not-found", housekeeping: "not-found", residence: "not-found" }],
  ["the case's worker", worker, flemishCaseOfA, { follow: "allowed", "act-as-applicant": "not-found", handle: "not-found", housekeeping: "not-found", residence: "not-found" }],
  ["another worker", otherWorker, flemishCaseOfA, { follow: "not-found", "act-as-applicant": "not-found", handle: "not-found", housekeeping: "not-found", residence: "not-found" }],
  ["a resident who is the case's worker", residentSameNumber, flemishCaseOfA, { follow: "allowed", "act-as-applicant": "not-found", handle: "not-found", housekeeping: "not-found", residence: "not-found" }],
  ["the region's officer", flanders, flemishCaseOfA, { follow: "not-found", "act-as-applicant": "not-found", handle: "allowed", housekeeping: "allowed", residence: "not-found" }],
  ["another region's officer", wallonia, flemishCaseOfA, { follow: "not-found", "act-as-applicant": "not-found", handle: "forbidden", housekeeping: "forbidden", residence: "not-found" }],
  ["the Immigration Office", oe, flemishCaseOfA, { follow: "not-found", "act-as-applicant": "not-found", handle: "allowed", housekeeping: "allowed", residence: "not-found" }],
  ["an inspector", inspector, flemishCaseOfA, { follow: "not-found", "act-as-applicant": "not-found", handle: "not-found", housekeeping: "not-found", residence: "not-found" }],
  ["the data-protection officer", dpo, flemishCaseOfA, { follow: "not-found", "act-as-applicant": "not-found", handle: "not-found", housekeeping: "not-found", residence: "not-found" }],
  ["the post the worker chose", casablanca, flemishCaseOfA, { follow: "not-found", "act-as-applicant": "not-found", handle: "not-found", housekeeping: "not-found", residence: "allowed" }],
  ["another post", rabat, flemishCaseOfA, { follow: "not-found", "act-as-applicant": "not-found", handle: "not-found", housekeeping: "not-found", residence: "not-found" }],
  ["the commune of the worker's address", antwerp, flemishCaseOfA, { follow: "not-found", "act-as-applicant": "not-found", handle: "not-found", housekeeping: "not-found", residence: "allowed" }],
  ["another commune", ghent, flemishCaseOfA, { follow: "not-found", "act-as-applicant": "not-found", handle: "not-found", housekeeping: "not-found", residence: "not-found" }],
  [
    "a post on a case not granted (no steps after the grant yet)",
    casablanca,
    { ...flemishCaseOfA, residence: null },
    { follow: "not-found", "act-as-applicant": "not-found", handle: "not-found", housekeeping: "not-found", residence: "not-found" },
  ],
  [
    "the resident, on his own unlimited permit",
    resident,
    { ...flemishCaseOfA, kind: "permanent", employerId: null, createdBy: "resident-id", workerPersonNumber: "70010100113" },
    { follow: "allowed", "act-as-applicant": "allowed", handle: "not-found", housekeeping: "not-found", residence: "not-found" },
  ],
  [
    "the enterprise's representative, on a case still a draft",
    employer,
    { ...flemishCaseOfA, status: "draft" },
    { follow: "not-found", "act-as-applicant": "not-found", handle: "not-found", housekeeping: "not-found", residence: "not-found" },
  ],
];

describe("the access rule for cases", () => {
  for (const [who, user, facts, expected] of ROWS) {
    it(who, () => {
      const seen = Object.fromEntries((Object.keys(expected) as CasePurpose[]).map((purpose) => [purpose, outcome(user, facts, purpose)]));
      expect(seen).toEqual(expected);
    });
  }

  it("lets the system (sweeps, deliveries) do anything the lifecycle allows", () => {
    expect(decideCaseAccess({ system: true }, flemishCaseOfA, "handle")).toEqual({ allowed: true });
  });

  it("follows a case rerouted away from a region no more for that region's officer", () => {
    expect(outcome(flanders, { ...flemishCaseOfA, competentAuthority: "brussels" }, "handle")).toBe("forbidden");
  });
});

describe("the access rule for drafts", () => {
  it("lets only representatives holding the draft enterprise's mandate continue it", () => {
    expect(decideDraftAccess(employer, { status: "draft", employerId: A })).toEqual({ allowed: true });
    expect(decideDraftAccess(employerOfB, { status: "draft", employerId: A }).allowed).toBe(false);
    expect(decideDraftAccess({ ...employer, mandates: [] }, { status: "draft", employerId: A }).allowed).toBe(false);
    expect(decideDraftAccess(worker, { status: "draft", employerId: A }).allowed).toBe(false);
    expect(decideDraftAccess(employer, { status: "regional-completeness", employerId: A }).allowed).toBe(false);
  });
});

describe("signals to the inspection (issue 14.4)", () => {
  const roles: Role[] = ["employer", "worker", "resident", "regional-officer", "oe-officer", "inspector", "data-protection-officer"];
  const table: Record<SignalPurpose, string[]> = {
    // employer, worker, resident, regional officer, OE officer, inspector, DPO
    file: ["not-found", "not-found", "not-found", "forbidden", "ok", "not-found", "not-found"],
    "see-on-case": ["not-found", "not-found", "not-found", "ok", "ok", "not-found", "not-found"],
    inspect: ["forbidden", "forbidden", "forbidden", "forbidden", "forbidden", "ok", "forbidden"],
  };
  for (const [purpose, row] of Object.entries(table) as [SignalPurpose, string[]][]) {
    it(`${purpose}: only ${roles.filter((_, index) => row[index] === "ok").join(", ")}`, () => {
      expect(roles.map((role) => {
        const decision = decideSignalAccess(person(role), purpose);
        return decision.allowed ? "ok" : decision.answer;
      })).toEqual(row);
    });
  }
});
