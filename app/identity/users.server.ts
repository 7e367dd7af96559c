import type { Language } from "../../forms/authorities";
import type { DB } from "../db/db.server";
import { mandateService } from "./mandates.server";
import { userChanged } from "./sessions.server";
import { toUser, type User } from "./user";
import { findUserById, setPreferredLanguage } from "./users.repository";

/**
 * A user as he would be signed in now (mandates from the mandate service); null when the
 * account no longer exists. Jobs and tests use it; requests get theirs from the session.
 */
export async function loadUser(db: DB, userId: string, actingForId: string | undefined, csrf: string): Promise<User | null> {
  const row = await findUserById(db, userId);
  if (!row) return null;
  const mandates = row.role === "employer" && row.person_number ? await mandateService().mandatesOf(db, row.person_number) : [];
  return toUser(row.id, row, mandates, actingForId, csrf);
}

export async function rememberLanguage(db: DB, userId: string, language: Language): Promise<void> {
  await setPreferredLanguage(db, userId, language);
  await userChanged(db, userId);
}
