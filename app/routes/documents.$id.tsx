import type { LoaderFunctionArgs } from "@remix-run/node";
import { getDb } from "../db/db.server";
import { applicantMaySee, isApplicationId } from "../cases/applications.server";
import { requireUser } from "../identity/auth.server";
import { localDocumentStore } from "../documents/documents.server";
import { authoriseOfficerRead } from "../cases/officer-queue.server";

/**
 * A document of a case, for those who may see the case: the applicant's side, or an
 * officer (whose read is audit-logged). Always a download, never rendered inline.
 */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  if (!isApplicationId(params.id)) throw new Response("Not Found", { status: 404 });
  const db = await getDb();
  const document = await db
    .selectFrom("documents")
    .selectAll()
    .where("id", "=", params.id)
    .where("removed_at", "is", null)
    .executeTakeFirst();
  if (!document) throw new Response("Not Found", { status: 404 });
  if (user.role === "regional-officer" || user.role === "oe-officer") {
    await authoriseOfficerRead(user, document.application_id);
  } else {
    const application = await db.selectFrom("applications").selectAll().where("id", "=", document.application_id).executeTakeFirst();
    if (!application || !(await applicantMaySee(db, user, application))) throw new Response("Not Found", { status: 404 });
  }
  const bytes = await localDocumentStore().get(document.sha256);
  if (!bytes) throw new Response("Not Found", { status: 404 });
  return new Response(new Uint8Array(bytes), {
    headers: {
      "Content-Type": document.media_type,
      "Content-Length": String(bytes.byteLength),
      "Content-Disposition": `attachment; filename*=UTF-8''${encodeURIComponent(document.file_name)}`,
      "X-Content-Type-Options": "nosniff",
      "Content-Security-Policy": "sandbox",
      "Cache-Control": "private, no-store",
    },
  });
}
