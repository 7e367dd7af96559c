import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DB } from "../../app/db/db.server";
import { seedDemoCase, seedDemoData } from "../../app/demo/seed.server";
import { describeImport, importCadastreBatch } from "../../app/inspection/cadastre-import.server";
import { searchCadastre } from "../../app/inspection/inspection.server";
import { LANGUAGE_COOKIE } from "../../app/i18n/config";
import { outsideSystems, type LocalSystems } from "../../app/systems/outside-systems.server";
import { makeEnterpriseNumber, makePersonNumber } from "../../forms/identifiers";
import { startRenderedApp } from "../support/rendered-app";
import { openTestDatabase } from "../support/test-db";
import { demoUser, openBrowserSession, type BrowserSession } from "../support/users";

/**
 * Issue 14 point 5: the cadastre's import seam for other authorities' records (work cards,
 * professional cards, annex 3), each row checked with a clear message per bad row, the same
 * batch twice the same rows, and the inspector's look-up showing them with their kind.
 */

let db: DB;
let drop: () => Promise<void>;
let app: Awaited<ReturnType<typeof startRenderedApp>>;

beforeAll(async () => {
  ({ db, drop } = await openTestDatabase());
  await seedDemoData(db);
  app = await startRenderedApp(db);
}, 120_000);
afterAll(async () => {
  await app?.close();
  await drop();
});

const person = makePersonNumber("1988-07-21", 611);
const enterprise = makeEnterpriseNumber("05551234");

function workCardC(sourceId: string, overrides: Record<string, unknown> = {}) {
  return {
    source: "test-work-cards",
    sourceId,
    kind: "work-card-c",
    worker: { personNumber: person, familyName: "Benali", givenNames: "Samir", birthDate: "1988-07-21", nationality: "DZ", foreignAddress: "5 rue Didouche Mourad, Alger" },
    employer: { enterpriseNumber: enterprise, name: "Test Bouw NV" },
    limosaL1: "L1-2020-555",
    authority: "flanders",
    decisionDate: "2020-02-03",
    annex: "C",
    validFrom: "2020-03-01",
    validUntil: "2021-02-28",
    ...overrides,
  };
}

async function page(session: BrowserSession, path: string, form: Record<string, string>) {
  const headers = new Headers({ Cookie: `${session.cookie}; ${LANGUAGE_COOKIE}=en`, "Content-Type": "application/x-www-form-urlencoded", Origin: "http://localhost" });
  const response = await app.fetch(new Request(`http://localhost${path}`, { method: "POST", headers, body: new URLSearchParams({ csrf: session.csrf, ...form }).toString(), redirect: "manual" }));
  return { status: response.status, html: await response.text() };
}

describe("the cadastre's import seam", () => {
  it("imports the good rows, names each bad one with what is wrong, and is idempotent by source id", async () => {
    const batch = [
      workCardC("C-1"),
      workCardC("C-2", { kind: "work-card-b", validUntil: "2020-12-31" }), // a B card of ten months
      workCardC("C-3", { worker: { familyName: "X\u202Eevil", givenNames: "Y", nationality: "DZ" } }),
      "<script>alert(1)</script>",
      workCardC("C-4", { kind: "annex-3", authority: "flanders", decisionDate: "2020-02-30" }),
      workCardC("C-5", { worker: { personNumber: "12345678901", familyName: "A", givenNames: "B", nationality: "FR" } }),
      workCardC("C-1"), // twice in one batch
      { ...workCardC("C-6", { kind: "professional-card", authority: "brussels" }), employer: null, sourceId: "C-6" },
      workCardC("C-7", { employer: { enterpriseNumber: "0123", name: "'; drop table limosa.records; --" } }),
    ];
    const first = await importCadastreBatch(db, JSON.stringify(batch));
    expect(first.ok).toBe(true);
    if (!first.ok) return;
    expect(first.report.added).toBe(2);
    expect(first.report.updated).toBe(0);
    const refused = Object.fromEntries(first.report.refused.map((row) => [row.row, row.problems.map((problem) => problem.field)]));
    expect(refused).toEqual({
      2: ["validUntil"],
      3: ["worker.familyName"],
      4: ["(row)"],
      5: ["authority", "decisionDate"],
      6: ["worker.personNumber", "worker.nationality"],
      7: ["sourceId"],
      9: ["employer.enterpriseNumber"],
    });
    const lines = describeImport(first.report);
    expect(lines[0]).toBe("Cadastre import: 2 record(s) added, 0 updated, 7 refused.");
    expect(lines).toContain("  row 2 (C-2): validUntil: a work card B holds at most 90 days here");
    expect(lines).toContain("  row 4: (row): not an object");

    // The same good rows again: nothing added, the rows held are replaced.
    const again = await importCadastreBatch(db, JSON.stringify([workCardC("C-1"), { ...workCardC("C-6", { kind: "professional-card", authority: "brussels" }), employer: null }]));
    expect(again.ok && again.report).toMatchObject({ added: 0, updated: 2, refused: [] });
    expect(await db.selectFrom("limosa.records").select("source_id").where("source", "=", "test-work-cards").orderBy("source_id").execute()).toEqual([{ source_id: "C-1" }, { source_id: "C-6" }]);
  });

  it("refuses what is not a batch with one clear message, and writes nothing", async () => {
    expect(await importCadastreBatch(db, "{not json")).toMatchObject({ ok: false, problem: expect.stringContaining("not JSON") });
    expect(await importCadastreBatch(db, '{"rows": []}')).toEqual({ ok: false, problem: 'expected an array of records, or { "records": [...] }' });
  });

  it("fails as the cadastre fails when it is down, and imports nothing", async () => {
    const cadastre = (outsideSystems(db) as LocalSystems).cadastre;
    cadastre.behaviour.failWith = "cadastre unreachable";
    try {
      await expect(importCadastreBatch(db, JSON.stringify([workCardC("C-down")]))).rejects.toThrow("cadastre unreachable");
    } finally {
      cadastre.behaviour.failWith = null;
    }
    expect(await db.selectFrom("limosa.records").select("id").where("source_id", "=", "C-down").execute()).toEqual([]);
  });

  it("the inspector's look-up shows the imported records with their kind, decision date, annex, L1 and foreign address, each logged", async () => {
    const inspector = await demoUser(db, "inspector");
    const { records } = await searchCadastre(db, inspector, "INS-2026/9: import check", { personNumber: person });
    expect(records.map((record) => [record.reference, record.kind])).toEqual([
      ["test-work-cards/C-6", "professional-card"],
      ["test-work-cards/C-1", "work-card-c"],
    ]);
    expect(records[1]).toMatchObject({ decisionDate: "2020-02-03", annex: "C", limosaL1: "L1-2020-555", foreignAddress: "5 rue Didouche Mourad, Alger", employerNumber: enterprise });
    const logged = await db.selectFrom("audit_log").select(["action", "subject_id"]).where("actor_user_id", "=", inspector.id).where("purpose", "=", "INS-2026/9: import check").orderBy("id").execute();
    expect(logged.map((line) => line.action)).toEqual(["search", "view", "view"]);

    const session = await openBrowserSession(db, inspector);
    const shown = await page(session, "/inspector", { fileNumber: "INS-2026/9", reason: "import check on site", personNumber: person });
    expect(shown.status).toBe(200);
    expect(shown.html).toContain("Records of other authorities: 2");
    expect(shown.html).toContain("Work card C");
    expect(shown.html).toContain("Professional card (self-employed)");
    expect(shown.html).toContain("L1-2020-555");
    expect(shown.html).toContain("5 rue Didouche Mourad, Alger");
  });

  it("the demo data holds a work card C, a work card B, a professional card and an annex 3, once", async () => {
    await seedDemoCase(db);
    await seedDemoCase(db);
    const kinds = await db.selectFrom("limosa.records").select("kind").where("source", "<>", "test-work-cards").orderBy("kind").execute();
    expect(kinds.map((row) => row.kind)).toEqual(["annex-3", "professional-card", "work-card-b", "work-card-c"]);
  });
});
