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

/** Only local paths: a returnTo must never send the user to another site. */
export function safeReturnTo(value: unknown, fallback = "/"): string {
  if (typeof value !== "string" || !value.startsWith("/") || value.startsWith("//") || value.includes("\\")) {
    return fallback;
  }
  return value;
}
