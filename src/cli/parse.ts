/**
 * Parsers for the compact values people type on a command line: dates like `2018-12/late`
 * and counts like `at_least:2`. Anything longer goes through `--json-input`.
 */
import { InvalidArgumentError } from 'commander';
import type { Count } from '../core/count.js';
import { CountSchema } from '../core/count.js';
import {
  dateEnvelope,
  dayDate,
  monthDate,
  partOfMonth,
  UNKNOWN_DATE,
  weekOf,
  yearDate,
  type FuzzyDate,
  type PartOfMonth,
} from '../core/fuzzy-date.js';
import { isVigilError } from '../core/errors.js';
import { COUNT_QUALIFIERS, DATE_PRECISIONS, type DatePrecision } from '../core/vocabularies.js';

const PART = /^(early|mid|late)$/;

function single(expr: string): FuzzyDate {
  const s = expr.trim();
  let m: RegExpExecArray | null;
  if (s === 'unknown') return { ...UNKNOWN_DATE };
  if (/^\d{4}-\d{2}-\d{2}$/.test(s)) return dayDate(s);
  if ((m = /^week:(\d{4}-\d{2}-\d{2})$/.exec(s))) return weekOf(m[1] as string);
  if ((m = /^(\d{4})-(\d{2})$/.exec(s))) return monthDate(Number(m[1]), Number(m[2]));
  if ((m = /^(\d{4})$/.exec(s))) return yearDate(Number(m[1]));
  // "2018-12/late" and "late 2018-12" both read naturally.
  m = /^(\d{4})-(\d{2})\/(\w+)$/.exec(s) ?? /^(\w+)\s+(\d{4})-(\d{2})$/.exec(s);
  if (m) {
    const [year, month, part] = PART.test(m[1] as string) ? [m[2], m[3], m[1]] : [m[1], m[2], m[3]];
    if (part && PART.test(part)) return partOfMonth(Number(year), Number(month), part as PartOfMonth);
  }
  throw new InvalidArgumentError(
    'expected YYYY-MM-DD, YYYY-MM, YYYY, YYYY-MM/early|mid|late, week:YYYY-MM-DD, unknown, or FROM..TO of these',
  );
}

/**
 * A fuzzy date: `2019-01-14` (day), `2018-12` (month), `2018` (year), `2018-12/late` or
 * `late 2018-12` (days 21–end, precision month), `week:2019-01-14`, `unknown`, or a range
 * `FROM..TO` of any of these (precision: the least precise end).
 */
export function parseFuzzyDate(expr: string, precision?: DatePrecision): FuzzyDate {
  try {
    const parts = expr.split('..');
    if (parts.length > 2) throw new InvalidArgumentError('a range has one ".."');
    const dates = parts.map(single);
    if (parts.length === 2 && dates.some((d) => d.precision === 'unknown')) throw new InvalidArgumentError('a range needs two known ends');
    const [from, to] = dates as [FuzzyDate, FuzzyDate?];
    if (to && (to.end ?? '') < (from.start ?? '')) throw new InvalidArgumentError('the range ends before it starts');
    const d = to ? dateEnvelope(dates) : from;
    if (precision === undefined) return d;
    if (d.precision === 'unknown' && precision !== 'unknown') throw new InvalidArgumentError('an unknown date has no precision');
    return { ...d, precision };
  } catch (e) {
    // Impossible days (2019-02-30) come from core as validation errors; report them as bad flag values.
    if (isVigilError(e)) throw new InvalidArgumentError(e.fields[0]?.message ?? e.message);
    throw e;
  }
}

export function parsePrecision(s: string): DatePrecision {
  if (!(DATE_PRECISIONS.codes as readonly string[]).includes(s)) throw new InvalidArgumentError(`expected one of ${DATE_PRECISIONS.codes.join(', ')}`);
  return s as DatePrecision;
}

/**
 * A count: `40` (exact), `QUALIFIER:N` (`at_least:2`, `about:40`, `more_than:5`, `at_most:3`,
 * `fewer_than:10`, `exact:40`), `range:MIN-MAX`, or `unspecified`.
 */
export function parseCount(expr: string): Count {
  const s = expr.trim();
  let raw: unknown;
  let m: RegExpExecArray | null;
  if (/^\d+$/.test(s)) raw = { qualifier: 'exact', value: Number(s) };
  else if (s === 'unspecified') raw = { qualifier: 'unspecified' };
  else if ((m = /^range:(\d+)-(\d+)$/.exec(s))) raw = { qualifier: 'range', min: Number(m[1]), max: Number(m[2]) };
  else if ((m = /^([a-z_]+):(\d+)$/.exec(s)) && m[1] !== 'range' && m[1] !== 'unspecified') raw = { qualifier: m[1], value: Number(m[2]) };
  else throw new InvalidArgumentError(`expected N, QUALIFIER:N, range:MIN-MAX or unspecified (qualifiers: ${COUNT_QUALIFIERS.codes.join(', ')})`);
  const r = CountSchema.safeParse(raw);
  if (!r.success) throw new InvalidArgumentError(r.error.issues[0]?.message ?? 'not a count');
  return r.data;
}

export function parseNonNegativeInt(s: string): number {
  if (!/^\d{1,9}$/.test(s.trim())) throw new InvalidArgumentError('expected a whole number');
  return Number(s);
}

/** For options that may be given several times: `--tag a --tag b`. */
export function collect(value: string, previous: string[] | undefined): string[] {
  return [...(previous ?? []), value];
}

/** A choice among vocabulary codes, checked when the flag is read so the error names the flag. */
export function choice<T extends string>(codes: readonly T[]): (s: string) => T {
  return (s) => {
    if (!(codes as readonly string[]).includes(s)) throw new InvalidArgumentError(`expected one of ${codes.join(', ')}`);
    return s as T;
  };
}
