import { redirect } from "@remix-run/node";
import { field, readForm } from "../http/form.server";
import { actForSession, requireRole } from "../http/guards.server";
import { routeAction } from "../http/responses.server";

/**
 * A representative with several mandates chooses the enterprise he acts for: the mandate
 * service is asked again and the session gets a new id (its rights changed). Drafts keep
 * the enterprise they were started for (app/drafts): switching never moves a draft.
 */
export const action = routeAction(async ({ request, db }) => {
  const user = await requireRole(request, db, ["employer"]);
  const form = await readForm(request, user);
  const employerId = field(form, "employerId");
  return redirect("/applications", { headers: { "Set-Cookie": await actForSession(request, db, user, employerId) } });
});

export async function loader() {
  return redirect("/applications");
}
