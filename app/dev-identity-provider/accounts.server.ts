import { DEMO_IDENTITIES, DEMO_PASSWORD, displayNameOf } from "../demo/demo-identities.server";
import { hashPassword, verifyPassword } from "./password.server";

/**
 * Whom the development identity provider knows: the demo identities, each with the demo
 * password, his name and national number, which it asserts as the federal authentication
 * service would (claims given_name, family_name, name and the national number).
 */
export interface Account {
  login: string;
  givenName: string;
  familyName: string;
  nationalNumber: string;
}

export interface AccountStore {
  find(login: string): Account | undefined;
  /** The account when the password is right, else null; as slow for an unknown login. */
  check(login: string, password: string): Promise<Account | null>;
}

// A fixed hash to compare against when the login is unknown, so timing does not reveal
// which logins exist.
const NO_SUCH_ACCOUNT_HASH = "scrypt$32768$8$1$AAAAAAAAAAAAAAAAAAAAAA$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA";

/** The demo identities, plus any extra accounts (tests: a person the portal has never met). */
export async function demoAccounts(extra: readonly Account[] = []): Promise<AccountStore> {
  // One well-known password for every demo identity: hashed once, at start.
  const hash = await hashPassword(DEMO_PASSWORD);
  const accounts = new Map<string, Account>();
  for (const account of [...DEMO_IDENTITIES, ...extra]) accounts.set(account.login, account);
  return {
    find: (login) => accounts.get(login),
    async check(login, password) {
      const account = accounts.get(login);
      const ok = await verifyPassword(password, account ? hash : NO_SUCH_ACCOUNT_HASH);
      return ok && account ? account : null;
    },
  };
}

export function claimsOf(account: Account, nationalNumberClaim: string) {
  return {
    sub: account.login,
    given_name: account.givenName,
    family_name: account.familyName,
    name: displayNameOf(account),
    [nationalNumberClaim]: account.nationalNumber,
  };
}
