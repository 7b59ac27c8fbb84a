import { randomBytes } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CryptoError } from './errors.js';
import type { KdfParams, MemberWrapContext } from './keys.js';
import {
  deriveKeyFromPassword,
  generateDataKey,
  generateMemberKeyPair,
  generateRecoveryKey,
  generateSalt,
  memberPublicKey,
  PASSWORD_KDF_PARAMS,
  recoveryKeyToBytes,
  unwrapDataKey,
  unwrapForMember,
  unwrapPrivateKey,
  wipe,
  wrapDataKey,
  wrapForMember,
  wrapPrivateKey,
} from './keys.js';

// Argon2id at the minimum cost: these tests check wiring, not strength.
const FAST: KdfParams = { memoryCost: 64, timeCost: 1, parallelism: 1 };

const ctx: MemberWrapContext = {
  collectionId: '0190a8f2-7c1e-7000-8000-00000000c011',
  memberId: '0190a8f2-7c1e-7000-8000-0000000a11ce',
  keyVersion: 1,
};

function errorCode(fn: () => unknown): string {
  try {
    fn();
  } catch (e) {
    expect(e).toBeInstanceOf(CryptoError);
    return (e as CryptoError).code;
  }
  throw new Error('expected a CryptoError, nothing was thrown');
}

async function asyncErrorCode(fn: () => Promise<unknown>): Promise<string> {
  try {
    await fn();
  } catch (e) {
    expect(e).toBeInstanceOf(CryptoError);
    return (e as CryptoError).code;
  }
  throw new Error('expected a CryptoError, nothing was thrown');
}

function flipBit(b64: string, bit: number): string {
  const bytes = Buffer.from(b64, 'base64url');
  bytes[bit >> 3]! ^= 1 << (bit & 7);
  return bytes.toString('base64url');
}

describe('data keys and wipe', () => {
  it('generates distinct 32-byte keys', () => {
    const a = generateDataKey();
    expect(a).toHaveLength(32);
    expect(a.equals(generateDataKey())).toBe(false);
  });

  it('wipe zeroes every buffer and tolerates absent ones', () => {
    const a = Buffer.from('secret key bytes');
    const b = new Uint8Array([1, 2, 3]);
    wipe(a, b, undefined, null);
    expect(a.every((x) => x === 0)).toBe(true);
    expect(b.every((x) => x === 0)).toBe(true);
  });
});

describe('wrapping a data key for a member', () => {
  const alice = generateMemberKeyPair();
  const bob = generateMemberKeyPair();

  it('key pairs are raw 32-byte keys whose public half derives from the private half', () => {
    expect(alice.publicKey).toHaveLength(32);
    expect(alice.privateKey).toHaveLength(32);
    expect(memberPublicKey(alice.privateKey).equals(alice.publicKey)).toBe(true);
    expect(alice.publicKey.equals(bob.publicKey)).toBe(false);
  });

  it('round-trips', () => {
    const dataKey = generateDataKey();
    const wrapped = wrapForMember(dataKey, alice.publicKey, ctx);
    expect(unwrapForMember(wrapped, alice.privateKey, ctx).equals(dataKey)).toBe(true);
    expect(Buffer.from(wrapped, 'base64url')[0]).toBe(0x21);
  });

  it('wrapping twice gives different blobs (fresh ephemeral key)', () => {
    const dataKey = generateDataKey();
    expect(wrapForMember(dataKey, alice.publicKey, ctx)).not.toBe(wrapForMember(dataKey, alice.publicKey, ctx));
  });

  it('another member cannot unwrap it', () => {
    const wrapped = wrapForMember(generateDataKey(), alice.publicKey, ctx);
    expect(errorCode(() => unwrapForMember(wrapped, bob.privateKey, ctx))).toBe('UNWRAP_FAILED');
  });

  it.each([
    ['collection', { collectionId: '0190a8f2-7c1e-7000-8000-00000000c012' }],
    ['member id', { memberId: '0190a8f2-7c1e-7000-8000-000000000b0b' }],
    ['key version', { keyVersion: 2 }],
  ] as const)('a different %s in the context does not unwrap', (_name, change) => {
    const wrapped = wrapForMember(generateDataKey(), alice.publicKey, ctx);
    expect(errorCode(() => unwrapForMember(wrapped, alice.privateKey, { ...ctx, ...change }))).toBe('UNWRAP_FAILED');
  });

  it('any flipped bit is detected', () => {
    const wrapped = wrapForMember(generateDataKey(), alice.publicKey, ctx);
    const bits = Buffer.from(wrapped, 'base64url').length * 8;
    fc.assert(
      fc.property(fc.integer({ min: 0, max: bits - 1 }), (bit) => {
        expect(errorCode(() => unwrapForMember(flipBit(wrapped, bit), alice.privateKey, ctx))).toBe('UNWRAP_FAILED');
      }),
      { numRuns: 200 },
    );
  });

  it('refuses a low-order public key instead of wrapping under a predictable key', () => {
    expect(errorCode(() => wrapForMember(generateDataKey(), Buffer.alloc(32), ctx))).toBe('INVALID_ARGUMENT');
  });

  it('refuses malformed arguments', () => {
    expect(errorCode(() => wrapForMember(randomBytes(16), alice.publicKey, ctx))).toBe('INVALID_ARGUMENT');
    expect(errorCode(() => wrapForMember(generateDataKey(), alice.publicKey, { ...ctx, memberId: '' }))).toBe('INVALID_ARGUMENT');
    expect(errorCode(() => wrapForMember(generateDataKey(), alice.publicKey, { ...ctx, keyVersion: -1 }))).toBe('INVALID_ARGUMENT');
  });
});

describe('password-derived keys and private-key wrapping', () => {
  const memberId = ctx.memberId;

  it('uses Argon2id at 64 MiB, t=3, p=1 by default', async () => {
    expect(PASSWORD_KDF_PARAMS).toEqual({ memoryCost: 65_536, timeCost: 3, parallelism: 1 });
    const salt = generateSalt();
    const k = await deriveKeyFromPassword('correct horse battery staple', salt);
    expect(k).toHaveLength(32);
    // A different cost gives a different key: the defaults really are applied.
    expect((await deriveKeyFromPassword('correct horse battery staple', salt, FAST)).equals(k)).toBe(false);
  });

  it('is deterministic for a password and salt, and differs by salt and password', async () => {
    const salt = generateSalt();
    const a = await deriveKeyFromPassword('пароль очень длинный', salt, FAST);
    expect((await deriveKeyFromPassword('пароль очень длинный', salt, FAST)).equals(a)).toBe(true);
    expect((await deriveKeyFromPassword('пароль очень длинный', generateSalt(), FAST)).equals(a)).toBe(false);
    expect((await deriveKeyFromPassword('пароль очень длинныи', salt, FAST)).equals(a)).toBe(false);
  });

  it('treats composed and decomposed spellings of a password alike (NFKC)', async () => {
    const salt = generateSalt();
    const composed = await deriveKeyFromPassword('Йошкар-Ола café', salt, FAST);
    const decomposed = await deriveKeyFromPassword('Йошкар-Ола café'.normalize('NFD'), salt, FAST);
    expect(decomposed.equals(composed)).toBe(true);
  });

  it('refuses a short salt', async () => {
    expect(await asyncErrorCode(() => deriveKeyFromPassword('x', randomBytes(8), FAST))).toBe('INVALID_ARGUMENT');
  });

  it('wraps and unwraps a private key; a wrong password, member or tampering fails', async () => {
    const { privateKey } = generateMemberKeyPair();
    const salt = generateSalt();
    const kek = await deriveKeyFromPassword('a long enough passphrase', salt, FAST);
    const wrapped = wrapPrivateKey(privateKey, kek, memberId);
    expect(Buffer.from(wrapped, 'base64url')[0]).toBe(0x31);
    expect(unwrapPrivateKey(wrapped, kek, memberId).equals(privateKey)).toBe(true);

    const wrongKek = await deriveKeyFromPassword('a long enough passphrasf', salt, FAST);
    expect(errorCode(() => unwrapPrivateKey(wrapped, wrongKek, memberId))).toBe('UNWRAP_FAILED');
    expect(errorCode(() => unwrapPrivateKey(wrapped, kek, 'another-member'))).toBe('UNWRAP_FAILED');
    const bits = Buffer.from(wrapped, 'base64url').length * 8;
    for (let bit = 0; bit < bits; bit++) {
      expect(errorCode(() => unwrapPrivateKey(flipBit(wrapped, bit), kek, memberId))).toBe('UNWRAP_FAILED');
    }
  });

  it('a wrapped private key is not accepted as an escrowed data key, and vice versa', () => {
    const kek = generateDataKey();
    const { privateKey } = generateMemberKeyPair();
    const wrappedPrivate = wrapPrivateKey(privateKey, kek, memberId);
    expect(errorCode(() => unwrapDataKey(wrappedPrivate, kek, { collectionId: memberId, keyVersion: 0 }))).toBe('UNWRAP_FAILED');
    const escrowed = wrapDataKey(generateDataKey(), kek, { collectionId: ctx.collectionId, keyVersion: 1 });
    expect(errorCode(() => unwrapPrivateKey(escrowed, kek, ctx.collectionId))).toBe('UNWRAP_FAILED');
  });

  it('the full chain: password → private key → collection key', async () => {
    const member = generateMemberKeyPair();
    const salt = generateSalt();
    const dataKey = generateDataKey();
    const wrappedPrivate = wrapPrivateKey(member.privateKey, await deriveKeyFromPassword('my long passphrase', salt, FAST), memberId);
    const wrappedData = wrapForMember(dataKey, member.publicKey, ctx);

    const privateKey = unwrapPrivateKey(wrappedPrivate, await deriveKeyFromPassword('my long passphrase', salt, FAST), memberId);
    expect(unwrapForMember(wrappedData, privateKey, ctx).equals(dataKey)).toBe(true);
  });
});

describe('recovery key', () => {
  it('is 14 groups of 4 Crockford base32 characters', () => {
    const key = generateRecoveryKey();
    expect(key).toMatch(/^[0-9A-HJKMNP-TV-Z]{4}(-[0-9A-HJKMNP-TV-Z]{4}){13}$/);
    expect(generateRecoveryKey()).not.toBe(key);
  });

  it('decodes to 32 bytes, tolerant of case, spaces, dashes and look-alike letters', () => {
    const key = generateRecoveryKey();
    const bytes = recoveryKeyToBytes(key);
    expect(bytes).toHaveLength(32);
    expect(recoveryKeyToBytes(key.toLowerCase()).equals(bytes)).toBe(true);
    expect(recoveryKeyToBytes(key.replaceAll('-', ' ')).equals(bytes)).toBe(true);
    expect(recoveryKeyToBytes(`  ${key.replaceAll('-', '')}\n`).equals(bytes)).toBe(true);
    expect(recoveryKeyToBytes(key.replaceAll('0', 'O').replaceAll('1', 'l')).equals(bytes)).toBe(true);
  });

  const ALPHABET = [...'0123456789ABCDEFGHJKMNPQRSTVWXYZ'];

  it('detects every single-character typo', () => {
    for (let round = 0; round < 3; round++) {
      const key = generateRecoveryKey().replaceAll('-', '');
      let typos = 0;
      for (let i = 0; i < key.length; i++) {
        for (const replacement of ALPHABET) {
          if (replacement === key[i]) continue;
          const typo = key.slice(0, i) + replacement + key.slice(i + 1);
          expect(errorCode(() => recoveryKeyToBytes(typo))).toBe('RECOVERY_KEY_INVALID');
          typos++;
        }
      }
      expect(typos).toBe(56 * 31);
    }
  });

  it('detects every swap of neighbouring characters, a missing or an extra character', () => {
    for (let round = 0; round < 20; round++) {
      const key = generateRecoveryKey().replaceAll('-', '');
      for (let i = 0; i + 1 < key.length; i++) {
        if (key[i] === key[i + 1]) continue;
        const swapped = key.slice(0, i) + key[i + 1] + key[i] + key.slice(i + 2);
        expect(errorCode(() => recoveryKeyToBytes(swapped))).toBe('RECOVERY_KEY_INVALID');
      }
      expect(errorCode(() => recoveryKeyToBytes(key.slice(1)))).toBe('RECOVERY_KEY_INVALID');
      expect(errorCode(() => recoveryKeyToBytes(key + '0'))).toBe('RECOVERY_KEY_INVALID');
    }
  });

  it('refuses characters outside the alphabet', () => {
    const key = generateRecoveryKey();
    expect(errorCode(() => recoveryKeyToBytes(key.slice(0, -1) + 'U'))).toBe('RECOVERY_KEY_INVALID');
    expect(errorCode(() => recoveryKeyToBytes(key.slice(0, -1) + 'Ж'))).toBe('RECOVERY_KEY_INVALID');
    expect(errorCode(() => recoveryKeyToBytes(''))).toBe('RECOVERY_KEY_INVALID');
  });

  it('wraps a private key and escrows a data key like a password key', () => {
    const recovery = recoveryKeyToBytes(generateRecoveryKey());
    const { privateKey } = generateMemberKeyPair();
    const dataKey = generateDataKey();
    const escrow = { collectionId: ctx.collectionId, keyVersion: 4 };
    expect(unwrapPrivateKey(wrapPrivateKey(privateKey, recovery, ctx.memberId), recovery, ctx.memberId).equals(privateKey)).toBe(true);
    const wrapped = wrapDataKey(dataKey, recovery, escrow);
    expect(unwrapDataKey(wrapped, recovery, escrow).equals(dataKey)).toBe(true);
    expect(errorCode(() => unwrapDataKey(wrapped, recovery, { ...escrow, keyVersion: 5 }))).toBe('UNWRAP_FAILED');
    expect(errorCode(() => unwrapDataKey(wrapped, recoveryKeyToBytes(generateRecoveryKey()), escrow))).toBe('UNWRAP_FAILED');
  });
});
