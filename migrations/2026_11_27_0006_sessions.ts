import { sql, type Kysely } from "kysely";

/**
 * Sign-in through OpenID Connect, server-side sessions, throttling that cannot lock anyone
 * out (docs/decisions/012-sign-in.md):
 * - `sessions`: one row per signed-in browser, found by the hash of its cookie's random
 *   id; ended rows stay (why and when) until the background sweep removes them.
 * - `throttle_counters`: one atomic counter per key (an account, an address, a known
 *   device), incremented before the check it guards, so parallel attempts are counted.
 * - `sign_in_devices`: browsers that signed in before at the development identity
 *   provider; the right password from one of them is not delayed by someone else's guesses.
 * - Passwords leave the portal (the identity provider checks them): `users.password_hash`
 *   and `login_attempts` go. A user is found by the national number the provider asserts,
 *   so it is unique.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable("sessions")
    .addColumn("id", "uuid", (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    // SHA-256 of the cookie's value: a copy of the table signs nobody in.
    .addColumn("token_hash", "text", (c) => c.notNull().unique())
    .addColumn("user_id", "uuid", (c) => c.notNull().references("users.id").onDelete("cascade"))
    .addColumn("csrf", "text", (c) => c.notNull())
    .addColumn("acting_for", "uuid", (c) => c.references("employers.id"))
    // What the mandate service said at sign-in (or at the last "act for").
    .addColumn("mandates", "jsonb", (c) => c.notNull().defaultTo(sql`'[]'::jsonb`))
    // For the identity provider's sign-out (id_token_hint).
    .addColumn("id_token", "text")
    .addColumn("user_agent", "text")
    .addColumn("created_at", "timestamptz", (c) => c.notNull())
    .addColumn("last_seen_at", "timestamptz", (c) => c.notNull())
    .addColumn("ended_at", "timestamptz")
    .addColumn("end_reason", "text", (c) =>
      c.check(sql`end_reason in ('signed-out', 'signed-out-everywhere', 'replaced', 'idle', 'absolute')`),
    )
    .addCheckConstraint("sessions_ended_check", sql`(ended_at is null) = (end_reason is null)`)
    .execute();
  await sql`create index sessions_user_idx on sessions (user_id) where ended_at is null`.execute(db);
  await db.schema.createIndex("sessions_created_idx").on("sessions").column("created_at").execute();

  await db.schema
    .createTable("throttle_counters")
    .addColumn("key", "text", (c) => c.primaryKey())
    .addColumn("window_started_at", "timestamptz", (c) => c.notNull())
    .addColumn("attempts", "integer", (c) => c.notNull())
    .addColumn("next_attempt_at", "timestamptz", (c) => c.notNull())
    .execute();
  await db.schema.createIndex("throttle_counters_window_idx").on("throttle_counters").column("window_started_at").execute();

  await db.schema
    .createTable("sign_in_devices")
    .addColumn("token_hash", "text", (c) => c.notNull())
    .addColumn("account", "text", (c) => c.notNull())
    .addColumn("created_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn("last_used_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    // A shared computer may be known for several accounts.
    .addPrimaryKeyConstraint("sign_in_devices_pk", ["token_hash", "account"])
    .execute();

  await sql`create unique index users_person_number_key on users (person_number) where person_number is not null`.execute(db);
  await db.schema.alterTable("users").dropColumn("password_hash").execute();
  await db.schema.dropTable("login_attempts").execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable("login_attempts")
    .addColumn("id", "bigserial", (c) => c.primaryKey())
    .addColumn("login", "text", (c) => c.notNull())
    .addColumn("client_address", "text", (c) => c.notNull())
    .addColumn("succeeded", "boolean", (c) => c.notNull())
    .addColumn("created_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
  await db.schema.createIndex("login_attempts_login_idx").on("login_attempts").columns(["login", "created_at"]).execute();
  await db.schema.createIndex("login_attempts_address_idx").on("login_attempts").columns(["client_address", "created_at"]).execute();
  // No password survives the way back: an empty hash matches none (set one with the seed).
  await db.schema.alterTable("users").addColumn("password_hash", "text", (c) => c.notNull().defaultTo("")).execute();
  await sql`drop index users_person_number_key`.execute(db);
  await db.schema.dropTable("sign_in_devices").execute();
  await db.schema.dropTable("throttle_counters").execute();
  await db.schema.dropTable("sessions").execute();
}
