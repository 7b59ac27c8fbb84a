import SQLite from 'better-sqlite3';
import pg from 'pg';
import type { SearchQueryInput } from '../src/app/search.js';
import { ACT_TYPES, VERIFICATION_STATUSES } from '../src/core/vocabularies.js';
import { queryTerms } from '../src/db/search/text.js';
import { VOCAB } from './data.js';
import type { Engine } from './engines.js';
import type { CorpusDb } from './load.js';
import { Rng } from './prng.js';

export interface Percentiles {
  readonly p50: number;
  readonly p95: number;
  readonly p99: number;
  readonly max: number;
}

export interface SearchFigures {
  readonly engine: Engine;
  readonly incidents: number;
  readonly documents: number;
  readonly queries: number;
  /** app.search, milliseconds. */
  readonly app: Percentiles;
  /** The bare full-text query (terms only, LIMIT 20, no rank, no count, no facets), milliseconds. */
  readonly bare: Percentiles;
  /** The slowest app queries, for the record. */
  readonly slowest: { readonly query: string; readonly ms: number; readonly total: number; readonly exact: boolean }[];
  /** How many queries matched more documents than the exact-count cap. */
  readonly capped: number;
}

export interface BenchQuery {
  readonly label: string;
  readonly input: SearchQueryInput;
}

const PLACE_WORDS = ['Chechnya', 'Чечня', 'Dagestan', 'Дагестан', 'Moscow', 'Москва', 'Crimea', 'Крым', 'Ingushetia', 'Ингушетия', 'Belarus', 'Беларусь', 'Tatarstan', 'Saint Petersburg'];

/**
 * About 200 queries a monitor might type: one to three words, common and rare, English and
 * Russian, act types and places, made-up surnames and case numbers (near-unique), a quarter with
 * a filter (kind, region, country, year, status, act type, outlet).
 */
export function benchQueries(seed: number): BenchQuery[] {
  const rng = new Rng(seed ^ 0x9e3779b9);
  const common = (ru: boolean) => (ru ? VOCAB.ru : VOCAB.en)[rng.int(0, 25)]!;
  const any = (ru: boolean) => rng.zipf(ru ? VOCAB.ru : VOCAB.en, 1.4);
  const actWord = () => {
    const t = rng.pick(ACT_TYPES.terms);
    return rng.chance(0.5) ? t.en : t.ru;
  };
  const texts: string[] = [];
  for (let i = 0; i < 30; i++) texts.push(common(i % 2 === 1));
  for (let i = 0; i < 20; i++) texts.push(any(i % 2 === 1));
  for (let i = 0; i < 20; i++) texts.push(actWord());
  for (let i = 0; i < 25; i++) texts.push(rng.chance(0.5) ? `${actWord()} ${rng.pick(PLACE_WORDS)}` : `${any(i % 2 === 1)} ${any(i % 2 === 1)}`);
  for (let i = 0; i < 15; i++) texts.push(`${any(i % 2 === 1)} ${any(i % 2 === 1)} ${rng.chance(0.5) ? rng.pick(PLACE_WORDS) : any(i % 2 === 1)}`);
  for (let i = 0; i < 25; i++) texts.push(rng.chance(0.3) ? `${VOCAB.surnames(rng, i % 2 === 1)} ${any(i % 2 === 1)}` : VOCAB.surnames(rng, i % 2 === 1));
  for (let i = 0; i < 10; i++) texts.push(`${rng.pick(['KUSP', 'UD', 'AP'])}-${rng.int(10000, 99999)}`);
  const queries: BenchQuery[] = texts.map((q) => ({ label: q, input: { q } }));
  const regions = VOCAB.placeCodes.filter((c) => c.includes('-'));
  const countries = ['RU', 'BY', 'UA', 'GE', 'KZ'];
  const filters: (() => Partial<SearchQueryInput>)[] = [
    () => ({ kind: 'incident' }),
    () => ({ kind: rng.pick(['incident', 'claim'] as const) }),
    () => ({ region: rng.pick(regions) }),
    () => ({ country: rng.pick(countries) }),
    () => ({ year: rng.int(2015, 2025) }),
    () => ({ status: rng.pick(VERIFICATION_STATUSES.codes) }),
    () => ({ actType: rng.pick(ACT_TYPES.codes) }),
    () => ({ outlet: rng.pick(VOCAB.outlets) }),
    () => ({ region: rng.pick(regions), year: rng.int(2015, 2025) }),
    () => ({ kind: 'incident', status: rng.pick(VERIFICATION_STATUSES.codes), country: 'RU' }),
  ];
  for (let i = 0; i < 55; i++) {
    const ru = i % 2 === 1;
    const q = rng.chance(0.4) ? common(ru) : rng.chance(0.5) ? actWord() : `${any(ru)} ${any(ru)}`;
    const f = filters[i % filters.length]!();
    queries.push({ label: `${q} ${JSON.stringify(f)}`, input: { q, ...f } });
  }
  return queries;
}

function percentiles(xs: number[]): Percentiles {
  const s = [...xs].sort((a, b) => a - b);
  const at = (p: number) => s[Math.min(s.length - 1, Math.ceil(p * s.length) - 1)]!;
  return { p50: at(0.5), p95: at(0.95), p99: at(0.99), max: s[s.length - 1]! };
}

type Bare = { run(terms: string[]): Promise<void>; close(): Promise<void> };

async function bareQuery(db: CorpusDb): Promise<Bare> {
  if (db.engine === 'sqlite') {
    const s = new SQLite(db.location, { readonly: true });
    const stmt = s.prepare('SELECT rowid FROM search_fts WHERE search_fts MATCH ? LIMIT 20');
    return {
      async run(terms) {
        stmt.all(terms.map((t) => `"${t}"`).join(' '));
      },
      async close() {
        s.close();
      },
    };
  }
  const c = new pg.Client({ connectionString: db.location });
  await c.connect();
  return {
    async run(terms) {
      await c.query(`SELECT doc_id FROM search_doc WHERE tsv @@ to_tsquery('simple', $1) LIMIT 20`, [terms.map((t) => `'${t}'`).join(' & ')]);
    },
    async close() {
      await c.end();
    },
  };
}

export async function searchBench(db: CorpusDb, opts: { seed: number; log: (s: string) => void; rounds?: number }): Promise<SearchFigures> {
  const queries = benchQueries(opts.seed);
  const bare = await bareQuery(db);
  const documents = await countDocs(db);
  // One untimed round to warm caches, as a running server would be.
  for (const q of queries) await db.app.search(q.input);
  for (const q of queries) await bare.run(queryTerms(q.input.q));
  const appMs: number[] = [];
  const bareMs: number[] = [];
  const byQuery: { query: string; ms: number; total: number; exact: boolean }[] = [];
  const rounds = opts.rounds ?? 2;
  for (let r = 0; r < rounds; r++) {
    for (const q of queries) {
      const terms = queryTerms(q.input.q);
      let t = performance.now();
      await bare.run(terms);
      bareMs.push(performance.now() - t);
      t = performance.now();
      const res = await db.app.search(q.input);
      const ms = performance.now() - t;
      appMs.push(ms);
      if (r === rounds - 1) byQuery.push({ query: q.label, ms, total: res.total, exact: (res as { totalExact?: boolean }).totalExact ?? true });
    }
  }
  await bare.close();
  const app = percentiles(appMs);
  const bareP = percentiles(bareMs);
  opts.log(`  ${db.engine} search: app p50 ${app.p50.toFixed(1)} ms p95 ${app.p95.toFixed(1)} ms; bare p50 ${bareP.p50.toFixed(1)} ms p95 ${bareP.p95.toFixed(1)} ms`);
  return {
    engine: db.engine,
    incidents: db.incidents,
    documents,
    queries: queries.length,
    app,
    bare: bareP,
    slowest: byQuery.sort((a, b) => b.ms - a.ms).slice(0, 8),
    capped: byQuery.filter((q) => !q.exact).length,
  };
}

async function countDocs(db: CorpusDb): Promise<number> {
  if (db.engine === 'sqlite') {
    const s = new SQLite(db.location, { readonly: true });
    const n = (s.prepare('SELECT count(*) AS n FROM search_doc').get() as { n: number }).n;
    s.close();
    return n;
  }
  const c = new pg.Client({ connectionString: db.location });
  await c.connect();
  const n = Number((await c.query<{ n: string }>('SELECT count(*) AS n FROM search_doc')).rows[0]!.n);
  await c.end();
  return n;
}
