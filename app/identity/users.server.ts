import type { Language } from "../../forms/authorities";
import { getDb } from "../db/db.server";

export async function rememberLanguage(userId: string, language: Language): Promise<void> {
  const db = await getDb();
  await db.updateTable("users").set({ preferred_language: language }).where("id", "=", userId).execute();
}
