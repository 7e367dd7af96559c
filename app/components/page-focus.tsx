import { useLocation, useNavigation } from "@remix-run/react";
import { useEffect, useRef } from "react";

/**
 * Follows an error-summary link inside the page, as GOV.UK does: focus the field and scroll
 * its label (or its question's legend) into view. Nothing navigates, so the summary and the
 * inline messages stay until the next submit (a hash change would start a client-side
 * navigation that clears the page's action data).
 */
function followErrorLink(event: MouseEvent): void {
  const link = event.target instanceof Element ? event.target.closest<HTMLAnchorElement>(".error-summary a[href^='#']") : null;
  const field = link ? document.getElementById(decodeURIComponent(link.hash.slice(1))) : null;
  if (!field) return;
  event.preventDefault();
  const legend = field.closest("fieldset")?.querySelector("legend");
  const label = document.querySelector(`label[for="${CSS.escape(field.id)}"]`);
  (legend ?? label ?? field).scrollIntoView();
  field.focus({ preventScroll: true });
}

/** Focuses an element that is not focusable by itself (a heading), without adding it to the Tab order. */
function focusElement(element: HTMLElement): void {
  if (!element.hasAttribute("tabindex")) element.setAttribute("tabindex", "-1");
  element.focus();
}

/**
 * While a page shows errors, its title starts with the language's "Error:" (the server does
 * the same for a page rendered with errors, app/entry.server.tsx). The title's own text node
 * is changed, not document.title, so React still owns the node it renders.
 */
function markTitle(prefix: string, hasErrors: boolean): void {
  const text = document.querySelector("head > title")?.firstChild;
  if (!text || text.nodeType !== Node.TEXT_NODE) return;
  const current = text.nodeValue ?? "";
  const bare = current.startsWith(`${prefix} `) ? current.slice(prefix.length + 1) : current;
  const wanted = hasErrors ? `${prefix} ${bare}` : bare;
  if (wanted !== current) text.nodeValue = wanted;
}

/**
 * Where focus goes, with JavaScript, once a page has loaded or a navigation has ended:
 * to the error summary when the page shows one (also on the first load), else to the
 * target of the URL's fragment (a redirect to "#messages-title"), else to the page's h1.
 * A full page load without JavaScript starts at the top of the document, as browsers do.
 */
export function usePageFocus(errorPrefix: string): void {
  const location = useLocation();
  const idle = useNavigation().state === "idle";
  const loaded = useRef(false);

  useEffect(() => {
    document.addEventListener("click", followErrorLink);
    return () => document.removeEventListener("click", followErrorLink);
  }, []);

  useEffect(() => {
    if (!idle) return;
    const summary = document.querySelector<HTMLElement>("main .error-summary");
    markTitle(errorPrefix, summary !== null);
    const firstLoad = !loaded.current;
    loaded.current = true;
    if (summary) return focusElement(summary);
    if (firstLoad) return;
    const target = location.hash ? document.getElementById(decodeURIComponent(location.hash.slice(1))) : null;
    const heading = document.querySelector<HTMLElement>("main h1");
    if (target) focusElement(target);
    else if (heading) focusElement(heading);
  }, [location.key, idle, errorPrefix]);
}
