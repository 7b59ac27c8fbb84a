/**
 * Errors raised by the cryptographic primitives.
 *
 * Deliberately not a VigilError: a value that fails to open or unwrap is an integrity or
 * key-management failure, not a fault in the caller's request, so it must not be mapped to a
 * 4xx that echoes details. The layer that calls these primitives decides what the user sees
 * (usually a generic 500, or a validation error for a mistyped recovery key).
 *
 * Messages never contain plaintext, key material or the sealed value: they may end up in logs.
 */
export type CryptoErrorCode =
  /** A sealed field failed to open: wrong key, wrong context, tampered or malformed. */
  | 'SEAL_INVALID'
  /** A wrapped key failed to unwrap: wrong member, password, recovery key, context or tampered. */
  | 'UNWRAP_FAILED'
  /** A recovery key as typed by a person is malformed or fails its checksum. */
  | 'RECOVERY_KEY_INVALID'
  /** A caller passed something unusable (wrong key length, bad context): a programming error. */
  | 'INVALID_ARGUMENT';

export class CryptoError extends Error {
  readonly code: CryptoErrorCode;
  constructor(code: CryptoErrorCode, message: string) {
    super(message);
    this.name = 'CryptoError';
    this.code = code;
  }
}

export function isCryptoError(e: unknown): e is CryptoError {
  return e instanceof CryptoError;
}
