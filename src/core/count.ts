import { z } from 'zod';
import { COUNT_QUALIFIERS } from './vocabularies.js';

/**
 * An honest number of victims: "at least 2", "about 40", "between 10 and 20", "dozens".
 * `value` carries the stated number for every qualifier but `range` (min/max) and
 * `unspecified` (no number).
 */
const nonNegativeInt = z.number().int().nonnegative().max(1_000_000_000);

export const CountSchema = z
  .object({
    qualifier: z.enum(COUNT_QUALIFIERS.codes),
    value: nonNegativeInt.nullable().default(null),
    min: nonNegativeInt.nullable().default(null),
    max: nonNegativeInt.nullable().default(null),
  })
  .superRefine((c, ctx) => {
    if (c.qualifier === 'range') {
      if (c.min === null) ctx.addIssue({ code: 'custom', path: ['min'], message: 'a range needs min' });
      if (c.max === null) ctx.addIssue({ code: 'custom', path: ['max'], message: 'a range needs max' });
      if (c.min !== null && c.max !== null && c.min > c.max)
        ctx.addIssue({ code: 'custom', path: ['max'], message: 'max must not be below min' });
      if (c.value !== null) ctx.addIssue({ code: 'custom', path: ['value'], message: 'a range has no single value' });
    } else if (c.qualifier === 'unspecified') {
      if (c.value !== null) ctx.addIssue({ code: 'custom', path: ['value'], message: 'an unspecified count has no value' });
    } else {
      if (c.value === null) ctx.addIssue({ code: 'custom', path: ['value'], message: `a count "${c.qualifier}" needs a value` });
      if (c.min !== null || c.max !== null)
        ctx.addIssue({ code: 'custom', path: ['min'], message: 'min and max belong to ranges only' });
    }
  });

export type Count = z.infer<typeof CountSchema>;

/** Honest bounds of a count: `high` null means no upper bound is known. */
export interface Bounds {
  low: number;
  high: number | null;
}

/**
 * How far "about n" may stray: "about 40" is 32–48, not 40. Twenty per cent is wide enough
 * for the rounding that sources do ("about 40" for 37 or 45) and narrow enough that "about
 * 40" and "about 70" still disagree.
 */
export const ABOUT_TOLERANCE = 0.2;

function aboutBounds(n: number): Bounds {
  return {
    low: Math.floor(n * (1 - ABOUT_TOLERANCE)),
    high: Math.ceil(n * (1 + ABOUT_TOLERANCE)),
  };
}

/**
 * The smallest and largest number of victims a count allows.
 * `unspecified` is [1, ∞): an act asserted to have happened had at least one victim.
 */
export function countBounds(c: Count): Bounds {
  const n = c.value ?? 0;
  switch (c.qualifier) {
    case 'exact':
      return { low: n, high: n };
    case 'at_least':
      return { low: n, high: null };
    case 'more_than':
      return { low: n + 1, high: null };
    case 'at_most':
      return { low: 0, high: n };
    case 'fewer_than':
      return { low: 0, high: Math.max(n - 1, 0) };
    case 'range': {
      const min = c.min ?? 0;
      return { low: min, high: Math.max(min, c.max ?? min) };
    }
    case 'about':
      return aboutBounds(n);
    case 'unspecified':
      return { low: 1, high: null };
  }
}

function isCount(x: Count | Bounds): x is Count {
  return 'qualifier' in x;
}

/** Whether two counts (or two pairs of bounds) allow at least one common number. */
export function boundsOverlap(a: Count | Bounds, b: Count | Bounds): boolean {
  const x = isCount(a) ? countBounds(a) : a;
  const y = isCount(b) ? countBounds(b) : b;
  return (y.high === null || x.low <= y.high) && (x.high === null || y.low <= x.high);
}

/** The same statement: same qualifier and same numbers ("about 40" is not "40"). */
export function countsEqual(a: Count, b: Count): boolean {
  return (
    a.qualifier === b.qualifier &&
    (a.value ?? null) === (b.value ?? null) &&
    (a.min ?? null) === (b.min ?? null) &&
    (a.max ?? null) === (b.max ?? null)
  );
}

const count = (qualifier: Count['qualifier'], value: number | null, min: number | null = null, max: number | null = null): Count => ({
  qualifier,
  value,
  min,
  max,
});

/**
 * The honest total of several counts (the victims of several acts, say).
 *
 * `low`/`high` are the sums of the parts' bounds (an unbounded part makes the total unbounded);
 * `count` is how to say the total, chosen by the first rule that applies:
 * 1. no parts → exact 0;
 * 2. every part exact → exact (the sum);
 * 3. no upper bound → unspecified when the lower bound comes only from unspecified parts
 *    (their "at least one each" is our assumption, not a stated number), else at_least low
 *    (which counts one for each unspecified part: "at least 2" + "unspecified" is at least 3);
 * 4. low = high → exact;
 * 5. every part exact or about → about (the sum of the stated values), bounds kept as summed:
 *    "about 40" + "2" is about 42 (34–50), never exactly 42;
 * 6. otherwise → range low–high.
 */
export function sumCounts(counts: readonly Count[]): { count: Count; low: number; high: number | null } {
  let low = 0;
  let high: number | null = 0;
  let statedLow = 0;
  for (const c of counts) {
    const b = countBounds(c);
    low += b.low;
    high = high === null || b.high === null ? null : high + b.high;
    if (c.qualifier !== 'unspecified') statedLow += b.low;
  }
  const valueSum = (): number => counts.reduce((s, c) => s + (c.value ?? 0), 0);

  if (counts.every((c) => c.qualifier === 'exact')) return { count: count('exact', valueSum()), low, high };
  if (high === null) {
    return { count: statedLow === 0 ? count('unspecified', null) : count('at_least', low), low, high };
  }
  if (low === high) return { count: count('exact', low), low, high };
  if (counts.every((c) => c.qualifier === 'exact' || c.qualifier === 'about'))
    return { count: count('about', valueSum()), low, high };
  return { count: count('range', null, low, high), low, high };
}

const PHRASES = {
  en: {
    exact: (n: number) => `${n}`,
    at_least: (n: number) => `at least ${n}`,
    more_than: (n: number) => `more than ${n}`,
    at_most: (n: number) => `at most ${n}`,
    fewer_than: (n: number) => `fewer than ${n}`,
    about: (n: number) => `about ${n}`,
    range: (min: number, max: number) => `between ${min} and ${max}`,
    unspecified: 'unspecified',
  },
  ru: {
    exact: (n: number) => `${n}`,
    at_least: (n: number) => `не менее ${n}`,
    more_than: (n: number) => `более ${n}`,
    at_most: (n: number) => `не более ${n}`,
    fewer_than: (n: number) => `менее ${n}`,
    about: (n: number) => `около ${n}`,
    range: (min: number, max: number) => `от ${min} до ${max}`,
    unspecified: 'число не указано',
  },
} as const;

/** A count as words: "at least 2", "не менее 2", "between 10 and 20", "около 40". */
export function formatCount(c: Count, lang: 'en' | 'ru'): string {
  const p = PHRASES[lang];
  const n = c.value ?? 0;
  switch (c.qualifier) {
    case 'range':
      return p.range(c.min ?? 0, c.max ?? c.min ?? 0);
    case 'unspecified':
      return p.unspecified;
    default:
      return p[c.qualifier](n);
  }
}
