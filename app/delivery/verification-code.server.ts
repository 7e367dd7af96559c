import { randomBytes } from "node:crypto";

// Crockford's base32: no I, L, O or U, so a code read aloud or typed is not misread.
const ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";

/**
 * A permit's public verification code: 100 random bits (20 base32 characters), shown in
 * groups of four. Unguessable by enumeration; it proves nothing but which permit to look up.
 */
export function newVerificationCode(): string {
  const bytes = randomBytes(13);
  let bits = 0;
  let value = 0;
  let code = "";
  for (const byte of bytes) {
    value = (value << 8) | byte;
    bits += 8;
    while (bits >= 5 && code.length < 20) {
      code += ALPHABET[(value >>> (bits - 5)) & 31];
      bits -= 5;
    }
  }
  return code.match(/.{4}/g)!.join("-");
}

/** What people type back: any case, spaces or dashes, O for 0, I/L for 1. */
export function normaliseVerificationCode(input: string): string | null {
  const compact = input
    .toUpperCase()
    .replace(/[\s-]/g, "")
    .replace(/O/g, "0")
    .replace(/[IL]/g, "1");
  if (!/^[0-9A-HJKMNP-TV-Z]{20}$/.test(compact)) return null;
  return compact.match(/.{4}/g)!.join("-");
}
