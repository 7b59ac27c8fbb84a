import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ValidationError } from './errors.js';
import type { FuzzyDate } from './fuzzy-date.js';
import {
  dateContains,
  dateEnvelope,
  dateOverlaps,
  dayDate,
  formatFuzzyDate,
  FuzzyDateSchema,
  monthDate,
  partOfMonth,
  statsPeriod,
  statsYear,
  UNKNOWN_DATE,
  validateIsoDay,
  weekOf,
  yearDate,
} from './fuzzy-date.js';

const range = (start: string, end: string, precision: FuzzyDate['precision'] = 'day'): FuzzyDate => ({ start, end, precision });

describe('validateIsoDay', () => {
  it('accepts real days, leap days included', () => {
    for (const d of ['2020-02-29', '2000-02-29', '2019-01-14', '2018-12-31', '2019-04-30', '0001-01-01'])
      expect(validateIsoDay(d)).toBe(true);
  });
  it('refuses days that do not exist and malformed strings', () => {
    for (const d of ['2019-02-29', '1900-02-29', '2019-04-31', '2019-13-01', '2019-00-10', '2019-01-00', '2019-1-14', '14.01.2019', '', '2019-01-14T00:00:00Z'])
      expect(validateIsoDay(d)).toBe(false);
  });
  it('agrees with the calendar on every day of 2019–2021 (2020 a leap year)', () => {
    for (let y = 2019; y <= 2021; y++)
      for (let m = 1; m <= 12; m++)
        for (let d = 1; d <= 31; d++) {
          const s = `${y}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
          const dt = new Date(`${s}T00:00:00Z`);
          const real = dt.getUTCDate() === d && dt.getUTCMonth() + 1 === m;
          expect(validateIsoDay(s), s).toBe(real);
        }
  });
});

describe('constructors', () => {
  it('dayDate is one day; an invalid day is a ValidationError', () => {
    expect(dayDate('2019-01-14')).toEqual(range('2019-01-14', '2019-01-14', 'day'));
    expect(() => dayDate('2019-02-29')).toThrow(ValidationError);
  });

  it('monthDate runs from the 1st to the last day', () => {
    expect(monthDate(2018, 12)).toEqual(range('2018-12-01', '2018-12-31', 'month'));
    expect(monthDate(2020, 2)).toEqual(range('2020-02-01', '2020-02-29', 'month'));
    expect(monthDate(2019, 2)).toEqual(range('2019-02-01', '2019-02-28', 'month'));
    expect(monthDate(2019, 4)).toEqual(range('2019-04-01', '2019-04-30', 'month'));
    expect(() => monthDate(2019, 13)).toThrow(ValidationError);
  });

  it('yearDate runs from 1 January to 31 December', () => {
    expect(yearDate(2017)).toEqual(range('2017-01-01', '2017-12-31', 'year'));
  });

  it('"late December" 2018 is 2018-12-21..2018-12-31, precision month', () => {
    expect(partOfMonth(2018, 12, 'late')).toEqual(range('2018-12-21', '2018-12-31', 'month'));
  });

  it('early is days 1–10, mid 11–20, late 21 to the month end', () => {
    expect(partOfMonth(2019, 1, 'early')).toEqual(range('2019-01-01', '2019-01-10', 'month'));
    expect(partOfMonth(2019, 1, 'mid')).toEqual(range('2019-01-11', '2019-01-20', 'month'));
    expect(partOfMonth(2020, 2, 'late')).toEqual(range('2020-02-21', '2020-02-29', 'month'));
    expect(partOfMonth(2019, 2, 'late')).toEqual(range('2019-02-21', '2019-02-28', 'month'));
  });

  it('weekOf is Monday to Sunday, across month and year ends', () => {
    expect(weekOf('2019-01-14')).toEqual(range('2019-01-14', '2019-01-20', 'week')); // a Monday
    expect(weekOf('2019-01-20')).toEqual(range('2019-01-14', '2019-01-20', 'week')); // a Sunday
    expect(weekOf('2019-01-01')).toEqual(range('2018-12-31', '2019-01-06', 'week'));
    expect(weekOf('2020-03-01')).toEqual(range('2020-02-24', '2020-03-01', 'week'));
    expect(weekOf('1969-12-31')).toEqual(range('1969-12-29', '1970-01-04', 'week'));
  });

  it('weekOf always starts on a Monday, spans 7 days and holds its day', () => {
    const day = fc.date({ min: new Date('1900-01-01T00:00:00Z'), max: new Date('2100-12-31T00:00:00Z'), noInvalidDate: true }).map((d) => d.toISOString().slice(0, 10));
    fc.assert(
      fc.property(day, (d) => {
        const w = weekOf(d);
        const start = new Date(`${w.start}T00:00:00Z`);
        const end = new Date(`${w.end}T00:00:00Z`);
        expect(start.getUTCDay()).toBe(1);
        expect((end.getTime() - start.getTime()) / 86_400_000).toBe(6);
        expect(w.start! <= d && d <= w.end!).toBe(true);
      }),
    );
  });

  it('every constructor yields a valid FuzzyDate', () => {
    for (const d of [dayDate('2020-02-29'), monthDate(2020, 2), yearDate(2020), partOfMonth(2020, 2, 'late'), weekOf('2020-02-29')])
      expect(FuzzyDateSchema.safeParse(d).success).toBe(true);
  });
});

describe('comparisons', () => {
  const late = partOfMonth(2018, 12, 'late');
  it('dateOverlaps: shared days overlap, touching ranges too, disjoint ones do not', () => {
    expect(dateOverlaps(late, monthDate(2018, 12))).toBe(true);
    expect(dateOverlaps(late, dayDate('2018-12-31'))).toBe(true);
    expect(dateOverlaps(late, dayDate('2019-01-01'))).toBe(false);
    expect(dateOverlaps(monthDate(2019, 1), late)).toBe(false);
  });
  it('dateContains: the month holds its late part, not the other way round', () => {
    expect(dateContains(monthDate(2018, 12), late)).toBe(true);
    expect(dateContains(late, monthDate(2018, 12))).toBe(false);
    expect(dateContains(yearDate(2018), late)).toBe(true);
    expect(dateContains(late, late)).toBe(true);
  });
  it('an unknown date overlaps and contains nothing', () => {
    expect(dateOverlaps(UNKNOWN_DATE, late)).toBe(false);
    expect(dateOverlaps(late, UNKNOWN_DATE)).toBe(false);
    expect(dateContains(UNKNOWN_DATE, late)).toBe(false);
    expect(dateContains(late, UNKNOWN_DATE)).toBe(false);
  });
});

describe('dateEnvelope', () => {
  it('covers every known date, as coarse as the coarsest (the seed: late December 2018 to 14 January 2019)', () => {
    expect(dateEnvelope([dayDate('2019-01-14'), partOfMonth(2018, 12, 'late'), UNKNOWN_DATE])).toEqual(
      range('2018-12-21', '2019-01-14', 'month'),
    );
    expect(dateEnvelope([dayDate('2019-01-14'), weekOf('2019-01-02')])).toEqual(range('2018-12-31', '2019-01-14', 'week'));
    expect(dateEnvelope([yearDate(2017), dayDate('2019-01-14')])).toEqual(range('2017-01-01', '2019-01-14', 'year'));
  });
  it('of one date is that date; of none known is unknown', () => {
    expect(dateEnvelope([dayDate('2019-01-14')])).toEqual(dayDate('2019-01-14'));
    expect(dateEnvelope([])).toEqual(UNKNOWN_DATE);
    expect(dateEnvelope([UNKNOWN_DATE, UNKNOWN_DATE])).toEqual(UNKNOWN_DATE);
  });
  it('contains each of its inputs and does not depend on their order', () => {
    const day = fc.integer({ min: 0, max: 20_000 }).map((n) => new Date(n * 86_400_000).toISOString().slice(0, 10));
    const date = fc.oneof(
      day.map(dayDate),
      day.map(weekOf),
      fc.constant(UNKNOWN_DATE),
      fc.tuple(fc.integer({ min: 1970, max: 2024 }), fc.integer({ min: 1, max: 12 })).map(([y, m]) => monthDate(y, m)),
    );
    fc.assert(
      fc.property(fc.array(date, { maxLength: 6 }), (dates) => {
        const env = dateEnvelope(dates);
        for (const d of dates) if (d.precision !== 'unknown') expect(dateContains(env, d)).toBe(true);
        expect(dateEnvelope([...dates].reverse())).toEqual(env);
        expect(FuzzyDateSchema.safeParse(env).success).toBe(true);
      }),
    );
  });
});

describe('statistics keys', () => {
  it('count a date under the month and year of its start', () => {
    const span = range('2018-12-21', '2019-01-14', 'month');
    expect(statsPeriod(span)).toBe('2018-12');
    expect(statsYear(span)).toBe(2018);
    expect(statsPeriod(UNKNOWN_DATE)).toBeNull();
    expect(statsYear(UNKNOWN_DATE)).toBeNull();
  });

  it('count a date known only to the year under the year, not its January', () => {
    expect(statsPeriod(range('2017-01-01', '2017-12-31', 'year'))).toBe('2017');
    expect(statsPeriod(range('2017-03-06', '2017-03-12', 'week'))).toBe('2017-03');
  });
});

describe('formatFuzzyDate', () => {
  it.each([
    [dayDate('2019-01-14'), '14 January 2019', '14 января 2019'],
    [partOfMonth(2018, 12, 'late'), 'late December 2018', 'конец декабря 2018'],
    [partOfMonth(2018, 12, 'early'), 'early December 2018', 'начало декабря 2018'],
    [partOfMonth(2018, 12, 'mid'), 'mid-December 2018', 'середина декабря 2018'],
    [partOfMonth(2020, 2, 'late'), 'late February 2020', 'конец февраля 2020'],
    [monthDate(2018, 12), 'December 2018', 'декабрь 2018'],
    [yearDate(2017), '2017', '2017'],
    [weekOf('2019-01-16'), 'week of 14 January 2019', 'неделя с 14 января 2019'],
    [UNKNOWN_DATE, 'unknown date', 'дата неизвестна'],
    [range('2018-12-21', '2019-01-14', 'month'), '2018-12-21 – 2019-01-14', '2018-12-21 – 2019-01-14'],
    [range('2019-02-21', '2019-02-27', 'day'), '2019-02-21 – 2019-02-27', '2019-02-21 – 2019-02-27'],
  ] as const)('%o', (date, en, ru) => {
    expect(formatFuzzyDate(date, 'en')).toBe(en);
    expect(formatFuzzyDate(date, 'ru')).toBe(ru);
  });
});
