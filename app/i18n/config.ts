import type { InitOptions } from "i18next";
import type { Language } from "../../forms/authorities";

export const LANGUAGES: readonly Language[] = ["fr", "nl", "de", "en"];
/** French when nothing else tells us: the portal's first language in Brussels and Wallonia. */
export const DEFAULT_LANGUAGE: Language = "fr";
export const LANGUAGE_COOKIE = "lng";

export function isLanguage(value: unknown): value is Language {
  return typeof value === "string" && (LANGUAGES as readonly string[]).includes(value);
}

export const i18nOptions: InitOptions = {
  supportedLngs: [...LANGUAGES],
  fallbackLng: false,
  defaultNS: "common",
  ns: ["common"],
  interpolation: { escapeValue: false }, // React escapes.
  react: { useSuspense: false },
  returnNull: false,
};
