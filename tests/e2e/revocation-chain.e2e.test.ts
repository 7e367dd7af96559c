import { readFileSync } from "node:fs";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { formatDate } from "../../app/components/format";
import { demoIdentity } from "../../app/demo/demo-identities.server";
import { addDays, todayInBelgium } from "../../workflows/legal-clock";
import { unemploymentPeriod } from "../../workflows/unemployment-period";
import { as, decideOutcome, expectAccessible, fileApplication, grantFlemishCase, launchBrowser, runsScripts } from "./browser";

/**
 * Issue 14 point 3 (docs/decisions/026-revocation-chain.md): after the region ends a work
 * authorisation, the Immigration Office instructs the commune, the commune informs the worker,
 * the worker searches for an employer for 90 days (an annex 51 when his card ends sooner), the
 * OE ends the stay, the commune strikes him off; the cadastre's history shows each step.
 * In Dutch with JavaScript, an employment that ends (search period, annex 51, /verify); in
 * German without JavaScript, a revocation taken to its end. Each test files and grants its
 * own permit for a worker living in Antwerp, so the chain goes to the demo commune there.
 */

const ANA = demoIdentity("worker").nationalNumber!;
const ANTWERP = { livesIn: "belgium", residencePostalCode: "2000", residenceTitle: "student" };

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(() => browser?.close());

/** The portal's today (Belgian time); each step is dated the day it is recorded. */
const today = () => todayInBelgium(new Date());
/** "YYYY-MM-DD" as people type it: 14/03/2027. */
const typed = (day: string) => day.split("-").reverse().join("/");
/** A day as the pages write it (app/components/format.ts). */
const shown = (day: string, language: string) => formatDate(`${day}T12:00:00Z`, language);

/** With or without JavaScript: clicks and waits for the address the click leads to, then for the text the new page shows. */
async function clickThrough(page: Page, button: string, url: RegExp, text: string) {
  await Promise.all([page.waitForURL(url), page.getByRole("button", { name: button, exact: true }).click()]);
  await page.locator("main", { hasText: text }).waitFor();
}

/** Records today's step of the chain from its panel (#revocation): the date, the button, the line the panel then shows for that day; returns the day. */
async function recordStep(page: Page, button: string, url: RegExp, line: (day: string) => string): Promise<string> {
  const day = today();
  await page.locator("#revocation #stepOn").fill(typed(day));
  await clickThrough(page, button, url, line(day));
  expect(await page.locator("#revocation").textContent()).toContain(line(day));
  await expectAccessible(page);
  return day;
}

/** The inspector searches the cadastre (name and birth date) until the permit's history shows every step: the outbox delivers within seconds. */
async function cadastreHistory(page: Page, search: { button: string; family: string; birthDate: string; reference: string }, steps: string[]) {
  await page.locator("#fileNumber").fill("INS-2026/733");
  await page.locator("#reason").fill("Follow-up of an ended work authorisation");
  await page.locator("#familyName").fill(search.family);
  await page.locator("#birthDate").fill(search.birthDate);
  let history = "";
  for (let attempt = 0; attempt < 20; attempt++) {
    const click = page.getByRole("button", { name: search.button }).click();
    // The results come back on the same address: with JavaScript, the post's answer rendered; without, the new page.
    if (runsScripts(page)) {
      await Promise.all([page.waitForResponse((response) => response.request().method() === "POST"), click]);
      await page.waitForFunction(() => document.querySelector("main")?.getAttribute("aria-busy") !== "true");
    } else {
      await Promise.all([page.waitForNavigation(), click]);
    }
    await page.locator("#results-title").waitFor();
    history = (await page.locator("main .request", { hasText: search.reference }).textContent()) ?? "";
    if (steps.every((step) => history.includes(step))) break;
    await page.waitForTimeout(1000);
  }
  for (const step of steps) expect(history).toContain(step);
  await expectAccessible(page);
}

describe("the revocation chain", () => {
  it("in Dutch with JavaScript: the employment ends, the OE instructs Antwerp, the worker is informed and searches, the card ends first: annex 51, its PDF, /verify", async () => {
    // Her permit ends in 40 days with her contract: before the 90 days of search, hence the annex 51.
    const permitUntil = addDays(today(), 40);
    const employer = await as(browser, "employer", "nl");
    const { reference, url } = await fileApplication(employer, {
      given: "Ana",
      family: "Šimić",
      nationality: "RS",
      postal: "3800",
      birthDate: "1990-03-14",
      passport: "RS7001014",
      personNumber: ANA,
      job: "Serrebediende",
      answers: { ...ANTWERP, residenceTitleEndsOn: addDays(today(), 200), contractStart: addDays(today(), -30), employmentEnd: permitUntil },
    });
    const caseId = url.split("/").pop()!.split("?")[0]!;
    await grantFlemishCase(browser, reference, "nl");

    // The employer reports that her last day of work was yesterday: her search period starts.
    const lastDay = addDays(today(), -1);
    await employer.goto(url);
    await employer.locator("#endedOn").fill(typed(lastDay));
    await clickThrough(employer, "Het einde van de tewerkstelling melden", /done=/, `Einde van de tewerkstelling gemeld: laatste dag ${shown(lastDay, "nl")}.`);
    await employer.context().close();
    // Her period: the later of 90 days and the directive's three months (none of her other periods started on or after this permit's first day).
    const searchUntil = unemploymentPeriod({ employmentEndedOn: lastDay, permitValidFrom: today(), earlierDays: 0 }).endsOn;
    expect(permitUntil < searchUntil).toBe(true);

    // The Flemish officer ends the work authorisation: Decide, then confirm.
    const flanders = await as(browser, "officer.flanders", "nl");
    await flanders.goto(`/officer/cases/${caseId}`);
    await flanders.locator("h1", { hasText: reference }).waitFor();
    await decideOutcome(flanders, "END_EMPLOYMENT", {
      reason: "De werkgever meldde het einde van de tewerkstelling.",
      onConfirmation: async (page) => {
        expect(await page.locator("main").textContent()).toContain("de werknemer heeft 90 dagen om een nieuwe werkgever te vinden");
        await expectAccessible(page);
      },
    });
    const endedOn = today();
    await flanders.context().close();

    // The OE sees the chain waiting for it, on its deadlines page and on the case page.
    const oe = await as(browser, "officer.oe", "nl");
    await oe.goto("/officer/deadlines");
    const task = oe.locator("#revocation-tasks tr", { hasText: reference });
    await task.waitFor();
    expect(await task.textContent()).toContain("de Dienst Vreemdelingenzaken geeft de gemeente Antwerpen instructie.");
    await expectAccessible(oe);
    await Promise.all([oe.waitForURL(new RegExp(`/officer/cases/${caseId}#revocation$`)), task.getByRole("link", { name: reference }).click()]);
    const panel = oe.locator("#revocation", { hasText: "Het gewest heeft de arbeidsmachtiging op" });
    await panel.waitFor();
    expect(await panel.textContent()).toContain(`Het gewest heeft de arbeidsmachtiging op ${shown(endedOn, "nl")} beëindigd: de tewerkstelling is geëindigd.`);
    expect(await panel.locator("h3").textContent()).toBe("De gemeente Antwerpen instructie geven");
    await expectAccessible(oe);
    // Sent without a date: the error, in Dutch, on the step's own form.
    await oe.getByRole("button", { name: "De instructie aan de gemeente registreren" }).click();
    await oe.locator("#revocation .error-summary", { hasText: "Vul de datum in." }).waitFor();
    await expectAccessible(oe);
    await recordStep(oe, "De instructie aan de gemeente registreren", /done=updated#revocation$/, (day) => `De Dienst Vreemdelingenzaken heeft de gemeente Antwerpen op ${shown(day, "nl")} instructie gegeven.`);
    expect(await oe.locator("#revocation").textContent()).toContain("Volgende stap: de gemeente Antwerpen licht de werknemer in.");
    expect(await oe.locator("#history-title + ol").textContent()).toContain("De Dienst Vreemdelingenzaken heeft de gemeente instructie gegeven");

    // The commune of Antwerp finds it in its list and records that it informed her.
    const commune = await as(browser, "commune.antwerpen", "nl");
    await commune.goto("/commune");
    const mine = commune.locator("section[aria-labelledby=revocation-tasks-title] tr", { hasText: reference });
    await mine.waitFor();
    expect(await mine.textContent()).toContain("Registreren dat de werknemer is ingelicht");
    await expectAccessible(commune);
    await Promise.all([commune.waitForURL(new RegExp(`/commune/cases/${caseId}#revocation$`)), mine.getByRole("link", { name: reference }).click()]);
    await commune.locator("#revocation h3", { hasText: "Werknemer ingelicht" }).waitFor();
    await expectAccessible(commune);
    const informedOn = await recordStep(commune, "Registreren dat de werknemer is ingelicht", /recorded=WORKER_INFORMED#revocation$/, (day) => `De gemeente Antwerpen heeft de werknemer op ${shown(day, "nl")} ingelicht.`);
    // Her card (the permit, here) ends before her search: the annex 51 is offered, the page says why.
    const chain = (await commune.locator("#revocation").textContent()) ?? "";
    expect(chain).toContain(`Volgende stap: de werknemer mag tot ${shown(searchUntil, "nl")} een nieuwe werkgever zoeken.`);
    expect(chain).toContain("Bijlage 51: de kaart verloopt vóór het einde van de zoekperiode");
    expect(await commune.locator("main").textContent()).toContain(`tot ${shown(permitUntil, "nl")}`);

    // She sees it on her permits page: who informed her, and until when she may search.
    const worker = await as(browser, "worker", "nl");
    await worker.goto("/permits");
    const permit = worker.locator(`[data-permit="${reference}"]`);
    await permit.waitFor();
    const hers = (await permit.textContent()) ?? "";
    expect(hers).toContain(`Ingelicht door de gemeente Antwerpen${shown(informedOn, "nl")}`);
    expect(hers).toContain(`de werknemer mag tot ${shown(searchUntil, "nl")} een nieuwe werkgever zoeken.`);
    const period = (await worker.locator("[data-period=running]", { hasText: `Na de tewerkstelling onder vergunning ${reference}` }).textContent()) ?? "";
    expect(period).toContain(`u mag blijven en werk zoeken tot ${shown(searchUntil, "nl")}.`);
    await expectAccessible(worker);
    await worker.context().close();

    // The commune gives the annex 51, valid until the end of her search; its PDF downloads.
    const annexLine = (day: string) => `Bijlage 51 afgegeven op ${shown(day, "nl")}, geldig tot ${shown(searchUntil, "nl")} (verificatiecode`;
    const annexOn = await recordStep(commune, "De bijlage 51 afgeven", /recorded=ANNEX_51_ISSUED#revocation$/, annexLine);
    const code = /verificatiecode ([0-9A-Z-]{24})\)/.exec((await commune.locator("#revocation").textContent()) ?? "")?.[1];
    expect(code).toBeTruthy();
    expect(await commune.locator("#revocation form").count()).toBe(0);
    const download = commune.waitForEvent("download");
    await commune.getByRole("link", { name: "De bijlage 51 downloaden (pdf)" }).click();
    const pdf = await download;
    expect(pdf.suggestedFilename()).toBe(`${reference}-annex-51-nl.pdf`);
    expect(readFileSync((await pdf.path())!).subarray(0, 5).toString("latin1")).toBe("%PDF-");
    // Nothing more for the commune to do on it today: it leaves the commune's list.
    await commune.goto("/commune");
    await commune.locator("#revocation-tasks-title").waitFor();
    expect(await commune.locator("section[aria-labelledby=revocation-tasks-title] tr", { hasText: reference }).count()).toBe(0);

    // Anyone checks the annex 51 with its code.
    await commune.goto(`/verify/${code}`);
    const verified = commune.locator(".verify", { hasText: "Bijlage 51 (verblijf tijdens het zoeken naar een werkgever)" });
    await verified.waitFor();
    const check = (await verified.textContent()) ?? "";
    expect(check).toContain("Geldig: de houder mag verblijven terwijl hij een werkgever zoekt.");
    expect(check).toContain(reference);
    expect(check).toContain(`Geldig tot${shown(searchUntil, "nl")}`);
    expect(await commune.locator("main").textContent()).not.toContain("Šimić");
    await expectAccessible(commune);
    await commune.context().close();

    // The OE may end her stay only once her search ran out: its page says so and offers no step.
    await oe.goto(`/officer/cases/${caseId}`);
    const waiting = oe.locator("#revocation", { hasText: annexLine(annexOn) });
    await waiting.waitFor();
    expect(await waiting.textContent()).toContain(`Volgende stap: de werknemer mag tot ${shown(searchUntil, "nl")} een nieuwe werkgever zoeken.`);
    expect(await waiting.locator("form").count()).toBe(0);
    await expectAccessible(oe);
    await oe.context().close();

    // The inspector finds each step in the cadastre's history of the permit.
    const inspector = await as(browser, "inspector", "nl");
    await cadastreHistory(
      inspector,
      { button: "Het kadaster doorzoeken", family: "Šimić", birthDate: "14/03/1990", reference },
      ["Beëindigd (einde tewerkstelling)", "Gemeente geïnstrueerd door de Dienst Vreemdelingenzaken", "Werknemer ingelicht door de gemeente", "Bijlage 51 afgegeven"],
    );
    await inspector.context().close();
  }, 240_000);

  it("in German without JavaScript: the region revokes, the OE instructs Antwerp, the commune informs, the OE ends the stay, the commune strikes off; the cadastre shows it", async () => {
    const employer = await as(browser, "employer", "de");
    const { reference, url } = await fileApplication(employer, {
      given: "Emre",
      family: "Karadeniz",
      nationality: "TR",
      postal: "3800",
      birthDate: "1988-07-19",
      passport: "TR8807190",
      job: "Lagerarbeiter",
      answers: { ...ANTWERP, residencePostalCode: "2018", residenceTitleEndsOn: addDays(today(), 200) },
    });
    const caseId = url.split("/").pop()!.split("?")[0]!;
    await employer.context().close();
    await grantFlemishCase(browser, reference, "de");
    const noScript = { javaScriptEnabled: false };

    // The Flemish officer revokes the work authorisation: Decide, then confirm, by plain form posts.
    const flanders = await as(browser, "officer.flanders", "de", noScript);
    await flanders.goto(`/officer/cases/${caseId}`);
    await decideOutcome(flanders, "REVOKE", {
      ground: "conditions-not-met",
      reason: "Die Bedingungen der Arbeitserlaubnis sind nicht mehr erfüllt.",
      onConfirmation: async (page) => {
        const confirmation = (await page.locator("main").textContent()) ?? "";
        expect(confirmation).toContain("Bedingungen der Erlaubnis nicht mehr erfüllt");
        expect(confirmation).toContain("Die Region widerruft die Arbeitserlaubnis: Die Genehmigung endet heute.");
        await expectAccessible(page);
      },
    });
    const revokedOn = today();
    await flanders.context().close();

    // The OE: from its deadlines page to the case, instructs the commune.
    const oe = await as(browser, "officer.oe", "de", noScript);
    await oe.goto("/officer/deadlines");
    const task = oe.locator("#revocation-tasks tr", { hasText: reference });
    expect(await task.textContent()).toContain("das Ausländeramt weist die Gemeinde Antwerpen an.");
    await expectAccessible(oe);
    await Promise.all([oe.waitForURL(new RegExp(`/officer/cases/${caseId}#revocation$`)), task.getByRole("link", { name: reference }).click()]);
    expect(await oe.locator("#revocation").textContent()).toContain(`Die Region hat die Arbeitserlaubnis am ${shown(revokedOn, "de")} entzogen.`);
    await expectAccessible(oe);
    await recordStep(oe, "Die Anweisung an die Gemeinde erfassen", /done=updated#revocation$/, (day) => `Das Ausländeramt hat die Gemeinde Antwerpen am ${shown(day, "de")} angewiesen.`);

    // The commune informs him: revoked, there is no search period; the OE ends the stay next.
    const commune = await as(browser, "commune.antwerpen", "de", noScript);
    await commune.goto("/commune");
    const mine = commune.locator("section[aria-labelledby=revocation-tasks-title] tr", { hasText: reference });
    expect(await mine.textContent()).toContain("Erfassen, dass der Arbeitnehmer informiert wurde");
    await Promise.all([commune.waitForURL(new RegExp(`/commune/cases/${caseId}#revocation$`)), mine.getByRole("link", { name: reference }).click()]);
    await recordStep(commune, "Erfassen, dass der Arbeitnehmer informiert wurde", /recorded=WORKER_INFORMED#revocation$/, (day) => `Die Gemeinde Antwerpen hat den Arbeitnehmer am ${shown(day, "de")} informiert.`);
    expect(await commune.locator("#revocation").textContent()).toContain("Nächster Schritt: das Ausländeramt entscheidet, das Aufenthaltsrecht zu beenden.");
    expect(await commune.locator("#revocation form").count()).toBe(0);

    // The OE ends the stay.
    await oe.goto(`/officer/cases/${caseId}`);
    expect(await oe.locator("#revocation h3").textContent()).toBe("Das Aufenthaltsrecht beenden");
    await recordStep(oe, "Das Ende des Aufenthaltsrechts erfassen", /done=updated#revocation$/, (day) => `Das Ausländeramt hat das Aufenthaltsrecht am ${shown(day, "de")} beendet.`);
    expect(await oe.locator("#revocation").textContent()).toContain("Nächster Schritt: die Gemeinde Antwerpen streicht den Arbeitnehmer aus ihren Registern.");
    const history = (await oe.locator("#history-title + ol").textContent()) ?? "";
    for (const line of ["Das Ausländeramt hat die Gemeinde angewiesen", "Arbeitnehmer von der Gemeinde informiert", "Aufenthaltsrecht vom Ausländeramt beendet"]) expect(history).toContain(line);
    await oe.context().close();

    // The commune strikes him off: the chain is over.
    await commune.goto("/commune");
    const last = commune.locator("section[aria-labelledby=revocation-tasks-title] tr", { hasText: reference });
    expect(await last.textContent()).toContain("Die Streichung erfassen");
    await Promise.all([commune.waitForURL(new RegExp(`/commune/cases/${caseId}#revocation$`)), last.getByRole("link", { name: reference }).click()]);
    await recordStep(commune, "Die Streichung erfassen", /recorded=STRUCK_OFF#revocation$/, (day) => `Die Gemeinde Antwerpen hat den Arbeitnehmer am ${shown(day, "de")} aus ihren Registern gestrichen.`);
    expect(await commune.locator("#revocation").textContent()).toContain("Nächster Schritt: nichts mehr: das Verfahren ist abgeschlossen.");
    await commune.context().close();

    // The inspector finds each step in the cadastre's history of the permit.
    const inspector = await as(browser, "inspector", "de", noScript);
    await cadastreHistory(
      inspector,
      { button: "Im Kataster suchen", family: "Karadeniz", birthDate: "19/07/1988", reference },
      ["Entzogen", "Gemeinde vom Ausländeramt angewiesen", "Arbeitnehmer von der Gemeinde informiert", "Aufenthaltsrecht beendet", "Aus den Registern der Gemeinde gestrichen"],
    );
    await inspector.context().close();
  }, 240_000);
});
