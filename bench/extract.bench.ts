/**
 * Extraction speed against wink-nlp alone, on generated ~1,500-word articles:
 *   npx tsx bench/extract.bench.ts [--articles 40]
 *
 * Baseline ("wink alone"): what a minimal consumer of wink-nlp does with a text — readDoc with
 * the same pipe the extractor loads (sentence boundaries + POS), then read the sentences and
 * every token with its POS tag. Both sides run on the same texts in the same process, in
 * alternating rounds (wink first, then ours, then ours first, …), after a warm-up; time is the
 * process CPU time (user + system), so other load on the machine does not count against either.
 * One thread: neither side starts workers (the figure includes V8's GC helper threads, which
 * both sides use).
 *
 * The articles are deterministic (seeded PRNG) mixtures of templates of our own: attributed
 * statements with relays, counts with qualifiers and breakdowns, dates, places, acts, and plain
 * background sentences with none of these, in paragraphs of three to six sentences.
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import winkNLP from 'wink-nlp';
import model from 'wink-eng-lite-web-model';
import { extract } from '../src/extract/index.js';

export interface ExtractBenchFigures {
  articlesPerSecond: number;
  winkArticlesPerSecond: number;
  ratio: number;
}

// ------------------------------------------------------------------ deterministic generator

function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

type Rng = () => number;
const pick = <T>(r: Rng, xs: readonly T[]): T => xs[Math.floor(r() * xs.length)] as T;

const CITIES = ['Moscow', 'St Petersburg', 'Minsk', 'Grozny', 'Kazan', 'Yekaterinburg', 'Novosibirsk', 'Brest', 'Gomel', 'Vitebsk', 'Kampala', 'Nairobi', 'Dhaka', 'Lagos', 'Almaty', 'Tbilisi', 'Dushanbe', 'Bishkek'];
const COUNTRIES = ['Russia', 'Belarus', 'Uganda', 'Kenya', 'Bangladesh', 'Nigeria', 'Kazakhstan', 'Georgia', 'Tajikistan'];
const NGOS = ['OVD-Info', 'Viasna', 'Memorial', 'Human Rights Watch', 'Amnesty International', 'the Russian LGBT Network', 'the Committee Against Torture', 'Front Line Defenders'];
const OUTLETS = ['Interfax', 'Reuters', 'the BBC', 'Novaya Gazeta', 'Meduza', 'TASS', 'RIA Novosti', 'Mediazona'];
const FIRST = ['Anna', 'Igor', 'Olga', 'Maxim', 'Svetlana', 'Pavel', 'Irina', 'Dmitry', 'Natalia', 'Ruslan', 'Grace', 'Joseph', 'Amina', 'Farhod', 'Leyla'];
const LAST = ['Petrova', 'Sokolov', 'Ivanova', 'Karimov', 'Orlova', 'Volkov', 'Nasser', 'Okello', 'Rahman', 'Aliyev', 'Mirzoeva', 'Belova'];
const ROLES = ['a spokesman for the Interior Ministry', 'the group’s director', 'a lawyer for the families', 'a police spokeswoman', 'the head of the regional prosecutor’s office', 'a researcher at the group', 'an opposition politician'];
const AUTHORITIES = ['the Interior Ministry', 'the police', 'the Kremlin', 'the prosecutor’s office', 'the Investigative Committee', 'the regional government'];
const WEEKDAYS = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'];
const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];
const NUMWORDS = ['two', 'three', 'four', 'five', 'six', 'seven', 'eight', 'nine', 'ten', 'a dozen', 'dozens of', 'several', 'hundreds of'];
const VICTIMS = ['protesters', 'people', 'activists', 'men', 'students', 'journalists', 'demonstrators', 'opposition supporters', 'residents'];
const PASSIVE_ACTS = ['detained', 'arrested', 'beaten', 'killed', 'injured', 'held', 'tortured', 'abducted', 'jailed', 'wounded'];
const ACTIVE_ACTS = ['detained', 'arrested', 'beat', 'killed', 'abducted', 'threatened', 'injured', 'dispersed'];

function name(r: Rng): string {
  return `${pick(r, FIRST)} ${pick(r, LAST)}`;
}

function number(r: Rng): string {
  const x = r();
  if (x < 0.3) return String(2 + Math.floor(r() * 90));
  if (x < 0.55) {
    const n = 1000 + Math.floor(r() * 9000);
    return n.toLocaleString('en-GB');
  }
  if (x < 0.8) return pick(r, NUMWORDS);
  return String(100 + Math.floor(r() * 800));
}

function count(r: Rng): string {
  const q = pick(r, ['', 'at least ', 'more than ', 'about ', 'some ', 'up to ', 'nearly ', '']);
  const n = number(r);
  return /of$|^several/.test(n) ? n : `${q}${n}`;
}

function date(r: Rng): string {
  const x = r();
  if (x < 0.25) return `on ${pick(r, WEEKDAYS)}`;
  if (x < 0.45) return `on ${1 + Math.floor(r() * 28)} ${pick(r, MONTHS)}`;
  if (x < 0.55) return 'last week';
  if (x < 0.7) return `in ${pick(r, ['late', 'early', 'mid-'])}${x < 0.65 ? ' ' : ''}${pick(r, MONTHS)}`.replace('- ', '-');
  if (x < 0.8) return 'since the start of this year';
  if (x < 0.9) return `in ${2015 + Math.floor(r() * 9)}`;
  return 'over the weekend';
}

const TEMPLATES: readonly ((r: Rng) => string)[] = [
  (r) => `${pick(r, NGOS)}, which monitors arrests, said ${count(r)} ${pick(r, VICTIMS)} had been ${pick(r, PASSIVE_ACTS)} ${date(r)} in ${pick(r, CITIES)}.`,
  (r) => `Police ${pick(r, ACTIVE_ACTS)} ${count(r)} ${pick(r, VICTIMS)} in ${pick(r, CITIES)} ${date(r)}, including ${number(r)} in ${pick(r, CITIES)}, ${pick(r, OUTLETS)} reported.`,
  (r) => `“They took us to the station and beat us with batons,” ${name(r)}, ${pick(r, ROLES)}, told ${pick(r, OUTLETS)}. “Nobody told us why.”`,
  (r) => `${pick(r, AUTHORITIES).replace(/^t/, 'T')} said ${number(r)} people had been ${pick(r, PASSIVE_ACTS)} and that officers had acted lawfully.`,
  (r) => `${name(r)}, ${pick(r, ROLES)}, called the report “${pick(r, ['absolute lies', 'a provocation', 'nonsense', 'disinformation'])}” and said there was no evidence.`,
  (r) => `${pick(r, AUTHORITIES).replace(/^t/, 'T')} said it had no information about the ${pick(r, ['detentions', 'arrests', 'reports'])}.`,
  (r) => `${pick(r, NGOS)} called on the authorities to release all those held and to investigate the ${pick(r, ['beatings', 'allegations', 'deaths'])}.`,
  (r) => `${date(r).replace(/^o/, 'O').replace(/^i/, 'I').replace(/^l/, 'L').replace(/^s/, 'S')}, ${count(r)} ${pick(r, VICTIMS)} were ${pick(r, PASSIVE_ACTS)} during a protest in ${pick(r, CITIES)}, according to ${pick(r, NGOS)}.`,
  (r) => `The prosecutor’s office said it would investigate the ${pick(r, ['death', 'complaints', 'allegations'])} of ${name(r)}.`,
  (r) => `${name(r)} said ${pick(r, ['he', 'she'])} had been held for ${number(r)} days without access to a lawyer and was forced to sign a confession.`,
  (r) => `Relatives said the whereabouts of ${number(r)} men taken from their homes in ${pick(r, CITIES)} ${date(r)} remained unknown.`,
  (r) => `About ${Math.floor(r() * 90) + 10} per cent of those detained were later fined, the group said.`,
  (r) => `In a statement ${date(r)}, ${pick(r, NGOS)} said that ${count(r)} ${pick(r, VICTIMS)}, most of them young men who had travelled from ${pick(r, CITIES)} to take part in the march, had been ${pick(r, PASSIVE_ACTS)} by riot police and that ${number(r)} of them had needed hospital treatment, while others were still being held in a detention centre outside the city.`,
  (r) => `“We were kept in a cell for ${number(r)} days, and every night they came and threatened to kill us if we did not give them the names of our friends,” ${pick(r, ['he', 'she'])} said. “I still do not know where my brother is.”`,
  (r) => `${name(r)}, ${pick(r, ROLES)}, told ${pick(r, OUTLETS)} by telephone that security forces had raided the homes of ${count(r)} families in ${pick(r, CITIES)} ${date(r)} and taken the men away to an unknown place.`,
  (r) => `According to figures published by ${pick(r, NGOS)}, between ${2 + Math.floor(r() * 20)} and ${30 + Math.floor(r() * 50)} people were killed and more than ${number(r)} injured when security forces opened fire on a crowd in ${pick(r, CITIES)}, ${pick(r, COUNTRIES)}, ${date(r)}.`,
  (r) => `The court sentenced ${name(r)} to ${number(r)} years in prison ${date(r)} on charges of organising mass riots, which ${pick(r, ['his', 'her'])} lawyers said were fabricated.`,
  // Filler: background with no act, count or attribution cue.
  (r) => `${pick(r, COUNTRIES)} has a long history of tension between the central government and the regions.`,
  (_r) => `The city is home to a large university and several museums that attract visitors in the summer.`,
  (_r) => `The law on public gatherings was amended after the elections, and the changes remain controversial among lawyers and scholars.`,
  (r) => `Analysts expect the economy of ${pick(r, COUNTRIES)} to grow slowly over the coming years as prices for its exports fall.`,
  (_r) => `Many residents work in the factories on the edge of town, and the local market opens early in the morning.`,
  (_r) => `The opposition has struggled to agree on a single candidate, and its leaders live abroad.`,
  (_r) => `Television channels controlled by the state gave little coverage to the events, focusing instead on the weather and sport.`,
];

/** One article of about `words` words (deterministic for a seed). */
export function generateArticle(seed: number, words = 1500): string {
  const r = mulberry32(seed);
  const paras: string[] = [];
  let n = 0;
  while (n < words) {
    const k = 3 + Math.floor(r() * 4);
    const sents: string[] = [];
    for (let i = 0; i < k; i++) {
      const s = pick(r, TEMPLATES)(r);
      sents.push(s);
      n += s.split(/\s+/).length;
    }
    paras.push(sents.join(' '));
  }
  return `${pick(r, CITIES).toUpperCase()}, 13 February 2025 — ${paras.join('\n\n')}`;
}

export function sampleArticles(n: number, seed = 20250213): string[] {
  return Array.from({ length: n }, (_, i) => generateArticle(seed + i * 7919));
}

// ------------------------------------------------------------------ measurement

function cpuMs(f: () => void): number {
  const c = process.cpuUsage();
  f();
  const d = process.cpuUsage(c);
  return (d.user + d.system) / 1000;
}

export async function benchExtract(opts: { articles?: number; rounds?: number } = {}): Promise<ExtractBenchFigures> {
  const texts = sampleArticles(opts.articles ?? 40);
  const rounds = opts.rounds ?? 6;
  const nlp = winkNLP(model, ['sbd', 'pos']);
  const its = nlp.its;
  let sink = 0;
  const wink = (): void => {
    for (const t of texts) {
      const doc = nlp.readDoc(t);
      const sents = doc.sentences().out();
      const values = doc.tokens().out();
      const pos = doc.tokens().out(its.pos);
      for (let i = 0; i < values.length; i++) sink += (values[i]?.length ?? 0) + (pos[i]?.length ?? 0);
      sink += sents.length;
    }
  };
  const ours = (): void => {
    for (const t of texts) sink += extract({ text: t, published: '2025-02-13' }, { today: '2100-01-01' }).incidents.length;
  };
  // Warm-up: JIT, the model's lazy tables, our caches.
  for (let i = 0; i < 2; i++) {
    wink();
    ours();
  }
  let winkMs = 0;
  let oursMs = 0;
  for (let r = 0; r < rounds; r++) {
    if (r % 2 === 0) {
      winkMs += cpuMs(wink);
      oursMs += cpuMs(ours);
    } else {
      oursMs += cpuMs(ours);
      winkMs += cpuMs(wink);
    }
  }
  if (sink === 0) throw new Error('benchmark produced nothing');
  const n = texts.length * rounds;
  const articlesPerSecond = (1000 * n) / oursMs;
  const winkArticlesPerSecond = (1000 * n) / winkMs;
  return { articlesPerSecond, winkArticlesPerSecond, ratio: articlesPerSecond / winkArticlesPerSecond };
}

const isMain = !process.env.NO_BENCH_MAIN && process.argv[1] !== undefined && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url);
if (isMain) {
  const i = process.argv.indexOf('--articles');
  const articles = i >= 0 ? Number(process.argv[i + 1]) : 40;
  const words = sampleArticles(articles).reduce((s, t) => s + t.split(/\s+/).length, 0) / articles;
  const f = await benchExtract({ articles });
  console.log(`extract bench: ${articles} generated articles of ~${Math.round(words)} words, CPU time, one thread`);
  console.log(`  wink-nlp alone (readDoc + sentences + tokens with POS): ${f.winkArticlesPerSecond.toFixed(1)} articles/s`);
  console.log(`  extract:                                               ${f.articlesPerSecond.toFixed(1)} articles/s`);
  console.log(`  ratio: ${(100 * f.ratio).toFixed(1)}% of wink-nlp alone (target ≥ 33%)`);
}
