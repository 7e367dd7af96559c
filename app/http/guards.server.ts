import { redirect } from "@remix-run/node";
import type { DB } from "../db/db.server";
import { endEverySession, endSession, lookUpSession, openSession, type ActiveSession, type SessionLookup } from "../identity/sessions.server";
import { actFor } from "../identity/sign-in.server";
import { withMandatesNow } from "../identity/mandates.server";
import type { Mandate, Role, User } from "../identity/user";
import { requestMemo } from "./request-memo.server";
import { clearedSessionCookie, sessionCookie, sessionToken } from "./session.server";

/**
 * This request's session, as the server sees it now (never trusted from the browser): a
 * representative's mandates as the mandate service lists them on this request. Looked up
 * once per HTTP request for all the loaders of a page (app/http/request-memo.server.ts).
 */
export function currentSession(request: Request, db: DB): Promise<SessionLookup> {
  const memo = requestMemo(request);
  if (!memo) return sessionNow(request, db);
  return (memo.session ??= sessionNow(request, db));
}

async function sessionNow(request: Request, db: DB): Promise<SessionLookup> {
  const token = sessionToken(request);
  const lookup: SessionLookup = token ? await lookUpSession(db, token) : { state: "none" };
  return lookup.state === "active" ? { state: "active", session: await withMandatesNow(db, lookup.session) } : lookup;
}

/** The signed-in session of this request, or null (none, ended, run out). */
export async function getSignedIn(request: Request, db: DB): Promise<ActiveSession | null> {
  const lookup = await currentSession(request, db);
  return lookup.state === "active" ? lookup.session : null;
}

/** The signed-in user of this request, or null. */
export async function getUser(request: Request, db: DB): Promise<User | null> {
  return (await getSignedIn(request, db))?.user ?? null;
}

/**
 * To the sign-in page, coming back here afterwards. When a session ran out or was ended
 * elsewhere, the page says so (`ended`), and whether what was just sent was lost
 * (`unsaved`: a form posted after the end); the dead cookie goes.
 */
function toSignIn(request: Request, ended: string | null): Response {
  const url = new URL(request.url);
  const params = new URLSearchParams({ returnTo: url.pathname + url.search });
  if (ended) params.set("ended", ended);
  if (ended && request.method !== "GET" && request.method !== "HEAD") params.set("unsaved", "1");
  return redirect(`/login?${params}`, ended ? { headers: { "Set-Cookie": clearedSessionCookie() } } : undefined);
}

/** The signed-in session, or a redirect to the sign-in page that comes back here afterwards. */
export async function requireSignedIn(request: Request, db: DB): Promise<ActiveSession> {
  const lookup = await currentSession(request, db);
  if (lookup.state === "active") return lookup.session;
  throw toSignIn(request, lookup.state === "ended" ? lookup.reason : null);
}

/** The signed-in user, or a redirect to the sign-in page that comes back here afterwards. */
export async function requireUser(request: Request, db: DB): Promise<User> {
  return (await requireSignedIn(request, db)).user;
}

/** "Stay signed in": the session is marked used now, whatever this process remembered of it. */
export async function keepSignedIn(request: Request, db: DB): Promise<ActiveSession> {
  const token = sessionToken(request);
  const lookup: SessionLookup = token ? await lookUpSession(db, token, { refresh: true }) : { state: "none" };
  if (lookup.state === "active") return withMandatesNow(db, lookup.session);
  throw toSignIn(request, lookup.state === "ended" ? lookup.reason : null);
}

/** Refuses (403) anyone whose role is not listed. */
export async function requireRole(request: Request, db: DB, roles: readonly Role[]): Promise<User> {
  const user = await requireUser(request, db);
  if (!roles.includes(user.role)) throw new Response("Forbidden", { status: 403 });
  return user;
}

/**
 * A new session for someone who just signed in; whatever session this browser had before
 * ends (nothing carries over: fixation). Returns the Set-Cookie header.
 */
export async function openSessionCookie(
  request: Request,
  db: DB,
  person: { userId: string; mandates: Mandate[]; idToken: string | null },
): Promise<string> {
  const previous = sessionToken(request);
  if (previous) await endSession(db, previous, "replaced");
  const token = await openSession(db, { ...person, userAgent: request.headers.get("User-Agent") });
  return sessionCookie(token);
}

/** The session after a representative chose the enterprise he acts for: a new id (Set-Cookie). */
export async function actForSession(request: Request, db: DB, user: User, employerId: string): Promise<string> {
  const token = await actFor(db, sessionToken(request) ?? "", user, employerId);
  if (!token) throw toSignIn(request, "signed-out");
  return sessionCookie(token);
}

/**
 * Signs this browser out (or, `everywhere`, every session of the person): the server
 * forgets the session at once, on every server. Returns the Set-Cookie header and the ID
 * token for the provider's sign-out.
 */
export async function closeSession(request: Request, db: DB, user: User | null, everywhere: boolean) {
  const token = sessionToken(request);
  const { idToken } = token ? await endSession(db, token) : { idToken: null };
  if (everywhere && user) await endEverySession(db, user.id);
  return { cookie: clearedSessionCookie(), idToken };
}
