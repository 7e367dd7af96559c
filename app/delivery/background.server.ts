import { hostname } from "node:os";
import type { DB } from "../db/db.server";
import { sweepDeadlines } from "../cases/case-commands.server";
import { pruneDeliveredOutbox } from "../outbox/outbox.server";
import { deliverPending, localChannels } from "./delivery.server";
import { claimJobRun } from "./delivery.repository";
import { sweepEndOfStay, sweepUnopenedDecisions } from "./notices.server";
import { forgetOldSessions } from "../identity/sessions.server";
import { sweepUnemploymentPeriods } from "../permits/unemployment.server";
import { forgetOldCounters } from "../identity/throttle.server";

/** How long a worker with nothing to deliver waits before looking again. */
const IDLE_WAIT_MS = Number(process.env.OUTBOX_POLL_MS ?? 2_000);
const SWEEP_EVERY_MS = 60 * 60 * 1000;

/**
 * Runs `job` if this worker is the first to claim its current interval: with any number of
 * workers, each sweep runs once per interval (a leased row in background_jobs).
 */
export async function runOncePerInterval(db: DB, name: string, intervalMs: number, job: () => Promise<unknown>, now = new Date()): Promise<boolean> {
  if (!(await claimJobRun(db, name, now, intervalMs, `${hostname()}:${process.pid}`))) return false;
  await job();
  return true;
}

/**
 * The background work: deliver the outbox continuously, batch after batch while there is
 * work and pausing only when there is none; sweep deadlines, unemployment periods run out, end-of-stay notices and
 * e-Box reminders, prune delivered outbox rows, and forget old sessions and throttle
 * counters, each once an hour across all workers. Every step is also safe to run in
 * several processes at once (SKIP LOCKED, versioned commands, unique notice keys).
 * Returns a stop function.
 */
export function startBackgroundWork(db: DB, log: (message: string, error?: unknown) => void = console.error): () => Promise<void> {
  const channels = localChannels(db);
  let stopped = false;
  let wake: (() => void) | null = null;
  let lastSweepCheck = 0;
  const sweeps = async () => {
    const hourly = (name: string, job: () => Promise<unknown>) =>
      runOncePerInterval(db, name, SWEEP_EVERY_MS, job).catch((error: unknown) => log(`${name} failed`, error));
    // Each sweep reports a case it could not handle through `log` and goes on with the others.
    await hourly("deadline-sweep", () => sweepDeadlines(db, new Date(), log));
    await hourly("unemployment-sweep", () => sweepUnemploymentPeriods(db, new Date(), log));
    await hourly("end-of-stay-sweep", () => sweepEndOfStay(db, new Date(), log));
    await hourly("reminder-sweep", () => sweepUnopenedDecisions(db, new Date(), log));
    await hourly("outbox-prune", () => pruneDeliveredOutbox(db));
    await hourly("session-clean-up", () => forgetOldSessions(db));
    await hourly("throttle-clean-up", () => forgetOldCounters(db));
  };
  const loop = async () => {
    while (!stopped) {
      // Whether an interval is due is asked once a minute; which worker runs it, the lease says.
      if (Date.now() - lastSweepCheck >= 60_000) {
        lastSweepCheck = Date.now();
        await sweeps();
      }
      const pass = await deliverPending(db, channels).catch((error: unknown) => {
        log("outbox delivery failed", error);
        return null;
      });
      if (stopped) break;
      // Something was handled: there may be more, look again at once.
      if (pass && pass.delivered + pass.failed > 0) continue;
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, IDLE_WAIT_MS);
        timer.unref();
        wake = () => {
          clearTimeout(timer);
          resolve();
        };
      });
      wake = null;
    }
  };
  const running = loop();
  return async () => {
    stopped = true;
    (wake as (() => void) | null)?.();
    await running;
  };
}
