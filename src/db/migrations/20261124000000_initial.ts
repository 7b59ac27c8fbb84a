import type { Kysely } from 'kysely';
import type { DialectCapabilities } from '../dialects/capabilities.js';
import type { VigilMigration } from './index.js';

/** The documentation core: collections, the gazetteer, actors, sources, incidents, acts, claims, search. */
export const initial: VigilMigration = (caps: DialectCapabilities) => ({
  async up(db: Kysely<unknown>) {
    await db.schema
      .createTable('collection')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('name', 'text', (c) => c.notNull())
      .addColumn('description', 'text', (c) => c.notNull())
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addColumn('updated_at', 'text', (c) => c.notNull())
      .execute();

    await db.schema
      .createTable('place')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('kind', 'text', (c) => c.notNull())
      .addColumn('code', 'text', (c) => c.unique())
      .addColumn('name_en', 'text', (c) => c.notNull())
      .addColumn('name_ru', 'text')
      .addColumn('name_key', 'text', (c) => c.notNull())
      .addColumn('parent_id', 'text', (c) => c.references('place.id'))
      .addColumn('country_code', 'text', (c) => c.notNull())
      .addColumn('region_code', 'text')
      .addColumn('latitude', 'double precision')
      .addColumn('longitude', 'double precision')
      .addColumn('builtin', 'integer', (c) => c.notNull())
      .execute();
    await db.schema.createIndex('place_parent').on('place').column('parent_id').execute();
    await db.schema.createIndex('place_country').on('place').column('country_code').execute();

    await db.schema
      .createTable('actor')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('collection_id', 'text', (c) => c.notNull().references('collection.id').onDelete('cascade'))
      .addColumn('kind', 'text', (c) => c.notNull())
      .addColumn('name', 'text', (c) => c.notNull())
      .addColumn('name_ru', 'text')
      .addColumn('name_key', 'text', (c) => c.notNull())
      .addColumn('organisation_type', 'text')
      .addColumn('parent_id', 'text', (c) => c.references('actor.id'))
      .addColumn('role', 'text')
      .addColumn('notes', 'text', (c) => c.notNull())
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addColumn('updated_at', 'text', (c) => c.notNull())
      .execute();
    await db.schema.createIndex('actor_collection').on('actor').columns(['collection_id', 'name_key']).execute();
    await db.schema.createIndex('actor_parent').on('actor').column('parent_id').execute();

    await db.schema
      .createTable('source')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('collection_id', 'text', (c) => c.notNull().references('collection.id').onDelete('cascade'))
      .addColumn('kind', 'text', (c) => c.notNull())
      .addColumn('title', 'text', (c) => c.notNull())
      .addColumn('outlet', 'text')
      .addColumn('author', 'text')
      .addColumn('url', 'text')
      .addColumn('language', 'text')
      .addColumn('published_at', 'text')
      .addColumn('obtained_at', 'text')
      .addColumn('reliability', 'text')
      .addColumn('text', 'text')
      .addColumn('notes', 'text', (c) => c.notNull())
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addColumn('updated_at', 'text', (c) => c.notNull())
      .execute();
    await db.schema.createIndex('source_collection').on('source').columns(['collection_id', 'id']).execute();

    await db.schema
      .createTable('incident')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('collection_id', 'text', (c) => c.notNull().references('collection.id').onDelete('cascade'))
      .addColumn('title', 'text', (c) => c.notNull())
      .addColumn('summary', 'text', (c) => c.notNull())
      .addColumn('date_start', 'text')
      .addColumn('date_end', 'text')
      .addColumn('date_precision', 'text', (c) => c.notNull())
      .addColumn('place_id', 'text', (c) => c.references('place.id'))
      .addColumn('tags', 'text', (c) => c.notNull())
      .addColumn('review_decision', 'text')
      .addColumn('status', 'text', (c) => c.notNull())
      .addColumn('derivation', 'text', (c) => c.notNull())
      .addColumn('country_code', 'text')
      .addColumn('region_code', 'text')
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addColumn('updated_at', 'text', (c) => c.notNull())
      .execute();
    await db.schema.createIndex('incident_collection').on('incident').columns(['collection_id', 'id']).execute();
    await db.schema.createIndex('incident_place').on('incident').column('place_id').execute();

    await db.schema
      .createTable('act')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('incident_id', 'text', (c) => c.notNull().references('incident.id').onDelete('cascade'))
      .addColumn('collection_id', 'text', (c) => c.notNull())
      .addColumn('position', 'integer', (c) => c.notNull())
      .addColumn('type', 'text', (c) => c.notNull())
      .addColumn('victims', 'text')
      .addColumn('perpetrators', 'text')
      .addColumn('date_start', 'text')
      .addColumn('date_end', 'text')
      .addColumn('date_precision', 'text', (c) => c.notNull())
      .addColumn('place_id', 'text', (c) => c.references('place.id'))
      .addColumn('involvements', 'text', (c) => c.notNull())
      .addColumn('reconciled', 'text', (c) => c.notNull())
      .addColumn('count_low', 'integer', (c) => c.notNull())
      .addColumn('count_high', 'integer')
      .addColumn('status', 'text', (c) => c.notNull())
      .addColumn('stats_month', 'text')
      .addColumn('country_code', 'text')
      .addColumn('region_code', 'text')
      .execute();
    await db.schema.createIndex('act_incident').on('act').columns(['incident_id', 'position']).execute();
    await db.schema.createIndex('act_type').on('act').columns(['type', 'incident_id']).execute();
    await db.schema.createIndex('act_place').on('act').column('place_id').execute();

    await db.schema
      .createTable('involvement')
      .addColumn('act_id', 'text', (c) => c.notNull().references('act.id').onDelete('cascade'))
      .addColumn('actor_id', 'text', (c) => c.notNull().references('actor.id'))
      .addColumn('degree', 'text', (c) => c.notNull())
      .addColumn('position', 'integer', (c) => c.notNull())
      .addPrimaryKeyConstraint('involvement_pk', ['act_id', 'position'])
      .execute();
    await db.schema.createIndex('involvement_actor').on('involvement').column('actor_id').execute();

    await db.schema
      .createTable('claim')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('collection_id', 'text', (c) => c.notNull().references('collection.id').onDelete('cascade'))
      .addColumn('source_id', 'text', (c) => c.notNull().references('source.id').onDelete('cascade'))
      .addColumn('incident_id', 'text', (c) => c.references('incident.id'))
      .addColumn('act_id', 'text', (c) => c.references('act.id'))
      .addColumn('speaker_id', 'text', (c) => c.references('actor.id'))
      .addColumn('speaker_role', 'text')
      .addColumn('relay_id', 'text', (c) => c.references('actor.id'))
      .addColumn('stance', 'text', (c) => c.notNull())
      .addColumn('about', 'text', (c) => c.notNull())
      .addColumn('quote', 'text')
      .addColumn('asserts', 'text', (c) => c.notNull())
      .addColumn('perpetrator_id', 'text', (c) => c.references('actor.id'))
      .addColumn('asserted_place_id', 'text', (c) => c.references('place.id'))
      .addColumn('evidence_start', 'integer')
      .addColumn('evidence_end', 'integer')
      .addColumn('credibility', 'text')
      .addColumn('review', 'text', (c) => c.notNull())
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addColumn('updated_at', 'text', (c) => c.notNull())
      .execute();
    await db.schema.createIndex('claim_incident').on('claim').columns(['incident_id', 'created_at']).execute();
    await db.schema.createIndex('claim_source').on('claim').column('source_id').execute();
    await db.schema.createIndex('claim_speaker').on('claim').column('speaker_id').execute();
    await db.schema.createIndex('claim_relay').on('claim').column('relay_id').execute();
    await db.schema.createIndex('claim_act').on('claim').column('act_id').execute();
    await db.schema.createIndex('claim_collection').on('claim').columns(['collection_id', 'id']).execute();

    await db.schema
      .createTable('search_doc')
      .addColumn('doc_id', caps.autoIncrementKey, (c) => caps.autoIncrementPrimaryKey(c))
      .addColumn('kind', 'text', (c) => c.notNull())
      .addColumn('entity_id', 'text', (c) => c.notNull().unique())
      .addColumn('collection_id', 'text', (c) => c.notNull())
      .addColumn('incident_id', 'text')
      .addColumn('source_id', 'text')
      .addColumn('title', 'text', (c) => c.notNull())
      .execute();
    await db.schema.createIndex('search_doc_collection').on('search_doc').column('collection_id').execute();
    await db.schema.createIndex('search_doc_incident').on('search_doc').column('incident_id').execute();
    await caps.createSearchIndex(db);
  },

  async down(db: Kysely<unknown>) {
    await caps.dropSearchIndex(db);
    for (const t of ['search_doc', 'claim', 'involvement', 'act', 'incident', 'source', 'actor', 'place', 'collection'])
      await db.schema.dropTable(t).ifExists().execute();
  },
});
