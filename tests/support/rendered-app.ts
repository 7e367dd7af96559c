import { createRequestHandler, type ServerBuild } from "@remix-run/node";
import { createServer } from "vite";
import type { DB } from "../../app/db/db.server";
import { refusedCrossOriginPost } from "../../app/http/form.server";

/**
 * The whole app as a browser meets it, without a port: Vite builds the server bundle as
 * the development server does (tests/support/render.vite.config.ts), and each request goes
 * through Remix's request handler — loaders, actions, the error boundaries and the HTML of
 * every page — with the test's database in the load context, as server.js hands it (and
 * after the cross-origin check server.js makes first).
 */
export async function startRenderedApp(db: DB) {
  const vite = await createServer({
    configFile: "tests/support/render.vite.config.ts",
    server: { middlewareMode: true, hmr: false, watch: null },
    appType: "custom",
  });
  const build = (await vite.ssrLoadModule("virtual:remix/server-build")) as ServerBuild;
  const handle = createRequestHandler(build, "development");
  return {
    /** One request, as server.js hands it on: with its Host header, a cross-origin post answered before Remix. */
    fetch: async (request: Request) => {
      if (!request.headers.has("Host")) request.headers.set("Host", new URL(request.url).host);
      return (await refusedCrossOriginPost(request)) ?? handle(request, { db, clientAddress: "127.0.0.1" });
    },
    close: () => vite.close(),
  };
}
