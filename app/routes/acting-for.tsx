import { redirect, type ActionFunctionArgs } from "@remix-run/node";
import { requireRole } from "../identity/auth.server";
import { field, readForm } from "../http/form.server";
import { commitSession, getSession } from "../identity/session.server";

/** A representative with several mandates chooses the enterprise he acts for. */
export async function action({ request }: ActionFunctionArgs) {
  const user = await requireRole(request, ["employer"]);
  const form = await readForm(request, user);
  const employerId = field(form, "employerId");
  if (!user.mandates.some((mandate) => mandate.employerId === employerId)) {
    throw new Response("Forbidden", { status: 403 });
  }
  const session = await getSession(request);
  session.set("actingFor", employerId);
  return redirect("/applications", { headers: { "Set-Cookie": await commitSession(session) } });
}

export async function loader() {
  return redirect("/applications");
}
