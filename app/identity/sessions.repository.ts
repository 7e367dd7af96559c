import { sql, type RawBuilder } from "kysely";
import type { DB } from "../db/db.server";
import type { Role, SessionEndReason } from "../db/schema";
import type { Mandate } from "./user";

/** The SQL of sessions. Every change that ends or renames a session announces it (NOTIFY). */

/** The channel on which servers hear that a cached session or user changed ("s:<hash>", "u:<user id>"). */
export const SESSIONS_CHANNEL = "portal_sessions";

/** A session with its user, as the cache holds it. */
export interface SessionRow {
  id: string;
  token_hash: string;
  user_id: string;
  csrf: string;
  acting_for: string | null;
  mandates: Mandate[];
  created_at: Date;
  last_seen_at: Date;
  login: string;
  display_name: string;
  role: Role;
  authority: string | null;
  person_number: string | null;
  preferred_language: string | null;
}

export async function insertSession(
  db: DB,
  row: { tokenHash: string; userId: string; csrf: string; mandates: Mandate[]; idToken: string | null; userAgent: string | null; now: Date },
): Promise<void> {
  await db
    .insertInto("sessions")
    .values({
      token_hash: row.tokenHash,
      user_id: row.userId,
      csrf: row.csrf,
      mandates: JSON.stringify(row.mandates),
      id_token: row.idToken,
      user_agent: row.userAgent,
      created_at: row.now,
      last_seen_at: row.now,
    })
    .execute();
}

/**
 * Marks the session seen now and returns it with its user, in one round trip, unless it
 * ended or ran out (idle or absolute): then nothing.
 */
export async function touchSession(db: DB, tokenHash: string, now: Date, idleSince: Date, startedSince: Date): Promise<SessionRow | undefined> {
  return db
    .with("touched", (q) =>
      q
        .updateTable("sessions")
        .set({ last_seen_at: now })
        .where("token_hash", "=", tokenHash)
        .where("ended_at", "is", null)
        .where("last_seen_at", ">", idleSince)
        .where("created_at", ">", startedSince)
        .returning(["id", "token_hash", "user_id", "csrf", "acting_for", "mandates", "created_at", "last_seen_at"]),
    )
    .selectFrom("touched")
    .innerJoin("users", "users.id", "touched.user_id")
    .select([
      "touched.id",
      "touched.token_hash",
      "touched.user_id",
      "touched.csrf",
      "touched.acting_for",
      "touched.mandates",
      "touched.created_at",
      "touched.last_seen_at",
      "users.login",
      "users.display_name",
      "users.role",
      "users.authority",
      "users.person_number",
      "users.preferred_language",
    ])
    .executeTakeFirst();
}

/** A session whatever its state: why a touch found nothing. */
export function findSession(db: DB, tokenHash: string) {
  return db
    .selectFrom("sessions")
    .select(["id", "created_at", "last_seen_at", "ended_at", "end_reason"])
    .where("token_hash", "=", tokenHash)
    .executeTakeFirst();
}

/** Ends the sessions that match and announces each; returns the ended rows' hash and id token. */
async function endWhere(db: DB, where: RawBuilder<unknown>, reason: SessionEndReason, now: Date) {
  const { rows } = await sql<{ token_hash: string; id_token: string | null }>`
    with ended as (
      update sessions set ended_at = ${now}, end_reason = ${reason}
       where ended_at is null and ${where}
      returning token_hash, id_token
    )
    select token_hash, id_token, pg_notify(${SESSIONS_CHANNEL}, 's:' || token_hash) from ended`.execute(db);
  return rows.map(({ token_hash, id_token }) => ({ tokenHash: token_hash, idToken: id_token }));
}

export function endSessionByHash(db: DB, tokenHash: string, reason: SessionEndReason, now: Date) {
  return endWhere(db, sql`token_hash = ${tokenHash}`, reason, now);
}

export function endSessionsOfUser(db: DB, userId: string, reason: SessionEndReason, now: Date) {
  return endWhere(db, sql`user_id = ${userId}`, reason, now);
}

/** Gives a live session a new id (and a new CSRF token and enterprise); announces the old id. */
export async function renameSession(
  db: DB,
  change: { from: string; to: string; csrf: string; actingFor: string | null; mandates: Mandate[] },
): Promise<boolean> {
  const { rows } = await sql<{ renamed: number }>`
    with renamed as (
      update sessions
         set token_hash = ${change.to}, csrf = ${change.csrf}, acting_for = ${change.actingFor},
             mandates = ${JSON.stringify(change.mandates)}::jsonb
       where token_hash = ${change.from} and ended_at is null
      returning 1
    )
    select pg_notify(${SESSIONS_CHANNEL}, ${`s:${change.from}`}) as renamed from renamed`.execute(db);
  return rows.length > 0;
}

/** Tells every server that a user's cached sessions are out of date (name, language). */
export async function announceUserChanged(db: DB, userId: string): Promise<void> {
  await sql`select pg_notify(${SESSIONS_CHANNEL}, ${`u:${userId}`})`.execute(db);
}

/** A user's sessions that have not ended, newest first (the "where you are signed in" page). */
export function openSessionsOf(db: DB, userId: string) {
  return db
    .selectFrom("sessions")
    .select(["id", "created_at", "last_seen_at", "user_agent"])
    .where("user_id", "=", userId)
    .where("ended_at", "is", null)
    .orderBy("last_seen_at", "desc")
    .execute();
}

/** Housekeeping: sessions long over (ended or not: none lives past eight hours). */
export async function deleteSessionsStartedBefore(db: DB, before: Date): Promise<number> {
  const result = await db.deleteFrom("sessions").where("created_at", "<", before).executeTakeFirst();
  return Number(result.numDeletedRows);
}
