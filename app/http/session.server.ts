import { createCookieSessionStorage, type Session } from "@remix-run/node";
import { randomBytes } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname } from "node:path";

export interface SessionData {
  userId: string;
  /** Random per session; every state-changing form carries it back (app/http/form.server.ts). */
  csrf: string;
  /** The enterprise a mandated representative is currently acting for. */
  actingFor: string;
}

/**
 * The signing secret. Deployments set SESSION_SECRET (comma-separated to rotate). The
 * embedded demo keeps a random one in its data directory so sessions survive restarts
 * and no secret is ever committed.
 */
function sessionSecrets(): string[] {
  if (process.env.SESSION_SECRET) return process.env.SESSION_SECRET.split(",");
  if (process.env.NODE_ENV === "production" && process.env.DATABASE_URL) {
    throw new Error("SESSION_SECRET must be set when running against a PostgreSQL server");
  }
  const file = process.env.SESSION_SECRET_FILE ?? "./data/session-secret";
  if (!existsSync(file)) {
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, randomBytes(32).toString("hex"), { mode: 0o600 });
  }
  return [readFileSync(file, "utf8").trim()];
}

let storage: ReturnType<typeof createCookieSessionStorage<SessionData>> | undefined;

function sessionStorage() {
  storage ??= createCookieSessionStorage<SessionData>({
    cookie: {
      name: "__session",
      httpOnly: true,
      // Lax: the cookie is not sent on cross-site POSTs, the first line against CSRF.
      sameSite: "lax",
      path: "/",
      secure: (process.env.PUBLIC_URL ?? "").startsWith("https://"),
      secrets: sessionSecrets(),
      maxAge: 60 * 60 * 8, // one working day
    },
  });
  return storage;
}

export function getSession(request: Request): Promise<Session<SessionData>> {
  return sessionStorage().getSession(request.headers.get("Cookie"));
}

export function commitSession(session: Session<SessionData>): Promise<string> {
  return sessionStorage().commitSession(session);
}

export function destroySession(session: Session<SessionData>): Promise<string> {
  return sessionStorage().destroySession(session);
}

export function newCsrfToken(): string {
  return randomBytes(24).toString("base64url");
}
