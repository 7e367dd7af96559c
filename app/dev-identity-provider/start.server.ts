import type { DB } from "../db/db.server";
import { CALLBACK_PATH, DEV_PROVIDER_PATH, portalOrigin, SIGNED_OUT_PATH, signInSettings } from "../identity/sign-in-settings.server";
import { createDevIdentityProvider, type NodeHandler } from "./provider.server";

/**
 * The development identity provider as server.js mounts it, configured from the
 * environment: the portal's client (app/identity/sign-in-settings.server.ts), allowed back
 * to the portal's address under PUBLIC_URL, localhost and 127.0.0.1 (whichever the browser used).
 */
export async function developmentIdentityProvider(db: DB, env: NodeJS.ProcessEnv = process.env): Promise<{ path: string; handler: NodeHandler }> {
  const port = env.PORT ?? "3000";
  const origins = [...new Set([portalOrigin(env), `http://localhost:${port}`, `http://127.0.0.1:${port}`])];
  const handler = await createDevIdentityProvider({
    db,
    settings: signInSettings(env),
    redirectUris: origins.map((origin) => `${origin}${CALLBACK_PATH}`),
    postLogoutRedirectUris: origins.map((origin) => `${origin}${SIGNED_OUT_PATH}`),
    trustProxy: Boolean(env.TRUST_PROXY),
    showDemoIdentities: env.DEMO_LOGINS !== "off",
  });
  return { path: DEV_PROVIDER_PATH, handler };
}
