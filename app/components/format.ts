// Intl formatters are costly to build (locale data is resolved each time) and cheap to use:
// one per language and style, kept for the life of the process (a page of 50 rows used to
// build 50). Used by the server and the browser alike.
const formatters = new Map<string, Intl.DateTimeFormat | Intl.NumberFormat>();

function once<F extends Intl.DateTimeFormat | Intl.NumberFormat>(key: string, make: () => F): F {
  let formatter = formatters.get(key) as F | undefined;
  if (!formatter) {
    formatter = make();
    formatters.set(key, formatter);
  }
  return formatter;
}

/** Dates as people read them in Belgium, in the page's language. */
export function formatDate(iso: string, language: string): string {
  return once(`date:${language}`, () => new Intl.DateTimeFormat(language, { dateStyle: "long", timeZone: "Europe/Brussels" })).format(new Date(iso));
}

export function formatDateTime(iso: string, language: string): string {
  return once(
    `datetime:${language}`,
    () => new Intl.DateTimeFormat(language, { dateStyle: "medium", timeStyle: "short", timeZone: "Europe/Brussels" }),
  ).format(new Date(iso));
}

/** A file size as people read it (kB or MB), with Intl's units in the page's language. */
export function formatBytes(bytes: number, language: string): string {
  const megabytes = bytes >= 1024 * 1024;
  return once(
    `bytes:${language}:${megabytes}`,
    () =>
      new Intl.NumberFormat(language, {
        style: "unit",
        unit: megabytes ? "megabyte" : "kilobyte",
        maximumFractionDigits: megabytes ? 1 : 0,
      }),
  ).format(megabytes ? bytes / 1024 / 1024 : Math.max(1, Math.round(bytes / 1024)));
}

/** An amount in euros in the page's language. */
export function formatEuros(amount: number, language: string): string {
  return once(`eur:${language}`, () => new Intl.NumberFormat(language, { style: "currency", currency: "EUR" })).format(amount);
}

/** A number of days as the page's language writes it ("30 days", "30 jours", "30 dagen", "30 Tage"). */
export function formatDays(days: number, language: string): string {
  return once(`days:${language}`, () => new Intl.NumberFormat(language, { style: "unit", unit: "day", unitDisplay: "long" })).format(days);
}

/** A count, with the language's digit grouping. */
export function formatCount(count: number, language: string): string {
  return once(`count:${language}`, () => new Intl.NumberFormat(language)).format(count);
}
