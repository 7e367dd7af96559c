import type { LoaderFunctionArgs } from "@remix-run/node";
import { getDb } from "../db/db.server";
import { requireRole } from "../identity/auth.server";
import { localDocumentStore } from "../documents/documents.server";
import { openMessage } from "../delivery/ebox.server";

/** The PDF attached to an e-Box message, for the inbox's owner only. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireRole(request, ["employer", "worker", "resident"]);
  const message = await openMessage(await getDb(), user, params.id ?? "");
  if (!message?.attachment_sha256 || !message.attachment_name) throw new Response("Not Found", { status: 404 });
  const bytes = await localDocumentStore().get(message.attachment_sha256);
  if (!bytes) throw new Response("Not Found", { status: 404 });
  return new Response(new Uint8Array(bytes), {
    headers: {
      "Content-Type": "application/pdf",
      "Content-Disposition": `attachment; filename*=UTF-8''${encodeURIComponent(message.attachment_name)}`,
      "X-Content-Type-Options": "nosniff",
      "Cache-Control": "private, no-store",
    },
  });
}
