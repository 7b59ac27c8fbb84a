import { describe, expect, it } from 'vitest';
import { findDates } from './dates.js';

// 2021-03-17 is a Wednesday.
const PUB = '2021-03-17';
const one = (s: string, pub = PUB, ctx: number | null = null) => {
  const d = findDates(s, 0, pub, ctx)[0];
  return d ? { text: d.text, kind: d.kind, ...(d.date ?? {}) } : null;
};

describe('findDates: relative expressions against the publication date', () => {
  it('a weekday is the latest such day on or before publication', () => {
    expect(one('Police detained him on Monday.')).toMatchObject({ text: 'on Monday', start: '2021-03-15', end: '2021-03-15', precision: 'day' });
    // The publication weekday itself is the publication date.
    expect(one('They were held on Wednesday.')).toMatchObject({ start: '2021-03-17' });
  });
  it('yesterday and N days ago', () => {
    expect(one('He died yesterday.')).toMatchObject({ start: '2021-03-16', precision: 'day' });
    expect(one('Three days ago, officers raided the office.')).toMatchObject({ start: '2021-03-14', precision: 'day' });
  });
  it('late / early parts of a month, with the year from the publication date', () => {
    expect(one('The arrests began in late December.')).toMatchObject({ text: 'in late December', start: '2020-12-21', end: '2020-12-31', precision: 'month' });
    expect(one('Early this month, two were beaten.')).toMatchObject({ start: '2021-03-01', end: '2021-03-10', precision: 'month' });
  });
  it('last week is the Monday–Sunday before the publication week; last week Tuesday a day in it', () => {
    expect(one('Last week, police raided a flat.')).toMatchObject({ start: '2021-03-08', end: '2021-03-14', precision: 'week' });
    expect(one('It happened last week Tuesday.')).toMatchObject({ start: '2021-03-09', end: '2021-03-09', precision: 'day' });
  });
  it('since the start of the year and in the past month run to publication', () => {
    expect(one('at least 9 were detained since the start of the year')).toMatchObject({ start: '2021-01-01', end: PUB, precision: 'year' });
    expect(one('dozens were held in the past month')).toMatchObject({ start: '2021-02-17', end: PUB, precision: 'month' });
  });
  it('a day and month without a year takes the latest such day before publication', () => {
    expect(one('missing since 28 December', '2021-01-20')).toMatchObject({ kind: 'since', start: '2020-12-28', end: '2021-01-20', precision: 'day' });
    expect(one('on 4 March')).toMatchObject({ start: '2021-03-04' });
  });
  it('a day and month take the year the sentence gives', () => {
    expect(one('In 2019 he was detained on 4 March', PUB, 2019)).toBeTruthy();
    const ds = findDates('In 2019 he was detained on 4 March', 0, PUB, 2019);
    expect(ds.find((d) => d.text.includes('March'))?.date?.start).toBe('2019-03-04');
  });
  it('"since YEAR when …" keeps the year itself as the anchor of the when-clause', () => {
    const d = findDates('since 2018 when dozens were detained', 0, PUB, null)[0];
    expect(d?.anchor?.text).toBe('2018');
    expect(d?.anchor?.date).toMatchObject({ start: '2018-01-01', end: '2018-12-31', precision: 'year' });
  });
  it('a range of days and months', () => {
    expect(one('between 19 February and 6 March')).toMatchObject({ start: '2021-02-19', end: '2021-03-06', precision: 'day' });
  });
  it('anaphoric "later the same evening" is left for its anchor', () => {
    expect(one('They were picked up later the same evening.')).toMatchObject({ kind: 'anaphoric' });
  });
  it('finds nothing in a sentence with no time expression', () => {
    expect(findDates('Guards beat the inmates with batons.', 0, PUB, null)).toEqual([]);
  });
  it('never resolves to a day after publication', () => {
    expect(one('in 2030')).toBeNull();
  });
});
