import pg from 'pg';
import SQLite from 'better-sqlite3';
import { createApp, type VigilApp } from '../src/app/index.js';
import type { Store } from '../src/core/ports.js';
import { openStore } from '../src/db/store.js';
import { Corpus } from './data.js';
import { BENCH_NOW, benchClock, openBenchDb, type BenchEnv, type Engine } from './engines.js';
import { SequentialIds } from './prng.js';
import { rawPostgresWriter, rawSqliteWriter } from './raw.js';
import { itemRows, plainTerms } from './rows.js';

/** A loaded corpus with the app over it. */
export interface CorpusDb {
  readonly engine: Engine;
  readonly incidents: number;
  readonly location: string;
  readonly store: Store;
  readonly app: VigilApp;
  readonly loadSeconds: number;
  drop(): Promise<void>;
}

/**
 * Loads n incidents into a database per engine the fast way (raw multi-row inserts in big
 * transactions; secondary indexes built after), for the search and statistics benchmarks; not
 * measured. Each batch's rows are made once and go to every engine: PostgreSQL's server takes
 * a batch while this process makes the next and writes it to SQLite (two cores). The setup
 * records come through the app as in the import benchmark, so the app sees databases it could
 * have written itself.
 */
export async function loadCorpora(env: BenchEnv, engines: readonly Engine[], n: number, opts: { seed: number; log: (s: string) => void }): Promise<CorpusDb[]> {
  const t0 = performance.now();
  const secs = () => ((performance.now() - t0) / 1000).toFixed(0);
  const dbs = [];
  for (const engine of engines) {
    const db = await openBenchDb(env, engine, 'corpus', opts.seed);
    await db.close();
    dbs.push(db);
  }
  const first = dbs[0]!;
  for (const db of dbs)
    if (JSON.stringify(db.refs) !== JSON.stringify(first.refs) || db.lookups.collectionId !== first.lookups.collectionId)
      throw new Error('bench databases were set up differently');
  const corpus = new Corpus(opts.seed, first.refs);
  const indexes = new Map<string, string[]>();
  for (const db of dbs) indexes.set(db.location, await dropSecondaryIndexes(db.engine, db.location));
  const writers = await Promise.all(dbs.map((db) => (db.engine === 'sqlite' ? rawSqliteWriter(db.location, { bulkLoad: true }) : rawPostgresWriter(db.location, { bulkLoad: true }))));
  const ids: SequentialIds = first.ids;
  const batch = 5000;
  const pending: Promise<void>[] = writers.map(() => Promise.resolve());
  for (let start = 0; start < n; start += batch) {
    const rows = [];
    for (let i = start; i < Math.min(n, start + batch); i++) {
      rows.push(itemRows(corpus.item(i), ids, BENCH_NOW, first.lookups, plainTerms));
      // Let a pending batch's statements go out meanwhile.
      if (i % 200 === 0) await new Promise((r) => setImmediate(r));
    }
    for (const [k, w] of writers.entries()) {
      await pending[k];
      pending[k] = w.write(rows);
    }
    const done = Math.min(n, start + batch);
    if (done % (batch * 20) === 0 || done === n) opts.log(`  ${done}/${n} loaded (${secs()} s)`);
  }
  await Promise.all(pending);
  for (const w of writers) {
    await w.finish();
    await w.close();
  }
  const out: CorpusDb[] = [];
  for (const db of dbs) {
    const defs = indexes.get(db.location)!;
    opts.log(`  ${db.engine}: building ${defs.length} indexes (${secs()} s)`);
    if (db.engine === 'postgres') {
      const c = new pg.Client({ connectionString: db.location });
      await c.connect();
      await c.query(`SET maintenance_work_mem = '1GB'`);
      for (const def of defs) await c.query(def);
      // What autovacuum does shortly after a bulk load: statistics and the visibility map.
      await c.query('VACUUM ANALYZE');
      await c.end();
    } else {
      const s = new SQLite(db.location);
      s.pragma('cache_size = -1000000');
      for (const def of defs) s.exec(def);
      s.pragma('wal_checkpoint(TRUNCATE)');
      s.close();
    }
    const store = await openStore(db.engine === 'sqlite' ? { sqliteFile: db.location } : { postgresUrl: db.location, poolSize: 2 });
    const app = createApp({ store, clock: benchClock, ids: new SequentialIds(0x5ea7c4) });
    out.push({
      engine: db.engine,
      incidents: n,
      location: db.location,
      store,
      app,
      loadSeconds: (performance.now() - t0) / 1000,
      async drop() {
        await store.close();
        await db.drop();
      },
    });
  }
  opts.log(`  ${n} incidents loaded in ${secs()} s`);
  return out;
}

/** Drops every index that is neither a primary key nor backs a unique constraint; returns how to make them again. */
async function dropSecondaryIndexes(engine: Engine, location: string): Promise<string[]> {
  if (engine === 'sqlite') {
    const s = new SQLite(location);
    const rows = s.prepare(`SELECT name, sql FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL AND sql NOT LIKE 'CREATE UNIQUE%'`).all() as { name: string; sql: string }[];
    for (const r of rows) s.exec(`DROP INDEX "${r.name}"`);
    s.close();
    return rows.map((r) => r.sql);
  }
  const c = new pg.Client({ connectionString: location });
  await c.connect();
  try {
    const res = await c.query<{ indexname: string; indexdef: string }>(
      `SELECT indexname, indexdef FROM pg_indexes i WHERE schemaname = 'public' AND indexdef NOT LIKE 'CREATE UNIQUE%'
         AND NOT EXISTS (SELECT 1 FROM pg_constraint k WHERE k.conname = i.indexname)`,
    );
    for (const r of res.rows) await c.query(`DROP INDEX "${r.indexname}"`);
    return res.rows.map((r) => r.indexdef);
  } finally {
    await c.end();
  }
}
