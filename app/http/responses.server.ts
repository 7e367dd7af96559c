import type { ActionFunctionArgs, AppLoadContext, LoaderFunctionArgs } from "@remix-run/node";
import { ConflictError, isDomainError, type DomainError } from "../errors";
import { errorPage } from "./form.server";
import { shareRequestMemo } from "./request-memo.server";

/**
 * The one place where what a service says becomes HTTP. Services throw domain errors
 * (app/errors.ts); a route wrapped in `routeLoader`/`routeAction` below answers them as:
 * not found → 404, forbidden → 403, conflict → 409, invalid → 400. A thrown Response (a
 * guard's redirect to the login page) passes through untouched.
 */
export function toHttpResponse(error: DomainError): Response {
  // The page says what moved on (the error boundary shows the message in the user's language).
  if (error instanceof ConflictError) return Response.json({ messageKey: error.messageKey }, { status: 409 });
  switch (error.kind) {
    case "not-found":
      return new Response("Not Found", { status: 404 });
    case "forbidden":
      return new Response("Forbidden", { status: 403 });
    case "conflict":
      return new Response("Conflict", { status: 409 });
    case "invalid":
      return new Response("Bad Request", { status: 400 });
  }
}

/** Throws an HTTP answer when a route's precondition does not hold (a malformed id, a missing intent). */
export function invariantResponse(condition: unknown, status: 400 | 403 | 404 | 405 | 409 | 413 | 415, message?: string): asserts condition {
  if (!condition) throw new Response(message ?? defaultText[status], { status });
}

const defaultText = {
  400: "Bad Request",
  403: "Forbidden",
  404: "Not Found",
  405: "Method Not Allowed",
  409: "Conflict",
  413: "Payload Too Large",
  415: "Unsupported Media Type",
} as const;

const ERROR_PAGE: Record<number, string> = { 400: "badRequest", 403: "forbidden", 404: "notFound" };

/** What every route handler gets: Remix's arguments plus the database the server opened. */
export type RouteArgs<A extends LoaderFunctionArgs | ActionFunctionArgs> = A & { db: AppLoadContext["db"] };

function wrap<A extends LoaderFunctionArgs | ActionFunctionArgs, R>(handler: (args: RouteArgs<A>) => Promise<R>, kind: "loader" | "action") {
  return async (args: A): Promise<R> => {
    // The loaders of one HTTP request look up the signed-in user once (request-memo.server.ts).
    if (kind === "loader") shareRequestMemo(args.request, args.context.memo);
    try {
      return await handler({ ...args, db: args.context.db });
    } catch (error) {
      if (!isDomainError(error)) throw error;
      const response = toHttpResponse(error);
      // A page in the user's language for routes without one of their own (the app's pages
      // show the root error boundary from the status; a 409 keeps its message key).
      if (response.status === 409) throw response;
      throw await errorPage(args.request, response.status, ERROR_PAGE[response.status] ?? "badRequest");
    }
  };
}

/** A route's loader: gets `db`, and domain errors thrown below it become their HTTP status. */
export const routeLoader = <R>(handler: (args: RouteArgs<LoaderFunctionArgs>) => Promise<R>) => wrap(handler, "loader");

/** A route's action: the same as `routeLoader`, but it looks up the session itself (it may change it). */
export const routeAction = <R>(handler: (args: RouteArgs<ActionFunctionArgs>) => Promise<R>) => wrap(handler, "action");
