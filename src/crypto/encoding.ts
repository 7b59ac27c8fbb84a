/**
 * Byte encodings shared by the crypto primitives. Internal to src/crypto: every stored format
 * goes through these so that parsing is strict in one place.
 */
import { CryptoError } from './errors.js';

const BASE64URL = /^[A-Za-z0-9_-]*$/;

export function toBase64Url(bytes: Uint8Array): string {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('base64url');
}

/**
 * Decode base64url, refusing anything that is not the canonical encoding of its bytes. Node's
 * decoder silently skips foreign characters and ignores trailing bits, so without this check
 * several strings would open to the same value and a flipped bit could go unnoticed.
 */
export function fromBase64UrlStrict(text: string): Buffer | null {
  if (!BASE64URL.test(text) || text.length % 4 === 1) return null;
  const bytes = Buffer.from(text, 'base64url');
  return bytes.toString('base64url') === text ? bytes : null;
}

export function u32(n: number): Buffer {
  const b = Buffer.alloc(4);
  b.writeUInt32BE(n);
  return b;
}

export function isU32(n: number): boolean {
  return Number.isSafeInteger(n) && n >= 0 && n <= 0xffff_ffff;
}

// In a /u regular expression a surrogate range matches only unpaired surrogates.
const LONE_SURROGATE = /[\uD800-\uDFFF]/u;

/**
 * A string whose UTF-8 encoding is faithful. A lone surrogate encodes as U+FFFD, so two
 * different strings would share an encoding: refuse them wherever a string is bound into a
 * cryptographic context.
 */
export function isWellFormed(s: string): boolean {
  return !LONE_SURROGATE.test(s);
}

/**
 * Unambiguous concatenation: each part as a 4-byte big-endian length and its bytes. Strings are
 * UTF-8. Used for associated data and KDF info, where `("ab", "c")` and `("a", "bc")` must
 * never collide.
 */
export function lengthPrefixed(parts: readonly (string | Uint8Array)[]): Buffer {
  const chunks: Buffer[] = [];
  for (const part of parts) {
    if (typeof part === 'string' && !isWellFormed(part)) {
      throw new CryptoError('INVALID_ARGUMENT', 'context strings must be well-formed Unicode');
    }
    const bytes = typeof part === 'string' ? Buffer.from(part, 'utf8') : Buffer.from(part);
    chunks.push(u32(bytes.length), bytes);
  }
  return Buffer.concat(chunks);
}

/** Crockford's base32 alphabet: no I, L, O or U, so it survives being read aloud and copied by hand. */
export const CROCKFORD = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
const CROCKFORD_VALUE = new Map<string, number>([...CROCKFORD].map((c, i) => [c, i]));
// Crockford's decoding rules: letters that look like digits read as those digits.
for (const [alias, value] of [
  ['O', 0],
  ['I', 1],
  ['L', 1],
] as const) {
  CROCKFORD_VALUE.set(alias, value);
}

/** Encode bytes as Crockford base32 (upper case, no padding); trailing bits are zero. */
export function crockfordEncode(bytes: Uint8Array): string {
  let out = '';
  let acc = 0;
  let bits = 0;
  for (const byte of bytes) {
    acc = (acc << 8) | byte;
    bits += 8;
    while (bits >= 5) {
      bits -= 5;
      out += CROCKFORD[(acc >>> bits) & 31];
    }
    acc &= (1 << bits) - 1;
  }
  if (bits > 0) out += CROCKFORD[(acc << (5 - bits)) & 31];
  return out;
}

/**
 * Decode Crockford base32 into exactly `byteLength` bytes. Case-insensitive, O/I/L read as
 * 0/1/1; separators must already be removed. Returns null on a foreign character, a wrong
 * length or non-zero padding bits (so each byte string has exactly one spelling).
 */
export function crockfordDecode(text: string, byteLength: number): Buffer | null {
  if (text.length !== Math.ceil((byteLength * 8) / 5)) return null;
  const out = Buffer.alloc(byteLength);
  let acc = 0;
  let bits = 0;
  let i = 0;
  for (const ch of text.toUpperCase()) {
    const v = CROCKFORD_VALUE.get(ch);
    if (v === undefined) return null;
    acc = (acc << 5) | v;
    bits += 5;
    if (bits >= 8) {
      bits -= 8;
      out[i++] = (acc >>> bits) & 0xff;
    }
    acc &= (1 << bits) - 1;
  }
  return acc === 0 ? out : null;
}

/** The canonical spelling (upper case, aliases resolved) of Crockford base32 text, or null. */
export function crockfordCanonical(text: string): string | null {
  let out = '';
  for (const ch of text.toUpperCase()) {
    const v = CROCKFORD_VALUE.get(ch);
    if (v === undefined) return null;
    out += CROCKFORD[v];
  }
  return out;
}
