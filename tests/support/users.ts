import type { DB } from "../../app/db/db.server";
import type { User } from "../../app/identity/user";
import { loadUser } from "../../app/identity/users.server";
import { openSession } from "../../app/identity/sessions.server";
import { SESSION_COOKIE } from "../../app/http/session.server";

/** Loads a seeded demo identity as the services see a signed-in user, acting for the named enterprise. */
export async function demoUser(db: DB, login: string, actingForName?: string): Promise<User> {
  const { id } = await db.selectFrom("users").select("id").where("login", "=", login).executeTakeFirstOrThrow();
  const actingFor = actingForName
    ? (await db.selectFrom("employers").select("id").where("name", "=", actingForName).executeTakeFirst())?.id
    : undefined;
  const user = await loadUser(db, id, actingFor, "test-token");
  if (!user) throw new Error(`no demo user ${login}`);
  return user;
}

/**
 * The Cookie header of a browser signed in as this demo identity (a session opened as the
 * sign-in callback opens it, without the trip through the identity provider).
 */
export async function signedInCookie(db: DB, login: string): Promise<string> {
  const user = await demoUser(db, login);
  const token = await openSession(db, { userId: user.id, mandates: user.mandates, idToken: null, userAgent: "test" });
  return `${SESSION_COOKIE}=${token}`;
}
