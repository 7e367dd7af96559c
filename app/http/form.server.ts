import type { User } from "../identity/user";

/** URL-encoded forms are small; anything bigger is not something our forms send. */
const MAX_FORM_BYTES = 64 * 1024;

function forbidden(): never {
  throw new Response("Forbidden", { status: 403 });
}

/** The post comes from one of our own pages (Origin / Sec-Fetch-Site), or 403. */
export function assertSameOrigin(request: Request): void {
  const origin = request.headers.get("Origin");
  if (origin && origin !== "null" && origin !== new URL(request.url).origin) forbidden();
  const site = request.headers.get("Sec-Fetch-Site");
  if (site && site !== "same-origin" && site !== "none") forbidden();
}

/**
 * Reads a state-changing form post, after the checks every action needs:
 * the request comes from one of our own pages (Origin / Sec-Fetch-Site), it is not
 * oversized, and, for a signed-in user, it carries the session's CSRF token.
 * SameSite=Lax cookies already stop most cross-site posts; the token covers the rest.
 */
export async function readForm(request: Request, user: Pick<User, "csrf"> | null): Promise<FormData> {
  assertSameOrigin(request);

  const type = request.headers.get("Content-Type") ?? "";
  if (!type.startsWith("application/x-www-form-urlencoded")) {
    throw new Response("Unsupported Media Type", { status: 415 });
  }
  const length = Number(request.headers.get("Content-Length") ?? "0");
  if (length > MAX_FORM_BYTES) throw new Response("Payload Too Large", { status: 413 });
  const body = await request.text();
  if (body.length > MAX_FORM_BYTES) throw new Response("Payload Too Large", { status: 413 });
  const form = new URLSearchParams(body);

  if (user && (!user.csrf || form.get("csrf") !== user.csrf)) forbidden();
  const data = new FormData();
  for (const [key, value] of form) data.append(key, value);
  return data;
}

/** A text field's value, trimmed and capped: what a hostile client sends never grows past it. */
export function field(form: FormData, name: string, maxLength = 200): string {
  const value = form.get(name);
  return typeof value === "string" ? value.trim().slice(0, maxLength) : "";
}

/**
 * A posted form's text values by name (the first of each), capped: what services take
 * instead of FormData. A value over the cap is cut, so a too-long answer still reaches
 * the service's length check as "too long" without a hostile body growing past it.
 */
export function formValues(form: FormData, maxLength = 10_000): Record<string, string> {
  const values: Record<string, string> = {};
  for (const [name, value] of form) {
    if (typeof value === "string" && !Object.hasOwn(values, name)) values[name] = value.slice(0, maxLength);
  }
  return values;
}

const PLACEHOLDER_ORIGIN = "http://portal.invalid";
// As sent: control characters (tab, CR, LF: browsers drop them, so "/\t/evil" becomes
// "//evil"), any white space, and backslashes (read as "/" by browsers).
const UNSAFE = /[\u0000-\u0020\u007f-\u00a0\u1680\u2000-\u200f\u2028\u2029\u202f\u205f\u3000\ufeff\\]/;
// Once decoded ("%09", "%5C"): control characters and backslashes (an encoded space is fine).
const UNSAFE_DECODED = /[\u0000-\u001f\u007f\\]/;

/**
 * Only a path on this site: a returnTo must never send anyone to another site. Refused
 * (→ fallback): anything not starting with exactly one "/", control characters and white
 * space, backslashes — also percent-decoded, up to three times ("/%2F/evil", "%5C", "%09") —
 * and anything that resolves to another origin. Returns the path as the URL parser reads it.
 */
export function safeReturnTo(value: unknown, fallback = "/"): string {
  if (typeof value !== "string" || value.length === 0 || value.length > 2000) return fallback;
  if (UNSAFE.test(value)) return fallback;
  // As sent and decoded up to three times; still encoded after that is refused too.
  let decoded = value;
  for (let round = 0; ; round++) {
    if (!decoded.startsWith("/") || decoded.startsWith("//") || UNSAFE_DECODED.test(decoded)) return fallback;
    let next: string;
    try {
      next = decodeURIComponent(decoded);
    } catch {
      return fallback;
    }
    if (next === decoded) break;
    if (round === 3) return fallback;
    decoded = next;
  }
  let url: URL;
  try {
    url = new URL(value, PLACEHOLDER_ORIGIN);
  } catch {
    return fallback;
  }
  const path = url.pathname + url.search + url.hash;
  // The parser normalises dot segments: "/.//evil" is "//evil" once read.
  if (url.origin !== PLACEHOLDER_ORIGIN || path.startsWith("//") || UNSAFE.test(path)) return fallback;
  return path;
}
