import type { DB } from "../db/db.server";
import { countAttempt, deleteCounter, deleteCountersOlderThan, secondsUntilAllowed, uncountAttempt, type CounterPolicy } from "./throttle.repository";

/**
 * Throttling that slows guessing down without locking anyone out
 * (docs/decisions/012-sign-in.md). Each key (an account, a client address, a known
 * device) has a counter in the database, counted *before* the check it guards, atomically,
 * so that parallel attempts cannot all slip through. After `free` attempts in a window,
 * each further attempt has to wait: one delay, then twice as long, up to `maxDelaySeconds`.
 * Never a hard lock: the wait ends, and the window starts again.
 */
export type ThrottlePolicy = CounterPolicy;

/** Per account, for browsers the account has not signed in from: 5 tries, then 1 s, 2 s, 4 s … up to 15 minutes. */
export const ACCOUNT_POLICY: ThrottlePolicy = { free: 5, firstDelaySeconds: 1, maxDelaySeconds: 15 * 60, windowSeconds: 24 * 60 * 60 };
/** Per device the account signed in from before: the owner's own typos only. */
export const KNOWN_DEVICE_POLICY: ThrottlePolicy = { free: 10, firstDelaySeconds: 1, maxDelaySeconds: 5 * 60, windowSeconds: 24 * 60 * 60 };
/**
 * Per client address (a whole office behind one NAT address): generous, only new browsers
 * count against it and a success is taken back; it stops one address from trying many accounts.
 */
export const ADDRESS_POLICY: ThrottlePolicy = { free: 100, firstDelaySeconds: 1, maxDelaySeconds: 15 * 60, windowSeconds: 15 * 60 };
/** Permit checks at /verify per address (a code found is taken back): far more than anyone mistypes by hand. */
export const VERIFY_POLICY: ThrottlePolicy = { free: 60, firstDelaySeconds: 1, maxDelaySeconds: 15 * 60, windowSeconds: 15 * 60 };

export type Attempt = { allowed: true } | { allowed: false; retryAfterSeconds: number };

/** Counts an attempt against every key, in order; the first key that says "wait" stops it. */
export async function attempt(db: DB, keys: readonly (readonly [string, ThrottlePolicy])[]): Promise<Attempt> {
  for (const [key, policy] of keys) {
    if ((await countAttempt(db, key, policy)) === null) return { allowed: false, retryAfterSeconds: await secondsUntilAllowed(db, key) };
  }
  return { allowed: true };
}

/** After a success: this key starts again (an account or a device: whoever succeeds knows the password). */
export function resetThrottle(db: DB, key: string): Promise<void> {
  return deleteCounter(db, key);
}

/**
 * After a success on a shared key (an address): only this attempt is taken back, so that
 * the count is of failures, and a success of one's own does not wipe out others' failures.
 */
export function forgiveAttempt(db: DB, key: string): Promise<void> {
  return uncountAttempt(db, key);
}

/**
 * The key for a client address: IPv4 as it is, IPv6 by its /64 (one customer's network:
 * an attacker holds a whole /64, an office one address). IPv4-mapped IPv6 is IPv4.
 */
export function addressKey(address: string): string {
  const plain = address.trim().toLowerCase().replace(/^::ffff:(?=\d+\.\d+\.\d+\.\d+$)/, "");
  if (!plain.includes(":")) return plain;
  const [head = "", tail = ""] = plain.split("%")[0]!.split("::");
  const left = head ? head.split(":") : [];
  const right = tail ? tail.split(":") : [];
  const groups = plain.includes("::") ? [...left, ...Array(Math.max(0, 8 - left.length - right.length)).fill("0"), ...right] : left;
  return `${groups.slice(0, 4).map((group) => (group || "0").replace(/^0+(?=.)/, "")).join(":")}::/64`;
}

/** Housekeeping for the background sweep: counters nobody touched for two days. */
export function forgetOldCounters(db: DB, now = new Date()): Promise<void> {
  return deleteCountersOlderThan(db, new Date(now.getTime() - 2 * 24 * 60 * 60_000));
}
