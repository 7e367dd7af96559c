import type { FieldError } from "./errors";

/**
 * What typed text may be, wherever it is read (docs/decisions/013-hostile-input.md). Pure:
 * the HTTP edge cleans every posted value with `cleanInput`; the checks below (`textError`,
 * `textLength`, `cutText`) are what every free-text field's length limit and message use.
 */

/**
 * Bidirectional override and embedding controls (LRE, RLE, PDF, LRO, RLO; LRI, RLI, FSI,
 * PDI). They reorder what a reader sees ("invoice\u202Efdp.exe" shows as "invoiceexe.pdf"),
 * so they are refused with a message rather than silently dropped: the person sees what
 * was wrong and types the text again. The implicit marks (U+200E/U+200F, ALM) are kept:
 * they change nothing but neutral characters' direction, and Arabic or Hebrew keyboards type them.
 */
export const BIDI_CONTROL = /[\u202A-\u202E\u2066-\u2069]/;

/**
 * Control characters no form has a use for: C0 except tab and line feed, DEL, C1. They are
 * invisible, a NUL is refused by PostgreSQL's text and jsonb columns, and none carries
 * meaning a person typed, so they are dropped rather than refused.
 */
const CONTROL = /[\u0000-\u0008\u000B-\u001F\u007F-\u009F]/g;

/** Half of a surrogate pair with its other half missing (what cutting an emoji in two leaves). */
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/**
 * The one cleaning every posted text value gets at the edge: a lone surrogate (half an
 * emoji, which jsonb refuses) becomes U+FFFD; CR LF and lone CR become LF; controls
 * other than tab and line feed are dropped; then Unicode NFC, so "é" typed as e + ◌́ and as
 * é is one value. Bidi controls are left for `textError` to refuse with a message.
 */
export function cleanInput(value: string): string {
  return value.replace(LONE_SURROGATE, "\uFFFD").replace(/\r\n?/g, "\n").replace(CONTROL, "").normalize("NFC");
}

const graphemes = new Intl.Segmenter("en", { granularity: "grapheme" });

/** Length as a person counts it: user-perceived characters (an emoji with its modifiers is one). */
export function textLength(value: string): number {
  // Every grapheme is at least one UTF-16 unit: a short value needs no segmenting.
  if (value.length <= 1) return value.length;
  let count = 0;
  for (const segment of graphemes.segment(value)) void segment, count++;
  return count;
}

/** The first `max` characters (graphemes), never half a surrogate pair or half an emoji. */
export function cutText(value: string, max: number): string {
  if (value.length <= max) return value;
  let end = 0;
  let count = 0;
  for (const { index, segment } of graphemes.segment(value)) {
    if (count === max) break;
    end = index + segment.length;
    count++;
  }
  return value.slice(0, end);
}

/**
 * The problem of a free-text value, or null: a bidi control (refused, see BIDI_CONTROL),
 * or more than `max` characters. `tooLong` is the message key of the form it belongs to.
 */
export function textError(value: string, max: number, tooLong: string): FieldError | null {
  if (BIDI_CONTROL.test(value)) return { key: "form.errors.bidiControl" };
  if (textLength(value) > max) return { key: tooLong, values: { max } };
  return null;
}
