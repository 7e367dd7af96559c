import { redirect, type ActionFunctionArgs } from "@remix-run/node";
import { getUser } from "../identity/auth.server";
import { readForm } from "../http/form.server";
import { destroySession, getSession } from "../identity/session.server";

export async function action({ request }: ActionFunctionArgs) {
  const user = await getUser(request);
  await readForm(request, user);
  const session = await getSession(request);
  return redirect("/", { headers: { "Set-Cookie": await destroySession(session) } });
}

export async function loader() {
  return redirect("/");
}
