/**
 * Keyed blind indexes: equality search over sealed names without unsealing them.
 *
 * A name is split into normalised tokens; each token, and its Latin transliteration when that
 * differs, is stored as HMAC-SHA256(key, "name:" + token) truncated to 128 bits. Searching for
 * "Magomed" then finds a person sealed as "Магомед": both produce the token of "magomed".
 *
 * What this reveals to someone holding the database but not the key: which rows share a name
 * token, and how often each token occurs (a frequency profile: the commonest token in a
 * North Caucasus collection is probably "magomed"). It does not let them test a guess without
 * the key. See docs/security-crypto.md.
 */
import { createHmac, hkdfSync } from 'node:crypto';
import { isU32, isWellFormed, lengthPrefixed, u32 } from './encoding.js';
import { CryptoError } from './errors.js';

/**
 * Cyrillic → Latin as in ICAO Doc 9303 (machine-readable passports), the spelling Russian
 * citizens' names take in their passports. Extended with the Ukrainian and Belarusian letters
 * ICAO also lists, so those names do not fall through untransliterated.
 */
export const ICAO_9303_CYRILLIC: Readonly<Record<string, string>> = Object.freeze({
  а: 'a',
  б: 'b',
  в: 'v',
  г: 'g',
  д: 'd',
  е: 'e',
  ё: 'e',
  ж: 'zh',
  з: 'z',
  и: 'i',
  й: 'i',
  к: 'k',
  л: 'l',
  м: 'm',
  н: 'n',
  о: 'o',
  п: 'p',
  р: 'r',
  с: 's',
  т: 't',
  у: 'u',
  ф: 'f',
  х: 'kh',
  ц: 'ts',
  ч: 'ch',
  ш: 'sh',
  щ: 'shch',
  ъ: 'ie',
  ы: 'y',
  ь: '',
  э: 'e',
  ю: 'iu',
  я: 'ia',
  // Ukrainian and Belarusian.
  ґ: 'g',
  є: 'ie',
  і: 'i',
  ї: 'i',
  ў: 'u',
});

// Splits on anything that is not a letter or a combining mark, so "Абу-Бакар", "O'Neil" and
// "Исаев," split into words while letters carrying marks stay whole.
const NON_LETTERS = /[^\p{L}\p{M}]+/u;
const MARKS = /\p{M}+/gu;

/**
 * The words of a name, normalised for comparison: NFKC, lower case, ё → е, split on anything
 * that is not a letter, empty pieces dropped. Script is kept: "Магомед" stays Cyrillic.
 */
export function normaliseNameTokens(name: string): string[] {
  return name
    .normalize('NFKC')
    .toLowerCase()
    .replaceAll('ё', 'е')
    .split(NON_LETTERS)
    .filter((t) => t.length > 0);
}

/**
 * A token's Latin form: Cyrillic letters by ICAO Doc 9303, other letters without their
 * diacritics (é → e), anything else unchanged.
 */
export function latinForm(token: string): string {
  let out = '';
  for (const ch of token) {
    const mapped = ICAO_9303_CYRILLIC[ch];
    out += mapped ?? ch.normalize('NFD').replace(MARKS, '');
  }
  return out.normalize('NFC');
}

const TOKEN_BYTES = 16;
const KEY_MIN_BYTES = 32;

function checkKey(key: Uint8Array): void {
  if (!(key instanceof Uint8Array) || key.length < KEY_MIN_BYTES) {
    throw new CryptoError('INVALID_ARGUMENT', `blind index key must be at least ${KEY_MIN_BYTES} bytes`);
  }
}

/**
 * One blind index value: hex of HMAC-SHA256(key, domain + ":" + value), first 16 bytes. The
 * domain ("name", "phone", …) keeps equal strings in different fields from matching.
 */
export function blindIndex(key: Uint8Array, domain: string, value: string): string {
  checkKey(key);
  if (!/^[a-z_]+$/u.test(domain)) throw new CryptoError('INVALID_ARGUMENT', 'blind index domain must be [a-z_]+');
  if (!isWellFormed(value)) throw new CryptoError('INVALID_ARGUMENT', 'blind index value must be well-formed Unicode');
  return createHmac('sha256', key).update(`${domain}:${value}`, 'utf8').digest().subarray(0, TOKEN_BYTES).toString('hex');
}

/**
 * The index tokens to store for a name: one per distinct normalised word, plus one per
 * distinct Latin form that differs from its word. Sorted, so the stored set does not reveal
 * word order (which word is the surname).
 */
export function blindIndexTokens(key: Uint8Array, name: string): string[] {
  checkKey(key);
  const plain = new Set<string>();
  for (const token of normaliseNameTokens(name)) {
    plain.add(token);
    plain.add(latinForm(token));
  }
  return [...new Set([...plain].map((t) => blindIndex(key, 'name', t)))].sort();
}

/**
 * The tokens to search with for a name typed by a user: one per word, in its Latin form, which
 * every stored name in any script also carries. A row matches when it holds all of them.
 */
export function blindIndexSearchTokens(key: Uint8Array, name: string): string[] {
  checkKey(key);
  return [...new Set(normaliseNameTokens(name).map((t) => blindIndex(key, 'name', latinForm(t))))].sort();
}

/**
 * A collection's blind-index key, derived from its data key so that no second secret has to
 * be wrapped and stored, yet distinct from it (HKDF with its own purpose label), so that index
 * values never reuse the sealing key. A new key version means re-indexing: during a rotation,
 * search with the tokens of every key version still in use.
 */
export function deriveBlindIndexKey(dataKey: Uint8Array, collectionId: string, keyVersion: number): Buffer {
  checkKey(dataKey);
  if (typeof collectionId !== 'string' || collectionId.length === 0 || collectionId.length > 256) {
    throw new CryptoError('INVALID_ARGUMENT', 'collectionId must be a non-empty string of at most 256 characters');
  }
  if (!isU32(keyVersion)) throw new CryptoError('INVALID_ARGUMENT', 'keyVersion must be an integer in 0..2^32-1');
  const info = lengthPrefixed(['vigil/blind-index/v1', collectionId, u32(keyVersion)]);
  return Buffer.from(hkdfSync('sha256', dataKey, Buffer.alloc(0), info, 32));
}
