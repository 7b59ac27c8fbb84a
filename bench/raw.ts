import SQLite from 'better-sqlite3';
import pg from 'pg';
import { cellDeltas } from '../src/db/repositories/stats.repository.js';
import { FACET_COLUMNS } from '../src/db/search/facets.js';
import type { ItemRows, SearchDocRow } from './rows.js';

/**
 * Raw writers: the rows of import items written without the app or Kysely, into the same
 * schema — better-sqlite3 prepared statements on SQLite, multi-row INSERTs on PostgreSQL — one
 * transaction per batch. The baseline of the import benchmark and the loader of the others.
 */
export interface RawWriter {
  write(batch: readonly ItemRows[]): Promise<void>;
  /** Brings sequences up to date after explicit ids. */
  finish(): Promise<void>;
  close(): Promise<void>;
}

type Row = Record<string, unknown>;

const DOC_COLUMNS = ['doc_id', 'kind', 'entity_id', 'collection_id', 'incident_id', 'source_id', 'title', 'terms', ...FACET_COLUMNS] as const;

function docValues(d: SearchDocRow, docId: number): unknown[] {
  return [docId, d.kind, d.entity_id, d.collection_id, d.incident_id, d.source_id, d.title, d.terms, ...FACET_COLUMNS.map((c) => d[c])];
}

const CELL_COLUMNS = ['type', 'period', 'country_code', 'region_code', 'status', 'collection_id', 'acts', 'incidents', 'count_low', 'count_high', 'unbounded'] as const;
const CELL_UPSERT = `ON CONFLICT (type, period, country_code, region_code, status, collection_id) DO UPDATE SET
  acts = stats_cell.acts + excluded.acts, incidents = stats_cell.incidents + excluded.incidents, count_low = stats_cell.count_low + excluded.count_low,
  count_high = stats_cell.count_high + excluded.count_high, unbounded = stats_cell.unbounded + excluded.unbounded`;

/** The statistics cells of a batch's acts (the same sums the incident repository keeps). */
function cells(batch: readonly ItemRows[]): unknown[][] {
  const deltas = cellDeltas(batch.flatMap((r) => r.acts), 1);
  return [...deltas.keys()].sort().map((k) => {
    const d = deltas.get(k)!;
    return CELL_COLUMNS.map((c) => d[c]);
  });
}

export function rawSqliteWriter(file: string, opts: { bulkLoad?: boolean } = {}): RawWriter {
  const db = new SQLite(file);
  // The store's settings (store.ts), so the baseline pays what the app pays.
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = NORMAL');
  db.pragma('foreign_keys = ON');
  db.pragma('secure_delete = ON');
  if (opts.bulkLoad) {
    // Setup of the search and statistics benchmarks only: no fsync, a large page cache.
    db.pragma('synchronous = OFF');
    db.pragma('foreign_keys = OFF');
    db.pragma('cache_size = -1000000');
  }
  const statements = new Map<string, { stmt: SQLite.Statement; cols: string[] }>();
  const insert = (table: string, row: Row) => {
    let s = statements.get(table);
    if (!s) {
      const cols = Object.keys(row);
      s = { stmt: db.prepare(`INSERT INTO ${table} (${cols.join(', ')}) VALUES (${cols.map(() => '?').join(', ')})`), cols };
      statements.set(table, s);
    }
    s.stmt.run(s.cols.map((c) => row[c]));
  };
  const docStmt = db.prepare(`INSERT INTO search_doc (${DOC_COLUMNS.join(', ')}) VALUES (${DOC_COLUMNS.map(() => '?').join(', ')})`);
  const ftsStmt = db.prepare('INSERT INTO search_fts (rowid, body) VALUES (?, ?)');
  const cellStmt = db.prepare(`INSERT INTO stats_cell (${CELL_COLUMNS.join(', ')}) VALUES (${CELL_COLUMNS.map(() => '?').join(', ')}) ${CELL_UPSERT}`);
  let nextDocId = Number((db.prepare('SELECT coalesce(max(doc_id), 0) + 1 AS n FROM search_doc').get() as { n: number }).n);
  const writeBatch = (batch: readonly ItemRows[]) => {
    for (const r of batch) {
      insert('incident', r.incident as unknown as Row);
      for (const a of r.acts) insert('act', a as unknown as Row);
      for (const v of r.involvements) insert('involvement', v as unknown as Row);
      for (const c of r.claims) insert('claim', c as unknown as Row);
      for (const d of r.docs) {
        const id = nextDocId++;
        docStmt.run(docValues(d, id));
        ftsStmt.run(id, d.body);
      }
    }
    for (const c of cells(batch)) cellStmt.run(c);
  };
  const writeRows = db.transaction((rows: readonly ItemRows[]) => writeBatch(rows));
  return {
    async write(batch) {
      if (!opts.bulkLoad) return writeRows(batch);
      // Loading: one transaction, in slices, letting other work (a PostgreSQL load) run between them.
      db.exec('BEGIN');
      try {
        for (let i = 0; i < batch.length; i += 250) {
          writeBatch(batch.slice(i, i + 250));
          await new Promise((r) => setImmediate(r));
        }
        db.exec('COMMIT');
      } catch (e) {
        db.exec('ROLLBACK');
        throw e;
      }
    },
    async finish() {},
    async close() {
      db.close();
    },
  };
}

/** PostgreSQL's limit is 65,535 bound values per statement. */
const PG_MAX_PARAMS = 30_000;

/**
 * `bulkLoad` (setup of the search and statistics benchmarks only): INSERT … SELECT FROM unnest()
 * with one array per column, and no waiting for the WAL flush at commit.
 */
export async function rawPostgresWriter(url: string, opts: { bulkLoad?: boolean } = {}): Promise<RawWriter> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  const types = new Map<string, string>();
  if (opts.bulkLoad) {
    await client.query('SET synchronous_commit = off');
    // The rows are consistent by construction: skip the foreign-key triggers (superuser only).
    await client.query('SET session_replication_role = replica');
    const res = await client.query<{ t: string; c: string; ty: string }>(
      `SELECT table_name AS t, column_name AS c, data_type AS ty FROM information_schema.columns WHERE table_schema = 'public'`,
    );
    for (const r of res.rows) types.set(`${r.t}.${r.c}`, r.ty);
  }
  const unnestInsert = async (table: string, cols: readonly string[], rows: unknown[][], lastExpr?: (p: string) => string) => {
    if (rows.length === 0) return;
    const arrays = cols.map((_, i) => pgArray(rows.map((r) => r[i])));
    // A computed last column (the tsvector) arrives as its text.
    const computed = (i: number) => lastExpr !== undefined && i === cols.length - 1;
    const casts = cols.map((c, i) => `$${i + 1}::${computed(i) ? 'text' : (types.get(`${table}.${c}`) ?? 'text')}[]`);
    const names = cols.map((c) => `u_${c}`);
    const select = names.map((n, i) => (computed(i) ? lastExpr!(n) : n));
    await client.query(
      `INSERT INTO ${table} (${cols.join(', ')}) SELECT ${select.join(', ')} FROM unnest(${casts.join(', ')}) AS u(${names.join(', ')})`,
      arrays,
    );
  };
  let nextDocId = Number((await client.query<{ n: string }>('SELECT coalesce(max(doc_id), 0) + 1 AS n FROM search_doc')).rows[0]!.n);

  const insertMany = async (table: string, cols: readonly string[], rows: unknown[][], lastExpr?: (p: string) => string, suffix = '') => {
    if (opts.bulkLoad && !suffix) return unnestInsert(table, cols, rows, lastExpr);
    const per = Math.floor(PG_MAX_PARAMS / cols.length);
    for (let i = 0; i < rows.length; i += per) {
      const chunk = rows.slice(i, i + per);
      const params: unknown[] = [];
      const tuples = chunk.map((r) => {
        const ps = r.map((v) => {
          params.push(v);
          return `$${params.length}`;
        });
        if (lastExpr) ps[ps.length - 1] = lastExpr(ps[ps.length - 1]!);
        return `(${ps.join(', ')})`;
      });
      await client.query(`INSERT INTO ${table} (${cols.join(', ')}) VALUES ${tuples.join(', ')} ${suffix}`, params);
    }
  };
  const insertRows = async (table: string, rows: readonly Row[]) => {
    const first = rows[0];
    if (!first) return;
    const cols = Object.keys(first);
    await insertMany(
      table,
      cols,
      rows.map((r) => cols.map((c) => r[c])),
    );
  };

  return {
    async write(batch) {
      await client.query('BEGIN');
      try {
        await insertRows('incident', batch.map((r) => r.incident as unknown as Row));
        await insertRows('act', batch.flatMap((r) => r.acts as unknown as Row[]));
        await insertRows('involvement', batch.flatMap((r) => r.involvements as unknown as Row[]));
        await insertRows('claim', batch.flatMap((r) => r.claims as unknown as Row[]));
        const docs = batch.flatMap((r) => r.docs).map((d) => [...docValues(d, nextDocId++), d.body]);
        await insertMany('search_doc', [...DOC_COLUMNS, 'tsv'], docs, (p) => `to_tsvector('simple', ${p})`);
        await insertMany('stats_cell', CELL_COLUMNS, cells(batch), undefined, CELL_UPSERT);
        await client.query('COMMIT');
      } catch (e) {
        await client.query('ROLLBACK');
        throw e;
      }
    },
    async finish() {
      await client.query(`SELECT setval(pg_get_serial_sequence('search_doc', 'doc_id'), (SELECT max(doc_id) FROM search_doc))`);
    },
    async close() {
      await client.end();
    },
  };
}

/** A PostgreSQL array literal, made here: pg's own array serialisation costs tens of microseconds a row. */
function pgArray(values: readonly unknown[]): string {
  const parts = values.map((v) => (v === null || v === undefined ? 'NULL' : `"${String(v).replace(/[\\"]/g, '\\$&')}"`));
  return `{${parts.join(',')}}`;
}
