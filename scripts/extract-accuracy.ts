/**
 * Extraction accuracy on the shared samples (seed + dev examples):
 *   npx tsx scripts/extract-accuracy.ts [--verbose] [--only NN] [--speed]
 * Incidents match on act + count (qualifier, value, min, max), same evidence sentence first,
 * then anywhere; date accuracy is counted on matched incidents; statements match on stance and
 * evidence sentence plus speaker (or, failing a named speaker, organisation).
 * Perpetrator and victims are scored on matched incidents: equal when both are null or both
 * are the same span after normalising (case, white space, a leading "the"); a "false agent" is a
 * perpetrator of ours where the expected one is null (and likewise false victims).
 */
import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import winkNLP from 'wink-nlp';
import model from 'wink-eng-lite-web-model';
import { extract } from '../src/extract/index.js';
import type { ExtractedIncident, ExtractedStatement } from '../src/extract/index.js';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const samples = path.resolve(repoRoot, '../shared/samples/extraction');
const args = process.argv.slice(2);
const verbose = args.includes('--verbose');
const only = args.includes('--only') ? args[args.indexOf('--only') + 1] : undefined;

interface Expected {
  id: string;
  source: { title: string | null; outlet: string | null; published: string; url: string | null };
  text: string;
  incidents: {
    act: string;
    count: { qualifier: string; value: number | null; min: number | null; max: number | null; text: string | null };
    date: { text: string | null; start: string | null; end: string | null; precision: string };
    perpetrator: string | null;
    victims: string | null;
    evidence_span: string;
  }[];
  statements: {
    speaker: string | null;
    organisation: string | null;
    speaker_role: string | null;
    stance: string;
    reported_by: string | null;
    quote: string | null;
    evidence_span: string;
  }[];
}

function files(): { name: string; exp: Expected }[] {
  const out: { name: string; exp: Expected }[] = [];
  out.push({ name: 'seed', exp: JSON.parse(readFileSync(path.join(samples, 'seed.expected.json'), 'utf8')) as Expected });
  const dir = path.join(samples, 'examples');
  for (const f of readdirSync(dir).sort()) {
    if (!f.endsWith('.expected.json')) continue;
    out.push({ name: f.replace('.expected.json', ''), exp: JSON.parse(readFileSync(path.join(dir, f), 'utf8')) as Expected });
  }
  return only ? out.filter((f) => f.name.startsWith(only)) : out;
}

function sameSentence(text: string, a: string, b: { start: number; end: number }): boolean {
  const s = text.indexOf(a);
  if (s < 0) return false;
  return s < b.end && s + a.length > b.start;
}

/** Names of organisations match when the shorter's words all occur in the longer's (prefix-5). */
function orgMatch(a: string | null, b: string | null): boolean {
  if (!a || !b) return false;
  if (a.trim().toLowerCase() === b.trim().toLowerCase()) return true;
  const words = (s: string): string[] =>
    s.toLowerCase().replace(/[’']s\b/g, '').split(/[^a-z\u00c0-\u024f]+/).filter((w) => w.length > 2 && !['the', 'for', 'and', 'of'].includes(w)).map((w) => w.slice(0, 5));
  const wa = words(a);
  const wb = words(b);
  const [short, long] = wa.length <= wb.length ? [wa, wb] : [wb, wa];
  return short.length > 0 && short.every((w) => long.includes(w));
}

function countKey(c: { qualifier: string; value: number | null; min: number | null; max: number | null }): string {
  return `${c.qualifier}:${c.value}:${c.min}:${c.max}`;
}

interface Tally {
  tp: number;
  fp: number;
  fn: number;
}
/** Agreement of one span field (perpetrator or victims) on matched incidents. */
interface SpanTally {
  n: number;
  /** Both null, or equal after normalising. */
  same: number;
  /** Expected non-null and ours equal after normalising. */
  found: number;
  /** Expected non-null. */
  expected: number;
  /** Ours non-null where the expected is null. */
  falseSpan: number;
  /** Both non-null and different. */
  wrong: number;
  /** Expected non-null, ours null. */
  missed: number;
  /** Ours non-null. */
  ours: number;
}
const spanTally = (): SpanTally => ({ n: 0, same: 0, found: 0, expected: 0, falseSpan: 0, wrong: 0, missed: 0, ours: 0 });
/** Case-insensitive, white space collapsed, curly apostrophes straightened, no leading "the". */
const normSpan = (s: string | null): string | null => (s === null ? null : s.toLowerCase().replace(/[’]/g, "'").replace(/\s+/g, ' ').trim().replace(/^the /, ''));
function scoreSpan(t: SpanTally, expected: string | null, ours: string | null): boolean {
  const e = normSpan(expected);
  const o = normSpan(ours);
  t.n++;
  if (e !== null) t.expected++;
  if (o !== null) t.ours++;
  if (e === o) {
    t.same++;
    if (e !== null) t.found++;
    return true;
  }
  if (e === null) t.falseSpan++;
  else if (o === null) t.missed++;
  else t.wrong++;
  return false;
}
function addSpan(acc: SpanTally, t: SpanTally): void {
  for (const k of Object.keys(acc) as (keyof SpanTally)[]) acc[k] += t[k];
}
const spanLine = (t: SpanTally): string =>
  `${t.n ? pct(t.same / t.n) : '-'} agree (${t.same}/${t.n}); of ${t.expected} expected non-null: ${t.found} equal, ${t.wrong} different, ${t.missed} null; false (ours non-null, expected null) ${t.falseSpan}/${t.n - t.expected}; precision of ours ${t.ours ? pct(t.found / t.ours) : '-'} (${t.found}/${t.ours})`;

const f1 = (t: Tally): number => (t.tp === 0 ? 0 : (2 * t.tp) / (2 * t.tp + t.fp + t.fn));
const pct = (x: number): string => `${(100 * x).toFixed(1)}%`;

const totalI: Tally = { tp: 0, fp: 0, fn: 0 };
const totalS: Tally = { tp: 0, fp: 0, fn: 0 };
let dateOk = 0;
let dateN = 0;
const devI: Tally = { tp: 0, fp: 0, fn: 0 };
const devS: Tally = { tp: 0, fp: 0, fn: 0 };
let devDateOk = 0;
let devDateN = 0;
const perp = { seed: spanTally(), dev: spanTally() };
const vict = { seed: spanTally(), dev: spanTally() };

for (const { name, exp } of files()) {
  const res = extract(
    { text: exp.text, published: exp.source.published, outlet: exp.source.outlet, title: exp.source.title, url: null },
    { today: '2100-01-01' },
  );
  const text = exp.text;
  // Incidents.
  const used = new Set<number>();
  const misses: string[] = [];
  const matchedPairs: [Expected['incidents'][number], ExtractedIncident][] = [];
  const pending: Expected['incidents'][number][] = [];
  for (const e of exp.incidents) {
    const k = res.incidents.findIndex((p, i) => !used.has(i) && p.act === e.act && countKey(p.count) === countKey(e.count) && sameSentence(text, e.evidence_span, p.evidence));
    if (k >= 0) {
      used.add(k);
      matchedPairs.push([e, res.incidents[k] as ExtractedIncident]);
    } else pending.push(e);
  }
  for (const e of pending) {
    const k = res.incidents.findIndex((p, i) => !used.has(i) && p.act === e.act && countKey(p.count) === countKey(e.count));
    if (k >= 0) {
      used.add(k);
      matchedPairs.push([e, res.incidents[k] as ExtractedIncident]);
    } else misses.push(`  MISS incident ${e.act} ${countKey(e.count)} "${e.count.text ?? ''}" | ${e.evidence_span.slice(0, 70)}`);
  }
  const extra = res.incidents.filter((_, i) => !used.has(i)).map((p) => `  EXTRA incident ${p.act} ${countKey(p.count)} "${p.count.text ?? ''}" | ${p.evidence_span.slice(0, 70)} [${p.basis}]`);
  const ti: Tally = { tp: matchedPairs.length, fp: res.incidents.length - matchedPairs.length, fn: exp.incidents.length - matchedPairs.length };
  let dOk = 0;
  const dateMisses: string[] = [];
  for (const [e, p] of matchedPairs) {
    if (e.date.start === p.date.start && e.date.end === p.date.end && e.date.precision === p.date.precision) dOk++;
    else dateMisses.push(`  DATE ${e.act} ${countKey(e.count)}: expected ${e.date.start}..${e.date.end} ${e.date.precision} ("${e.date.text ?? ''}"), got ${p.date.start}..${p.date.end} ${p.date.precision} ("${p.date.text ?? ''}") [${p.basis}]`);
  }
  // Perpetrator and victims, on matched incidents.
  const tp = spanTally();
  const tv = spanTally();
  const spanMisses: string[] = [];
  for (const [e, p] of matchedPairs) {
    if (!scoreSpan(tp, e.perpetrator, p.perpetrator)) spanMisses.push(`  PERP ${e.act} ${countKey(e.count)}: expected ${JSON.stringify(e.perpetrator)}, got ${JSON.stringify(p.perpetrator)} | ${e.evidence_span.slice(0, 60)}`);
    if (!scoreSpan(tv, e.victims, p.victims)) spanMisses.push(`  VICT ${e.act} ${countKey(e.count)}: expected ${JSON.stringify(e.victims)}, got ${JSON.stringify(p.victims)} | ${e.evidence_span.slice(0, 60)}`);
  }
  addSpan(name === 'seed' ? perp.seed : perp.dev, tp);
  addSpan(name === 'seed' ? vict.seed : vict.dev, tv);
  // Statements.
  const sUsed = new Set<number>();
  const sMisses: string[] = [];
  let sTp = 0;
  const relayMisses: string[] = [];
  for (const e of exp.statements) {
    const k = res.statements.findIndex((p, i) => {
      if (sUsed.has(i) || p.stance !== e.stance || !sameSentence(text, e.evidence_span, p.evidence)) return false;
      if (e.speaker) return p.speaker === e.speaker || (e.organisation !== null && orgMatch(p.organisation, e.organisation) && !p.speaker);
      if (e.organisation) return orgMatch(p.organisation, e.organisation) || orgMatch(p.speaker_role, e.organisation);
      return p.speaker === null;
    });
    if (k >= 0) {
      sUsed.add(k);
      sTp++;
      const p = res.statements[k] as ExtractedStatement;
      if (!orgMatch(p.reported_by, e.reported_by) && !(p.reported_by === null && e.reported_by === null)) relayMisses.push(`  RELAY ${e.speaker ?? e.speaker_role}: expected ${e.reported_by}, got ${p.reported_by} | ${e.evidence_span.slice(0, 60)}`);
    } else {
      const near = res.statements.filter((p) => sameSentence(text, e.evidence_span, p.evidence)).map((p) => `${p.stance}/${p.speaker ?? '-'}/${p.organisation ?? '-'}`);
      sMisses.push(`  MISS statement ${e.stance} ${e.speaker ?? '-'} / ${e.organisation ?? '-'} (${e.speaker_role ?? ''}) | ${e.evidence_span.slice(0, 60)} || got: ${near.join('; ') || 'nothing'}`);
    }
  }
  const sExtra = res.statements.filter((_, i) => !sUsed.has(i)).map((p) => `  EXTRA statement ${p.stance} ${p.speaker ?? '-'} / ${p.organisation ?? '-'} (${p.speaker_role ?? ''}) | ${p.evidence_span.slice(0, 60)} [${p.basis}]`);
  const ts: Tally = { tp: sTp, fp: res.statements.length - sTp, fn: exp.statements.length - sTp };

  for (const [acc, t] of [[totalI, ti], [totalS, ts]] as const) {
    acc.tp += t.tp;
    acc.fp += t.fp;
    acc.fn += t.fn;
  }
  dateOk += dOk;
  dateN += matchedPairs.length;
  if (name !== 'seed') {
    for (const [acc, t] of [[devI, ti], [devS, ts]] as const) {
      acc.tp += t.tp;
      acc.fp += t.fp;
      acc.fn += t.fn;
    }
    devDateOk += dOk;
    devDateN += matchedPairs.length;
  }
  console.log(
    `${name.padEnd(40)} incidents F1 ${pct(f1(ti)).padStart(6)} (${ti.tp}/${exp.incidents.length} found, ${ti.fp} extra)  dates ${matchedPairs.length ? pct(dOk / matchedPairs.length) : '-'}  statements F1 ${pct(f1(ts)).padStart(6)} (${ts.tp}/${exp.statements.length}, ${ts.fp} extra)`,
  );
  console.log(`${''.padEnd(40)} perpetrator ${tp.n ? pct(tp.same / tp.n) : '-'} (${tp.same}/${tp.n}, ${tp.falseSpan} false)  victims ${tv.n ? pct(tv.same / tv.n) : '-'} (${tv.same}/${tv.n}, ${tv.falseSpan} false)`);
  if (verbose) for (const l of [...misses, ...extra, ...dateMisses, ...sMisses, ...sExtra, ...relayMisses, ...spanMisses]) console.log(l);
}

console.log('');
console.log(`dev set (8 files): incidents F1 ${pct(f1(devI))}, dates ${devDateN ? pct(devDateOk / devDateN) : '-'} of matched, statements F1 ${pct(f1(devS))}`);
console.log(`all (seed + dev):  incidents F1 ${pct(f1(totalI))}, dates ${dateN ? pct(dateOk / dateN) : '-'} of matched, statements F1 ${pct(f1(totalS))}`);
console.log('');
console.log('perpetrator and victims on matched incidents (normalised: case, white space, leading "the"):');
for (const [label, key] of [['seed', 'seed'], ['dev set', 'dev']] as const) {
  if (perp[key].n === 0) continue;
  console.log(`  ${label.padEnd(8)} perpetrator ${spanLine(perp[key])}`);
  console.log(`  ${''.padEnd(8)} victims     ${spanLine(vict[key])}`);
}

if (args.includes('--speed')) {
  // Our rate against wink-nlp alone on the same text, each loaded once: readDoc with the pipe the
  // extractor uses (sentences + POS), then reading the sentences and every token with its POS —
  // what a minimal consumer of wink does. CPU time, alternating rounds. The generated-article
  // benchmark is bench/extract.bench.ts; this one uses the real sample texts.
  const nlp = winkNLP(model, ['sbd', 'pos']);
  const its = nlp.its;
  const texts = files().map((f) => f.exp.text);
  // About 1,500 words: the seed and the first dev texts as one article.
  let article = '';
  for (const t of texts) {
    if (article.split(/\s+/).length >= 1500) break;
    article += (article ? '\n\n' : '') + t;
  }
  const words = article.split(/\s+/).length;
  let sink = 0;
  const wink = (): void => {
    const doc = nlp.readDoc(article);
    sink += doc.sentences().out().length;
    const values = doc.tokens().out();
    const pos = doc.tokens().out(its.pos);
    for (let i = 0; i < values.length; i++) sink += (values[i]?.length ?? 0) + (pos[i]?.length ?? 0);
  };
  const run = (): void => {
    sink += extract({ text: article, published: '2025-02-13' }, { today: '2100-01-01' }).incidents.length;
  };
  const cpu = (f: () => void, n: number): number => {
    const c = process.cpuUsage();
    for (let i = 0; i < n; i++) f();
    const d = process.cpuUsage(c);
    return (d.user + d.system) / 1000;
  };
  for (let i = 0; i < 10; i++) {
    wink();
    run();
  }
  let w = 0;
  let o = 0;
  for (let r = 0; r < 6; r++) {
    if (r % 2 === 0) {
      w += cpu(wink, 10);
      o += cpu(run, 10);
    } else {
      o += cpu(run, 10);
      w += cpu(wink, 10);
    }
  }
  if (sink === 0) throw new Error('nothing measured');
  console.log(`speed on ${words} words of the sample texts (CPU time): wink alone ${(w / 60).toFixed(1)} ms, extract ${(o / 60).toFixed(1)} ms → our rate is ${pct(w / o)} of wink-nlp alone`);
}
