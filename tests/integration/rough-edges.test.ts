import { renderToStaticMarkup } from "react-dom/server";
import { createElement } from "react";
import { I18nextProvider } from "react-i18next";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DB } from "../../app/db/db.server";
import { seedDemoData } from "../../app/demo/seed.server";
import { applyCaseCommand } from "../../app/cases/case-commands.server";
import { officerCasePage } from "../../app/cases/case-view.server";
import { officerQueue, setCaseHousekeeping } from "../../app/cases/officer-queue.server";
import { CaseHistory } from "../../app/components/case-details";
import { createServerI18n } from "../../app/i18n/language.server";
import { fileFor, validApplication } from "../support/applications";
import { openTestDatabase } from "../support/test-db";
import { demoUser } from "../support/users";

/** Rough edges of issue 11 (point 7) that the journeys hit on a case's pages. */

let db: DB;
let drop: () => Promise<void>;
beforeAll(async () => {
  ({ db, drop } = await openTestDatabase());
  await seedDemoData(db);
});
afterAll(() => drop());

let serial = 0;
async function file(employerName: string, postal: string) {
  const employer = await demoUser(db, "secretariat", employerName);
  const input = await validApplication(
    {
      givenNames: "Mehdi",
      familyName: "Benali",
      nationality: "MA",
      birthDate: "1992-02-02",
      passportNumber: `RE${100000 + serial++}`,
      personNumber: "",
      placeOfWorkPostalCode: postal,
      jobTitle: "Electrician",
      employmentEnd: "",
      category: "other",
      grossAnnualSalary: "36000",
    },
    new Date().toISOString().slice(0, 10),
  );
  return (await fileFor(db, employer, input, "en")).id;
}

async function historyText(view: Parameters<typeof CaseHistory>[0]["view"]) {
  const i18n = await createServerI18n("en");
  const html = renderToStaticMarkup(createElement(I18nextProvider, { i18n }, createElement(CaseHistory, { view })));
  return [...html.matchAll(/<li>(.*?)<\/li>/g)].map((match) => match[1]!.replace(/<time[^>]*>.*?<\/time>\s*/, "").replace(/<[^>]+>/g, ""));
}

describe("the history after a reroute", () => {
  it("keeps the first line's authority and adds a line: append-only", async () => {
    const id = await file("Logistique Meuse SA", "5000");
    const wallonia = await demoUser(db, "officer.wallonia");
    const dg = await demoUser(db, "officer.dg");
    const before = await historyText((await officerCasePage(db, await demoUser(db, "officer.oe"), id)).view);
    expect(before).toEqual(["Application submitted and sent to: Walloon authority (Work Permits)"]);

    await applyCaseCommand(db, { user: wallonia }, id, 1, { type: "REROUTE", to: "dg", reason: "The place of work is in Eupen." });
    await applyCaseCommand(db, { user: dg }, id, 2, { type: "DECLARE_COMPLETE" });

    const page = await officerCasePage(db, dg, id);
    expect(page.view.events.map((event) => [event.type, event.authority])).toEqual([
      ["submitted", "wallonia"],
      ["reroute", "wallonia"],
      ["declare-complete", "dg"],
    ]);
    const after = await historyText(page.view);
    expect(after[0]).toBe(before[0]);
    expect(after).toHaveLength(3);
    expect(after[1]).toContain("German-speaking Community");
  });
});

describe("'handled by' per stage", () => {
  it("shows each officer his own stage's assignee: the OE's stays empty until the OE claims", async () => {
    const id = await file("Antwerp Port Engineering NV", "2030");
    const flanders = await demoUser(db, "officer.flanders");
    const oe = await demoUser(db, "officer.oe");
    await setCaseHousekeeping(db, flanders, id, { assign: "me" });

    let asOe = (await officerCasePage(db, oe, id)).view;
    expect(asOe).toMatchObject({ assignedTo: null, assignedToMe: false });
    expect((await officerQueue(db, oe, { status: "all", due: "all", mine: false, category: "all", after: null })).cases.find((item) => item.id === id)?.assignedTo).toBeNull();

    await setCaseHousekeeping(db, oe, id, { assign: "me" });
    asOe = (await officerCasePage(db, oe, id)).view;
    expect(asOe).toMatchObject({ assignedTo: oe.displayName, assignedToMe: true });
    expect((await officerQueue(db, oe, { status: "all", due: "all", mine: true, category: "all", after: null })).cases.map((item) => item.id)).toContain(id);
    // The region's claim is untouched by the OE's.
    expect((await officerCasePage(db, flanders, id)).view).toMatchObject({ assignedTo: flanders.displayName, assignedToMe: true });
    expect((await officerQueue(db, flanders, { status: "all", due: "all", mine: true, category: "all", after: null })).cases.map((item) => item.id)).toContain(id);

    // Giving back at the OE leaves the region's as it was.
    await setCaseHousekeeping(db, oe, id, { assign: "nobody" });
    expect((await officerCasePage(db, oe, id)).view.assignedTo).toBeNull();
    expect((await officerCasePage(db, flanders, id)).view.assignedTo).toBe(flanders.displayName);
  });
});
