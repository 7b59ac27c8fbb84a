/**
 * Counts: number words and digits, and the qualifier phrase in front of them
 * (CONVENTIONS.md, "Counts"). Works on lower-cased token strings so that the callers decide
 * where a victim count may stand.
 */
import type { CountQualifier } from '../core/vocabularies.js';

const UNITS: Readonly<Record<string, number>> = {
  zero: 0, one: 1, two: 2, three: 3, four: 4, five: 5, six: 6, seven: 7, eight: 8, nine: 9,
  ten: 10, eleven: 11, twelve: 12, thirteen: 13, fourteen: 14, fifteen: 15, sixteen: 16,
  seventeen: 17, eighteen: 18, nineteen: 19,
};
const TENS: Readonly<Record<string, number>> = {
  twenty: 20, thirty: 30, forty: 40, fifty: 50, sixty: 60, seventy: 70, eighty: 80, ninety: 90,
};
const SCALES: Readonly<Record<string, number>> = { hundred: 100, thousand: 1000, million: 1_000_000 };

export function isNumberWord(w: string): boolean {
  return w in UNITS || w in TENS || w in SCALES || w === 'dozen';
}

export interface NumberParse {
  readonly value: number;
  /** Index just after the last word used. */
  readonly next: number;
}

const DIGITS = /^\d{1,3}(?:,\d{3})+$|^\d+(?:\.\d+)?$/;

/**
 * Reads one number starting at `words[i]`: "40", "1,100", "three thousand", "six hundred",
 * "twenty-five", "two hundred and fifty", "a dozen", "1.5 million". Null when there is none.
 */
export function parseNumber(words: readonly string[], i: number): NumberParse | null {
  const w = words[i];
  if (w === undefined) return null;
  // DIGITS needs a digit first: test that before calling the regex (most words are not numbers).
  const c0 = w.charCodeAt(0);
  if (c0 >= 48 && c0 <= 57 && DIGITS.test(w)) {
    let value = Number(w.replace(/,/g, ''));
    let next = i + 1;
    const scale = words[next];
    if (scale !== undefined && (scale === 'thousand' || scale === 'million')) {
      value *= SCALES[scale] ?? 1;
      next++;
    }
    return Number.isFinite(value) ? { value, next } : null;
  }
  if ((w === 'a' || w === 'an') && (words[i + 1] === 'dozen' || words[i + 1] === 'hundred' || words[i + 1] === 'thousand')) {
    const s = words[i + 1] ?? '';
    return { value: s === 'dozen' ? 12 : (SCALES[s] ?? 0), next: i + 2 };
  }
  if (!(w in UNITS) && !(w in TENS)) return null;

  let total = 0;
  let current = 0;
  let j = i;
  let used = false;
  while (j < words.length) {
    const x = words[j] ?? '';
    if (x in UNITS) {
      current += UNITS[x] ?? 0;
    } else if (x in TENS) {
      current += TENS[x] ?? 0;
    } else if (x === '-' && used && (words[j + 1] ?? '') in UNITS && (words[j - 1] ?? '') in TENS) {
      j++;
      continue;
    } else if (x === 'hundred' && used) {
      current = (current === 0 ? 1 : current) * 100;
    } else if ((x === 'thousand' || x === 'million') && used) {
      total += (current === 0 ? 1 : current) * (SCALES[x] ?? 1);
      current = 0;
    } else if (x === 'and' && used && ((words[j + 1] ?? '') in UNITS || (words[j + 1] ?? '') in TENS) && (words[j - 1] === 'hundred' || words[j - 1] === 'thousand')) {
      j++;
      continue;
    } else {
      break;
    }
    used = true;
    j++;
  }
  if (!used) return null;
  return { value: total + current, next: j };
}

export interface Quantity {
  readonly qualifier: CountQualifier;
  readonly value: number | null;
  readonly min: number | null;
  readonly max: number | null;
  /** Word range [first, next) of the whole count phrase. */
  readonly first: number;
  readonly next: number;
}

const PREFIXES: readonly (readonly [readonly string[], CountQualifier])[] = [
  [['no', 'fewer', 'than'], 'at_least'],
  [['not', 'fewer', 'than'], 'at_least'],
  [['no', 'less', 'than'], 'at_least'],
  [['not', 'less', 'than'], 'at_least'],
  [['at', 'least'], 'at_least'],
  [['a', 'minimum', 'of'], 'at_least'],
  [['no', 'more', 'than'], 'at_most'],
  [['not', 'more', 'than'], 'at_most'],
  [['up', 'to'], 'at_most'],
  [['as', 'many', 'as'], 'at_most'],
  [['at', 'most'], 'at_most'],
  [['a', 'maximum', 'of'], 'at_most'],
  [['more', 'than'], 'more_than'],
  [['upwards', 'of'], 'more_than'],
  [['in', 'excess', 'of'], 'more_than'],
  [['over'], 'more_than'],
  [['fewer', 'than'], 'fewer_than'],
  [['less', 'than'], 'fewer_than'],
  [['under'], 'fewer_than'],
  [['an', 'estimated'], 'about'],
  [['close', 'to'], 'about'],
  [['about'], 'about'],
  [['around'], 'about'],
  [['some'], 'about'],
  [['nearly'], 'about'],
  [['almost'], 'about'],
  [['approximately'], 'about'],
  [['roughly'], 'about'],
  [['estimated'], 'about'],
  [['only'], 'exact'],
  [['just'], 'exact'],
  [['another'], 'exact'],
  [['a', 'further'], 'exact'],
  [['all'], 'exact'],
  [['all', 'of'], 'exact'],
];

// PREFIXES by their first word, in their order: parseQuantity runs at many positions and only
// the entries opening with the word there can match.
const PREFIXES_BY_FIRST = new Map<string, (readonly [readonly string[], CountQualifier])[]>();
for (const p of PREFIXES) {
  const first = p[0][0] ?? '';
  const list = PREFIXES_BY_FIRST.get(first);
  if (list) list.push(p);
  else PREFIXES_BY_FIRST.set(first, [p]);
}
const NO_PREFIXES: readonly (readonly [readonly string[], CountQualifier])[] = [];

/** Quantity words with no number: the count is unspecified, but the phrase is the count text. */
const VAGUE = new Set([
  'dozens', 'hundreds', 'thousands', 'scores', 'several', 'many', 'numerous', 'multiple',
  'countless', 'some', 'tens', 'most',
]);
const VAGUE_MULTI: readonly (readonly string[])[] = [
  ['a', 'number', 'of'],
  ['a', 'few'],
  ['a', 'handful', 'of'],
  ['a', 'large', 'number', 'of'],
  ['a', 'group', 'of'],
];

function matchAt(words: readonly string[], i: number, seq: readonly string[]): boolean {
  for (let k = 0; k < seq.length; k++) if (words[i + k] !== seq[k]) return false;
  return true;
}

/**
 * The count phrase that starts exactly at `words[i]`, or null. `words` are lower-case tokens.
 * Qualifiers apply only to the number right after them: "at least two killed and 40 detained"
 * is read as two separate phrases by the caller.
 */
export function parseQuantity(words: readonly string[], i: number): Quantity | null {
  const w = words[i];
  if (w === undefined) return null;
  if (w === 'both') return { qualifier: 'exact', value: 2, min: null, max: null, first: i, next: i + 1 };

  // between A and B / from A to B
  if (w === 'between' || w === 'from') {
    const a = parseNumber(words, i + 1);
    const joiner = w === 'between' ? 'and' : 'to';
    if (a && words[a.next] === joiner) {
      const b = parseNumber(words, a.next + 1);
      if (b && b.value > a.value)
        return { qualifier: 'range', value: null, min: a.value, max: b.value, first: i, next: b.next };
    }
    return null;
  }

  for (const [seq, qualifier] of PREFIXES_BY_FIRST.get(w) ?? NO_PREFIXES) {
    if (!matchAt(words, i, seq)) continue;
    const n = parseNumber(words, i + seq.length);
    if (!n) continue;
    return { qualifier, value: n.value, min: null, max: null, first: i, next: n.next };
  }

  const n = parseNumber(words, i);
  if (n) {
    // A to B / A-B / A or B: a range.
    const j = words[n.next];
    if (j === 'to' || j === 'or' || j === '-' || j === '–') {
      const b = parseNumber(words, n.next + 1);
      if (b && b.value > n.value)
        return { qualifier: 'range', value: null, min: n.value, max: b.value, first: i, next: b.next };
    }
    // "two more" is an exact increment.
    const next = words[n.next] === 'more' ? n.next + 1 : n.next;
    return { qualifier: 'exact', value: n.value, min: null, max: null, first: i, next };
  }

  for (const seq of VAGUE_MULTI) {
    if (matchAt(words, i, seq)) return { qualifier: 'unspecified', value: null, min: null, max: null, first: i, next: i + seq.length - (seq[seq.length - 1] === 'of' ? 1 : 0) };
  }
  if (VAGUE.has(w)) return { qualifier: 'unspecified', value: null, min: null, max: null, first: i, next: i + 1 };
  return null;
}

/**
 * Nouns that a number may count but that are never victims: time, distance, places, waves,
 * vehicles, capacities. "for up to ten days", "three countries", "four waves of strikes".
 */
export const NON_VICTIM_HEADS = new Set([
  'second', 'minute', 'hour', 'day', 'week', 'month', 'year', 'decade', 'night', 'time',
  'kilometre', 'kilometer', 'km', 'mile', 'metre', 'meter', 'percent', '%', 'per',
  'country', 'city', 'town', 'village', 'region', 'district', 'province', 'state', 'site',
  'location', 'place', 'area', 'wave', 'round', 'truck', 'vehicle', 'car', 'bus', 'van',
  'pickup', 'computer', 'phone', 'file', 'bed', 'cell', 'page', 'report', 'article', 'law',
  'dollar', 'euro', 'rouble', 'ruble', 'shilling', 'peso', 'naira', 'taka', 'bullet', 'round',
  'shot', 'grenade', 'canister', 'protest', 'rally', 'march', 'demonstration', 'strike',
  'attack', 'incident', 'operation', 'raid', 'court', 'prison', 'jail', 'facility', 'station',
  'witness', 'interview', 'family', 'families', 'organisation', 'organization', 'group',
  'officer', 'guard', 'soldier', 'agent', 'policeman', 'policemen', 'gunman', 'gunmen',
]);
