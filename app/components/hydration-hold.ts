import { useEffect } from "react";

/**
 * Until React has hydrated the document, the events React treats as discrete (a click, a key, a
 * submit, a focus change) do not reach it. With Remix's single fetch, the first render waits for
 * the page's data to be decoded, outside any Suspense boundary; React 18.3 answers a discrete
 * event in that moment with a synchronous render that ends in "Root did not complete" (#345)
 * and leaves the page unhydrated for good (tests/bench/hydration-click.ts counts it). Held back
 * from React only: the browser's own action still happens — a link is followed, a form is
 * posted — as on a page without JavaScript, which every page works as.
 */
const DISCRETE_EVENTS = [
  "click",
  "auxclick",
  "dblclick",
  "contextmenu",
  "mousedown",
  "mouseup",
  "pointerdown",
  "pointerup",
  "pointercancel",
  "touchstart",
  "touchend",
  "touchcancel",
  "keydown",
  "keypress",
  "keyup",
  "beforeinput",
  "input",
  "change",
  "compositionstart",
  "compositionupdate",
  "compositionend",
  "submit",
  "reset",
  "invalid",
  "focusin",
  "focusout",
  "copy",
  "cut",
  "paste",
  "dragstart",
  "dragend",
  "drop",
  "select",
  "selectstart",
] as const;

let release: (() => void) | null = null;

/** In app/entry.client.tsx, before hydrating. */
export function holdEventsUntilHydrated(): void {
  const stop = (event: Event) => event.stopPropagation();
  for (const type of DISCRETE_EVENTS) window.addEventListener(type, stop, true);
  release = () => {
    for (const type of DISCRETE_EVENTS) window.removeEventListener(type, stop, true);
    release = null;
  };
}

/** In the root layout, whose first effect runs once the document is hydrated. */
export function useReleaseHeldEvents(): void {
  useEffect(() => release?.(), []);
}
