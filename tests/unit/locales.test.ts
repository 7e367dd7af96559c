import { readdirSync, readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";

const LANGUAGES = ["fr", "nl", "de", "en"] as const;

function keys(value: unknown, prefix = ""): string[] {
  if (typeof value !== "object" || value === null) return [prefix];
  return Object.entries(value).flatMap(([key, child]) => keys(child, prefix ? `${prefix}.${key}` : key));
}

function flatten(value: unknown, prefix = "", out: Record<string, string> = {}): Record<string, string> {
  if (typeof value !== "object" || value === null) out[prefix] = String(value);
  else for (const [key, child] of Object.entries(value)) flatten(child, prefix ? `${prefix}.${key}` : key, out);
  return out;
}

const namespaces = readdirSync("locales/en").filter((file) => file.endsWith(".json"));

describe.each(namespaces)("locale namespace %s", (namespace) => {
  const messages = Object.fromEntries(
    LANGUAGES.map((language) => [language, JSON.parse(readFileSync(`locales/${language}/${namespace}`, "utf8"))]),
  ) as Record<(typeof LANGUAGES)[number], unknown>;

  it("has every key in all four languages", () => {
    const english = keys(messages.en).sort();
    for (const language of LANGUAGES) expect(keys(messages[language]).sort(), language).toEqual(english);
  });

  it("uses the same interpolation variables in every language", () => {
    const english = flatten(messages.en);
    for (const language of LANGUAGES) {
      const translated = flatten(messages[language]);
      for (const [key, text] of Object.entries(english)) {
        const variables = (s: string) => [...s.matchAll(/\{\{\s*(\w+)/g)].map((m) => m[1]).sort();
        expect(variables(translated[key] ?? ""), `${language}:${key}`).toEqual(variables(text));
      }
    }
  });

  it("is translated, not copied from English", () => {
    const english = flatten(messages.en);
    for (const language of ["fr", "nl", "de"] as const) {
      const translated = flatten(messages[language]);
      const copied = Object.keys(english).filter(
        (key) => translated[key] === english[key] && /[a-z]{4,}/i.test(english[key]!.replace(/\{\{[^}]*\}\}/g, "")),
      );
      // Proper names (e.g. "Working in Belgium") may stay; whole sentences may not.
      expect(copied.length / Object.keys(english).length, `${language}: ${copied.join(", ")}`).toBeLessThan(0.03);
    }
  });
});
