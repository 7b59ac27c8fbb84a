import type { Kysely } from 'kysely';
import type { DialectCapabilities } from '../dialects/capabilities.js';
import type { VigilMigration } from './index.js';

/**
 * Reviewing what extraction proposes: incidents carry a review state (acts not yet accepted are
 * counted under it in act.status, which statistics leave out), and sources the hash of their
 * text so the same text is stored once. Existing incidents were entered by people: accepted.
 */
export const reviewAndContentHash: VigilMigration = (_caps: DialectCapabilities) => ({
  async up(db: Kysely<unknown>) {
    await db.schema.alterTable('incident').addColumn('review', 'text', (c) => c.notNull().defaultTo('accepted')).execute();
    await db.schema.alterTable('source').addColumn('content_hash', 'text').execute();
    await db.schema.createIndex('source_content_hash').on('source').columns(['collection_id', 'content_hash']).execute();
    await db.schema.createIndex('incident_review').on('incident').columns(['review', 'collection_id']).execute();
  },
  async down(db: Kysely<unknown>) {
    await db.schema.dropIndex('incident_review').execute();
    await db.schema.dropIndex('source_content_hash').execute();
    await db.schema.alterTable('source').dropColumn('content_hash').execute();
    await db.schema.alterTable('incident').dropColumn('review').execute();
  },
});
