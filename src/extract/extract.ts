/**
 * extract(): one text in, proposed incidents and attributed statements out, in the schema of
 * CONVENTIONS.md. Pure and deterministic: no I/O, no clock except the `today` the caller passes
 * (used only to refuse future publication dates), the NLP model loaded once per process.
 */
import { auxChainStart, findActMentionsAll, judgeMention, victimCount, type ActMention, type VictimCount } from './acts.js';
import { agentOf } from './agents.js';
import { findDatesAll, type DateMention, type DateScope, type Resolved } from './dates.js';
import { findPlaces, type PlaceMention } from './locate.js';
import { analyse } from './nlp.js';
import { lowers, npLeft, quantityIn, type FoundQuantity } from './np.js';
import { parseQuantity } from './numbers.js';
import {
  assertExtractionResult,
  type Act,
  type ExtractInput,
  type ExtractedIncident,
  type ExtractedStatement,
  type ExtractionResult,
} from './schema.js';
import { findOrgs, personRoleWord, type Registry, type Speaker } from './speakers.js';
import { findStatements, stanceOf, type RawStatement } from './statements.js';
import { utcToday, validatePublished, validateText } from './validate.js';
import { spanText, viewOf, type SentView } from './view.js';

export interface ExtractOptions {
  /** YYYY-MM-DD; a publication date after it is refused. Defaults to the real UTC today. */
  readonly today?: string;
}

interface Draft {
  act: Act;
  sent: number;
  head: number;
  /** Absolute character offset of the head, for ordering and date attachment. */
  at: number;
  count: ExtractedIncident['count'];
  hasOwnCount: boolean;
  victims: string | null;
  perpetrator: string | null;
  /** How the perpetrator was found, or why there is none (for the basis). */
  perpHow: string;
  rule: string;
  how: string;
  /** Date assigned by a breakdown segment or a partitive back-reference. */
  forcedDate: { date: Resolved | null; text: string | null; start: number; end: number } | null;
  /** An item of a list after a colon: its date is the sentence's, across the list's "and". */
  listItem: boolean;
  /** Incident copied from the previous sentence's act ("Some 90 of those expelled"). */
  backRef: Act | null;
  place: PlaceMention | null;
  habitual: boolean;
  ongoing: boolean;
}

const ATTRIBUTION_LEMMAS = new Set(['say', 'tell', 'add', 'acknowledge', 'admit', 'confirm', 'deny', 'announce', 'report', 'state', 'claim', 'urge', 'write', 'publish', 'release', 'issue', 'reject']);
const EPISODE_START = /\b(?:began|begun|started|erupted|broke out|launched|intensified|resumed)\s*$/i;
const ONGOING_ACTS = new Set<Act>(['movement_restriction', 'denial_of_justice']);

function countOf(found: FoundQuantity | null, single: boolean, v: SentView, text: string): ExtractedIncident['count'] {
  if (found) {
    const a = v.tokens[found.textFirst];
    const b = v.tokens[found.textLast - 1];
    const span = a && b ? text.slice(a.start, b.end) : null;
    return {
      qualifier: found.q.qualifier,
      value: found.q.value,
      min: found.q.min,
      max: found.q.max,
      text: span,
      offsets: a && b ? { start: a.start, end: b.end } : null,
    };
  }
  if (single) return { qualifier: 'exact', value: 1, min: null, max: null, text: null, offsets: null };
  return { qualifier: 'unspecified', value: null, min: null, max: null, text: null, offsets: null };
}

/** Heads that name an event, not people ("Both deaths … as a result of torture"). */
const EVENT_HEADS = new Set(['death', 'deaths', 'killing', 'killings', 'arrest', 'arrests', 'detention', 'detentions', 'abduction', 'abductions', 'disappearance', 'disappearances', 'injury', 'injuries', 'case', 'cases', 'incident', 'incidents', 'attack', 'attacks']);
/** Things taken from people: the victim of a confiscation is their owner, not the object. */
const DOC_WORDS = /^(?:passports?|documents?|papers?|ids?|identity|cards?|visas?|permits?|phones?|computers?|files?|belongings)$/;

/**
 * The victims' phrase: after the count, up to a date, never a pronoun, an event noun or the act's
 * own noun ("gave inmates electric shocks" → inmates); for a confiscation, the owner of the
 * documents ("Nakato’s passport" → Nakato) or nothing.
 */
function victimsText(v: SentView, text: string, vc: VictimCount, m: ActMention, blocked: (i: number) => boolean, places: readonly PlaceMention[]): string | null {
  if (!vc.np) return null;
  let first = vc.np.first;
  let last = vc.np.last;
  if (vc.found) first = Math.max(first, vc.found.q.next);
  const words = lowers(v);
  // "Some of those arrested": keep "those" before a participle.
  while (first < last && ['of', 'those', 'the', 'them', 'whom'].includes(words[first] ?? '') && vc.found && !(words[first] === 'those' && v.tokens[first + 1]?.pos === 'VERB')) first++;
  if (m.head >= first && m.head < last) last = m.head;
  for (let i = first; i < last; i++) {
    if (blocked(i)) {
      last = i;
      break;
    }
  }
  while (last > first && (v.tokens[last - 1]?.pos === 'ADJ' || ['of', 'the', 'a', 'an', 'and', ','].includes(words[last - 1] ?? '')) && last - 1 > first) last--;
  if (first >= last) return null;
  if (m.act === 'document_confiscation' && words.slice(first, last).some((w) => DOC_WORDS.test(w))) {
    const poss = words.slice(first, last).findIndex((w) => w === '’s' || w === "'s");
    if (poss <= 0) return null;
    last = first + poss;
  }
  if (EVENT_HEADS.has(words[last - 1] ?? '')) return null;
  // A place is not a victim ("young men who had travelled from Moscow").
  const a = v.tokens[first];
  const b = v.tokens[last - 1];
  if (a && b && places.some((p) => p.start <= a.start && p.end >= b.end)) return null;
  const s = spanText(text, v.tokens, first, last).trim();
  return s.length > 0 && !/^(?:them|they|him|her|he|she|it|us|we|me|i|you|who|whom|which|that|themselves)$/i.test(s) ? s : null;
}

/**
 * "them" as victims: the subject of the verb of saying it stands in ("Workers said officers
 * forced them …"), else the victims of the sentence's previous act ("gave inmates electric
 * shocks, stripped them").
 */
function pronounVictims(v: SentView, text: string, head: number, sentDrafts: readonly Draft[]): string | null {
  for (let k = head - 1; k >= 0; k--) {
    const t = v.tokens[k];
    if (!t || t.text === ';' || t.text === '“' || t.text === '”') break;
    if ((t.lemma === 'say' || t.lemma === 'tell') && t.pos === 'VERB') {
      const subj = npLeft(v, auxChainStart(v, k).start);
      let first = subj.first;
      const q = parseQuantity(lowers(v), first);
      if (q) first = q.next;
      while (first < subj.last && ['of', 'those', 'the'].includes(lowers(v)[first] ?? '') && !(lowers(v)[first] === 'those' && v.tokens[first + 1]?.pos === 'VERB')) first++;
      // The whole subject, opening its clause ("Workers said", not "interviewed by the network said").
      const pre = v.tokens[subj.first - 1];
      if (pre && (pre.pos === 'ADP' || pre.pos === 'VERB' || pre.pos === 'ADV' || pre.pos === 'AUX')) return null;
      if (first < subj.last && v.tokens.slice(first, subj.last).some((x) => x.pos === 'NOUN' || x.pos === 'PROPN' || (x.pos === 'VERB' && v.tokens[first]?.lower === 'those'))) return spanText(text, v.tokens, first, subj.last);
      return null;
    }
  }
  return sentDrafts[sentDrafts.length - 1]?.victims ?? null;
}

/** Perpetrator text compared with the victims': the victims never did it to themselves. */
function sameSpan(a: string, b: string | null): boolean {
  if (b === null) return false;
  const n = (x: string): string => x.toLowerCase().replace(/\s+/g, ' ').trim().replace(/^(?:the|these|those) /, '');
  return n(a) === n(b);
}

/**
 * The perpetrator of an act referred back to ("The abductions took place in: 15 in Russia …",
 * "Some 90 of those expelled"): the agent of the last earlier act of that type, if it had one.
 */
function backRefAgent(drafts: readonly Draft[], act: Act): { perpetrator: string | null; how: string } {
  for (let k = drafts.length - 1; k >= 0; k--) {
    const d = drafts[k] as Draft;
    if (d.act !== act) continue;
    return d.perpetrator ? { perpetrator: d.perpetrator, how: `agent of the act referred back to (${d.perpHow})` } : { perpetrator: null, how: 'the act referred back to has no agent' };
  }
  return { perpetrator: null, how: 'no act referred back to' };
}

/**
 * "They" as the subject of an act: the last agent named before, in this paragraph or the one
 * before (annotation decision 6: "They" → "Guards", "agents").
 */
function antecedentAgent(doc: Doc, v: SentView, earlier: readonly Draft[], current: readonly Draft[]): { perpetrator: string | null; how: string } {
  for (const list of [current, earlier]) {
    for (let k = list.length - 1; k >= 0; k--) {
      const d = list[k] as Draft;
      const para = doc.views[d.sent]?.sent.para ?? -2;
      if (para < v.sent.para - 1) return { perpetrator: null, how: '"they" with no agent named before' };
      if (d.perpetrator) return { perpetrator: d.perpetrator, how: '"they" = the last agent named before' };
    }
  }
  return { perpetrator: null, how: '"they" with no agent named before' };
}

/** What the stages of one extraction share (read-only once built). */
interface Doc {
  /** The input as given (quotes and spans are cut from it). */
  readonly original: string;
  /** The text the rules read (footnote markers blanked; same offsets). */
  readonly text: string;
  readonly pub: string;
  readonly views: readonly SentView[];
  readonly dates: readonly DateMention[][];
  readonly places: readonly PlaceMention[][];
  /** Memo for isStatementDate (the same mention is asked about several times). */
  readonly stmtDateCache: Map<DateMention, boolean>;
}

type DateChoice = { date: Resolved | null; text: string | null; start: number; end: number } | null;
type Frame = { date: Resolved; text: string; start: number; end: number };

// extract() is a short sequence of stage functions: one giant function with closures was too
// large for V8 to keep optimised (it deoptimised on every call and ran the rest unoptimised).
export function extract(input: ExtractInput, options: ExtractOptions = {}): ExtractionResult {
  const today = options.today ?? utcToday();
  const original = validateText(input.text);
  const pub = validatePublished(input.published, today);
  const a = analyse(original);
  const text = a.text;
  const views = a.sentences.map((s) => viewOf(a, s));

  const reg = registryOf(views, text, input.outlet ?? null);
  const dateline = a.dateline;
  const dates: DateMention[][] = findDatesAll(text, dateScopes(views, text, pub), pub).map((ds) => (dateline ? ds.filter((d) => d.start >= dateline.end) : ds));
  const { places, docCountry } = placesOf(views, text, dateline, reg);
  const doc: Doc = { original, text, pub, views, dates, places, stmtDateCache: new Map() };

  const { drafts, stmtsBySent } = readSentences(doc, reg);
  const incidents = resolveIncidents(doc, drafts, docCountry);
  const statements = buildStatements(doc, stmtsBySent, incidents, reg);

  const result: ExtractionResult = {
    source: {
      title: input.title ?? null,
      url: input.url ?? null,
      outlet: input.outlet ?? null,
      published: pub,
      published_inferred: false,
    },
    incidents,
    statements,
  };
  // Guard the contract: a rule bug must fail loudly here, not downstream in ingest.
  return assertExtractionResult(result);
}

// ------------------------------------------------------------------ registry of names
function registryOf(views: readonly SentView[], text: string, outlet: string | null): Registry {
  const reg: Registry = {
    persons: [],
    orgs: [],
    reportOwner: null,
    outlet,
    outletIsNgo: false,
    lastOrgSpeaker: null,
    aliases: new Map(),
    placeNames: new Set(),
  };
  for (const v of views) reg.orgs.push(...findOrgs(v, text));
  const ro = /\breports? (?:published|released|issued|compiled) by (?:the )?([A-Z][\w’'-]*(?: [A-Z][\w’'-]*)*)/.exec(text);
  if (ro && ro[1]) reg.reportOwner = ro[1];
  if (reg.outlet) {
    const o = reg.outlet;
    reg.outletIsNgo =
      /\b(?:Centre|Center|Desk|Watch|Network|Rights|Committee|Observatory|Forum|Memorial|Amnesty|Association|Coalition|Foundation|Institute)\b/.test(o) ||
      new RegExp(`${o.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')},? said today|\\bour researchers\\b`).test(text);
  }
  return reg;
}

// ------------------------------------------------------------------ dates and places per sentence
const YEAR_RE = /\b(19[5-9]\d|20[0-4]\d)\b/g;

function dateScopes(views: readonly SentView[], text: string, pub: string): DateScope[] {
  const pubYear = Number(pub.slice(0, 4));
  return views.map((v) => {
    const sText = text.slice(v.sent.start, v.sent.end);
    const years = new Set<number>();
    for (const m of sText.matchAll(YEAR_RE)) years.add(Number(m[1]));
    const ctxYear = years.size === 1 ? ([...years][0] ?? null) : null;
    return { start: v.sent.start, end: v.sent.end, contextYear: ctxYear !== null && ctxYear <= pubYear ? ctxYear : null, skip: v.sent.footnote };
  });
}

function placesOf(views: readonly SentView[], text: string, dateline: { start: number; end: number } | null, reg: Registry): { places: PlaceMention[][]; docCountry: string | null } {
  const places: PlaceMention[][] = [];
  const countryVotes = new Map<string, number>();
  for (const v of views) {
    const found = v.sent.footnote ? { places: [], countries: [] } : findPlaces(v, text);
    const ps = dateline ? found.places.filter((p) => p.start >= dateline.end) : found.places;
    places.push(ps);
    for (const p of ps) reg.placeNames.add(p.text);
    for (const c of found.countries) countryVotes.set(c, (countryVotes.get(c) ?? 0) + 1);
  }
  const docCountry = [...countryVotes.entries()].sort((x, y) => y[1] - x[1] || (x[0] < y[0] ? -1 : 1))[0]?.[0] ?? null;
  return { places, docCountry };
}

/** Statement dates ("said on Tuesday", "acknowledged last week") never date an act. */
function isStatementDate(doc: Doc, v: SentView, d: DateMention): boolean {
  const hit = doc.stmtDateCache.get(d);
  if (hit !== undefined) return hit;
  const r = isStatementDateRaw(doc.text, v, d);
  doc.stmtDateCache.set(d, r);
  return r;
}

function isStatementDateRaw(text: string, v: SentView, d: DateMention): boolean {
  for (let i = 0; i < v.tokens.length; i++) {
    const t = v.tokens[i];
    if (!t || !ATTRIBUTION_LEMMAS.has(t.lemma) || t.pos !== 'VERB') continue;
    const gap = text.slice(t.end, d.start);
    if (d.start >= t.end && /^\s*$/.test(gap)) return true;
    if (d.start >= t.end && /^\s+(?:in a (?:\w+ )?(?:report|statement|briefing)(?: \w+)?)\s+$/.test(gap)) return true;
    const gap2 = text.slice(d.end, t.start);
    if (t.start >= d.end && /^\s*$/.test(gap2) && t.lemma !== 'report') return true;
  }
  return false;
}

// ------------------------------------------------------------------ incidents and statements, sentence by sentence
function readSentences(doc: Doc, reg: Registry): { drafts: Draft[]; stmtsBySent: RawStatement[][] } {
  const { text, views } = doc;
  const drafts: Draft[] = [];
  const stmtsBySent: RawStatement[][] = [];
  let prevStatement: RawStatement | null = null;

  const allMentions = findActMentionsAll(views);
  for (const v of views) {
    if (!v.sent.footnote) sentenceDrafts(doc, v, allMentions[v.sent.i] ?? [], drafts);

    // Statements of this sentence.
    if (v.sent.para !== (prevStatement ? views[prevStatement.sent]?.sent.para : -1)) prevStatement = null;
    const ss: RawStatement[] = v.sent.footnote ? [] : findStatements(v, text, reg, prevStatement);
    stmtsBySent.push(ss);
    if (ss.length > 0) prevStatement = ss[ss.length - 1] ?? prevStatement;
  }
  return { drafts, stmtsBySent };
}

/** The acts proposed from one sentence, appended to `drafts` (which holds the earlier sentences'). */
function sentenceDrafts(doc: Doc, v: SentView, mentions: readonly ActMention[], drafts: Draft[]): void {
  const { text } = doc;
  const sentDates = doc.dates[v.sent.i] ?? [];
  const blocked = (i: number): boolean => {
    const t = v.tokens[i];
    return t !== undefined && sentDates.some((d) => t.start >= d.start && t.end <= d.end);
  };
  const kept: ActMention[] = [];
  const including = includingSegments(v);
  for (const m of mentions) {
    if (including.some((r) => m.head >= r.first && m.head < r.last)) continue;
    const j = judgeMention(v, m, mentions);
    if (j.keep) kept.push(m);
    else if (j.why === 'modifier') {
      // "Some 90 of those expelled were children": a breakdown of the act named.
      const words = lowers(v);
      if (words[m.head - 1] === 'those' && words[m.head - 2] === 'of' && v.tokens[m.head + 1]?.lemma === 'be' && v.tokens[m.head + 2]?.pos !== 'VERB') {
        const q = quantityIn(v, { first: 0, last: m.head - 2 }, blocked);
        if (q && q.q.next === m.head - 2) {
          const d = newDraft(v, m, countOf(q, false, v, text), true, 'partitive breakdown', m.act);
          const b = backRefAgent(drafts, m.act);
          d.perpetrator = b.perpetrator;
          d.perpHow = b.how;
          drafts.push(d);
        }
      }
    }
  }
  const sentDrafts: Draft[] = [];
  for (const m of kept) {
    // A noun inside a phrase trigger ("remain in pre-trial detention") is that trigger.
    if (m.noun && kept.some((o) => o !== m && !o.noun && o.head < m.head && o.end > m.head)) continue;
    const vc = victimCount(v, m, blocked);
    let count = countOf(vc.found, vc.single, v, text);
    let how = vc.how;
    let hasOwn = vc.found !== null;
    if (m.mode === 'none') count = countOf(null, false, v, text);
    if (vc.pronoun && !vc.found && !vc.single) {
      const r = resolvePronounCount(v, m.head, blocked, sentDrafts);
      if (r) {
        count = r.count;
        how = `${how} → ${r.how}`;
        hasOwn = false;
      }
    }
    // "The men were held in a secret prison": a re-description of people already counted
    // (annotation decision 3), not a new count claim.
    if (count.qualifier === 'unspecified' && !vc.found && vc.np && /^(?:the|these|those)$/i.test(v.tokens[vc.np.first]?.text ?? '') && drafts.some((x) => x.act === m.act)) continue;
    const d = newDraft(v, m, count, hasOwn, how, null);
    d.victims = victimsText(v, text, vc, m, blocked, doc.places[v.sent.i] ?? []);
    if (d.victims === null && (vc.pronoun === 'them' || vc.pronoun === 'they')) d.victims = pronounVictims(v, text, m.head, sentDrafts);
    const ag = agentOf(v, m, { blocked, victims: vc.np, mentions: kept });
    if (ag.kind === 'span') {
      const p = spanText(doc.original, v.tokens, ag.first, ag.last);
      if (sameSpan(p, d.victims)) d.perpHow = 'agent phrase is the victims';
      else {
        d.perpetrator = p;
        d.perpHow = ag.how;
      }
    } else if (ag.kind === 'pronoun') {
      const r = antecedentAgent(doc, v, drafts, sentDrafts);
      d.perpetrator = r.perpetrator !== null && !sameSpan(r.perpetrator, d.victims) ? r.perpetrator : null;
      d.perpHow = r.how;
    } else d.perpHow = ag.how;
    const headTok = v.tokens[m.head];
    // "they take away documents, they threaten …": present tense describes a practice.
    // Only with a pronoun subject or an -s form: "police beat protesters" is a past tense.
    const subjWord = v.tokens[auxChainStart(v, m.head).start - 1]?.lower ?? '';
    d.habitual =
      !m.noun &&
      headTok !== undefined &&
      headTok.pos === 'VERB' &&
      !['remain', 'be', 'have', 'stay'].includes(headTok.lemma) &&
      ((headTok.lower === headTok.lemma && ['they', 'we', 'you', 'i'].includes(subjWord)) || (headTok.lower === `${headTok.lemma}s` && !headTok.lower.endsWith('ss'))) &&
      !auxChainStart(v, m.head).passive;
    d.ongoing = ONGOING_ACTS.has(m.act) || /\bsince (?:an?|the|his|her|their) (?:earlier|previous|last|first) (?:arrest|detention)\b/i.test(text.slice(v.sent.start, v.sent.end));
    // Dedupe: the same act with the same count in one sentence ("detained … and held").
    const dup = sentDrafts.find((x) => x.act === d.act && x.count.qualifier === d.count.qualifier && x.count.value === d.count.value && x.count.min === d.count.min && x.count.max === d.count.max);
    if (dup) continue;
    sentDrafts.push(d);
  }
  // Breakdowns: ", including six children", "among them 14 minors".
  for (const seg of including) {
    const segStart = v.tokens[seg.first]?.start ?? 0;
    const counted = sentDrafts.filter((x) => x.count.qualifier !== 'unspecified' && x.count.offsets !== null);
    const anchor = [...counted].reverse().find((x) => (x.count.offsets?.start ?? 0) < segStart) ?? counted[0];
    if (!anchor) continue;
    const q = quantityIn(v, { first: seg.first + 1 + (lowers(v)[seg.first] === 'among' ? 1 : 0), last: seg.last }, blocked);
    if (!q) continue;
    // Dated like its total: the breakdown keeps the total's head.
    const d: Draft = { ...anchor, count: countOf(q, false, v, text), hasOwnCount: true, at: anchor.at + 1, how: 'breakdown (including)', rule: anchor.rule, forcedDate: null };
    const after = spanText(text, v.tokens, q.q.next, Math.min(seg.last, q.q.next + 3)).split(/(?:^|\s+)(?:held|with|in|at|under|who|from)\b/)[0]?.trim();
    d.victims = after && /[\p{L}]{3,}/u.test(after) && !/^(?:of|the|those|them|whom)$/i.test(after) ? after : anchor.victims;
    const segDates = sentDates.filter((x) => x.start >= (v.tokens[seg.first]?.start ?? 0) && x.end <= (v.tokens[seg.last - 1]?.end ?? 0));
    if (segDates[0] && segDates[0].date) d.forcedDate = { date: segDates[0].date, text: segDates[0].text, start: segDates[0].start, end: segDates[0].end };
    sentDrafts.push(d);
  }
  // Elliptical coordination: "500 were detained in Moscow and at least 300 in St Petersburg".
  {
    const words = lowers(v);
    for (let i = 0; i < words.length; i++) {
      if (words[i] !== 'and') continue;
      const q = parseQuantity(words, i + 1);
      if (!q || q.value === null && q.qualifier !== 'range') continue;
      if (!['in', 'at'].includes(words[q.next] ?? '') || !/^[A-Z]/.test(v.tokens[q.next + 1]?.text ?? '')) continue;
      let verbAfter = false;
      for (let k = q.next; k < words.length && !['.', ',', ';'].includes(words[k] ?? ''); k++) if (v.tokens[k]?.pos === 'VERB' || v.tokens[k]?.pos === 'AUX') verbAfter = true;
      const anchor = [...sentDrafts].reverse().find((x) => x.hasOwnCount && x.head < i);
      if (verbAfter || !anchor) continue;
      const pl = (doc.places[v.sent.i] ?? []).find((p) => p.first === q.next + 1) ?? null;
      sentDrafts.push({ ...anchor, count: countOf({ q, textFirst: q.first, textLast: q.next }, false, v, text), head: anchor.head, at: anchor.at + 2, how: 'elliptical coordination', place: pl, forcedDate: null });
    }
  }
  // Colon lists: "took place in three countries: 15 in Russia, nine in Turkey and three …".
  const colon = v.tokens.findIndex((t) => t.text === ':');
  if (colon > 0) {
    const anchorMention = mentions.find((m) => m.head < colon);
    const anchorDraft = [...sentDrafts].reverse().find((x) => x.head < colon);
    const act = anchorDraft?.act ?? anchorMention?.act;
    if (act) {
      const words = lowers(v);
      let i = colon + 1;
      while (i < v.tokens.length) {
        const q = parseQuantity(words, i);
        if (q && q.value !== null) {
          const d: Draft = {
            ...(anchorDraft ?? backRefDraft(v, anchorMention as ActMention, countOf(null, false, v, text), drafts)),
            count: countOf({ q, textFirst: q.first, textLast: q.next }, false, v, text),
            hasOwnCount: true,
            head: q.first,
            at: v.tokens[q.first]?.start ?? 0,
            how: 'breakdown (list)',
            listItem: true,
            forcedDate: null,
            place: null,
          };
          const nextWord = words[q.next] ?? '';
          if (nextWord === 'in') {
            const pl = (doc.places[v.sent.i] ?? []).find((p) => p.first === q.next + 1);
            if (pl) d.place = pl;
          } else if (v.tokens[q.next]?.pos === 'PROPN' || v.tokens[q.next]?.pos === 'NOUN') {
            d.victims = v.tokens[q.next]?.text ?? d.victims;
          }
          sentDrafts.push(d);
          i = q.next;
        } else i++;
      }
      // The anchor itself is a back-reference when it has no count of its own.
      if (anchorDraft && !anchorDraft.hasOwnCount && sentDrafts.length > 1) sentDrafts.splice(sentDrafts.indexOf(anchorDraft), 1);
    }
  }
  drafts.push(...sentDrafts);
}

// ------------------------------------------------------------------ dates, places and perpetrators of the incidents
/**
 * The episode: "the persecution began in late December" (from then to publication), else the
 * date of the first dated act in the text.
 */
function episodeOf(doc: Doc, drafts: readonly Draft[]): Frame | null {
  const { text, views, dates, pub } = doc;
  let episode: Frame | null = null;
  for (const v of views) {
    for (const d of dates[v.sent.i] ?? []) {
      if (!d.date) continue;
      const before = text.slice(Math.max(v.sent.start, d.start - 30), d.start);
      if (EPISODE_START.test(before.replace(/\s+(?:in|on|at|around|from)\s*$/i, ' ').trimEnd() + ' ') || EPISODE_START.test(before.replace(/\s*(?:in|on|at|around|from)\s*$/i, ''))) {
        episode = { date: { start: d.date.start, end: pub, precision: d.date.precision }, text: d.text, start: d.start, end: d.end };
        break;
      }
    }
    if (episode) break;
  }

  if (!episode) {
    const firstAct = drafts.reduce((min, d) => Math.min(min, d.sent), Number.POSITIVE_INFINITY);
    const para = views[firstAct]?.sent.para;
    for (const v of views) {
      if (para === undefined || v.sent.para !== para || v.sent.i < firstAct) continue;
      const d = (dates[v.sent.i] ?? []).find((m) => m.date && m.kind !== 'anaphoric' && !isStatementDate(doc, v, m));
      if (d && d.date) {
        episode = { date: d.date, text: d.text, start: d.start, end: d.end };
        break;
      }
    }
  }
  return episode;
}

function resolveIncidents(doc: Doc, drafts: Draft[], docCountry: string | null): ExtractedIncident[] {
  const { original, text, views, dates, places } = doc;
  const episode = episodeOf(doc, drafts);
  const incidents: ExtractedIncident[] = [];
  const resolvedDates: DateChoice[] = [];
  const sentFrame = new Map<number, Frame>();
  drafts.sort((x, y) => x.at - y.at);
  const bySent = new Map<number, Draft[]>();
  for (const d of drafts) {
    const list = bySent.get(d.sent);
    if (list) list.push(d);
    else bySent.set(d.sent, [d]);
  }
  const draftIndex = new Map<Draft, number>(drafts.map((d, i) => [d, i]));
  for (let di = 0; di < drafts.length; di++) {
    const d = drafts[di] as Draft;
    const v = views[d.sent] as SentView;
    const sentDates = (dates[d.sent] ?? []).filter((m) => !isStatementDate(doc, v, m));
    let chosen: DateChoice = d.forcedDate;
    let why = d.forcedDate ? 'date of breakdown segment' : '';
    if (!chosen) {
      const headStart = v.tokens[d.head]?.start ?? d.at;
      const others = (bySent.get(d.sent) ?? []).filter((x) => x !== d && x.hasOwnCount && x.head !== d.head);
      const after = sentDates.filter((m) => m.start > headStart && !others.some((o) => o.at > headStart && o.at < m.start && o.at !== d.at));
      const before = sentDates.filter((m) => m.end <= headStart && (m.anchor !== null || d.listItem || !blockedByCoordination(v, text, m.end, headStart)));
      const pick = after[0] ?? before[before.length - 1] ?? null;
      if (pick) {
        if (pick.kind === 'anaphoric') {
          const prev = [...resolvedDates].reverse().find((x) => x && x.date);
          chosen = prev && prev.date ? { date: shift(prev.date, pick.offsetDays), text: pick.text, start: pick.start, end: pick.end } : null;
          why = 'anaphoric date';
        } else if (pick.anchor && headStart > pick.end) {
          chosen = { date: pick.anchor.date, text: pick.anchor.text, start: pick.anchor.start, end: pick.anchor.end };
          why = 'date of "since X, when"';
        } else {
          chosen = { date: pick.date, text: pick.text, start: pick.start, end: pick.end };
          why = 'date in clause';
        }
      }
    }
    if (!chosen && (d.ongoing || d.habitual)) {
      why = d.ongoing ? 'ongoing condition: no date' : 'practice in the present tense: no date';
    } else if (!chosen && d.backRef) {
      const prev = [...drafts.slice(0, di)].reverse().find((x) => x.act === d.backRef && x.sent < d.sent && views[x.sent]?.sent.para === v.sent.para);
      const pd = prev ? resolvedDates[draftIndex.get(prev) ?? -1] : null;
      if (pd) {
        chosen = pd;
        why = 'date of the act referred back to';
      }
    }
    if (!chosen && !d.ongoing && !d.habitual) {
      // A date opening an earlier sentence of the paragraph frames what follows.
      for (let s = d.sent - 1; s >= 0 && views[s]?.sent.para === v.sent.para; s--) {
        const f = sentFrame.get(s) ?? frameOf(views[s] as SentView, dates[s] ?? [], text);
        if (f) {
          sentFrame.set(s, f);
          chosen = f;
          why = 'date framing the paragraph';
          break;
        }
      }
    }
    if (!chosen && !d.ongoing && !d.habitual) {
      const ep = episode ?? firstActDate(drafts, resolvedDates);
      if (ep) {
        chosen = ep;
        why = 'date of the episode';
      }
    }
    resolvedDates.push(chosen);

    // Location: a place in the sentence, else the last place of the paragraph, else the lead's.
    const sentPlaces = places[d.sent] ?? [];
    let place: PlaceMention | null = d.place;
    if (!place && sentPlaces.length > 0) {
      const headStart = v.tokens[d.head]?.start ?? d.at;
      const afterP = sentPlaces.filter((p) => p.start > headStart);
      place = afterP[0] ?? sentPlaces[sentPlaces.length - 1] ?? null;
    }
    if (!place) {
      for (let s = d.sent - 1; s >= 0 && !place; s--) {
        if (views[s]?.sent.para !== v.sent.para) break;
        const ps = places[s] ?? [];
        place = ps[ps.length - 1] ?? null;
      }
    }
    if (!place) {
      for (let s = 0; s < views.length && !place; s++) {
        const ps = (places[s] ?? []).filter((p) => p.ref.place !== null);
        place = ps[0] ?? null;
      }
    }
    const country = place?.ref.country ?? docCountry;

    // Perpetrator: the act's own agent only (found with the draft); never carried from another act.
    const evidence = { start: v.sent.start, end: v.sent.end };
    incidents.push({
      act: d.act,
      count: d.count,
      date: chosen && chosen.date
        ? { text: chosen.text ? original.slice(chosen.start, chosen.end) : null, start: chosen.date.start, end: chosen.date.end, precision: chosen.date.precision, offsets: { start: chosen.start, end: chosen.end } }
        : { text: null, start: null, end: null, precision: 'unknown', offsets: null },
      location: { text: place ? original.slice(place.start, place.end) : null, place: place?.ref.place ?? null, country: country ?? null, offsets: place ? { start: place.start, end: place.end } : null },
      perpetrator: d.perpetrator,
      victims: d.victims,
      evidence_span: original.slice(evidence.start, evidence.end),
      evidence,
      basis: `trigger ${d.rule}; count: ${d.how}; date: ${why || 'none'}; perpetrator: ${d.perpHow}`,
    });
  }
  return incidents;
}

// ------------------------------------------------------------------ statements
function buildStatements(doc: Doc, stmtsBySent: readonly RawStatement[][], incidents: readonly ExtractedIncident[], reg: Registry): ExtractedStatement[] {
  const { original, text, views } = doc;
  const statements: ExtractedStatement[] = [];
  const targetsBySent = new Map<number, number[]>();
  incidents.forEach((inc, idx) => {
    const list = targetsBySent.get(inc.evidence.start);
    if (list) list.push(idx);
    else targetsBySent.set(inc.evidence.start, [idx]);
  });
  const raw: RawStatement[] = [];
  for (const ss of stmtsBySent) for (const x of ss) raw.push(x);
  const finalRelay = relaysOf(raw, views, reg);
  const speakers = namedNearby(raw);
  for (let i = 0; i < raw.length; i++) {
    const s = raw[i] as RawStatement;
    const v = views[s.sent] as SentView;
    const sp = speakers[i] ?? s.speaker;
    let st = stanceOf({ ...s, speaker: sp }, v, text, s.speakerRange);
    // An authority stating that acts happened, without rebuttal, acknowledges them.
    if (st.stance === 'other' && sp.authority && !s.continuation && (targetsBySent.get(v.sent.start) ?? []).length > 0 && !/\b(?:blame|justif)/i.test(st.why)) {
      st = { stance: 'acknowledges', why: 'authority reports the act' };
    }
    const quoteText = s.quote ? cleanQuote(original.slice(v.tokens[s.quote.first]?.start ?? 0, v.tokens[s.quote.last - 1]?.end ?? 0)) : null;
    const contentText = spanText(original, v.tokens, s.content.first, s.content.last).replace(/^[\s,“”"]+|[\s,“”".]+$/g, '').replace(/^that\s+/i, '');
    const about = (s.continuation && quoteText ? quoteText : contentText).slice(0, 160);
    const targets = [...(targetsBySent.get(v.sent.start) ?? [])];
    statements.push({
      speaker: sp.name,
      speaker_role: sp.role,
      organisation: sp.org,
      stance: st.stance,
      about: about.length > 0 ? about : (quoteText ?? ''),
      quote: quoteText,
      reported_by: finalRelay[i] ?? null,
      evidence_span: original.slice(v.sent.start, v.sent.end),
      evidence: { start: v.sent.start, end: v.sent.end },
      quote_offsets: s.quote ? { start: v.tokens[s.quote.first]?.start ?? 0, end: v.tokens[s.quote.last - 1]?.end ?? 0 } : null,
      targets,
      basis: `attribution: ${s.basis}; speaker: ${sp.how}; stance: ${st.why}`,
    });
  }
  return statements;
}

/** Carry a relay to later statements of the same speaker in the paragraph ("he said"). */
function relaysOf(raw: readonly RawStatement[], views: readonly SentView[], reg: Registry): (string | null)[] {
  const finalRelay: (string | null)[] = [];
  for (let i = 0; i < raw.length; i++) {
    const s = raw[i] as RawStatement;
    let relay = s.relay;
    const para = views[s.sent]?.sent.para;
    if (!relay) {
      for (let k = i - 1; k >= 0; k--) {
        const p = raw[k] as RawStatement;
        if (views[p.sent]?.sent.para !== para) break;
        if (sameSpeaker(p, s) && finalRelay[k]) {
          relay = finalRelay[k] ?? null;
          break;
        }
      }
    }
    // Second-hand chain: victims and witnesses speaking through an NGO.
    if (!relay && s.speaker.kind === 'group' && !s.speaker.authority) {
      for (let k = i - 1; k >= 0; k--) {
        const p = raw[k] as RawStatement;
        if (views[p.sent]?.sent.para !== para) break;
        const pr = finalRelay[k];
        if (pr && p.speaker.kind === 'group') {
          relay = pr;
          break;
        }
        if (p.speaker.kind === 'org' && p.speaker.org && !p.speaker.authority && /\b(?:rights|network|watch|centre|center|observatory|monitor|desk|committee|support)\b/i.test(p.speaker.org)) {
          relay = p.speaker.org;
          break;
        }
      }
      if (!relay && reg.outletIsNgo) relay = reg.outlet;
    }
    if (relay && s.speaker.org && relay === s.speaker.org) relay = null;
    finalRelay.push(relay);
  }
  return finalRelay;
}

/**
 * A person described but named only in a neighbouring sentence ("a government spokesperson
 * denied …" / "said spokesperson Alvi Kraimov").
 */
function namedNearby(raw: readonly RawStatement[]): Speaker[] {
  const speakers = raw.map((s) => s.speaker);
  for (let i = 0; i < raw.length; i++) {
    const sp = speakers[i];
    if (!sp || sp.name || sp.kind === 'person') continue;
    const role = personRoleWord(sp.role);
    if (!role || /^(?:the|a|an)?\s*\w*\s*(?:officials|lawyers|directors)\b/i.test(sp.role ?? '')) continue;
    if (/\banonymity\b|\bspeaking on condition\b/i.test(sp.role ?? '')) continue;
    for (const k of [i + 1, i + 2, i - 1]) {
      const o = speakers[k];
      const rs = raw[k];
      if (!o || !rs || !o.name || Math.abs((raw[k]?.sent ?? 0) - (raw[i]?.sent ?? 0)) > 2) continue;
      if ((o.role ?? '').toLowerCase().includes(role)) {
        speakers[i] = { ...o, how: `${sp.how}; named nearby` };
        break;
      }
    }
  }
  return speakers;
}

function newDraft(v: SentView, m: ActMention, count: ExtractedIncident['count'], hasOwn: boolean, how: string, backRef: Act | null): Draft {
  return {
    act: m.act,
    sent: v.sent.i,
    head: m.head,
    at: v.tokens[m.head]?.start ?? v.sent.start,
    count,
    hasOwnCount: hasOwn,
    victims: null,
    perpetrator: null,
    perpHow: 'none',
    rule: m.rule,
    how,
    forcedDate: null,
    backRef,
    place: null,
    habitual: false,
    ongoing: false,
    listItem: false,
  };
}

/** The anchor of a colon list that is a back-reference ("The abductions took place …: 15 in …"). */
function backRefDraft(v: SentView, m: ActMention, count: ExtractedIncident['count'], drafts: readonly Draft[]): Draft {
  const d = newDraft(v, m, count, false, '', null);
  if (['the', 'these', 'those'].includes(lowers(v)[m.head - 1] ?? '')) {
    const b = backRefAgent(drafts, m.act);
    d.perpetrator = b.perpetrator;
    d.perpHow = b.how;
  } else d.perpHow = 'list anchor without an agent';
  return d;
}

/** ", including 23 under 18," / "among them 14 minors" / ", of whom six were children". */
function includingSegments(v: SentView): { first: number; last: number }[] {
  const out: { first: number; last: number }[] = [];
  const words = lowers(v);
  for (let i = 0; i < words.length; i++) {
    const w = words[i];
    const startsSeg = w === 'including' || (w === 'among' && (words[i + 1] === 'them' || words[i + 1] === 'whom'));
    if (!startsSeg || words[i - 1] !== ',') continue;
    let j = i + 1;
    while (j < words.length && words[j] !== ',' && words[j] !== '.' && words[j] !== ';' && !(words[j] === 'and' && words[j + 1] === 'that')) j++;
    out.push({ first: i, last: j });
  }
  return out;
}

/** "killed on Monday and 40 detained": a date before "and <count>" belongs to the first clause. */
function blockedByCoordination(v: SentView, text: string, from: number, to: number): boolean {
  const words = lowers(v);
  for (let i = 0; i < v.tokens.length; i++) {
    const t = v.tokens[i];
    if (!t || t.start < from || t.end > to) continue;
    if (words[i] === 'and' && parseQuantity(words, i + 1) && v.tokens[i - 1]?.pos !== 'NUM') return true;
    if (words[i] === ';') return true;
  }
  void text;
  return false;
}

function frameOf(v: SentView, ds: readonly DateMention[], text: string): { date: Resolved; text: string; start: number; end: number } | null {
  const first = ds[0];
  if (!first || !first.date || first.kind !== 'point') return null;
  const lead = text.slice(v.sent.start, first.start);
  if (!/^[\s“"]*(?:in|on|during|by)?\s*$/i.test(lead)) return null;
  return { date: first.date, text: first.text, start: first.start, end: first.end };
}

function firstActDate(drafts: readonly Draft[], resolved: readonly ({ date: Resolved | null; text: string | null; start: number; end: number } | null)[]): { date: Resolved; text: string | null; start: number; end: number } | null {
  for (let i = 0; i < resolved.length; i++) {
    const r = resolved[i];
    if (r && r.date) return { date: r.date, text: r.text, start: r.start, end: r.end };
  }
  void drafts;
  return null;
}

function shift(d: Resolved, days: number): Resolved {
  if (days === 0 || d.precision !== 'day') return d;
  const n = Date.parse(`${d.start}T00:00:00Z`) + days * 86_400_000;
  const iso = new Date(n).toISOString().slice(0, 10);
  return { start: iso, end: iso, precision: 'day' };
}

// roleHead runs for every pair of statements in a paragraph: memoised per role string.
const ROLE_HEAD_MEMO = new Map<string, string | null>();

function roleHead(role: string | null): string | null {
  if (!role) return null;
  let head = ROLE_HEAD_MEMO.get(role);
  if (head === undefined) {
    const words = role.toLowerCase().match(/[a-z]+/g);
    head = words && words.length > 0 ? (words[words.length - 1] ?? null) : null;
    if (ROLE_HEAD_MEMO.size > 20_000) ROLE_HEAD_MEMO.clear();
    ROLE_HEAD_MEMO.set(role, head);
  }
  return head;
}

function sameSpeaker(a: RawStatement, b: RawStatement): boolean {
  // "a government spokesperson denied…" then "…, said spokesperson A. B.": one person, named later.
  if (!a.speaker.name !== !b.speaker.name) {
    const ha = roleHead(a.speaker.role);
    if (ha !== null && ha === roleHead(b.speaker.role)) return true;
  }
  if (a.speaker.name || b.speaker.name) return a.speaker.name === b.speaker.name;
  if (!a.speaker.name && !b.speaker.name && a.speaker.org && b.speaker.org) return a.speaker.org === b.speaker.org;
  return b.continuation;
}

function cleanQuote(q: string): string {
  return q.replace(/^[“"\s]+/, '').replace(/[”"\s]+$/, '').replace(/,$/, '');
}

/** "they"/"them" as victims: the counted speaker of the reporting verb, else the sentence's last act. */
function resolvePronounCount(v: SentView, head: number, blocked: (i: number) => boolean, sentDrafts: readonly Draft[]): { count: ExtractedIncident['count']; how: string } | null {
  for (let k = head - 1; k >= 0; k--) {
    const t = v.tokens[k];
    if (!t) break;
    if ((t.lemma === 'say' || t.lemma === 'tell') && t.pos === 'VERB') {
      const subj = npLeft(v, auxChainStart(v, k).start);
      const q = quantityIn(v, subj, blocked);
      if (q) {
        const a = v.tokens[q.textFirst];
        const b = v.tokens[q.textLast - 1];
        return {
          count: { qualifier: q.q.qualifier, value: q.q.value, min: q.q.min, max: q.q.max, text: a && b ? v.sent && a && b ? textOf(v, q.textFirst, q.textLast) : null : null, offsets: a && b ? { start: a.start, end: b.end } : null },
          how: 'pronoun = counted speaker',
        };
      }
      break;
    }
  }
  const prev = sentDrafts[sentDrafts.length - 1];
  if (prev) return { count: prev.count, how: 'pronoun = previous act in sentence' };
  return null;
}

function textOf(v: SentView, first: number, last: number): string {
  return v.tokens.slice(first, last).map((t, i) => (i === 0 ? t.text : `${' '.repeat(Math.max(0, t.start - (v.tokens[first + i - 1]?.end ?? t.start)))}${t.text}`)).join('');
}
