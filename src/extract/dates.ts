/**
 * Temporal expressions in one sentence, resolved against the publication date
 * (CONVENTIONS.md, "Dates"; examples/README.md, annotation decision 1). Explicit calendar dates
 * are read by chrono-node; the relative expressions news prose uses ("late December", "last
 * week Tuesday", "since the start of the year", "three days ago") by our own rules, because
 * their conventions (Monday–Sunday weeks, days 21–end for "late") are ours, not chrono's.
 */
import * as chrono from 'chrono-node';
import { monthDate, partOfMonth, yearDate, type PartOfMonth } from '../core/fuzzy-date.js';
import { parseNumber } from './numbers.js';

export type Precision = 'day' | 'week' | 'month' | 'year';

export interface Resolved {
  readonly start: string;
  readonly end: string;
  readonly precision: Precision;
}

export type MentionKind =
  /** A point or period of its own ("on Monday", "in late March", "2017"). */
  | 'point'
  /** "since X": from X to publication. */
  | 'since'
  /** "later the same evening": the day of the act it follows. */
  | 'anaphoric';

export interface DateMention {
  readonly start: number;
  readonly end: number;
  readonly text: string;
  readonly kind: MentionKind;
  /** Null for an anaphoric mention, resolved later against its anchor. */
  readonly date: Resolved | null;
  /** For "since X": X alone, which a following "when …" clause refers to. */
  readonly anchor: { start: number; end: number; text: string; date: Resolved } | null;
  /** Days to add to the anchor of an anaphoric mention ("the next day" = 1). */
  readonly offsetDays: number;
}

const MONTHS = [
  'january', 'february', 'march', 'april', 'may', 'june', 'july', 'august', 'september',
  'october', 'november', 'december',
];
const MONTH_ABBR: Readonly<Record<string, number>> = {
  jan: 1, feb: 2, mar: 3, apr: 4, jun: 6, jul: 7, aug: 8, sep: 9, sept: 9, oct: 10, nov: 11, dec: 12,
};
const WEEKDAYS = ['monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday'];

const M = '(?:January|February|March|April|May|June|July|August|September|October|November|December|Jan\\.|Feb\\.|Aug\\.|Sept?\\.|Oct\\.|Nov\\.|Dec\\.)';
const W = '(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)';
const DM = `(?:\\d{1,2}(?:st|nd|rd|th)?(?: of)? ${M}|${M} \\d{1,2}(?:st|nd|rd|th)?(?![\\d,]\\d))`;
const Y = '(?:19[5-9]\\d|20[0-4]\\d)';
const NUMW = '(?:\\d{1,2}|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|a few|several|a couple of)';

// ---------------------------------------------------------------- day arithmetic (UTC)
const DAY_MS = 86_400_000;
// Date.parse and toISOString are slow next to a Map look-up, and the same few days recur
// (publication dates, their weeks): both conversions are memoised (bounded).
const TO_NUM = new Map<string, number>();
const FROM_NUM = new Map<number, string>();
function toNum(iso: string): number {
  let n = TO_NUM.get(iso);
  if (n === undefined) {
    n = Math.round(Date.parse(`${iso}T00:00:00Z`) / DAY_MS);
    if (TO_NUM.size > 10_000) TO_NUM.clear();
    TO_NUM.set(iso, n);
  }
  return n;
}
function fromNum(n: number): string {
  let iso = FROM_NUM.get(n);
  if (iso === undefined) {
    iso = new Date(n * DAY_MS).toISOString().slice(0, 10);
    if (FROM_NUM.size > 10_000) FROM_NUM.clear();
    FROM_NUM.set(n, iso);
  }
  return iso;
}
function addDays(iso: string, days: number): string {
  return fromNum(toNum(iso) + days);
}
/** 0 = Monday … 6 = Sunday. */
function weekday(iso: string): number {
  return (((toNum(iso) + 3) % 7) + 7) % 7;
}
function ymd(iso: string): [number, number, number] {
  return [Number(iso.slice(0, 4)), Number(iso.slice(5, 7)), Number(iso.slice(8, 10))];
}
function pad(n: number): string {
  return String(n).padStart(2, '0');
}
function isoOf(y: number, m: number, d: number): string {
  return `${String(y).padStart(4, '0')}-${pad(m)}-${pad(d)}`;
}
function daysIn(y: number, m: number): number {
  return new Date(Date.UTC(y, m, 0)).getUTCDate();
}
function day(iso: string): Resolved {
  return { start: iso, end: iso, precision: 'day' };
}
function known(d: { start: string | null; end: string | null; precision: string }, precision: Precision): Resolved {
  return { start: d.start ?? '', end: d.end ?? '', precision };
}

function monthIndex(word: string): number {
  const w = word.toLowerCase().replace(/\.$/, '');
  const full = MONTHS.indexOf(w);
  if (full >= 0) return full + 1;
  return MONTH_ABBR[w] ?? 0;
}

/** The latest day-month on or before `pub` when no year is given (or `year` when it is). */
function dayMonth(d: number, m: number, pub: string, year: number | null): string | null {
  const [py] = ymd(pub);
  let y = year ?? py;
  if (year === null && isoOf(y, m, Math.min(d, daysIn(y, m))) > pub) y -= 1;
  if (d < 1 || d > daysIn(y, m)) return null;
  return isoOf(y, m, d);
}

/** A month named without a year: the latest such month on or before publication. */
function monthYear(m: number, pub: string, year: number | null): number {
  const [py, pm] = ymd(pub);
  if (year !== null) return year;
  return m > pm ? py - 1 : py;
}

/** The latest given weekday on or before `ref` (the same day counts). */
function latestWeekday(ref: string, wd: number): string {
  const diff = (weekday(ref) - wd + 7) % 7;
  return addDays(ref, -diff);
}

function mondayOf(iso: string): string {
  return addDays(iso, -weekday(iso));
}

const SIMPLE_DM = /^(\d{1,2})(?:st|nd|rd|th)?(?: of)? ([A-Za-z]+\.?)(?:,? (\d{4}))?$|^([A-Za-z]+\.?) (\d{1,2})(?:st|nd|rd|th)?(?:,? (\d{4}))?$/;

function parseExplicitDay(text: string, pub: string, contextYear: number | null): string | null {
  // The common shapes ("27 March", "March 27, 2019") directly: this runs for every date in
  // every sentence, and chrono's full parse costs far more than the rest of the pipeline.
  const sm = SIMPLE_DM.exec(text.trim());
  if (sm) {
    const d = Number(sm[1] ?? sm[5]);
    const mo = monthIndex(sm[2] ?? sm[4] ?? '');
    const y = sm[3] ?? sm[6];
    if (mo) return dayMonth(d, mo, pub, y ? Number(y) : contextYear);
  }
  // chrono reads the many ways of writing a calendar day ("27 March", "March 27th, 2019",
  // "the 5th of May"); the year, when absent, is ours (latest on or before publication).
  const ref = new Date(`${pub}T12:00:00Z`);
  const r = chrono.en.GB.parse(text, { instant: ref, timezone: 0 }, { forwardDate: false })[0];
  if (!r) return null;
  const comp = r.start;
  const d = comp.get('day');
  const m = comp.get('month');
  if (d === null || m === null) return null;
  const year = comp.isCertain('year') ? comp.get('year') : contextYear;
  return dayMonth(d, m, pub, year ?? null);
}

function seasonRange(season: string, year: number): Resolved {
  const s = season.toLowerCase();
  if (s === 'spring') return { start: isoOf(year, 3, 1), end: isoOf(year, 5, 31), precision: 'month' };
  if (s === 'summer') return { start: isoOf(year, 6, 1), end: isoOf(year, 8, 31), precision: 'month' };
  if (s === 'winter') return { start: isoOf(year, 12, 1), end: isoOf(year + 1, 2, daysIn(year + 1, 2)), precision: 'month' };
  return { start: isoOf(year, 9, 1), end: isoOf(year, 11, 30), precision: 'month' };
}

function countWord(w: string): number {
  const lw = w.toLowerCase();
  if (lw === 'a few' || lw === 'several' || lw === 'a couple of') return lw === 'a couple of' ? 2 : 3;
  const n = parseNumber([lw], 0);
  return n ? n.value : Number(lw);
}

interface Rule {
  readonly re: RegExp;
  /**
   * A cheap necessary condition on the document (lower-cased, and as written): words without
   * which the pattern cannot match. Most rules find nothing in most texts; a substring check
   * is far cheaper than a regex scan of the whole text. `month` is hasMonth(lower), computed
   * once per sentence for all the rules that need it.
   */
  readonly cue: (lower: string, text: string, month: boolean) => boolean;
  readonly resolve: (m: RegExpExecArray, pub: string, ctxYear: number | null) => Omit<DateMention, 'start' | 'end' | 'text'> | null;
}

const DATEISH = /\d|day|week|month|year|jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec|since|night|morning|afternoon|evening|spring|summer|autumn|fall|winter/;
const MONTH_CUE = /jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec/;
function hasMonth(lower: string): boolean {
  return MONTH_CUE.test(lower);
}

function point(date: Resolved | null): Omit<DateMention, 'start' | 'end' | 'text'> | null {
  return date ? { kind: 'point', date, anchor: null, offsetDays: 0 } : null;
}

const RULES: readonly Rule[] = [
  {
    cue: (l, _t, month) => month && (l.includes('between') || l.includes('from')),
    re: new RegExp(`\\b(?:between|from) (${DM})(?:,? (${Y}))? (?:and|to|until|through) (${DM})(?:,? (${Y}))?`, 'gi'),
    resolve: (m, pub, cy) => {
      const y2 = m[4] ? Number(m[4]) : cy;
      const y1 = m[2] ? Number(m[2]) : y2;
      const b = parseExplicitDay(m[3] ?? '', pub, y2);
      let a = parseExplicitDay(m[1] ?? '', pub, y1);
      if (a && b && a > b && !m[2]) a = parseExplicitDay(m[1] ?? '', addDays(b, -1), y1 === null ? null : y1 - 1);
      return a && b && a <= b ? point({ start: a, end: b, precision: 'day' }) : null;
    },
  },
  {
    cue: (l) => l.includes('since the'),
    re: /\bsince the (?:start|beginning) of (?:the|this) (year|month)\b/gi,
    resolve: (m, pub) => {
      const [y, mo] = ymd(pub);
      return m[1]?.toLowerCase() === 'year'
        ? point({ start: isoOf(y, 1, 1), end: pub, precision: 'year' })
        : point({ start: isoOf(y, mo, 1), end: pub, precision: 'month' });
    },
  },
  {
    cue: (l) => l.includes('since'),
    re: new RegExp(`\\bsince (?:(early|mid|late)[- ])?(${DM}|${M}|${Y}|${W}|yesterday|last (?:week|month|year))(?:,? (${Y}))?`, 'gi'),
    resolve: (m, pub, cy) => {
      const inner = m[2] ?? '';
      const year = m[3] ? Number(m[3]) : cy;
      const x = resolveSimple(inner, m[1] ?? null, pub, year);
      if (!x) return null;
      return { kind: 'since', date: { start: x.start, end: pub, precision: x.precision }, anchor: null, offsetDays: 0 };
    },
  },
  {
    cue: (l, _t, month) => l.includes(' of') && month,
    re: new RegExp(`\\b(?:on |in )?the (?:morning|afternoon|evening|night) of (${DM})(?:,? (${Y}))?`, 'gi'),
    resolve: (m, pub, cy) => point(dayOrNull(parseExplicitDay(m[1] ?? '', pub, m[2] ? Number(m[2]) : cy))),
  },
  {
    cue: (l, _t, month) => month && (l.includes('early') || l.includes('mid') || l.includes('late') || l.includes('end of') || l.includes('beginning of') || l.includes('start of')),
    re: new RegExp(`\\b(?:in |by |during |until )?(?:the )?(early|mid|late|end of|beginning of|start of)[- ](${M})(?:,? (${Y}))?`, 'gi'),
    resolve: (m, pub, cy) => {
      const mo = monthIndex(m[2] ?? '');
      if (!mo) return null;
      const y = monthYear(mo, pub, m[3] ? Number(m[3]) : cy);
      const p = (m[1] ?? '').toLowerCase();
      const part: PartOfMonth = p === 'early' || p === 'beginning of' || p === 'start of' ? 'early' : p === 'mid' ? 'mid' : 'late';
      return point(known(partOfMonth(y, mo, part), 'month'));
    },
  },
  {
    cue: (l) => l.includes('this month') || l.includes('last month') || l.includes('this year') || l.includes('last year'),
    re: /\b(?:in |since )?(early|earlier|late|later|mid) (this|last) (month|year)\b/gi,
    resolve: (m, pub) => {
      const [y, mo] = ymd(pub);
      const part = (m[1] ?? '').toLowerCase();
      const last = (m[2] ?? '').toLowerCase() === 'last';
      if ((m[3] ?? '').toLowerCase() === 'month') {
        const ty = last ? (mo === 1 ? y - 1 : y) : y;
        const tm = last ? (mo === 1 ? 12 : mo - 1) : mo;
        if (part === 'earlier') return point({ start: isoOf(ty, tm, 1), end: last ? isoOf(ty, tm, daysIn(ty, tm)) : pub, precision: 'month' });
        const p: PartOfMonth = part === 'early' ? 'early' : part === 'mid' ? 'mid' : 'late';
        const r = known(partOfMonth(ty, tm, p), 'month');
        return point(r.start > pub ? null : { ...r, end: r.end > pub ? pub : r.end });
      }
      const ty = last ? y - 1 : y;
      if (part === 'earlier') return point({ start: isoOf(ty, 1, 1), end: last ? isoOf(ty, 12, 31) : pub, precision: 'year' });
      if (part === 'early') return point({ start: isoOf(ty, 1, 1), end: isoOf(ty, 4, 30), precision: 'month' });
      if (part === 'mid') return point({ start: isoOf(ty, 5, 1), end: isoOf(ty, 8, 31), precision: 'month' });
      return point({ start: isoOf(ty, 9, 1), end: isoOf(ty, 12, 31), precision: 'month' });
    },
  },
  {
    cue: (l) => l.includes('last week'),
    re: new RegExp(`\\b(?:on )?last week (${W})\\b|\\b(?:on )?(${W}) last week\\b`, 'gi'),
    resolve: (m, pub) => {
      const wd = WEEKDAYS.indexOf((m[1] ?? m[2] ?? '').toLowerCase());
      return point(day(addDays(mondayOf(pub), -7 + wd)));
    },
  },
  {
    cue: (l) => l.includes('the weekend'),
    re: /\b(?:over|at|during) the weekend\b/gi,
    resolve: (_m, pub) => {
      // The latest Saturday–Sunday that has begun by publication.
      const mon = mondayOf(pub);
      const sat = addDays(mon, 5) <= pub ? addDays(mon, 5) : addDays(mon, -2);
      const sun = addDays(sat, 1) > pub ? pub : addDays(sat, 1);
      return point({ start: sat, end: sun, precision: 'day' });
    },
  },
  {
    cue: (l) => l.includes('week'),
    re: /\b(?:in |during )?(last|this|past|previous) (week|weekend)\b/gi,
    resolve: (m, pub) => {
      const which = (m[1] ?? '').toLowerCase();
      const mon = mondayOf(pub);
      if ((m[2] ?? '').toLowerCase() === 'weekend') {
        const sat = which === 'this' ? addDays(mon, 5) : addDays(mon, -2);
        return point(sat > pub ? null : { start: sat, end: addDays(sat, 1) > pub ? pub : addDays(sat, 1), precision: 'day' });
      }
      if (which === 'this') return point({ start: mon, end: pub, precision: 'week' });
      return point({ start: addDays(mon, -7), end: addDays(mon, -1), precision: 'week' });
    },
  },
  {
    cue: (l) => l.includes('past') || l.includes('last') || l.includes('previous'),
    re: new RegExp(`\\b(?:in |over |during |within )?the (?:past|last|previous) (?:(${NUMW}) )?(day|week|month|year)s?\\b`, 'gi'),
    resolve: (m, pub) => {
      const n = m[1] ? countWord(m[1]) : 1;
      const unit = (m[2] ?? '').toLowerCase();
      const [y, mo, d] = ymd(pub);
      if (unit === 'day') return point({ start: addDays(pub, -n), end: pub, precision: 'day' });
      if (unit === 'week') return point({ start: addDays(pub, -7 * n), end: pub, precision: 'week' });
      if (unit === 'month') {
        let ty = y;
        let tm = mo - n;
        while (tm < 1) {
          tm += 12;
          ty -= 1;
        }
        return point({ start: isoOf(ty, tm, Math.min(d, daysIn(ty, tm))), end: pub, precision: 'month' });
      }
      return point({ start: isoOf(y - n, mo, Math.min(d, daysIn(y - n, mo))), end: pub, precision: 'year' });
    },
  },
  {
    cue: (l) => l.includes('this month') || l.includes('last month') || l.includes('this year') || l.includes('last year'),
    re: /\b(?:in |during )?(last|this) (month|year)\b/gi,
    resolve: (m, pub) => {
      const [y, mo] = ymd(pub);
      const last = (m[1] ?? '').toLowerCase() === 'last';
      if ((m[2] ?? '').toLowerCase() === 'month') {
        if (!last) return point({ start: isoOf(y, mo, 1), end: pub, precision: 'month' });
        return point(known(monthDate(mo === 1 ? y - 1 : y, mo === 1 ? 12 : mo - 1), 'month'));
      }
      if (!last) return point({ start: isoOf(y, 1, 1), end: pub, precision: 'year' });
      return point(known(yearDate(y - 1), 'year'));
    },
  },
  {
    cue: (l) => l.includes(' ago') || l.includes(' earlier'),
    re: new RegExp(`\\b(${NUMW}) (day|week|month|year)s? (?:ago|earlier)\\b`, 'gi'),
    resolve: (m, pub) => {
      const n = countWord(m[1] ?? '');
      if (!Number.isFinite(n)) return null;
      const unit = (m[2] ?? '').toLowerCase();
      if (unit === 'day') return point(day(addDays(pub, -n)));
      if (unit === 'week') {
        const ref = addDays(pub, -7 * n);
        return point({ start: mondayOf(ref), end: addDays(mondayOf(ref), 6), precision: 'week' });
      }
      const [y, mo] = ymd(pub);
      if (unit === 'month') {
        let tm = mo - n;
        let ty = y;
        while (tm < 1) {
          tm += 12;
          ty -= 1;
        }
        return point(known(monthDate(ty, tm), 'month'));
      }
      return point(known(yearDate(y - n), 'year'));
    },
  },
  {
    cue: (l) => l.includes('yesterday') || l.includes('last night') || l.includes('overnight'),
    re: /\b(?:the day before yesterday|yesterday|last night|overnight)(?: (?:morning|afternoon|evening|night))?\b/gi,
    resolve: (m, pub) => point(day(addDays(pub, m[0].toLowerCase().startsWith('the day before') ? -2 : -1))),
  },
  {
    cue: (l) => l.includes('today') || l.includes('tonight') || l.includes('this morning') || l.includes('this afternoon') || l.includes('this evening'),
    re: /\b(?:today|tonight|this (?:morning|afternoon|evening))\b/gi,
    resolve: (_m, pub) => point(day(pub)),
  },
  {
    cue: (l) => l.includes('later') || l.includes('same') || l.includes('that ') || l.includes('the next') || l.includes('the following'),
    re: /\b(?:later (?:that|the same)|(?:on )?the same|that) (day|morning|afternoon|evening|night)\b|\b(?:on )?the (next|following) (day|morning|evening)\b|\b(a|one|two|three) days? later\b/gi,
    resolve: (m) => {
      const off = m[2] ? 1 : m[4] ? countWord(m[4] === 'a' ? 'one' : m[4]) : 0;
      return { kind: 'anaphoric', date: null, anchor: null, offsetDays: Number.isFinite(off) ? off : 0 };
    },
  },
  {
    cue: (l, _t, month) => month,
    re: new RegExp(`\\b(?:(?:on|by|until) )?(?:(${W}),? )?(${DM})(?:,? (${Y}))?\\b`, 'gi'),
    resolve: (m, pub, cy) => point(dayOrNull(parseExplicitDay(`${m[2] ?? ''}${m[3] ? ` ${m[3]}` : ''}`, pub, m[3] ? Number(m[3]) : cy))),
  },
  {
    cue: (_l, t) => /\d[-/.]\d/.test(t),
    re: /\b(?:on )?(\d{4}-\d{2}-\d{2}|\d{1,2}\/\d{1,2}\/\d{4}|\d{1,2}\.\d{1,2}\.\d{4})\b/g,
    resolve: (m, pub) => point(dayOrNull(parseExplicitDay(m[1] ?? '', pub, null))),
  },
  {
    cue: (_l, t) => /(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day/.test(t),
    re: new RegExp(`\\b(?:on |last |this |early |late )?(${W})(?: (?:morning|afternoon|evening|night))?\\b`, 'g'),
    resolve: (m, pub) => {
      const wd = WEEKDAYS.indexOf((m[1] ?? '').toLowerCase());
      const isLast = m[0].toLowerCase().startsWith('last ');
      return point(day(latestWeekday(isLast ? addDays(pub, -1) : pub, wd)));
    },
  },
  {
    cue: (l) => l.includes('spring') || l.includes('summer') || l.includes('autumn') || l.includes('fall') || l.includes('winter'),
    re: new RegExp(`\\b(?:in |during |by )?(?:the )?(spring|summer|autumn|fall|winter) of (${Y})\\b|\\b(?:in |during )?(?:the )?(last|this) (spring|summer|autumn|fall|winter)\\b`, 'gi'),
    resolve: (m, pub) => {
      const [py] = ymd(pub);
      if (m[1] && m[2]) return point(seasonRange(m[1], Number(m[2])));
      const season = m[4] ?? 'summer';
      let r = seasonRange(season, py);
      if ((m[3] ?? '').toLowerCase() === 'last' || r.start > pub) r = seasonRange(season, r.start > pub || (m[3] ?? '').toLowerCase() === 'last' ? py - 1 : py);
      return point(r.end > pub ? { ...r, end: pub } : r);
    },
  },
  {
    cue: (_l, t) => /Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec/.test(t),
    // A bare month; "May" only with a preposition or a year, as it is also a verb.
    re: new RegExp(`\\b(?:(in|during|by|until|of|from|early|late) )?(${M})(?:,? (${Y}))?\\b`, 'g'),
    resolve: (m, pub, cy) => {
      const name = m[2] ?? '';
      if (name === 'May' && !m[1] && !m[3]) return null;
      const mo = monthIndex(name);
      if (!mo) return null;
      return point(known(monthDate(monthYear(mo, pub, m[3] ? Number(m[3]) : cy), mo), 'month'));
    },
  },
  {
    cue: (_l, t) => /19[5-9]\d|20[0-4]\d/.test(t),
    re: new RegExp(`\\b(?:(?:in|during|by|of|until) )?(?:the (?:year )?)?(${Y})\\b(?![-–,.]?\\d)`, 'g'),
    resolve: (m, pub) => {
      const y = Number(m[1]);
      return y > Number(pub.slice(0, 4)) ? null : point(known(yearDate(y), 'year'));
    },
  },
];

function dayOrNull(iso: string | null): Resolved | null {
  return iso ? day(iso) : null;
}

/** X in "since X": a day, a month, a year, a weekday or a relative period. */
function resolveSimple(inner: string, part: string | null, pub: string, year: number | null): Resolved | null {
  const lw = inner.toLowerCase();
  if (/^\d{4}$/.test(inner)) return known(yearDate(Number(inner)), 'year');
  if (lw === 'yesterday') return day(addDays(pub, -1));
  if (lw === 'last week') return { start: addDays(mondayOf(pub), -7), end: addDays(mondayOf(pub), -1), precision: 'week' };
  if (lw === 'last month' || lw === 'last year') {
    const [y, mo] = ymd(pub);
    return lw === 'last year' ? known(yearDate(y - 1), 'year') : known(monthDate(mo === 1 ? y - 1 : y, mo === 1 ? 12 : mo - 1), 'month');
  }
  const wd = WEEKDAYS.indexOf(lw);
  if (wd >= 0) return day(latestWeekday(pub, wd));
  const mo = monthIndex(inner);
  if (mo) {
    const y = monthYear(mo, pub, year);
    if (part) return known(partOfMonth(y, mo, part as PartOfMonth), 'month');
    return known(monthDate(y, mo), 'month');
  }
  const d = parseExplicitDay(inner, pub, year);
  return d ? day(d) : null;
}


export interface DateScope {
  readonly start: number;
  readonly end: number;
  /** The year the sentence is about, for a day and month written without one. */
  readonly contextYear: number | null;
  /** Footnotes and the like: no dates taken. */
  readonly skip: boolean;
}

/**
 * Every temporal expression of every sentence. Each rule runs once over the whole text (far
 * cheaper than once per sentence); a match that crosses a sentence boundary is dropped.
 * Overlaps go to the rule listed first, then the earlier match.
 */
export function findDatesAll(text: string, scopes: readonly DateScope[], pub: string): DateMention[][] {
  const out: DateMention[][] = scopes.map(() => []);
  if (scopes.length === 0) return out;
  // Each rule runs only over the sentences holding its cue words: most sentences hold none.
  // The patterns use literal spaces, so a match never spans a sentence break anyway.
  const lower = text.toLowerCase();
  // When lower-casing changed no length (no "İ" → "i̇"), every character keeps its place and a
  // sentence's lower-cased text is a slice of `lower`; the cues look only for ASCII words, which
  // the one context-dependent mapping (final sigma) cannot create or remove.
  const aligned = lower.length === text.length;
  const docMonth = hasMonth(lower);
  const docCue = RULES.map((rule) => rule.cue(lower, text, docMonth));
  // Sentence by sentence, the rules in order: a sentence's mentions depend only on its own
  // earlier matches, and its lower-cased text and month cue are computed once for all rules.
  for (let si = 0; si < scopes.length; si++) {
    const scope = scopes[si] as DateScope;
    if (scope.skip) continue;
    const sub = text.slice(scope.start, scope.end);
    const subLower = aligned ? lower.slice(scope.start, scope.end) : sub.toLowerCase();
    // A sentence with none of these words or digits holds no temporal expression of any rule.
    if (!DATEISH.test(subLower)) continue;
    const month = hasMonth(subLower);
    const taken = out[si] as DateMention[];
    for (let ri = 0; ri < RULES.length; ri++) {
      const rule = RULES[ri] as Rule;
      if (docCue[ri] !== true || !rule.cue(subLower, sub, month)) continue;
      rule.re.lastIndex = 0;
      for (let m = rule.re.exec(sub); m !== null; m = rule.re.exec(sub)) {
        const s = scope.start + m.index;
        const e = s + m[0].length;
        if (taken.some((t) => s < t.end && e > t.start)) continue;
        const r = rule.resolve(m, pub, scope.contextYear);
        if (!r) continue;
        if (r.date && (r.date.start > pub || r.date.end < r.date.start)) continue;
        taken.push({ start: s, end: e, text: m[0], ...r });
      }
    }
  }
  return out.map((taken, si) => {
    taken.sort((a, b) => a.start - b.start);
    const cy = scopes[si]?.contextYear ?? null;
    // "since 2017 when …", "since 28 December, when …": the when-clause happened at X itself.
    return taken.map((t) => {
      if (t.kind !== 'since' || !t.date) return t;
      const after = text.slice(t.end, t.end + 8);
      if (!/^,?\s+when\b/i.test(after)) return t;
      const inner = t.text.replace(/^since\s+/i, '');
      const innerStart = t.start + (t.text.length - inner.length);
      const x = resolveSimple(inner.replace(/^(early|mid|late)[- ]/i, ''), /^(early|mid|late)/i.exec(inner)?.[1]?.toLowerCase() ?? null, pub, cy);
      return x ? { ...t, anchor: { start: innerStart, end: t.end, text: inner, date: x } } : t;
    });
  });
}

/** Every temporal expression in `text` (one sentence), with offsets relative to `base`. */
export function findDates(text: string, base: number, pub: string, contextYear: number | null): DateMention[] {
  const found = findDatesAll(text, [{ start: 0, end: text.length, contextYear, skip: false }], pub)[0] ?? [];
  return found.map((d) => ({
    ...d,
    start: d.start + base,
    end: d.end + base,
    anchor: d.anchor ? { ...d.anchor, start: d.anchor.start + base, end: d.anchor.end + base } : null,
  }));
}

/** Years written out in a stretch of text, for "a day and month without a year". */
export function explicitYears(text: string, pub: string): number[] {
  const out: number[] = [];
  const re = new RegExp(`\\b(${Y})\\b`, 'g');
  const py = Number(pub.slice(0, 4));
  for (let m = re.exec(text); m !== null; m = re.exec(text)) {
    const y = Number(m[1]);
    if (y <= py) out.push(y);
  }
  return out;
}

export { addDays };
