/**
 * Accounts, collection keys and membership (docs/security.md). Keys follow people: a
 * collection's data key exists only wrapped — for each member (to their X25519 public key) and
 * once for the installation's recovery key — and unwrapped only in a signed-in session's memory.
 */
import { z } from 'zod';
import { ROLES, type Principal, type Role } from '../core/access.js';
import { IdSchema, line, parseInput } from '../core/common.js';
import { ForbiddenError, NotFoundError, ValidationError, VigilError } from '../core/errors.js';
import type { Page } from '../core/ports.js';
import { RECOVERY_MEMBER, type Account, type Installation, type SecurityServices } from '../core/security.js';
import { appendAudit, ensureInstallation } from './audit.js';
import { nowIso, type UseCaseContext } from './context.js';
import { PageQuerySchema } from './paging.js';

export const EmailSchema = z.string().trim().toLowerCase().pipe(z.email().max(254));
/** Length only: the policy (12+ characters, not a common password) is checked by the port. */
export const PasswordSchema = z.string().min(1).max(1024);

export const SetupInputSchema = z.object({ email: EmailSchema, password: PasswordSchema, displayName: line(200) }).strict();
export const AccountInputSchema = SetupInputSchema.extend({ role: z.enum(ROLES) }).strict();
export const AccountPatchSchema = z.object({ role: z.enum(ROLES).optional(), displayName: line(200).optional(), disabled: z.boolean().optional() }).strict();

/** An account as anyone but the account store sees it: no hashes, no keys. */
export interface PublicAccount {
  readonly id: string;
  readonly email: string;
  readonly displayName: string;
  readonly role: Role;
  readonly disabled: boolean;
  readonly createdAt: string;
}

export const publicAccount = (a: Account): PublicAccount => ({
  id: a.id,
  email: a.email,
  displayName: a.displayName,
  role: a.role,
  disabled: a.disabled,
  createdAt: a.createdAt,
});

/** What a new account's holder must keep: shown once, never stored in the clear. */
export interface SecondFactorEnrolment {
  readonly totp: { readonly secret: string; readonly uri: string };
  readonly recoveryCodes: string[];
}

export interface SetupResult extends SecondFactorEnrolment {
  readonly user: PublicAccount;
  /** The installation's recovery key: printed once; whoever holds it can restore every collection. */
  readonly recoveryKey: string;
}

export interface NewAccountResult extends SecondFactorEnrolment {
  readonly user: PublicAccount;
}

export function security(ctx: UseCaseContext): SecurityServices {
  if (!ctx.security) throw new Error('the security services are not configured: build the app with `security`');
  return ctx.security;
}

function refusePassword(s: SecurityServices, password: string, context: string[]): void {
  const r = s.checkPasswordPolicy(password, context);
  if (r.ok) return;
  const message =
    r.reason === 'too_short'
      ? 'at least 12 characters'
      : r.reason === 'too_long'
        ? 'at most 1024 characters'
        : 'this password is too common or too easy to guess: choose a longer phrase of your own';
  throw new ValidationError('the password does not meet the policy', [{ path: 'password', message }]);
}

async function buildAccount(
  ctx: UseCaseContext,
  data: { email: string; password: string; displayName: string; role: Role },
  installation: Installation,
): Promise<{ account: Account; enrolment: SecondFactorEnrolment; publicKey: string }> {
  const s = security(ctx);
  refusePassword(s, data.password, [data.email, data.email.split('@')[0] ?? '', data.displayName]);
  if (await ctx.repos.accounts.getByEmail(data.email)) {
    throw new VigilError('CONFLICT', 'an account with this e-mail exists', [{ path: 'email', message: 'already in use' }]);
  }
  const id = ctx.ids.newId();
  const now = nowIso(ctx);
  const salt = s.newSalt();
  const kek = await s.deriveKek(data.password, salt);
  const pair = s.newMemberKeyPair();
  try {
    const totpSecret = s.newTotpSecret();
    const recoveryCodes = s.newRecoveryCodes();
    const account: Account = {
      id,
      email: data.email,
      displayName: data.displayName,
      role: data.role,
      passwordHash: await s.hashPassword(data.password),
      kdfSalt: salt,
      publicKey: pair.publicKey,
      wrappedPrivateKey: s.wrapPrivateKey(pair.privateKey, kek, id),
      // The private key escrowed to the recovery key: a forgotten password can be reset without losing data.
      escrowPrivateKey: installation.recoveryPublicKey
        ? s.wrapForMember(pair.privateKey, installation.recoveryPublicKey, { collectionId: '@account', memberId: id, keyVersion: 1 })
        : '',
      totpSecretSealed: s.sealServer('totp', id, totpSecret),
      totpLastStep: null,
      recoveryCodeHashes: recoveryCodes.map((c) => s.hashRecoveryCode(c, id)),
      failedSignIns: 0,
      lockedUntil: null,
      disabled: false,
      createdAt: now,
      updatedAt: now,
    };
    await ctx.repos.accounts.insert(account);
    return { account, enrolment: { totp: { secret: totpSecret, uri: s.totpUri(totpSecret, `Vigil:${data.email}`) }, recoveryCodes }, publicKey: pair.publicKey };
  } finally {
    s.wipe(kek, pair.privateKey);
  }
}

/** Wraps a collection's data key for an account (by its public key) and records the membership. */
async function wrapFor(ctx: UseCaseContext, collectionId: string, memberId: string, publicKey: string, dataKey: Uint8Array, keyVersion: number): Promise<void> {
  const wrappedKey = security(ctx).wrapForMember(dataKey, publicKey, { collectionId, memberId, keyVersion });
  await ctx.repos.memberships.upsert({ collectionId, userId: memberId, keyVersion, wrappedKey, addedAt: nowIso(ctx) });
}

/**
 * Gives a new collection its data key (version 1), wrapped for the creating user, for every
 * admin (so a collection made by the operator or an admin is never orphaned) and for the
 * recovery key. The creator's session gets the key at once.
 */
export async function provisionCollectionKey(ctx: UseCaseContext, collectionId: string): Promise<void> {
  if (!ctx.security) return;
  const s = ctx.security;
  const installation = await ctx.repos.installation.get();
  const admins = (await ctx.repos.accounts.list({ limit: 10_000, offset: 0 })).items.filter((a) => a.role === 'admin' && !a.disabled);
  const creator = ctx.principal?.kind === 'user' ? await ctx.repos.accounts.get(ctx.principal.userId) : undefined;
  const members = new Map<string, string>();
  for (const a of admins) members.set(a.id, a.publicKey);
  if (creator) members.set(creator.id, creator.publicKey);
  if (members.size === 0 && !installation?.recoveryPublicKey) return; // before set-up: keys come with the first admin
  const dataKey = s.newDataKey();
  try {
    for (const [id, pk] of members) await wrapFor(ctx, collectionId, id, pk, dataKey, 1);
    if (installation?.recoveryPublicKey) await wrapFor(ctx, collectionId, RECOVERY_MEMBER, installation.recoveryPublicKey, dataKey, 1);
    if (creator) ctx.keys?.add(collectionId, { keyVersion: 1, key: Uint8Array.from(dataKey) });
    for (const id of members.keys()) ctx.keyring?.grant(id, collectionId, { keyVersion: 1, key: dataKey });
  } finally {
    s.wipe(dataKey);
  }
}

/** First-run set-up: the first admin, the recovery key, and keys for the collections that exist. */
export async function setupAdmin(ctx: UseCaseContext, input: unknown): Promise<SetupResult> {
  const data = parseInput(SetupInputSchema, input, 'setup');
  if ((await ctx.repos.accounts.count()) > 0) throw new VigilError('SETUP_DONE', 'Vigil is set up already: sign in');
  const s = security(ctx);
  const base = await ensureInstallation(ctx);
  const recovery = s.newRecoveryKey();
  const installation: Installation = { ...base, recoveryPublicKey: recovery.publicKey };
  await ctx.repos.installation.update(installation);
  const { account, enrolment } = await buildAccount(ctx, { ...data, role: 'admin' }, installation);
  for (const c of await ctx.repos.collections.list()) {
    if ((await ctx.repos.memberships.ofCollection(c.id)).length === 0) await provisionCollectionKey(ctx, c.id);
  }
  await appendAudit(ctx, { actorId: account.id, action: 'account.setup', entity: 'account', entityId: account.id, collectionId: null, outcome: 'ok', details: {} });
  return { user: publicAccount(account), recoveryKey: recovery.text, ...enrolment };
}

export async function setupRequired(ctx: UseCaseContext): Promise<boolean> {
  return (await ctx.repos.accounts.count()) === 0;
}

/** An admin creates an account with a first password, handed over in person. */
export async function createAccount(ctx: UseCaseContext, input: unknown): Promise<NewAccountResult> {
  const data = parseInput(AccountInputSchema, input, 'account');
  const installation = await ensureInstallation(ctx);
  const { account, enrolment } = await buildAccount(ctx, data, installation);
  return { user: publicAccount(account), ...enrolment };
}

export async function getAccount(ctx: UseCaseContext, id: string): Promise<Account> {
  const a = IdSchema.safeParse(id).success ? await ctx.repos.accounts.get(id) : undefined;
  if (!a) throw new NotFoundError('ACCOUNT_NOT_FOUND', 'account', String(id).slice(0, 64));
  return a;
}

export async function listAccounts(ctx: UseCaseContext, input: unknown = {}): Promise<Page<PublicAccount>> {
  const q = parseInput(PageQuerySchema, input ?? {}, 'query');
  const page = await ctx.repos.accounts.list({ limit: q.limit, offset: q.offset });
  return { ...page, items: page.items.map(publicAccount) };
}

export async function updateAccount(ctx: UseCaseContext, input: { id: string; patch: unknown }): Promise<PublicAccount> {
  const patch = parseInput(AccountPatchSchema, input.patch, 'account');
  const a = await getAccount(ctx, input.id);
  if (ctx.principal?.kind === 'user' && ctx.principal.userId === a.id && (patch.disabled || (patch.role && patch.role !== 'admin'))) {
    throw new ValidationError('an admin cannot demote or disable their own account', [{ path: patch.disabled ? 'disabled' : 'role', message: 'not on your own account' }]);
  }
  const next: Account = {
    ...a,
    ...(patch.role ? { role: patch.role } : {}),
    ...(patch.displayName ? { displayName: patch.displayName } : {}),
    ...(patch.disabled !== undefined ? { disabled: patch.disabled } : {}),
    updatedAt: nowIso(ctx),
  };
  await ctx.repos.accounts.update(next);
  if (next.disabled) {
    await ctx.repos.sessions.revokeAllOf(a.id, nowIso(ctx));
    ctx.keyring?.dropUser(a.id);
  }
  return publicAccount(next);
}

export const MemberInputSchema = z.object({ collectionId: IdSchema, userId: IdSchema }).strict();

/** Makes an account a member: wraps the collection key (which the caller's session holds) for it. */
export async function addMember(ctx: UseCaseContext, input: unknown): Promise<{ collectionId: string; userId: string }> {
  const data = parseInput(MemberInputSchema, input, 'member');
  const collection = await ctx.repos.collections.get(data.collectionId);
  if (!collection) throw new NotFoundError('COLLECTION_NOT_FOUND', 'collection', data.collectionId, 'collectionId');
  const account = await ctx.repos.accounts.get(data.userId);
  if (!account) throw new NotFoundError('ACCOUNT_NOT_FOUND', 'account', data.userId, 'userId');
  const held = ctx.keys?.get(collection.id);
  if (!held) throw new VigilError('KEYS_LOCKED', 'your session does not hold this collection’s key: sign in again as one of its members');
  await wrapFor(ctx, collection.id, account.id, account.publicKey, held.key, held.keyVersion);
  ctx.keyring?.grant(account.id, collection.id, held);
  return { collectionId: collection.id, userId: account.id };
}

export async function removeMember(ctx: UseCaseContext, input: unknown): Promise<void> {
  const data = parseInput(MemberInputSchema, input, 'member');
  if (!(await ctx.repos.collections.get(data.collectionId))) throw new NotFoundError('COLLECTION_NOT_FOUND', 'collection', data.collectionId, 'collectionId');
  await ctx.repos.memberships.remove(data.collectionId, data.userId);
  // Their open sessions lose the key at once; a rotation (new key version) is what shuts out a copy they kept.
  for (const id of [data.userId]) ctx.keyring?.dropUser(id);
}

export async function listMembers(ctx: UseCaseContext, collectionId: string): Promise<PublicAccount[]> {
  if (!(await ctx.repos.collections.get(collectionId))) throw new NotFoundError('COLLECTION_NOT_FOUND', 'collection', collectionId);
  const ids = [...new Set((await ctx.repos.memberships.ofCollection(collectionId)).map((m) => m.userId))].filter((id) => id !== RECOVERY_MEMBER);
  const out: PublicAccount[] = [];
  for (const id of ids) {
    const a = await ctx.repos.accounts.get(id);
    if (a) out.push(publicAccount(a));
  }
  return out;
}

/** The collections an account is a member of (ids), for its principal. */
export async function principalOf(ctx: UseCaseContext, account: Account): Promise<Principal> {
  const ids = [...new Set((await ctx.repos.memberships.ofUser(account.id)).map((m) => m.collectionId))];
  return { kind: 'user', userId: account.id, role: account.role, collectionIds: ids };
}

/** Refuses when the caller is not an admin (or the operator). */
export function requireAdmin(ctx: UseCaseContext): void {
  if (ctx.principal?.kind === 'user' && ctx.principal.role !== 'admin') throw new ForbiddenError();
}

export const RecoverInputSchema = z.object({ email: EmailSchema, recoveryKey: z.string().max(200), newPassword: PasswordSchema }).strict();

/**
 * A member forgot their password: whoever holds the installation's recovery key opens the
 * member's escrowed private key and wraps it under a new password. Their data stays theirs;
 * their sessions end; a new second factor is enrolled and returned once.
 */
export async function recoverAccount(ctx: UseCaseContext, input: unknown): Promise<NewAccountResult> {
  const data = parseInput(RecoverInputSchema, input, 'recovery');
  const s = security(ctx);
  const account = await ctx.repos.accounts.getByEmail(data.email);
  if (!account || !account.escrowPrivateKey) throw new NotFoundError('ACCOUNT_NOT_FOUND', 'account', 'with this e-mail', 'email');
  refusePassword(s, data.newPassword, [account.email, account.email.split('@')[0] ?? '', account.displayName]);
  let recoveryPrivate: Uint8Array;
  try {
    recoveryPrivate = s.recoveryPrivateKey(data.recoveryKey);
  } catch {
    throw new ValidationError('not a valid recovery key', [{ path: 'recoveryKey', message: 'check each group for a typo' }]);
  }
  let privateKey: Uint8Array | undefined;
  let kek: Uint8Array | undefined;
  try {
    try {
      privateKey = s.unwrapForMember(account.escrowPrivateKey, recoveryPrivate, { collectionId: '@account', memberId: account.id, keyVersion: 1 });
    } catch {
      throw new ValidationError('this recovery key does not belong to this installation', [{ path: 'recoveryKey', message: 'wrong recovery key' }]);
    }
    const salt = s.newSalt();
    kek = await s.deriveKek(data.newPassword, salt);
    const totpSecret = s.newTotpSecret();
    const recoveryCodes = s.newRecoveryCodes();
    const next: Account = {
      ...account,
      passwordHash: await s.hashPassword(data.newPassword),
      kdfSalt: salt,
      wrappedPrivateKey: s.wrapPrivateKey(privateKey, kek, account.id),
      totpSecretSealed: s.sealServer('totp', account.id, totpSecret),
      totpLastStep: null,
      recoveryCodeHashes: recoveryCodes.map((c) => s.hashRecoveryCode(c, account.id)),
      failedSignIns: 0,
      lockedUntil: null,
      updatedAt: nowIso(ctx),
    };
    await ctx.repos.accounts.update(next);
    await ctx.repos.sessions.revokeAllOf(account.id, nowIso(ctx));
    ctx.keyring?.dropUser(account.id);
    await appendAudit(ctx, { actorId: null, action: 'account.recover', entity: 'account', entityId: account.id, collectionId: null, outcome: 'ok', details: {} });
    return { user: publicAccount(next), totp: { secret: totpSecret, uri: s.totpUri(totpSecret, `Vigil:${account.email}`) }, recoveryCodes };
  } finally {
    s.wipe(recoveryPrivate, ...(privateKey ? [privateKey] : []), ...(kek ? [kek] : []));
  }
}
