import { isHandlingAuthority, type HandlingAuthority } from "../../forms/authorities";
import { isCommuneId } from "../../forms/communes";
import { VISA_POST_IDS } from "../../forms/visa-posts";
import type { Role, UsersTable } from "../db/schema";

export type { Role };

/** An enterprise a representative may act for, under a mandate that is not revoked. */
export interface Mandate {
  employerId: string;
  enterpriseNumber: string;
  name: string;
}

/** The signed-in person as the services see him: role, authority, mandates, the enterprise acted for. */
export interface User {
  id: string;
  login: string;
  displayName: string;
  role: Role;
  /** Regional officers: their region; OE officers: "oe". */
  authority: HandlingAuthority | null;
  /** A diplomatic post's post (forms/visa-posts.ts), a commune's commune (forms/communes.ts); null for every other role. */
  office: string | null;
  personNumber: string | null;
  preferredLanguage: string | null;
  mandates: Mandate[];
  /** The enterprise an employer representative acts for now (one of his mandates). */
  actingFor: Mandate | null;
  /**
   * Mandates this session held that the mandate service no longer lists (revoked or
   * expired since he signed in): he has lost those enterprises' files, and is told so.
   */
  endedMandates: Mandate[];
  /** The session's anti-forgery token, which every form posts back. */
  csrf: string;
}

/** Where each role starts after signing in. */
export function homeFor(user: Pick<User, "role">): string {
  switch (user.role) {
    case "employer":
    case "resident":
      return "/applications";
    // His permits, their limits and the period without work that may run (issue 17 point 4).
    case "worker":
      return "/permits";
    case "regional-officer":
    case "oe-officer":
      return "/officer";
    case "inspector":
      return "/inspector";
    case "data-protection-officer":
      return "/audit";
    case "diplomatic-post":
      return "/post";
    case "commune":
      return "/commune";
  }
}

export function isOfficer(user: Pick<User, "role">): boolean {
  return user.role === "regional-officer" || user.role === "oe-officer";
}

type UserFields = Pick<UsersTable, "login" | "display_name" | "role" | "authority" | "person_number" | "preferred_language">;

/** The user as the services see him: his row, the mandates his session holds, the enterprise chosen. */
export function toUser(userId: string, row: UserFields, mandates: Mandate[], actingForId: string | null | undefined, csrf: string): User {
  const held = row.role === "employer" ? mandates : [];
  return {
    id: userId,
    login: row.login,
    displayName: row.display_name,
    role: row.role,
    authority: isHandlingAuthority(row.authority) ? row.authority : null,
    office: officeOf(row.role, row.authority),
    personNumber: row.person_number,
    preferredLanguage: row.preferred_language,
    mandates: held,
    actingFor: held.find((m) => m.employerId === actingForId) ?? held[0] ?? null,
    endedMandates: [],
    csrf,
  };
}

/** The post or commune a user of those roles works for, as stored in `users.authority`; anything else: none. */
function officeOf(role: Role, authority: string | null): string | null {
  if (role === "diplomatic-post") return authority !== null && authority !== "other" && VISA_POST_IDS.includes(authority) ? authority : null;
  if (role === "commune") return isCommuneId(authority) ? authority : null;
  return null;
}
