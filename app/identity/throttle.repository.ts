import { sql } from "kysely";
import type { DB } from "../db/db.server";

/** The SQL of throttling: one counter per key, changed only by single atomic statements. */

export interface CounterPolicy {
  free: number;
  firstDelaySeconds: number;
  maxDelaySeconds: number;
  windowSeconds: number;
}

/**
 * Counts an attempt, if one is allowed now, in one statement: the row lock orders parallel
 * attempts, and each sees the count and the next allowed time the one before it left.
 * Returns the attempt's number in the window, or null when it must wait. clock_timestamp(),
 * not now(): a statement that waited for the lock must compare with the time it runs.
 */
export async function countAttempt(db: DB, key: string, policy: CounterPolicy): Promise<number | null> {
  const window = sql`make_interval(secs => ${policy.windowSeconds})`;
  const fresh = sql`t.window_started_at <= clock_timestamp() - ${window}`;
  const attempt = sql`case when ${fresh} then 1 else t.attempts + 1 end`;
  const delayAfter = (n: ReturnType<typeof sql>) =>
    sql`make_interval(secs => case when ${n} < ${policy.free} then 0
          else least(${policy.firstDelaySeconds}::float8 * power(2, ${n} - ${policy.free}), ${policy.maxDelaySeconds}) end)`;
  const { rows } = await sql<{ attempts: number }>`
    insert into throttle_counters as t (key, window_started_at, attempts, next_attempt_at)
    values (${key}, clock_timestamp(), 1, clock_timestamp() + ${delayAfter(sql`1`)})
    on conflict (key) do update
       set window_started_at = case when ${fresh} then clock_timestamp() else t.window_started_at end,
           attempts = ${attempt},
           next_attempt_at = clock_timestamp() + ${delayAfter(attempt)}
     where t.next_attempt_at <= clock_timestamp() or ${fresh}
    returning attempts`.execute(db);
  return rows[0]?.attempts ?? null;
}

/** Seconds until the key allows an attempt again (at least 1). */
export async function secondsUntilAllowed(db: DB, key: string): Promise<number> {
  const { rows } = await sql<{ seconds: number }>`
    select greatest(1, ceil(extract(epoch from next_attempt_at - clock_timestamp())))::int as seconds
      from throttle_counters where key = ${key}`.execute(db);
  return rows[0]?.seconds ?? 1;
}

/** Takes one counted attempt back and lifts the wait it set (the attempt succeeded). */
export async function uncountAttempt(db: DB, key: string): Promise<void> {
  await sql`
    update throttle_counters
       set attempts = greatest(attempts - 1, 0), next_attempt_at = least(next_attempt_at, clock_timestamp())
     where key = ${key}`.execute(db);
}

export async function deleteCounter(db: DB, key: string): Promise<void> {
  await db.deleteFrom("throttle_counters").where("key", "=", key).execute();
}

export async function deleteCountersOlderThan(db: DB, before: Date): Promise<void> {
  await db.deleteFrom("throttle_counters").where("window_started_at", "<", before).where("next_attempt_at", "<", before).execute();
}
