import { redirect, type AppLoadContext } from "@remix-run/node";
import { findDraftOrFiling } from "../drafts/drafts.server";
import { requireRole } from "../http/guards.server";

/**
 * The guard of every page of the universal form: the signed-in representative's draft. A
 * draft filed in the meantime (the back button after submit, a second tab) sends him to
 * the application itself; anything else he may not continue is "not found".
 */
export async function requireFormDraft(request: Request, db: AppLoadContext["db"], id: string | undefined) {
  const user = await requireRole(request, db, ["employer"]);
  const found = await findDraftOrFiling(db, user, id ?? "");
  if ("filedId" in found) throw redirect(`/applications/${found.filedId}`);
  return { user, draft: found.draft };
}
