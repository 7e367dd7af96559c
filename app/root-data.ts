import type { MetaDescriptor } from "@remix-run/node";
import { useRouteLoaderData } from "@remix-run/react";
import type { loader } from "./root";

export type RootData = Awaited<ReturnType<typeof loader>>["data"];

/** The layout's data (language, signed-in user summary, CSRF token) for any component. */
export function useRootData(): RootData | undefined {
  return useRouteLoaderData<typeof loader>("root") as RootData | undefined;
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
