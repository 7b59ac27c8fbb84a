/**
 * The app's `SecurityServices` port (src/core/security.ts) over the primitives of this folder.
 * One 32-byte server secret (kept beside the server, never in the database: a stolen database
 * or pg_dump holds no part of it) yields, through HKDF with a label each, the recovery-code
 * pepper, the key that seals TOTP secrets, the CSRF key and the seed of the audit signing key.
 */
import { createHash, createHmac, createPublicKey, hkdfSync, randomBytes, timingSafeEqual } from 'node:crypto';
import type { AuditCheckpointRecord, PasswordCheck, SealPlace, SecurityServices } from '../core/security.js';
import { fromBase64UrlStrict, toBase64Url } from './encoding.js';
import { CryptoError } from './errors.js';
import { entryHash, genesisHash, signCheckpoint, verifyChain, type SignedCheckpoint } from './hash-chain.js';
import { blindIndexSearchTokens, blindIndexTokens, deriveBlindIndexKey } from './blind-index.js';
import {
  deriveKeyFromPassword,
  generateDataKey,
  generateMemberKeyPair,
  generateRecoveryKey,
  memberPublicKey,
  PASSWORD_KDF_PARAMS,
  recoveryKeyToBytes,
  unwrapForMember,
  unwrapPrivateKey,
  wipe,
  wrapForMember,
  wrapPrivateKey,
  type KdfParams,
} from './keys.js';
import { checkPasswordPolicy, dummyVerify, hashPassword, PASSWORD_HASH_PARAMS, verifyPassword, type PasswordHashParams } from './passwords.js';
import { privateKeyFromRaw, rawPublicKey } from './raw-keys.js';
import { open, seal } from './sealing.js';
import { generateRecoveryCodes, hashRecoveryCode, newTotpSecret, totpUri, verifyRecoveryCode, verifyTotp } from './totp.js';

export const SERVER_SECRET_BYTES = 32;

export interface SecurityServicesOptions {
  /** The installation's server secret (32 bytes); see `newServerSecret`. */
  readonly serverSecret: Uint8Array;
  /**
   * Argon2id cost of password hashes and of password-derived keys. Only tests lower it (to keep
   * suites fast); everything else uses m = 64 MiB, t = 3, p = 1.
   */
  readonly passwordCost?: PasswordHashParams & KdfParams;
}

export function newServerSecret(): Buffer {
  return randomBytes(SERVER_SECRET_BYTES);
}

function subKey(secret: Uint8Array, label: string): Buffer {
  return Buffer.from(hkdfSync('sha256', secret, Buffer.alloc(0), `vigil/server/${label}/v1`, 32));
}

/** A low Argon2id cost for test suites only: never for data anyone relies on. */
export const TEST_PASSWORD_COST: PasswordHashParams & KdfParams = Object.freeze({ memoryCost: 1024, timeCost: 1, parallelism: 1 });

export function createSecurityServices(opts: SecurityServicesOptions): SecurityServices {
  if (!(opts.serverSecret instanceof Uint8Array) || opts.serverSecret.length !== SERVER_SECRET_BYTES) {
    throw new CryptoError('INVALID_ARGUMENT', `the server secret must be ${SERVER_SECRET_BYTES} bytes`);
  }
  const pepper = subKey(opts.serverSecret, 'recovery-code-pepper');
  const serverSealKey = subKey(opts.serverSecret, 'server-seal');
  const csrfKey = subKey(opts.serverSecret, 'csrf');
  const auditSeed = subKey(opts.serverSecret, 'audit-signing');
  // Imported once: importing a raw Ed25519 key costs about 1 ms, signing with the KeyObject 0.05 ms.
  const auditSigningKey = privateKeyFromRaw('ed25519', auditSeed);
  const auditPublicKey = rawPublicKey('ed25519', createPublicKey(auditSigningKey)).toString('hex');
  wipe(auditSeed);
  const hashParams: PasswordHashParams = opts.passwordCost ?? PASSWORD_HASH_PARAMS;
  const kdfParams: KdfParams = opts.passwordCost ?? PASSWORD_KDF_PARAMS;

  let dummyHash: Promise<string> | undefined;
  const serverPlace = (purpose: string, rowId: string) => ({ table: 'server', column: purpose, rowId, collectionId: '-', keyVersion: 1 });

  return {
    checkPasswordPolicy: (password: string, context: readonly string[] = []): PasswordCheck => checkPasswordPolicy(password, context),
    hashPassword: (password) => hashPassword(password, hashParams),
    verifyPassword: (hash, password) => verifyPassword(hash, password),
    // Unknown accounts cost what a known one costs: a verification against a hash of the same parameters.
    dummyVerify: async (password) => {
      if (!opts.passwordCost) return dummyVerify(password);
      dummyHash ??= hashPassword(toBase64Url(randomBytes(16)), hashParams);
      await verifyPassword(await dummyHash, typeof password === 'string' ? password : '');
      return false;
    },

    newSalt: () => toBase64Url(randomBytes(16)),
    deriveKek: (password, salt) => {
      const bytes = fromBase64UrlStrict(salt);
      if (!bytes) throw new CryptoError('INVALID_ARGUMENT', 'salt is not base64url');
      return deriveKeyFromPassword(password, bytes, kdfParams);
    },
    newMemberKeyPair: () => {
      const pair = generateMemberKeyPair();
      return { publicKey: toBase64Url(pair.publicKey), privateKey: pair.privateKey };
    },
    wrapPrivateKey: (privateKey, kek, userId) => wrapPrivateKey(privateKey, kek, userId),
    unwrapPrivateKey: (wrapped, kek, userId) => unwrapPrivateKey(wrapped, kek, userId),
    newDataKey: () => generateDataKey(),
    wrapForMember: (dataKey, publicKey, ctx) => {
      const bytes = fromBase64UrlStrict(publicKey);
      if (!bytes) throw new CryptoError('INVALID_ARGUMENT', 'public key is not base64url');
      return wrapForMember(dataKey, bytes, ctx);
    },
    unwrapForMember: (wrapped, privateKey, ctx) => unwrapForMember(wrapped, privateKey, ctx),
    newRecoveryKey: () => {
      const text = generateRecoveryKey();
      const priv = recoveryKeyToBytes(text);
      try {
        return { text, publicKey: toBase64Url(memberPublicKey(priv)) };
      } finally {
        wipe(priv);
      }
    },
    // The recovery key's 32 bytes are an X25519 private key: escrow copies are wrapped to its public half.
    recoveryPrivateKey: (text) => recoveryKeyToBytes(text),
    wipe: (...keys) => wipe(...keys),

    seal: (key, place: SealPlace, plaintext) => seal(key, place, plaintext),
    open: (key, place: SealPlace, sealed) => open(key, place, sealed),
    sealServer: (purpose, rowId, plaintext) => seal(serverSealKey, serverPlace(purpose, rowId), plaintext),
    openServer: (purpose, rowId, sealed) => open(serverSealKey, serverPlace(purpose, rowId), sealed),

    nameTokens: (dataKey, collectionId, keyVersion, name) => {
      const key = deriveBlindIndexKey(dataKey, collectionId, keyVersion);
      try {
        return blindIndexTokens(key, name);
      } finally {
        wipe(key);
      }
    },
    nameSearchTokens: (dataKey, collectionId, keyVersion, name) => {
      const key = deriveBlindIndexKey(dataKey, collectionId, keyVersion);
      try {
        return blindIndexSearchTokens(key, name);
      } finally {
        wipe(key);
      }
    },

    newTotpSecret: () => newTotpSecret(),
    totpUri: (secret, label) => totpUri(secret, label),
    verifyTotp: (secret, code, now, lastStep) => verifyTotp(secret, code, now, lastStep),
    newRecoveryCodes: () => generateRecoveryCodes(),
    hashRecoveryCode: (code, userId) => hashRecoveryCode(code, pepper, userId),
    verifyRecoveryCode: (code, hashes, userId) => verifyRecoveryCode(code, hashes, pepper, userId),

    newSessionId: () => toBase64Url(randomBytes(32)),
    sessionIdHash: (id) => createHash('sha256').update(`vigil/session/v1\n${id}`, 'utf8').digest('hex'),
    csrfToken: (sessionId) => toBase64Url(createHmac('sha256', csrfKey).update(sessionId, 'utf8').digest()),

    auditPublicKey,
    auditGenesis: (installationId) => genesisHash(installationId),
    auditEntryHash: (prevHash, seq, body) => entryHash(prevHash, seq, body),
    signAuditCheckpoint: (cp) => {
      const signed = signCheckpoint(auditSigningKey, cp);
      return { signature: signed.signature, publicKey: auditPublicKey };
    },
    verifyAuditChain: (entries, genesis, checkpoints: readonly AuditCheckpointRecord[], options = {}) => {
      // Checkpoints are held to the key they name only if it is the key verified against: this
      // installation's, or the one the caller trusts (an exported file checked elsewhere).
      const key = options.publicKey ?? auditPublicKey;
      if (!/^[0-9a-f]{64}$/.test(key)) throw new CryptoError('INVALID_ARGUMENT', 'the audit public key must be 64 lower-case hex digits');
      const foreign = checkpoints.find((cp) => cp.publicKey !== key);
      if (foreign) {
        return { ok: false, firstBadSeq: foreign.seq, reason: 'bad_checkpoint', message: `the checkpoint at seq ${foreign.seq} is signed by another key` };
      }
      const cps: SignedCheckpoint[] = checkpoints.map((cp) => ({ seq: cp.seq, hash: cp.hash, at: cp.at, signature: cp.signature }));
      const r = verifyChain(entries, genesis, { checkpoints: cps, publicKey: Buffer.from(key, 'hex'), ...(options.start ? { start: options.start } : {}) });
      return r.ok ? { ok: true, lastSeq: r.lastSeq } : { ok: false, firstBadSeq: r.firstBadSeq, reason: r.reason, message: r.message };
    },
  };
}

/** Constant-time equality of two strings (CSRF tokens). */
export function sameSecret(a: string, b: string): boolean {
  const x = Buffer.from(a, 'utf8');
  const y = Buffer.from(b, 'utf8');
  return x.length === y.length && timingSafeEqual(x, y);
}
