import { createHash, randomBytes } from "node:crypto";
import type { DB } from "../db/db.server";
import type { SessionEndReason } from "../db/schema";
import { sessionCacheFor } from "./session-cache.server";
import {
  announceUserChanged,
  deleteSessionsStartedBefore,
  endSessionByHash,
  endSessionsOfUser,
  findSession,
  insertSession,
  openSessionsOf,
  renameSession,
  touchSession,
  type SessionRow,
} from "./sessions.repository";
import { toUser, type Mandate, type User } from "./user";

/**
 * Server-side sessions (docs/decisions/012-sign-in.md). The browser holds a random id
 * (256 bits from the CSPRNG); the database holds its SHA-256, the user, the mandates the
 * mandate service listed, and when it started and was last used. The server decides when
 * it ends: after 30 minutes without a request, 8 hours after signing in, at sign-out, or
 * when the person signs out everywhere. A new id is given at sign-in and whenever the
 * session gains or changes rights ("act for").
 */
export const IDLE_TIMEOUT_MS = 30 * 60_000;
export const ABSOLUTE_TIMEOUT_MS = 8 * 60 * 60_000;
/**
 * How stale this process lets its copy of a session get before it reads (and touches) the
 * row again: at most one round trip per session and minute, and the idle timeout counts
 * from a last use at most this old.
 */
export const REFRESH_INTERVAL_MS = 60_000;
/** Ended sessions are kept this long (the "where you are signed in" page, support questions). */
const KEEP_ENDED_MS = 30 * 24 * 60 * 60_000;

export interface ActiveSession {
  id: string;
  user: User;
  startedAt: Date;
  /** When it ends if nothing happens (idle timeout), and at the latest (absolute). */
  idleEndsAt: Date;
  endsAt: Date;
}

export type EndedReason = "idle" | "absolute" | "signed-out";

export type SessionLookup =
  | { state: "active"; session: ActiveSession }
  | { state: "ended"; reason: EndedReason }
  | { state: "none" };

const TOKEN_SHAPE = /^[A-Za-z0-9_-]{43}$/;

function newToken(): string {
  return randomBytes(32).toString("base64url");
}

function hashOf(token: string): string {
  return createHash("sha256").update(token).digest("base64url");
}

export function newCsrfToken(): string {
  return randomBytes(24).toString("base64url");
}

function activeSession(row: SessionRow): ActiveSession {
  return {
    id: row.id,
    user: toUser(row.user_id, row, row.mandates, row.acting_for, row.csrf),
    startedAt: row.created_at,
    idleEndsAt: new Date(row.last_seen_at.getTime() + IDLE_TIMEOUT_MS),
    endsAt: new Date(row.created_at.getTime() + ABSOLUTE_TIMEOUT_MS),
  };
}

function reasonFor(endReason: SessionEndReason): EndedReason {
  return endReason === "idle" || endReason === "absolute" ? endReason : "signed-out";
}

/** Opens a session for someone who just signed in; returns the id for the cookie. */
export async function openSession(
  db: DB,
  start: { userId: string; mandates: Mandate[]; idToken: string | null; userAgent: string | null },
  now = new Date(),
): Promise<string> {
  const token = newToken();
  await insertSession(db, { ...start, tokenHash: hashOf(token), csrf: newCsrfToken(), userAgent: start.userAgent?.slice(0, 300) ?? null, now });
  return token;
}

/**
 * Who holds this session id, if it is still valid. Served from this process's cache while
 * the copy is under a minute old; otherwise one round trip reads and touches the row. With
 * `refresh`, always that round trip ("stay signed in").
 */
export async function lookUpSession(db: DB, token: string, options: { now?: Date; refresh?: boolean } = {}): Promise<SessionLookup> {
  if (!TOKEN_SHAPE.test(token)) return { state: "none" };
  const now = options.now ?? new Date();
  const hash = hashOf(token);
  const cache = sessionCacheFor(db);
  const cached = options.refresh ? undefined : cache.get(hash);
  if (cached && now.getTime() - cached.refreshedAt < REFRESH_INTERVAL_MS) {
    const session = activeSession(cached.row);
    if (now < session.idleEndsAt && now < session.endsAt) return { state: "active", session };
  }
  const generation = cache.generation;
  const row = await touchSession(db, hash, now, new Date(now.getTime() - IDLE_TIMEOUT_MS), new Date(now.getTime() - ABSOLUTE_TIMEOUT_MS));
  if (row) {
    cache.put(hash, { row, refreshedAt: now.getTime() }, generation);
    return { state: "active", session: activeSession(row) };
  }
  cache.forget(`s:${hash}`);
  const found = await findSession(db, hash);
  if (!found) return { state: "none" };
  if (found.end_reason) return { state: "ended", reason: reasonFor(found.end_reason) };
  // Ran out: record why, so that every server (and the sessions page) agrees.
  const reason = now.getTime() - found.created_at.getTime() >= ABSOLUTE_TIMEOUT_MS ? "absolute" : "idle";
  await endSessionByHash(db, hash, reason, now);
  return { state: "ended", reason };
}

/**
 * The same session under a new id, with a new CSRF token: when its rights change (the
 * enterprise acted for, the mandates as the mandate service lists them now). The old id
 * stops working at once, here and on every server. Null when the session is not active.
 */
export async function renewSession(
  db: DB,
  token: string,
  change: { actingFor: string | null; mandates: Mandate[] },
): Promise<string | null> {
  if (!TOKEN_SHAPE.test(token)) return null;
  const next = newToken();
  const from = hashOf(token);
  const renamed = await renameSession(db, { from, to: hashOf(next), csrf: newCsrfToken(), ...change });
  sessionCacheFor(db).forget(`s:${from}`);
  return renamed ? next : null;
}

/** Ends one session (sign-out, or a session replaced by a new sign-in); returns its id token for the provider's sign-out. */
export async function endSession(db: DB, token: string, reason: "signed-out" | "replaced" = "signed-out", now = new Date()) {
  if (!TOKEN_SHAPE.test(token)) return { idToken: null };
  const hash = hashOf(token);
  const ended = await endSessionByHash(db, hash, reason, now);
  sessionCacheFor(db).forget(`s:${hash}`);
  return { idToken: ended[0]?.idToken ?? null };
}

/** "Sign out of all devices": every session of this person ends, on every server. */
export async function endEverySession(db: DB, userId: string, now = new Date()): Promise<number> {
  const ended = await endSessionsOfUser(db, userId, "signed-out-everywhere", now);
  const cache = sessionCacheFor(db);
  for (const { tokenHash } of ended) cache.forget(`s:${tokenHash}`);
  return ended.length;
}

/** Where this person is signed in: sessions not ended nor run out, newest use first. */
export async function signedInDevices(db: DB, user: Pick<User, "id">, current: string, now = new Date()) {
  const rows = await openSessionsOf(db, user.id);
  return rows
    .filter((row) => now.getTime() - row.last_seen_at.getTime() < IDLE_TIMEOUT_MS && now.getTime() - row.created_at.getTime() < ABSOLUTE_TIMEOUT_MS)
    .map((row) => ({ startedAt: row.created_at.toISOString(), lastSeenAt: row.last_seen_at.toISOString(), userAgent: row.user_agent, current: row.id === current }));
}

/** A user's name or language changed: every server reads his sessions again. */
export async function userChanged(db: DB, userId: string): Promise<void> {
  await announceUserChanged(db, userId);
  sessionCacheFor(db).forget(`u:${userId}`);
}

/** Housekeeping for the background sweep. */
export function forgetOldSessions(db: DB, now = new Date()): Promise<number> {
  return deleteSessionsStartedBefore(db, new Date(now.getTime() - KEEP_ENDED_MS));
}
