import { cleanInput, cutText } from "../../forms/text";
import type { User } from "../identity/user";
import { translator } from "../i18n/language.server";
import { requestLanguage } from "./language.server";
import { REFUSAL_TEXT, type Refusal } from "./refusals";

/** URL-encoded forms are small; anything bigger is not something our forms send. */
const MAX_FORM_BYTES = 64 * 1024;

/**
 * Each refusal is an error page in the user's language: the app's pages show it through
 * the root error boundary (which reads the status text), and a route without a page of
 * its own (language, logout, acting-for) sends the small page built here as it is.
 */
const REFUSAL_STATUS: Record<Refusal, 400 | 403 | 415> = {
  "forbidden-origin": 403,
  "forbidden-token": 403,
  "unsupported-type": 415,
  malformed: 400,
};

const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/**
 * A small error page in the request's language: what a route without a page of its own
 * sends (the app's pages show the root error boundary instead, from the status).
 */
export async function errorPage(request: Request, status: number, kind: string, statusText?: string): Promise<Response> {
  const language = requestLanguage(request);
  const t = await translator(language);
  const title = t(`errors.${kind}.title`);
  const body = t(`errors.${kind}.body`);
  const page =
    `<!DOCTYPE html><html lang="${language}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">` +
    `<title>${escapeHtml(title)}</title><link rel="stylesheet" href="/styles.css"></head><body><main><h1>${escapeHtml(title)}</h1>` +
    `<p>${escapeHtml(body)}</p><p><a href="/">${escapeHtml(t("errors.backHome"))}</a></p></main></body></html>`;
  return new Response(page, {
    status,
    statusText,
    headers: { "Content-Type": "text/html; charset=utf-8", "Content-Language": language },
  });
}

/**
 * Throws the refusal's answer. A forged or stale post is logged once, as one warning line
 * without a stack (a flood of foreign posts must not flood the log with traces).
 */
export async function refuse(request: Request, reason: Refusal): Promise<never> {
  const status = REFUSAL_STATUS[reason];
  if (status === 403) {
    const origin = (request.headers.get("Origin") ?? "-").slice(0, 100);
    // JSON.stringify: a header with a line break cannot forge a second log line.
    console.warn(`post refused (${reason}): ${request.method} ${new URL(request.url).pathname} origin=${JSON.stringify(origin)}`);
  }
  throw await errorPage(request, status, `refused.${reason}`, `${REFUSAL_TEXT}${reason}`);
}

/** The post comes from one of our own pages (Origin / Sec-Fetch-Site), or a 403 page. */
export async function assertSameOrigin(request: Request): Promise<void> {
  const origin = request.headers.get("Origin");
  const site = request.headers.get("Sec-Fetch-Site");
  if ((origin && origin !== new URL(request.url).origin) || (site && site !== "same-origin" && site !== "none")) {
    await refuse(request, "forbidden-origin");
  }
}

/**
 * A post whose Origin names another host than the request's (Host, or X-Forwarded-Host
 * behind a proxy, as Remix reads them). Remix's own check (server-runtime's
 * throwIfPotentialCSRFAttack) refuses such a post before any route with an empty 500 and
 * a stack trace in the log, each time; server.js asks `refusedCrossOriginPost` first.
 */
export function isCrossOriginPost(request: Request): boolean {
  if (!["POST", "PUT", "PATCH", "DELETE"].includes(request.method)) return false;
  const origin = request.headers.get("Origin");
  // "null" (a sandboxed frame, a privacy-preserving redirect) is not our page either.
  if (!origin) return false;
  if (origin === "null") return true;
  let originHost: string;
  try {
    originHost = new URL(origin).host;
  } catch {
    return true; // unreadable: Remix's check would fail on it with a TypeError
  }
  const host = request.headers.get("X-Forwarded-Host")?.split(",")[0]?.trim() || request.headers.get("Host");
  return originHost !== host;
}

/** The 403 page for a cross-origin post (isCrossOriginPost), or null when the post may go on to Remix. */
export async function refusedCrossOriginPost(request: Request): Promise<Response | null> {
  if (!isCrossOriginPost(request)) return null;
  try {
    await refuse(request, "forbidden-origin");
  } catch (answer) {
    if (answer instanceof Response) return answer;
    throw answer;
  }
  return null;
}

/** Cleans every text value of a posted form at the edge (forms/text.ts#cleanInput). */
export function cleanForm(entries: Iterable<[string, FormDataEntryValue]>): FormData {
  const data = new FormData();
  for (const [key, value] of entries) data.append(cleanInput(key), typeof value === "string" ? cleanInput(value) : value);
  return data;
}

/**
 * Reads a state-changing form post, after the checks every action needs:
 * the request comes from one of our own pages (Origin / Sec-Fetch-Site), it is a form
 * (JSON or text bodies get a 415 page), it is not oversized, and, for a signed-in user,
 * it carries the session's CSRF token. SameSite=Lax cookies already stop most cross-site
 * posts; the token covers the rest. Every value comes back cleaned (cleanForm).
 */
export async function readForm(request: Request, user: Pick<User, "csrf"> | null): Promise<FormData> {
  await assertSameOrigin(request);

  const type = request.headers.get("Content-Type") ?? "";
  if (!/^application\/x-www-form-urlencoded\s*(;|$)/i.test(type)) await refuse(request, "unsupported-type");
  const length = Number(request.headers.get("Content-Length") ?? "0");
  if (length > MAX_FORM_BYTES) throw await errorPage(request, 413, "tooLarge");
  const body = await request.text();
  if (body.length > MAX_FORM_BYTES) throw await errorPage(request, 413, "tooLarge");
  // URLSearchParams reads a malformed escape ("%E0%A4%A") as U+FFFD: nothing here throws.
  const form = new URLSearchParams(body);

  if (user && (!user.csrf || form.get("csrf") !== user.csrf)) await refuse(request, "forbidden-token");
  return cleanForm(form);
}

/** A text field's value, trimmed and capped (in characters, never half of one): what a hostile client sends never grows past it. */
export function field(form: FormData, name: string, maxLength = 200): string {
  const value = form.get(name);
  return typeof value === "string" ? cutText(value.trim(), maxLength) : "";
}

/**
 * A posted form's text values by name (the first of each), capped: what services take
 * instead of FormData. A value over the cap is cut (on a character boundary), so a
 * too-long answer still reaches the service's length check as "too long" without a
 * hostile body growing past it.
 */
export function formValues(form: FormData, maxLength = 10_000): Record<string, string> {
  const values: Record<string, string> = {};
  for (const [name, value] of form) {
    if (typeof value === "string" && !Object.hasOwn(values, name)) values[name] = cutText(value, maxLength);
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
