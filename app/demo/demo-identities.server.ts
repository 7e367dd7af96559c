import { makePersonNumber } from "../../forms/identifiers";

/**
 * The demo identities: one per role. The development identity provider
 * (app/dev-identity-provider/) signs them in with the demo password and asserts their
 * name and national number; the seed gives each a user with that national number, his role
 * and, for representatives, his mandates. National numbers are generated with valid check
 * digits; they stand for nobody. A real deployment signs people in through the federal
 * authentication service (docs/decisions/012-sign-in.md) and has no demo identities.
 */
export const DEMO_PASSWORD = "demo-2026";

export interface DemoIdentity {
  login: string;
  descriptionKey: string;
  givenName: string;
  familyName: string;
  nationalNumber: string;
}

export const DEMO_IDENTITIES: readonly DemoIdentity[] = [
  { login: "employer", descriptionKey: "demo.employer", givenName: "Pieter", familyName: "De Wilde", nationalNumber: makePersonNumber("1974-05-21", 157) },
  { login: "secretariat", descriptionKey: "demo.secretariat", givenName: "Sofie", familyName: "Peeters", nationalNumber: makePersonNumber("1983-09-02", 266) },
  { login: "worker", descriptionKey: "demo.worker", givenName: "Ana", familyName: "Šimić", nationalNumber: makePersonNumber("1990-03-14", 101) },
  { login: "resident", descriptionKey: "demo.resident", givenName: "Karim", familyName: "Haddad", nationalNumber: makePersonNumber("1979-01-25", 77) },
  { login: "officer.flanders", descriptionKey: "demo.officerFlanders", givenName: "Jan", familyName: "Claes", nationalNumber: makePersonNumber("1971-02-11", 319) },
  { login: "officer.wallonia", descriptionKey: "demo.officerWallonia", givenName: "Marie", familyName: "Dubois", nationalNumber: makePersonNumber("1986-12-03", 428) },
  { login: "officer.brussels", descriptionKey: "demo.officerBrussels", givenName: "Yasmina", familyName: "El Amrani", nationalNumber: makePersonNumber("1992-07-19", 534) },
  { login: "officer.dg", descriptionKey: "demo.officerDg", givenName: "Lukas", familyName: "Schmitz", nationalNumber: makePersonNumber("1980-10-08", 641) },
  { login: "officer.oe", descriptionKey: "demo.officerOe", givenName: "Nathalie", familyName: "Lambert", nationalNumber: makePersonNumber("1977-06-27", 752) },
  { login: "inspector", descriptionKey: "demo.inspector", givenName: "Koen", familyName: "Wouters", nationalNumber: makePersonNumber("1969-08-30", 863) },
  { login: "dpo", descriptionKey: "demo.dpo", givenName: "Hilde", familyName: "Vandenberghe", nationalNumber: makePersonNumber("1982-11-14", 972) },
  { login: "post.casablanca", descriptionKey: "demo.post", givenName: "Sarah", familyName: "Mertens", nationalNumber: makePersonNumber("1984-04-09", 181) },
  { login: "commune.antwerpen", descriptionKey: "demo.commune", givenName: "Tom", familyName: "Janssens", nationalNumber: makePersonNumber("1976-09-23", 292) },
];

export function demoIdentity(login: string): DemoIdentity {
  const identity = DEMO_IDENTITIES.find((candidate) => candidate.login === login);
  if (!identity) throw new Error(`no demo identity ${login}`);
  return identity;
}

export const displayNameOf = (identity: Pick<DemoIdentity, "givenName" | "familyName">) => `${identity.givenName} ${identity.familyName}`;
