import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DB } from "../../app/db/db.server";
import { nextReference } from "../../app/cases/references.server";
import { openTestDatabase } from "../support/test-db";

let db: DB;
let drop: () => Promise<void>;

beforeAll(async () => {
  ({ db, drop } = await openTestDatabase());
});
afterAll(() => drop());

describe("the database layer", () => {
  it("has every table of the foundation schema", async () => {
    const { rows } = await sql<{ table_name: string }>`
      select table_name from information_schema.tables where table_schema = 'public' order by table_name`.execute(db);
    expect(rows.map((row) => row.table_name)).toEqual(
      expect.arrayContaining([
        "application_events",
        "applications",
        "audit_log",
        "documents",
        "employers",
        "mandates",
        "outbox",
        "sessions",
        "throttle_counters",
        "users",
        "workers",
      ]),
    );
  });

  it("gives the same value shapes on both engines: int8 as number, date as YYYY-MM-DD", async () => {
    const { rows } = await sql<{ n: unknown; d: unknown; t: unknown }>`
      select 42::int8 as n, '2028-02-29'::date as d, now() as t`.execute(db);
    expect(rows[0]).toEqual({ n: 42, d: "2028-02-29", t: expect.any(Date) });
  });

  it("keeps concurrent transactions apart (one connection per transaction)", async () => {
    await sql`create table isolation_probe (label text)`.execute(db);
    let insideA!: () => void;
    const aStarted = new Promise<void>((resolve) => (insideA = resolve));
    const a = db
      .transaction()
      .execute(async (trx) => {
        await sql`insert into isolation_probe values ('a')`.execute(trx);
        insideA();
        await new Promise((resolve) => setTimeout(resolve, 100));
        throw new Error("roll back a");
      })
      .catch((error: Error) => error.message);
    await aStarted;
    // B runs while A is open; it must not end up inside A's transaction and roll back with it.
    const b = sql`insert into isolation_probe values ('b')`.execute(db);
    expect(await a).toBe("roll back a");
    await b;
    const { rows } = await sql<{ label: string }>`select label from isolation_probe`.execute(db);
    expect(rows.map((row) => row.label)).toEqual(["b"]);
  });

  it("numbers case references from a per-year sequence, without duplicates under concurrency", async () => {
    const references = await Promise.all(
      Array.from({ length: 20 }, () => db.transaction().execute((trx) => nextReference(trx, 2026))),
    );
    expect(new Set(references).size).toBe(20);
    for (const reference of references) expect(reference).toMatch(/^SP-2026-\d{6}$/);
    const numbers = references.map((reference) => Number(reference.slice(-6))).sort((x, y) => x - y);
    expect(numbers[0]).toBe(1);
    expect(numbers[19]).toBe(20);
    // A new year starts again at 1.
    expect(await db.transaction().execute((trx) => nextReference(trx, 2027))).toBe("SP-2027-000001");
  });

  it("refuses to change or delete application events (append-only log)", async () => {
    const user = await db
      .insertInto("users")
      .values({ login: "probe", display_name: "Probe", role: "employer" })
      .returning("id")
      .executeTakeFirstOrThrow();
    const application = await db
      .insertInto("applications")
      .values({ kind: "single", status: "regional-completeness", created_by: user.id, form_version: 1, filed_form: JSON.stringify({ kind: "single" }) })
      .returning("id")
      .executeTakeFirstOrThrow();
    await db
      .insertInto("application_events")
      .values({
        application_id: application.id,
        type: "submitted",
        actor_role: "employer",
        to_status: "regional-completeness",
        detail: "{}",
        version: 1,
      })
      .execute();
    await expect(db.updateTable("application_events").set({ reason: "edited" }).execute()).rejects.toThrow(/append-only/);
    await expect(db.deleteFrom("application_events").execute()).rejects.toThrow(/append-only/);
  });
});
