import type { DB } from "../db/db.server";

/** The SQL of the development identity provider: browsers an account signed in from before. */

export async function isKnownDevice(db: DB, tokenHash: string, account: string): Promise<boolean> {
  const row = await db
    .selectFrom("sign_in_devices")
    .select("account")
    .where("token_hash", "=", tokenHash)
    .where("account", "=", account)
    .executeTakeFirst();
  return row !== undefined;
}

export async function rememberDevice(db: DB, tokenHash: string, account: string): Promise<void> {
  await db
    .insertInto("sign_in_devices")
    .values({ token_hash: tokenHash, account })
    .onConflict((conflict) => conflict.columns(["token_hash", "account"]).doUpdateSet({ last_used_at: new Date() }))
    .execute();
}
