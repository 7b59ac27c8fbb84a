/**
 * Raw 32-byte X25519 / Ed25519 keys ↔ node:crypto KeyObjects. Internal to src/crypto.
 *
 * Keys are stored and passed around as raw 32-byte Buffers: compact, easy to seal or wrap, and
 * easy to wipe. Node imports them through fixed DER prefixes (RFC 8410), which never vary for
 * these curves.
 */
import type { KeyObject } from 'node:crypto';
import { createPrivateKey, createPublicKey } from 'node:crypto';
import { CryptoError } from './errors.js';

export type Curve = 'x25519' | 'ed25519';

const SPKI_PREFIX: Record<Curve, Buffer> = {
  x25519: Buffer.from('302a300506032b656e032100', 'hex'),
  ed25519: Buffer.from('302a300506032b6570032100', 'hex'),
};
const PKCS8_PREFIX: Record<Curve, Buffer> = {
  x25519: Buffer.from('302e020100300506032b656e04220420', 'hex'),
  ed25519: Buffer.from('302e020100300506032b657004220420', 'hex'),
};

export const RAW_KEY_BYTES = 32;

function checkRaw(raw: Uint8Array, what: string): void {
  if (!(raw instanceof Uint8Array) || raw.length !== RAW_KEY_BYTES) {
    throw new CryptoError('INVALID_ARGUMENT', `${what} must be ${RAW_KEY_BYTES} bytes`);
  }
}

export function publicKeyFromRaw(curve: Curve, raw: Uint8Array): KeyObject {
  checkRaw(raw, `${curve} public key`);
  return createPublicKey({ key: Buffer.concat([SPKI_PREFIX[curve], raw]), format: 'der', type: 'spki' });
}

export function privateKeyFromRaw(curve: Curve, raw: Uint8Array): KeyObject {
  checkRaw(raw, `${curve} private key`);
  const der = Buffer.concat([PKCS8_PREFIX[curve], raw]);
  try {
    return createPrivateKey({ key: der, format: 'der', type: 'pkcs8' });
  } finally {
    der.fill(0);
  }
}

export function rawPublicKey(curve: Curve, key: KeyObject): Buffer {
  const der = key.export({ format: 'der', type: 'spki' });
  return Buffer.from(der.subarray(SPKI_PREFIX[curve].length));
}

export function rawPrivateKey(curve: Curve, key: KeyObject): Buffer {
  const der = key.export({ format: 'der', type: 'pkcs8' });
  const raw = Buffer.from(der.subarray(PKCS8_PREFIX[curve].length));
  der.fill(0);
  return raw;
}
