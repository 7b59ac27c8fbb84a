/**
 * Second factor: TOTP (RFC 6238) and one-time recovery codes.
 *
 * TOTP parameters are the ones every authenticator app understands: HMAC-SHA1, 6 digits,
 * 30-second steps. A code is accepted one step early or late (clock drift), and never twice:
 * the caller stores the step of the last accepted code and passes it back, and any step at or
 * before it is refused, so a code seen over a shoulder or replayed from a log is useless.
 *
 * The TOTP secret is a shared secret: whoever reads it can produce codes. Store it sealed
 * (sealing.ts), never in clear.
 */
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { HOTP, Secret, TOTP } from 'otpauth';
import { CROCKFORD, crockfordCanonical, isWellFormed, lengthPrefixed } from './encoding.js';
import { CryptoError } from './errors.js';

export const TOTP_ISSUER = 'Vigil';
export const TOTP_PERIOD_SECONDS = 30;
export const TOTP_DIGITS = 6;
const TOTP_ALGORITHM = 'SHA1';
/** Steps accepted either side of the current one. */
export const TOTP_WINDOW = 1;
/** 160-bit secrets, the HMAC-SHA1 key size RFC 4226 recommends. */
const TOTP_SECRET_BYTES = 20;

/** A fresh TOTP secret, as the RFC 4648 base32 string authenticator apps take. */
export function newTotpSecret(): string {
  return new Secret({ size: TOTP_SECRET_BYTES }).base32;
}

function secretFrom(base32: string): Secret {
  try {
    const secret = Secret.fromBase32(base32);
    if (secret.bytes.length < 16) throw new Error('short');
    return secret;
  } catch {
    throw new CryptoError('INVALID_ARGUMENT', 'TOTP secret must be base32 of at least 16 bytes');
  }
}

/** The otpauth:// URI to show as a QR code when the second factor is set up. */
export function totpUri(secret: string, accountLabel: string): string {
  return new TOTP({
    issuer: TOTP_ISSUER,
    label: accountLabel,
    secret: secretFrom(secret),
    algorithm: TOTP_ALGORITHM,
    digits: TOTP_DIGITS,
    period: TOTP_PERIOD_SECONDS,
  }).toString();
}

/** The time step a moment falls in. */
export function totpStep(now: Date): number {
  return Math.floor(now.getTime() / 1000 / TOTP_PERIOD_SECONDS);
}

/** The code for a moment (for tests and for showing a set-up check). */
export function totpCode(secret: string, now: Date): string {
  return codeAt(secretFrom(secret), totpStep(now));
}

function codeAt(secret: Secret, step: number): string {
  return HOTP.generate({ secret, algorithm: TOTP_ALGORITHM, digits: TOTP_DIGITS, counter: step });
}

export type TotpResult = { ok: true; step: number } | { ok: false };

/**
 * Check a TOTP code at `now`. Accepts the current step and one either side, but only steps
 * after `lastUsedStep`; on success returns the step to store as the new `lastUsedStep`.
 * Spaces in the code are ignored ("123 456").
 */
export function verifyTotp(secret: string, code: string, now: Date, lastUsedStep: number | null): TotpResult {
  const key = secretFrom(secret);
  const typed = typeof code === 'string' ? code.replace(/\s+/gu, '') : '';
  if (!/^\d+$/u.test(typed) || typed.length !== TOTP_DIGITS) return { ok: false };
  const current = totpStep(now);
  let accepted: number | null = null;
  // Every candidate is computed and compared, so the time taken does not say which one matched.
  for (let step = current - TOTP_WINDOW; step <= current + TOTP_WINDOW; step++) {
    const matches = timingSafeEqual(Buffer.from(codeAt(key, step)), Buffer.from(typed));
    const fresh = lastUsedStep === null || step > lastUsedStep;
    if (matches && fresh && accepted === null) accepted = step;
  }
  return accepted === null ? { ok: false } : { ok: true, step: accepted };
}

// ---------------------------------------------------------------------------------------------
// Recovery codes
// ---------------------------------------------------------------------------------------------

/**
 * Recovery codes are 80 random bits each, as 16 Crockford base32 characters in four groups
 * (`7g3k-q0zd-m4tw-x2b9`). 80 bits, not the 40–60 that are common elsewhere, because our
 * adversary may take the database and test guesses offline; at 80 bits a fast keyed hash is
 * enough, so codes are stored as HMAC-SHA256 under a per-install pepper (kept outside the
 * database) and bound to the user, rather than as Argon2 hashes that would have to be tried
 * one by one at every use.
 */
const RECOVERY_CODE_BYTES = 10;
const RECOVERY_CODE_CHARS = 16;
const RECOVERY_CODE_PURPOSE = 'vigil/recovery-code/v1';
export const PEPPER_MIN_BYTES = 32;

export function generateRecoveryCodes(n = 10): string[] {
  if (!Number.isInteger(n) || n < 1 || n > 100) throw new CryptoError('INVALID_ARGUMENT', 'n must be an integer in 1..100');
  const codes = new Set<string>();
  while (codes.size < n) {
    const bytes = randomBytes(RECOVERY_CODE_BYTES);
    let chars = '';
    // 10 bytes = 80 bits = exactly 16 base32 characters.
    let acc = 0n;
    for (const b of bytes) acc = (acc << 8n) | BigInt(b);
    for (let i = RECOVERY_CODE_CHARS - 1; i >= 0; i--) chars += CROCKFORD[Number((acc >> BigInt(i * 5)) & 31n)];
    codes.add(chars.toLowerCase().match(/.{4}/g)!.join('-'));
  }
  return [...codes];
}

/** The canonical form of a typed recovery code, or null if it cannot be one. */
function canonicalRecoveryCode(code: string): string | null {
  if (typeof code !== 'string') return null;
  const compact = code.replace(/[\s\-‐-―]+/gu, '');
  if (compact.length !== RECOVERY_CODE_CHARS) return null;
  return crockfordCanonical(compact);
}

function checkPepper(pepper: Uint8Array): void {
  if (!(pepper instanceof Uint8Array) || pepper.length < PEPPER_MIN_BYTES) {
    throw new CryptoError('INVALID_ARGUMENT', `pepper must be at least ${PEPPER_MIN_BYTES} bytes`);
  }
}

function checkUserId(userId: string): void {
  if (typeof userId !== 'string' || userId.length === 0 || !isWellFormed(userId)) {
    throw new CryptoError('INVALID_ARGUMENT', 'userId must be a non-empty string');
  }
}

function mac(canonical: string, pepper: Uint8Array, userId: string): Buffer {
  return createHmac('sha256', pepper).update(lengthPrefixed([RECOVERY_CODE_PURPOSE, userId, canonical])).digest();
}

/** The hash to store for one recovery code: hex HMAC-SHA256(pepper, purpose | userId | code). */
export function hashRecoveryCode(code: string, pepper: Uint8Array, userId: string): string {
  checkPepper(pepper);
  checkUserId(userId);
  const canonical = canonicalRecoveryCode(code);
  if (canonical === null) throw new CryptoError('INVALID_ARGUMENT', 'not a recovery code');
  return mac(canonical, pepper, userId).toString('hex');
}

export type RecoveryCodeResult = { ok: true; index: number } | { ok: false };

/**
 * Check a typed recovery code against the user's stored hashes. On success returns the index
 * of the matching hash, which the caller must delete in the same transaction: each code works
 * once. Case, spaces, dashes and O/I/L look-alikes do not matter.
 */
export function verifyRecoveryCode(code: string, storedHashes: readonly string[], pepper: Uint8Array, userId: string): RecoveryCodeResult {
  checkPepper(pepper);
  checkUserId(userId);
  const canonical = canonicalRecoveryCode(code);
  if (canonical === null) return { ok: false };
  const candidate = mac(canonical, pepper, userId);
  let index = -1;
  // Compare against every stored hash, so the time taken does not say which one matched.
  storedHashes.forEach((stored, i) => {
    const bytes = /^[0-9a-f]{64}$/u.test(stored) ? Buffer.from(stored, 'hex') : Buffer.alloc(candidate.length);
    if (timingSafeEqual(bytes, candidate) && index === -1) index = i;
  });
  return index === -1 ? { ok: false } : { ok: true, index };
}
