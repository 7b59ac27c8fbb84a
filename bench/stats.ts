import SQLite from 'better-sqlite3';
import pg from 'pg';
import type { Engine } from './engines.js';
import type { CorpusDb } from './load.js';

export interface StatsFigures {
  readonly engine: Engine;
  readonly incidents: number;
  readonly acts: number;
  readonly cells: number;
  /** app.stats({}), seconds: the first call and the median of the next three. */
  readonly appFirst: number;
  readonly appMedian: number;
  /** SELECT type, count(*) FROM act GROUP BY type, seconds: median of three after one warm-up. */
  readonly bareMedian: number;
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

async function timed(fn: () => Promise<unknown>): Promise<number> {
  const t = performance.now();
  await fn();
  return (performance.now() - t) / 1000;
}

export async function statsBench(db: CorpusDb, opts: { log: (s: string) => void }): Promise<StatsFigures> {
  let bare: () => Promise<number>;
  let close: () => Promise<void>;
  if (db.engine === 'sqlite') {
    const s = new SQLite(db.location, { readonly: true });
    const stmt = s.prepare('SELECT type, count(*) AS n FROM act GROUP BY type');
    bare = async () => (stmt.all() as { n: number }[]).reduce((a, r) => a + r.n, 0);
    close = async () => void s.close();
  } else {
    const c = new pg.Client({ connectionString: db.location });
    await c.connect();
    bare = async () => (await c.query<{ n: string }>('SELECT type, count(*) AS n FROM act GROUP BY type')).rows.reduce((a, r) => a + Number(r.n), 0);
    close = () => c.end();
  }
  let cells = 0;
  const appFirst = await timed(async () => {
    cells = (await db.app.stats({})).cells.length;
  });
  const app: number[] = [];
  for (let i = 0; i < 3; i++) app.push(await timed(() => db.app.stats({})));
  const acts = await bare();
  const b: number[] = [];
  for (let i = 0; i < 3; i++) b.push(await timed(bare));
  await close();
  const f: StatsFigures = { engine: db.engine, incidents: db.incidents, acts, cells, appFirst, appMedian: median(app), bareMedian: median(b) };
  opts.log(`  ${db.engine} stats: app first ${appFirst.toFixed(2)} s, median ${f.appMedian.toFixed(2)} s; bare GROUP BY ${f.bareMedian.toFixed(2)} s (${cells} cells, ${acts} acts)`);
  return f;
}
