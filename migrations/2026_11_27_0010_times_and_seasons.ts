import { sql, type Kysely } from "kysely";

/**
 * Published processing times and seasonal end-of-stay notices (issue 14, points 6 and 7;
 * docs/decisions/019-processing-times-and-seasonal-notices.md).
 *
 * - applications.complete_on: the day the file was declared complete (the decision term's
 *   start). Decided cases no longer keep their clock, so the day is kept on its own, and
 *   filled here from the history's first `declare-complete` line (Belgian day).
 * - permits.season_ends_on: the end of the season of a seasonal permit, as filed: the
 *   end-of-stay notice follows it rather than the contract's end.
 * - employers.end_of_stay_notices becomes a choice that may not have been made (null): then
 *   seasonal work gets the notices and other permits do not. Until now "off" was the default
 *   and could not be told from a choice, so every "off" is read as "not chosen".
 *
 * The indexes the processing-times queries use are built after the migrations
 * (app/db/online-indexes.server.ts), concurrently on PostgreSQL.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable("applications").addColumn("complete_on", "date").execute();
  await sql`
    update applications a set complete_on = e.first_complete
      from (select application_id, min((created_at at time zone 'Europe/Brussels')::date) as first_complete
              from application_events where type = 'declare-complete' group by application_id) e
     where e.application_id = a.id`.execute(db);
  await db.schema.alterTable("permits").addColumn("season_ends_on", "date").execute();
  await sql`alter table employers alter column end_of_stay_notices drop not null`.execute(db);
  await sql`alter table employers alter column end_of_stay_notices drop default`.execute(db);
  await sql`update employers set end_of_stay_notices = null where end_of_stay_notices = false`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`update employers set end_of_stay_notices = false where end_of_stay_notices is null`.execute(db);
  await sql`alter table employers alter column end_of_stay_notices set default false`.execute(db);
  await sql`alter table employers alter column end_of_stay_notices set not null`.execute(db);
  await db.schema.alterTable("permits").dropColumn("season_ends_on").execute();
  await db.schema.alterTable("applications").dropColumn("complete_on").execute();
}
