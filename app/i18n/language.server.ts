import { createInstance, type i18n } from "i18next";
import { initReactI18next } from "react-i18next";
import type { Language } from "../../forms/authorities";
import { DEFAULT_LANGUAGE, i18nOptions, isLanguage, LANGUAGE_COOKIE, LANGUAGES } from "./config";
import de from "../../locales/de/common.json";
import en from "../../locales/en/common.json";
import fr from "../../locales/fr/common.json";
import nl from "../../locales/nl/common.json";

const resources = { fr: { common: fr }, nl: { common: nl }, de: { common: de }, en: { common: en } };

function cookieValue(request: Request, name: string): string | null {
  const header = request.headers.get("Cookie") ?? "";
  for (const part of header.split(";")) {
    const [key, ...rest] = part.trim().split("=");
    if (key === name) return decodeURIComponent(rest.join("="));
  }
  return null;
}

/** Best supported language from an Accept-Language header, honouring q-values. */
export function languageFromAcceptLanguage(header: string | null): Language | null {
  if (!header) return null;
  const ranked = header
    .split(",")
    .map((part) => {
      const [tag = "", ...params] = part.trim().split(";");
      const q = params.map((p) => p.trim()).find((p) => p.startsWith("q="));
      return { base: tag.trim().toLowerCase().split("-")[0] ?? "", q: q ? Number(q.slice(2)) : 1 };
    })
    .filter((entry) => entry.q > 0 && !Number.isNaN(entry.q))
    .sort((a, b) => b.q - a.q);
  return ranked.map((entry) => entry.base).find(isLanguage) ?? null;
}

/**
 * The language a page is rendered in: the explicit choice (cookie, which the language
 * switch and login set), else the browser's Accept-Language, else French.
 */
export function requestLanguage(request: Request): Language {
  const chosen = cookieValue(request, LANGUAGE_COOKIE);
  if (isLanguage(chosen)) return chosen;
  return languageFromAcceptLanguage(request.headers.get("Accept-Language")) ?? DEFAULT_LANGUAGE;
}

export function languageCookie(language: Language): string {
  return `${LANGUAGE_COOKIE}=${language}; Path=/; Max-Age=31536000; SameSite=Lax`;
}

/** A fresh i18next instance for one request: requests never share a language. */
export async function createServerI18n(language: Language): Promise<i18n> {
  const instance = createInstance();
  await instance.use(initReactI18next).init({ ...i18nOptions, lng: language, resources });
  return instance;
}

const fixed = new Map<Language, Promise<i18n>>();

/** Translation function for services and loaders (messages, page titles). */
export async function translator(language: Language) {
  if (!fixed.has(language)) fixed.set(language, createServerI18n(language));
  return (await fixed.get(language)!).getFixedT(language);
}

export { LANGUAGES };
