/**
 * A small browser without a browser: fetch with a cookie jar and redirects followed by
 * hand, so that tests and benchmarks can walk the sign-in flow (portal → identity
 * provider → portal) over HTTP and see every hop.
 */
interface StoredCookie {
  name: string;
  value: string;
  host: string;
  path: string;
}

export interface Hop {
  url: string;
  status: number;
  location: string | null;
}

export class HttpClient {
  #cookies: StoredCookie[] = [];
  /** Every request the last `go` made, in order (redirects included). */
  hops: Hop[] = [];

  constructor(private readonly headers: Record<string, string> = {}) {}

  cookie(name: string, url?: string): string | undefined {
    const host = url ? new URL(url).host : undefined;
    return this.#cookies.find((cookie) => cookie.name === name && (!host || cookie.host === host))?.value;
  }

  setCookie(url: string, name: string, value: string, path = "/"): void {
    this.#store(new URL(url), `${name}=${value}; Path=${path}`);
  }

  #store(url: URL, header: string): void {
    const [pair = "", ...attributes] = header.split(";");
    const index = pair.indexOf("=");
    const name = pair.slice(0, index).trim();
    const value = pair.slice(index + 1).trim();
    let path = "/";
    let expired = value === "";
    for (const attribute of attributes) {
      const [key = "", raw = ""] = attribute.trim().split("=");
      if (key.toLowerCase() === "path") path = raw || "/";
      if (key.toLowerCase() === "max-age" && Number(raw) <= 0) expired = true;
      if (key.toLowerCase() === "expires" && Date.parse(raw) <= Date.now()) expired = true;
    }
    this.#cookies = this.#cookies.filter((c) => !(c.name === name && c.host === url.host && c.path === path));
    if (!expired) this.#cookies.push({ name, value, host: url.host, path });
  }

  #cookieHeader(url: URL): string {
    return this.#cookies
      .filter((c) => c.host === url.host && (url.pathname === c.path || url.pathname.startsWith(c.path.endsWith("/") ? c.path : `${c.path}/`)))
      .sort((a, b) => b.path.length - a.path.length)
      .map((c) => `${c.name}=${c.value}`)
      .join("; ");
  }

  /** One request, no redirect followed; cookies sent and stored. */
  async request(url: string, init: { method?: string; form?: Record<string, string>; headers?: Record<string, string> } = {}) {
    const target = new URL(url);
    const headers: Record<string, string> = { ...this.headers, ...init.headers };
    const cookie = this.#cookieHeader(target);
    if (cookie) headers.Cookie = cookie;
    let body: string | undefined;
    if (init.form) {
      body = new URLSearchParams(init.form).toString();
      headers["Content-Type"] = "application/x-www-form-urlencoded";
      headers.Origin ??= target.origin;
    }
    const response = await fetch(target, { method: init.method ?? (init.form ? "POST" : "GET"), headers, body, redirect: "manual" });
    for (const header of response.headers.getSetCookie()) this.#store(target, header);
    return response;
  }

  /** A request and the redirects after it, as a browser follows them (303/302 → GET). */
  async go(url: string, init: { method?: string; form?: Record<string, string>; headers?: Record<string, string> } = {}) {
    this.hops = [];
    let response = await this.request(url, init);
    let current = url;
    for (let guard = 0; guard < 20; guard++) {
      const location = response.headers.get("Location");
      this.hops.push({ url: current, status: response.status, location });
      if (response.status < 300 || response.status >= 400 || !location) return { response, url: current };
      await response.arrayBuffer();
      current = new URL(location, current).toString();
      response = await this.request(current);
    }
    throw new Error(`too many redirects from ${url}`);
  }
}

/** The value of a form's field in an HTML page (name="…" value="…"), or undefined. */
export function inputValue(html: string, name: string): string | undefined {
  const input = new RegExp(`<input[^>]*name="${name}"[^>]*>`).exec(html)?.[0];
  return input ? /value="([^"]*)"/.exec(input)?.[1]?.replace(/&amp;/g, "&") : undefined;
}

/** The action of the first form whose action matches, resolved against the page. */
export function formAction(html: string, page: string, matching: RegExp): string | undefined {
  for (const match of html.matchAll(/<form[^>]*action="([^"]*)"[^>]*>/g)) {
    const action = match[1]!.replace(/&amp;/g, "&");
    if (matching.test(action)) return new URL(action, page).toString();
  }
  return undefined;
}
