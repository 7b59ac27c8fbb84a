/**
 * Fuzzy-date arithmetic the forms need in the browser: completing a date from its precision
 * and the envelope of several dates (as the server's src/core/fuzzy-date.ts does; the web app
 * may not import server code).
 */
import type { FuzzyDate } from './api/types.js';

const lastDayOfMonth = (iso: string): string => {
  const [y, m] = iso.split('-').map(Number) as [number, number];
  const d = new Date(Date.UTC(y, m, 0));
  return d.toISOString().slice(0, 10);
};

/** start..end for a precision, when the reader gives only the start. */
export function completeDate(d: FuzzyDate): FuzzyDate {
  if (!d.start || d.end) return d;
  switch (d.precision) {
    case 'day':
      return { ...d, end: d.start };
    case 'week': {
      const e = new Date(`${d.start}T00:00:00Z`);
      e.setUTCDate(e.getUTCDate() + 6);
      return { ...d, end: e.toISOString().slice(0, 10) };
    }
    case 'month':
      return { ...d, end: lastDayOfMonth(d.start) };
    case 'year':
      return { ...d, end: `${d.start.slice(0, 4)}-12-31` };
    default:
      return d;
  }
}

export const UNKNOWN_DATE: FuzzyDate = Object.freeze({ start: null, end: null, precision: 'unknown' }) as FuzzyDate;

const RANK: Record<string, number> = { day: 0, week: 1, month: 2, year: 3 };

/** The smallest range covering every known date, as precise as the least precise of them. */
export function dateEnvelope(dates: readonly FuzzyDate[]): FuzzyDate {
  let env: FuzzyDate | null = null;
  for (const d of dates) {
    if (d.precision === 'unknown' || !d.start || !d.end) continue;
    if (!env) {
      env = { start: d.start, end: d.end, precision: d.precision };
      continue;
    }
    env = {
      start: d.start < (env.start as string) ? d.start : env.start,
      end: d.end > (env.end as string) ? d.end : env.end,
      precision: (RANK[d.precision] ?? 0) > (RANK[env.precision] ?? 0) ? d.precision : env.precision,
    };
  }
  return env ?? { ...UNKNOWN_DATE };
}

export const sameDate = (a: FuzzyDate | null | undefined, b: FuzzyDate | null | undefined): boolean =>
  (a ?? null) === (b ?? null) || (!!a && !!b && a.precision === b.precision && (a.start ?? null) === (b.start ?? null) && (a.end ?? null) === (b.end ?? null));
