// The HTTP server: Express around the Remix app. remix-serve is not used because it does
// not close the database on SIGTERM nor hand it to the routes (docs/decisions/003-server.md,
// 010-the-middle-of-the-app.md). NODE_ENV=development serves the sources through Vite.
import compression from "compression";
import express from "express";
import { createRequestHandler } from "@remix-run/express";

const development = process.env.NODE_ENV === "development";
const vite = development
  ? await import("vite").then((module) => module.createServer({ server: { middlewareMode: true } }))
  : undefined;
const loadBuild = vite ? () => vite.ssrLoadModule("virtual:remix/server-build") : undefined;
const build = loadBuild ?? (await import("./build/server/index.js"));
const { startup, shutdown, securityMiddleware, requestNonce, publicAddress } = (loadBuild ? await loadBuild() : build).entry.module;

const { db, identityProvider } = await startup({ seedDemo: process.env.SEED_DEMO === "1" });

const app = express();
app.disable("x-powered-by");
if (process.env.TRUST_PROXY) app.set("trust proxy", process.env.TRUST_PROXY);
// gzip level for pages made per request: COMPRESSION_LEVEL (zlib 1–9), else 1, the fastest:
// against zlib's default (6) it costs the server about a millisecond less per page for 3–6 %
// more bytes (docs/decisions/018-speed.md has what each level cost). The built files (scripts,
// styles), the same few bytes for every browser, keep zlib's default.
const compressionLevel = Number(process.env.COMPRESSION_LEVEL);
const compressPages = compression({ level: compressionLevel >= 1 && compressionLevel <= 9 ? compressionLevel : 1 });
const compressFiles = compression();
app.use((req, res, next) => (/\.(?:js|css|svg|txt)$/.test(req.path) ? compressFiles : compressPages)(req, res, next));
// A nonce per request, HSTS under an https PUBLIC_URL, the identity provider's page policy
// (app/http/security-headers.server.ts); Remix adds each page's policy with the nonce.
app.use(securityMiddleware(undefined, identityProvider?.path));
// Without OIDC_ISSUER: the development identity provider, at /idp (docs/decisions/012-sign-in.md).
if (identityProvider) app.use(identityProvider.path, identityProvider.handler);
if (vite) {
  app.use(vite.middlewares);
} else {
  // Fingerprinted by Vite: cache for a year.
  app.use("/assets", express.static("build/client/assets", { immutable: true, maxAge: "1y" }));
  app.use(express.static("build/client", { maxAge: "1h" }));
}
// A post from another origin gets the app's 403 page in the user's language, logged as one
// warning line; left to Remix it is an empty 500 with a stack trace (app/http/form.server.ts).
app.use(async (req, res, next) => {
  try {
    if (req.method === "GET" || req.method === "HEAD" || !req.get("origin")) return next();
    const { refusedCrossOriginPost } = (loadBuild ? await loadBuild() : build).entry.module;
    const headers = new Headers();
    for (const [name, value] of Object.entries(req.headers)) {
      for (const one of Array.isArray(value) ? value : value === undefined ? [] : [value]) headers.append(name, one);
    }
    const headersOnly = new Request(`${req.protocol}://${req.get("host") ?? "localhost"}${req.originalUrl}`, { method: req.method, headers });
    const refused = await refusedCrossOriginPost(headersOnly);
    if (!refused) return next();
    res.status(refused.status);
    refused.headers.forEach((value, name) => res.setHeader(name, value));
    res.send(await refused.text());
  } catch (error) {
    next(error);
  }
});
app.all(
  "*",
  createRequestHandler({
    build,
    // Every route gets the one database this process opened (app/http/responses.server.ts),
    // and a memo of this request in which its loaders look up the signed-in user once
    // (app/http/request-memo.server.ts).
    getLoadContext: (req, res) => ({ db, clientAddress: req.ip ?? req.socket.remoteAddress ?? "unknown", cspNonce: requestNonce(res), memo: {} }),
  }),
);

const port = Number(process.env.PORT ?? 3000);
const host = process.env.HOST ?? "127.0.0.1";
const server = app.listen(port, host, () => {
  // Where people reach it: PUBLIC_URL behind a proxy, else this machine's address.
  const address = process.env.PUBLIC_URL ? publicAddress() : `http://${host === "127.0.0.1" ? "localhost" : host}:${port}/`;
  console.log(`Single permit portal ready at ${address}`);
});

let stopping = false;
async function stop(signal) {
  if (stopping) return;
  stopping = true;
  console.log(`${signal}: closing`);
  server.close();
  server.closeIdleConnections?.();
  await shutdown();
  await vite?.close();
  process.exit(0);
}
process.once("SIGTERM", () => void stop("SIGTERM"));
process.once("SIGINT", () => void stop("SIGINT"));
