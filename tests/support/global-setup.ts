import { randomBytes } from "node:crypto";
import { mkdirSync, rmSync, writeFileSync } from "node:fs";
import { Kysely, PostgresDialect, sql } from "kysely";
import pg from "pg";
import type { TestProject } from "vitest/node";
import { createDb, migrateToLatest } from "../../app/db/db.server";
import { openPglite } from "../../app/db/pglite-pool.server";

declare module "vitest" {
  export interface ProvidedContext {
    testDatabase: { kind: "postgres"; serverUrl: string; template: string; runId: string } | { kind: "pglite"; dump: string };
  }
}

/** A connection to the server's maintenance database, for CREATE/DROP DATABASE. */
export function serverAdmin(url: string) {
  return new Kysely<any>({ dialect: new PostgresDialect({ pool: new pg.Pool({ connectionString: url, max: 2 }) }) });
}

export function databaseUrl(serverUrl: string, database: string): string {
  const url = new URL(serverUrl);
  url.pathname = `/${database}`;
  return url.toString();
}

/**
 * Builds one migrated database per test run, which each test file copies: on PostgreSQL
 * a template database (CREATE DATABASE … TEMPLATE), on PGlite a data-directory dump.
 * Everything this run created is dropped at the end.
 */
export default async function setup(project: TestProject) {
  const serverUrl = process.env.DATABASE_URL;
  if (serverUrl) {
    const runId = randomBytes(4).toString("hex");
    const template = `sp_test_${runId}_template`;
    const admin = serverAdmin(serverUrl);
    await sql`create database ${sql.id(template)}`.execute(admin);
    const db = createDb({ url: databaseUrl(serverUrl, template) });
    await migrateToLatest(db);
    await db.destroy();
    project.provide("testDatabase", { kind: "postgres", serverUrl, template, runId });
    return async () => {
      const { rows } = await sql<{ datname: string }>`
        select datname from pg_database where datname like ${`sp_test_${runId}_%`}`.execute(admin);
      for (const { datname } of rows) {
        await sql`drop database if exists ${sql.id(datname)} with (force)`.execute(admin);
      }
      await admin.destroy();
    };
  }

  const pglite = await openPglite(undefined);
  const db = createDb({ pglite });
  await migrateToLatest(db);
  const dump = await pglite.dumpDataDir("none");
  await db.destroy();
  mkdirSync("tests/.tmp", { recursive: true });
  const path = `tests/.tmp/pglite-template-${process.pid}.tar`;
  writeFileSync(path, Buffer.from(await dump.arrayBuffer()));
  project.provide("testDatabase", { kind: "pglite", dump: path });
  return () => rmSync(path, { force: true });
}
