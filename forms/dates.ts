/**
 * Calendar arithmetic on "YYYY-MM-DD" dates: legal terms count calendar days, and all
 * arithmetic runs on UTC midnights so that a daylight-saving change in Brussels can never
 * add or lose a day. Pure; shared by the form rules (forms/) and the legal clock (workflows/).
 */

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const DAY_MS = 86_400_000;

/** UTC midnight of a calendar date; throws on anything that is not a real "YYYY-MM-DD" date. */
export function toUtc(date: string): number {
  const match = typeof date === "string" ? DATE.exec(date) : null;
  if (!match) throw new Error(`not a calendar date: ${String(date)}`);
  const [, y, m, d] = match.map(Number) as [number, number, number, number];
  const time = Date.UTC(y, m - 1, d);
  // Date.UTC rolls 2026-02-30 over to 2 March: a changed day or month means no such date.
  const check = new Date(time);
  if (check.getUTCFullYear() !== y || check.getUTCMonth() !== m - 1 || check.getUTCDate() !== d) {
    throw new Error(`not a calendar date: ${date}`);
  }
  return time;
}

function fromUtc(time: number): string {
  return new Date(time).toISOString().slice(0, 10);
}

export function assertWholeDays(days: number, what: string): void {
  if (!Number.isInteger(days)) throw new Error(`${what} must be a whole number of days, got ${days}`);
}

/** The years a date typed into this portal may fall in: a birth date to a permit's end. */
export const FIRST_YEAR = 1900;
export const LAST_YEAR = 2999;

/**
 * A real "YYYY-MM-DD" day between FIRST_YEAR and LAST_YEAR: what every typed date must be
 * before it reaches a rule or a `date` column. Outside those years no answer is plausible,
 * and the arithmetic after it (a term of years, an ISO string) would leave four-digit years.
 * (An earlier version asked for a non-negative epoch time, which refused every day before 1970.)
 */
export function isCalendarDate(value: unknown): value is string {
  try {
    if (typeof value !== "string") return false;
    const year = new Date(toUtc(value)).getUTCFullYear();
    return year >= FIRST_YEAR && year <= LAST_YEAR;
  } catch {
    return false;
  }
}

const BRUSSELS = new Intl.DateTimeFormat("en-GB", {
  timeZone: "Europe/Brussels",
  year: "numeric",
  month: "2-digit",
  day: "2-digit",
});

/**
 * The calendar date in Belgium at an instant: legal days are Brussels days, whatever the
 * server's zone. Built from formatToParts so it does not depend on a locale's date layout.
 */
export function todayInBelgium(now: Date): string {
  if (!(now instanceof Date) || Number.isNaN(now.getTime())) throw new Error("todayInBelgium needs a valid Date");
  const parts = Object.fromEntries(BRUSSELS.formatToParts(now).map((part) => [part.type, part.value]));
  return `${parts.year}-${parts.month}-${parts.day}`;
}

/**
 * The instant a Belgian calendar day begins: midnight in Brussels, 23:00 or (summer time)
 * 22:00 UTC the day before. For filters on timestamps that people give as Belgian days.
 */
export function startOfDayInBelgium(date: string): Date {
  const utcMidnight = toUtc(date);
  // Brussels is one or two hours ahead of UTC, and never changes its clock at midnight.
  for (const hours of [2, 1]) {
    const instant = new Date(utcMidnight - hours * 3_600_000);
    if (todayInBelgium(instant) === date) return instant;
  }
  throw new Error(`no midnight in Brussels on ${date}`);
}

/** The date n calendar days later (n may be negative). */
export function addDays(date: string, days: number): string {
  assertWholeDays(days, "addDays");
  return fromUtc(toUtc(date) + days * DAY_MS);
}

/** Same day n years later; 29 February becomes 28 February in a common year. */
export function addYears(date: string, years: number): string {
  toUtc(date); // validates
  const [y, m, d] = date.split("-").map(Number) as [number, number, number];
  const target = new Date(Date.UTC(y + years, m - 1, d));
  return target.getUTCMonth() === m - 1 ? fromUtc(target.getTime()) : fromUtc(Date.UTC(y + years, m, 0));
}

/** b − a, in days (negative when b is before a). */
export function daysBetween(a: string, b: string): number {
  // Both are UTC midnights, so the difference is an exact multiple of a day; round() only guards floats.
  return Math.round((toUtc(b) - toUtc(a)) / DAY_MS);
}

/** Same day n months later; a day the target month lacks becomes its last day (31 Jan + 1 → 28/29 Feb). */
export function addMonths(date: string, months: number): string {
  toUtc(date); // validates
  const [y, m, d] = date.split("-").map(Number) as [number, number, number];
  const last = new Date(Date.UTC(y, m - 1 + months + 1, 0)).getUTCDate();
  return fromUtc(Date.UTC(y, m - 1 + months, Math.min(d, last)));
}

/**
 * How people type and read a date, per language: day, month, year in that order, with the
 * separator the language uses (Belgian French, Dutch and English write 14/03/1990, German
 * 14.03.1990). One format per language, the same in every hint, every message and every
 * answer shown back (docs/decisions/015-accessible-forms.md).
 */
export const DATE_SEPARATORS = { fr: "/", nl: "/", de: ".", en: "/" } as const;
type DateLanguage = keyof typeof DATE_SEPARATORS;

/** The part of a typed date that is wrong, for a message that names it. */
export type DatePart = "day" | "month" | "year";
export type TypedDate = { ok: true; date: string } | { ok: false; error: "format" | DatePart; maxDay?: number };

/**
 * Reads a date as typed into a form: day, month and year (four digits) separated by "/",
 * ".", "-" or spaces, in that order in every language; "YYYY-MM-DD" is accepted too (what
 * a browser's autofill or an older page sends). The one place dates typed by people are
 * parsed; the result is a "YYYY-MM-DD" calendar date, or which part is wrong: a day out of
 * its month (30/02) is the day's fault and says how many days the month has.
 */
export function parseTypedDate(typed: string): TypedDate {
  const text = typed.trim();
  const iso = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  const dmy = iso ? null : /^(\d{1,2})\s*[./\-\s]\s*(\d{1,2})\s*[./\-\s]\s*(\d+)$/.exec(text);
  if (!iso && !dmy) return { ok: false, error: "format" };
  const [day, month, yearText] = iso ? [iso[3]!, iso[2]!, iso[1]!] : [dmy![1]!, dmy![2]!, dmy![3]!];
  const [d, m, y] = [Number(day), Number(month), Number(yearText)];
  if (m < 1 || m > 12) return { ok: false, error: "month" };
  if (yearText.length !== 4 || y < 1000) return { ok: false, error: "year" };
  const maxDay = new Date(Date.UTC(y, m, 0)).getUTCDate();
  if (d < 1 || d > maxDay) return { ok: false, error: "day", maxDay };
  return { ok: true, date: `${yearText}-${String(m).padStart(2, "0")}-${String(d).padStart(2, "0")}` };
}

/** A stored "YYYY-MM-DD" date as the language writes it in a form field; anything else as it is. */
export function typedDate(value: string, language: string): string {
  if (!isCalendarDate(value)) return value;
  const separator = DATE_SEPARATORS[(language in DATE_SEPARATORS ? language : "fr") as DateLanguage];
  const [y, m, d] = value.split("-");
  return [d, m, y].join(separator);
}
