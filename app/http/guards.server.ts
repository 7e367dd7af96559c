import { redirect } from "@remix-run/node";
import type { DB } from "../db/db.server";
import type { Role, User } from "../identity/user";
import { loadUser } from "../identity/users.server";
import { commitSession, getSession, newCsrfToken } from "./session.server";

/** The signed-in user of this request, or null (no session, or the account is gone). */
export async function getUser(request: Request, db: DB): Promise<User | null> {
  const session = await getSession(request);
  const userId = session.get("userId");
  if (!userId) return null;
  return loadUser(db, userId, session.get("actingFor"), session.get("csrf") ?? "");
}

/** The signed-in user, or a redirect to the login page that comes back here afterwards. */
export async function requireUser(request: Request, db: DB): Promise<User> {
  const user = await getUser(request, db);
  if (!user) {
    const url = new URL(request.url);
    throw redirect(`/login?returnTo=${encodeURIComponent(url.pathname + url.search)}`);
  }
  return user;
}

/** Refuses (403) anyone whose role is not listed. */
export async function requireRole(request: Request, db: DB, roles: readonly Role[]): Promise<User> {
  const user = await requireUser(request, db);
  if (!roles.includes(user.role)) throw new Response("Forbidden", { status: 403 });
  return user;
}

/** A fresh session for someone who just signed in: nothing from before carries over (fixation). */
export async function openSession(request: Request, userId: string): Promise<string> {
  const session = await getSession(request);
  session.unset("actingFor");
  session.set("userId", userId);
  session.set("csrf", newCsrfToken());
  return commitSession(session);
}

/** The session after a representative chose the enterprise he acts for. */
export async function actForSession(request: Request, employerId: string): Promise<string> {
  const session = await getSession(request);
  session.set("actingFor", employerId);
  return commitSession(session);
}
