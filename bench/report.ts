import type { ImportFigures } from './import.js';
import type { SearchFigures } from './search.js';
import type { StatsFigures } from './stats.js';

export const TARGETS = { importRatio: 0.3, searchP95Ms: 20, statsSeconds: 1.5 };

function table(rows: string[][]): string {
  const widths = rows[0]!.map((_, i) => Math.max(...rows.map((r) => (r[i] ?? '').length)));
  return rows.map((r) => r.map((c, i) => c.padEnd(widths[i]!)).join('  ')).join('\n');
}

const ok = (b: boolean) => (b ? 'holds' : 'MISSED');
const n0 = (x: number) => Math.round(x).toLocaleString('en-US');

export function printReport(
  r: { import: ImportFigures[]; search: SearchFigures[]; stats: StatsFigures[] },
  meta: { scale: number; seconds: number },
  log: (s: string) => void,
): void {
  log('');
  if (r.import.length > 0) {
    log(`(a) Import through the app (importIncidents, ${r.import[0]!.batch} per transaction) vs raw inserts of the same rows — target app ≥ ${TARGETS.importRatio * 100}% of raw`);
    log(
      table([
        ['engine', 'incidents', 'claims', 'app inc/s', 'raw inc/s', 'app/raw', 'target', 'raw time in indexText', 'per-call use cases inc/s', 'same rows (raw, per-call)'],
        ...r.import.map((f) => [
          f.engine,
          n0(f.incidents),
          n0(f.claims),
          n0(f.appRate),
          n0(f.rawRate),
          `${(f.ratio * 100).toFixed(0)}%`,
          ok(f.ratio >= TARGETS.importRatio),
          `${(f.rawTermsShare * 100).toFixed(0)}%`,
          `${n0(f.perCall.rate)} (${f.perCall.incidents})`,
          `${f.sameAsRaw ? 'yes' : 'NO'}, ${f.sameAsPerCall ? 'yes' : 'NO'}`,
        ]),
      ]),
    );
    log('');
  }
  if (r.search.length > 0) {
    log(`(b) Search through app.search vs a bare full-text query (LIMIT 20, no rank/count/facets) — target p95 ≤ ${TARGETS.searchP95Ms} ms`);
    log(
      table([
        ['engine', 'incidents', 'documents', 'queries', 'app p50', 'app p95', 'app p99', 'app max', 'bare p50', 'bare p95', 'capped', 'target'],
        ...r.search.map((f) => [
          f.engine,
          n0(f.incidents),
          n0(f.documents),
          String(f.queries),
          `${f.app.p50.toFixed(1)} ms`,
          `${f.app.p95.toFixed(1)} ms`,
          `${f.app.p99.toFixed(1)} ms`,
          `${f.app.max.toFixed(1)} ms`,
          `${f.bare.p50.toFixed(1)} ms`,
          `${f.bare.p95.toFixed(1)} ms`,
          String(f.capped),
          ok(f.app.p95 <= TARGETS.searchP95Ms),
        ]),
      ]),
    );
    for (const f of r.search) log(`  slowest on ${f.engine}: ${f.slowest.map((s) => `${s.query} ${s.ms.toFixed(1)} ms (${s.exact ? '' : '≥'}${s.total})`).join('; ')}`);
    log('');
  }
  if (r.stats.length > 0) {
    log(`(c) app.stats({}) vs SELECT type, count(*) FROM act GROUP BY type — target ≤ ${TARGETS.statsSeconds} s`);
    log(
      table([
        ['engine', 'incidents', 'acts', 'cells', 'app first', 'app median', 'bare median', 'target'],
        ...r.stats.map((f) => [
          f.engine,
          n0(f.incidents),
          n0(f.acts),
          n0(f.cells),
          `${f.appFirst.toFixed(2)} s`,
          `${f.appMedian.toFixed(2)} s`,
          `${f.bareMedian.toFixed(2)} s`,
          ok(f.appMedian <= TARGETS.statsSeconds),
        ]),
      ]),
    );
    log('');
  }
  log(`scale ${meta.scale}; total ${(meta.seconds / 60).toFixed(1)} min`);
}
