import * as argon2 from '@node-rs/argon2';
import { parseOptions } from '@node-rs/argon2';
import { describe, expect, it, vi } from 'vitest';
import { COMMON_PASSWORDS } from './common-passwords.js';
import type { PasswordHashParams } from './passwords.js';
import {
  checkPasswordPolicy,
  DUMMY_PASSWORD_HASH,
  dummyVerify,
  hashPassword,
  needsRehash,
  PASSWORD_HASH_PARAMS,
  verifyPassword,
} from './passwords.js';

// Wrap the library's verify so a test can see which hash dummyVerify checks against.
vi.mock('@node-rs/argon2', async (importOriginal) => {
  const real = await importOriginal<typeof import('@node-rs/argon2')>();
  return { ...real, verify: vi.fn(real.verify) };
});

const FAST: PasswordHashParams = { memoryCost: 64, timeCost: 1, parallelism: 1 };

describe('hashPassword / verifyPassword', () => {
  it('hashes with Argon2id at 64 MiB, t=3, p=1 by default and verifies', async () => {
    const phc = await hashPassword('a perfectly fine passphrase');
    expect(phc).toMatch(/^\$argon2id\$v=19\$m=65536,t=3,p=1\$/);
    expect(await verifyPassword(phc, 'a perfectly fine passphrase')).toBe(true);
    expect(await verifyPassword(phc, 'a perfectly fine passphrasE')).toBe(false);
    expect(needsRehash(phc)).toBe(false);
  });

  it('salts: the same password hashes differently twice', async () => {
    expect(await hashPassword('same password twice', FAST)).not.toBe(await hashPassword('same password twice', FAST));
  });

  it('verifies Cyrillic passwords, whatever their Unicode normal form', async () => {
    const phc = await hashPassword('Йошкар-Ола, улица Ёлочная', FAST);
    expect(await verifyPassword(phc, 'Йошкар-Ола, улица Ёлочная'.normalize('NFD'))).toBe(true);
    expect(await verifyPassword(phc, 'Йошкар-Ола, улица Елочная')).toBe(false);
  });

  it('a malformed stored hash or password verifies as false instead of throwing', async () => {
    expect(await verifyPassword('not a hash', 'whatever password')).toBe(false);
    expect(await verifyPassword(await hashPassword('x', FAST), 'bad \uD800 surrogate')).toBe(false);
  });

  it('flags hashes made with other parameters for rehashing', async () => {
    expect(needsRehash(await hashPassword('x', FAST))).toBe(true);
    expect(needsRehash('garbage')).toBe(true);
  });
});

describe('dummyVerify', () => {
  it('answers false', async () => {
    expect(await dummyVerify('anything')).toBe(false);
    expect(await dummyVerify()).toBe(false);
  });

  it('does the same work as a real verification: a real hash at the default cost', () => {
    // Same algorithm, cost and sizes as hashPassword's output, so verifying costs the same.
    expect(parseOptions(DUMMY_PASSWORD_HASH)).toEqual({
      algorithm: 2,
      version: 1,
      memoryCost: PASSWORD_HASH_PARAMS.memoryCost,
      timeCost: PASSWORD_HASH_PARAMS.timeCost,
      parallelism: PASSWORD_HASH_PARAMS.parallelism,
      outputLen: 32,
      saltLen: 16,
    });
    expect(needsRehash(DUMMY_PASSWORD_HASH)).toBe(false);
  });

  it('runs a full Argon2id verification against that hash', async () => {
    const spy = vi.mocked(argon2.verify);
    spy.mockClear();
    await dummyVerify('some password');
    expect(spy).toHaveBeenCalledTimes(1);
    expect(spy.mock.calls[0]![0]).toBe(DUMMY_PASSWORD_HASH);
    expect(spy.mock.calls[0]![1]).toBe('some password');
  });
});

describe('checkPasswordPolicy', () => {
  it.each([
    ['eleven chars', 'abcdxyz!@#q', 'too_short'],
    // 11 code points, but 22 UTF-16 units: length is counted in code points.
    ['emoji counted as one each', '🔥'.repeat(11), 'too_short'],
    ['1025 chars', 'a1b2c3d4e5'.repeat(102) + 'xyz12', 'too_long'],
  ] as const)('refuses %s as %s', (_name, password, reason) => {
    expect(checkPasswordPolicy(password)).toEqual({ ok: false, reason });
  });

  it('accepts exactly 12 and 1024 characters with no composition rules', () => {
    expect(checkPasswordPolicy('lakeside owl')).toEqual({ ok: true });
    expect(checkPasswordPolicy('orange tractor umbrella saint')).toEqual({ ok: true });
    expect(checkPasswordPolicy('мой кот ест огурцы по средам')).toEqual({ ok: true });
    const long = Array.from({ length: 1024 }, (_, i) => 'kq7Zp!x'[(i * 5) % 7]).join('');
    expect(checkPasswordPolicy(long)).toEqual({ ok: true });
  });

  it.each([
    'password1234',
    'qwertyuiop12',
    '123456789012',
    'iloveyou1234',
    'Password1234',
    'PASSWORDPASSWORD',
    'passwordpassword',
    'correcthorsebatterystaple',
    'qwertyuiopasdfghjkl',
    '1q2w3e4r5t6y',
    'zaq12wsxcde3',
    'aaaaaaaaaaaa',
    '000000000000',
    'ыыыыыыыыыыыы',
    'abcdefghijklm',
    'zyxwvutsrqpo',
    '567890123456',
    '987654321098',
    'абвгдежзийкл',
    'abcabcabcabc',
    '1q2w1q2w1q2w',
    'dragon123456',
    'sunshine2024!',
    '2024sunshine',
    'monkey!!!!!!!',
    'P@ssw0rd1234',
    'p@$$w0rd2023',
    'пароль123456',
    'gfhjkm123456',
    'йцукенгшщзхъ',
    'qwerty123456',
    'Magomed19851985',
    'i love you forever',
    'dragon1dragon1',
    'vigil1234567',
  ])('refuses the common or trivial %s', (password) => {
    expect(checkPasswordPolicy(password)).toEqual({ ok: false, reason: 'common' });
  });

  it('refuses every listed password of 12 or more characters, in any case', () => {
    const long = COMMON_PASSWORDS.filter((p) => [...p].length >= 12);
    expect(long.length).toBeGreaterThan(100);
    for (const p of long) {
      expect(checkPasswordPolicy(p)).toEqual({ ok: false, reason: 'common' });
      expect(checkPasswordPolicy(p.toUpperCase())).toEqual({ ok: false, reason: 'common' });
    }
  });

  it('refuses every listed word padded to 12 with digits', () => {
    for (const p of COMMON_PASSWORDS) {
      if (!/^\p{L}+$/u.test(p) || [...p].length > 8) continue;
      const padded = p + '1234567890'.slice(0, Math.max(0, 12 - [...p].length));
      expect(checkPasswordPolicy(padded), padded).toEqual({ ok: false, reason: 'common' });
    }
  });

  it('the list is lower-case, unique and a few thousand long', () => {
    expect(COMMON_PASSWORDS.length).toBeGreaterThan(2000);
    expect(new Set(COMMON_PASSWORDS).size).toBe(COMMON_PASSWORDS.length);
    for (const p of COMMON_PASSWORDS) expect(p).toBe(p.toLowerCase());
  });

  it('refuses the user name and other context words as the core', () => {
    expect(checkPasswordPolicy('zarema.khasanova2024', ['zarema.khasanova@example.org'])).toEqual({ ok: false, reason: 'common' });
    expect(checkPasswordPolicy('khasanova1234', ['Zarema Khasanova'])).toEqual({ ok: false, reason: 'common' });
    expect(checkPasswordPolicy('khasanova1234', [])).toEqual({ ok: true });
  });

  it('accepts a listed word with substantial random padding, and passphrases of common words', () => {
    expect(checkPasswordPolicy('monkey83749201')).toEqual({ ok: true });
    expect(checkPasswordPolicy('dragon sunset monkey')).toEqual({ ok: true });
    expect(checkPasswordPolicy('Tr0ub4dor&3-horse')).toEqual({ ok: true });
  });
});
