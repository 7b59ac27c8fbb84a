/**
 * Noun-phrase walking over a sentence view: the subject to the left of a verb, the object to
 * its right, and the count phrase inside. Deliberately shallow (no parser): news prose puts the
 * victims of a passive act before it and of an active act after it.
 */
import type { Token } from './nlp.js';
import { NON_VICTIM_HEADS, parseQuantity, type Quantity } from './numbers.js';
import type { SentView } from './view.js';

/** Words that may sit inside a count phrase or a noun phrase whatever their POS tag. */
const NP_GLUE = new Set([
  'at', 'least', 'more', 'than', 'fewer', 'less', 'up', 'as', 'many', 'no', 'some', 'nearly',
  'almost', 'over', 'under', 'between', 'both', 'another', 'all', 'of', 'about', 'around', 'only',
  'just', 'several', 'dozens', 'hundreds', 'thousands', 'scores', 'estimated', 'an', 'a', 'the',
  'approximately', 'roughly', 'most', 'other', 'further', '’s', "'s", '-', 'including', 'those',
]);
const LEFT_PREPS = new Set(['for', 'from', 'in', 'at', 'with', 'on']);

export function isNpToken(t: Token): boolean {
  if (NP_GLUE.has(t.lower)) return true;
  return t.pos === 'DET' || t.pos === 'NUM' || t.pos === 'ADJ' || t.pos === 'NOUN' || t.pos === 'PROPN';
}

const PRONOUNS = new Set(['they', 'them', 'he', 'him', 'she', 'her', 'it', 'we', 'us', 'i', 'me', 'who']);

export function isPronoun(t: Token | undefined): boolean {
  return t !== undefined && PRONOUNS.has(t.lower);
}

export interface Range {
  readonly first: number;
  readonly last: number;
}

/**
 * The noun phrase that ends just before `end` (view-relative indexes): walks left over noun-ish
 * tokens, prepositions that sit inside a phrase ("two reporters for the news site"), and skips a
 * parenthetical ", including 23 under 18," between the phrase and its verb.
 */
export function npLeft(v: SentView, end: number): Range {
  let i = end - 1;
  // Skip a parenthetical that closes right before the verb.
  if (v.tokens[i]?.text === ',') {
    let j = i - 1;
    while (j >= 0 && v.tokens[j]?.text !== ',') j--;
    const opener = v.tokens[j + 1]?.lower;
    if (j >= 0 && (opener === 'including' || opener === 'among' || opener === 'mostly' || opener === 'many')) i = j - 1;
    else return { first: end, last: end };
  }
  const last = i + 1;
  while (i >= 0) {
    const t = v.tokens[i];
    if (!t) break;
    if (isNpToken(t)) {
      i--;
      continue;
    }
    // "two wounded men": a participle used as an adjective.
    if (t.pos === 'VERB' && /(?:ed|en)$/.test(t.lower) && v.tokens[i + 1]?.pos === 'NOUN' && ['NUM', 'DET', 'ADJ'].includes(v.tokens[i - 1]?.pos ?? '')) {
      i--;
      continue;
    }
    // "those arrested", "the detained": a participle used as a noun.
    if (t.pos === 'VERB' && (v.tokens[i - 1]?.lower === 'those' || v.tokens[i - 1]?.lower === 'the')) {
      i--;
      continue;
    }
    if (t.lower === 'to' && v.tokens[i - 1]?.lower === 'up' && v.tokens[i + 1]?.pos === 'NUM') {
      i--;
      continue;
    }
    if ((t.lower === 'them' || t.lower === 'us' || t.lower === 'whom') && v.tokens[i - 1]?.lower === 'of') {
      i--;
      continue;
    }
    if (t.lower === 'and' && ((v.tokens[i - 1]?.pos === 'NUM' && v.tokens[i + 1]?.pos === 'NUM') || (v.tokens[i - 1]?.pos === 'NOUN' && v.tokens[i + 1]?.pos === 'NOUN' && i + 2 === end))) {
      i--;
      continue;
    }
    if (LEFT_PREPS.has(t.lower) && i > 0 && isNpToken(v.tokens[i - 1] as Token) && i + 1 < last) {
      i--;
      continue;
    }
    if ((t.lower === 'her' || t.lower === 'his' || t.lower === 'their' || t.lower === 'its' || t.lower === 'our' || t.lower === 'my') && i + 1 < last) {
      i--;
      continue;
    }
    break;
  }
  let first = i + 1;
  // A phrase does not start with a preposition.
  while (first < last && LEFT_PREPS.has(v.tokens[first]?.lower ?? '') && parseQuantity(lowers(v), first) === null) first++;
  return { first, last };
}

/** The noun phrase that starts at `start`: count phrase, determiners, adjectives, nouns, "of …". */
export function npRight(v: SentView, start: number): Range {
  let i = start;
  const n = v.tokens.length;
  // A count phrase may open with a preposition-like word ("between 18 and 25", "up to 40").
  const q = parseQuantity(lowers(v), i);
  if (q) i = q.next;
  while (i < n) {
    const t = v.tokens[i];
    if (!t) break;
    if (isNpToken(t) || t.lower === 'her' || t.lower === 'his' || t.lower === 'their' || t.lower === 'its' || t.lower === 'our' || t.lower === 'my') {
      i++;
      continue;
    }
    if (t.lower === 'them' && v.tokens[i - 1]?.lower === 'of') {
      i++;
      continue;
    }
    break;
  }
  // Do not end on a dangling "of" / "the".
  let last = i;
  while (last > start && ['of', 'the', 'a', 'an', '-', 'and'].includes(v.tokens[last - 1]?.lower ?? '')) last--;
  return { first: start, last };
}

/** Lower-case words of the sentence (built once with the view). */
export function lowers(v: SentView): readonly string[] {
  return v.words;
}

export interface FoundQuantity {
  readonly q: Quantity;
  /** Token range of the count text (qualifiers like "only" left out). */
  readonly textFirst: number;
  readonly textLast: number;
}

const TEXT_SKIP = new Set(['only', 'just', 'all']);

function headAfter(v: SentView, i: number): Token | undefined {
  // The noun a number counts: skip adjectives and "of those", stop at the first noun.
  for (let k = i; k < Math.min(v.tokens.length, i + 4); k++) {
    const t = v.tokens[k];
    if (!t) return undefined;
    if (t.text === '-' && v.tokens[k + 1]?.lower === 'year') return v.tokens[k + 1];
    if (t.pos === 'NOUN' || t.pos === 'PROPN') return t;
    if (t.pos !== 'ADJ' && t.pos !== 'NUM') return undefined;
  }
  return undefined;
}

/** The first count phrase inside [first, last) whose noun is not a non-victim noun. */
export function quantityIn(v: SentView, r: Range, blocked: (i: number) => boolean): FoundQuantity | null {
  const words = lowers(v);
  for (let i = r.first; i < r.last; i++) {
    if (blocked(i)) continue;
    const q = parseQuantity(words, i);
    if (!q) continue;
    if (blocked(q.next - 1)) continue;
    const head = headAfter(v, q.next);
    if (head && (NON_VICTIM_HEADS.has(head.lemma) || NON_VICTIM_HEADS.has(head.lower))) {
      i = q.next - 1;
      continue;
    }
    // "34-year-old", "under 18" as an age.
    if (v.tokens[q.next]?.text === '-' && v.tokens[q.next + 1]?.lower === 'year') continue;
    if (v.tokens[q.next]?.lower === 'years' || v.tokens[q.next]?.lower === 'year') continue;
    let tf = q.first;
    while (tf < q.next - 1 && TEXT_SKIP.has(words[tf] ?? '')) tf++;
    if (words[tf] === 'of' && tf < q.next - 1) tf++;
    return { q, textFirst: tf, textLast: q.next };
  }
  return null;
}

/** Grammatical number of a phrase from its head noun: 1 for a singular noun or a name. */
export function singularHead(v: SentView, r: Range): 'singular' | 'plural' | null {
  let head: Token | undefined;
  for (let i = r.first; i < r.last; i++) {
    const t = v.tokens[i];
    if (!t) continue;
    if (t.lower === 'of') break;
    if (t.pos === 'NOUN' || t.pos === 'PROPN') head = t;
  }
  if (!head) return null;
  if ((head.lower !== head.lemma || head.pos === 'PROPN' || head.pos === 'NOUN') && /[^su]s$/.test(head.lower) && head.lower !== 'whereabouts') return 'plural';
  if (head.pos === 'PROPN') return 'singular';
  if (['people', 'men', 'women', 'children', 'police', 'staff', 'personnel', 'youth', 'folk'].includes(head.lower)) return 'plural';
  return 'singular';
}
