/**
 * Belgian identifiers and their check digits.
 * - KBO/BCE enterprise number: Royal Decree of 23 June 2003; 10 digits, first 0 or 1,
 *   check = 97 − (first 8 digits mod 97); old 9-digit numbers take a leading 0
 *   (python-stdnum stdnum/be/vat.py).
 * - NISS/INSZ national number and BIS number: YYMMDD + 3-digit serial + 2-digit check,
 *   check = 97 − (first 9 digits mod 97), with "2" prefixed for births from 2000; BIS
 *   numbers add 20 (sex unknown) or 40 (sex known) to the month
 *   (python-stdnum stdnum/be/nn.py, stdnum/be/bis.py).
 * - The birth date part follows current python-stdnum (nn.py `_get_birth_date_parts`, and
 *   its doctests tests/test_be_nn.doctest, tests/test_be_bis.doctest): month 00 = month and
 *   day unknown (or the day's serials ran out); day 00 or a day past the end of its month
 *   (e.g. 85.07.35) = day unknown. Such numbers are valid and carry no usable birth date.
 *   Only a month above 12 (after removing the BIS +20/+40) is refused.
 */

export type EnterpriseNumberResult =
  | { ok: true; value: string }
  | { ok: false; error: "required" | "format" | "checksum" };

// BigInt: a 10-digit number (NISS with the "2" prefix) is safe as a double, but this keeps the rule obvious.
function mod97Check(digits: string): number {
  return 97 - Number(BigInt(digits) % 97n);
}

// People write these with dots, dashes and spaces; none of them carry meaning.
function stripSeparators(input: string): string {
  return input.replace(/[\s.\-]/g, "");
}

/** Accepts "0403.170.701", "BE 0403.170.701", "403170701" (old 9-digit numbers get a leading 0). */
export function parseEnterpriseNumber(input: string): EnterpriseNumberResult {
  const raw = stripSeparators(input.trim().toUpperCase().replace(/^BE/, ""));
  if (!raw) return { ok: false, error: "required" };
  if (!/^\d{9,10}$/.test(raw)) return { ok: false, error: "format" };
  const value = raw.length === 9 ? `0${raw}` : raw;
  if (value[0] !== "0" && value[0] !== "1") return { ok: false, error: "format" };
  if (mod97Check(value.slice(0, 8)) !== Number(value.slice(8))) return { ok: false, error: "checksum" };
  return { ok: true, value };
}

/** "0403170701" → "0403.170.701" (the form printed on KBO extracts). */
export function formatEnterpriseNumber(value: string): string {
  return `${value.slice(0, 4)}.${value.slice(4, 7)}.${value.slice(7, 10)}`;
}

/** A valid enterprise number from its first 8 digits (demo and test data only). */
export function makeEnterpriseNumber(first8: string): string {
  if (!/^[01]\d{7}$/.test(first8)) throw new Error("an enterprise number starts with 0 or 1 and has 8 digits before its check");
  return first8 + String(mod97Check(first8)).padStart(2, "0");
}

export type PersonNumberResult =
  | { ok: true; value: string; kind: "niss" | "bis"; birthDate: string | null }
  | { ok: false; error: "required" | "format" | "checksum" | "date" };

function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/** Accepts "85.07.30-033.28" or "85073003328". */
export function parsePersonNumber(input: string): PersonNumberResult {
  const value = stripSeparators(input.trim());
  if (!value) return { ok: false, error: "required" };
  if (!/^\d{11}$/.test(value)) return { ok: false, error: "format" };

  const first9 = value.slice(0, 9);
  const check = Number(value.slice(9));
  const yy = Number(value.slice(0, 2));
  // Like python-stdnum, only try the 2000s rule for years that have already happened:
  // otherwise a typo in a 1985 number has twice the chance of passing as a 2085 birth.
  const from2000Possible = 2000 + yy <= new Date().getUTCFullYear();
  const before2000 = mod97Check(first9) === check;
  const from2000 = from2000Possible && mod97Check(`2${first9}`) === check;
  if (!before2000 && !from2000) return { ok: false, error: "checksum" };

  let month = Number(value.slice(2, 4));
  const day = Number(value.slice(4, 6));
  let kind: "niss" | "bis" = "niss";
  if (month >= 40) {
    kind = "bis";
    month -= 40;
  } else if (month >= 20) {
    kind = "bis";
    month -= 20;
  }
  if (month > 12) return { ok: false, error: "date" };
  // Month 00: birth date (partly) unknown, or the day's serials ran out and the register
  // reused month/day digits, so the day is meaningless too. Day 00, or a day past the end of
  // its month (python-stdnum: "unknown day of birth date (35)"): the day is unknown.
  // All are valid numbers without a usable birth date.
  const year = (from2000 ? 2000 : 1900) + yy;
  if (month === 0 || day === 0 || day > daysInMonth(year, month)) return { ok: true, value, kind, birthDate: null };
  const birthDate = `${year}-${String(month).padStart(2, "0")}-${String(day).padStart(2, "0")}`;
  return { ok: true, value, kind, birthDate };
}

/** "85073003328" → "85.07.30-033.28". */
export function formatPersonNumber(value: string): string {
  return `${value.slice(0, 2)}.${value.slice(2, 4)}.${value.slice(4, 6)}-${value.slice(6, 9)}.${value.slice(9, 11)}`;
}

/** A valid NISS (or BIS with month +40, i.e. sex known) for a birth date and serial (demo and test data only). */
export function makePersonNumber(birthDate: string, serial: number, kind: "niss" | "bis" = "niss"): string {
  const match = /^(19|20)(\d{2})-(\d{2})-(\d{2})$/.exec(birthDate);
  if (!match || !Number.isInteger(serial) || serial < 1 || serial > 998) {
    throw new Error("birth date YYYY-MM-DD (1900–2099) and serial 1–998 expected");
  }
  const [, century, yy, month, day] = match;
  const mm = String(Number(month) + (kind === "bis" ? 40 : 0)).padStart(2, "0");
  const first9 = `${yy}${mm}${day}${String(serial).padStart(3, "0")}`;
  const value = first9 + String(mod97Check(century === "20" ? `2${first9}` : first9)).padStart(2, "0");
  // Round-trip through the parser so an impossible or future date fails here, not in a test later.
  const parsed = parsePersonNumber(value);
  if (!parsed.ok || parsed.birthDate !== birthDate) throw new Error(`cannot make a person number for ${birthDate}`);
  return value;
}
