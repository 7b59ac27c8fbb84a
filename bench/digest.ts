import { createHash } from 'node:crypto';
import SQLite from 'better-sqlite3';
import pg from 'pg';
import type { Engine } from './engines.js';

/**
 * A digest of every row of the incident tables and of the full-text index, to show that two
 * databases written by different paths hold the same data.
 */
const TABLES: readonly (readonly [string, readonly string[]])[] = [
  ['incident', ['id']],
  ['act', ['id']],
  ['involvement', ['act_id', 'position']],
  ['claim', ['id']],
  ['search_doc', ['doc_id']],
  ['stats_cell', ['type', 'period', 'country_code', 'region_code', 'status', 'collection_id']],
];

export interface Digest {
  readonly rows: Record<string, number>;
  readonly hash: string;
}

export async function digest(engine: Engine, location: string): Promise<Digest> {
  return engine === 'sqlite' ? digestSqlite(location) : digestPostgres(location);
}

function digestSqlite(file: string): Digest {
  const db = new SQLite(file, { readonly: true });
  const h = createHash('sha256');
  const rows: Record<string, number> = {};
  try {
    for (const [t, pk] of TABLES) {
      let n = 0;
      for (const r of db.prepare(`SELECT * FROM ${t} ORDER BY ${pk.join(', ')}`).iterate()) {
        h.update(JSON.stringify(r));
        n++;
      }
      rows[t] = n;
    }
    // The index itself: every term of every document, with its position.
    db.exec(`CREATE VIRTUAL TABLE IF NOT EXISTS temp.fts_terms USING fts5vocab(main, 'search_fts', 'instance')`);
    let n = 0;
    for (const r of db.prepare('SELECT doc, offset, term FROM temp.fts_terms ORDER BY doc, offset').raw().iterate()) {
      h.update(JSON.stringify(r));
      n++;
    }
    rows.search_terms = n;
  } finally {
    db.close();
  }
  return { rows, hash: h.digest('hex') };
}

async function digestPostgres(url: string): Promise<Digest> {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  const h = createHash('sha256');
  const rows: Record<string, number> = {};
  try {
    for (const [t, pk] of TABLES) {
      let n = 0;
      let after: unknown[] | null = null;
      for (;;) {
        const where: string = after ? `WHERE (${pk.join(', ')}) > (${pk.map((_, i) => `$${i + 1}`).join(', ')})` : '';
        // tsv as text: the terms with their positions.
        const res: pg.QueryResult<Record<string, unknown>> = await c.query(
          `SELECT *${t === 'search_doc' ? ', tsv::text AS tsv' : ''} FROM ${t} ${where} ORDER BY ${pk.join(', ')} LIMIT 20000`,
          after ?? [],
        );
        for (const r of res.rows) h.update(JSON.stringify(r));
        n += res.rows.length;
        if (res.rows.length < 20000) break;
        const last = res.rows[res.rows.length - 1]!;
        after = pk.map((k) => last[k]);
      }
      rows[t] = n;
    }
  } finally {
    await c.end();
  }
  return { rows, hash: h.digest('hex') };
}
