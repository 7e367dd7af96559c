import { createCookie } from "@remix-run/node";
import { randomBytes } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname } from "node:path";
import { ABSOLUTE_TIMEOUT_MS } from "../identity/sessions.server";
import { SIGN_IN_TIMEOUT_MS, type SignInTransaction } from "../identity/sign-in.server";

/**
 * The cookies of signing in. `__session` carries only the session's random id; what it
 * stands for is on the server (app/identity/sessions.server.ts). `__signin` carries, signed,
 * what the browser must bring back from the identity provider (state, nonce, PKCE verifier,
 * where to go after), for ten minutes.
 */
export const SESSION_COOKIE = "__session";

const secure = () => (process.env.PUBLIC_URL ?? "").startsWith("https://");

function cookieValue(request: Request, name: string): string | null {
  for (const part of (request.headers.get("Cookie") ?? "").split(";")) {
    const index = part.indexOf("=");
    if (index > 0 && part.slice(0, index).trim() === name) return part.slice(index + 1).trim();
  }
  return null;
}

/** The session id the browser sent, if any. */
export function sessionToken(request: Request): string | null {
  return cookieValue(request, SESSION_COOKIE);
}

/** Set-Cookie for a session id: httpOnly, SameSite=Lax, Secure behind https; the browser may drop it after eight hours. */
export function sessionCookie(token: string): string {
  return `${SESSION_COOKIE}=${token}; Path=/; Max-Age=${ABSOLUTE_TIMEOUT_MS / 1000}; HttpOnly; SameSite=Lax${secure() ? "; Secure" : ""}`;
}

export function clearedSessionCookie(): string {
  return `${SESSION_COOKIE}=; Path=/; Max-Age=0; HttpOnly; SameSite=Lax${secure() ? "; Secure" : ""}`;
}

/**
 * The secret that signs the sign-in transaction cookie. Deployments set SESSION_SECRET
 * (comma-separated to rotate). The embedded demo keeps a random one in its data directory,
 * so no secret is ever committed.
 */
function cookieSecrets(): string[] {
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

let transactionCookie: ReturnType<typeof createCookie> | undefined;

function signInCookie() {
  // Lax: the provider sends the browser back with a top-level GET, which carries it.
  transactionCookie ??= createCookie("__signin", {
    path: "/",
    httpOnly: true,
    sameSite: "lax",
    secure: secure(),
    secrets: cookieSecrets(),
    maxAge: SIGN_IN_TIMEOUT_MS / 1000,
  });
  return transactionCookie;
}

export function signInTransactionCookie(transaction: SignInTransaction): Promise<string> {
  return signInCookie().serialize(transaction);
}

/** The transaction this browser started, or null (none, tampered with, or too old for the browser). */
export async function signInTransaction(request: Request): Promise<SignInTransaction | null> {
  const value: unknown = await signInCookie().parse(request.headers.get("Cookie"));
  if (typeof value !== "object" || value === null) return null;
  const t = value as Partial<SignInTransaction>;
  const strings = [t.state, t.nonce, t.codeVerifier, t.redirectUri, t.returnTo];
  return strings.every((s) => typeof s === "string") && typeof t.startedAt === "number" ? (t as SignInTransaction) : null;
}

export function clearedSignInTransactionCookie(): Promise<string> {
  return signInCookie().serialize("", { maxAge: 0 });
}
