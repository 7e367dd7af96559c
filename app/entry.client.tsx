import { RemixBrowser } from "@remix-run/react";
import i18next from "i18next";
import { startTransition, StrictMode } from "react";
import { hydrateRoot } from "react-dom/client";
import { I18nextProvider, initReactI18next } from "react-i18next";
import { holdEventsUntilHydrated } from "./components/hydration-hold";
import { DEFAULT_LANGUAGE, i18nOptions, isLanguage } from "./i18n/config";

// Only the page's own language is fetched (one small chunk), before hydration, so the
// client renders exactly the text the server sent.
const loaders = {
  fr: () => import("../locales/fr/common.json"),
  nl: () => import("../locales/nl/common.json"),
  de: () => import("../locales/de/common.json"),
  en: () => import("../locales/en/common.json"),
};

/**
 * A page the server rendered with form errors has "Error:" before its title
 * (app/entry.server.tsx). React hydrates the title as <Meta /> renders it, so the prefix
 * comes off first; app/components/page-focus.tsx puts it back while the errors show.
 */
function unmarkTitle() {
  const title = document.querySelector("head > title[data-error-prefix]");
  if (!title) return;
  const prefix = `${title.getAttribute("data-error-prefix")} `;
  title.removeAttribute("data-error-prefix");
  if (title.textContent?.startsWith(prefix)) title.textContent = title.textContent.slice(prefix.length);
}

async function hydrate() {
  holdEventsUntilHydrated();
  unmarkTitle();
  const lang = document.documentElement.lang;
  const language = isLanguage(lang) ? lang : DEFAULT_LANGUAGE;
  const messages = (await loaders[language]()).default;
  await i18next.use(initReactI18next).init({
    ...i18nOptions,
    lng: language,
    resources: { [language]: { common: messages } },
  });
  startTransition(() => {
    hydrateRoot(
      document,
      <I18nextProvider i18n={i18next}>
        <StrictMode>
          <RemixBrowser />
        </StrictMode>
      </I18nextProvider>,
    );
  });
}

void hydrate();
