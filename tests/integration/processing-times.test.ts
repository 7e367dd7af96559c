import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { applyCaseCommand } from "../../app/cases/case-commands.server";
import { forgetProcessingTimes, publishedProcessingTimes } from "../../app/cases/processing-times.server";
import { officerQueue } from "../../app/cases/officer-queue.server";
import type { DB } from "../../app/db/db.server";
import { seedDemoData } from "../../app/demo/seed.server";
import { LANGUAGE_COOKIE } from "../../app/i18n/config";
import type { User } from "../../app/identity/user";
import { addDays, todayInBelgium } from "../../workflows/legal-clock";
import { fileFor, validApplication } from "../support/applications";
import { startRenderedApp } from "../support/rendered-app";
import { openTestDatabase } from "../support/test-db";
import { demoUser, openBrowserSession } from "../support/users";

/**
 * Issue 14 point 7: the published processing times of a region, the applicant's expectation
 * for his own case, and the officer's deadline dashboard — as the pages show them, in four
 * languages, computed from cases taken through the real lifecycle on chosen days.
 */

/** The page's text, one element's text a line (enough to read figures beside their labels). */
function visibleText(html: string): string {
  return html
    .replace(/<script\b[\s\S]*?<\/script>/gi, " ")
    .replace(/<style\b[\s\S]*?<\/style>/gi, " ")
    .replace(/<[^>]+>/g, "\n")
    .replace(/&#x27;|&#39;/g, "'")
    .replace(/&quot;/g, '"')
    .replace(/&amp;/g, "&")
    .replace(/&nbsp;|\u00a0|\u202f/g, " ")
    .split("\n")
    .map((line) => line.replace(/\s+/g, " ").trim())
    .filter(Boolean)
    .join("\n");
}

let db: DB;
let drop: () => Promise<void>;
let app: Awaited<ReturnType<typeof startRenderedApp>>;
const TODAY = todayInBelgium(new Date());
const at = (day: string) => new Date(`${day}T10:00:00Z`);
const people: Record<string, User> = {};
const ids: Record<string, string> = {};
let passport = 0;

async function file(category: string, filedOn: string, postal = "3800"): Promise<{ id: string; version: number }> {
  const input = await validApplication(
    {
      givenNames: "Milan",
      familyName: "Jovanović",
      nationality: "RS",
      birthDate: "1992-07-07",
      passportNumber: `RS88${String(++passport).padStart(5, "0")}`,
      personNumber: "",
      placeOfWorkPostalCode: postal,
      jobTitle: "Greenhouse technician",
      employmentEnd: "",
      category,
      grossAnnualSalary: "52000",
    },
    filedOn,
  );
  const filed = await fileFor(db, people.employer!, input, "en", { now: at(filedOn) });
  return { id: filed.id, version: 1 };
}

async function step(who: string, c: { id: string; version: number }, command: Parameters<typeof applyCaseCommand>[4], on: string) {
  c.version = (await applyCaseCommand(db, { user: people[who]! }, c.id, c.version, command, at(on))).version;
}

/** Filed, complete on `completeOn`, refused by the region `days` later. */
async function decided(category: string, completeOn: string, days: number) {
  const c = await file(category, addDays(completeOn, -3));
  await step("flanders", c, { type: "DECLARE_COMPLETE" }, completeOn);
  await step("flanders", c, { type: "REFUSE_WORK", reason: "The vacancy was not published long enough." }, addDays(completeOn, days));
  return c;
}

beforeAll(async () => {
  ({ db, drop } = await openTestDatabase());
  await seedDemoData(db);
  people.employer = await demoUser(db, "employer", "Tuinbouw De Wilde BV");
  people.flanders = await demoUser(db, "officer.flanders");
  people.wallonia = await demoUser(db, "officer.wallonia");
  people.oe = await demoUser(db, "officer.oe");
  // Five shortage-occupation decisions in the window: 10, 20, 30, 40 and 50 days after the file was complete.
  for (const days of [40, 10, 50, 30, 20]) await decided("shortage-occupation", addDays(TODAY, -70), days);
  // Outside the 90 days: not counted.
  await decided("shortage-occupation", addDays(TODAY, -200), 5);
  // Only two "other" decisions: too few for a figure.
  await decided("other", addDays(TODAY, -40), 12);
  await decided("other", addDays(TODAY, -40), 14);
  // Waiting: two complete shortage files (one overdue, one due this week), one not yet complete,
  // one waiting for the applicant's documents; one further off.
  const overdue = await file("shortage-occupation", addDays(TODAY, -20));
  await step("flanders", overdue, { type: "DECLARE_COMPLETE" }, addDays(TODAY, -15));
  ids.overdue = overdue.id;
  const week = await file("shortage-occupation", addDays(TODAY, -20));
  await step("flanders", week, { type: "DECLARE_COMPLETE" }, addDays(TODAY, -12));
  ids.week = week.id;
  ids.notComplete = (await file("shortage-occupation", addDays(TODAY, -2))).id;
  const suspended = await file("shortage-occupation", addDays(TODAY, -10));
  await step("flanders", suspended, { type: "REQUEST_DOCUMENTS", message: "Send the contract.", items: ["Signed contract"] }, addDays(TODAY, -9));
  // The due dates the dashboard counts, set where the test wants them (the clock's own arithmetic has its tests).
  await db.updateTable("applications").set({ due_on: addDays(TODAY, -1) }).where("id", "=", ids.overdue).execute();
  await db.updateTable("applications").set({ due_on: addDays(TODAY, 3) }).where("id", "=", ids.week).execute();
  await db.updateTable("applications").set({ due_on: addDays(TODAY, 20) }).where("id", "=", ids.notComplete).execute();
  app = await startRenderedApp(db);
}, 180_000);

afterAll(async () => {
  await app?.close();
  await drop?.();
});

const date = (day: string, language: string) => new Intl.DateTimeFormat(language, { dateStyle: "long", timeZone: "Europe/Brussels" }).format(new Date(`${day}T12:00:00Z`));

async function page(path: string, language: string, who?: string) {
  const cookie = [`${LANGUAGE_COOKIE}=${language}`];
  if (who) cookie.push((await openBrowserSession(db, people[who]!)).cookie);
  const response = await app.fetch(new Request(`http://localhost${path}`, { headers: { Cookie: cookie.join("; ") } }));
  return { status: response.status, location: response.headers.get("Location"), text: visibleText(await response.text()) };
}

describe("published processing times", () => {
  it("computes a region's figures per category from the decisions of the last 90 days", async () => {
    forgetProcessingTimes(db);
    const times = await publishedProcessingTimes(db, "flanders");
    const shortage = times.categories.find((row) => row.category === "shortage-occupation")!;
    expect(shortage).toMatchObject({ figures: { enough: true, decided: 5, medianDays: 30, p90Days: 50 }, waiting: 2 });
    expect(shortage.expected).toEqual({ typicalOn: addDays(TODAY, 30), latestOn: addDays(TODAY, 50) });
    expect(times.categories.find((row) => row.category === "other")).toMatchObject({ figures: { enough: false, decided: 2 }, expected: null });
    // Another region's figures are its own.
    expect((await publishedProcessingTimes(db, "wallonia")).categories.every((row) => row.figures.decided === 0 && row.waiting === 0)).toBe(true);
  });

  it("is kept for 10 minutes in the server that computed it, then computed again", async () => {
    forgetProcessingTimes(db);
    const now = new Date();
    const first = await publishedProcessingTimes(db, "flanders", now);
    // A third "other" decision (still too few for a figure): not seen for 10 minutes.
    await decided("other", addDays(TODAY, -30), 1);
    const kept = await publishedProcessingTimes(db, "flanders", new Date(now.getTime() + 9 * 60_000));
    expect(kept.computedAt).toBe(first.computedAt);
    expect(kept.categories.find((row) => row.category === "other")!.figures.decided).toBe(2);
    const later = await publishedProcessingTimes(db, "flanders", new Date(now.getTime() + 11 * 60_000));
    expect(later.categories.find((row) => row.category === "other")!.figures.decided).toBe(3);
    forgetProcessingTimes(db);
  });

  const WORDS = {
    en: { title: "Processing times: Flemish authority", days: (n: number) => `${n} days`, tooFew: "Too few decisions (fewer than 5)" },
    fr: { title: "Délais de traitement : Autorité flamande", days: (n: number) => `${n} jours`, tooFew: "Trop peu de décisions (moins de 5)" },
    nl: { title: "Behandeltijden: Vlaamse overheid", days: (n: number) => `${n} dagen`, tooFew: "Te weinig beslissingen (minder dan 5)" },
    de: { title: "Bearbeitungszeiten: Flämische Behörde", days: (n: number) => `${n} Tage`, tooFew: "Zu wenige Entscheidungen (weniger als 5)" },
  } as const;

  for (const language of ["fr", "nl", "de", "en"] as const) {
    it(`shows the page to anyone, without signing in (${language})`, async () => {
      const { status, text } = await page("/processing-times/flanders", language);
      expect(status).toBe(200);
      const words = WORDS[language];
      expect(text).toContain(words.title.split(":")[0]);
      expect(text).toContain(words.days(30));
      expect(text).toContain(words.days(50));
      expect(text).toContain(date(addDays(TODAY, 30), language));
      expect(text).toContain(date(addDays(TODAY, 50), language));
      expect(text).toContain(words.tooFew);
      // The chart is drawn on the server, named and described; the table beside it holds the same figures.
      const html = await (await app.fetch(new Request("http://localhost/processing-times/flanders", { headers: { Cookie: `${LANGUAGE_COOKIE}=${language}` } }))).text();
      expect(html).toMatch(/<svg[^>]*role="img"[^>]*aria-labelledby="median-chart-title median-chart-desc"/);
      expect(html).toContain('<title id="median-chart-title">');
      expect(html).toContain('<desc id="median-chart-desc">');
    });
  }

  it("answers 404 for what is not a region", async () => {
    expect((await page("/processing-times/oe", "en")).status).toBe(404);
    expect((await page("/processing-times/nowhere", "en")).status).toBe(404);
  });
});

describe("the applicant's tracker", () => {
  it("dates the expectation from the day his file was complete", async () => {
    const completeOn = addDays(TODAY, -12);
    for (const language of ["en", "nl"] as const) {
      const { text } = await page(`/applications/${ids.week}`, language, "employer");
      expect(text).toContain(date(completeOn, language));
      expect(text).toContain(date(addDays(completeOn, 30), language));
      expect(text).toContain(date(addDays(completeOn, 50), language));
    }
  });

  it("before the file is complete, gives the figures in days", async () => {
    const { text } = await page(`/applications/${ids.notComplete}`, "de", "employer");
    expect(text).toContain("Sobald Ihre Akte vollständig ist");
    expect(text).toContain("30 Tagen");
    expect(text).toContain("50 Tagen");
  });
});

describe("the officer's deadlines", () => {
  it("counts his queue's cases overdue, due this week and suspended, as the queue's filters show them", async () => {
    const { text } = await page("/officer/deadlines", "en", "flanders");
    expect(text).toMatch(/Overdue \(due before [^)]+\)\n1\n/);
    expect(text).toMatch(/Due from [^\n]+\n1\n/);
    expect(text).toMatch(/Suspended: waiting for the applicant's documents\n1\n/);
    const flanders = people.flanders!;
    const now = new Date();
    expect((await officerQueue(db, flanders, { status: "open", due: "overdue", mine: false, category: "all", after: null }, now)).cases.map((c) => c.id)).toEqual([ids.overdue]);
    expect((await officerQueue(db, flanders, { status: "regional-awaiting-documents", due: "all", mine: false, category: "all", after: null }, now)).cases).toHaveLength(1);
  });

  it("shows another region's officer his own region's queue only", async () => {
    const { status, text } = await page("/officer/deadlines", "fr", "wallonia");
    expect(status).toBe(200);
    expect(text).toContain("Échéances : Autorité wallonne");
    expect(text).toMatch(/En retard \(échéance avant le [^)]+\)\n0\n/);
    expect(text).toMatch(/Suspendus : en attente des documents du demandeur\n0\n/);
  });

  it("is refused to anyone but an officer", async () => {
    expect((await page("/officer/deadlines", "en", "employer")).status).toBe(403);
    const anonymous = await page("/officer/deadlines", "en");
    expect(anonymous.status).toBe(302);
    expect(anonymous.location).toMatch(/^\/login\?returnTo=/);
  });
});
