import { describe, expect, it } from 'vitest';
import { parseNumber, parseQuantity } from './numbers.js';

const words = (s: string): string[] => s.toLowerCase().split(/\s+|(?=-)|(?<=-)/).filter((w) => w.length > 0);

describe('parseNumber', () => {
  it('reads digits with thousands separators', () => {
    expect(parseNumber(['1,100'], 0)?.value).toBe(1100);
    expect(parseNumber(['2,310'], 0)?.value).toBe(2310);
  });
  it('reads number words', () => {
    expect(parseNumber(words('three thousand'), 0)?.value).toBe(3000);
    expect(parseNumber(words('six hundred'), 0)?.value).toBe(600);
    expect(parseNumber(words('twenty-five'), 0)?.value).toBe(25);
    expect(parseNumber(words('two hundred and fifty'), 0)?.value).toBe(250);
    expect(parseNumber(words('a dozen'), 0)?.value).toBe(12);
  });
  it('returns null for a word that is not a number', () => {
    expect(parseNumber(['protesters'], 0)).toBeNull();
  });
});

describe('parseQuantity: qualifiers (CONVENTIONS.md, Counts)', () => {
  const q = (s: string) => parseQuantity(words(s), 0);
  it.each([
    ['at least 12 villagers', 'at_least', 12],
    ['no fewer than 8 students', 'at_least', 8],
    ['more than 70 marchers', 'more_than', 70],
    ['over 1,100 workers', 'more_than', 1100],
    ['up to 40 men', 'at_most', 40],
    ['as many as 15 students', 'at_most', 15],
    ['no more than 30 people', 'at_most', 30],
    ['about 50 people', 'about', 50],
    ['some 20 people', 'about', 20],
    ['nearly three thousand workers', 'about', 3000],
    ['almost 90 members', 'about', 90],
    ['fewer than ten people', 'fewer_than', 10],
    ['under 200 people', 'fewer_than', 200],
    ['17 people', 'exact', 17],
    ['nine workers', 'exact', 9],
    ['both men', 'exact', 2],
    ['another two members', 'exact', 2],
  ] as const)('%s → %s %d', (text, qualifier, value) => {
    const r = q(text);
    expect(r?.qualifier).toBe(qualifier);
    expect(r?.value).toBe(value);
  });
  it('reads ranges in digits and in words', () => {
    expect(q('between 18 and 25 villagers')).toMatchObject({ qualifier: 'range', value: null, min: 18, max: 25 });
    expect(q('between six and eight members')).toMatchObject({ qualifier: 'range', min: 6, max: 8 });
  });
  it('gives vague quantities no value', () => {
    for (const s of ['dozens of people', 'hundreds of people', 'scores of men', 'several relatives', 'many of them']) {
      expect(q(s)).toMatchObject({ qualifier: 'unspecified', value: null });
    }
  });
});
