import { randomBytes } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CryptoError } from './errors.js';
import type { SealContext } from './sealing.js';
import { open, openBytes, seal, sealedKeyVersion } from './sealing.js';

const key = randomBytes(32);
const ctx: SealContext = {
  table: 'persons',
  column: 'full_name',
  rowId: '0190a8f2-7c1e-7000-8000-000000000001',
  collectionId: '0190a8f2-7c1e-7000-8000-00000000c011',
  keyVersion: 3,
};

function catchError(fn: () => unknown): CryptoError {
  try {
    fn();
  } catch (e) {
    expect(e).toBeInstanceOf(CryptoError);
    return e as CryptoError;
  }
  throw new Error('expected a CryptoError, nothing was thrown');
}

function expectSealInvalid(fn: () => unknown): void {
  expect(catchError(fn).code).toBe('SEAL_INVALID');
}

describe('seal / open', () => {
  it.each([
    ['Cyrillic', 'Магомед Исаев, ул. Ленина 5, кв. 12'],
    ['Latin', 'Magomed Isaev, 5 Lenin St, flat 12'],
    ['mixed with emoji', 'Зарема 👩‍👧 Ahmed'],
    ['empty', ''],
  ])('round-trips %s text', (_name, text) => {
    const sealed = seal(key, ctx, text);
    expect(open(key, ctx, sealed)).toBe(text);
    expect(sealed).not.toContain(text || '\u0000');
  });

  it('round-trips bytes', () => {
    const bytes = randomBytes(1000);
    expect(openBytes(key, ctx, seal(key, ctx, bytes)).equals(bytes)).toBe(true);
  });

  it('round-trips any string (property)', () => {
    fc.assert(fc.property(fc.string({ unit: 'grapheme' }), (s) => open(key, ctx, seal(key, ctx, s)) === s));
  });

  it('names its key version in the header', () => {
    expect(sealedKeyVersion(seal(key, { ...ctx, keyVersion: 77 }, 'x'))).toBe(77);
  });

  it('two seals of the same plaintext differ', () => {
    const a = seal(key, ctx, 'Магомед');
    const b = seal(key, ctx, 'Магомед');
    expect(a).not.toBe(b);
    expect(open(key, ctx, a)).toBe(open(key, ctx, b));
  });

  it.each([
    ['another row', { rowId: '0190a8f2-7c1e-7000-8000-000000000002' }],
    ['another column', { column: 'alias' }],
    ['another table', { table: 'witnesses' }],
    ['another collection', { collectionId: '0190a8f2-7c1e-7000-8000-00000000c012' }],
    ['another key version', { keyVersion: 4 }],
  ] as const)('a value moved to %s does not open', (_name, change) => {
    const sealed = seal(key, ctx, 'Магомед Исаев');
    expectSealInvalid(() => open(key, { ...ctx, ...change }, sealed));
  });

  it('fields cannot be shifted across the context boundaries', () => {
    // Without length prefixes, ("persons", "full_name") and ("personsf", "ull_name") would encode alike.
    const sealed = seal(key, ctx, 'x');
    expectSealInvalid(() => open(key, { ...ctx, table: 'personsf', column: 'ull_name' }, sealed));
  });

  it('a relabelled key version in the header does not open, even under the right key', () => {
    const bytes = Buffer.from(seal(key, ctx, 'Исаев'), 'base64url');
    bytes.writeUInt32BE(4, 1);
    expectSealInvalid(() => open(key, { ...ctx, keyVersion: 4 }, bytes.toString('base64url')));
  });

  it('a wrong key does not open', () => {
    const sealed = seal(key, ctx, 'Исаев');
    expectSealInvalid(() => open(randomBytes(32), ctx, sealed));
  });

  it('flipping any single bit of the sealed bytes is detected', () => {
    const sealed = seal(key, ctx, 'Магомед Исаев');
    const bytes = Buffer.from(sealed, 'base64url');
    fc.assert(
      fc.property(fc.integer({ min: 0, max: bytes.length * 8 - 1 }), (bit) => {
        const copy = Buffer.from(bytes);
        copy[bit >> 3]! ^= 1 << (bit & 7);
        expectSealInvalid(() => open(key, ctx, copy.toString('base64url')));
      }),
      { numRuns: bytes.length * 8 },
    );
  });

  it('flipping any single bit of the sealed string is detected (no lenient base64)', () => {
    const sealed = seal(key, ctx, 'Магомед Исаев');
    fc.assert(
      fc.property(fc.integer({ min: 0, max: sealed.length * 7 - 1 }), (bit) => {
        const chars = [...sealed];
        const i = Math.floor(bit / 7);
        chars[i] = String.fromCharCode(chars[i]!.charCodeAt(0) ^ (1 << bit % 7));
        expectSealInvalid(() => open(key, ctx, chars.join('')));
      }),
      { numRuns: sealed.length * 7 },
    );
  });

  it('truncated, extended or foreign values are refused', () => {
    const sealed = seal(key, ctx, 'Исаев');
    expectSealInvalid(() => open(key, ctx, sealed.slice(0, -4)));
    expectSealInvalid(() => open(key, ctx, sealed + 'AAAA'));
    expectSealInvalid(() => open(key, ctx, ''));
    expectSealInvalid(() => open(key, ctx, 'not a sealed value'));
  });

  it('error messages carry neither plaintext nor key', () => {
    const sealed = seal(key, ctx, 'Магомед');
    const error = catchError(() => open(randomBytes(32), ctx, sealed));
    expect(error.message).not.toContain('Магомед');
    expect(error.message).not.toContain(sealed);
    expect(error.message).not.toContain(key.toString('hex'));
    expect(error.message).not.toContain(key.toString('base64'));
  });

  it('refuses keys of the wrong size and malformed contexts', () => {
    expect(() => seal(randomBytes(16), ctx, 'x')).toThrow(/32 bytes/);
    expect(() => seal(key, { ...ctx, rowId: '' }, 'x')).toThrow(CryptoError);
    expect(() => seal(key, { ...ctx, keyVersion: -1 }, 'x')).toThrow(CryptoError);
    expect(() => seal(key, { ...ctx, keyVersion: 1.5 }, 'x')).toThrow(CryptoError);
    expect(() => seal(key, { ...ctx, table: '\uD800' }, 'x')).toThrow(CryptoError);
    expect(() => seal(key, ctx, 'a\uDC00')).toThrow(CryptoError);
  });
});
