/**
 * The one place that talks to wink-nlp (tokens, POS tags, sentences). Its typings are loose (items, `its` helpers returning
 * unions), so everything it gives us is copied here into plain, typed arrays with character
 * offsets into the original text; the rules never see a wink object.
 */
import winkNLP, { type PartOfSpeech } from 'wink-nlp';
import model from 'wink-eng-lite-web-model';
import { lemmatise } from './lemma.js';

// Loaded once per process: building the model is far slower than reading a document.
// Sentiment and custom entities are not used, so they are left out of the pipe.
const nlp = winkNLP(model, ['sbd', 'pos']);
const its = nlp.its;

export interface Token {
  readonly i: number;
  readonly text: string;
  readonly lower: string;
  readonly lemma: string;
  readonly pos: PartOfSpeech;
  /** Character offsets into the text: [start, end). */
  readonly start: number;
  readonly end: number;
  /** Index of the sentence (after our re-segmentation) holding the token. */
  sent: number;
}

export interface Sentence {
  readonly i: number;
  /** Token range [first, last). */
  readonly first: number;
  readonly last: number;
  readonly start: number;
  readonly end: number;
  readonly para: number;
  /** True for footnote lines at the end of a report: read, but never a source of facts. */
  readonly footnote: boolean;
}

/**
 * Verbs the rules care about. wink's light model sometimes tags a past participle as a noun and
 * leaves it unlemmatised ("abducted/NOUN", "shot/NOUN"); for these verbs we repair both.
 */
const KNOWN_VERBS = new Set([
  'kill', 'murder', 'execute', 'assassinate', 'slay', 'massacre', 'die', 'detain', 'arrest', 'jail',
  'imprison', 'incarcerate', 'apprehend', 'torture', 'electrocute', 'beat', 'humiliate', 'starve',
  'strip', 'mistreat', 'kick', 'punch', 'whip', 'flog', 'assault', 'abuse', 'abduct', 'kidnap',
  'snatch', 'seize', 'grab', 'threaten', 'intimidate', 'confiscate', 'force', 'coerce', 'compel',
  'prevent', 'bar', 'ban', 'raid', 'storm', 'search', 'disperse', 'wound', 'injure', 'expel',
  'deport', 'extradite', 'return', 'disappear', 'say', 'tell', 'add', 'acknowledge', 'admit',
  'confirm', 'verify', 'deny', 'reject', 'dismiss', 'urge', 'demand', 'blame', 'quote', 'report',
  'claim', 'allege', 'drag', 'hospitalise', 'hospitalize', 'sentence', 'treat', 'drive', 'move',
  'transfer', 'pick', 'round', 'keep', 'hold', 'take', 'tear', 'shoot', 'stab', 'hack', 'burn',
  'stone', 'gun', 'call', 'ask', 'appeal', 'warn', 'announce', 'promise', 'pledge', 'vow',
]);
const IRREGULAR: ReadonlyMap<string, string> = new Map(Object.entries({
  shot: 'shoot', held: 'hold', kept: 'keep', took: 'take', taken: 'take', beaten: 'beat',
  tore: 'tear', torn: 'tear', said: 'say', told: 'tell', thrown: 'throw', threw: 'throw',
  drove: 'drive', driven: 'drive', stabbed: 'stab', hacked: 'hack', fled: 'flee', died: 'die',
}));

interface Lemma {
  readonly lemma: string;
  readonly verb: boolean;
}

function repairLemma(lower: string, lemma: string): Lemma {
  const irr = IRREGULAR.get(lower);
  if (irr) return { lemma: irr, verb: true };
  if (lemma !== lower) return { lemma, verb: false };
  const tries: string[] = [];
  if (lower.endsWith('ied')) tries.push(`${lower.slice(0, -3)}y`);
  if (lower.endsWith('ed')) tries.push(lower.slice(0, -2), lower.slice(0, -1), lower.slice(0, -3));
  if (lower.endsWith('ing')) tries.push(lower.slice(0, -3), `${lower.slice(0, -3)}e`, lower.slice(0, -4));
  for (const t of tries) if (KNOWN_VERBS.has(t)) return { lemma: t, verb: true };
  return { lemma, verb: false };
}

// Lemmas depend only on the word and its tag, and news vocabulary repeats: a bounded memo keeps
// the lemmatiser off the hot path. Keyed by tag, then word (no key string built per token).
const LEMMA_MEMO = new Map<string, Map<string, Lemma>>();
let lemmaMemoSize = 0;

function lemmaOf(lower: string, pos: string): Lemma {
  let byWord = LEMMA_MEMO.get(pos);
  if (byWord === undefined) {
    byWord = new Map();
    LEMMA_MEMO.set(pos, byWord);
  }
  let hit = byWord.get(lower);
  if (hit === undefined) {
    hit = repairLemma(lower, lemmatise(lower, pos));
    if (lemmaMemoSize > 50_000) {
      for (const m of LEMMA_MEMO.values()) m.clear();
      lemmaMemoSize = 0;
    }
    byWord.set(lower, hit);
    lemmaMemoSize++;
  }
  return hit;
}

export interface Analysis {
  /** The text the rules read: the input with footnote markers blanked (same length). */
  readonly text: string;
  readonly tokens: readonly Token[];
  readonly sentences: readonly Sentence[];
  /** Character range of a dateline ("VIENNA, 4 June 2024 — "), if the text opens with one. */
  readonly dateline: { start: number; end: number } | null;
}

// "Kazakhstan.1 In" / "held.1" / "says.2": a footnote marker glued to the end of a sentence. The
// digits are blanked so that neither the sentence splitter nor the count rules see them.
// Written as digits-then-check rather than with a lookbehind: a pattern opening with a lookbehind
// is tried at every position of the text, this one only where digits stand.
const GLUED_FOOTNOTE = /\d{1,2}(?=\s|$)/g;
const GLUED_BEFORE = /[A-Za-z)\]”"’]/;
const GLUED_PUNCT = /[.,;:]/;

/** The lookbehind of a glued footnote marker at `at`: a letter or closer, optionally then . , ; : */
function gluedAt(s: string, at: number): boolean {
  const c1 = s.charAt(at - 1);
  if (GLUED_BEFORE.test(c1)) return true;
  return GLUED_PUNCT.test(c1) && GLUED_BEFORE.test(s.charAt(at - 2));
}
const SUPERSCRIPTS = /[\u00b9\u00b2\u00b3\u2070-\u2079]+/g;
const FOOTNOTE_LINE = /^\s*\d{1,2}\s+[A-Z]/;
const DATELINE = /^[A-Z][A-Z.'’ -]{1,40}(?:,\s*[A-Z][A-Za-z. ]{0,30})?,\s*(?:\d{1,2}\s+[A-Z][a-z]+|[A-Z][a-z]+\.?\s+\d{1,2})(?:,?\s+\d{4})?\s*(?:[—–-]{1,2}|\()\s*/;

/** text.startsWith(value, at) for at ≥ 0, as a loop: tokens are short and it runs for every one. */
function occursAt(text: string, value: string, at: number): boolean {
  if (value.length === 0) return true;
  if (at + value.length > text.length) return false;
  for (let k = 0; k < value.length; k++) if (text.charCodeAt(at + k) !== value.charCodeAt(k)) return false;
  return true;
}

/** /^[A-Z]/ without a regex call (it runs for every token). */
function isUpperAZ(s: string): boolean {
  const c = s.charCodeAt(0);
  return c >= 65 && c <= 90;
}

function blank(s: string): string {
  return ' '.repeat(s.length);
}

function paragraphStarts(text: string): number[] {
  const starts = [0];
  const re = /\n[ \t]*\n\s*/g;
  for (let m = re.exec(text); m !== null; m = re.exec(text)) starts.push(m.index + m[0].length);
  return starts;
}

function quoteBalance(text: string, from: number, to: number): number {
  let open = 0;
  for (let i = from; i < to; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x201c) open++; // “
    else if (c === 0x201d) open--; // ”
  }
  return open;
}

export function analyse(original: string): Analysis {
  const pStarts = paragraphStarts(original);
  // Footnote block: trailing paragraphs that open with a bare number ("1 Figures as of 31 May.").
  let footnoteFrom = original.length + 1;
  for (let p = pStarts.length - 1; p > 0; p--) {
    const start = pStarts[p] ?? 0;
    const end = pStarts[p + 1] ?? original.length;
    if (FOOTNOTE_LINE.test(original.slice(start, end))) footnoteFrom = start;
    else break;
  }
  const body = original.slice(0, Math.min(footnoteFrom, original.length));
  const text =
    body.replace(GLUED_FOOTNOTE, (m: string, at: number) => (gluedAt(body, at) ? blank(m) : m)).replace(SUPERSCRIPTS, blank) + original.slice(body.length);

  const dm = DATELINE.exec(text);
  const dateline = dm ? { start: 0, end: dm[0].length } : null;

  const doc = nlp.readDoc(text);
  const values = doc.tokens().out(its.value);
  const spaces = doc.tokens().out(its.precedingSpaces);
  const poses = doc.tokens().out(its.pos) as PartOfSpeech[];
  // No lemma output from wink: its lemmatiser was the largest cost of reading a real article;
  // lemma.ts gives the same lemmas for every word the rules look at.
  const normals = doc.tokens().out(its.normal);

  const tokens: Token[] = [];
  const sentenceStarts = new Uint8Array(values.length + 1);
  // wink's sentences, as token ranges.
  const raw: { first: number; last: number }[] = [];
  // The collection's out gives the same spans as each sentence item's, without building an
  // item (and its token collection) per sentence.
  const spans = doc.sentences().out(its.span) as unknown as readonly unknown[];
  for (const span of spans) {
    if (Array.isArray(span) && typeof span[0] === 'number') {
      sentenceStarts[span[0]] = 1;
      if (typeof span[1] === 'number') raw.push({ first: span[0], last: span[1] + 1 });
    }
  }
  let cursor = 0;
  for (let i = 0; i < values.length; i++) {
    const value = values[i] ?? '';
    cursor += (spaces[i] ?? '').length;
    if (!occursAt(text, value, cursor)) {
      // wink normally reproduces the text exactly; if it ever does not, find the token instead.
      const found = text.indexOf(value, cursor);
      if (found >= 0) cursor = found;
    }
    const lower = (normals[i] ?? value).toLowerCase();
    let pos: PartOfSpeech = poses[i] ?? 'X';
    const fixed = lemmaOf(lower, pos);
    const prevPos = poses[i - 1];
    if (fixed.verb && (pos === 'NOUN' || pos === 'PROPN' || pos === 'ADJ') && prevPos !== 'DET' && /(?:ed|en)$|^(?:shot|held|kept|took|tore|told|said|drove|fled)$/.test(lower)) pos = 'VERB';
    // A capitalised word inside a name ("Kampala Legal Watch", "Human Rights Watch").
    if (isUpperAZ(value) && sentenceStarts[i] !== 1 && (pos === 'VERB' || pos === 'NOUN') && (poses[i - 1] === 'PROPN' && isUpperAZ(values[i - 1] ?? ''))) pos = 'PROPN';
    tokens.push({
      i,
      text: value,
      lower,
      lemma: fixed.lemma,
      pos,
      start: cursor,
      end: cursor + value.length,
      sent: 0,
    });
    cursor += value.length;
  }

  // Paragraph of every token, in one sweep (tokens and paragraph starts are both in order).
  const tokPara = new Int32Array(tokens.length);
  for (let i = 0, p = 0; i < tokens.length; i++) {
    const st = tokens[i]?.start ?? 0;
    while (p + 1 < pStarts.length && (pStarts[p + 1] ?? Infinity) <= st) p++;
    tokPara[i] = p;
  }

  // Re-segment: never across a paragraph break; never inside an open quotation (wink splits
  // “They showed no papers. They just pushed him …,” she said — one attributed passage).
  const pieces: { first: number; last: number }[] = [];
  for (const r of raw) {
    let first = r.first;
    for (let t = r.first + 1; t < r.last; t++) {
      if (tokPara[t - 1] !== tokPara[t]) {
        pieces.push({ first, last: t });
        first = t;
      }
    }
    pieces.push({ first, last: r.last });
  }
  const merged: { first: number; last: number }[] = [];
  for (const p of pieces) {
    const prev = merged[merged.length - 1];
    if (prev) {
      const pt = tokens[prev.first];
      const pe = tokens[prev.last - 1];
      const nt = tokens[p.first];
      if (pt && pe && nt && tokPara[prev.first] === tokPara[p.first]) {
        if (quoteBalance(text, pt.start, pe.end) > 0) {
          prev.last = p.last;
          continue;
        }
      }
    }
    merged.push({ ...p });
  }

  const sentences: Sentence[] = [];
  for (const m of merged) {
    const ft = tokens[m.first];
    const lt = tokens[m.last - 1];
    if (!ft || !lt) continue;
    const i = sentences.length;
    for (let t = m.first; t < m.last; t++) {
      const tok = tokens[t];
      if (tok) tok.sent = i;
    }
    sentences.push({
      i,
      first: m.first,
      last: m.last,
      start: ft.start,
      end: lt.end,
      para: tokPara[m.first] ?? 0,
      footnote: ft.start >= footnoteFrom,
    });
  }

  return { text, tokens, sentences, dateline };
}
