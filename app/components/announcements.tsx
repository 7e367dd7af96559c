import { useLocation, useNavigation } from "@remix-run/react";
import { useEffect, useRef, useState } from "react";
import { useTranslation } from "react-i18next";

/** The outcomes an action's redirect can name in `?done=` (one message each, in every language). */
const OUTCOMES = ["saved", "uploaded", "sent", "requested", "decided", "updated", "removed"] as const;
export type Outcome = (typeof OUTCOMES)[number];

/**
 * What a case page's action did, as its redirect names it: a message is sent, documents
 * are requested, a decision is taken, anything else changes the case.
 */
export function outcomeOf(intent: string): Outcome {
  if (intent === "message") return "sent";
  if (intent === "REQUEST_DOCUMENTS") return "requested";
  if (intent === "remove-document") return "removed";
  if (intent === "DOCUMENTS_PROVIDED") return "sent";
  // The lifecycle's decisions are upper case (GRANT_RESIDENCE, REFUSE_WORK, …); the clock's category is a setting.
  if (/^[A-Z_]+$/.test(intent) && intent !== "SET_CLOCK_CATEGORY") return "decided";
  return "updated";
}

/** The page a redirect after an action leads to, saying what was done (the anchor stays last). */
export function withOutcome(path: string, outcome: Outcome): string {
  const [base, anchor] = path.split("#") as [string, string | undefined];
  return `${base}${base.includes("?") ? "&" : "?"}done=${outcome}${anchor ? `#${anchor}` : ""}`;
}

/** The result of the action that led here, read from the URL the action redirected to. */
export function announcementFor(search: string): { key: string; values?: Record<string, number> } | null {
  const params = new URLSearchParams(search);
  const done = params.get("done");
  if (done && (OUTCOMES as readonly string[]).includes(done)) return { key: `announce.${done}` };
  if (params.get("saved") === "1") return { key: "drafts.saved" };
  if (params.get("deleted") === "1") return { key: "applicationForm.delete.done" };
  const uploaded = Number(params.get("uploaded") ?? "0");
  if (Number.isInteger(uploaded) && uploaded > 0) return { key: "applicationForm.documents.uploaded", values: { count: uploaded } };
  if (params.get("submitted") === "1") return { key: "confirmation.title" };
  return null;
}

/**
 * A polite live region, in the layout so it outlives page changes: after an action (with
 * JavaScript) it says what happened — saved, uploaded, sent, decided — while focus moves
 * to the new page's heading. Emptied first, so the same result twice is said twice.
 * Without JavaScript every page is a new document; its banner says it instead.
 */
export function Announcer() {
  const { t } = useTranslation();
  const location = useLocation();
  const idle = useNavigation().state === "idle";
  const [message, setMessage] = useState("");
  const loaded = useRef(false);
  useEffect(() => {
    if (!idle) return;
    if (!loaded.current) {
      loaded.current = true;
      return;
    }
    setMessage("");
    const announcement = announcementFor(location.search);
    if (!announcement) return;
    // A region whose text changes is read; one filled in the same frame it was emptied may not be.
    const timer = setTimeout(() => setMessage(t(announcement.key, announcement.values)), 100);
    return () => clearTimeout(timer);
  }, [location.key, idle, t, location.search]);
  return (
    <div className="visually-hidden" role="status" aria-live="polite" aria-atomic="true" data-testid="announcer">
      {message}
    </div>
  );
}

/** The green banner at the top of a page after an officer's or applicant's action on a case. */
export function SuccessBanner() {
  const { t } = useTranslation();
  const location = useLocation();
  const done = new URLSearchParams(location.search).get("done");
  if (!done || !(OUTCOMES as readonly string[]).includes(done)) return null;
  return (
    <div className="success-banner" role="region" aria-labelledby="success-banner-title">
      <h2 id="success-banner-title" className="success-banner__title">
        {t("announce.title")}
      </h2>
      <p className="success-banner__body">{t(`announce.${done}`)}</p>
    </div>
  );
}
