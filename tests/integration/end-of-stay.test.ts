import { spawn } from "node:child_process";
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { applyCaseCommand } from "../../app/cases/case-commands.server";
import { submitNewApplication } from "../../app/cases/filing.server";
import { createDb, type DB } from "../../app/db/db.server";
import { seedDemoCase, seedDemoData } from "../../app/demo/seed.server";
import { deliverPending, localChannels } from "../../app/delivery/delivery.server";
import { endOfStayNoticesFor, setEndOfStayNotices } from "../../app/delivery/notice-settings.server";
import { sweepEndOfStayCases } from "../../app/delivery/notices.server";
import { makePersonNumber } from "../../forms/identifiers";
import { applicationData } from "../../forms/universal-form";
import { addDays, todayInBelgium } from "../../workflows/legal-clock";
import { openTestDatabase } from "../support/test-db";
import { demoUser } from "../support/users";

/**
 * Issue 14 point 6: end-of-stay notices for seasonal work — on unless the employer turned
 * them off, dated by the season's end, sent at once on an early end — and `npm run jobs`,
 * which says what it did and does it once.
 */

let db: DB;
let drop: () => Promise<void>;
const TODAY = todayInBelgium(new Date());
let serial = 300;
const employerId = async (name: string) => (await db.selectFrom("employers").select("id").where("name", "=", name).executeTakeFirstOrThrow()).id;

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
    expect((await noticesOf(ended.id)).map((n) => [n.key, (n.payload as { template: string }).template])).toEqual([[`end-of-stay-early:${ended.id}`, "endOfStayEmploymentEnded"]]);
    // The sweeps that follow send nothing more for them: the permits are no longer live.
    await sweepEndOfStayCases(db, new Date(Date.now() + 60 * 86_400_000));
    expect(await noticesOf(revoked.id)).toHaveLength(1);
    await deliverPending(db, localChannels(db));
    const [message] = await db.selectFrom("ebox_messages").select(["subject", "body"]).where("delivery_key", "=", `end-of-stay-early:${revoked.id}`).execute();
    expect(message!.subject).toContain("eindigt vroeger: vergunning ingetrokken");
    expect(message!.body).toContain(new Intl.DateTimeFormat("nl", { dateStyle: "long", timeZone: "UTC" }).format(new Date(`${addDays(TODAY, 80)}T12:00:00Z`)));
  });
});

/** Runs `npm run jobs` (scripts/jobs.ts) on the given database; resolves with what it printed. */
function runJobs(env: Record<string, string>): Promise<{ code: number | null; out: string; err: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ["--import", "tsx", new URL("../../scripts/jobs.ts", import.meta.url).pathname], {
      env: { ...process.env, DATABASE_URL: "", PGLITE_DIR: "", ...env },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let out = "";
    let err = "";
    child.stdout.on("data", (chunk: Buffer) => (out += chunk.toString()));
    child.stderr.on("data", (chunk: Buffer) => (err += chunk.toString()));
    child.once("exit", (code) => resolve({ code, out, err }));
  });
}

describe("npm run jobs on the demo data", () => {
  it("sends the demo's one seasonal notice, says so with the case reference, and sends nothing the second time", { timeout: 120_000 }, async () => {
    const own = await openTestDatabase({ onDisk: true });
    let demo = own.db;
    try {
      await seedDemoData(demo);
      expect(await seedDemoCase(demo)).toBe(true);
      const seasonal = await demo
        .selectFrom("permits")
        .innerJoin("applications", "applications.id", "permits.application_id")
        .select(["applications.reference", "applications.employer_id", "permits.season_ends_on"])
        .where("applications.employment_category", "=", "seasonal")
        .executeTakeFirstOrThrow();
      expect(seasonal.season_ends_on).toBe(addDays(TODAY, 25));
      const env: Record<string, string> = own.url ? { DATABASE_URL: own.url } : { PGLITE_DIR: own.pgliteDir! };
      // PGlite opens a directory in one process at a time.
      if (own.pgliteDir) await demo.destroy();
      const first = await runJobs(env);
      expect(first.code, first.err).toBe(0);
      expect(first.out).toContain(`End-of-stay notices: 1 sent: ${seasonal.reference}.`);
      expect(first.out).toMatch(/Deadline sweep: 0 deemed grant\(s\); 0 escalation\(s\); 1 lapsed request\(s\) proposed inadmissible: SP-\d{4}-\d{6}\./);
      const second = await runJobs(env);
      expect(second.code, second.err).toBe(0);
      expect(second.out).toContain("End-of-stay notices: 0 sent.");
      expect(second.out).toContain(`Employers warned of a stay ending: ${seasonal.reference} (${addDays(TODAY, 25)}).`);
      expect(second.out).toContain("0 lapsed request(s) proposed inadmissible.");
      if (own.pgliteDir) demo = createDb({ pgliteDir: own.pgliteDir });
      // What the grower finds in his e-Box: the one notice.
      const { enterprise_number } = await demo.selectFrom("employers").select("enterprise_number").where("id", "=", seasonal.employer_id!).executeTakeFirstOrThrow();
      const notices = await demo.selectFrom("ebox_messages").select("subject").where("recipient_id", "=", enterprise_number).where("delivery_key", "like", "end-of-stay%").execute();
      expect(notices).toHaveLength(1);
      expect(notices[0]!.subject).toContain("Het seizoen van Ğül Yılmaz eindigt op");
    } finally {
      if (own.pgliteDir && demo !== own.db) await demo.destroy();
      await own.drop().catch(() => undefined);
    }
  });
});
