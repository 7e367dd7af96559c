import { randomUUID } from "node:crypto";
import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { applyCaseCommand } from "../../app/cases/case-commands.server";
import { submitNewApplication } from "../../app/cases/filing.server";
import type { DB } from "../../app/db/db.server";
import { seedDemoData } from "../../app/demo/seed.server";
import { deliverPending, localChannels } from "../../app/delivery/delivery.server";
import { endOfStayNoticesFor, setEndOfStayNotices } from "../../app/delivery/notice-settings.server";
import { stillWarned, sweepEndOfStayCases } from "../../app/delivery/notices.server";
import { makePersonNumber } from "../../forms/identifiers";
import { applicationData } from "../../forms/universal-form";
import { addDays, todayInBelgium } from "../../workflows/legal-clock";
import { openTestDatabase } from "../support/test-db";
import { demoUser } from "../support/users";

/**
 * Issue 14 point 6: end-of-stay notices for seasonal work — on unless the employer turned
 * them off, dated by the season's end, sent at once on an early end, each once however often
 * the sweep runs. (`npm run jobs`, which runs the sweep on the demo data: jobs.test.ts. Apart,
 * because this file is also one of those `npm run test:mutation` runs for each mutant of the
 * notices; see vitest.mutation-app.config.ts.)
 */

let db: DB;
let drop: () => Promise<void>;
const TODAY = todayInBelgium(new Date());
let serial = 300;
const employerId = async (name: string) => (await db.selectFrom("employers").select("id").where("name", "=", name).executeTakeFirstOrThrow()).id;
const enterpriseNumber = async (name: string) => (await db.selectFrom("employers").select("enterprise_number").where("name", "=", name).executeTakeFirstOrThrow()).enterprise_number;

beforeAll(async () => {
  ({ db, drop } = await openTestDatabase());
  await seedDemoData(db);
});
afterAll(() => drop());

/** A granted permit for seasonal work in Flanders (or other work: `seasonal: false`). */
async function grantedSeasonal(options: { employer: string; seasonEnd: string; employmentEnd: string; seasonal?: boolean }) {
  const representative = await demoUser(db, "secretariat", options.employer);
  const seasonal = options.seasonal ?? true;
  const data = applicationData(
    {
      worker: {
        givenNames: "Ğül",
        familyName: "Yılmaz",
        nationality: "TR",
        birthDate: "1988-04-12",
        passportNumber: `U${++serial}0000`,
        personNumber: makePersonNumber("1988-04-12", serial),
        livesIn: "abroad",
        visaPost: "ankara",
      },
      employment: {
        category: seasonal ? "seasonal" : "other",
        jobTitle: "Fruitplukker",
        placeOfWorkPostalCode: "2030",
        contractStart: addDays(options.seasonEnd, -120),
        employmentEnd: options.employmentEnd,
        grossAnnualSalary: "26000",
      },
      ...(seasonal ? { "flanders-seasonal": { seasonalSector: "agriculture", seasonStart: addDays(options.seasonEnd, -120), seasonEnd: options.seasonEnd } } : {}),
    },
    seasonal ? ["flanders-seasonal"] : [],
  );
  const { id } = await submitNewApplication(db, representative, { applicationId: randomUUID(), employerId: representative.actingFor!.employerId, data, authority: "flanders", uiLanguage: "en" });
  const flanders = await demoUser(db, "officer.flanders");
  const oe = await demoUser(db, "officer.oe");
  let version = 1;
  for (const [user, type] of [[flanders, "DECLARE_COMPLETE"], [oe, "PRE_CHECKS_DONE"], [flanders, "AUTHORISE_WORK"], [oe, "GRANT_RESIDENCE"]] as const) {
    version = (await applyCaseCommand(db, { user }, id, version, { type })).version;
  }
  const { reference } = await db.selectFrom("applications").select("reference").where("id", "=", id).executeTakeFirstOrThrow();
  return { id, version, reference: reference! };
}

const noticesOf = (id: string) => db.selectFrom("outbox").select(["key", "payload"]).where("application_id", "=", id).where("kind", "=", "ebox.notice").orderBy("id").execute();

describe("end-of-stay notices for seasonal work", () => {
  it("are on until the employer chooses, for a seasonal enterprise and for any permit for seasonal work", async () => {
    expect(await endOfStayNoticesFor(db, await employerId("Tuinbouw De Wilde BV"))).toMatchObject({ enabled: true, byDefault: true, seasonal: true });
    expect(await endOfStayNoticesFor(db, await employerId("Antwerp Port Engineering NV"))).toMatchObject({ enabled: false, byDefault: true, seasonal: false });
    // The port engineering firm is no seasonal enterprise, but this permit is for seasonal work.
    const seasonal = await grantedSeasonal({ employer: "Antwerp Port Engineering NV", seasonEnd: addDays(TODAY, 20), employmentEnd: addDays(TODAY, 20) });
    const other = await grantedSeasonal({ employer: "Antwerp Port Engineering NV", seasonEnd: addDays(TODAY, 20), employmentEnd: addDays(TODAY, 20), seasonal: false });
    const sent = await sweepEndOfStayCases(db);
    expect(sent).toContain(seasonal.reference);
    expect(sent).not.toContain(other.reference);
    expect((await sweepEndOfStayCases(db))).toEqual([]);
    expect((await noticesOf(seasonal.id)).map((n) => n.key)).toEqual([`end-of-stay:${seasonal.id}:30`]);
    expect(await noticesOf(other.id)).toEqual([]);
  });

  it("follow the season's end, not the contract's", async () => {
    // The contract runs 60 days past the season: the stay ends with the season, in 5 days.
    const c = await grantedSeasonal({ employer: "Tuinbouw De Wilde BV", seasonEnd: addDays(TODAY, 5), employmentEnd: addDays(TODAY, 65) });
    expect(await db.selectFrom("permits").select(["valid_until", "season_ends_on"]).where("application_id", "=", c.id).executeTakeFirstOrThrow()).toEqual({
      valid_until: addDays(TODAY, 65),
      season_ends_on: addDays(TODAY, 5),
    });
    await sweepEndOfStayCases(db);
    const [notice] = await noticesOf(c.id);
    expect(notice).toMatchObject({ key: `end-of-stay:${c.id}:7`, payload: { template: "endOfSeason", values: { date: addDays(TODAY, 5), days: 5 } } });
    await deliverPending(db, localChannels(db));
    const [message] = await db.selectFrom("ebox_messages").select(["recipient_kind", "subject", "body"]).where("delivery_key", "=", `end-of-stay:${c.id}:7`).execute();
    // Flanders: the notice is in Dutch, the day in words.
    expect(message).toMatchObject({ recipient_kind: "enterprise", subject: expect.stringContaining("Het seizoen van Ğül Yılmaz eindigt op") });
    expect(message!.body).toContain("over 5 dagen");
    expect(message!.body).toContain(new Intl.DateTimeFormat("nl", { dateStyle: "long", timeZone: "UTC" }).format(new Date(`${addDays(TODAY, 5)}T12:00:00Z`)));
  });

  it("are not sent once the employer turned them off", async () => {
    const grower = await employerId("Tuinbouw De Wilde BV");
    await setEndOfStayNotices(db, grower, false);
    try {
      const c = await grantedSeasonal({ employer: "Tuinbouw De Wilde BV", seasonEnd: addDays(TODAY, 12), employmentEnd: addDays(TODAY, 12) });
      expect(await sweepEndOfStayCases(db)).not.toContain(c.reference);
      expect(await noticesOf(c.id)).toEqual([]);
      expect(await endOfStayNoticesFor(db, grower)).toMatchObject({ enabled: false, byDefault: false });
    } finally {
      await db.updateTable("employers").set({ end_of_stay_notices: null }).where("id", "=", grower).execute();
    }
  });

  it("announce an early end at once: a withdrawal, or the end of the employment", async () => {
    const flanders = await demoUser(db, "officer.flanders");
    const revoked = await grantedSeasonal({ employer: "Tuinbouw De Wilde BV", seasonEnd: addDays(TODAY, 80), employmentEnd: addDays(TODAY, 80) });
    await applyCaseCommand(db, { user: flanders }, revoked.id, revoked.version, { type: "REVOKE", reason: "Wages below the agreed amount.", ground: "conditions-not-met" });
    const ended = await grantedSeasonal({ employer: "Tuinbouw De Wilde BV", seasonEnd: addDays(TODAY, 80), employmentEnd: addDays(TODAY, 80) });
    await applyCaseCommand(db, { user: flanders }, ended.id, ended.version, { type: "END_EMPLOYMENT", reason: "The employer reported the end of the employment." });
    expect((await noticesOf(revoked.id)).map((n) => [n.key, (n.payload as { template: string }).template])).toEqual([[`end-of-stay-early:${revoked.id}`, "endOfStayRevoked"]]);
    // Nobody reported the end: the region's decision starts the worker's search period, which he is told of (app/revocation).
    expect((await noticesOf(ended.id)).map((n) => [n.key, (n.payload as { template: string }).template])).toEqual([
      [`end-of-stay-early:${ended.id}`, "endOfStayEmploymentEnded"],
      [expect.stringMatching(/^unemployment-started:/), "unemploymentStarted"],
    ]);
    // The sweeps that follow send nothing more for them: the permits are no longer live.
    await sweepEndOfStayCases(db, new Date(Date.now() + 60 * 86_400_000));
    expect(await noticesOf(revoked.id)).toHaveLength(1);
    await deliverPending(db, localChannels(db));
    const [message] = await db.selectFrom("ebox_messages").select(["subject", "body"]).where("delivery_key", "=", `end-of-stay-early:${revoked.id}`).execute();
    // What the grower is told: the worker, the day it ended, the end he had planned for.
    const grower = await enterpriseNumber("Tuinbouw De Wilde BV");
    expect((await noticesOf(ended.id))[0]!.payload).toEqual({
      recipient: { kind: "enterprise", id: grower },
      language: "nl",
      template: "endOfStayEmploymentEnded",
      values: { reference: ended.reference, worker: "Ğül Yılmaz", date: TODAY, plannedEnd: addDays(TODAY, 80) },
    });
    expect(message!.subject).toContain("eindigt vroeger: vergunning ingetrokken");
    expect(message!.body).toContain(new Intl.DateTimeFormat("nl", { dateStyle: "long", timeZone: "UTC" }).format(new Date(`${addDays(TODAY, 80)}T12:00:00Z`)));
  });

  it("announce no early end to an employer who is not warned", async () => {
    const flanders = await demoUser(db, "officer.flanders");
    // Not seasonal work, at an enterprise that is not seasonal and never chose: no notices.
    const other = await grantedSeasonal({ employer: "Antwerp Port Engineering NV", seasonEnd: addDays(TODAY, 80), employmentEnd: addDays(TODAY, 80), seasonal: false });
    await applyCaseCommand(db, { user: flanders }, other.id, other.version, { type: "REVOKE", reason: "Wages below the agreed amount.", ground: "conditions-not-met" });
    expect(await noticesOf(other.id)).toEqual([]);
  });

  it("are still sent permit by permit when the database refuses one, each once however often the sweep runs", async () => {
    // The season ends in exactly 7 days; another permit's in 20: each warned at its nearest threshold.
    const season = await grantedSeasonal({ employer: "Tuinbouw De Wilde BV", seasonEnd: addDays(TODAY, 7), employmentEnd: addDays(TODAY, 40) });
    const middle = await grantedSeasonal({ employer: "Tuinbouw De Wilde BV", seasonEnd: addDays(TODAY, 20), employmentEnd: addDays(TODAY, 20) });
    const refused = await grantedSeasonal({ employer: "Tuinbouw De Wilde BV", seasonEnd: addDays(TODAY, 25), employmentEnd: addDays(TODAY, 25) });
    // The database refuses the refused case's notice: the one statement fails, the sweep goes permit by permit.
    await sql`create function refuse_season_notice() returns trigger language plpgsql as $$
      begin
        if new.application_id = ${sql.lit(refused.id)}::uuid then raise exception 'refused'; end if;
        return new;
      end $$`.execute(db);
    await sql`create trigger refuse_season_notice before insert on end_of_stay_notices for each row execute function refuse_season_notice()`.execute(db);
    const log = vi.fn();
    let first: string[];
    let second: string[];
    try {
      first = await sweepEndOfStayCases(db, new Date(), log);
      second = await sweepEndOfStayCases(db, new Date(), log);
    } finally {
      await sql`drop trigger refuse_season_notice on end_of_stay_notices`.execute(db);
      await sql`drop function refuse_season_notice()`.execute(db);
    }
    expect(first).toContain(season.reference);
    expect(first).toContain(middle.reference);
    expect((await noticesOf(middle.id)).map((notice) => notice.key)).toEqual([`end-of-stay:${middle.id}:30`]);
    expect(first).not.toContain(refused.reference);
    expect(log).toHaveBeenCalledWith(`end-of-stay notice for case ${refused.id} failed`, expect.anything());
    // The second sweep, permit by permit too, sends nothing again.
    expect(second).toEqual([]);
    // The 7-day notice only, dated by the season's end, not the contract's.
    expect(await noticesOf(season.id)).toEqual([
      {
        key: `end-of-stay:${season.id}:7`,
        payload: {
          recipient: { kind: "enterprise", id: await enterpriseNumber("Tuinbouw De Wilde BV") },
          language: "nl",
          template: "endOfSeason",
          values: { reference: season.reference, worker: "Ğül Yılmaz", date: addDays(TODAY, 7), days: 7 },
        },
      },
    ]);
    expect(await noticesOf(refused.id)).toEqual([]);
    // What `npm run jobs` lists as warned: the season, by its end; not the refused one, yet.
    const warned = await stillWarned(db);
    expect(warned).toContainEqual({ reference: season.reference, ends_on: addDays(TODAY, 7) });
    expect(warned.map((stay) => stay.reference)).not.toContain(refused.reference);
    // The next sweep, the database willing, warns the refused one at its nearest threshold.
    expect(await sweepEndOfStayCases(db)).toEqual([refused.reference]);
    expect((await noticesOf(refused.id)).map((notice) => notice.key)).toEqual([`end-of-stay:${refused.id}:30`]);
    // Once the season is over, it is no longer listed.
    expect((await stillWarned(db, new Date(Date.now() + 8 * 86_400_000))).map((stay) => stay.reference)).not.toContain(season.reference);
  });
});
