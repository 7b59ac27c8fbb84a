import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { CryptoError } from './errors.js';
import {
  generateRecoveryCodes,
  hashRecoveryCode,
  newTotpSecret,
  totpCode,
  totpStep,
  totpUri,
  verifyRecoveryCode,
  verifyTotp,
} from './totp.js';

// RFC 6238 appendix B: the SHA-1 secret is the ASCII string "12345678901234567890".
const RFC_SECRET = 'GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ';
const at = (seconds: number) => new Date(seconds * 1000);

describe('TOTP', () => {
  it('matches the RFC 6238 test vectors (last six digits)', () => {
    expect(totpCode(RFC_SECRET, at(59))).toBe('287082');
    expect(totpCode(RFC_SECRET, at(1111111109))).toBe('081804');
    expect(totpCode(RFC_SECRET, at(1234567890))).toBe('005924');
    expect(totpCode(RFC_SECRET, at(2000000000))).toBe('279037');
  });

  it('new secrets are 160-bit base32 and differ', () => {
    const s = newTotpSecret();
    expect(s).toMatch(/^[A-Z2-7]{32}$/);
    expect(newTotpSecret()).not.toBe(s);
  });

  it('the URI names the issuer Vigil and carries the standard parameters', () => {
    const uri = new URL(totpUri(RFC_SECRET, 'zarema@example.org'));
    expect(uri.protocol).toBe('otpauth:');
    expect(uri.host).toBe('totp');
    expect(decodeURIComponent(uri.pathname)).toBe('/Vigil:zarema@example.org');
    expect(uri.searchParams.get('issuer')).toBe('Vigil');
    expect(uri.searchParams.get('secret')).toBe(RFC_SECRET);
    expect(uri.searchParams.get('algorithm')).toBe('SHA1');
    expect(uri.searchParams.get('digits')).toBe('6');
    expect(uri.searchParams.get('period')).toBe('30');
  });

  const now = at(1_700_000_015); // the middle of a step
  const step = totpStep(now);
  const codeFor = (s: number) => totpCode(RFC_SECRET, at(s * 30));

  it('accepts the current code and returns its step', () => {
    expect(verifyTotp(RFC_SECRET, codeFor(step), now, null)).toEqual({ ok: true, step });
    expect(verifyTotp(RFC_SECRET, codeFor(step).replace(/^(...)/, '$1 '), now, null)).toEqual({ ok: true, step });
  });

  it('accepts one step either side, not two', () => {
    expect(verifyTotp(RFC_SECRET, codeFor(step - 1), now, null)).toEqual({ ok: true, step: step - 1 });
    expect(verifyTotp(RFC_SECRET, codeFor(step + 1), now, null)).toEqual({ ok: true, step: step + 1 });
    expect(verifyTotp(RFC_SECRET, codeFor(step - 2), now, null)).toEqual({ ok: false });
    expect(verifyTotp(RFC_SECRET, codeFor(step + 2), now, null)).toEqual({ ok: false });
  });

  it('refuses a replayed code, and any code at or before the last used step', () => {
    const first = verifyTotp(RFC_SECRET, codeFor(step), now, null);
    expect(first).toEqual({ ok: true, step });
    // The same code again, within the same 30 seconds or the next: refused.
    expect(verifyTotp(RFC_SECRET, codeFor(step), now, step)).toEqual({ ok: false });
    expect(verifyTotp(RFC_SECRET, codeFor(step), at((step + 1) * 30 + 5), step)).toEqual({ ok: false });
    // An older code still inside the window: refused too.
    expect(verifyTotp(RFC_SECRET, codeFor(step - 1), now, step)).toEqual({ ok: false });
    // The next code works once.
    expect(verifyTotp(RFC_SECRET, codeFor(step + 1), now, step)).toEqual({ ok: true, step: step + 1 });
    expect(verifyTotp(RFC_SECRET, codeFor(step + 1), now, step + 1)).toEqual({ ok: false });
  });

  it('refuses wrong, malformed and other-secret codes', () => {
    const right = codeFor(step);
    const wrong = String((Number(right) + 1) % 1_000_000).padStart(6, '0');
    expect(verifyTotp(RFC_SECRET, wrong, now, null)).toEqual({ ok: false });
    expect(verifyTotp(RFC_SECRET, right.slice(1), now, null)).toEqual({ ok: false });
    expect(verifyTotp(RFC_SECRET, `${right}0`, now, null)).toEqual({ ok: false });
    expect(verifyTotp(RFC_SECRET, 'abcdef', now, null)).toEqual({ ok: false });
    expect(verifyTotp(RFC_SECRET, '', now, null)).toEqual({ ok: false });
    expect(verifyTotp(newTotpSecret(), right, now, null).ok).toBe(false);
  });

  it('refuses a secret that is not base32 of a useful length', () => {
    expect(() => verifyTotp('GEZDGNBV', '123456', now, null)).toThrow(CryptoError);
  });
});

describe('recovery codes', () => {
  const pepper = randomBytes(32);
  const userId = '0190a8f2-7c1e-7000-8000-0000000a11ce';

  it('generates ten distinct codes of four groups of four base32 characters', () => {
    const codes = generateRecoveryCodes();
    expect(codes).toHaveLength(10);
    expect(new Set(codes).size).toBe(10);
    for (const c of codes) expect(c).toMatch(/^[0-9a-hjkmnp-tv-z]{4}(-[0-9a-hjkmnp-tv-z]{4}){3}$/);
    expect(generateRecoveryCodes(3)).toHaveLength(3);
  });

  it('verifies each code against its stored hash and names which one matched', () => {
    const codes = generateRecoveryCodes();
    const hashes = codes.map((c) => hashRecoveryCode(c, pepper, userId));
    expect(hashes.every((h) => /^[0-9a-f]{64}$/.test(h))).toBe(true);
    codes.forEach((c, i) => expect(verifyRecoveryCode(c, hashes, pepper, userId)).toEqual({ ok: true, index: i }));
  });

  it('tolerates case, spaces and look-alike letters', () => {
    const [code] = generateRecoveryCodes(1) as [string];
    const hashes = [hashRecoveryCode(code, pepper, userId)];
    expect(verifyRecoveryCode(code.toUpperCase().replaceAll('-', ' '), hashes, pepper, userId).ok).toBe(true);
    expect(verifyRecoveryCode(code.replaceAll('-', '').replaceAll('0', 'o').replaceAll('1', 'l'), hashes, pepper, userId).ok).toBe(true);
  });

  it('a used code (hash removed) no longer works', () => {
    const codes = generateRecoveryCodes(3);
    const hashes = codes.map((c) => hashRecoveryCode(c, pepper, userId));
    const r = verifyRecoveryCode(codes[1]!, hashes, pepper, userId);
    expect(r).toEqual({ ok: true, index: 1 });
    const remaining = hashes.filter((_, i) => i !== 1);
    expect(verifyRecoveryCode(codes[1]!, remaining, pepper, userId)).toEqual({ ok: false });
  });

  it('is bound to the pepper and the user; wrong or malformed codes fail', () => {
    const codes = generateRecoveryCodes(2);
    const hashes = codes.map((c) => hashRecoveryCode(c, pepper, userId));
    expect(verifyRecoveryCode(codes[0]!, hashes, randomBytes(32), userId)).toEqual({ ok: false });
    expect(verifyRecoveryCode(codes[0]!, hashes, pepper, 'someone-else')).toEqual({ ok: false });
    expect(verifyRecoveryCode(generateRecoveryCodes(1)[0]!, hashes, pepper, userId)).toEqual({ ok: false });
    expect(verifyRecoveryCode('not-a-code', hashes, pepper, userId)).toEqual({ ok: false });
    expect(verifyRecoveryCode(codes[0]!.slice(0, -1), hashes, pepper, userId)).toEqual({ ok: false });
  });

  it('refuses a short pepper', () => {
    expect(() => hashRecoveryCode(generateRecoveryCodes(1)[0]!, randomBytes(8), userId)).toThrow(CryptoError);
  });
});
