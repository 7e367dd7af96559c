import { addDays, daysBetween, todayInBelgium } from "../../workflows/legal-clock";
import type { DB } from "../db/db.server";
import { enqueue } from "../outbox/outbox.server";
import type { Transaction } from "kysely";
import type { Database } from "../db/schema";
import type { Recipient } from "../outbox/messages";
import { enterpriseNumberOf, warnedStays, claimReminder, earlyEndCandidate, endOfStayCandidates, enqueueEndOfStayNotices, enqueueReminders, recordEndOfStayNotices, unopenedDecisions } from "./delivery.repository";

/** Days before the end of a permit that opted-in employers are warned (END_OF_STAY_NOTICE_DAYS, default 30,7). */
export function noticeDays(env: string | undefined = process.env.END_OF_STAY_NOTICE_DAYS): number[] {
  const days = (env ?? "30,7")
    .split(",")
    .map((value) => Number(value.trim()))
    .filter((value) => Number.isInteger(value) && value > 0 && value <= 365);
  return [...new Set(days.length > 0 ? days : [30, 7])].sort((a, b) => b - a);
}

/** Where a sweep reports the one case it could not handle before going on with the others. */
export type SweepLog = (message: string, error: unknown) => void;

/**
 * End-of-stay notices: an employer who is warned — by his choice, or by default for seasonal
 * work (delivery.repository.ts NOTICES_ON) — gets an e-Box notice N days before a worker's
 * stay ends: the season's end for seasonal work, else the permit's end. The notice row and
 * its outbox row are written together, and the notice row's key (case, N) is unique: a
 * sweep run twice, or one that crashed half-way, sends each notice once. A permit granted
 * late gets only the nearest notice. One statement does it for all permits (a million
 * permits in a few seconds); if the database refuses it, the permits are taken one by one:
 * a permit whose notice fails is logged and left for the next sweep, and the others are
 * still warned. Returns how many notices were sent.
 */
export async function sweepEndOfStay(db: DB, now = new Date(), log: SweepLog = console.error): Promise<number> {
  return (await sweepEndOfStayCases(db, now, log)).length;
}

/** The same sweep; returns the references of the cases whose employer was warned (what `npm run jobs` prints). */
export async function sweepEndOfStayCases(db: DB, now = new Date(), log: SweepLog = console.error): Promise<string[]> {
  const today = todayInBelgium(now);
  const thresholds = noticeDays();
  // All permits in one statement; if the database refuses any row of it, one by one, so
  // the others are still warned and the one that fails is named.
  try {
    return await db.transaction().execute((trx) => enqueueEndOfStayNotices(trx, today, thresholds, now));
  } catch {
    return sweepEndOfStayOneByOne(db, now, today, thresholds, log);
  }
}

async function sweepEndOfStayOneByOne(db: DB, now: Date, today: string, thresholds: number[], log: SweepLog): Promise<string[]> {
  const candidates = await endOfStayCandidates(db, today, addDays(today, thresholds[0]!));
  const sent: string[] = [];
  for (const permit of candidates) {
    try {
      const left = daysBetween(today, permit.valid_until);
      const due = thresholds.filter((days) => left <= days);
      const nearest = Math.min(...due);
      const created = await db.transaction().execute(async (trx) => {
        const recorded = await recordEndOfStayNotices(trx, permit.application_id, due);
        if (!recorded.includes(nearest)) return false;
        await enqueue(trx, {
          key: `end-of-stay:${permit.application_id}:${nearest}`,
          kind: "ebox.notice",
          applicationId: permit.application_id,
          payload: {
            recipient: { kind: "enterprise", id: permit.enterprise_number },
            language: permit.procedure_language ?? "fr",
            template: permit.seasonal ? "endOfSeason" : "endOfStay",
            values: {
              reference: permit.reference ?? "",
              worker: [permit.given_names, permit.family_name].filter(Boolean).join(" "),
              date: permit.valid_until,
              days: left,
            },
          },
        });
        return true;
      });
      if (created) sent.push(permit.reference ?? "");
    } catch (error) {
      log(`end-of-stay notice for case ${permit.application_id} failed`, error);
    }
  }
  return sent;
}

/**
 * A stay that ends early — the permit withdrawn, or the work authorisation ended after the
 * end of the employment — is announced at once to an employer who is warned (the same rule
 * as the end-of-stay notices): the planned end he was told of no longer holds. Written in
 * the decision's own transaction; its outbox key makes it once per case.
 */
export async function enqueueEarlyEndNotice(trx: Transaction<Database>, applicationId: string, cause: "revoked" | "employment-ended", today: string): Promise<void> {
  const permit = await earlyEndCandidate(trx, applicationId, today);
  if (!permit) return;
  await enqueue(trx, {
    key: `end-of-stay-early:${applicationId}`,
    kind: "ebox.notice",
    applicationId,
    payload: {
      recipient: { kind: "enterprise", id: permit.enterprise_number },
      language: permit.procedure_language ?? "fr",
      template: cause === "revoked" ? "endOfStayRevoked" : "endOfStayEmploymentEnded",
      values: {
        reference: permit.reference ?? "",
        worker: [permit.given_names, permit.family_name].filter(Boolean).join(" "),
        date: today,
        plannedEnd: permit.planned_end,
      },
    },
  });
}

/** Days after which an unopened decision in the e-Box gets one reminder (EBOX_REMINDER_DAYS, default 7). */
const REMINDER_DAYS = Number(process.env.EBOX_REMINDER_DAYS ?? 7);

/** One reminder per decision left unopened; one that fails is logged and left for the next sweep. */
export async function sweepUnopenedDecisions(db: DB, now = new Date(), log: SweepLog = console.error): Promise<number> {
  const before = new Date(now.getTime() - REMINDER_DAYS * 86_400_000);
  try {
    return await db.transaction().execute((trx) => enqueueReminders(trx, before, now));
  } catch {
    return remindOneByOne(db, now, before, log);
  }
}

async function remindOneByOne(db: DB, now: Date, before: Date, log: SweepLog): Promise<number> {
  const unopened = await unopenedDecisions(db, before);
  let reminded = 0;
  for (const message of unopened) {
    try {
      const done = await db.transaction().execute(async (trx) => {
        if (!(await claimReminder(trx, message.id, now))) return false;
        await enqueue(trx, {
          key: `reminder:${message.id}`,
          kind: "ebox.notice",
          applicationId: message.application_id,
          payload: {
            recipient: { kind: message.recipient_kind, id: message.recipient_id },
            language: message.procedure_language ?? "fr",
            template: "reminder",
            values: { reference: message.reference ?? "", date: todayInBelgium(new Date(message.delivered_at)) },
          },
        });
        return true;
      });
      if (done) reminded++;
    } catch (error) {
      log(`e-Box reminder for message ${message.id} failed`, error);
    }
  }
  return reminded;
}

/** Permits whose employer was warned of an end of stay still to come (any sweep, any day). */
export function stillWarned(db: DB, now = new Date()) {
  return warnedStays(db, todayInBelgium(now));
}

/**
 * Where a notice to the worker goes: his own e-Box when his national number is known; else
 * the employer's, marked to forward to him (the pattern of the annex 46 for a worker abroad,
 * decision-effects.server.ts). Null when there is neither (no number, no employer).
 */
export async function workerNoticeRecipient(
  trx: Transaction<Database>,
  applicationId: string,
  personNumber: string | null,
): Promise<{ recipient: Recipient; forward?: true } | null> {
  if (personNumber) return { recipient: { kind: "person", id: personNumber } };
  const row = await trx.selectFrom("applications").select("employer_id").where("id", "=", applicationId).executeTakeFirst();
  if (!row?.employer_id) return null;
  return { recipient: { kind: "enterprise", id: await enterpriseNumberOf(trx, row.employer_id) }, forward: true };
}
