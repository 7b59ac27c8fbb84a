import { describe, expect, it } from 'vitest';
import { parseCount, parseFuzzyDate } from './parse.js';

describe('parseFuzzyDate', () => {
  it.each([
    ['2019-01-14', { start: '2019-01-14', end: '2019-01-14', precision: 'day' }],
    ['2018-12', { start: '2018-12-01', end: '2018-12-31', precision: 'month' }],
    ['2017', { start: '2017-01-01', end: '2017-12-31', precision: 'year' }],
    ['2018-12/late', { start: '2018-12-21', end: '2018-12-31', precision: 'month' }],
    ['late 2018-12', { start: '2018-12-21', end: '2018-12-31', precision: 'month' }],
    ['2020-02/mid', { start: '2020-02-11', end: '2020-02-20', precision: 'month' }],
    ['week:2019-01-16', { start: '2019-01-14', end: '2019-01-20', precision: 'week' }],
    ['2018-12/late..2019-01-14', { start: '2018-12-21', end: '2019-01-14', precision: 'month' }],
    ['2018-12-21..2019-01-14', { start: '2018-12-21', end: '2019-01-14', precision: 'day' }],
    ['unknown', { start: null, end: null, precision: 'unknown' }],
  ])('%s', (expr, expected) => {
    expect(parseFuzzyDate(expr)).toEqual(expected);
  });

  it('lets the precision be overridden', () => {
    expect(parseFuzzyDate('2018-12-21..2019-01-14', 'month')).toEqual({ start: '2018-12-21', end: '2019-01-14', precision: 'month' });
  });

  it.each(['2019-02-29', '2019-13', 'soon', '2019-01-14..2018-12-01', '2018..unknown', '2018-12/someday', '1..2..3'])('refuses %s', (expr) => {
    expect(() => parseFuzzyDate(expr)).toThrow();
  });
});

describe('parseCount', () => {
  it.each([
    ['40', { qualifier: 'exact', value: 40, min: null, max: null }],
    ['at_least:2', { qualifier: 'at_least', value: 2, min: null, max: null }],
    ['about:40', { qualifier: 'about', value: 40, min: null, max: null }],
    ['range:10-20', { qualifier: 'range', value: null, min: 10, max: 20 }],
    ['unspecified', { qualifier: 'unspecified', value: null, min: null, max: null }],
  ])('%s', (expr, expected) => {
    expect(parseCount(expr)).toEqual(expected);
  });

  it.each(['lots', '-3', 'range:20-10', 'sometimes:4', 'range:5', 'unspecified:3'])('refuses %s', (expr) => {
    expect(() => parseCount(expr)).toThrow();
  });
});
