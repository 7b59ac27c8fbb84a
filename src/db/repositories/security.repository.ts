/**
 * Storage of the security layer (src/core/security.ts): accounts, sessions, memberships with
 * wrapped keys, the installation, sealed persons and their blind-index tokens, the audit chain.
 * Nothing here sees a plaintext identity: the app seals before it writes.
 */
import type { Page } from '../../core/ports.js';
import type {
  Account,
  AccountRepository,
  AuditCheckpointRecord,
  AuditRepository,
  AuditRow,
  Installation,
  InstallationRepository,
  Membership,
  MembershipRepository,
  PersonRecord,
  PersonRepository,
  SecurityRepositories,
  SessionRecord,
  SessionRepository,
} from '../../core/security.js';
import type { Role } from '../../core/access.js';
import type { AuditOutcome } from '../../core/security.js';
import type { AccountTable, AuditTable, PersonTable } from '../tables.js';
import { escapeLike, insertRows, type Db } from './shared.js';

const accountFromRow = (r: AccountTable): Account => ({
  id: r.id,
  email: r.email,
  displayName: r.display_name,
  role: r.role as Role,
  passwordHash: r.password_hash,
  kdfSalt: r.kdf_salt,
  publicKey: r.public_key,
  wrappedPrivateKey: r.wrapped_private_key,
  escrowPrivateKey: r.escrow_private_key,
  totpSecretSealed: r.totp_secret_sealed,
  totpLastStep: r.totp_last_step === null ? null : Number(r.totp_last_step),
  recoveryCodeHashes: JSON.parse(r.recovery_codes) as string[],
  failedSignIns: Number(r.failed_sign_ins),
  lockedUntil: r.locked_until,
  disabled: Number(r.disabled) === 1,
  createdAt: r.created_at,
  updatedAt: r.updated_at,
});

const accountToRow = (a: Account): AccountTable => ({
  id: a.id,
  email: a.email,
  display_name: a.displayName,
  role: a.role,
  password_hash: a.passwordHash,
  kdf_salt: a.kdfSalt,
  public_key: a.publicKey,
  wrapped_private_key: a.wrappedPrivateKey,
  escrow_private_key: a.escrowPrivateKey,
  totp_secret_sealed: a.totpSecretSealed,
  totp_last_step: a.totpLastStep,
  recovery_codes: JSON.stringify(a.recoveryCodeHashes),
  failed_sign_ins: a.failedSignIns,
  locked_until: a.lockedUntil,
  disabled: a.disabled ? 1 : 0,
  created_at: a.createdAt,
  updated_at: a.updatedAt,
});

function accountRepository(db: Db): AccountRepository {
  return {
    async insert(a) {
      await db.insertInto('account').values(accountToRow(a)).execute();
    },
    async update(a) {
      const { id, ...rest } = accountToRow(a);
      await db.updateTable('account').set(rest).where('id', '=', id).execute();
    },
    async get(id) {
      const r = await db.selectFrom('account').selectAll().where('id', '=', id).executeTakeFirst();
      return r && accountFromRow(r);
    },
    async getByEmail(email) {
      const r = await db.selectFrom('account').selectAll().where('email', '=', email.toLowerCase()).executeTakeFirst();
      return r && accountFromRow(r);
    },
    async list(page) {
      const total = await db.selectFrom('account').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
      const rows = await db.selectFrom('account').selectAll().orderBy('created_at').orderBy('id').limit(page.limit).offset(page.offset).execute();
      return { items: rows.map(accountFromRow), total: Number(total.n), limit: page.limit, offset: page.offset };
    },
    async count() {
      const r = await db.selectFrom('account').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
      return Number(r.n);
    },
  };
}

function sessionRepository(db: Db): SessionRepository {
  const fromRow = (r: { id_hash: string; user_id: string; created_at: string; last_seen_at: string; expires_at: string; revoked_at: string | null }): SessionRecord => ({
    idHash: r.id_hash,
    userId: r.user_id,
    createdAt: r.created_at,
    lastSeenAt: r.last_seen_at,
    expiresAt: r.expires_at,
    revokedAt: r.revoked_at,
  });
  return {
    async insert(s) {
      await db
        .insertInto('session')
        .values({ id_hash: s.idHash, user_id: s.userId, created_at: s.createdAt, last_seen_at: s.lastSeenAt, expires_at: s.expiresAt, revoked_at: s.revokedAt })
        .execute();
    },
    async get(idHash) {
      const r = await db.selectFrom('session').selectAll().where('id_hash', '=', idHash).executeTakeFirst();
      return r && fromRow(r);
    },
    async touch(idHash, lastSeenAt) {
      await db.updateTable('session').set({ last_seen_at: lastSeenAt }).where('id_hash', '=', idHash).execute();
    },
    async revoke(idHash, at) {
      await db.updateTable('session').set({ revoked_at: at }).where('id_hash', '=', idHash).where('revoked_at', 'is', null).execute();
    },
    async revokeAllOf(userId, at) {
      const open = await db.selectFrom('session').select('id_hash').where('user_id', '=', userId).where('revoked_at', 'is', null).execute();
      await db.updateTable('session').set({ revoked_at: at }).where('user_id', '=', userId).where('revoked_at', 'is', null).execute();
      return open.map((r) => r.id_hash);
    },
  };
}

function membershipRepository(db: Db): MembershipRepository {
  const fromRow = (r: { collection_id: string; user_id: string; key_version: number; wrapped_key: string; added_at: string }): Membership => ({
    collectionId: r.collection_id,
    userId: r.user_id,
    keyVersion: Number(r.key_version),
    wrappedKey: r.wrapped_key,
    addedAt: r.added_at,
  });
  return {
    async upsert(m) {
      await db
        .deleteFrom('membership')
        .where('collection_id', '=', m.collectionId)
        .where('user_id', '=', m.userId)
        .where('key_version', '=', m.keyVersion)
        .execute();
      await db
        .insertInto('membership')
        .values({ collection_id: m.collectionId, user_id: m.userId, key_version: m.keyVersion, wrapped_key: m.wrappedKey, added_at: m.addedAt })
        .execute();
    },
    async remove(collectionId, userId) {
      await db.deleteFrom('membership').where('collection_id', '=', collectionId).where('user_id', '=', userId).execute();
    },
    async ofUser(userId) {
      const rows = await db.selectFrom('membership').selectAll().where('user_id', '=', userId).orderBy('collection_id').orderBy('key_version').execute();
      return rows.map(fromRow);
    },
    async ofCollection(collectionId) {
      const rows = await db.selectFrom('membership').selectAll().where('collection_id', '=', collectionId).orderBy('user_id').orderBy('key_version').execute();
      return rows.map(fromRow);
    },
    async removeCollection(collectionId) {
      await db.deleteFrom('membership').where('collection_id', '=', collectionId).execute();
    },
  };
}

function installationRepository(db: Db): InstallationRepository {
  return {
    async get() {
      const r = await db.selectFrom('installation').selectAll().executeTakeFirst();
      return r && { id: r.id, recoveryPublicKey: r.recovery_public_key, auditPublicKey: r.audit_public_key, createdAt: r.created_at };
    },
    async insert(i: Installation) {
      await db
        .insertInto('installation')
        .values({ id: i.id, recovery_public_key: i.recoveryPublicKey, audit_public_key: i.auditPublicKey, created_at: i.createdAt })
        .execute();
    },
    async update(i: Installation) {
      await db.updateTable('installation').set({ recovery_public_key: i.recoveryPublicKey, audit_public_key: i.auditPublicKey }).where('id', '=', i.id).execute();
    },
  };
}

const personKey = (pseudonym: string) => pseudonym.toLowerCase();

function personRepository(db: Db): PersonRepository {
  const fromRow = (r: PersonTable, tokens: readonly string[]): PersonRecord => ({
    id: r.id,
    collectionId: r.collection_id,
    pseudonym: r.pseudonym,
    keyVersion: Number(r.key_version),
    identitySealed: r.identity_sealed,
    nameTokens: tokens,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
  });
  const toRow = (p: PersonRecord): PersonTable => ({
    id: p.id,
    collection_id: p.collectionId,
    pseudonym: p.pseudonym,
    pseudonym_key: personKey(p.pseudonym),
    key_version: p.keyVersion,
    identity_sealed: p.identitySealed,
    created_at: p.createdAt,
    updated_at: p.updatedAt,
  });
  const tokensOf = async (ids: readonly string[]): Promise<Map<string, string[]>> => {
    const out = new Map<string, string[]>();
    if (ids.length === 0) return out;
    const rows = await db.selectFrom('person_token').select(['person_id', 'token']).where('person_id', 'in', ids).orderBy('person_id').orderBy('token').execute();
    for (const r of rows) {
      const list = out.get(r.person_id) ?? [];
      list.push(r.token);
      out.set(r.person_id, list);
    }
    return out;
  };
  const withTokens = async (rows: PersonTable[]): Promise<PersonRecord[]> => {
    const tokens = await tokensOf(rows.map((r) => r.id));
    return rows.map((r) => fromRow(r, tokens.get(r.id) ?? []));
  };
  const writeTokens = async (ps: readonly PersonRecord[]) => {
    const rows = ps.flatMap((p) => [...new Set(p.nameTokens)].map((token) => ({ person_id: p.id, collection_id: p.collectionId, token })));
    await insertRows(db, 'person_token', rows);
  };
  return {
    async insert(p) {
      await db.insertInto('person').values(toRow(p)).execute();
      await writeTokens([p]);
    },
    async insertMany(ps) {
      await insertRows(db, 'person', ps.map(toRow));
      await writeTokens(ps);
    },
    async update(p) {
      const { id, ...rest } = toRow(p);
      await db.updateTable('person').set(rest).where('id', '=', id).execute();
      await db.deleteFrom('person_token').where('person_id', '=', id).execute();
      await writeTokens([p]);
    },
    async get(id) {
      const r = await db.selectFrom('person').selectAll().where('id', '=', id).executeTakeFirst();
      return r && (await withTokens([r]))[0];
    },
    async delete(id) {
      await db.deleteFrom('person_token').where('person_id', '=', id).execute();
      await db.deleteFrom('person').where('id', '=', id).execute();
    },
    async list(filter, page): Promise<Page<PersonRecord>> {
      let q = db.selectFrom('person');
      if (filter.collectionIds) {
        if (filter.collectionIds.length === 0) return { items: [], total: 0, limit: page.limit, offset: page.offset };
        q = q.where('collection_id', 'in', filter.collectionIds);
      }
      if (filter.pseudonym) q = q.where('pseudonym_key', 'like', `%${escapeLike(personKey(filter.pseudonym))}%`);
      const total = await q.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
      const rows = await q.selectAll().orderBy('pseudonym_key').orderBy('id').limit(page.limit).offset(page.offset).execute();
      return { items: await withTokens(rows), total: Number(total.n), limit: page.limit, offset: page.offset };
    },
    async findByTokens(collectionId, tokens, limit) {
      const wanted = [...new Set(tokens)];
      if (wanted.length === 0) return [];
      const ids = await db
        .selectFrom('person_token')
        .select('person_id')
        .where('collection_id', '=', collectionId)
        .where('token', 'in', wanted)
        .groupBy('person_id')
        .having((eb) => eb.fn.count('token'), '=', wanted.length)
        .orderBy('person_id')
        .limit(limit)
        .execute();
      if (ids.length === 0) return [];
      const rows = await db.selectFrom('person').selectAll().where('id', 'in', ids.map((r) => r.person_id)).orderBy('pseudonym_key').execute();
      return withTokens(rows);
    },
  };
}

/**
 * A row's details as stored. Text that is not JSON (only a changed row holds any) is returned
 * under a key no real row can have, so verification reports that row instead of stopping.
 */
function auditDetails(text: string): AuditRow['details'] {
  try {
    return JSON.parse(text) as AuditRow['details'];
  } catch {
    return { '@unparsed': text };
  }
}

const auditFromRow = (r: AuditTable): AuditRow => ({
  seq: Number(r.seq),
  at: r.at,
  actorId: r.actor_id,
  action: r.action,
  entity: r.entity,
  entityId: r.entity_id,
  collectionId: r.collection_id,
  outcome: r.outcome as AuditOutcome,
  details: auditDetails(r.details),
  prevHash: r.prev_hash,
  hash: r.hash,
});

function auditRepository(db: Db): AuditRepository {
  return {
    async head(options = {}) {
      if (options.lock !== false) {
        // The head row exists from the first append on; before that, make it (seq 0) so that
        // there is a row to lock: two first appends then queue like any others.
        await db
          .insertInto('audit_head')
          .values({ id: 1, seq: 0, hash: '', at: null, signature: null, public_key: null })
          .onConflict((oc) => oc.column('id').doNothing())
          .execute();
        // Writing the head row takes its lock (PostgreSQL row lock; SQLite's write lock), so
        // concurrent appends queue here instead of both reading the same head.
        await db.updateTable('audit_head').set((eb) => ({ seq: eb.ref('seq') })).where('id', '=', 1).execute();
      }
      const r = await db.selectFrom('audit_head').selectAll().where('id', '=', 1).executeTakeFirst();
      if (!r || Number(r.seq) === 0) return undefined;
      const signed =
        r.at !== null && r.signature !== null && r.public_key !== null
          ? { seq: Number(r.seq), hash: r.hash, at: r.at, signature: r.signature, publicKey: r.public_key }
          : null;
      return { seq: Number(r.seq), hash: r.hash, signed };
    },
    async append(row, signedHead) {
      if (signedHead.seq !== row.seq || signedHead.hash !== row.hash) throw new Error('audit append: the signed head is not the appended row');
      await db
        .insertInto('audit')
        .values({
          seq: row.seq,
          at: row.at,
          actor_id: row.actorId,
          action: row.action,
          entity: row.entity,
          entity_id: row.entityId,
          collection_id: row.collectionId,
          outcome: row.outcome,
          details: JSON.stringify(row.details),
          prev_hash: row.prevHash,
          hash: row.hash,
        })
        .execute();
      const head = { seq: row.seq, hash: row.hash, at: signedHead.at, signature: signedHead.signature, public_key: signedHead.publicKey };
      const moved = await db.updateTable('audit_head').set(head).where('id', '=', 1).executeTakeFirst();
      if (Number(moved.numUpdatedRows) === 0) await db.insertInto('audit_head').values({ id: 1, ...head }).execute();
    },
    async list(filter, page) {
      let q = db.selectFrom('audit');
      if (filter.action) q = q.where('action', '=', filter.action);
      if (filter.actorId) q = q.where('actor_id', '=', filter.actorId);
      if (filter.collectionId) q = q.where('collection_id', '=', filter.collectionId);
      if (filter.outcome) q = q.where('outcome', '=', filter.outcome);
      const total = await q.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
      const rows = await q.selectAll().orderBy('seq', 'desc').limit(page.limit).offset(page.offset).execute();
      return { items: rows.map(auditFromRow), total: Number(total.n), limit: page.limit, offset: page.offset };
    },
    async *all(afterSeq = 0) {
      let after = afterSeq;
      for (;;) {
        const rows = await db.selectFrom('audit').selectAll().where('seq', '>', after).orderBy('seq').limit(2000).execute();
        for (const r of rows) yield auditFromRow(r);
        if (rows.length < 2000) return;
        after = Number(rows[rows.length - 1]!.seq);
      }
    },
    async insertCheckpoint(cp: AuditCheckpointRecord) {
      await db.insertInto('audit_checkpoint').values({ seq: cp.seq, hash: cp.hash, at: cp.at, signature: cp.signature, public_key: cp.publicKey }).execute();
    },
    async checkpoints() {
      const rows = await db.selectFrom('audit_checkpoint').selectAll().orderBy('seq').execute();
      return rows.map((r) => ({ seq: Number(r.seq), hash: r.hash, at: r.at, signature: r.signature, publicKey: r.public_key }));
    },
  };
}

export function securityRepositories(db: Db): SecurityRepositories {
  return {
    accounts: accountRepository(db),
    sessions: sessionRepository(db),
    memberships: membershipRepository(db),
    installation: installationRepository(db),
    persons: personRepository(db),
    audit: auditRepository(db),
  };
}
