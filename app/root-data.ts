import type { MetaDescriptor } from "@remix-run/node";
import { useRouteLoaderData } from "@remix-run/react";
import type { Language } from "../forms/authorities";
import type { Refusal } from "./http/refusals";
import type { Mandate, Role } from "./identity/user";

/**
 * What the root loader (root.tsx) gives every page: spelled out here, not inferred from
 * the loader, so that components can read it without importing the root route.
 */
export interface RootData {
  language: Language;
  serviceName: string;
  /** Titles are plain strings in <head>, so the error page's are resolved by the loader. */
  errorTitles: Record<ErrorKind, string>;
  /** Only what the layout needs: never the whole user row. */
  user: {
    displayName: string;
    role: Role;
    authority: string | null;
    csrf: string;
    actingFor: Mandate | null;
    mandateCount: number;
  } | null;
  /** How long the session lasts without a request, and at most (the timeout warning). */
  session: { idleSecondsLeft: number; secondsLeft: number; checkedAt: number } | null;
}

/** The layout's data (language, signed-in user summary, CSRF token) for any component. */
export function useRootData(): RootData | undefined {
  return useRouteLoaderData<RootData>("root");
}

/** `<title>` for a page: its own translated title, then the service name. */
export function pageTitle(
  title: string | undefined,
  matches: readonly { id: string; data: unknown }[],
): MetaDescriptor[] {
  const root = matches.find((match) => match.id === "root")?.data as RootData | undefined;
  const service = root?.serviceName ?? "";
  return [{ title: title ? `${title} – ${service}` : service }];
}

/** The error pages (app/root.tsx#errorKind); each has `errors.<kind>.title|body` in every language. */
export type ErrorKind = "forbidden" | "notFound" | "conflict" | "tooLarge" | "badRequest" | "server" | `refused.${Refusal}`;
