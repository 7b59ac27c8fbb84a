/**
 * Attributed statements (CONVENTIONS.md, "Statements"): one per attribution act — a verb of
 * saying, "according to X", "X denied", "told X", or a quotation continued after its tag.
 */
import type { ExtractStance } from './schema.js';
import { analyseSpeaker, isAuthority, isOutletName, personRoleWord, resolveOrgRef, type Registry, type Speaker } from './speakers.js';
import type { SentView } from './view.js';
import { spanText } from './view.js';

const SAY = new Set([
  'say', 'tell', 'add', 'state', 'claim', 'allege', 'acknowledge', 'admit', 'concede', 'confirm',
  'verify', 'deny', 'reject', 'dismiss', 'refute', 'urge', 'demand', 'blame', 'insist', 'warn',
  'announce', 'write', 'report', 'quote', 'accuse', 'call', 'appeal', 'ask', 'promise', 'pledge',
  'vow', 'explain', 'note', 'argue', 'describe', 'recount', 'testify', 'complain', 'estimate',
  'count', 'record', 'document',
]);
/** "called the report …", "called the allegations …", "called it …": a characterisation. */
const CALLED_X = /^(?:(?:the|these|those|such|this|that) (?:\S+ )?(?:report|reports|claim|claims|allegation|allegations|accusation|accusations|article|story|stories|publication|findings)|it|them)\b/;
/** Words that dismiss what they characterise ("absolute lies and disinformation"). */
const DISMISSIVE = /\b(?:lie|lies|lying|disinformation|misinformation|slander|libel|fabricat\w*|fake|false|untrue|nonsense|absurd|baseless|groundless|provocation|fiction|invent\w*|propaganda|smear)\b/i;

/** Verbs that attribute only with "that", a quotation, or at the end of the sentence. */
const WEAK = new Set(['announce', 'warn', 'explain', 'note', 'argue', 'describe', 'recount', 'testify', 'complain', 'estimate', 'count', 'record', 'document', 'write', 'ask', 'promise', 'pledge', 'vow', 'accuse', 'insist', 'state']);

export interface RawStatement {
  readonly sent: number;
  readonly verb: number;
  readonly verbLemma: string;
  readonly speaker: Speaker;
  readonly quote: { first: number; last: number } | null;
  readonly relay: string | null;
  readonly content: { first: number; last: number };
  readonly continuation: boolean;
  readonly speakerRange: { first: number; last: number } | null;
  readonly basis: string;
}

function isTagEnd(v: SentView, k: number): boolean {
  // "…, the group said." / "…, RT reported." — nothing but a date or a phrase follows.
  for (let i = k + 1; i < v.tokens.length; i++) {
    const t = v.tokens[i];
    if (!t) break;
    if (t.text === '.' || t.text === ',' || t.text === '”') return true;
    if (t.pos === 'VERB' || t.lower === 'that') return false;
  }
  return true;
}

/**
 * The speaker phrase to the left of a verb: the comma-separated segment right before it, plus
 * appositives before that ("Igor Kochetkov, the programme director for …, said"; "A defence
 * ministry official, speaking on condition of anonymity, acknowledged").
 */
export function speakerLeft(v: SentView, end: number): { first: number; last: number } {
  let stop = -1;
  for (let i = end - 1; i >= 0; i--) {
    const t = v.tokens[i]?.text;
    if (t === '”' || t === ';' || t === ':' || t === '"' || t === '—') {
      stop = i;
      break;
    }
  }
  const segs: { first: number; last: number }[] = [];
  let last = end;
  for (let i = end - 1; i > stop; i--) {
    if (v.tokens[i]?.text === ',') {
      segs.push({ first: i + 1, last });
      last = i;
    }
  }
  segs.push({ first: stop + 1, last });
  let first = end;
  // "Kochetkov, the programme director …, said": the comma right before the verb closes an appositive.
  if (segs[0] && segs[0].last <= segs[0].first) segs.shift();
  let s = 0;
  // An aside right before the verb: ", speaking on condition of anonymity,".
  const s0 = segs[0];
  if (s0 && segs.length > 1 && v.tokens[s0.first]?.lower.endsWith('ing') && v.tokens[s0.first]?.pos === 'VERB') s = 1;
  // A non-restrictive relative clause: "OVD-Info, which monitors arrests, said".
  else if (s0 && segs.length > 1 && ['which', 'who'].includes(v.tokens[s0.first]?.lower ?? '') && (v.tokens[s0.first - 1]?.text === ',')) s = 1;
  let prevStart: string | null = null;
  for (; s < segs.length; s++) {
    const seg = segs[s];
    if (!seg || seg.last <= seg.first) break;
    if (prevStart !== null && !(prevStart === 'DET' || prevStart === 'PROPN' || prevStart === 'PRON')) break;
    if (!npish(v, seg)) break;
    first = seg.first;
    const ft = v.tokens[seg.first];
    prevStart = ft ? (ft.pos === 'DET' || ['its', 'his', 'her', 'their', 'our'].includes(ft.lower) ? (ft.pos === 'PRON' ? 'PRON' : 'DET') : ft.pos) : null;
    // A segment opening with a bare noun ("director of the Delta Rights Centre") is an
    // appositive only to a name right before it.
    if (ft && ft.pos !== 'PROPN' && ft.pos !== 'DET' && ft.pos !== 'PRON' && !/^[A-Z]/.test(ft.text)) {
      const left = segs[s + 1];
      if (left && left.last - left.first <= 4 && v.tokens.slice(left.first, left.last).every((t) => /^[A-Z]/.test(t.text) && t.pos === 'PROPN')) first = left.first;
      break;
    }
  }
  return { first, last: end };
}

function npish(v: SentView, seg: { first: number; last: number }): boolean {
  let rel = false;
  let relVerbs = 0;
  // "In Belarus, the Viasna centre said": an adverbial, not part of the speaker.
  if (v.tokens[seg.first]?.pos === 'ADP' || v.tokens[seg.first]?.pos === 'SCONJ') return false;
  for (let i = seg.first; i < seg.last; i++) {
    const t = v.tokens[i];
    if (!t) return false;
    if (v.inQuote[i]) return false;
    if (t.lower === 'who' || t.lower === 'that' || t.lower === 'which' || t.lower === 'whom') {
      if (i === seg.first) return false;
      rel = true;
      continue;
    }
    if (rel) {
      // A relative clause inside a noun phrase has one verb ("a group that tracks …"); a second
      // finite verb means the clause was the sentence ("men who died … had injuries").
      if ((t.pos === 'VERB' || t.pos === 'AUX') && !t.lower.endsWith('ing')) relVerbs++;
      if (relVerbs > 1) return false;
      continue;
    }
    if (t.pos === 'AUX') return false;
    if (t.pos === 'VERB') {
      const next = v.tokens[i + 1]?.lower;
      const prev = v.tokens[i - 1]?.lower;
      if (i === seg.first && !/^[A-Z]/.test(t.text)) return false;
      // Tagger slips inside a noun phrase: "a local rights monitor/VERB", "Mexico City-based/VERB".
      if (prev === '-' || (i === seg.last - 1 && ['ADJ', 'NOUN', 'DET'].includes(v.tokens[i - 1]?.pos ?? ''))) continue;
      if (next === 'by' || prev === 'those' || prev === 'the') continue;
      if (v.tokens[i + 1]?.pos === 'NOUN' && !t.lower.endsWith('ed')) continue;
      if (t.lower === 'missing') continue;
      if (/^[A-Z]/.test(t.text)) continue;
      return false;
    }
  }
  return true;
}

/** Speaker phrase after an inverted verb: ",” said Malika Rahimova, the centre’s researcher." */
function speakerRight(v: SentView, start: number): { first: number; last: number } {
  let i = start;
  while (i < v.tokens.length) {
    const t = v.tokens[i];
    if (!t) break;
    if (t.text === '.' || t.text === ';' || t.text === '“' || v.inQuote[i]) break;
    if (t.text === ',' && !/^(?:the|a|an|its|his|her|their)$/i.test(v.tokens[i + 1]?.text ?? '') && !/^[A-Z]/.test(v.tokens[i + 1]?.text ?? '')) break;
    if ((t.lower === 'in' || t.lower === 'on') && /^(?:a|the)$/.test(v.tokens[i + 1]?.lower ?? '') === false && /^[A-Z]/.test(v.tokens[i + 1]?.text ?? '') === false) break;
    i++;
  }
  return { first: start, last: i };
}

function recipient(v: SentView, start: number): { first: number; last: number } {
  let i = start;
  while (i < v.tokens.length) {
    const t = v.tokens[i];
    if (!t) break;
    // A capitalised word inside a name is not a verb ("told The Associated Press").
    const inName = i > start && /^[A-Z]/.test(t.text) && /^[A-Z]/.test(v.tokens[i - 1]?.text ?? '');
    if (t.text === '.' || t.text === ',' || t.lower === 'that' || t.text === '“' || ((t.pos === 'VERB' || t.pos === 'AUX') && !inName)) break;
    if (i > start && (t.lower === 'they' || t.lower === 'he' || t.lower === 'she' || t.lower === 'it' || t.lower === 'we')) break;
    if (i > start && (t.lower === 'in' || t.lower === 'on' || t.lower === 'at') && !/^[A-Z]/.test(v.tokens[i + 1]?.text ?? '')) break;
    i++;
  }
  return { first: start, last: i };
}

export interface SentenceStatements {
  readonly statements: RawStatement[];
}

/** Resolve what "told X" / "X reported" / "according to X" names as a relay, if anything. */
function relayName(phrase: string, reg: Registry, sent: number): string | null {
  // "The Moscow Times", "The Associated Press": the article is part of the name.
  const titled = /^The\s+(?:[A-Z][\w’'-]*\s*)+$/.exec(phrase.trim());
  if (titled) return titled[0].trim();
  const p = phrase.replace(/^(?:the|a|an)\s+/i, '').trim();
  const lw = p.toLowerCase();
  if (/^(?:reporters|journalists|me|us|him|her|them|the press|media|local media)\b/.test(lw)) return null;
  if (/\bour (?:researchers|staff|team|monitors)\b/.test(lw)) return reg.outlet;
  const possessive = /^(?:the )?(\w+)(?:’s|'s)\s/.exec(`the ${p}`);
  const head = /(agency|newspaper|outlet|broadcaster|channel|network|centre|center|group|committee|desk|monitor|observatory|office|party)$/.exec(lw) ?? (possessive ? [possessive[1], possessive[1]] : null);
  if (/^[A-Z]/.test(p) && !/^(?:State|Regional|Local)\b/.test(p)) {
    // A named outlet or organisation: strip descriptors before the name ("the regional news agency Noticias del Bajo Norte").
    return p.replace(/^(?:[a-z-]+\s+)+/, '');
  }
  const m = /\b([A-Z][\w’'-]*(?:\s+(?:[A-Z][\w’'-]*|of|for|del|de))*\s*[A-Z][\w’'-]*|[A-Z][\w-]+)$/.exec(phrase);
  if (m && m[1]) return m[1];
  if (head && head[1]) return resolveOrgRef(head[1], reg, sent, false) ?? resolveOrgRef(head[1], reg, sent, true);
  return null;
}

/** Attribution acts in one sentence. */
export function findStatements(v: SentView, text: string, reg: Registry, previous: RawStatement | null): RawStatement[] {
  const out: RawStatement[] = [];
  const n = v.tokens.length;
  // Most sentences hold no attribution at all: a quick look for a verb of saying, "according",
  // or a quotation that could continue the previous statement before any real work.
  let cue = previous !== null && v.quotes.length > 0;
  for (let k = 0; k < n && !cue; k++) {
    const t = v.tokens[k] as (typeof v.tokens)[number];
    if (SAY.has(t.lemma) || t.lower === 'according') cue = true;
  }
  if (!cue) return out;
  const words = v.words;
  let primary = -1;
  let relay: string | null = null;
  const candidates: { k: number; lemma: string }[] = [];

  for (let k = 0; k < n; k++) {
    const t = v.tokens[k];
    if (!t || v.inQuote[k]) continue;
    if (t.lower === 'according' && words[k + 1] === 'to') {
      candidates.push({ k, lemma: 'according' });
      continue;
    }
    if (!SAY.has(t.lemma) || (t.pos !== 'VERB' && !(t.pos === 'AUX' && t.lemma === 'say'))) continue;
    // "called on/for …" demands; "called the report lies" characterises (denies or dismisses).
    if (t.lemma === 'call' && !/^(?:for|on|upon)$/.test(words[k + 1] ?? '') && !CALLED_X.test(words.slice(k + 1, k + 4).join(' '))) continue;
    if (t.lemma === 'ask' && !/\bto\b/.test(words.slice(k + 1, k + 8).join(' '))) continue;
    // "…, RT reported" and "Novaya Gazeta reported that …"; not "reported to the police".
    if (t.lemma === 'report' && !isTagEnd(v, k) && !(words[k + 1] === 'that' && /^[A-Z]/.test(v.tokens[k - 1]?.text ?? ''))) continue;
    if (t.lemma === 'describe' || t.lemma === 'record' || t.lemma === 'count' || t.lemma === 'document') continue;
    if (WEAK.has(t.lemma) && words[k + 1] !== 'that' && !(isTagEnd(v, k) && [',', '”'].includes(v.tokens[k - 1]?.text ?? '')) && !v.quotes.some((q) => Math.abs(q.last - k) <= 3 || Math.abs(q.first - k) <= 3)) continue;
    // "alleged abuses", "the alleged victim": an adjective, not an attribution.
    if (t.lemma === 'allege' && (v.tokens[k + 1]?.pos === 'NOUN' || v.tokens[k + 1]?.pos === 'ADJ' || v.tokens[k - 1]?.pos === 'DET')) continue;
    // "failed to acknowledge", "were reported": not an act of saying by a speaker.
    if (words[k - 1] === 'to') continue;
    if (['be', 'get'].includes(v.tokens[k - 1]?.lemma ?? '') || v.tokens[k - 1]?.lower === 'been' || v.tokens[k - 1]?.lower === 'being') continue;
    // "saying" after "quoted … as" belongs to the quote verb.
    if (t.lemma === 'say' && words[k - 1] === 'as') continue;
    candidates.push({ k, lemma: t.lemma });
  }

  // Relays: "…, RT reported", "…, according to X" when someone else speaks, "X quoted Y as saying".
  const main = candidates.filter((c) => {
    if (c.lemma === 'report') {
      const subj = speakerLeft(v, c.k);
      const phrase = spanText(text, v.tokens, subj.first, subj.last);
      if (candidates.length > 1 && (isOutletName(phrase) || /\bagency\b|\bnewspaper\b/i.test(phrase))) {
        relay = relayName(phrase, reg, v.sent.i);
        return false;
      }
    }
    return true;
  });
  const according = main.find((c) => c.lemma === 'according');
  if (according && main.length > 1) {
    const r = speakerRight(v, according.k + 2);
    relay = relayName(spanText(text, v.tokens, r.first, r.last), reg, v.sent.i);
  }
  const kept = main.filter((c) => !(according && main.length > 1 && c === according));

  // One statement per attribution act; a verb inside the content of an earlier one is part of it
  // unless a new subject is coordinated in (", and nine said …").
  const acts: typeof kept = [];
  for (const c of kept) {
    if (acts.length === 0) {
      acts.push(c);
      continue;
    }
    const prevWord = words[c.k - 1] ?? '';
    const coordinated = words.slice(Math.max(0, c.k - 4), c.k).includes('and') && words.slice(Math.max(0, c.k - 5), c.k).includes(',');
    const tag = (v.tokens[c.k - 1]?.text === '”' || prevWord === ',') && isTagEnd(v, c.k);
    if (coordinated || (tag && c.lemma !== 'say')) {
      acts.push(c);
    } else if (tag && c.lemma === 'say') {
      acts.push(c);
    }
  }
  // Prefer the tag verb when the sentence is "X said …, the group said" — keep both; but when
  // the first is inside the content of a tag at the end ("Two inmates died …, the bureau
  // acknowledged"), the first is not an attribution verb anyway.
  for (const c of acts) {
    primary = c.k;
    let speakerRange: { first: number; last: number };
    let contentRange: { first: number; last: number };
    let basis = c.lemma;
    let ownRelay: string | null = null;
    if (c.lemma === 'according') {
      speakerRange = speakerRight(v, c.k + 2);
      // "According to the report, Russian authorities …": the source ends at the first comma.
      if (c.k < 2) {
        let e = c.k + 2;
        while (e < speakerRange.last && v.tokens[e]?.text !== ',') e++;
        speakerRange = { first: c.k + 2, last: e };
      }
      contentRange = c.k < 2 ? { first: speakerRange.last + 1, last: n } : { first: 0, last: c.k };
      basis = 'according to';
    } else if (c.lemma === 'quote') {
      // "X quoted Y as saying": Y speaks, X relays.
      let asAt = c.k + 1;
      while (asAt < n && !(words[asAt] === 'as' && (words[asAt + 1] === 'saying' || words[asAt + 1] === 'having'))) asAt++;
      speakerRange = { first: c.k + 1, last: asAt };
      const subj = speakerLeft(v, c.k);
      ownRelay = relayName(spanText(text, v.tokens, subj.first, subj.last), reg, v.sent.i);
      const relaySpeaker = analyseSpeaker(v, text, subj.first, subj.last, reg);
      ownRelay = relaySpeaker.org ?? ownRelay;
      contentRange = { first: Math.min(n, asAt + 2), last: n };
      basis = 'quoted as saying';
    } else {
      let chain = c.k - 1;
      while (chain >= 0 && (v.tokens[chain]?.pos === 'AUX' || v.tokens[chain]?.pos === 'ADV' || v.tokens[chain]?.pos === 'PART')) chain--;
      const before = v.tokens[chain];
      const leftSpeaker = speakerLeft(v, chain + 1);
      const inverted =
        before !== undefined &&
        (before.text === '”' || before.text === '"' || (before.text === ',' && leftSpeaker.first >= leftSpeaker.last)) &&
        /^[A-Za-z]/.test(v.tokens[c.k + 1]?.text ?? '') &&
        v.tokens[c.k + 1]?.pos !== 'ADP' &&
        v.tokens[c.k + 1]?.lower !== 'that' &&
        isSpeakerStart(v, c.k + 1);
      if (inverted) {
        speakerRange = speakerRight(v, c.k + 1);
        basis = `${c.lemma} (inverted)`;
      } else if (before && (before.lower === 'who') ) {
        // "Ramzan Kadyrov, who has previously claimed …": the antecedent.
        let e = chain;
        if (v.tokens[e - 1]?.text === ',') e--;
        let s = e - 1;
        while (s >= 0 && (v.tokens[s]?.pos === 'PROPN' || v.tokens[s]?.pos === 'NOUN' || v.tokens[s]?.pos === 'ADJ' || v.tokens[s]?.text === '’s')) s--;
        speakerRange = { first: s + 1, last: e };
        basis = `${c.lemma} (relative clause)`;
      } else {
        speakerRange = leftSpeaker;
      }
      contentRange = { first: c.k + 1, last: n };
      if (c.lemma === 'tell') {
        const r = recipient(v, c.k + 1);
        const rp = spanText(text, v.tokens, r.first, r.last);
        ownRelay = relayName(rp, reg, v.sent.i);
        contentRange = { first: r.last, last: n };
        basis = `told ${rp}`;
      }
      // A tag at the end: the content is what precedes it.
      if (speakerRange.first > 0 && (isTagEnd(v, c.k) || inverted)) contentRange = { first: 0, last: speakerRange.first };
    }
    const speaker = analyseSpeaker(v, text, speakerRange.first, speakerRange.last, reg);
    // "interviewed by the network": the interviewer relays.
    const sp = spanText(text, v.tokens, speakerRange.first, speakerRange.last);
    const interviewed = /\b(?:interviewed|contacted|surveyed) by (?:the )?([\w’' -]+)$/i.exec(sp);
    if (interviewed && !ownRelay) ownRelay = resolveOrgRef((interviewed[1] ?? '').trim().split(/\s+/).slice(-1)[0] ?? '', reg, v.sent.i, false);
    const q = quoteFor(v, contentRange, c.k);
    out.push({ sent: v.sent.i, verb: c.k, verbLemma: c.lemma, speaker, quote: q, relay: ownRelay ?? relay, content: contentRange, continuation: false, speakerRange, basis });
    if (speaker.org) reg.lastOrgSpeaker = speaker.org;
  }

  // A quotation with no attribution of its own continues the previous statement's speaker.
  if (out.length === 0 && v.quotes.length > 0 && previous) {
    const q = v.quotes[0];
    if (q && q.last - q.first >= 2) {
      out.push({ sent: v.sent.i, verb: -1, verbLemma: 'quote', speaker: previous.speaker, quote: q, relay: previous.relay, content: q, continuation: true, speakerRange: null, basis: 'quotation continued' });
    }
  }
  void primary;
  return out;
}

function isSpeakerStart(v: SentView, i: number): boolean {
  const t = v.tokens[i];
  if (!t) return false;
  return t.pos === 'PROPN' || t.pos === 'DET' || t.pos === 'NOUN' || t.pos === 'ADJ' || t.pos === 'PRON' || /^[A-Z]/.test(t.text);
}

function quoteFor(v: SentView, content: { first: number; last: number }, verb: number): { first: number; last: number } | null {
  // The quotation nearest the verb, inside or right next to the content.
  let best: { first: number; last: number } | null = null;
  let dist = Infinity;
  for (const q of v.quotes) {
    const d = q.last <= verb ? verb - q.last : q.first - verb;
    const overlaps = q.first < content.last && q.last > content.first;
    if ((overlaps || d <= 3) && d < dist) {
      best = q;
      dist = d;
    }
  }
  return best;
}

// ------------------------------------------------------------------ stance

const DENY_VERBS = new Set(['deny', 'reject', 'dismiss', 'refute']);
const DEMAND_VERBS = new Set(['urge', 'demand', 'call', 'appeal', 'ask']);
const EXISTENCE_DENIAL = /\b(?:if even|let alone|would have known|there (?:is|are|was|were) no\b|no such thing|(?:do|does|did) not exist|never (?:happened|existed)|have no record|has no record|(?:do|does|did) not (?:carry out|practi[cs]e|commit|use|torture|detain|hold)|is (?:absurd|false|untrue|a lie|fabricated)|even more absurd|not true|baseless|fabricat|groundless|no (?:\w+ ){0,3}(?:was|were|had been|has been|have been) (?:used|detained|killed|arrested|held|tortured|involved))/i;
const PROMISE = /\b(?:(?:would|will|to|promised to|pledged to|vowed to) (?:look into|investigate|examine|review|probe|send investigators|open an? (?:\w+ )?(?:investigation|inquiry|probe|case)|launch an? (?:\w+ )?(?:investigation|inquiry|probe)|help (?:\w+ ){0,2}investigators)|(?:opened|launched|started) an? (?:\w+ )?(?:investigation|inquiry|probe|criminal case)|pending an? (?:\w+ )?(?:investigation|inquiry)|will be (?:examined|investigated|looked into)|under investigation|be held (?:to )?account(?:able)? by us)/i;
const DEMAND_CONTENT = /\b(?:must|has to|have to|needs? to)\b|\b(?:asked|urged|called on|called for|demanded)\b (?:\w+ ){0,6}(?:to|for)\b/i;
const CONFIRM_CONTENT = /\b(?:verified|confirming|confirmed|corroborated|cross-checked|accounts matched|matched (?:each other|the|their))\b/i;
const ACK = new Set(['acknowledge', 'admit', 'concede']);
const COUNTER_FIGURE = /\b(?:only|just|fewer than|no more than|not more than|under|less than)\s+(?:\d|one|two|three|four|five|six|seven|eight|nine|ten|a few|a handful)/i;
const BLAME = new Set(['blame']);

export function stanceOf(s: RawStatement, v: SentView, text: string, speakerRange: { first: number; last: number } | null): { stance: ExtractStance; why: string } {
  const quote = s.quote ? spanText(text, v.tokens, s.quote.first, s.quote.last) : '';
  // Cues anywhere in the sentence but the speaker phrase ("…, the spokeswoman added,
  // confirming accounts given by relatives").
  const whole = speakerRange
    ? `${spanText(text, v.tokens, 0, speakerRange.first)} ${spanText(text, v.tokens, speakerRange.last, v.tokens.length)}`
    : spanText(text, v.tokens, s.content.first, s.content.last);
  const body = s.continuation ? quote : `${whole} ${quote}`;
  const lemma = s.verbLemma;
  const authority = s.speaker.authority;
  if (DENY_VERBS.has(lemma)) return { stance: 'denies', why: `verb ${lemma}` };
  if (lemma === 'call' && s.verb >= 0 && !/^(?:for|on|upon)$/.test(v.tokens[s.verb + 1]?.lower ?? '')) {
    return DISMISSIVE.test(body) ? { stance: 'denies', why: 'called it lies' } : { stance: 'other', why: 'characterisation' };
  }
  if (DEMAND_VERBS.has(lemma)) return { stance: 'demands_action', why: `verb ${lemma}` };
  if (BLAME.has(lemma)) return { stance: 'other', why: 'blame (deflection)' };
  if (EXISTENCE_DENIAL.test(body)) return { stance: 'denies', why: 'denial wording' };
  if (PROMISE.test(body) && !/\b(?:asked|urged|called on|called for)\b/i.test(body)) return { stance: 'promises_investigation', why: 'investigation wording' };
  if (/\bmust\b/i.test(body) || DEMAND_CONTENT.test(body)) return { stance: 'demands_action', why: 'demand wording' };
  if (ACK.has(lemma)) return { stance: 'acknowledges', why: `verb ${lemma}` };
  if (lemma === 'confirm' || lemma === 'verify' || CONFIRM_CONTENT.test(body)) {
    return authority ? { stance: 'acknowledges', why: 'authority confirms' } : { stance: 'confirms', why: 'verification wording' };
  }
  if (authority && COUNTER_FIGURE.test(body)) return { stance: 'denies', why: 'counter-figure from an authority' };
  if (authority) return { stance: 'other', why: 'authority statement without admission' };
  if (/\b(?:fled|displaced|sheltering|homeless)\b/i.test(body) && !/\b(?:kill|detain|arrest|tortur|beat|abduct|disappear|threat)/i.test(body)) return { stance: 'other', why: 'context (displacement)' };
  return { stance: 'alleges', why: 'assertion' };
}

export { isAuthority, personRoleWord };
