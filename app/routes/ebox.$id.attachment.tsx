import { downloadHeaders } from "../http/download.server";
import { requireRole } from "../http/guards.server";
import { outsideSystems } from "../systems/outside-systems.server";
import { openMessage } from "../delivery/ebox.server";
import { routeLoader } from "../http/responses.server";

/** The PDF attached to an e-Box message, for the inbox's owner only. */
export const loader = routeLoader(async ({ request, params, db }) => {
  const user = await requireRole(request, db, ["employer", "worker", "resident", "diplomatic-post"]);
  const message = await openMessage(db, user, params.id ?? "");
  if (!message?.attachment_sha256 || !message.attachment_name) throw new Response("Not Found", { status: 404 });
  const bytes = await outsideSystems(db).store.get(message.attachment_sha256);
  if (!bytes) throw new Response("Not Found", { status: 404 });
  return new Response(new Uint8Array(bytes), {
    headers: downloadHeaders({ fileName: message.attachment_name, mediaType: "application/pdf", sizeBytes: bytes.byteLength }),
  });
});
