import { PassThrough, Transform } from "node:stream";
import { createReadableStreamFromReadable, type AppLoadContext, type EntryContext, type HandleDataRequestFunction } from "@remix-run/node";
import { isRouteErrorResponse, RemixServer } from "@remix-run/react";
import { isbot } from "isbot";
import { renderToPipeableStream } from "react-dom/server";
import { I18nextProvider } from "react-i18next";
import { openDatabase, type DB } from "./db/db.server";
import { seedDemoCase, seedDemoData } from "./demo/seed.server";
import { startBackgroundWork } from "./delivery/background.server";
import { stopPdfPool } from "./delivery/pdf-pool.server";
import { developmentIdentityProvider } from "./dev-identity-provider/start.server";
import type { NodeHandler } from "./dev-identity-provider/provider.server";
import { runsDevelopmentProvider, signInSettings } from "./identity/sign-in-settings.server";
import { serverI18n } from "./i18n/language.server";
import { requestLanguage } from "./http/language.server";
import { dataHeaders, newNonce, pageHeaders, securitySettings, startupWarnings } from "./http/security-headers.server";
import { NonceProvider } from "./components/nonce";

export { publicAddress, requestNonce, securityMiddleware } from "./http/security-headers.server";

const ABORT_DELAY = 5_000;

// server.js asks this before Remix sees a request (a cross-origin post gets our 403 page).
export { refusedCrossOriginPost } from "./http/form.server";

/**
 * A page rendered with form errors (a 4xx answer that is not an error page) gets a title
 * starting with the language's "Error:", as GOV.UK does, so it is the first thing a screen
 * reader says. The title is rendered by <Meta />, whose functions cannot see action data,
 * so the prefix is added to the first <title> of the stream; app/entry.client.tsx takes it
 * off again before hydration and app/components/page-focus.tsx keeps it while errors show.
 */
function prefixTitle(prefix: string): Transform {
  // Kept as bytes until the title is whole: a chunk may end inside a character (é, ü).
  let head = Buffer.alloc(0);
  let done = false;
  const escaped = prefix.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/"/g, "&quot;");
  return new Transform({
    transform(chunk: Buffer, _encoding, callback) {
      if (done) return callback(null, chunk);
      head = Buffer.concat([head, chunk]);
      // The head comes first and is small; past 64 kB without a title there is none to mark.
      if (!head.includes("</title>") && head.length < 65_536) return callback();
      done = true;
      callback(null, head.toString("utf8").replace("<title>", `<title data-error-prefix="${escaped}">${escaped} `));
    },
    flush(callback) {
      callback(null, done ? undefined : head);
    },
  });
}

/**
 * React 18.3's streaming renderer leaves NUL bytes at the end of a chunk when a non-ASCII
 * character (é, ü, ë) meets the chunk's edge (facebook/react#31134; fixed in React 19 by
 * facebook/react#26228). A browser drops them in text but shows U+FFFD in an attribute, and
 * they are never part of a page: every NUL byte is taken out of the stream.
 */
function withoutNulBytes(): Transform {
  return new Transform({
    transform(chunk: Buffer, _encoding, callback) {
      callback(null, chunk.includes(0) ? chunk.filter((byte) => byte !== 0) : chunk);
    },
  });
}

/**
 * Server-side errors are logged once, without the noise of answers we gave on purpose
 * (404, 405 for a POST to a page without a form) or of clients that went away.
 */
export function handleError(error: unknown, { request }: { request: Request }) {
  if (request.signal.aborted) return;
  if (isRouteErrorResponse(error) && error.status < 500) return;
  if (error instanceof Error && /did not provide an `action`|No route matches URL/.test(error.message)) return;
  // Remix's own cross-origin check (server.js answers such posts first): one line, no stack.
  if (error instanceof Error && /`origin` header from a forwarded action request/.test(error.message)) {
    console.warn(`post refused by Remix: ${request.method} ${new URL(request.url).pathname}: ${error.message}`);
    return;
  }
  console.error(error);
}

export default async function handleRequest(
  request: Request,
  responseStatusCode: number,
  responseHeaders: Headers,
  remixContext: EntryContext,
  loadContext?: AppLoadContext,
) {
  // The nonce server.js drew for this request (a direct call, as in a test, draws its own).
  const nonce = loadContext?.cspNonce ?? newNonce();
  // Rendered in the request's language from the first byte: no flash of another language
  // (one shared instance per language, app/i18n/language.server.ts).
  const i18n = await serverI18n(requestLanguage(request));
  // Bots and no-JS clients get the whole document at once; browsers get it streamed.
  const readyEvent = isbot(request.headers.get("user-agent") ?? "") ? "onAllReady" : "onShellReady";

  return new Promise<Response>((resolve, reject) => {
    let shellRendered = false;
    const { pipe, abort } = renderToPipeableStream(
      <NonceProvider value={nonce}>
        <I18nextProvider i18n={i18n}>
          <RemixServer context={remixContext} url={request.url} abortDelay={ABORT_DELAY} nonce={nonce} />
        </I18nextProvider>
      </NonceProvider>,
      {
        nonce,
        [readyEvent]() {
          shellRendered = true;
          const body = new PassThrough();
          const formErrors =
            responseStatusCode >= 400 && responseStatusCode < 500 && !remixContext.staticHandlerContext.errors;
          responseHeaders.set("Content-Type", "text/html; charset=utf-8");
          responseHeaders.set("Content-Language", i18n.language);
          pageHeaders(responseHeaders, nonce, securitySettings());
          resolve(
            new Response(createReadableStreamFromReadable(body), { headers: responseHeaders, status: responseStatusCode }),
          );
          const clean = withoutNulBytes();
          clean.pipe(body);
          if (formErrors) {
            const marked = prefixTitle(i18n.t("form.errorPrefix"));
            pipe(marked);
            marked.pipe(clean);
          } else {
            pipe(clean);
          }
        },
        onShellError(error: unknown) {
          reject(error);
        },
        onError(error: unknown) {
          responseStatusCode = 500;
          // Logged once, server-side only; the user sees the error page, never the stack.
          if (shellRendered) console.error(error);
        },
      },
    );
    setTimeout(abort, ABORT_DELAY);
  });
}

/** Data the client fetches for a page (`.data`): personal data too, never cached. */
export const handleDataRequest: HandleDataRequestFunction = (response) => {
  dataHeaders(response.headers);
  return response;
};

// Kept on globalThis so that the development server's reloads of this module find it.
type IdentityProvider = { path: string; handler: NodeHandler };
const running = globalThis as typeof globalThis & {
  __singlePermit?: { db: DB; identityProvider?: IdentityProvider; stopBackgroundWork?: () => Promise<void> };
};

/**
 * Called by server.js before it listens: open and migrate the database, load demo data in
 * the embedded demo, and start the background work (outbox delivery and the sweeps). With
 * PGlite no other process can open the database, so it lives here; BACKGROUND_JOBS=off
 * leaves it to `npm run worker`. Returns the database server.js hands to every request
 * and, without OIDC_ISSUER, the development identity provider it mounts
 * (docs/decisions/012-sign-in.md).
 */
export async function startup({ seedDemo }: { seedDemo: boolean }): Promise<{ db: DB; identityProvider?: IdentityProvider }> {
  if (running.__singlePermit) return running.__singlePermit;
  for (const warning of startupWarnings()) console.warn(`Warning: ${warning}`);
  signInSettings(); // an incomplete OIDC_* configuration stops the start, not the first sign-in
  const db = await openDatabase();
  if (seedDemo) {
    await seedDemoData(db);
    // Before the background work starts, so its first sweep finds the lapsed request.
    await seedDemoCase(db);
  }
  const identityProvider = runsDevelopmentProvider() ? await developmentIdentityProvider(db) : undefined;
  const stopBackgroundWork = process.env.BACKGROUND_JOBS !== "off" ? startBackgroundWork(db) : undefined;
  running.__singlePermit = { db, identityProvider, stopBackgroundWork };
  return { db, identityProvider };
}

/** Called by server.js on SIGTERM, after the HTTP server stopped accepting requests. */
export async function shutdown() {
  const current = running.__singlePermit;
  running.__singlePermit = undefined;
  await current?.stopBackgroundWork?.();
  await stopPdfPool();
  await current?.db.destroy();
}
