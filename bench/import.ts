import { importIncidents } from '../src/app/bulk.js';
import { addClaim } from '../src/app/claims.js';
import { createIncident } from '../src/app/incidents.js';
import { Corpus, type BenchItem } from './data.js';
import { digest } from './digest.js';
import { BENCH_NOW, openBenchDb, type BenchEnv, type Engine } from './engines.js';
import { rawPostgresWriter, rawSqliteWriter, type RawWriter } from './raw.js';
import { itemRows, plainTerms } from './rows.js';

export interface ImportFigures {
  readonly engine: Engine;
  readonly incidents: number;
  readonly claims: number;
  readonly batch: number;
  readonly appSeconds: number;
  readonly rawSeconds: number;
  /** Share of the raw time spent making index terms (indexText), which both paths do once per document. */
  readonly rawTermsShare: number;
  readonly appRate: number;
  readonly rawRate: number;
  readonly ratio: number;
  /** The use cases one call at a time (createIncident, addClaim), on a sample: for scale. */
  readonly perCall: { readonly incidents: number; readonly rate: number };
  /** App and raw databases hold the same rows; bulk and per-call paths store the same rows. */
  readonly sameAsRaw: boolean;
  readonly sameAsPerCall: boolean;
}

const now = () => performance.now();

export async function importBench(
  env: BenchEnv,
  engine: Engine,
  n: number,
  opts: { seed: number; batch: number; perCallSample: number; log: (s: string) => void },
): Promise<ImportFigures> {
  const { seed, batch, log } = opts;
  const appDb = await openBenchDb(env, engine, 'import_app', seed);
  const rawDb = await openBenchDb(env, engine, 'import_raw', seed);
  await rawDb.close();
  const corpus = new Corpus(seed, appDb.refs);
  const raw: RawWriter = engine === 'sqlite' ? rawSqliteWriter(rawDb.location) : await rawPostgresWriter(rawDb.location);
  let appMs = 0;
  let rawMs = 0;
  let termsMs = 0;
  let claims = 0;
  const timedTerms = (text: string) => {
    const t = now();
    const out = plainTerms(text);
    termsMs += now() - t;
    return out;
  };
  const progressEvery = Math.max(batch, Math.floor(n / 10 / batch) * batch);
  for (let start = 0, k = 0; start < n; start += batch, k++) {
    const items: BenchItem[] = [];
    for (let i = start; i < Math.min(n, start + batch); i++) items.push(corpus.item(i));
    for (const it of items) claims += it.claims.length;
    const runApp = async () => {
      const t = now();
      await appDb.app.batch((ctx) => importIncidents(ctx, items));
      appMs += now() - t;
    };
    const runRaw = async () => {
      const t = now();
      const rows = items.map((it) => itemRows(it, rawDb.ids, BENCH_NOW, rawDb.lookups, timedTerms));
      await raw.write(rows);
      rawMs += now() - t;
    };
    // Alternate which goes first, so neither always meets a warmer cache.
    if (k % 2 === 0) {
      await runApp();
      await runRaw();
    } else {
      await runRaw();
      await runApp();
    }
    const done = Math.min(n, start + batch);
    if (done % progressEvery === 0 || done === n)
      log(`  ${engine} import: ${done}/${n}  app ${((done / appMs) * 1000).toFixed(0)}/s  raw ${((done / rawMs) * 1000).toFixed(0)}/s`);
  }
  await raw.finish();
  await raw.close();
  await appDb.close();

  log(`  ${engine} import: comparing app and raw databases…`);
  const [a, r] = [await digest(engine, appDb.location), await digest(engine, rawDb.location)];
  const sameAsRaw = a.hash === r.hash;
  if (!sameAsRaw) log(`  !! app and raw rows differ: ${JSON.stringify(a.rows)} vs ${JSON.stringify(r.rows)}`);
  await appDb.drop();
  await rawDb.drop();

  // The use cases one call at a time, on a sample, and the bulk path on the same sample: same rows?
  const m = Math.min(n, opts.perCallSample);
  const callsDb = await openBenchDb(env, engine, 'import_calls', seed);
  const bulkDb = await openBenchDb(env, engine, 'import_bulk', seed);
  const sample: BenchItem[] = [];
  for (let i = 0; i < m; i++) sample.push(corpus.item(i));
  const t = now();
  for (let i = 0; i < m; i += 100) {
    await callsDb.app.batch(async (ctx) => {
      for (const it of sample.slice(i, i + 100)) {
        const inc = await createIncident(ctx, it.incident);
        for (const c of it.claims) await addClaim(ctx, { ...c.claim, incidentId: inc.id, actId: c.act === null ? null : inc.acts[c.act]!.id });
      }
    });
  }
  const perCallMs = now() - t;
  for (let i = 0; i < m; i += batch) await bulkDb.app.batch((ctx) => importIncidents(ctx, sample.slice(i, i + batch)));
  await callsDb.close();
  await bulkDb.close();
  const [c1, c2] = [await digest(engine, callsDb.location), await digest(engine, bulkDb.location)];
  const sameAsPerCall = c1.hash === c2.hash;
  if (!sameAsPerCall) log(`  !! bulk and per-call rows differ: ${JSON.stringify(c2.rows)} vs ${JSON.stringify(c1.rows)}`);
  await callsDb.drop();
  await bulkDb.drop();

  const appRate = (n / appMs) * 1000;
  const rawRate = (n / rawMs) * 1000;
  return {
    engine,
    incidents: n,
    claims,
    batch,
    appSeconds: appMs / 1000,
    rawSeconds: rawMs / 1000,
    rawTermsShare: termsMs / rawMs,
    appRate,
    rawRate,
    ratio: appRate / rawRate,
    perCall: { incidents: m, rate: (m / perCallMs) * 1000 },
    sameAsRaw,
    sameAsPerCall,
  };
}
