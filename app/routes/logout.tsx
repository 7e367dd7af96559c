import { redirect, type ActionFunctionArgs } from "@remix-run/node";
import { getUser } from "../services/auth.server";
import { readForm } from "../services/form.server";
import { destroySession, getSession } from "../services/session.server";

export async function action({ request }: ActionFunctionArgs) {
  const user = await getUser(request);
  await readForm(request, user);
  const session = await getSession(request);
  return redirect("/", { headers: { "Set-Cookie": await destroySession(session) } });
}

export async function loader() {
  return redirect("/");
}
