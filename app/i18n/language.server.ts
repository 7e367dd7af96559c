import { createInstance, type i18n } from "i18next";
import { initReactI18next } from "react-i18next";
import type { Language } from "../../forms/authorities";
import { i18nOptions, LANGUAGES } from "./config";
import de from "../../locales/de/common.json";
import en from "../../locales/en/common.json";
import fr from "../../locales/fr/common.json";
import nl from "../../locales/nl/common.json";

const resources = { fr: { common: fr }, nl: { common: nl }, de: { common: de }, en: { common: en } };

/** A fresh i18next instance in one language. */
export async function createServerI18n(language: Language): Promise<i18n> {
  const instance = createInstance();
  await instance.use(initReactI18next).init({ ...i18nOptions, lng: language, resources });
  return instance;
}

const fixed = new Map<Language, Promise<i18n>>();

/**
 * The process's i18next instance for a language, built once and shared by every request in
 * that language (building one per request was about 7 % of a page's CPU, issue #15). Safe
 * to share because nothing on the server changes an instance's language: a request in
 * another language gets that language's instance. Never call changeLanguage on it.
 */
export function serverI18n(language: Language): Promise<i18n> {
  let instance = fixed.get(language);
  if (!instance) {
    instance = createServerI18n(language);
    fixed.set(language, instance);
  }
  return instance;
}

/** Translation function for services and loaders (messages, page titles). */
export async function translator(language: Language) {
  return (await serverI18n(language)).getFixedT(language);
}

export { LANGUAGES };
