import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DB } from "../../app/db/db.server";
import { searchAuditLog } from "../../app/audit/audit.repository";
import { auditTrail } from "../../app/audit/audit.server";
import { requireCase } from "../../app/cases/access.server";
import { seedDemoData } from "../../app/demo/seed.server";
import { ForbiddenError } from "../../app/errors";
import { searchCadastre, validateInspectionQuery } from "../../app/inspection/inspection.server";
import { loader } from "../../app/routes/audit._index";
import { fileFor, validApplication } from "../support/applications";
import { openTestDatabase } from "../support/test-db";
import { demoUser, signedInCookie } from "../support/users";

let db: DB;
let drop: () => Promise<void>;

beforeAll(async () => {
  process.env.SESSION_SECRET = "integration-test-secret";
  ({ db, drop } = await openTestDatabase());
  await seedDemoData(db);
});
afterAll(() => drop());

const count = async (table: "users" | "employers" | "workers" | "mandates") =>
  Number((await db.selectFrom(table).select((eb) => eb.fn.countAll().as("n")).executeTakeFirstOrThrow()).n);

describe("the demo data-protection officer", () => {
  it("is added to a database seeded before he existed, and nothing else is added twice", async () => {
    // A database seeded before this identity existed: the same demo data without it.
    await db.deleteFrom("users").where("login", "=", "dpo").execute();
    const before = { users: await count("users"), employers: await count("employers"), workers: await count("workers"), mandates: await count("mandates") };

    expect(await seedDemoData(db)).toBe(true);
    const dpo = await db.selectFrom("users").select(["role", "authority"]).where("login", "=", "dpo").executeTakeFirstOrThrow();
    expect(dpo).toEqual({ role: "data-protection-officer", authority: null });
    expect(await count("users")).toBe(before.users + 1);
    expect(await count("employers")).toBe(before.employers);
    expect(await count("workers")).toBe(before.workers);
    expect(await count("mandates")).toBe(before.mandates);

    expect(await seedDemoData(db)).toBe(false);
    expect(await count("users")).toBe(before.users + 1);
  });
});

describe("the audit log's date filter", () => {
  it("takes Belgian days: a read at 00:30 in Brussels belongs to that day, not the one before in UTC", async () => {
    const inspector = await db.selectFrom("users").select(["id"]).where("login", "=", "inspector").executeTakeFirstOrThrow();
    const reference = "SP-2026-900001";
    for (const at of ["2026-03-02T22:30:00Z", "2026-03-02T23:30:00Z", "2026-03-03T23:30:00Z"]) {
      await db
        .insertInto("audit_log")
        .values({
          actor_user_id: inspector.id,
          actor_role: "inspector",
          actor_authority: null,
          action: "view",
          subject_type: "cadastre",
          subject_id: reference,
          application_id: null,
          purpose: `INS-2026/1: check at ${at}`,
          allowed: true,
          created_at: new Date(at),
        })
        .execute();
    }
    const on = async (from: string, until: string) =>
      (await searchAuditLog(db, { reference, from, until }, 10)).map((row) => row.purpose).sort();
    // 22:30 UTC on 2 March is 23:30 in Brussels (still the 2nd); 23:30 UTC is 00:30 on the 3rd (4th).
    expect(await on("2026-03-02", "2026-03-02")).toEqual(["INS-2026/1: check at 2026-03-02T22:30:00Z"]);
    expect(await on("2026-03-03", "2026-03-03")).toEqual(["INS-2026/1: check at 2026-03-02T23:30:00Z"]);
    expect(await on("2026-03-02", "2026-03-04")).toHaveLength(3);
  });
});

describe("the data-protection officer's audit trail", () => {
  let reference = "";
  const inspectorPurpose = "INS-2026/042: complaint about undeclared seasonal work";

  beforeAll(async () => {
    // An officer reads a case of his region; an inspector searches the cadastre with a stated purpose.
    const employer = await demoUser(db, "employer");
    const input = await validApplication(
      {
        givenNames: "Karim",
        familyName: "Haddad",
        nationality: "MA",
        birthDate: "1979-01-25",
        passportNumber: "MA998877",
        personNumber: "",
        placeOfWorkPostalCode: "3800",
        jobTitle: "Greenhouse technician",
        employmentEnd: "2027-06-30",
        category: "highly-qualified",
        grossAnnualSalary: "58 000",
      },
      "2026-11-22",
    );
    const filed = await fileFor(db, employer, input, "nl");
    reference = filed.reference;
    await requireCase(db, { user: await demoUser(db, "officer.flanders") }, filed.id, "handle");

    const query = validateInspectionQuery({
      fileNumber: "INS-2026/042",
      reason: "complaint about undeclared seasonal work",
      personNumber: "",
      familyName: "Haddad",
      birthDate: "1979-01-25",
      enterpriseNumber: "",
    });
    if (!query.ok) throw new Error(JSON.stringify(query.errors));
    expect(query.purpose).toBe(inspectorPurpose);
    await searchCadastre(db, await demoUser(db, "inspector"), query.purpose, query.criteria);
  });

  it("finds the officer's read of a case by its reference, with its purpose", async () => {
    const dpo = await demoUser(db, "dpo");
    const entries = await auditTrail(db, dpo, { reference });
    const read = entries.find((entry) => entry.action === "read");
    expect(read).toMatchObject({
      actor: { login: "officer.flanders", name: "Jan Claes", role: "regional-officer", authority: "flanders" },
      subject: { type: "application", reference },
      purpose: "case-handling",
      allowed: true,
    });
    expect(entries.every((entry) => entry.subject.reference === reference || entry.subject.id === reference)).toBe(true);
  });

  it("finds the inspector's search by his login, with the purpose he stated", async () => {
    const dpo = await demoUser(db, "dpo");
    const entries = await auditTrail(db, dpo, { login: "inspector" });
    expect(entries.length).toBeGreaterThan(0);
    expect(entries.every((entry) => entry.actor.login === "inspector")).toBe(true);
    const search = entries.find((entry) => entry.action === "search" && entry.subject.type === "cadastre");
    expect(search).toMatchObject({ actor: { role: "inspector", authority: null }, purpose: inspectorPurpose, allowed: true });
    expect(JSON.parse(search!.subject.id)).toEqual({ familyName: "Haddad", birthDate: "1979-01-25" });
  });

  it("logs the data-protection officer's own searches, newest first", async () => {
    const dpo = await demoUser(db, "dpo");
    await auditTrail(db, dpo, { login: "inspector" });
    const own = await auditTrail(db, dpo, { login: "dpo" });
    // The search just made is the newest entry, and the earlier ones are there with their filters.
    expect(own[0]).toMatchObject({ action: "search", subject: { type: "audit" }, purpose: "data-protection-supervision", allowed: true });
    expect(JSON.parse(own[0]!.subject.id)).toEqual({ login: "dpo" });
    expect(own.some((entry) => entry.subject.id === JSON.stringify({ login: "inspector" }))).toBe(true);
    expect(own.some((entry) => entry.subject.id === JSON.stringify({ reference }))).toBe(true);
    const ids = own.map((entry) => Number(entry.id));
    expect(ids).toEqual([...ids].sort((a, b) => b - a));
  });

  it("is the data-protection officer's only", async () => {
    const officer = await demoUser(db, "officer.oe");
    await expect(auditTrail(db, officer, {})).rejects.toBeInstanceOf(ForbiddenError);
  });
});

describe("the /audit page's loader", () => {
  async function load(login: string, search = "") {
    const request = new Request(`http://localhost/audit${search}`, { headers: { Cookie: await signedInCookie(db, login), "Accept-Language": "fr-BE" } });
    return loader({ request, params: {}, context: { db, clientAddress: "127.0.0.1" } });
  }

  it("shows the data-protection officer the log, filtered by login", async () => {
    const result = await load("dpo", "?login=Officer.Flanders");
    expect(result.init?.status ?? 200).toBe(200);
    expect(result.data.errors).toEqual({});
    expect(result.data.title).toBe("Journal des consultations");
    expect(result.data.entries!.length).toBeGreaterThan(0);
    expect(result.data.entries!.every((entry) => entry.actor.login === "officer.flanders")).toBe(true);
  });

  it("refuses officers, employers and inspectors with 403", async () => {
    for (const login of ["officer.flanders", "officer.oe", "employer", "inspector"]) {
      const refused = await load(login).then(
        () => null,
        (error: unknown) => error,
      );
      expect(refused, login).toBeInstanceOf(Response);
      expect((refused as Response).status, login).toBe(403);
    }
  });

  it("answers an impossible date with a field message, what was typed kept, and reads nothing", async () => {
    const before = await db.selectFrom("audit_log").select((eb) => eb.fn.countAll().as("n")).executeTakeFirstOrThrow();
    const result = await load("dpo", "?from=2026-02-30&until=tomorrow&login=officer.flanders");
    expect(result.init?.status).toBe(400);
    expect(result.data.errors).toEqual({ from: { key: "audit.errors.date" }, until: { key: "audit.errors.date" } });
    expect(result.data.values).toEqual({ reference: "", login: "officer.flanders", from: "2026-02-30", until: "tomorrow" });
    expect(result.data.entries).toBeNull();
    const after = await db.selectFrom("audit_log").select((eb) => eb.fn.countAll().as("n")).executeTakeFirstOrThrow();
    expect(Number(after.n)).toBe(Number(before.n));
  });

  it("refuses an end date before the start date on the end date", async () => {
    const result = await load("dpo", "?from=2026-03-10&until=2026-03-01");
    expect(result.data.errors).toEqual({ until: { key: "audit.errors.range" } });
  });
});
