import type { DB } from "../db/db.server";

/** The SQL of identities: users, their mandates, sign-in attempts. */

export function findUserById(db: DB, userId: string) {
  return db.selectFrom("users").selectAll().where("id", "=", userId).executeTakeFirst();
}

export function findUserByLogin(db: DB, login: string) {
  return db.selectFrom("users").select(["id", "password_hash"]).where("login", "=", login).executeTakeFirst();
}

/** The enterprises a user holds a mandate for today (revoked ones excluded), by name. */
export function activeMandates(db: DB, userId: string) {
  return db
    .selectFrom("mandates")
    .innerJoin("employers", "employers.id", "mandates.employer_id")
    .select(["employers.id as employerId", "employers.enterprise_number as enterpriseNumber", "employers.name"])
    .where("mandates.user_id", "=", userId)
    .where("mandates.revoked_on", "is", null)
    .orderBy("employers.name")
    .execute();
}

export async function setPreferredLanguage(db: DB, userId: string, language: string): Promise<void> {
  await db.updateTable("users").set({ preferred_language: language }).where("id", "=", userId).execute();
}

export function countRecentFailures(db: DB, login: string, clientAddress: string, since: Date) {
  return db
    .selectFrom("login_attempts")
    .select((eb) => [
      eb.fn.count<number>("id").filterWhere("login", "=", login).as("byLogin"),
      eb.fn.count<number>("id").filterWhere("client_address", "=", clientAddress).as("byAddress"),
    ])
    .where("succeeded", "=", false)
    .where("created_at", ">", since)
    .where((eb) => eb.or([eb("login", "=", login), eb("client_address", "=", clientAddress)]))
    .executeTakeFirstOrThrow();
}

export async function recordLoginAttempt(db: DB, attempt: { login: string; clientAddress: string; succeeded: boolean }): Promise<void> {
  await db
    .insertInto("login_attempts")
    .values({ login: attempt.login, client_address: attempt.clientAddress, succeeded: attempt.succeeded })
    .execute();
}
