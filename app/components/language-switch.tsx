import { Form } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { LANGUAGES } from "../i18n/config";

const NATIVE_NAMES = { fr: "Français", nl: "Nederlands", de: "Deutsch", en: "English" } as const;

/**
 * A plain form on every page: works without JavaScript, and reloads the whole document so
 * the page comes back rendered by the server in the new language, on the same URL.
 */
export function LanguageSwitch({ current, returnTo, csrf }: { current: string; returnTo: string; csrf?: string }) {
  const { t } = useTranslation();
  return (
    <Form method="post" action="/language" reloadDocument className="language-switch">
      <input type="hidden" name="returnTo" value={returnTo} />
      {csrf ? <input type="hidden" name="csrf" value={csrf} /> : null}
      <fieldset>
        <legend className="visually-hidden">{t("layout.chooseLanguage")}</legend>
        {LANGUAGES.map((language) => (
          <button
            key={language}
            type="submit"
            name="language"
            value={language}
            lang={language}
            aria-current={language === current ? "true" : undefined}
            className="language-switch__option"
          >
            {NATIVE_NAMES[language]}
          </button>
        ))}
      </fieldset>
    </Form>
  );
}
