import type { DB } from "../db/db.server";
import { verifyPassword } from "./password.server";
import { findUserByLogin } from "./users.repository";

/**
 * Where identities come from. The portal only needs "who is this, in which role": the
 * demo provider checks a password against the users table; a production provider would
 * take the federal authentication service's OIDC callback and map its claims (NISS,
 * enterprise mandates) to a user row. See docs/decisions/004-identity-provider.md.
 */
export interface IdentityProvider {
  /** Returns the user id when the credentials are right, else null. Never says which part was wrong. */
  authenticate(db: DB, credentials: { login: string; password: string }): Promise<string | null>;
}

// A fixed hash to compare against when the login is unknown, so timing does not reveal
// which logins exist.
const NO_SUCH_USER_HASH =
  "scrypt$32768$8$1$AAAAAAAAAAAAAAAAAAAAAA$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA";

export const demoIdentityProvider: IdentityProvider = {
  async authenticate(db, { login, password }) {
    const user = await findUserByLogin(db, login.trim().toLowerCase());
    const ok = await verifyPassword(password, user?.password_hash ?? NO_SUCH_USER_HASH);
    return ok && user ? user.id : null;
  },
};
