import { createInstance, type i18n } from "i18next";
import { initReactI18next } from "react-i18next";
import type { Language } from "../../forms/authorities";
import { i18nOptions, LANGUAGES } from "./config";
import de from "../../locales/de/common.json";
import en from "../../locales/en/common.json";
import fr from "../../locales/fr/common.json";
import nl from "../../locales/nl/common.json";

const resources = { fr: { common: fr }, nl: { common: nl }, de: { common: de }, en: { common: en } };

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
