import { sql } from 'kysely';
import type { DialectCapabilities, MatchSpec, MatchedDoc } from './capabilities.js';

const quote = (t: string): string => `'${t.replaceAll("'", '')}'`;

function tsQuery(match: MatchSpec): string {
  const groups = match.groups.map((g) => (g.length === 1 ? quote(g[0]!) : `(${g.map(quote).join(' | ')})`));
  return [...match.terms.map(quote), ...groups].join(' & ');
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
  async writeSearchText(db, docId, body) {
    await sql`UPDATE search_doc SET tsv = to_tsvector('simple', ${body}) WHERE doc_id = ${docId}`.execute(db);
  },
  async deleteSearchText() {
    // The terms live in the search_doc row itself and go with it.
  },
  async insertSearchDocs(db, docs) {
    // One statement per chunk: the row and its tsvector together (sixteen bound values a row).
    for (let i = 0; i < docs.length; i += 1500) {
      const values = docs.slice(i, i + 1500).map(
        ({ row: r, body }) =>
          sql`(${r.kind}, ${r.entity_id}, ${r.collection_id}, ${r.incident_id}, ${r.source_id}, ${r.title}, ${r.terms}, ${r.status}, ${r.country_code}, ${r.region_code}, ${r.date_start}, ${r.date_end}, ${r.outlet}, ${r.act_types}, to_tsvector('simple', ${body}))`,
      );
      await sql`INSERT INTO search_doc (kind, entity_id, collection_id, incident_id, source_id, title, terms, status, country_code, region_code, date_start, date_end, outlet, act_types, tsv)
        VALUES ${sql.join(values)}`.execute(db);
    }
  },
  matchedDocs(match) {
    // ts_rank looks at the document alone: scoring costs the same whatever the words. It scores the words, not the filter tokens.
    const all = tsQuery(match);
    const words = tsQuery({ terms: match.terms, groups: [] });
    return sql<MatchedDoc>`(SELECT d.doc_id, d.kind, d.entity_id, d.collection_id, d.incident_id, d.source_id, d.title,
        d.status, d.country_code, d.region_code, d.date_start, d.date_end, d.outlet, d.act_types, ts_rank(d.tsv, to_tsquery('simple', ${words})) AS score
      FROM search_doc d WHERE d.tsv @@ to_tsquery('simple', ${all}))`;
  },
  async rankable() {
    return true;
  },
  async beforeSearch(db) {
    // Enough memory that the bitmap of a common word's matches stays exact (no page rechecks).
    await sql`SET LOCAL work_mem = '32MB'`.execute(db);
  },
  async indexedTerms(db) {
    const rows = await sql<{ doc_id: number; terms: string }>`SELECT doc_id, string_agg(lexeme, ' ' ORDER BY pos) AS terms
      FROM (SELECT d.doc_id, t.lexeme, unnest(t.positions) AS pos FROM search_doc d, unnest(d.tsv) AS t) x GROUP BY doc_id`.execute(db);
    return new Map(rows.rows.map((r) => [Number(r.doc_id), r.terms]));
  },
  async afterOpen() {},
  // Deleted rows leave the table at the next VACUUM; no dump or replica copies them meanwhile.
  async purgeSearchIndex() {},
};

