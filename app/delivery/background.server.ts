import type { DB } from "../db/db.server";
import { sweepDeadlines } from "../cases/case-commands.server";
import { deliverPending, localChannels } from "./delivery.server";
import { sweepEndOfStay, sweepUnopenedDecisions } from "./notices.server";
import { forgetOldSessions } from "../identity/sessions.server";
import { forgetOldCounters } from "../identity/throttle.server";

const DRAIN_EVERY_MS = Number(process.env.OUTBOX_POLL_MS ?? 2_000);
const SWEEP_EVERY_MS = 60 * 60 * 1000;

/**
 * The background work: deliver the outbox continuously; sweep deadlines, end-of-stay
 * notices and e-Box reminders hourly, and forget old sessions and throttle counters. Every step is safe to run in several processes at
 * once (SKIP LOCKED, versioned commands, unique notice keys). Returns a stop function.
 */
export function startBackgroundWork(db: DB, log: (message: string, error?: unknown) => void = console.error): () => Promise<void> {
  const channels = localChannels();
  let stopped = false;
  let running: Promise<unknown> = Promise.resolve();
  let lastSweep = 0;
  const tick = async () => {
    if (Date.now() - lastSweep >= SWEEP_EVERY_MS) {
      lastSweep = Date.now();
      // Each sweep reports a case it could not handle through `log` and goes on with the others.
      await sweepDeadlines(db, new Date(), log).catch((error: unknown) => log("deadline sweep failed", error));
      await sweepEndOfStay(db, new Date(), log).catch((error: unknown) => log("end-of-stay sweep failed", error));
      await sweepUnopenedDecisions(db, new Date(), log).catch((error: unknown) => log("reminder sweep failed", error));
      await forgetOldSessions(db).catch((error: unknown) => log("session clean-up failed", error));
      await forgetOldCounters(db).catch((error: unknown) => log("throttle clean-up failed", error));
    }
    await deliverPending(db, channels).catch((error: unknown) => log("outbox delivery failed", error));
  };
  const timer = setInterval(() => {
    if (stopped) return;
    running = running.then(tick);
  }, DRAIN_EVERY_MS);
  timer.unref();
  running = running.then(tick);
  return async () => {
    stopped = true;
    clearInterval(timer);
    await running;
  };
}
