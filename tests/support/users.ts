import type { DB } from "../../app/db/db.server";
import type { User } from "../../app/identity/user";
import { loadUser } from "../../app/identity/users.server";
import { lookUpSession, openSession } from "../../app/identity/sessions.server";
import { actForSession } from "../../app/http/guards.server";
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

/** A browser's session: its Cookie header and the anti-forgery token its forms carry. */
export interface BrowserSession {
  cookie: string;
  csrf: string;
}

/**
 * A session opened as the sign-in callback opens one (without the trip through the identity
 * provider), switched to the enterprise `actingFor` when given, as "act for" does.
 */
export async function openBrowserSession(db: DB, user: User, actingFor = user.actingFor?.employerId, userAgent = "test"): Promise<BrowserSession> {
  let cookie = `${SESSION_COOKIE}=${await openSession(db, { userId: user.id, mandates: user.mandates, idToken: null, userAgent })}`;
  if (actingFor) cookie = (await actForSession(new Request("http://localhost/", { headers: { Cookie: cookie } }), db, user, actingFor)).split(";")[0]!;
  return { cookie, csrf: await csrfOf(db, cookie) };
}

/** The anti-forgery token of the session behind this cookie (it changes with the session's id). */
export async function csrfOf(db: DB, cookie: string): Promise<string> {
  const found = await lookUpSession(db, cookie.slice(SESSION_COOKIE.length + 1));
  if (found.state !== "active") throw new Error(`no active session for ${cookie}`);
  return found.session.user.csrf;
}
