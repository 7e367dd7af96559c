import { isHandlingAuthority, type Language } from "../../forms/authorities";
import type { DB } from "../db/db.server";
import type { User } from "./user";
import { activeMandates, findUserById, setPreferredLanguage } from "./users.repository";

/** The signed-in user as the services see him; null when the account no longer exists. */
export async function loadUser(db: DB, userId: string, actingForId: string | undefined, csrf: string): Promise<User | null> {
  const row = await findUserById(db, userId);
  if (!row) return null;
  const mandates = row.role === "employer" ? await activeMandates(db, userId) : [];
  return {
    id: row.id,
    login: row.login,
    displayName: row.display_name,
    role: row.role,
    authority: isHandlingAuthority(row.authority) ? row.authority : null,
    personNumber: row.person_number,
    preferredLanguage: row.preferred_language,
    mandates,
    actingFor: mandates.find((m) => m.employerId === actingForId) ?? mandates[0] ?? null,
    csrf,
  };
}

export function rememberLanguage(db: DB, userId: string, language: Language): Promise<void> {
  return setPreferredLanguage(db, userId, language);
}
