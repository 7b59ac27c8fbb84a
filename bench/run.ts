import fs from 'node:fs';
import os from 'node:os';
import { parseArgs } from 'node:util';
import { makeTmpDir, type BenchEnv, type Engine } from './engines.js';
import { importBench, type ImportFigures } from './import.js';
import { benchExtract } from './extract.bench.js';
import { searchBench, type SearchFigures } from './search.js';
import { statsBench, type StatsFigures } from './stats.js';
import { loadCorpora } from './load.js';
import { printReport } from './report.js';
import { sealedImportBench, signInBench, type SealedImportFigures, type SignInFigures } from './security.js';
import { printWebReport, webBench, type WebFigures } from './web.js';

/**
 * `npm run bench -- [--only import|search|stats] [--engine sqlite|postgres|both] [--scale 0.1]`
 *
 * (a) import: 200,000 incidents through the app (importIncidents) beside raw inserts of the same rows;
 * (b) search: app.search p50/p95 over 1,000,000 incidents beside a bare full-text query;
 * (c) stats: app.stats({}) over the same 1,000,000 incidents beside a bare GROUP BY;
 * (d) extraction (bench/extract.bench.ts);
 * (e) sign-ins per second beside bare Argon2id verifications; (f) 200,000 incidents with
 *     50,000 sealed persons beside the same import unsealed (bench/security.ts);
 * (g) the web app's budgets in Chromium over 100,000 incidents on SQLite (bench/web.ts).
 * PostgreSQL: VIGIL_BENCH_DATABASE_URL (default postgres://postgres@127.0.0.1:5432/postgres);
 * bench databases are created beside it and dropped after. SQLite files go to a temp directory.
 */
const { values } = parseArgs({
  options: {
    only: { type: 'string' },
    engine: { type: 'string', default: 'both' },
    scale: { type: 'string', default: process.env.VIGIL_BENCH_SCALE ?? '1' },
    seed: { type: 'string', default: '20261124' },
    json: { type: 'string' },
  },
});

const only = values.only;
if (only !== undefined && !['import', 'search', 'stats', 'extract', 'security', 'web'].includes(only)) throw new Error(`--only: import, search, stats, extract, security or web, not ${only}`);
const engines: Engine[] = values.engine === 'both' ? ['sqlite', 'postgres'] : [values.engine as Engine];
if (!engines.every((e) => e === 'sqlite' || e === 'postgres')) throw new Error(`--engine: sqlite, postgres or both, not ${values.engine}`);
const scale = Number(values.scale);
if (!(scale > 0 && scale <= 1)) throw new Error('--scale: a number in (0, 1]');
const seed = Number(values.seed);

const IMPORT_N = Math.round(200_000 * scale);
const CORPUS_N = Math.round(1_000_000 * scale);

const env: BenchEnv = {
  tmpDir: makeTmpDir(),
  pgUrl: process.env.VIGIL_BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres',
};
const log = (s: string) => console.log(s);
const started = performance.now();

const results: { import: ImportFigures[]; search: SearchFigures[]; stats: StatsFigures[] } = { import: [], search: [], stats: [] };
try {
  log(`Vigil benchmarks — ${new Date().toISOString()} — ${os.cpus().length} cores, ${(os.totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.version}, scale ${scale}`);
  if (!only || only === 'extract') {
    // (d) extraction: one core, our extractor beside wink-nlp alone reading the same articles.
    const x = await benchExtract({ articles: Math.max(10, Math.round(40 * scale)) });
    log(`(d) extract ~1,500-word articles: ${x.articlesPerSecond.toFixed(1)}/s beside wink-nlp alone ${x.winkArticlesPerSecond.toFixed(1)}/s → ${(100 * x.ratio).toFixed(1)}% (target ≥ 33%)`);
  }
  if (!only || only === 'import') {
    for (const engine of engines) {
      log(`(a) import ${IMPORT_N} incidents on ${engine}`);
      results.import.push(await importBench(env, engine, IMPORT_N, { seed, batch: 1000, perCallSample: engine === 'sqlite' ? 1000 : 300, log }));
    }
  }
  if (!only || only === 'search' || only === 'stats') {
    log(`loading ${CORPUS_N} incidents on ${engines.join(' and ')} (setup, not measured)`);
    const dbs = await loadCorpora(env, engines, CORPUS_N, { seed, log });
    try {
      for (const db of dbs) {
        if (!only || only === 'search') results.search.push(await searchBench(db, { seed, log }));
        if (!only || only === 'stats') results.stats.push(await statsBench(db, { log }));
      }
    } finally {
      for (const db of dbs) await db.drop();
    }
  }
  const security: { signIn?: SignInFigures; sealed: SealedImportFigures[] } = { sealed: [] };
  if (!only || only === 'security') {
    log('(e) sign-ins');
    security.signIn = await signInBench(env, Math.max(6, Math.round(20 * scale)), log);
    for (const engine of engines) {
      log(`(f) sealed import of ${IMPORT_N} incidents with ${Math.round(IMPORT_N / 4)} persons on ${engine}`);
      security.sealed.push(await sealedImportBench(env, engine, IMPORT_N, Math.round(IMPORT_N / 4), seed, log));
    }
  }
  let web: WebFigures | undefined;
  if (!only || only === 'web') {
    log(`(g) web app budgets over ${Math.round(100_000 * scale)} incidents on SQLite, in Chromium`);
    web = await webBench(env, { incidents: Math.round(100_000 * scale), seed, log });
  }
  printReport(results, { scale, seconds: (performance.now() - started) / 1000 }, log);
  if (security.signIn) {
    const f = security.signIn;
    log(`(e) sign-ins: ${f.signInsPerSecond.toFixed(2)}/s one at a time, ${f.concurrentPerSecond.toFixed(2)}/s two at a time, beside ${f.argonVerifiesPerSecond.toFixed(2)} bare Argon2id verifications/s (a sign-in is two Argon2id runs)`);
  }
  for (const f of security.sealed) {
    log(
      `(f) ${f.engine}: ${f.incidents} incidents + ${f.persons} sealed persons at ${f.sealedRate.toFixed(0)} incidents/s beside ${f.plainRate.toFixed(0)}/s unsealed → ${(100 * f.ratio).toFixed(1)}% (target ≥ 70%: ${f.ratio >= 0.7 ? 'holds' : 'MISSED'})`,
    );
  }
  if (web) printWebReport(web, log);
  if (values.json) fs.writeFileSync(values.json, JSON.stringify({ ...results, security, ...(web ? { web } : {}) }, null, 2));
} finally {
  fs.rmSync(env.tmpDir, { recursive: true, force: true });
}
