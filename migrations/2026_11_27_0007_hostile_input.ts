import { sql, type Kysely } from "kysely";

/**
 * Rough edges found by the journeys of issue 11:
 * - `application_events.authority`: the authority that held the case when the line was
 *   written. The history showed lines without an acting officer (the filing, the system's
 *   steps) with the case's *current* authority, so a reroute rewrote the first line. Existing
 *   lines get it back from the reroutes after them (a reroute's `detail.from` is the authority
 *   it left), or else the case's authority, which no reroute has changed since.
 * - `applications.oe_assigned_to`: who handles the residence part at the Immigration Office.
 *   `assigned_to` is now the regional stage's only, so the OE officer no longer sees the
 *   regional officer as "handled by" until he claims the case himself.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable("application_events").addColumn("authority", "text").execute();
  await sql`
    update application_events e set authority = coalesce(
      (select r.detail ->> 'from' from application_events r
        where r.application_id = e.application_id and r.type = 'reroute' and r.id >= e.id
        order by r.id limit 1),
      (select a.competent_authority from applications a where a.id = e.application_id))
  `.execute(db);
  await db.schema.alterTable("applications").addColumn("oe_assigned_to", "uuid", (c) => c.references("users.id")).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable("applications").dropColumn("oe_assigned_to").execute();
  await db.schema.alterTable("application_events").dropColumn("authority").execute();
}
