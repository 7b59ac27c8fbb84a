/**
 * Field sealing: AES-256-GCM over one identifying value (a name, an address, a testimony),
 * bound to the exact place it is stored.
 *
 * Sealed format (then base64url, so it fits a text column on both engines):
 *
 *   format(1) = 0x01 | keyVersion(u32 BE) | nonce(12) | ciphertext(n) | tag(16)
 *
 * The associated data is the length-prefixed encoding of
 *   "vigil/field-seal/v1", table, column, rowId, collectionId, keyVersion(u32 BE), header(5)
 * so a value copied to another row, column, table or collection, or relabelled with another key
 * version, fails to open instead of silently becoming someone else's name.
 */
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { CryptoError } from './errors.js';
import { fromBase64UrlStrict, isU32, isWellFormed, lengthPrefixed, toBase64Url, u32 } from './encoding.js';

export const SEAL_FORMAT_V1 = 0x01;
export const KEY_BYTES = 32;
const HEADER_BYTES = 1 + 4;
const NONCE_BYTES = 12;
const TAG_BYTES = 16;
const MIN_SEALED_BYTES = HEADER_BYTES + NONCE_BYTES + TAG_BYTES;
const AD_LABEL = 'vigil/field-seal/v1';

/** Where a sealed value lives; every field is bound into the ciphertext. */
export interface SealContext {
  readonly table: string;
  readonly column: string;
  readonly rowId: string;
  readonly collectionId: string;
  /** Version of the collection's data key that seals this value (rotation bumps it). */
  readonly keyVersion: number;
}

export function assertKey(key: Uint8Array, what = 'key'): void {
  if (!(key instanceof Uint8Array) || key.length !== KEY_BYTES) {
    throw new CryptoError('INVALID_ARGUMENT', `${what} must be ${KEY_BYTES} bytes`);
  }
}

function checkContext(ctx: SealContext): void {
  for (const name of ['table', 'column', 'rowId', 'collectionId'] as const) {
    const v = ctx[name];
    if (typeof v !== 'string' || v.length === 0 || !isWellFormed(v)) {
      throw new CryptoError('INVALID_ARGUMENT', `seal context ${name} must be a non-empty string`);
    }
  }
  if (!isU32(ctx.keyVersion)) {
    throw new CryptoError('INVALID_ARGUMENT', 'seal context keyVersion must be an integer in 0..2^32-1');
  }
}

function associatedData(ctx: SealContext, header: Buffer): Buffer {
  return lengthPrefixed([AD_LABEL, ctx.table, ctx.column, ctx.rowId, ctx.collectionId, u32(ctx.keyVersion), header]);
}

function header(keyVersion: number): Buffer {
  return Buffer.concat([Buffer.from([SEAL_FORMAT_V1]), u32(keyVersion)]);
}

/** Seal a value for one field of one row. Two seals of the same value differ (random nonce). */
export function seal(key: Uint8Array, ctx: SealContext, plaintext: string | Uint8Array): string {
  assertKey(key);
  checkContext(ctx);
  if (typeof plaintext === 'string' && !isWellFormed(plaintext)) {
    // A lone surrogate would be replaced by U+FFFD: the value would not round-trip.
    throw new CryptoError('INVALID_ARGUMENT', 'plaintext must be well-formed Unicode');
  }
  const data = typeof plaintext === 'string' ? Buffer.from(plaintext, 'utf8') : plaintext;
  const head = header(ctx.keyVersion);
  // A random 96-bit nonce is safe for about 2^32 seals under one key; key rotation
  // (a new keyVersion) keeps every collection far below that.
  const nonce = randomBytes(NONCE_BYTES);
  const cipher = createCipheriv('aes-256-gcm', key, nonce, { authTagLength: TAG_BYTES });
  cipher.setAAD(associatedData(ctx, head));
  const body = Buffer.concat([cipher.update(data), cipher.final()]);
  return toBase64Url(Buffer.concat([head, nonce, body, cipher.getAuthTag()]));
}

function invalid(): CryptoError {
  // One message for every cause: which check failed is of no use to a legitimate caller.
  return new CryptoError('SEAL_INVALID', 'sealed value cannot be opened with this key and context');
}

function decode(sealed: string): Buffer {
  const bytes = typeof sealed === 'string' ? fromBase64UrlStrict(sealed) : null;
  if (!bytes || bytes.length < MIN_SEALED_BYTES || bytes[0] !== SEAL_FORMAT_V1) throw invalid();
  return bytes;
}

/**
 * The key version a sealed value names, so the caller can fetch that key. Not authenticated
 * by itself: open() refuses a value whose header was changed.
 */
export function sealedKeyVersion(sealed: string): number {
  return decode(sealed).readUInt32BE(1);
}

/** Open a sealed value to its bytes; throws CryptoError SEAL_INVALID on any failure. */
export function openBytes(key: Uint8Array, ctx: SealContext, sealed: string): Buffer {
  assertKey(key);
  checkContext(ctx);
  const bytes = decode(sealed);
  const head = bytes.subarray(0, HEADER_BYTES);
  if (head.readUInt32BE(1) !== ctx.keyVersion) throw invalid();
  const nonce = bytes.subarray(HEADER_BYTES, HEADER_BYTES + NONCE_BYTES);
  const body = bytes.subarray(HEADER_BYTES + NONCE_BYTES, bytes.length - TAG_BYTES);
  const tag = bytes.subarray(bytes.length - TAG_BYTES);
  try {
    const decipher = createDecipheriv('aes-256-gcm', key, nonce, { authTagLength: TAG_BYTES });
    decipher.setAAD(associatedData(ctx, head));
    decipher.setAuthTag(tag);
    return Buffer.concat([decipher.update(body), decipher.final()]);
  } catch {
    throw invalid();
  }
}

const UTF8 = new TextDecoder('utf-8', { fatal: true });

/** Open a sealed text value; a value sealed from bytes that are not UTF-8 is refused. */
export function open(key: Uint8Array, ctx: SealContext, sealed: string): string {
  const bytes = openBytes(key, ctx, sealed);
  try {
    return UTF8.decode(bytes);
  } catch {
    throw new CryptoError('SEAL_INVALID', 'sealed value is not text');
  } finally {
    bytes.fill(0);
  }
}
