import { redirect } from "@remix-run/node";
import type { HandlingAuthority } from "../../forms/authorities";
import { getDb, type DB } from "../db/db.server";
import type { Role } from "../db/schema";
import { demoIdentityProvider, type IdentityProvider } from "./identity-provider.server";
import { commitSession, getSession, newCsrfToken } from "./session.server";

export interface Mandate {
  employerId: string;
  enterpriseNumber: string;
  name: string;
}

export interface User {
  id: string;
  login: string;
  displayName: string;
  role: Role;
  /** Regional officers: their region; OE officers: "oe". */
  authority: HandlingAuthority | null;
  personNumber: string | null;
  preferredLanguage: string | null;
  mandates: Mandate[];
  /** The enterprise an employer representative acts for now (one of his mandates). */
  actingFor: Mandate | null;
  csrf: string;
}

/** The signed-in user as the services see him: role, authority, mandates, the enterprise acted for. */
export async function loadUser(db: DB, userId: string, actingForId: string | undefined, csrf: string) {
  const row = await db.selectFrom("users").selectAll().where("id", "=", userId).executeTakeFirst();
  if (!row) return null;
  const mandates =
    row.role === "employer"
      ? await db
          .selectFrom("mandates")
          .innerJoin("employers", "employers.id", "mandates.employer_id")
          .select(["employers.id as employerId", "employers.enterprise_number as enterpriseNumber", "employers.name"])
          .where("mandates.user_id", "=", userId)
          .where("mandates.revoked_on", "is", null)
          .orderBy("employers.name")
          .execute()
      : [];
  const user: User = {
    id: row.id,
    login: row.login,
    displayName: row.display_name,
    role: row.role,
    authority: (row.authority as HandlingAuthority | null) ?? null,
    personNumber: row.person_number,
    preferredLanguage: row.preferred_language,
    mandates,
    actingFor: mandates.find((m) => m.employerId === actingForId) ?? mandates[0] ?? null,
    csrf,
  };
  return user;
}

export async function getUser(request: Request): Promise<User | null> {
  const session = await getSession(request);
  const userId = session.get("userId");
  if (!userId) return null;
  return loadUser(await getDb(), userId, session.get("actingFor"), session.get("csrf") ?? "");
}

/** The signed-in user, or a redirect to the login page that comes back here afterwards. */
export async function requireUser(request: Request): Promise<User> {
  const user = await getUser(request);
  if (!user) {
    const url = new URL(request.url);
    throw redirect(`/login?returnTo=${encodeURIComponent(url.pathname + url.search)}`);
  }
  return user;
}

/** Refuses (403) anyone whose role is not listed. */
export async function requireRole(request: Request, roles: readonly Role[]): Promise<User> {
  const user = await requireUser(request);
  if (!roles.includes(user.role)) throw new Response("Forbidden", { status: 403 });
  return user;
}

// Rate limit: per login and per client address over a sliding window. A shared office
// address may hit the address limit; it is set well above one person's mistakes.
const WINDOW_MINUTES = 15;
const MAX_FAILURES_PER_LOGIN = 5;
const MAX_FAILURES_PER_ADDRESS = 30;

export type LoginResult =
  | { ok: true; userId: string; setCookie: string; preferredLanguage: string | null; home: string }
  | { ok: false; error: "invalid" | "rate-limited"; retryAfterMinutes?: number };

export async function logIn(
  credentials: { login: string; password: string; clientAddress: string },
  request: Request,
  provider: IdentityProvider = demoIdentityProvider,
): Promise<LoginResult> {
  const db = await getDb();
  const login = credentials.login.trim().toLowerCase().slice(0, 200);
  const since = new Date(Date.now() - WINDOW_MINUTES * 60_000);
  const failures = await db
    .selectFrom("login_attempts")
    .select((eb) => [
      eb.fn.count<number>("id").filterWhere("login", "=", login).as("byLogin"),
      eb.fn.count<number>("id").filterWhere("client_address", "=", credentials.clientAddress).as("byAddress"),
    ])
    .where("succeeded", "=", false)
    .where("created_at", ">", since)
    .where((eb) => eb.or([eb("login", "=", login), eb("client_address", "=", credentials.clientAddress)]))
    .executeTakeFirstOrThrow();
  if (Number(failures.byLogin) >= MAX_FAILURES_PER_LOGIN || Number(failures.byAddress) >= MAX_FAILURES_PER_ADDRESS) {
    return { ok: false, error: "rate-limited", retryAfterMinutes: WINDOW_MINUTES };
  }
  const userId = await provider.authenticate(db, { login, password: credentials.password });
  await db
    .insertInto("login_attempts")
    .values({ login, client_address: credentials.clientAddress, succeeded: userId !== null })
    .execute();
  if (!userId) return { ok: false, error: "invalid" };

  const user = await db.selectFrom("users").select(["preferred_language", "role"]).where("id", "=", userId).executeTakeFirstOrThrow();
  const session = await getSession(request);
  // A fresh session: nothing from before login carries over (session fixation).
  session.unset("actingFor");
  session.set("userId", userId);
  session.set("csrf", newCsrfToken());
  return {
    ok: true,
    userId,
    setCookie: await commitSession(session),
    preferredLanguage: user.preferred_language,
    home: homeFor(user),
  };
}

/** Where each role starts after signing in. */
export function homeFor(user: Pick<User, "role">): string {
  switch (user.role) {
    case "employer":
    case "worker":
    case "resident":
      return "/applications";
    case "regional-officer":
    case "oe-officer":
      return "/officer";
    case "inspector":
      return "/inspector";
  }
}
