import { sql, type Kysely } from 'kysely';
import type { Database } from '../tables.js';
import type { DialectCapabilities, MatchSpec, MatchedDoc, NewSearchDoc } from './capabilities.js';

/** Documents per term up to which bm25 is affordable (its document count costs ~50 ns a document). */
const RANKABLE_DF = 20_000;

// Terms and tokens are letters and digits only (search/text.ts, search/facets.ts); quoting keeps FTS5 operators inert.
const quote = (t: string): string => `"${t.replaceAll('"', '')}"`;

function ftsQuery(match: MatchSpec): string {
  const groups = match.groups.map((g) => (g.length === 1 ? quote(g[0]!) : `(${g.map(quote).join(' OR ')})`));
  // Explicit AND: FTS5 reads `"a" ("b" OR "c")` as a syntax error; implicit AND joins phrases only.
  return [...match.terms.map(quote), ...groups].join(' AND ');
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
  async writeSearchText(db, docId, body) {
    await sql`DELETE FROM search_fts WHERE rowid = ${docId}`.execute(db);
    await sql`INSERT INTO search_fts(rowid, body) VALUES (${docId}, ${body})`.execute(db);
  },
  async deleteSearchText(db, docIds) {
    for (let i = 0; i < docIds.length; i += 500) {
      const chunk = docIds.slice(i, i + 500);
      await sql`DELETE FROM search_fts WHERE rowid IN (${sql.join(chunk)})`.execute(db);
    }
  },
  async insertSearchDocs(db, docs) {
    // Fifteen bound values per document row, two per index row: both well under the parameter limit.
    for (let i = 0; i < docs.length; i += 1500) {
      const chunk = docs.slice(i, i + 1500);
      const ids = await db
        .withTables<{ search_doc: NewSearchDoc['row'] }>()
        .insertInto('search_doc')
        .values(chunk.map((d) => d.row))
        .returning(['doc_id', 'entity_id'])
        .execute();
      // RETURNING gives no order guarantee: match by entity.
      const idOf = new Map(ids.map((r) => [r.entity_id, Number(r.doc_id)]));
      await sql`INSERT INTO search_fts(rowid, body) VALUES ${sql.join(chunk.map((d) => sql`(${idOf.get(d.row.entity_id)}, ${d.body})`))}`.execute(db);
    }
  },
  matchedDocs(match, rank) {
    // FTS5 drives the join, so matches come in rowid order and stop at the LIMIT.
    const score = rank ? sql`-bm25(search_fts)` : sql`0`;
    return sql<MatchedDoc>`(SELECT search_fts.rowid AS doc_id, d.kind, d.entity_id, d.collection_id, d.incident_id, d.source_id, d.title,
        d.status, d.country_code, d.region_code, d.date_start, d.date_end, d.outlet, d.act_types, ${score} AS score
      FROM search_fts JOIN search_doc d ON d.doc_id = search_fts.rowid WHERE search_fts MATCH ${ftsQuery(match)})`;
  },
  async rankable(db, match) {
    // Counting a term's first RANKABLE_DF documents takes about a millisecond.
    for (const t of [...match.terms, ...match.groups.flat()]) {
      const r = await sql<{ n: number }>`SELECT count(*) AS n FROM (SELECT rowid FROM search_fts WHERE search_fts MATCH ${quote(t)} LIMIT ${RANKABLE_DF + 1})`.execute(db);
      if (Number(r.rows[0]?.n ?? 0) > RANKABLE_DF) return false;
    }
    return true;
  },
  async beforeSearch() {},
  async indexedTerms(db) {
    await sql`CREATE VIRTUAL TABLE IF NOT EXISTS temp.search_vocab USING fts5vocab(main, 'search_fts', 'instance')`.execute(db);
    const rows = await sql<{ doc: number; term: string }>`SELECT doc, term FROM temp.search_vocab ORDER BY doc, "offset"`.execute(db);
    await sql`DROP TABLE temp.search_vocab`.execute(db);
    const out = new Map<number, string[]>();
    for (const r of rows.rows) {
      const list = out.get(Number(r.doc)) ?? [];
      list.push(r.term);
      out.set(Number(r.doc), list);
    }
    return new Map([...out].map(([doc, terms]) => [doc, terms.join(' ')]));
  },
  async afterOpen(db: Kysely<Database>) {
    await sql`PRAGMA foreign_keys = ON`.execute(db);
  },
  async purgeSearchIndex(db: Kysely<Database>) {
    // FTS5 records a deletion as a marker and keeps the deleted documents' words in its
    // segments until they merge; 'optimize' merges every segment now, dropping them (and
    // secure_delete zeroes the pages freed). It rewrites the whole index: for collection deletions.
    await sql`INSERT INTO search_fts(search_fts) VALUES('optimize')`.execute(db);
  },
};
