/**
 * Records and ports of the security layer (DESIGN §4, docs/security.md): accounts, sessions,
 * collection keys and memberships, sealed persons, the audit chain. The app works with these
 * interfaces only; db/ stores the records, crypto/ implements `SecurityServices`.
 */
import type { Role } from './access.js';
import type { Page, PageRequest } from './ports.js';

// ------------------------------------------------------------------------------- accounts

export interface Account {
  readonly id: string;
  /** Lower-cased; staff e-mail, not data about victims. */
  readonly email: string;
  readonly displayName: string;
  readonly role: Role;
  /** Argon2id PHC string of the password. */
  readonly passwordHash: string;
  /** Salt of the key-encryption key derived from the password (base64url). */
  readonly kdfSalt: string;
  /** X25519 public key (base64url) that collection keys are wrapped to. */
  readonly publicKey: string;
  /** The X25519 private key, wrapped by the password-derived key. */
  readonly wrappedPrivateKey: string;
  /** The private key wrapped by the installation's recovery key (escrow). */
  readonly escrowPrivateKey: string;
  /** The TOTP secret, sealed under the server secret. */
  readonly totpSecretSealed: string;
  /** The last TOTP time step accepted: a code of that step or earlier never works again. */
  readonly totpLastStep: number | null;
  /** Keyed hashes of the unused one-time recovery codes. */
  readonly recoveryCodeHashes: readonly string[];
  readonly failedSignIns: number;
  readonly lockedUntil: string | null;
  readonly disabled: boolean;
  readonly createdAt: string;
  readonly updatedAt: string;
}

export interface AccountRepository {
  insert(a: Account): Promise<void>;
  update(a: Account): Promise<void>;
  get(id: string): Promise<Account | undefined>;
  getByEmail(email: string): Promise<Account | undefined>;
  list(page: PageRequest): Promise<Page<Account>>;
  count(): Promise<number>;
}

export interface SessionRecord {
  /** SHA-256 of the session id (hex): a stolen database holds no usable session. */
  readonly idHash: string;
  readonly userId: string;
  readonly createdAt: string;
  readonly lastSeenAt: string;
  readonly expiresAt: string;
  readonly revokedAt: string | null;
}

export interface SessionRepository {
  insert(s: SessionRecord): Promise<void>;
  get(idHash: string): Promise<SessionRecord | undefined>;
  touch(idHash: string, lastSeenAt: string): Promise<void>;
  revoke(idHash: string, at: string): Promise<void>;
  /** Revokes every open session of an account; returns their id hashes. */
  revokeAllOf(userId: string, at: string): Promise<string[]>;
}

// -------------------------------------------------------------------- keys and membership

/** A collection's data key, wrapped for one member. */
export interface Membership {
  readonly collectionId: string;
  readonly userId: string;
  readonly keyVersion: number;
  readonly wrappedKey: string;
  readonly addedAt: string;
}

export interface MembershipRepository {
  upsert(m: Membership): Promise<void>;
  remove(collectionId: string, userId: string): Promise<void>;
  ofUser(userId: string): Promise<Membership[]>;
  ofCollection(collectionId: string): Promise<Membership[]>;
  /** Destroys every wrapped copy of the collection's keys (crypto-shredding). */
  removeCollection(collectionId: string): Promise<void>;
}

/** The installation: its id (the audit chain's genesis) and public material. */
export interface Installation {
  readonly id: string;
  /** X25519 public key of the recovery key (null until the first admin is set up): keys are escrowed to it. */
  readonly recoveryPublicKey: string | null;
  /** Ed25519 public key that verifies audit checkpoints (hex). */
  readonly auditPublicKey: string;
  readonly createdAt: string;
}

export interface InstallationRepository {
  get(): Promise<Installation | undefined>;
  insert(i: Installation): Promise<void>;
  update(i: Installation): Promise<void>;
}

// ---------------------------------------------------------------------------- persons

/** The identifying details of a person: sealed as one value, never stored in the clear. */
export interface PersonIdentity {
  readonly names: string[];
  readonly aliases: string[];
  readonly birthDate: string | null;
  readonly contacts: string[];
  readonly address: string | null;
  readonly notes: string | null;
}

export interface PersonRecord {
  readonly id: string;
  readonly collectionId: string;
  /** What everyone sees: a code name chosen by the team (never a real name). */
  readonly pseudonym: string;
  readonly keyVersion: number;
  /** PersonIdentity as JSON, sealed under the collection's data key. */
  readonly identitySealed: string;
  /** Blind-index tokens of every name and alias. */
  readonly nameTokens: readonly string[];
  readonly createdAt: string;
  readonly updatedAt: string;
}

export interface PersonRepository {
  insert(p: PersonRecord): Promise<void>;
  /** New persons in multi-row statements. For imports. */
  insertMany(ps: readonly PersonRecord[]): Promise<void>;
  update(p: PersonRecord): Promise<void>;
  get(id: string): Promise<PersonRecord | undefined>;
  delete(id: string): Promise<void>;
  list(filter: { collectionIds?: readonly string[]; pseudonym?: string }, page: PageRequest): Promise<Page<PersonRecord>>;
  /** Persons of a collection whose name tokens include every token given. */
  findByTokens(collectionId: string, tokens: readonly string[], limit: number): Promise<PersonRecord[]>;
}

// ------------------------------------------------------------------------------ audit

export const AUDIT_OUTCOMES = ['ok', 'denied', 'failed'] as const;
export type AuditOutcome = (typeof AUDIT_OUTCOMES)[number];

/**
 * What an audit row says: who, what, on which ids, when, with what outcome. Ids, codes and
 * counts only — never a sealed value, a name, a text or an address.
 */
export interface AuditEvent {
  /** Account id; null for the local operator or an unknown account. */
  readonly actorId: string | null;
  /** e.g. `sign_in`, `person.reveal`, `incident.create`, `collection.export`. */
  readonly action: string;
  readonly entity: string | null;
  readonly entityId: string | null;
  readonly collectionId: string | null;
  readonly outcome: AuditOutcome;
  /** Extra ids, error codes or counts. */
  readonly details: Readonly<Record<string, string | number | boolean | null>>;
}

export interface AuditRow extends AuditEvent {
  readonly seq: number;
  /** UTC ISO time. */
  readonly at: string;
  readonly prevHash: string;
  readonly hash: string;
}

export interface AuditCheckpointRecord {
  readonly seq: number;
  readonly hash: string;
  readonly at: string;
  /** Ed25519 signature (base64url) over the checkpoint. */
  readonly signature: string;
  readonly publicKey: string;
}

export interface AuditFilter {
  readonly action?: string;
  readonly actorId?: string;
  readonly collectionId?: string;
  readonly outcome?: AuditOutcome;
}

/**
 * The chain's head (the audit_head row): the newest row's seq and hash, and the checkpoint of
 * that head signed when the row was appended (null only if the row was written without one).
 */
export interface AuditHead {
  readonly seq: number;
  readonly hash: string;
  readonly signed: AuditCheckpointRecord | null;
}

export interface AuditRepository {
  /**
   * The head; undefined while the log is empty. By default it locks the head so appends are
   * serial; `{ lock: false }` only reads it (verification, export), blocking no writer.
   */
  head(options?: { readonly lock?: boolean }): Promise<AuditHead | undefined>;
  /** Inserts the row and moves the head to it, with the head's signed checkpoint. */
  append(row: AuditRow, signedHead: AuditCheckpointRecord): Promise<void>;
  /** Newest first. */
  list(filter: AuditFilter, page: PageRequest): Promise<Page<AuditRow>>;
  /** Every row in seq order (after `afterSeq`, when given), for verification and export. */
  all(afterSeq?: number): AsyncIterable<AuditRow>;
  insertCheckpoint(cp: AuditCheckpointRecord): Promise<void>;
  checkpoints(): Promise<AuditCheckpointRecord[]>;
}

/** Repositories of the security layer, in the same transaction as the rest. */
export interface SecurityRepositories {
  readonly accounts: AccountRepository;
  readonly sessions: SessionRepository;
  readonly memberships: MembershipRepository;
  readonly installation: InstallationRepository;
  readonly persons: PersonRepository;
  readonly audit: AuditRepository;
}

// ----------------------------------------------------------------- crypto, as a port

export interface SealPlace {
  readonly table: string;
  readonly column: string;
  readonly rowId: string;
  readonly collectionId: string;
  readonly keyVersion: number;
}

/** too_short: under 12 characters; too_long: over 1,024; common: a known or guessable password. */
export type PasswordCheck = { readonly ok: true } | { readonly ok: false; readonly reason: 'too_short' | 'too_long' | 'common' };

/**
 * The cryptography the app needs, implemented by src/crypto (services.ts) and passed in by the
 * main.ts files. Keys are raw bytes held only in memory.
 */
export interface SecurityServices {
  // passwords
  /** `context`: words the password must not be (the e-mail, the name). */
  checkPasswordPolicy(password: string, context?: readonly string[]): PasswordCheck;
  hashPassword(password: string): Promise<string>;
  verifyPassword(hash: string, password: string): Promise<boolean>;
  /** Spends about the time of a real verification, for unknown accounts. */
  dummyVerify(password: string): Promise<false>;
  // keys
  newSalt(): string;
  /** Argon2id key-encryption key from a password. */
  deriveKek(password: string, salt: string): Promise<Uint8Array>;
  newMemberKeyPair(): { publicKey: string; privateKey: Uint8Array };
  wrapPrivateKey(privateKey: Uint8Array, kek: Uint8Array, userId: string): string;
  unwrapPrivateKey(wrapped: string, kek: Uint8Array, userId: string): Uint8Array;
  newDataKey(): Uint8Array;
  wrapForMember(dataKey: Uint8Array, publicKey: string, ctx: { collectionId: string; memberId: string; keyVersion: number }): string;
  unwrapForMember(wrapped: string, privateKey: Uint8Array, ctx: { collectionId: string; memberId: string; keyVersion: number }): Uint8Array;
  /** A new recovery key: the text shown once, and its X25519 public key. */
  newRecoveryKey(): { text: string; publicKey: string };
  /** The X25519 private key behind a recovery key's text. */
  recoveryPrivateKey(text: string): Uint8Array;
  wipe(...keys: Uint8Array[]): void;
  // sealing
  seal(key: Uint8Array, place: SealPlace, plaintext: string): string;
  open(key: Uint8Array, place: SealPlace, sealed: string): string;
  /** Server-secret sealing for values that belong to no collection (TOTP secrets). */
  sealServer(purpose: string, rowId: string, plaintext: string): string;
  openServer(purpose: string, rowId: string, sealed: string): string;
  // blind indexes
  nameTokens(dataKey: Uint8Array, collectionId: string, keyVersion: number, name: string): string[];
  nameSearchTokens(dataKey: Uint8Array, collectionId: string, keyVersion: number, name: string): string[];
  // second factor
  newTotpSecret(): string;
  totpUri(secret: string, label: string): string;
  verifyTotp(secret: string, code: string, now: Date, lastStep: number | null): { ok: true; step: number } | { ok: false };
  newRecoveryCodes(): string[];
  hashRecoveryCode(code: string, userId: string): string;
  verifyRecoveryCode(code: string, hashes: readonly string[], userId: string): { ok: true; index: number } | { ok: false };
  // sessions
  /** 256 random bits, base64url. */
  newSessionId(): string;
  sessionIdHash(id: string): string;
  /** The CSRF token bound to a session id (HMAC under the server secret). */
  csrfToken(sessionId: string): string;
  // audit chain
  /** Ed25519 public key (hex) that verifies this installation's checkpoints. */
  readonly auditPublicKey: string;
  auditGenesis(installationId: string): string;
  auditEntryHash(prevHash: string, seq: number, body: unknown): string;
  /** Signs a checkpoint with the installation's audit key; returns the signature (base64url) and public key (hex). */
  signAuditCheckpoint(cp: { seq: number; hash: string; at: string }): { signature: string; publicKey: string };
  /**
   * Verifies entries in seq order against their hashes and the checkpoints (every checkpoint
   * must carry a valid signature). `start`: resume after a trusted point (the last entry of the
   * previous page) instead of the genesis, so a long log is verified page by page. `publicKey`:
   * verify signatures under this key (hex) instead of this installation's (an exported file).
   */
  verifyAuditChain(
    entries: readonly { seq: number; prevHash: string; hash: string; body: unknown }[],
    genesis: string,
    checkpoints: readonly AuditCheckpointRecord[],
    options?: { readonly start?: { readonly seq: number; readonly hash: string }; readonly publicKey?: string },
  ): { ok: true; lastSeq: number } | { ok: false; firstBadSeq: number; reason: string; message: string };
}

/**
 * The member id under which each collection's data key is also wrapped to the installation's
 * recovery key (escrow): whoever holds the recovery key can restore access to every collection.
 */
export const RECOVERY_MEMBER = '@recovery';
