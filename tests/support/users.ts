import type { DB } from "../../app/db/db.server";
import type { User } from "../../app/services/auth.server";
import type { HandlingAuthority } from "../../forms/authorities";

/** Loads a seeded demo identity as the services see a signed-in user. */
export async function demoUser(db: DB, login: string, actingForName?: string): Promise<User> {
  const row = await db.selectFrom("users").selectAll().where("login", "=", login).executeTakeFirstOrThrow();
  const mandates = await db
    .selectFrom("mandates")
    .innerJoin("employers", "employers.id", "mandates.employer_id")
    .select(["employers.id as employerId", "employers.enterprise_number as enterpriseNumber", "employers.name"])
    .where("mandates.user_id", "=", row.id)
    .orderBy("employers.name")
    .execute();
  return {
    id: row.id,
    login: row.login,
    displayName: row.display_name,
    role: row.role,
    authority: row.authority as HandlingAuthority | null,
    personNumber: row.person_number,
    preferredLanguage: row.preferred_language,
    mandates,
    actingFor: mandates.find((m) => m.name === actingForName) ?? mandates[0] ?? null,
    csrf: "test-token",
  };
}
