import { sql } from 'kysely';
import type { DialectCapabilities } from './capabilities.js';

function tsQuery(terms: readonly string[]): string {
  return terms.map((t) => `'${t.replaceAll("'", '')}'`).join(' & ');
}

export const postgresCapabilities: DialectCapabilities = {
  engine: 'postgres',
  autoIncrementKey: 'serial',
  autoIncrementPrimaryKey: (c) => c.primaryKey(),
  async createSearchIndex(db) {
    // 'simple' does no stemming of its own: terms arrive stemmed (search/text.ts), as on SQLite.
    await sql`ALTER TABLE search_doc ADD COLUMN tsv tsvector NOT NULL DEFAULT ''::tsvector`.execute(db);
    await sql`CREATE INDEX search_doc_tsv ON search_doc USING GIN (tsv)`.execute(db);
  },
  async dropSearchIndex(db) {
    await sql`DROP INDEX IF EXISTS search_doc_tsv`.execute(db);
    await sql`ALTER TABLE search_doc DROP COLUMN IF EXISTS tsv`.execute(db);
  },
  async writeSearchText(db, docId, terms) {
    await sql`UPDATE search_doc SET tsv = to_tsvector('simple', ${terms}) WHERE doc_id = ${docId}`.execute(db);
  },
  async deleteSearchText() {
    // The terms live in the search_doc row itself and go with it.
  },
  matchTable(terms) {
    const q = tsQuery(terms);
    return sql<{ doc_id: number; score: number }>`(SELECT doc_id, ts_rank(tsv, to_tsquery('simple', ${q})) AS score FROM search_doc WHERE tsv @@ to_tsquery('simple', ${q}))`;
  },
  async afterOpen() {},
};
