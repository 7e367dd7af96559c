import { listenForNotifications, type DB } from "../db/db.server";
import { SESSIONS_CHANNEL, type SessionRow } from "./sessions.repository";

/**
 * Sessions this process looked up recently, so that a page does not cost a database round
 * trip to find out who is asking (docs/decisions/012-sign-in.md).
 *
 * Correct first: an entry is used only while this process is sure to hear of every change.
 * On PostgreSQL that means while its LISTEN connection is up; other servers announce ended,
 * renamed and changed sessions with NOTIFY, and a lost connection empties the cache and
 * turns it off until it listens again. On the embedded database only this process can write,
 * and it forgets what it changes itself as it changes it. A fill that raced with a change
 * is not kept (the generation moved on).
 */
const MAX_ENTRIES = 10_000;

export interface CachedSession {
  row: SessionRow;
  /** When this process last read (and touched) the row, by the app's clock. */
  refreshedAt: number;
}

export class SessionCache {
  #entries = new Map<string, CachedSession>();
  #generation = 0;
  #usable: boolean;
  #listener: { close: () => Promise<void> } | null = null;

  constructor(db: DB) {
    this.#listener = listenForNotifications(db, SESSIONS_CHANNEL, {
      onMessage: (payload) => this.forget(payload),
      onReset: () => {
        this.#usable = false;
        this.#clear();
      },
      onReady: () => {
        this.#usable = true;
      },
    });
    // No listener: the embedded database, which only this process writes to.
    this.#usable = this.#listener === null;
  }

  /** Whether entries may be trusted now (false while a PostgreSQL listener is down). */
  get usable(): boolean {
    return this.#usable;
  }

  get generation(): number {
    return this.#generation;
  }

  get(tokenHash: string): CachedSession | undefined {
    return this.#usable ? this.#entries.get(tokenHash) : undefined;
  }

  /** Keeps a row read at `generation`, unless something changed since. */
  put(tokenHash: string, entry: CachedSession, generation: number): void {
    if (!this.#usable || generation !== this.#generation) return;
    this.#entries.delete(tokenHash);
    this.#entries.set(tokenHash, entry);
    if (this.#entries.size > MAX_ENTRIES) this.#entries.delete(this.#entries.keys().next().value!);
  }

  /** "s:<token hash>" forgets one session, "u:<user id>" all of a user's. */
  forget(message: string): void {
    this.#generation++;
    if (message.startsWith("s:")) this.#entries.delete(message.slice(2));
    else if (message.startsWith("u:")) {
      const userId = message.slice(2);
      for (const [hash, entry] of this.#entries) if (entry.row.user_id === userId) this.#entries.delete(hash);
    } else this.#clear();
  }

  #clear(): void {
    this.#generation++;
    this.#entries.clear();
  }

  get size(): number {
    return this.#entries.size;
  }
}

// On globalThis: the development server reloads this module but keeps the database (and
// one LISTEN connection for it is enough).
const shared = globalThis as typeof globalThis & { __sessionCaches?: WeakMap<DB, SessionCache> };
const caches = (shared.__sessionCaches ??= new WeakMap());

/** The cache of this database (tests open several databases in one process). */
export function sessionCacheFor(db: DB): SessionCache {
  let cache = caches.get(db);
  if (!cache) {
    cache = new SessionCache(db);
    caches.set(db, cache);
  }
  return cache;
}
