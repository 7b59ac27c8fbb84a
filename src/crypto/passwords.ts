/**
 * Staff passwords: Argon2id hashing and the password policy.
 *
 * Policy (NIST SP 800-63B §3.1.1.2): at least 12 and at most 1024 characters, counted as
 * Unicode code points after NFKC; no composition rules; refuse what attackers try first —
 * common and leaked passwords, a listed word padded with a few digits or symbols, repeated or
 * sequential characters, keyboard walks, on either the Latin or the Russian layout.
 */
import { hash, parseOptions, verify } from '@node-rs/argon2';
import { COMMON_PASSWORDS } from './common-passwords.js';
import { isWellFormed } from './encoding.js';
import { CryptoError } from './errors.js';
import { ARGON2_V13, ARGON2ID } from './keys.js';

/** Argon2id cost (memory in KiB): 64 MiB, 3 passes, 1 lane (RFC 9106's second recommended option). */
export interface PasswordHashParams {
  readonly memoryCost: number;
  readonly timeCost: number;
  readonly parallelism: number;
}

export const PASSWORD_HASH_PARAMS: PasswordHashParams = Object.freeze({ memoryCost: 65_536, timeCost: 3, parallelism: 1 });
export const PASSWORD_MIN_LENGTH = 12;
export const PASSWORD_MAX_LENGTH = 1024;

/**
 * Passwords are NFKC-normalised before hashing, so the same password typed on a Mac (which may
 * send decomposed letters) and on Windows verifies alike.
 */
function normalise(password: string): string {
  if (typeof password !== 'string' || !isWellFormed(password)) {
    throw new CryptoError('INVALID_ARGUMENT', 'password must be well-formed Unicode');
  }
  return password.normalize('NFKC');
}

/** Hash a password to a PHC string (`$argon2id$v=19$m=65536,t=3,p=1$salt$hash`). */
export async function hashPassword(password: string, params: PasswordHashParams = PASSWORD_HASH_PARAMS): Promise<string> {
  return hash(normalise(password), {
    algorithm: ARGON2ID,
    version: ARGON2_V13,
    memoryCost: params.memoryCost,
    timeCost: params.timeCost,
    parallelism: params.parallelism,
    outputLen: 32,
  });
}

/**
 * Check a password against its stored PHC hash. The comparison is the library's (constant
 * time); the parameters come from the hash itself, so old hashes keep verifying after a cost
 * change. A malformed stored hash verifies as false rather than throwing into the sign-in flow.
 */
export async function verifyPassword(phcHash: string, password: string): Promise<boolean> {
  let normalised: string;
  try {
    normalised = normalise(password);
  } catch {
    await dummyVerify();
    return false;
  }
  try {
    return await verify(phcHash, normalised);
  } catch {
    return false;
  }
}

/** True when a stored hash was made with other parameters than today's: rehash it at next sign-in. */
export function needsRehash(phcHash: string, params: PasswordHashParams = PASSWORD_HASH_PARAMS): boolean {
  try {
    const o = parseOptions(phcHash);
    return (
      o.algorithm !== ARGON2ID ||
      o.version !== ARGON2_V13 ||
      o.memoryCost !== params.memoryCost ||
      o.timeCost !== params.timeCost ||
      o.parallelism !== params.parallelism ||
      o.outputLen < 32
    );
  } catch {
    return true;
  }
}

/**
 * A real Argon2id hash at the default cost, of a random password nobody knows. Verifying
 * against it costs what verifying a real user's hash costs.
 */
export const DUMMY_PASSWORD_HASH = '$argon2id$v=19$m=65536,t=3,p=1$kkYLqaSLniNlGmC6rWaamQ$WKmbx2XnpBzpsbx2zADuAPuKXTIsouhAUGrTA5d50Ak';

/**
 * For a sign-in with an unknown user name: do the work of a real verification and answer
 * `false`, so that the response time does not reveal which accounts exist.
 */
export async function dummyVerify(password = ''): Promise<false> {
  try {
    await verify(DUMMY_PASSWORD_HASH, isWellFormed(password) ? password.normalize('NFKC') : '');
  } catch {
    // The answer is false whatever happens.
  }
  return false;
}

// ---------------------------------------------------------------------------------------------
// Policy
// ---------------------------------------------------------------------------------------------

export type PasswordPolicyResult = { ok: true } | { ok: false; reason: 'too_short' | 'too_long' | 'common' };

const COMMON = new Set(COMMON_PASSWORDS);
/** Words that are weak here whoever the user is: the service's own name. */
const SERVICE_WORDS = ['vigil', 'вигил'];

/**
 * Check a new password against the policy. `context` holds words specific to this user that
 * must not be the password's core (user name, e-mail local part, display name): they are
 * treated like common passwords.
 */
export function checkPasswordPolicy(password: string, context: readonly string[] = []): PasswordPolicyResult {
  const normalised = normalise(password);
  const length = [...normalised].length;
  if (length < PASSWORD_MIN_LENGTH) return { ok: false, reason: 'too_short' };
  if (length > PASSWORD_MAX_LENGTH) return { ok: false, reason: 'too_long' };
  const contextWords = new Set(
    [...SERVICE_WORDS, ...context.flatMap(contextVariants)].filter((w) => [...w].length >= 4),
  );
  const lower = normalised.toLowerCase();
  const candidates = new Set([lower, lower.replace(/\s+/gu, '')]);
  for (const c of [...candidates]) {
    candidates.add(swapLayout(c, LATIN_TO_CYRILLIC));
    candidates.add(swapLayout(c, CYRILLIC_TO_LATIN));
  }
  for (const c of candidates) {
    if (isWeak(c, contextWords)) return { ok: false, reason: 'common' };
  }
  return { ok: true };
}

/** A context string, its e-mail local part, its words, and its words run together. */
function contextVariants(context: string): string[] {
  const lower = context.normalize('NFKC').toLowerCase().trim();
  const local = lower.split('@')[0] ?? lower;
  const words = local.split(/[^\p{L}\p{N}]+/u).filter(Boolean);
  return [lower, local, ...words, words.join('')];
}

function isWeak(s: string, context: ReadonlySet<string>): boolean {
  if (isTrivial(s) || isWeakBase(s, context)) return true;
  const unit = repeatingUnit(s);
  return unit !== s && isWeakBase(unit, context);
}

/** A listed word or a context word, possibly in leetspeak, possibly padded with a weak affix. */
function isWeakBase(s: string, context: ReadonlySet<string>): boolean {
  const listed = (w: string) => COMMON.has(w) || context.has(w) || deLeet(w).some((v) => COMMON.has(v) || context.has(v));
  if (listed(s)) return true;
  const m = /^([^\p{L}]*)(.*?)([^\p{L}]*)$/su.exec(s);
  if (!m) return false;
  const [, prefix = '', core = '', suffix = ''] = m;
  return core.length > 0 && core !== s && isWeakAffix(prefix) && isWeakAffix(suffix) && listed(core);
}

/** Padding an attacker's rules try first: up to four characters, a year, or a trivial run. */
function isWeakAffix(affix: string): boolean {
  const n = [...affix].length;
  return n <= 4 || isTrivial(affix) || /^[^\p{L}\p{N}]{0,2}(?:19|20)\d\d[^\p{L}\p{N}]{0,2}$/u.test(affix);
}

/** One character repeated, a short pattern repeated, a run of consecutive characters, a keyboard walk. */
function isTrivial(s: string): boolean {
  const cps = [...s];
  if (cps.length === 0) return true;
  if ([...repeatingUnit(s)].length <= 4) return true;
  if (isRun(cps.map((c) => c.codePointAt(0)!))) return true;
  return KEYBOARD_WALKS.some((walk) => walk.includes(s));
}

/** Each code point one above (or each one below) the previous; digits wrap from 9 to 0. */
function isRun(cps: readonly number[]): boolean {
  const step = (a: number, b: number): number => {
    const zero = 0x30;
    const nine = 0x39;
    if (a >= zero && a <= nine && b >= zero && b <= nine) return (((b - a) % 10) + 10) % 10 === 1 ? 1 : (((a - b) % 10) + 10) % 10 === 1 ? -1 : 0;
    return b - a === 1 ? 1 : a - b === 1 ? -1 : 0;
  };
  if (cps.length < 2) return false;
  const direction = step(cps[0]!, cps[1]!);
  if (direction === 0) return false;
  for (let i = 2; i < cps.length; i++) if (step(cps[i - 1]!, cps[i]!) !== direction) return false;
  return true;
}

/** The shortest unit whose repetition makes up the string (the string itself if none). */
function repeatingUnit(s: string): string {
  const cps = [...s];
  const n = cps.length;
  for (let len = 1; len <= n / 2; len++) {
    if (n % len !== 0) continue;
    let repeats = true;
    for (let i = len; i < n && repeats; i++) repeats = cps[i] === cps[i - len];
    if (repeats) return cps.slice(0, len).join('');
  }
  return s;
}

const LEET: Readonly<Record<string, readonly string[]>> = {
  '@': ['a'],
  '4': ['a'],
  '0': ['o'],
  '3': ['e'],
  $: ['s'],
  '5': ['s'],
  '7': ['t'],
  '+': ['t'],
  '1': ['i', 'l'],
  '!': ['i', 'l'],
  '|': ['i', 'l'],
};

/** The string with leetspeak undone, reading ambiguous digits both ways (1 → i, 1 → l). */
function deLeet(s: string): string[] {
  if (!/[@430$57+1!|]/u.test(s)) return [];
  return [0, 1].map((variant) => [...s].map((c) => LEET[c]?.[Math.min(variant, LEET[c].length - 1)] ?? c).join(''));
}

const ROWS_LATIN = '`1234567890-=qwertyuiop[]asdfghjkl;\'zxcvbnm,./';
const ROWS_CYRILLIC = 'ё1234567890-=йцукенгшщзхъфывапролджэячсмитьбю.';
const LATIN_TO_CYRILLIC = new Map([...ROWS_LATIN].map((c, i) => [c, [...ROWS_CYRILLIC][i]!]));
const CYRILLIC_TO_LATIN = new Map([...ROWS_CYRILLIC].map((c, i) => [c, [...ROWS_LATIN][i]!]));

/** What the same keys type on the other layout: `gfhjkm` is `пароль` typed with the wrong layout on. */
function swapLayout(s: string, map: ReadonlyMap<string, string>): string {
  return [...s].map((c) => map.get(c) ?? c).join('');
}

const WALKS = [
  '1234567890qwertyuiopasdfghjklzxcvbnm',
  'qwertyuiop[]asdfghjkl;\'zxcvbnm,./',
  '1qaz2wsx3edc4rfv5tgb6yhn7ujm8ik,9ol.0p;/',
  'qazwsxedcrfvtgbyhnujmikolp',
  'zaq1xsw2cde3vfr4bgt5nhy6mju7,ki8.lo9/;p0',
  'qwertasdfgzxcvbyuiophjklnm',
  '1q2w3e4r5t6y7u8i9o0p',
  'q1w2e3r4t5y6u7i8o9p0',
  'qawsedrftgyhujikolp',
  '!@#$%^&*()_+',
  '1234567890йцукенгшщзхъфывапролджэячсмитьбю',
  'йфяцычувскамепинртгоьшлбщдюзжхэъ',
];
const KEYBOARD_WALKS: readonly string[] = WALKS.flatMap((w) => [w, [...w].reverse().join('')]);
