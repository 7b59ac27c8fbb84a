/**
 * Dates, numbers and counts in the reader's language (Intl). Dates of the record are calendar
 * days (`YYYY-MM-DD`) and are shown in UTC, so a reader's time zone never moves them.
 */
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import type { Count, FuzzyDate } from './api/types.js';
import { asLang, type Lang } from './i18n/index.js';

const dayAt = (iso: string): Date => new Date(`${iso.slice(0, 10)}T00:00:00Z`);

export interface Formatters {
  readonly lang: Lang;
  number(n: number): string;
  /** A calendar day, e.g. 14 January 2019 / 14 января 2019 г. */
  day(iso: string): string;
  month(iso: string): string;
  /** A short month for chart axes: Dec 2018 / дек. 2018 г. */
  monthShort(iso: string): string;
  year(iso: string): string;
  /** A timestamp in the reader's time zone. */
  dateTime(iso: string): string;
  /** A FuzzyDate as honest as it is: "December 2018 – January 2019", "2017", "date unknown". */
  fuzzyDate(d: FuzzyDate | null | undefined): string;
  /** "at least 2", "около 40", "between 10 and 20". */
  count(c: Count | null | undefined): string;
  /** Bounds of a figure: "2–∞" style, spelled out: "2 or more", "32–48", "40". */
  bounds(low: number, high: number | null): string;
}

interface IntlSet {
  readonly num: Intl.NumberFormat;
  readonly dayFmt: Intl.DateTimeFormat;
  readonly monthFmt: Intl.DateTimeFormat;
  readonly yearFmt: Intl.DateTimeFormat;
  readonly monthShortFmt: Intl.DateTimeFormat;
  readonly dateTimeFmt: Intl.DateTimeFormat;
}

/** Intl formatters are costly to build (an incident with 50 claims mounts 50 users): one set per language. */
const intlCache = new Map<Lang, IntlSet>();

function intlFor(lang: Lang): IntlSet {
  let set = intlCache.get(lang);
  if (!set) {
    const locale = lang === 'ru' ? 'ru-RU' : 'en-GB';
    set = {
      num: new Intl.NumberFormat(locale),
      dayFmt: new Intl.DateTimeFormat(locale, { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' }),
      monthFmt: new Intl.DateTimeFormat(locale, { month: 'long', year: 'numeric', timeZone: 'UTC' }),
      yearFmt: new Intl.DateTimeFormat(locale, { year: 'numeric', timeZone: 'UTC' }),
      monthShortFmt: new Intl.DateTimeFormat(locale, { month: 'short', year: 'numeric', timeZone: 'UTC' }),
      dateTimeFmt: new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short' }),
    };
    intlCache.set(lang, set);
  }
  return set;
}

export function makeFormatters(lang: Lang, t: (key: string, opts?: Record<string, unknown>) => string): Formatters {
  const { num, dayFmt, monthFmt, yearFmt, monthShortFmt, dateTimeFmt } = intlFor(lang);

  const range = (fmt: Intl.DateTimeFormat, a: string, b: string): string => {
    const x = dayAt(a);
    const y = dayAt(b);
    const sx = fmt.format(x);
    const sy = fmt.format(y);
    if (sx === sy) return sx;
    return typeof fmt.formatRange === 'function' ? fmt.formatRange(x, y) : `${sx} – ${sy}`;
  };

  const self: Formatters = {
    lang,
    number: (n) => num.format(n),
    day: (iso) => dayFmt.format(dayAt(iso)),
    month: (iso) => monthFmt.format(dayAt(iso)),
    monthShort: (iso) => monthShortFmt.format(dayAt(iso)),
    year: (iso) => yearFmt.format(dayAt(iso)),
    dateTime: (iso) => dateTimeFmt.format(new Date(iso)),
    fuzzyDate(d) {
      if (!d || d.precision === 'unknown' || !d.start) return t('date.unknown');
      const end = d.end ?? d.start;
      switch (d.precision) {
        case 'day':
          return range(dayFmt, d.start, end);
        case 'week':
          return t('date.weekOf', { date: dayFmt.format(dayAt(d.start)) });
        case 'month':
          return range(monthFmt, d.start, end);
        case 'year':
          return range(yearFmt, d.start, end);
      }
      return t('date.unknown');
    },
    count(c) {
      if (!c) return t('count.none');
      const n = c.value === null ? '' : num.format(c.value);
      if (c.qualifier === 'range') return t('count.range', { min: num.format(c.min ?? 0), max: num.format(c.max ?? c.min ?? 0) });
      return t(`count.${c.qualifier}`, { n });
    },
    bounds(low, high) {
      if (high === null) return t('bounds.open', { low: num.format(low) });
      if (low === high) return num.format(low);
      return t('bounds.range', { low: num.format(low), high: num.format(high) });
    },
  };
  return self;
}

export function useFormat(): Formatters {
  const { t, i18n } = useTranslation();
  const lang = asLang(i18n.language);
  return useMemo(() => makeFormatters(lang, (k, o) => t(k, o ?? {})), [lang, t]);
}
