/**
 * Signing in and sessions (docs/security.md). A sign-in checks the password (Argon2id) and a
 * second factor (a TOTP code that works once, or a one-time recovery code), then unwraps the
 * account's private key with the password-derived key and, with it, the keys of the account's
 * collections, which stay in memory for the session only. Sessions are 256-bit random ids; the
 * database keeps only their hash. Idle timeout 30 minutes, absolute 12 hours.
 */
import { createHash, randomBytes } from 'node:crypto';
import { z } from 'zod';
import { roleCan, type Principal } from '../core/access.js';
import { parseInput } from '../core/common.js';
import { VigilError } from '../core/errors.js';
import type { Repositories } from '../core/ports.js';
import type { Account, SecurityServices } from '../core/security.js';
import { EmailSchema, principalOf, publicAccount, type PublicAccount } from './accounts.js';
import { appendAudit } from './audit.js';
import type { AppDeps, UseCaseContext } from './context.js';
import { keyAccess, type CollectionKey, type KeyAccess, type KeyRing } from './keyring.js';

export const SESSION_IDLE_MS = 30 * 60 * 1000;
export const SESSION_ABSOLUTE_MS = 12 * 60 * 60 * 1000;
/** Failed sign-ins allowed per account (or unknown e-mail) and per address in the window. */
export const ACCOUNT_FAILURES = 5;
export const ADDRESS_FAILURES = 20;
export const THROTTLE_WINDOW_MS = 15 * 60 * 1000;

export const SignInInputSchema = z
  .object({
    email: z.string().max(320),
    password: z.string().max(1024),
    /** A 6-digit TOTP code, or a recovery code. */
    code: z.string().max(64),
  })
  .strict();

export interface SignedIn {
  readonly sessionId: string;
  readonly csrfToken: string;
  readonly user: PublicAccount;
  readonly expiresAt: string;
}

/** A live session, as each request sees it. */
export interface ActiveSession {
  readonly sessionHash: string;
  readonly principal: Principal & { kind: 'user' };
  readonly user: PublicAccount;
  readonly keys: KeyAccess;
  readonly csrfToken: string;
}

/** Failures per key in a sliding window, in memory only (addresses are hashed with a per-process salt first). */
export class FailureLimiter {
  private readonly failures = new Map<string, number[]>();
  constructor(
    private readonly max: number,
    private readonly windowMs: number,
  ) {}

  private recent(key: string, now: number): number[] {
    const list = (this.failures.get(key) ?? []).filter((t) => now - t < this.windowMs);
    if (list.length === 0) this.failures.delete(key);
    else this.failures.set(key, list);
    return list;
  }

  blocked(key: string, now: number): boolean {
    return this.recent(key, now).length >= this.max;
  }

  fail(key: string, now: number): void {
    const list = this.recent(key, now);
    list.push(now);
    this.failures.set(key, list);
    // Bounded memory under a flood of distinct keys.
    if (this.failures.size > 100_000) this.failures.delete(this.failures.keys().next().value as string);
  }

  reset(key: string): void {
    this.failures.delete(key);
  }
}

const signInFailed = () => new VigilError('SIGN_IN_FAILED', 'the e-mail, password or code is not right');
const throttled = () => new VigilError('THROTTLED', 'too many failed sign-ins: wait a few minutes and try again');

export interface Auth {
  signIn(input: unknown, meta?: { address?: string }): Promise<SignedIn>;
  /** The session behind a session id, or undefined when it is unknown, expired, revoked or its keys are gone. */
  resume(sessionId: string): Promise<ActiveSession | undefined>;
  signOut(sessionId: string): Promise<void>;
  signOutEverywhere(sessionId: string): Promise<void>;
  /**
   * Unlocks an account's keys with its password alone, for the CLI on the machine that holds
   * the database (VIGIL_USER / VIGIL_PASSWORD): no session, nothing remembered.
   */
  unlock(email: string, password: string): Promise<{ principal: Principal & { kind: 'user' }; keys: KeyAccess; user: PublicAccount }>;
  readonly keyring: KeyRing;
}

export function createAuth(deps: AppDeps, keyring: KeyRing): Auth {
  const s: SecurityServices | undefined = deps.security;
  const sec = (): SecurityServices => {
    if (!s) throw new Error('the security services are not configured');
    return s;
  };
  const byAccount = new FailureLimiter(ACCOUNT_FAILURES, THROTTLE_WINDOW_MS);
  const byAddress = new FailureLimiter(ADDRESS_FAILURES, THROTTLE_WINDOW_MS);
  const addressSalt = randomBytes(16);
  const addressKey = (a: string) => createHash('sha256').update(addressSalt).update(a).digest('hex');
  const emailKey = (e: string) => createHash('sha256').update(addressSalt).update(`email:${e}`).digest('hex');

  const tx = <T>(fn: (ctx: UseCaseContext) => Promise<T>) =>
    deps.store.transaction((repos: Repositories) => fn({ repos, clock: deps.clock, ids: deps.ids, security: sec(), keyring }));

  async function unwrapKeys(ctx: UseCaseContext, account: Account, password: string): Promise<Map<string, CollectionKey>> {
    const x = sec();
    const kek = await x.deriveKek(password, account.kdfSalt);
    // A role that may neither write nor reveal never needs a collection key: its sessions hold none.
    const needsKeys = roleCan(account.role, 'write') || roleCan(account.role, 'reveal');
    let privateKey: Uint8Array | undefined;
    try {
      privateKey = x.unwrapPrivateKey(account.wrappedPrivateKey, kek, account.id);
      const keys = new Map<string, CollectionKey>();
      for (const m of needsKeys ? await ctx.repos.memberships.ofUser(account.id) : []) {
        const have = keys.get(m.collectionId);
        if (have && have.keyVersion >= m.keyVersion) continue;
        const key = x.unwrapForMember(m.wrappedKey, privateKey, { collectionId: m.collectionId, memberId: account.id, keyVersion: m.keyVersion });
        keys.set(m.collectionId, { keyVersion: m.keyVersion, key });
      }
      return keys;
    } finally {
      x.wipe(kek, ...(privateKey ? [privateKey] : []));
    }
  }

  async function checkSecondFactor(account: Account, code: string, now: Date): Promise<{ account: Account; factor: 'totp' | 'recovery_code' } | undefined> {
    const x = sec();
    const trimmed = code.replace(/\s+/g, '');
    if (/^\d{6}$/.test(trimmed)) {
      const secret = x.openServer('totp', account.id, account.totpSecretSealed);
      const r = x.verifyTotp(secret, trimmed, now, account.totpLastStep);
      return r.ok ? { account: { ...account, totpLastStep: r.step }, factor: 'totp' } : undefined;
    }
    const r = x.verifyRecoveryCode(trimmed, account.recoveryCodeHashes, account.id);
    if (!r.ok) return undefined;
    return { account: { ...account, recoveryCodeHashes: account.recoveryCodeHashes.filter((_, i) => i !== r.index) }, factor: 'recovery_code' };
  }

  async function fail(account: Account | undefined, reason: string): Promise<void> {
    await tx(async (ctx) => {
      if (account) {
        const fresh = await ctx.repos.accounts.get(account.id);
        if (fresh) await ctx.repos.accounts.update({ ...fresh, failedSignIns: fresh.failedSignIns + 1, updatedAt: ctx.clock.now().toISOString() });
      }
      await appendAudit(ctx, { actorId: account?.id ?? null, action: 'sign_in', entity: 'account', entityId: account?.id ?? null, collectionId: null, outcome: 'denied', details: { reason } });
    });
  }

  return {
    keyring,

    async signIn(input, meta = {}) {
      const x = sec();
      const data = parseInput(SignInInputSchema, input, 'sign-in');
      const email = EmailSchema.safeParse(data.email);
      const now = deps.clock.now();
      const t = now.getTime();
      const ak = meta.address ? addressKey(meta.address) : undefined;
      const ek = emailKey(email.success ? email.data : data.email.toLowerCase());
      if ((ak && byAddress.blocked(ak, t)) || byAccount.blocked(ek, t)) {
        await tx((ctx) => appendAudit(ctx, { actorId: null, action: 'sign_in', entity: 'account', entityId: null, collectionId: null, outcome: 'denied', details: { reason: 'throttled' } }));
        throw throttled();
      }
      const account = email.success ? await tx((ctx) => ctx.repos.accounts.getByEmail(email.data)) : undefined;
      const noteFailure = async (reason: string) => {
        byAccount.fail(ek, t);
        if (ak) byAddress.fail(ak, t);
        await fail(account, reason);
        return signInFailed();
      };
      if (!account || account.disabled) {
        // The same work and the same answer as a wrong password.
        await x.dummyVerify(data.password);
        throw await noteFailure(account ? 'disabled' : 'unknown_account');
      }
      if (!(await x.verifyPassword(account.passwordHash, data.password))) throw await noteFailure('password');
      const second = await checkSecondFactor(account, data.code, now);
      if (!second) throw await noteFailure('second_factor');
      const after = second.account;

      byAccount.reset(ek);
      const sessionId = x.newSessionId();
      const sessionHash = x.sessionIdHash(sessionId);
      const expiresAt = new Date(t + SESSION_ABSOLUTE_MS).toISOString();
      const user = await tx(async (ctx) => {
        const fresh = (await ctx.repos.accounts.get(account.id)) ?? account;
        // The step or code used is spent in the same transaction that opens the session: a
        // concurrent sign-in with the same code finds it spent.
        if (second.factor === 'totp' && fresh.totpLastStep !== null && after.totpLastStep !== null && fresh.totpLastStep >= after.totpLastStep) throw signInFailed();
        if (second.factor === 'recovery_code' && fresh.recoveryCodeHashes.length !== account.recoveryCodeHashes.length) throw signInFailed();
        const updated: Account = {
          ...fresh,
          totpLastStep: after.totpLastStep,
          recoveryCodeHashes: after.recoveryCodeHashes,
          failedSignIns: 0,
          updatedAt: now.toISOString(),
        };
        await ctx.repos.accounts.update(updated);
        const keys = await unwrapKeys(ctx, updated, data.password);
        await ctx.repos.sessions.insert({ idHash: sessionHash, userId: account.id, createdAt: now.toISOString(), lastSeenAt: now.toISOString(), expiresAt, revokedAt: null });
        keyring.set(sessionHash, { userId: account.id, keys });
        await appendAudit(ctx, {
          actorId: account.id,
          action: 'sign_in',
          entity: 'account',
          entityId: account.id,
          collectionId: null,
          outcome: 'ok',
          details: { factor: second.factor },
        });
        return publicAccount(updated);
      });
      return { sessionId, csrfToken: x.csrfToken(sessionId), user, expiresAt };
    },

    async resume(sessionId) {
      const x = sec();
      if (typeof sessionId !== 'string' || sessionId.length === 0 || sessionId.length > 100) return undefined;
      const sessionHash = x.sessionIdHash(sessionId);
      const unlocked = keyring.get(sessionHash);
      if (!unlocked) return undefined; // the server restarted, or the session ended: sign in again
      const now = deps.clock.now();
      return tx(async (ctx) => {
        const rec = await ctx.repos.sessions.get(sessionHash);
        const account = rec ? await ctx.repos.accounts.get(rec.userId) : undefined;
        const idle = rec ? now.getTime() - Date.parse(rec.lastSeenAt) > SESSION_IDLE_MS : true;
        if (!rec || !account || account.disabled || rec.revokedAt !== null || now.getTime() >= Date.parse(rec.expiresAt) || idle) {
          keyring.drop(sessionHash);
          if (rec && rec.revokedAt === null) await ctx.repos.sessions.revoke(sessionHash, now.toISOString());
          return undefined;
        }
        // One write a minute at most per session.
        if (now.getTime() - Date.parse(rec.lastSeenAt) > 60_000) await ctx.repos.sessions.touch(sessionHash, now.toISOString());
        const principal = (await principalOf(ctx, account)) as Principal & { kind: 'user' };
        return { sessionHash, principal, user: publicAccount(account), keys: keyAccess(unlocked.keys), csrfToken: x.csrfToken(sessionId) };
      });
    },

    async signOut(sessionId) {
      const x = sec();
      const sessionHash = x.sessionIdHash(sessionId);
      const userId = keyring.get(sessionHash)?.userId ?? null;
      keyring.drop(sessionHash);
      await tx(async (ctx) => {
        await ctx.repos.sessions.revoke(sessionHash, deps.clock.now().toISOString());
        await appendAudit(ctx, { actorId: userId, action: 'sign_out', entity: 'account', entityId: userId, collectionId: null, outcome: 'ok', details: {} });
      });
    },

    async signOutEverywhere(sessionId) {
      const x = sec();
      const sessionHash = x.sessionIdHash(sessionId);
      const userId = keyring.get(sessionHash)?.userId;
      if (!userId) return;
      keyring.dropUser(userId);
      await tx(async (ctx) => {
        const n = (await ctx.repos.sessions.revokeAllOf(userId, deps.clock.now().toISOString())).length;
        await appendAudit(ctx, { actorId: userId, action: 'sign_out_everywhere', entity: 'account', entityId: userId, collectionId: null, outcome: 'ok', details: { sessions: n } });
      });
    },

    async unlock(emailText, password) {
      const x = sec();
      const email = EmailSchema.safeParse(emailText);
      return tx(async (ctx) => {
        const account = email.success ? await ctx.repos.accounts.getByEmail(email.data) : undefined;
        if (!account || account.disabled || !(await x.verifyPassword(account.passwordHash, password))) {
          if (!account) await x.dummyVerify(password);
          throw signInFailed();
        }
        const keys = await unwrapKeys(ctx, account, password);
        await appendAudit(ctx, { actorId: account.id, action: 'unlock', entity: 'account', entityId: account.id, collectionId: null, outcome: 'ok', details: { via: 'cli' } });
        const principal = (await principalOf(ctx, account)) as Principal & { kind: 'user' };
        return { principal, keys: keyAccess(keys), user: publicAccount(account) };
      });
    },
  };
}
