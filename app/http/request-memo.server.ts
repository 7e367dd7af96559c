import type { SessionLookup } from "../identity/sessions.server";

/**
 * What one HTTP request works out once for all the loaders of its page (issue #15,
 * docs/decisions/018-speed.md). server.js makes a fresh one in `getLoadContext`, which
 * Remix calls once per HTTP request and whose context it hands to the root loader and the
 * route's loaders alike; `routeLoader` (responses.server.ts) ties it to the Request the
 * loader got, so that the guards, which take the Request, find it.
 *
 * Only loaders share it. An action may change the session (sign-out, act for), and the
 * loaders of the same request run after the action has finished, so they fill it afresh.
 * The next HTTP request gets a new one: a mandate revoked meanwhile is seen there.
 */
export interface RequestMemo {
  /** Who is signed in, with a representative's mandates as the mandate service lists them now. */
  session?: Promise<SessionLookup>;
}

const memos = new WeakMap<Request, RequestMemo>();

/** Lets the guards of this loader's Request use the memo of its HTTP request. */
export function shareRequestMemo(request: Request, memo: RequestMemo | undefined): void {
  if (memo) memos.set(request, memo);
}

/** The memo of the HTTP request this Request belongs to, when a loader was given one. */
export function requestMemo(request: Request): RequestMemo | undefined {
  return memos.get(request);
}
