/**
 * The key hierarchy (docs/security-crypto.md):
 *
 *   collection data key (32 random bytes, one per collection and key version)
 *     └─ wrapped for each member: ephemeral X25519 → HKDF-SHA256 → AES-256-GCM   wrapForMember
 *   member private key (X25519)
 *     └─ wrapped by a key derived from the member's password (Argon2id)         wrapPrivateKey
 *   recovery key (32 random bytes, written down once) — a key-encryption key like a
 *   password key, for private keys and, as escrow, for data keys                 wrapDataKey
 *
 * Every wrapped blob is a base64url string whose first byte names its format, and every
 * wrapping binds its purpose and owner (collection, member, key version) so a blob copied to
 * another row does not unwrap.
 */
import type { KeyObject } from 'node:crypto';
import {
  createCipheriv,
  createDecipheriv,
  createPublicKey,
  diffieHellman,
  generateKeyPairSync,
  hkdfSync,
  randomBytes,
} from 'node:crypto';
import type { Algorithm, Version } from '@node-rs/argon2';
import { hashRaw } from '@node-rs/argon2';
import { CROCKFORD, crockfordCanonical, crockfordDecode, crockfordEncode, fromBase64UrlStrict, isU32, isWellFormed, lengthPrefixed, toBase64Url, u32 } from './encoding.js';
import { CryptoError } from './errors.js';
import { privateKeyFromRaw, publicKeyFromRaw, rawPrivateKey, rawPublicKey } from './raw-keys.js';
import { assertKey, KEY_BYTES } from './sealing.js';

const NONCE_BYTES = 12;
const TAG_BYTES = 16;
const X25519_BYTES = 32;

/** First byte of a blob wrapped for a member (public-key wrapping), format version 1. */
export const MEMBER_WRAP_V1 = 0x21;
/** First byte of a blob wrapped under a symmetric key-encryption key, format version 1. */
export const KEK_WRAP_V1 = 0x31;

/**
 * Zero a buffer that held key material once it is no longer needed. Best effort: JavaScript
 * strings cannot be wiped and the garbage collector may have copied the bytes, so this narrows
 * the window in which a memory dump shows a key; it does not close it.
 */
export function wipe(...buffers: (Uint8Array | null | undefined)[]): void {
  for (const b of buffers) b?.fill(0);
}

/** A fresh collection data key: 32 bytes from the operating system's CSPRNG. */
export function generateDataKey(): Buffer {
  return randomBytes(KEY_BYTES);
}

// ---------------------------------------------------------------------------------------------
// Member key pairs and wrapping a data key for a member
// ---------------------------------------------------------------------------------------------

/** A member's X25519 key pair, both halves as raw 32-byte buffers. */
export interface MemberKeyPair {
  readonly publicKey: Buffer;
  readonly privateKey: Buffer;
}

export function generateMemberKeyPair(): MemberKeyPair {
  const { publicKey, privateKey } = generateKeyPairSync('x25519');
  return { publicKey: rawPublicKey('x25519', publicKey), privateKey: rawPrivateKey('x25519', privateKey) };
}

/** The public half of a member's raw private key. */
export function memberPublicKey(privateKey: Uint8Array): Buffer {
  return rawPublicKey('x25519', createPublicKey(privateKeyFromRaw('x25519', privateKey)));
}

/** Whose copy of which collection key a wrapped blob is. */
export interface MemberWrapContext {
  readonly collectionId: string;
  readonly memberId: string;
  readonly keyVersion: number;
}

const COLLECTION_KEY_PURPOSE = 'vigil/collection-key/v1';
const MAX_ID_LENGTH = 256;

function checkId(value: unknown, what: string): void {
  if (typeof value !== 'string' || value.length === 0 || value.length > MAX_ID_LENGTH || !isWellFormed(value)) {
    throw new CryptoError('INVALID_ARGUMENT', `${what} must be a non-empty string of at most ${MAX_ID_LENGTH} characters`);
  }
}

function checkKeyVersion(keyVersion: number): void {
  if (!isU32(keyVersion)) throw new CryptoError('INVALID_ARGUMENT', 'keyVersion must be an integer in 0..2^32-1');
}

function memberWrapInfo(ctx: MemberWrapContext): Buffer {
  checkId(ctx.collectionId, 'collectionId');
  checkId(ctx.memberId, 'memberId');
  checkKeyVersion(ctx.keyVersion);
  // Bounded by MAX_ID_LENGTH, so always within HKDF's 1024-byte limit on info.
  return lengthPrefixed([COLLECTION_KEY_PURPOSE, ctx.collectionId, ctx.memberId, u32(ctx.keyVersion)]);
}

/** ECDH, then HKDF over the shared secret with both public keys as salt and the context as info. */
function memberKek(
  privateKey: KeyObject,
  publicKey: KeyObject,
  ephemeralPublic: Buffer,
  recipientPublic: Buffer,
  info: Buffer,
): Buffer | null {
  const shared = diffieHellman({ privateKey, publicKey });
  try {
    // A low-order public key yields an all-zero secret (RFC 7748 §6.1): refuse it.
    if (shared.every((b) => b === 0)) return null;
    return Buffer.from(hkdfSync('sha256', shared, Buffer.concat([ephemeralPublic, recipientPublic]), info, KEY_BYTES));
  } finally {
    shared.fill(0);
  }
}

/**
 * Wrap a collection data key for one member. Format (base64url):
 *   0x21 | ephemeralPublicKey(32) | nonce(12) | encryptedKey(32) | tag(16)
 * Only the holder of the member's private key, asking for the same collection, member and key
 * version, can unwrap it.
 */
export function wrapForMember(dataKey: Uint8Array, memberPublic: Uint8Array, ctx: MemberWrapContext): string {
  assertKey(dataKey, 'data key');
  const info = memberWrapInfo(ctx);
  const recipientPublic = Buffer.from(memberPublic);
  const recipient = publicKeyFromRaw('x25519', recipientPublic);
  const ephemeral = generateKeyPairSync('x25519');
  const ephemeralPublic = rawPublicKey('x25519', ephemeral.publicKey);
  let kek: Buffer | null;
  try {
    kek = memberKek(ephemeral.privateKey, recipient, ephemeralPublic, recipientPublic, info);
  } catch {
    kek = null;
  }
  if (!kek) throw new CryptoError('INVALID_ARGUMENT', 'member public key is not usable');
  try {
    const head = Buffer.concat([Buffer.from([MEMBER_WRAP_V1]), ephemeralPublic]);
    return toBase64Url(Buffer.concat([head, ...aesGcmEncrypt(kek, dataKey, head)]));
  } finally {
    kek.fill(0);
  }
}

/** Unwrap a member's copy of a collection data key; throws CryptoError UNWRAP_FAILED on any failure. */
export function unwrapForMember(wrapped: string, memberPrivate: Uint8Array, ctx: MemberWrapContext): Buffer {
  const info = memberWrapInfo(ctx);
  const bytes = fromBase64UrlStrict(wrapped);
  if (!bytes || bytes.length !== 1 + X25519_BYTES + NONCE_BYTES + KEY_BYTES + TAG_BYTES || bytes[0] !== MEMBER_WRAP_V1) {
    throw unwrapFailed();
  }
  const head = bytes.subarray(0, 1 + X25519_BYTES);
  const ephemeralPublic = Buffer.from(head.subarray(1));
  try {
    const privateKey = privateKeyFromRaw('x25519', memberPrivate);
    const recipientPublic = rawPublicKey('x25519', createPublicKey(privateKey));
    const kek = memberKek(privateKey, publicKeyFromRaw('x25519', ephemeralPublic), ephemeralPublic, recipientPublic, info);
    if (!kek) throw unwrapFailed();
    try {
      return aesGcmDecrypt(kek, bytes.subarray(head.length), head);
    } finally {
      kek.fill(0);
    }
  } catch (e) {
    if (e instanceof CryptoError && e.code === 'INVALID_ARGUMENT') throw e;
    throw unwrapFailed();
  }
}

// ---------------------------------------------------------------------------------------------
// Symmetric wrapping under a key-encryption key (a password-derived key or a recovery key)
// ---------------------------------------------------------------------------------------------

function unwrapFailed(): CryptoError {
  // One message for every cause, so a caller cannot be used as an oracle for which part is wrong.
  return new CryptoError('UNWRAP_FAILED', 'wrapped key cannot be unwrapped with this key and context');
}

/** Returns [nonce, ciphertext, tag]. */
function aesGcmEncrypt(key: Uint8Array, plaintext: Uint8Array, ad: Uint8Array): Buffer[] {
  const nonce = randomBytes(NONCE_BYTES);
  const cipher = createCipheriv('aes-256-gcm', key, nonce, { authTagLength: TAG_BYTES });
  cipher.setAAD(ad);
  const body = Buffer.concat([cipher.update(plaintext), cipher.final()]);
  return [nonce, body, cipher.getAuthTag()];
}

/** Input: nonce | ciphertext | tag. */
function aesGcmDecrypt(key: Uint8Array, sealed: Uint8Array, ad: Uint8Array): Buffer {
  const nonce = sealed.subarray(0, NONCE_BYTES);
  const body = sealed.subarray(NONCE_BYTES, sealed.length - TAG_BYTES);
  const tag = sealed.subarray(sealed.length - TAG_BYTES);
  const decipher = createDecipheriv('aes-256-gcm', key, nonce, { authTagLength: TAG_BYTES });
  decipher.setAAD(ad);
  decipher.setAuthTag(tag);
  return Buffer.concat([decipher.update(body), decipher.final()]);
}

/**
 * Format (base64url): 0x31 | nonce(12) | ciphertext(32) | tag(16). The associated data is the
 * length-prefixed purpose label and binding, then the one-byte header.
 */
function wrapUnderKek(secret: Uint8Array, kek: Uint8Array, binding: readonly (string | Uint8Array)[]): string {
  assertKey(kek, 'key-encryption key');
  const head = Buffer.from([KEK_WRAP_V1]);
  const ad = Buffer.concat([lengthPrefixed(binding), head]);
  return toBase64Url(Buffer.concat([head, ...aesGcmEncrypt(kek, secret, ad)]));
}

function unwrapUnderKek(wrapped: string, kek: Uint8Array, binding: readonly (string | Uint8Array)[], secretBytes: number): Buffer {
  assertKey(kek, 'key-encryption key');
  const bytes = fromBase64UrlStrict(wrapped);
  if (!bytes || bytes.length !== 1 + NONCE_BYTES + secretBytes + TAG_BYTES || bytes[0] !== KEK_WRAP_V1) throw unwrapFailed();
  const ad = Buffer.concat([lengthPrefixed(binding), bytes.subarray(0, 1)]);
  try {
    return aesGcmDecrypt(kek, bytes.subarray(1), ad);
  } catch {
    throw unwrapFailed();
  }
}

const PRIVATE_KEY_PURPOSE = 'vigil/member-private-key/v1';
const ESCROW_PURPOSE = 'vigil/collection-key-escrow/v1';

/**
 * Wrap a member's raw X25519 private key under a password-derived key (or a recovery key),
 * bound to the member so the blob cannot be moved to another member's row.
 */
export function wrapPrivateKey(privateKey: Uint8Array, kek: Uint8Array, memberId: string): string {
  if (!(privateKey instanceof Uint8Array) || privateKey.length !== X25519_BYTES) {
    throw new CryptoError('INVALID_ARGUMENT', `private key must be ${X25519_BYTES} bytes`);
  }
  checkId(memberId, 'memberId');
  return wrapUnderKek(privateKey, kek, [PRIVATE_KEY_PURPOSE, memberId]);
}

export function unwrapPrivateKey(wrapped: string, kek: Uint8Array, memberId: string): Buffer {
  checkId(memberId, 'memberId');
  return unwrapUnderKek(wrapped, kek, [PRIVATE_KEY_PURPOSE, memberId], X25519_BYTES);
}

/** Which collection key an escrowed blob holds. */
export interface EscrowContext {
  readonly collectionId: string;
  readonly keyVersion: number;
}

/** Escrow a collection data key under a recovery key (or any 32-byte key-encryption key). */
export function wrapDataKey(dataKey: Uint8Array, kek: Uint8Array, ctx: EscrowContext): string {
  assertKey(dataKey, 'data key');
  checkId(ctx.collectionId, 'collectionId');
  checkKeyVersion(ctx.keyVersion);
  return wrapUnderKek(dataKey, kek, [ESCROW_PURPOSE, ctx.collectionId, u32(ctx.keyVersion)]);
}

export function unwrapDataKey(wrapped: string, kek: Uint8Array, ctx: EscrowContext): Buffer {
  checkId(ctx.collectionId, 'collectionId');
  checkKeyVersion(ctx.keyVersion);
  return unwrapUnderKek(wrapped, kek, [ESCROW_PURPOSE, ctx.collectionId, u32(ctx.keyVersion)], KEY_BYTES);
}

// ---------------------------------------------------------------------------------------------
// Password-derived keys
// ---------------------------------------------------------------------------------------------

/** Argon2id cost parameters (memory in KiB). */
export interface KdfParams {
  readonly memoryCost: number;
  readonly timeCost: number;
  readonly parallelism: number;
}

/** 64 MiB, 3 passes, 1 lane: RFC 9106's second recommended option. Store the params with the salt. */
export const PASSWORD_KDF_PARAMS: KdfParams = Object.freeze({ memoryCost: 65_536, timeCost: 3, parallelism: 1 });
export const SALT_BYTES = 16;

// The library's enums are `const enum`s, which isolatedModules cannot read: use their values.
export const ARGON2ID = 2 as Algorithm;
export const ARGON2_V13 = 1 as Version;

export function generateSalt(): Buffer {
  return randomBytes(SALT_BYTES);
}

/**
 * Derive a 32-byte key-encryption key from a password with Argon2id. The password is
 * NFKC-normalised first, so the same password typed on another keyboard or system derives the
 * same key. `params` may be lowered in tests only.
 */
export async function deriveKeyFromPassword(password: string, salt: Uint8Array, params: KdfParams = PASSWORD_KDF_PARAMS): Promise<Buffer> {
  if (typeof password !== 'string' || !isWellFormed(password)) {
    throw new CryptoError('INVALID_ARGUMENT', 'password must be well-formed Unicode');
  }
  if (!(salt instanceof Uint8Array) || salt.length < SALT_BYTES) {
    throw new CryptoError('INVALID_ARGUMENT', `salt must be at least ${SALT_BYTES} bytes`);
  }
  return hashRaw(password.normalize('NFKC'), {
    algorithm: ARGON2ID,
    version: ARGON2_V13,
    memoryCost: params.memoryCost,
    timeCost: params.timeCost,
    parallelism: params.parallelism,
    outputLen: KEY_BYTES,
    salt,
  });
}

// ---------------------------------------------------------------------------------------------
// Recovery key
// ---------------------------------------------------------------------------------------------

const RECOVERY_KEY_BYTES = 32;
const RECOVERY_DATA_CHARS = Math.ceil((RECOVERY_KEY_BYTES * 8) / 5); // 52
const RECOVERY_CHECK_CHARS = 4;
const RECOVERY_GROUP = 4;
/**
 * The checksum is the key, read as a 256-bit number, modulo the largest prime below 2^20,
 * written as four base32 characters. Changing one character changes the number by d·32^k with
 * 0 < |d| < 32, and swapping two neighbours changes it by (a−b)·31·32^k; a prime above 32
 * divides neither, so every single-character typo and every swap of neighbours is caught, and
 * any other mistake slips through about once in a million.
 */
const RECOVERY_CHECK_MODULUS = 1_048_573n;

function recoveryChecksum(bytes: Uint8Array): string {
  const check = Number(BigInt(`0x${Buffer.from(bytes).toString('hex')}`) % RECOVERY_CHECK_MODULUS);
  let out = '';
  for (let shift = 15; shift >= 0; shift -= 5) out += CROCKFORD[(check >>> shift) & 31];
  return out;
}

/**
 * A recovery key to be written down once: 32 random bytes as 52 Crockford base32 characters
 * plus a 4-character checksum, in groups of four:
 *   `7G3K-Q0ZD-…-M4TW` (14 groups).
 * It is used directly as a 32-byte key-encryption key (recoveryKeyToBytes), never stored.
 */
export function generateRecoveryKey(): string {
  const bytes = randomBytes(RECOVERY_KEY_BYTES);
  const text = crockfordEncode(bytes) + recoveryChecksum(bytes);
  bytes.fill(0);
  return text.match(new RegExp(`.{1,${RECOVERY_GROUP}}`, 'g'))!.join('-');
}

/**
 * The 32 key bytes of a recovery key as a person typed it: case, spaces and dashes do not
 * matter, and O/I/L read as 0/1/1. A wrong length, a foreign character or a checksum mismatch
 * (a typo) throws CryptoError RECOVERY_KEY_INVALID.
 */
export function recoveryKeyToBytes(text: string): Buffer {
  const compact = typeof text === 'string' ? text.replace(/[\s\-‐-―]+/gu, '').toUpperCase() : '';
  if (compact.length !== RECOVERY_DATA_CHARS + RECOVERY_CHECK_CHARS) {
    throw new CryptoError(
      'RECOVERY_KEY_INVALID',
      `a recovery key has ${RECOVERY_DATA_CHARS + RECOVERY_CHECK_CHARS} characters; this one has ${compact.length}`,
    );
  }
  const bytes = crockfordDecode(compact.slice(0, RECOVERY_DATA_CHARS), RECOVERY_KEY_BYTES);
  const check = crockfordCanonical(compact.slice(RECOVERY_DATA_CHARS));
  if (!bytes || check === null || recoveryChecksum(bytes) !== check) {
    wipe(bytes);
    throw new CryptoError('RECOVERY_KEY_INVALID', 'the recovery key has a typo: check each group again');
  }
  return bytes;
}
