import type { Kysely } from 'kysely';
import type { DialectCapabilities } from '../dialects/capabilities.js';
import type { VigilMigration } from './index.js';

/**
 * The security layer (docs/security.md): accounts, sessions, the installation, memberships
 * holding each member's wrapped copy of a collection key, sealed persons with their blind-index
 * tokens, sealed testimony texts, and the hash-chained audit log with its signed checkpoints.
 */
export const security: VigilMigration = (_caps: DialectCapabilities) => ({
  async up(db: Kysely<unknown>) {
    await db.schema
      .createTable('installation')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('recovery_public_key', 'text')
      .addColumn('audit_public_key', 'text', (c) => c.notNull())
      .addColumn('created_at', 'text', (c) => c.notNull())
      .execute();

    await db.schema
      .createTable('account')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('email', 'text', (c) => c.notNull().unique())
      .addColumn('display_name', 'text', (c) => c.notNull())
      .addColumn('role', 'text', (c) => c.notNull())
      .addColumn('password_hash', 'text', (c) => c.notNull())
      .addColumn('kdf_salt', 'text', (c) => c.notNull())
      .addColumn('public_key', 'text', (c) => c.notNull())
      .addColumn('wrapped_private_key', 'text', (c) => c.notNull())
      .addColumn('escrow_private_key', 'text', (c) => c.notNull())
      .addColumn('totp_secret_sealed', 'text', (c) => c.notNull())
      .addColumn('totp_last_step', 'integer')
      .addColumn('recovery_codes', 'text', (c) => c.notNull())
      .addColumn('failed_sign_ins', 'integer', (c) => c.notNull())
      .addColumn('locked_until', 'text')
      .addColumn('disabled', 'integer', (c) => c.notNull())
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addColumn('updated_at', 'text', (c) => c.notNull())
      .execute();

    await db.schema
      .createTable('session')
      .addColumn('id_hash', 'text', (c) => c.primaryKey())
      .addColumn('user_id', 'text', (c) => c.notNull().references('account.id').onDelete('cascade'))
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addColumn('last_seen_at', 'text', (c) => c.notNull())
      .addColumn('expires_at', 'text', (c) => c.notNull())
      .addColumn('revoked_at', 'text')
      .execute();
    await db.schema.createIndex('session_user').on('session').column('user_id').execute();

    await db.schema
      .createTable('membership')
      .addColumn('collection_id', 'text', (c) => c.notNull().references('collection.id').onDelete('cascade'))
      .addColumn('user_id', 'text', (c) => c.notNull())
      .addColumn('key_version', 'integer', (c) => c.notNull())
      .addColumn('wrapped_key', 'text', (c) => c.notNull())
      .addColumn('added_at', 'text', (c) => c.notNull())
      .addPrimaryKeyConstraint('membership_pk', ['collection_id', 'user_id', 'key_version'])
      .execute();
    await db.schema.createIndex('membership_user').on('membership').column('user_id').execute();

    await db.schema
      .createTable('person')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('collection_id', 'text', (c) => c.notNull().references('collection.id').onDelete('cascade'))
      .addColumn('pseudonym', 'text', (c) => c.notNull())
      .addColumn('pseudonym_key', 'text', (c) => c.notNull())
      .addColumn('key_version', 'integer', (c) => c.notNull())
      .addColumn('identity_sealed', 'text', (c) => c.notNull())
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addColumn('updated_at', 'text', (c) => c.notNull())
      .execute();
    await db.schema.createIndex('person_collection').on('person').columns(['collection_id', 'pseudonym_key']).execute();

    await db.schema
      .createTable('person_token')
      .addColumn('person_id', 'text', (c) => c.notNull().references('person.id').onDelete('cascade'))
      .addColumn('collection_id', 'text', (c) => c.notNull())
      .addColumn('token', 'text', (c) => c.notNull())
      .addPrimaryKeyConstraint('person_token_pk', ['person_id', 'token'])
      .execute();
    await db.schema.createIndex('person_token_lookup').on('person_token').columns(['collection_id', 'token']).execute();

    // A testimony's text is sealed: `text` stays null, `text_sealed` holds it under the key version.
    await db.schema.alterTable('source').addColumn('text_sealed', 'text').execute();
    await db.schema.alterTable('source').addColumn('key_version', 'integer').execute();

    await db.schema
      .createTable('audit')
      .addColumn('seq', 'integer', (c) => c.primaryKey())
      .addColumn('at', 'text', (c) => c.notNull())
      .addColumn('actor_id', 'text')
      .addColumn('action', 'text', (c) => c.notNull())
      .addColumn('entity', 'text')
      .addColumn('entity_id', 'text')
      .addColumn('collection_id', 'text')
      .addColumn('outcome', 'text', (c) => c.notNull())
      .addColumn('details', 'text', (c) => c.notNull())
      .addColumn('prev_hash', 'text', (c) => c.notNull())
      .addColumn('hash', 'text', (c) => c.notNull())
      .execute();
    await db.schema.createIndex('audit_action').on('audit').columns(['action', 'seq']).execute();
    await db.schema.createIndex('audit_actor').on('audit').columns(['actor_id', 'seq']).execute();

    await db.schema
      .createTable('audit_head')
      .addColumn('id', 'integer', (c) => c.primaryKey())
      .addColumn('seq', 'integer', (c) => c.notNull())
      .addColumn('hash', 'text', (c) => c.notNull())
      // The head's checkpoint, signed at each append (docs/audit.md): null while the log is empty.
      .addColumn('at', 'text')
      .addColumn('signature', 'text')
      .addColumn('public_key', 'text')
      .execute();

    await db.schema
      .createTable('audit_checkpoint')
      .addColumn('seq', 'integer', (c) => c.primaryKey())
      .addColumn('hash', 'text', (c) => c.notNull())
      .addColumn('at', 'text', (c) => c.notNull())
      .addColumn('signature', 'text', (c) => c.notNull())
      .addColumn('public_key', 'text', (c) => c.notNull())
      .execute();
  },
  async down(db: Kysely<unknown>) {
    await db.schema.dropTable('audit_checkpoint').execute();
    await db.schema.dropTable('audit_head').execute();
    await db.schema.dropIndex('audit_actor').execute();
    await db.schema.dropIndex('audit_action').execute();
    await db.schema.dropTable('audit').execute();
    await db.schema.alterTable('source').dropColumn('key_version').execute();
    await db.schema.alterTable('source').dropColumn('text_sealed').execute();
    await db.schema.dropIndex('person_token_lookup').execute();
    await db.schema.dropTable('person_token').execute();
    await db.schema.dropIndex('person_collection').execute();
    await db.schema.dropTable('person').execute();
    await db.schema.dropIndex('membership_user').execute();
    await db.schema.dropTable('membership').execute();
    await db.schema.dropIndex('session_user').execute();
    await db.schema.dropTable('session').execute();
    await db.schema.dropTable('account').execute();
    await db.schema.dropTable('installation').execute();
  },
});
