import { sql, type Kysely } from "kysely";

/**
 * The revocation chain (issue 14 point 3; workflows/revocation-chain.ts;
 * docs/decisions/026-revocation-chain.md): one row per permit whose work authorisation the
 * region ended, with the commune the OE instructs, the day of each step after it, and the
 * annex 51's verification code (checked at /verify like the annex 49's).
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable("revocation_chains")
    .addColumn("application_id", "uuid", (c) => c.primaryKey().references("applications.id").onDelete("cascade"))
    // "ended" (the employment ended: the search period applies) | "revoked" (withdrawn for a ground)
    .addColumn("kind", "text", (c) => c.notNull().check(sql`kind in ('ended', 'revoked')`))
    // "region" (it ended the work authorisation) | "oe" (it revoked the permit itself: the stay ends with it)
    .addColumn("decided_by", "text", (c) => c.notNull().defaultTo("region").check(sql`decided_by in ('region', 'oe')`))
    .addColumn("ended_on", "date", (c) => c.notNull())
    .addColumn("commune", "text")
    .addColumn("instructed_on", "date")
    .addColumn("informed_on", "date")
    .addColumn("annex51_on", "date")
    .addColumn("annex51_code", "text", (c) => c.unique())
    .addColumn("stay_ended_on", "date")
    .addColumn("struck_off_on", "date")
    .addColumn("version", "integer", (c) => c.notNull().defaultTo(1))
    .addColumn("created_at", "timestamptz", (c) => c.notNull())
    .addColumn("updated_at", "timestamptz", (c) => c.notNull())
    .execute();
  await db.schema.createIndex("revocation_chains_commune_idx").on("revocation_chains").columns(["commune", "struck_off_on"]).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable("revocation_chains").execute();
}
