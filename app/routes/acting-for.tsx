import { redirect } from "@remix-run/node";
import { field, readForm } from "../http/form.server";
import { actForSession, requireRole } from "../http/guards.server";
import { invariantResponse, routeAction } from "../http/responses.server";

/**
 * A representative with several mandates chooses the enterprise he acts for. Drafts keep
 * the enterprise they were started for (app/drafts): switching never moves a draft.
 */
export const action = routeAction(async ({ request, db }) => {
  const user = await requireRole(request, db, ["employer"]);
  const form = await readForm(request, user);
  const employerId = field(form, "employerId");
  invariantResponse(user.mandates.some((mandate) => mandate.employerId === employerId), 403);
  return redirect("/applications", { headers: { "Set-Cookie": await actForSession(request, employerId) } });
});

export async function loader() {
  return redirect("/applications");
}
