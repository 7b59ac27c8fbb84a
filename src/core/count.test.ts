import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Count } from './count.js';
import { ABOUT_TOLERANCE, boundsOverlap, countBounds, CountSchema, countsEqual, formatCount, sumCounts } from './count.js';

const c = (qualifier: Count['qualifier'], value: number | null = null, min: number | null = null, max: number | null = null): Count => ({
  qualifier,
  value,
  min,
  max,
});

const n = fc.integer({ min: 0, max: 100_000 });
const arbCount: fc.Arbitrary<Count> = fc.oneof(
  fc.constantFrom('exact', 'at_least', 'more_than', 'at_most', 'fewer_than', 'about').chain((q) => n.map((v) => c(q, v))),
  fc.tuple(n, n).map(([a, b]) => c('range', null, Math.min(a, b), Math.max(a, b))),
  fc.constant(c('unspecified')),
);

describe('countBounds', () => {
  it.each([
    ['exact 5', c('exact', 5), 5, 5],
    ['at least 2', c('at_least', 2), 2, null],
    ['more than 2', c('more_than', 2), 3, null],
    ['at most 7', c('at_most', 7), 0, 7],
    ['fewer than 7', c('fewer_than', 7), 0, 6],
    ['fewer than 0', c('fewer_than', 0), 0, 0],
    ['between 10 and 20', c('range', null, 10, 20), 10, 20],
    ['about 40', c('about', 40), 32, 48],
    ['about 3', c('about', 3), 2, 4],
    ['about 0', c('about', 0), 0, 0],
    ['unspecified', c('unspecified'), 1, null],
  ] as const)('%s', (_name, count, low, high) => {
    expect(countBounds(count)).toEqual({ low, high });
  });

  it('uses a 20% tolerance for "about"', () => {
    expect(ABOUT_TOLERANCE).toBe(0.2);
  });

  it('"about n" is floor(4n/5)..ceil(6n/5), with no floating-point overshoot', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 1_000_000_000 }), (v) => {
        expect(countBounds(c('about', v))).toEqual({ low: Math.floor((4 * v) / 5), high: Math.ceil((6 * v) / 5) });
      }),
    );
  });

  it('low ≤ high, and a stated value lies within its own bounds', () => {
    fc.assert(
      fc.property(arbCount, (count) => {
        const { low, high } = countBounds(count);
        expect(low).toBeGreaterThanOrEqual(0);
        if (high !== null) expect(low).toBeLessThanOrEqual(high);
        if (count.value !== null && count.qualifier !== 'more_than' && count.qualifier !== 'fewer_than') {
          expect(count.value).toBeGreaterThanOrEqual(low);
          if (high !== null) expect(count.value).toBeLessThanOrEqual(high);
        }
      }),
    );
  });
});

describe('sumCounts', () => {
  it('empty → exact 0', () => {
    expect(sumCounts([])).toEqual({ count: c('exact', 0), low: 0, high: 0 });
  });

  it('all exact → exact sum', () => {
    expect(sumCounts([c('exact', 2), c('exact', 40)])).toEqual({ count: c('exact', 42), low: 42, high: 42 });
  });

  it('"about 40" + "2" is about 42 with bounds 34–50, never exactly 42', () => {
    const s = sumCounts([c('about', 40), c('exact', 2)]);
    expect(s).toEqual({ count: c('about', 42), low: 34, high: 50 });
    expect(s.count.qualifier).not.toBe('exact');
  });

  it('an unbounded part → at least the summed lower bound', () => {
    expect(sumCounts([c('at_least', 2), c('exact', 40)])).toEqual({ count: c('at_least', 42), low: 42, high: null });
    expect(sumCounts([c('more_than', 2), c('about', 40)])).toEqual({ count: c('at_least', 35), low: 35, high: null });
  });

  it('an unspecified part adds one to the lower bound when other parts state numbers', () => {
    expect(sumCounts([c('at_least', 2), c('unspecified')])).toEqual({ count: c('at_least', 3), low: 3, high: null });
  });

  it('stays unspecified when the lower bound comes only from unspecified parts', () => {
    expect(sumCounts([c('unspecified'), c('unspecified')])).toEqual({ count: c('unspecified'), low: 2, high: null });
    expect(sumCounts([c('unspecified'), c('at_most', 3)])).toEqual({ count: c('unspecified'), low: 1, high: null });
  });

  it('bounds that meet → exact', () => {
    expect(sumCounts([c('at_most', 0), c('exact', 3)])).toEqual({ count: c('exact', 3), low: 3, high: 3 });
    expect(sumCounts([c('range', null, 4, 4), c('exact', 1)])).toEqual({ count: c('exact', 5), low: 5, high: 5 });
  });

  it('anything else bounded → range', () => {
    expect(sumCounts([c('range', null, 10, 20), c('exact', 2)])).toEqual({ count: c('range', null, 12, 22), low: 12, high: 22 });
    expect(sumCounts([c('at_most', 5), c('about', 10)])).toEqual({ count: c('range', null, 8, 17), low: 8, high: 17 });
  });

  it('always yields a valid Count', () => {
    fc.assert(
      fc.property(fc.array(arbCount, { maxLength: 8 }), (counts) => {
        expect(CountSchema.safeParse(sumCounts(counts).count).success).toBe(true);
      }),
    );
  });

  it('its bounds are the sum of the bounds (∞ absorbs), with low ≤ high', () => {
    fc.assert(
      fc.property(fc.array(arbCount, { maxLength: 8 }), (counts) => {
        const s = sumCounts(counts);
        const bounds = counts.map(countBounds);
        expect(s.low).toBe(bounds.reduce((t, b) => t + b.low, 0));
        expect(s.high).toBe(bounds.some((b) => b.high === null) ? null : bounds.reduce((t, b) => t + (b.high ?? 0), 0));
        if (s.high !== null) expect(s.low).toBeLessThanOrEqual(s.high);
      }),
    );
  });

  it('is commutative', () => {
    fc.assert(
      fc.property(fc.array(arbCount, { maxLength: 8 }), fc.array(arbCount, { maxLength: 8 }), (a, b) => {
        expect(sumCounts([...a, ...b])).toEqual(sumCounts([...b, ...a]));
      }),
    );
  });

  it('its count never claims more precision than its bounds', () => {
    fc.assert(
      fc.property(fc.array(arbCount, { maxLength: 8 }), (counts) => {
        const s = sumCounts(counts);
        if (s.count.qualifier === 'exact') expect(s.high).toBe(s.low);
      }),
    );
  });
});

describe('boundsOverlap', () => {
  it('"at least 2" and "2" overlap; "about 40" and "2" do not', () => {
    expect(boundsOverlap(c('at_least', 2), c('exact', 2))).toBe(true);
    expect(boundsOverlap(c('about', 40), c('exact', 2))).toBe(false);
  });
  it('unbounded ranges overlap anything above their floor', () => {
    expect(boundsOverlap(c('more_than', 100), c('at_least', 5))).toBe(true);
    expect(boundsOverlap(c('more_than', 100), c('at_most', 100))).toBe(false);
    expect(boundsOverlap(c('at_most', 100), c('more_than', 99))).toBe(true);
  });
  it('accepts bounds as well as counts, and is symmetric', () => {
    expect(boundsOverlap({ low: 3, high: 5 }, c('exact', 5))).toBe(true);
    fc.assert(fc.property(arbCount, arbCount, (a, b) => boundsOverlap(a, b) === boundsOverlap(b, a)));
  });
});

describe('countsEqual', () => {
  it('compares qualifier and numbers', () => {
    expect(countsEqual(c('about', 40), c('about', 40))).toBe(true);
    expect(countsEqual(c('about', 40), c('exact', 40))).toBe(false);
    expect(countsEqual(c('range', null, 1, 2), c('range', null, 1, 3))).toBe(false);
    expect(countsEqual(c('unspecified'), c('unspecified'))).toBe(true);
  });
});

describe('formatCount', () => {
  it.each([
    [c('exact', 40), '40', '40'],
    [c('at_least', 2), 'at least 2', 'не менее 2'],
    [c('more_than', 2), 'more than 2', 'более 2'],
    [c('at_most', 5), 'at most 5', 'не более 5'],
    [c('fewer_than', 5), 'fewer than 5', 'менее 5'],
    [c('range', null, 10, 20), 'between 10 and 20', 'от 10 до 20'],
    [c('about', 40), 'about 40', 'около 40'],
    [c('unspecified'), 'unspecified', 'число не указано'],
  ] as const)('%o', (count, en, ru) => {
    expect(formatCount(count, 'en')).toBe(en);
    expect(formatCount(count, 'ru')).toBe(ru);
  });
});
