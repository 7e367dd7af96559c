import { documentForDownload } from "../documents/documents.server";
import { localDocumentStore } from "../documents/store.server";
import { downloadHeaders } from "../http/download.server";
import { requireUser } from "../http/guards.server";
import { routeLoader } from "../http/responses.server";

/**
 * A document of a case, for those who may see the case: the applicant's side, or an
 * officer (whose read of this document is audit-logged). Always a download, never rendered inline.
 */
export const loader = routeLoader(async ({ request, params, db }) => {
  const user = await requireUser(request, db);
  const document = await documentForDownload(db, localDocumentStore(), user, params.id ?? "");
  return new Response(new Uint8Array(document.bytes), {
    headers: downloadHeaders({ fileName: document.fileName, mediaType: document.mediaType, sizeBytes: document.bytes.byteLength }),
  });
});
