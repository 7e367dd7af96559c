import { redirect } from "@remix-run/node";
import { readForm } from "../http/form.server";
import { getUser } from "../http/guards.server";
import { routeAction } from "../http/responses.server";
import { destroySession, getSession } from "../http/session.server";

export const action = routeAction(async ({ request, db }) => {
  const user = await getUser(request, db);
  await readForm(request, user);
  const session = await getSession(request);
  return redirect("/", { headers: { "Set-Cookie": await destroySession(session) } });
});

export async function loader() {
  return redirect("/");
}
