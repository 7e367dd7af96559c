import { downloadHeaders } from "../http/download.server";
import { requireRole } from "../http/guards.server";
import { requestLanguage } from "../http/language.server";
import { routeLoader } from "../http/responses.server";
import { annex51Pdf } from "../revocation/revocation.server";

/** The annex 51 the commune gave, as PDF in the page's language (printed and handed to the worker). */
export const loader = routeLoader(async ({ request, params, db }) => {
  const user = await requireRole(request, db, ["commune"]);
  const pdf = await annex51Pdf(db, user, params.id ?? "", requestLanguage(request));
  if (!pdf) throw new Response("Not Found", { status: 404 });
  return new Response(new Uint8Array(pdf.bytes), { headers: downloadHeaders({ fileName: pdf.fileName, mediaType: "application/pdf", sizeBytes: pdf.bytes.byteLength }) });
});
