import { sql, type Kysely } from 'kysely';
import type { Database } from '../tables.js';
import type { DialectCapabilities } from './capabilities.js';

function ftsQuery(terms: readonly string[]): string {
  // Terms are letters and digits only (see search/text.ts); quoting keeps FTS5 operators inert.
  return terms.map((t) => `"${t.replaceAll('"', '')}"`).join(' ');
}

export const sqliteCapabilities: DialectCapabilities = {
  engine: 'sqlite',
  autoIncrementKey: 'integer',
  autoIncrementPrimaryKey: (c) => c.primaryKey().autoIncrement(),
  async createSearchIndex(db) {
    await sql`CREATE VIRTUAL TABLE search_fts USING fts5(body, content='', contentless_delete=1, tokenize='unicode61 remove_diacritics 0')`.execute(db);
  },
  async dropSearchIndex(db) {
    await sql`DROP TABLE IF EXISTS search_fts`.execute(db);
  },
  async writeSearchText(db, docId, terms) {
    await sql`DELETE FROM search_fts WHERE rowid = ${docId}`.execute(db);
    await sql`INSERT INTO search_fts(rowid, body) VALUES (${docId}, ${terms})`.execute(db);
  },
  async deleteSearchText(db, docIds) {
    for (let i = 0; i < docIds.length; i += 500) {
      const chunk = docIds.slice(i, i + 500);
      await sql`DELETE FROM search_fts WHERE rowid IN (${sql.join(chunk)})`.execute(db);
    }
  },
  matchTable(terms) {
    return sql<{ doc_id: number; score: number }>`(SELECT rowid AS doc_id, -bm25(search_fts) AS score FROM search_fts WHERE search_fts MATCH ${ftsQuery(terms)})`;
  },
  async afterOpen(db: Kysely<Database>) {
    await sql`PRAGMA foreign_keys = ON`.execute(db);
  },
};
