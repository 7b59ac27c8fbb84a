import { z } from 'zod';
import { ValidationError } from './errors.js';
import type { DatePrecision } from './vocabularies.js';
import { DATE_PRECISIONS } from './vocabularies.js';

/** A calendar date, `YYYY-MM-DD`, that exists. */
export const IsoDateSchema = z.iso.date();

/**
 * A date as honest as its source: "late December 2018" is 2018-12-21..2018-12-31 with
 * precision month, not a made-up day. Unknown dates have no start and no end.
 */
export const FuzzyDateSchema = z
  .object({
    start: IsoDateSchema.nullable().default(null),
    end: IsoDateSchema.nullable().default(null),
    precision: z.enum(DATE_PRECISIONS.codes),
  })
  .superRefine((d, ctx) => {
    if (d.precision === 'unknown') {
      if (d.start !== null || d.end !== null)
        ctx.addIssue({ code: 'custom', path: ['precision'], message: 'a date with start or end has a precision' });
      return;
    }
    if (d.start === null) ctx.addIssue({ code: 'custom', path: ['start'], message: 'start is required' });
    if (d.end === null) ctx.addIssue({ code: 'custom', path: ['end'], message: 'end is required' });
    if (d.start !== null && d.end !== null && d.end < d.start)
      ctx.addIssue({ code: 'custom', path: ['end'], message: 'end must not be before start' });
  });

export type FuzzyDate = z.infer<typeof FuzzyDateSchema>;

export const UNKNOWN_DATE: FuzzyDate = Object.freeze({ start: null, end: null, precision: 'unknown' });

// All arithmetic is on UTC day numbers (days since 1970-01-01): local time zones and
// daylight-saving shifts never move a date.
const DAY_MS = 86_400_000;
const ISO_DAY = /^(\d{4})-(\d{2})-(\d{2})$/;

function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

function daysInMonth(year: number, month: number): number {
  return [31, isLeapYear(year) ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1] ?? 0;
}

const pad = (n: number, width: number): string => String(n).padStart(width, '0');
const iso = (year: number, month: number, day: number): string => `${pad(year, 4)}-${pad(month, 2)}-${pad(day, 2)}`;

interface Ymd {
  year: number;
  month: number;
  day: number;
}

function parseDay(s: string): Ymd | null {
  const m = ISO_DAY.exec(s);
  if (!m) return null;
  const year = Number(m[1]);
  const month = Number(m[2]);
  const day = Number(m[3]);
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return null;
  return { year, month, day };
}

/** Whether `s` is `YYYY-MM-DD` and names a day that exists (2020-02-29 does, 2019-02-29 does not). */
export function validateIsoDay(s: string): boolean {
  return parseDay(s) !== null;
}

function requireDay(s: string, path = 'date'): Ymd {
  const d = parseDay(s);
  if (!d) throw new ValidationError('invalid date', [{ path, message: `not a calendar day (YYYY-MM-DD): ${s}` }]);
  return d;
}

function requireMonth(year: number, month: number): void {
  if (!Number.isInteger(year) || year < 0 || year > 9999)
    throw new ValidationError('invalid date', [{ path: 'year', message: 'a year is a whole number from 0 to 9999' }]);
  if (!Number.isInteger(month) || month < 1 || month > 12)
    throw new ValidationError('invalid date', [{ path: 'month', message: 'a month is a whole number from 1 to 12' }]);
}

function dayNumber({ year, month, day }: Ymd): number {
  // Date.UTC maps years 0–99 to 1900–1999; setUTCFullYear does not.
  const d = new Date(0);
  d.setUTCFullYear(year, month - 1, day);
  return Math.round(d.getTime() / DAY_MS);
}

function fromDayNumber(n: number): string {
  const d = new Date(n * DAY_MS);
  return iso(d.getUTCFullYear(), d.getUTCMonth() + 1, d.getUTCDate());
}

/** One known day. */
export function dayDate(isoDay: string): FuzzyDate {
  requireDay(isoDay);
  return { start: isoDay, end: isoDay, precision: 'day' };
}

/** A whole month: its first to its last day. */
export function monthDate(year: number, month: number): FuzzyDate {
  requireMonth(year, month);
  return { start: iso(year, month, 1), end: iso(year, month, daysInMonth(year, month)), precision: 'month' };
}

/** A whole year: 1 January to 31 December. */
export function yearDate(year: number): FuzzyDate {
  requireMonth(year, 1);
  return { start: iso(year, 1, 1), end: iso(year, 12, 31), precision: 'year' };
}

export type PartOfMonth = 'early' | 'mid' | 'late';

const PART_DAYS: Record<PartOfMonth, readonly [number, number | 'end']> = {
  early: [1, 10],
  mid: [11, 20],
  late: [21, 'end'],
};

/** "early / mid / late December 2018": days 1–10, 11–20, 21–end; precision month. */
export function partOfMonth(year: number, month: number, part: PartOfMonth): FuzzyDate {
  requireMonth(year, month);
  const [first, last] = PART_DAYS[part];
  return {
    start: iso(year, month, first),
    end: iso(year, month, last === 'end' ? daysInMonth(year, month) : last),
    precision: 'month',
  };
}

/** The Monday-to-Sunday week that holds the given day. */
export function weekOf(isoDay: string): FuzzyDate {
  const n = dayNumber(requireDay(isoDay));
  // 1970-01-01 was a Thursday: day 0 is weekday 3 counting from Monday = 0.
  const fromMonday = (((n + 3) % 7) + 7) % 7;
  return { start: fromDayNumber(n - fromMonday), end: fromDayNumber(n - fromMonday + 6), precision: 'week' };
}

interface Known {
  start: string;
  end: string;
  precision: Exclude<DatePrecision, 'unknown'>;
}

function known(d: FuzzyDate): Known | null {
  if (d.precision === 'unknown' || d.start === null || d.end === null) return null;
  return { start: d.start, end: d.end, precision: d.precision };
}

// ISO days with four-digit years sort as strings in calendar order, so plain comparison works.

/** Whether two dates share at least one day. An unknown date overlaps nothing: we cannot say it does. */
export function dateOverlaps(a: FuzzyDate, b: FuzzyDate): boolean {
  const x = known(a);
  const y = known(b);
  return x !== null && y !== null && x.start <= y.end && y.start <= x.end;
}

/** Whether every day of `inner` lies within `outer`. False when either is unknown. */
export function dateContains(outer: FuzzyDate, inner: FuzzyDate): boolean {
  const o = known(outer);
  const i = known(inner);
  return o !== null && i !== null && o.start <= i.start && i.end <= o.end;
}

const PRECISION_RANK: Record<Known['precision'], number> = { day: 0, week: 1, month: 2, year: 3 };

/**
 * The smallest range that covers every known date, as precise as the least precise of them;
 * unknown dates are skipped, and the envelope of none is unknown.
 */
export function dateEnvelope(dates: readonly FuzzyDate[]): FuzzyDate {
  const all = dates.map(known).filter((k): k is Known => k !== null);
  const first = all[0];
  if (!first) return { ...UNKNOWN_DATE };
  const env: Known = { ...first };
  for (const k of all) {
    if (k.start < env.start) env.start = k.start;
    if (k.end > env.end) env.end = k.end;
    if (PRECISION_RANK[k.precision] > PRECISION_RANK[env.precision]) env.precision = k.precision;
  }
  return env;
}

/**
 * The period a date is counted under in statistics: 'YYYY-MM' of its start when it is known
 * to the month or better, 'YYYY' when it is known only to the year (a year is never passed off
 * as its January), null when unknown.
 */
export function statsPeriod(d: FuzzyDate): string | null {
  const k = known(d);
  if (!k) return null;
  return k.precision === 'year' ? k.start.slice(0, 4) : k.start.slice(0, 7);
}

/** The year a date is counted under in statistics (that of its start), or null when unknown. */
export function statsYear(d: FuzzyDate): number | null {
  const k = known(d);
  return k ? Number(k.start.slice(0, 4)) : null;
}

const MONTHS = {
  en: ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'],
  // Nominative for "декабрь 2018", genitive for "14 декабря 2019" and "конец декабря 2018".
  ruNominative: ['январь', 'февраль', 'март', 'апрель', 'май', 'июнь', 'июль', 'август', 'сентябрь', 'октябрь', 'ноябрь', 'декабрь'],
  ruGenitive: ['января', 'февраля', 'марта', 'апреля', 'мая', 'июня', 'июля', 'августа', 'сентября', 'октября', 'ноября', 'декабря'],
} as const;

const PART_WORDS: Record<'en' | 'ru', Record<PartOfMonth, string>> = {
  en: { early: 'early', mid: 'mid-', late: 'late' },
  ru: { early: 'начало', mid: 'середина', late: 'конец' },
};

function formatDay(d: Ymd, lang: 'en' | 'ru'): string {
  const month = lang === 'en' ? MONTHS.en[d.month - 1] : MONTHS.ruGenitive[d.month - 1];
  return `${d.day} ${month} ${d.year}`;
}

/**
 * A date in words: "14 January 2019", "late December 2018" / "конец декабря 2018",
 * "December 2018", "2017", "week of 14 January 2019", "unknown date"; any other range as
 * "2018-12-21 – 2019-01-14".
 */
export function formatFuzzyDate(d: FuzzyDate, lang: 'en' | 'ru'): string {
  const k = known(d);
  if (!k) return lang === 'en' ? 'unknown date' : 'дата неизвестна';
  const s = parseDay(k.start);
  const e = parseDay(k.end);
  if (!s || !e) return `${k.start} – ${k.end}`;
  if (k.start === k.end) return formatDay(s, lang);
  const lastDay = daysInMonth(e.year, e.month);
  if (s.year === e.year && s.month === 1 && s.day === 1 && e.month === 12 && e.day === 31) return String(s.year);
  if (s.year === e.year && s.month === e.month) {
    if (s.day === 1 && e.day === lastDay)
      return lang === 'en' ? `${MONTHS.en[s.month - 1]} ${s.year}` : `${MONTHS.ruNominative[s.month - 1]} ${s.year}`;
    for (const part of ['early', 'mid', 'late'] as const) {
      const [first, last] = PART_DAYS[part];
      if (s.day === first && e.day === (last === 'end' ? lastDay : last)) {
        const word = PART_WORDS[lang][part];
        return lang === 'en'
          ? `${word}${part === 'mid' ? '' : ' '}${MONTHS.en[s.month - 1]} ${s.year}`
          : `${word} ${MONTHS.ruGenitive[s.month - 1]} ${s.year}`;
      }
    }
  }
  if (k.precision === 'week' && dayNumber(e) - dayNumber(s) === 6 && weekOf(k.start).start === k.start)
    return lang === 'en' ? `week of ${formatDay(s, 'en')}` : `неделя с ${formatDay(s, 'ru')}`;
  return `${k.start} – ${k.end}`;
}
