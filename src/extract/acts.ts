/**
 * The act lexicon and the rules that decide whether a mention of an act is a reported act
 * (CONVENTIONS.md, "Incidents") and what it counts (CONVENTIONS.md, "Counts").
 *
 * Triggers are regular expressions over the sentence's lemmas ("force them to sign" →
 * coerced_statement), so one clause yields as many acts as it names. Each proposed act keeps
 * the name of the rule that produced it, so a reviewer can see why it is there.
 */
import type { Act } from './schema.js';
import { isPronoun, lowers, npLeft, npRight, quantityIn, singularHead, type FoundQuantity, type Range } from './np.js';
import { parseQuantity } from './numbers.js';
import type { SentView } from './view.js';
import { tokenAt } from './view.js';

/** How the victims of a trigger are found. */
type Mode =
  /** Decide from voice: passive → subject, active → object. */
  | 'auto'
  /** Intransitive ("died", "went missing"): the subject. */
  | 'subject'
  /** A noun ("587 expulsions", "the deaths of 16 civilians"). */
  | 'noun'
  /** Never counted: raids (of places) and dispersals (crowd sizes are not counts). */
  | 'none';

interface TriggerRule {
  readonly name: string;
  readonly act: Act;
  /** Over lemmas; a named group `h` marks the head token, else the match start is the head. */
  readonly re: RegExp;
  readonly mode: Mode;
  /** The trigger itself contains a negation ("not allowed to see her lawyer"). */
  readonly negated?: boolean;
  /** Only as a passive ("were held"): "held a rally" is not a detention. */
  readonly passiveOnly?: boolean;
  /** Only with a verb tag (not "an arrest warrant"). */
  readonly verbOnly?: boolean;
  /** A noun only with a count or an act frame ("received death threats"). */
  readonly noun?: boolean;
}

const DOCS = '(?:passport|document|paper|id|identity|card|visa|permit|papers|documents|passports)';

const RULES: readonly TriggerRule[] = [
  // killing
  { name: 'shot-dead', act: 'killing', mode: 'auto', re: /\b(?<h>shoot|gun|hack|stab) (?:\S+ ){0,1}dead\b/g },
  { name: 'to-death', act: 'killing', mode: 'auto', re: /\b(?<h>beat|torture|stab|burn|stone) (?:\S+ ){0,3}?to death\b/g },
  { name: 'kill', act: 'killing', mode: 'auto', re: /\b(?<h>kill|murder|execute|assassinate|slay|massacre)\b/g, verbOnly: true },
  { name: 'die', act: 'killing', mode: 'subject', re: /\b(?<h>die)\b/g, verbOnly: true },
  { name: 'lose-life', act: 'killing', mode: 'subject', re: /\b(?<h>lose) (?:their|his|her) li(?:fe|ves)\b/g },
  { name: 'death-noun', act: 'killing', mode: 'noun', noun: true, re: /\b(?<h>death|killing|murder|execution)s?\b(?! (?:threat|sentence|penalty|row|squad|certificate))/g },
  // enforced disappearance
  { name: 'whereabouts-unknown', act: 'enforced_disappearance', mode: 'subject', re: /\b(?<h>whereabouts) (?:\S+ ){0,3}(?:unknown|unclear)\b/g },
  { name: 'missing', act: 'enforced_disappearance', mode: 'subject', re: /\b(?:be|go|remain|have) (?:\S+ ){0,1}(?<h>missing|miss)\b(?! \S+ (?:chance|deadline|opportunity))/g },
  { name: 'disappear', act: 'enforced_disappearance', mode: 'auto', re: /\b(?<h>disappear)\b/g, verbOnly: true },
  { name: 'disappearance', act: 'enforced_disappearance', mode: 'noun', noun: true, re: /\b(?<h>disappearance)s?\b/g },
  { name: 'unknown-place', act: 'enforced_disappearance', mode: 'auto', re: /\b(?<h>take|drive|move|transfer) (?:\S+ ){0,5}to an? unknown (?:place|location|destination)\b/g },
  { name: 'not-heard-from', act: 'enforced_disappearance', mode: 'subject', negated: true, re: /\bnot (?:be )?(?<h>hear) from\b/g },
  { name: 'not-told-where', act: 'enforced_disappearance', mode: 'subject', negated: true, re: /\bnot (?:be )?(?<h>tell) where\b/g },
  // detention
  { name: 'detain', act: 'detention', mode: 'auto', re: /\b(?<h>detain|arrest|jail|imprison|incarcerate|apprehend)\b/g, verbOnly: true },
  { name: 'pick-up', act: 'detention', mode: 'auto', re: /\b(?<h>pick|round) up\b/g },
  { name: 'custody', act: 'detention', mode: 'auto', re: /\b(?<h>take) (?:\S+ ){0,3}into (?:police )?custody\b/g },
  { name: 'remain-held', act: 'detention', mode: 'subject', re: /\b(?<h>remain) (?:\S+ ){0,1}in (?:pre-trial |police )?(?:detention|custody|jail|prison)\b/g },
  { name: 'hold', act: 'detention', mode: 'auto', passiveOnly: true, re: /\b(?<h>hold)\b/g },
  { name: 'detention-noun', act: 'detention', mode: 'noun', noun: true, re: /\b(?<h>arrest|detention)s?\b/g },
  { name: 'sentenced', act: 'detention', mode: 'auto', re: /\b(?<h>sentence) (?:\S+ ){0,4}?to (?:\S+ ){0,3}?(?:day|month|year|jail|prison|detention|arrest)s?\b/g },
  // torture
  { name: 'electric-shock', act: 'torture', mode: 'noun', noun: true, re: /\b(?:electric )(?<h>shock)s?\b/g },
  { name: 'electrocute', act: 'torture', mode: 'auto', re: /\b(?<h>electrocute|waterboard)\b/g },
  { name: 'torture', act: 'torture', mode: 'auto', re: /\b(?<h>torture)\b(?! (?:\S+ ){0,3}?to death)/g },
  // ill-treatment
  { name: 'beat', act: 'ill_treatment', mode: 'auto', verbOnly: true, re: /\b(?<h>beat|humiliate|starve|strip|mistreat|ill-treat|kick|punch|whip|flog|assault|club|abuse)\b(?! (?:\S+ ){0,3}?to death)/g },
  { name: 'beating', act: 'ill_treatment', mode: 'noun', noun: true, re: /\b(?<h>beating)s?\b/g },
  { name: 'without-food', act: 'ill_treatment', mode: 'auto', re: /\b(?<h>hold|keep|leave) (?:\S+ ){0,3}without (?:food|water|sleep|medical)/g },
  { name: 'deny-food', act: 'ill_treatment', mode: 'auto', re: /\b(?<h>deny) (?:\S+ ){0,3}(?:food|water|sleep|medical care|medicine|treatment)\b/g },
  { name: 'crawl', act: 'ill_treatment', mode: 'auto', re: /\b(?<h>make) (?:\S+ ){1,2}crawl\b/g },
  { name: 'excessive-force', act: 'ill_treatment', mode: 'none', re: /\bexcessive (?<h>force)\b/g },
  // abduction
  { name: 'abduct', act: 'abduction', mode: 'auto', re: /\b(?<h>abduct|kidnap|snatch)\b/g, verbOnly: true },
  { name: 'abduction-noun', act: 'abduction', mode: 'noun', noun: true, re: /\b(?<h>abduction|kidnapping)s?\b/g },
  { name: 'seize-person', act: 'abduction', mode: 'auto', re: /\b(?<h>seize|grab)\b(?= (?:them|him|her|the (?:man|woman|men|women|activist|journalist)s?)\b)/g },
  // threat
  { name: 'threaten', act: 'threat', mode: 'auto', re: /\b(?<h>threaten|intimidate)\b/g, verbOnly: true },
  { name: 'threat-noun', act: 'threat', mode: 'noun', noun: true, re: /\b(?:death )?(?<h>threat)s?\b/g },
  { name: 'if-you-come-back', act: 'threat', mode: 'auto', re: /\b(?<h>tell) (?:me|us|him|her|them) that if\b/g },
  // document confiscation
  { name: 'take-documents', act: 'document_confiscation', mode: 'auto', re: new RegExp(`\\b(?<h>confiscate|seize|take away|tear up|keep|destroy|take)\\b (?:\\S+ ){0,5}?${DOCS}\\b`, 'g') },
  { name: 'documents-taken', act: 'document_confiscation', mode: 'subject', re: new RegExp(`\\b(?<h>have) (?:their|his|her) (?:\\S+ ){0,5}?${DOCS} (?:\\S+ ){0,2}?(?:take|confiscate|seize)\\b`, 'g') },
  // coerced statement
  { name: 'forced-to-sign', act: 'coerced_statement', mode: 'auto', re: /\b(?<h>force|make|coerce|compel|pressure|pressurize|pressurise) (?:\S+ ){0,3}?(?:to )?(?:sign|confess|testify|incriminate|record a video)\b/g },
  { name: 'forced-confession', act: 'coerced_statement', mode: 'none', re: /\b(?:forced|coerced) (?<h>confession)s?\b/g },
  // movement restriction
  { name: 'prevent-leaving', act: 'movement_restriction', mode: 'auto', re: /\b(?<h>prevent|bar|ban|stop|forbid) (?:\S+ ){0,4}?from (?:\S+ ){0,1}(?:leave|travel|flee|exit|cross)/g },
  { name: 'travel-ban', act: 'movement_restriction', mode: 'none', re: /\b(?:travel|exit) (?<h>ban)\b|\bhouse (?<h2>arrest)\b/g },
  { name: 'not-allowed-leave', act: 'movement_restriction', mode: 'auto', negated: true, re: /\bnot (?<h>allow|permit) (?:\S+ ){0,2}to (?:leave|travel)\b/g },
  // denial of justice
  { name: 'prevent-court', act: 'denial_of_justice', mode: 'auto', re: /\b(?<h>prevent|bar|stop) (?:\S+ ){0,10}?apply to (?:a |the )?court\b/g },
  { name: 'no-lawyer', act: 'denial_of_justice', mode: 'auto', negated: true, re: /\bnot (?<h>allow|permit|let) (?:\S+ ){0,2}(?:to )?(?:see|meet|visit|speak to) (?:\S+ ){0,2}(?:client|lawyer|counsel|attorney|lawyers)\b/g },
  { name: 'deny-lawyer', act: 'denial_of_justice', mode: 'auto', re: /\b(?<h>deny|refuse) (?:\S+ ){0,3}access to (?:a |their |his |her )?(?:lawyer|counsel|attorney|legal)/g },
  { name: 'heard-nothing', act: 'denial_of_justice', mode: 'none', negated: true, re: /\b(?<h>report|complain) (?:\S+ ){0,4}to (?:\S+ ){0,3}(?:prosecutor|police|court)s? and (?:\S+ ){0,2}hear nothing\b/g },
  // raid, dispersal
  { name: 'raid', act: 'raid', mode: 'none', re: /\b(?<h>raid|storm)\b/g },
  { name: 'search-home', act: 'raid', mode: 'none', re: /\b(?<h>search) (?:the |their |his |her )?(?:\S+ )?(?:home|house|office|flat|apartment|premise)s?\b/g },
  { name: 'disperse', act: 'dispersal', mode: 'none', re: /\b(?<h>disperse|dispersal)\b/g },
  { name: 'break-up', act: 'dispersal', mode: 'none', re: /\b(?<h>break) up (?:\S+ ){0,3}?(?:protest|march|rally|demonstration|gathering|crowd|sit-in|vigil|meeting|picket)s?\b/g },
  // injury
  { name: 'wound', act: 'injury', mode: 'auto', verbOnly: true, re: /\b(?<h>wound|injure|hospitalise|hospitalize)\b/g },
  { name: 'hospital', act: 'injury', mode: 'auto', re: /\b(?<h>take|rush|admit) (?:\S+ ){0,2}?to hospital\b/g },
  { name: 'treated-for-injuries', act: 'injury', mode: 'auto', re: /\b(?<h>treat) (?:\S+ ){0,6}?for (?:\S+ ){0,2}?(?:injury|wound|injuries|wounds)\b/g },
  { name: 'shot', act: 'injury', mode: 'auto', verbOnly: true, re: /\b(?<h>shoot)\b(?! (?:\S+ ){0,1}dead)(?= (?:at|and wound|them|him|her|in the|\S+ protester))/g },
  // other: forcible return and expulsion (annotation decision 4), sexual violence
  { name: 'expel', act: 'other', mode: 'auto', re: /\b(?<h>expel|deport|extradite)\b/g, verbOnly: true },
  { name: 'expulsion-noun', act: 'other', mode: 'noun', noun: true, re: /\b(?<h>expulsion|deportation|extradition)s?\b/g },
  { name: 'forcibly-return', act: 'other', mode: 'auto', re: /\bforcibly (?<h>return|transfer|send)\b|\b(?<h2>put) on a (?:flight|plane)\b|\b(?<h3>fly|send) (?:\S+ ){0,2}back\b/g },
  { name: 'returned', act: 'other', mode: 'auto', passiveOnly: true, re: /\b(?<h>return)\b(?! home)/g },
  { name: 'rape', act: 'other', mode: 'auto', re: /\b(?<h>rape)\b|\bsexual(?:ly)? (?<h2>violence|assault|abuse)/g },
];

/**
 * The head words of a rule ("kill", "murder", … in `(?<h>kill|murder|…)`): a rule can only match
 * where one of them stands as a word of the lemma string, so a rule none of whose head words
 * occurs in the document is not run at all. Null when a head group is not a plain word list.
 */
function headWords(re: RegExp): readonly string[] | null {
  const words: string[] = [];
  // Each head group must be a word list closed by a word boundary (optionally after a plural
  // "s", which the present-word set below also strips), or the shortcut is not taken.
  const groups = [...re.source.matchAll(/\(\?<h\d?>([^)]*)\)(s\?)?(\\b| )?/g)];
  if (groups.length === 0) return null;
  for (const g of groups) {
    const body = g[1] ?? '';
    if (!/^[a-z -]+(?:\|[a-z -]+)*$/.test(body) || g[3] === undefined) return null;
    // The first word of each alternative ("take away" → take); words split as \b splits them.
    for (const alt of body.split('|')) words.push((alt.split(/[^a-z0-9_]+/)[0] ?? alt));
  }
  return words;
}

/** The \b-words of a lemma, each also without a plural "s". */
function wordsOf(lemma: string): readonly string[] {
  const out: string[] = [];
  for (const w of /^[a-z0-9_]+$/.test(lemma) ? [lemma] : lemma.split(/[^A-Za-z0-9_]+/)) {
    out.push(w);
    if (w.endsWith('s')) out.push(w.slice(0, -1));
  }
  return out;
}

// Compiled once with match indices ('d') so the head group's offset is known.
const COMPILED: readonly (readonly [TriggerRule, RegExp, readonly string[] | null])[] = RULES.map(
  (r) => [r, new RegExp(r.re.source, r.re.flags.includes('d') ? r.re.flags : `${r.re.flags}d`), headWords(r.re)] as const,
);

/** Every head word of every rule. */
const HEAD_SET: ReadonlySet<string> = new Set(COMPILED.flatMap(([, , heads]) => heads ?? []));
const NO_HEADS: readonly string[] = [];
const HEADS_MEMO = new Map<string, readonly string[]>();

/** The head words among a lemma's \b-words (memoised: lemmas repeat, and most hold none). */
function headsIn(lemma: string): readonly string[] {
  let hs = HEADS_MEMO.get(lemma);
  if (hs === undefined) {
    const found = wordsOf(lemma).filter((w) => HEAD_SET.has(w));
    hs = found.length > 0 ? found : NO_HEADS;
    if (HEADS_MEMO.size > 50_000) HEADS_MEMO.clear();
    HEADS_MEMO.set(lemma, hs);
  }
  return hs;
}

/** Sentences (ascending, no repeats) holding one of `heads`, from the per-word lists. */
function sentencesWith(heads: readonly string[], headSents: ReadonlyMap<string, number[]>): readonly number[] {
  let only: number[] | null = null;
  let merged: number[] | null = null;
  for (const w of heads) {
    const list = headSents.get(w);
    if (list === undefined) continue;
    if (only === null) only = list;
    else {
      merged ??= [...only];
      merged.push(...list);
    }
  }
  if (merged === null) return only ?? NO_SENTS;
  merged.sort((a, b) => a - b);
  return merged.filter((x, i) => i === 0 || merged[i - 1] !== x);
}
const NO_SENTS: readonly number[] = [];

export interface ActMention {
  readonly act: Act;
  readonly rule: string;
  /** View-relative index of the head token and the end of the trigger match. */
  readonly head: number;
  readonly end: number;
  readonly mode: Mode;
  readonly noun: boolean;
}

const NEGATORS = new Set(['not', "n't", 'never', 'no', 'none', 'nobody', 'neither', 'nor']);
const MODALS = new Set(['would', 'could', 'might', 'may', 'should', 'must', 'will', 'can', 'shall']);
const CONDITIONALS = new Set(['if', 'unless', 'whether']);
const INTENT = /\b(?:threaten|plan|promise|vow|want|try|attempt|intend|urge|ask|demand|order|call on|call for|seek|refuse) (?:\S+ ){0,4}?to $/;
const CLAIM_THAT = /\b(?:claim|allegation|rumour|rumor|suggestion)s? that\b/;
/** Acts named as the object of acknowledging, investigating, condemning: not new assertions. */
const META = /\b(?:acknowledge|investigate|condemn|halt|punish|probe|look into|examine|investigation into|inquiry into)(?: \S+){0,6} $/;
const CLAUSE_BREAK = new Set([',', ';', ':', '—', '–', 'but', 'while', 'and']);
const BACKREF_DETS = new Set(['the', 'these', 'those', 'this', 'its', 'their', 'his', 'her', 'such', 'every', 'any', 'each', 'similar', 'further', 'no', 'our', 'my']);
const MODIFIER_DETS = new Set(['the', 'those', 'a', 'an', 'these', 'his', 'her', 'their', 'its', 'our', 'my', 'one']);
/**
 * `s` from just after its n-th last space (all of `s` when it has fewer). A pattern anchored at
 * the end whose matches hold fewer than n spaces (and no other white space), starting with \b
 * before a word, finds the same matches in this tail: it scans a few words instead of the
 * whole sentence so far. Counts: INTENT ≤ 7 spaces, PATTERN_OF ≤ 3, META ≤ 8, NOUN_FRAMES ≤ 5.
 */
function tailAfterSpaces(s: string, n: number): string {
  // A plain loop: String.prototype.lastIndexOf is a runtime call in V8, slower than a few reads.
  let k = 0;
  for (let i = s.length - 1; i >= 0; i--) {
    if (s.charCodeAt(i) === 32 && ++k === n) return s.slice(i + 1);
  }
  return s;
}

const SPACE = /\s/;
const WORD = /\w/;
const FRAME_DETS = ['electric', 'death', 'gunshot', 'the', 'a', 'an'];

/** Start of the run of white space that ends `s` (s.length when none). */
function trailingSpaceStart(s: string): number {
  let e = s.length;
  while (e > 0 && SPACE.test(s.charAt(e - 1))) e--;
  return e;
}

/**
 * s.replace(/\b(?:electric|death|gunshot|the|a|an)\s*$/, '') without a scan of the whole
 * string: a match ends the string, so its word ends where the trailing white space starts.
 */
function withoutFrameDet(s: string): string {
  const e = trailingSpaceStart(s);
  for (const w of FRAME_DETS) {
    const p = e - w.length;
    if (p >= 0 && s.startsWith(w, p) && (p === 0 || !WORD.test(s.charAt(p - 1)))) return s.slice(0, p);
  }
  return s;
}

/** s.replace(/\s*$/, ' '): the trailing white space becomes one space. */
function withSpaceEnd(s: string): string {
  return `${s.slice(0, trailingSpaceStart(s))} `;
}

const PATTERN_OF = /\b(?:wave|round|series|campaign|pattern|spate|string|practice|policy) of (?:\S+ ){0,1}$/;
const NOUN_FRAMES = /\b(?:receive|suffer|sustain|give|subject to|endure|undergo|face|report|describe|recount|result of|consistent with|during|amid|in|with|carry out|conduct|mark of|sign of|evidence of|allegation of|die under)(?: \S+){0,3} $/;
const BE = new Set(['be', 'get']);
const AUX_SKIP = new Set(['have', 'be', 'get', 'not', "n't", 'also', 'still', 'reportedly', 'allegedly', 'later', 'then', 'forcibly', 'since', 'already', 'subsequently', 'apparently', 'being', 'been', 'just', 'all', 'both', 'again', 'illegally', 'arbitrarily', 'unlawfully', 'violently', 'brutally', 'severely', 'badly', 'reportedly']);

function headOf(m: RegExpExecArray): number {
  const g = m.groups ?? {};
  for (const key of ['h', 'h2', 'h3']) {
    const val = g[key];
    if (val !== undefined && m.indices) {
      const r = m.indices.groups?.[key];
      if (r) return r[0];
    }
  }
  return m.index;
}

/** Start of the aux/adverb chain in front of a verb ("had also been" in "had also been held"). */
export function auxChainStart(v: SentView, head: number): { start: number; passive: boolean } {
  let i = head - 1;
  let passive = false;
  while (i >= 0) {
    const t = v.tokens[i];
    if (!t) break;
    if (t.pos === 'AUX' || t.pos === 'ADV' || t.pos === 'PART' || AUX_SKIP.has(t.lemma) || AUX_SKIP.has(t.lower)) {
      if (BE.has(t.lemma) || t.lower === 'being' || t.lower === 'been') passive = true;
      if (t.pos === 'ADV' && !AUX_SKIP.has(t.lower) && !/ly$/.test(t.lower) && t.lower !== 'still') break;
      i--;
      continue;
    }
    break;
  }
  return { start: i + 1, passive };
}

/** Whether the clause before `head` holds a negation, a condition, a modal, or an intent verb. */
function suppressed(v: SentView, head: number, negatedTrigger: boolean): string | null {
  const words = lowers(v);
  for (let i = head - 1, n = 0; i >= 0 && n < 8; i--, n++) {
    const w = words[i] ?? '';
    if (CLAUSE_BREAK.has(w) && n > 0) break;
    if (!negatedTrigger && NEGATORS.has(w)) {
      // "no more than 30", "no fewer than 27" are counts, not negations.
      const next = words[i + 1] ?? '';
      if (w === 'no' && (next === 'more' || next === 'fewer' || next === 'less')) continue;
      if (n <= 5) return 'negated';
    }
    if (MODALS.has(w) && n <= 3) return 'modal';
  }
  for (let i = head - 1; i >= 0; i--) {
    const w = words[i] ?? '';
    if (w === ';' || w === ':') break;
    if (CONDITIONALS.has(w)) return 'conditional';
    if (w === 'let' && words[i + 1] === 'alone') return 'conditional';
  }
  const before = v.lem.slice(0, v.lemAt[head] ?? 0);
  // The patterns anchored at the end run on the tail that can hold their matches (see tailAfterSpaces).
  if (INTENT.test(tailAfterSpaces(before, 8))) return 'intent';
  if (CLAIM_THAT.test(before)) return 'claim';
  // "three waves of arrests", "a campaign of abductions": a pattern, not a concrete act.
  if (PATTERN_OF.test(tailAfterSpaces(before, 4))) return 'pattern';
  if (META.test(tailAfterSpaces(before, 9))) return 'object of a meta verb';
  return null;
}

function isModifier(v: SentView, head: number, mention: TriggerRule): boolean {
  if (mention.mode === 'noun' || mention.noun) return false;
  const prev = v.tokens[head - 1];
  const self = v.tokens[head];
  if (!prev || !self || (self.pos !== 'VERB' && self.pos !== 'ADJ')) return false;
  if (!/(?:ed|en)$|^(?:shot|held|kept|taken|beaten|missing)$/.test(self.lower)) return false;
  // "Another two wounded men", "a jailed critic": a participle between a count or determiner and its noun.
  const next = v.tokens[head + 1];
  if (next && next.pos === 'NOUN' && (prev.pos === 'NUM' || prev.pos === 'DET' || prev.pos === 'ADJ')) return true;
  // "migrants who felt mistreated": a feeling, not an act.
  if (['feel', 'seem', 'appear', 'look'].includes(prev.lemma)) return true;
  // "a jailed critic", "those arrested", "the detained", "one missing man".
  if (MODIFIER_DETS.has(prev.lower) && mention.name !== 'missing') return true;
  return false;
}

/**
 * Act mentions for every sentence at once. A rule can only match in a sentence holding one of
 * its head words (see headWords), and no pattern crosses a sentence, so each rule runs only over
 * the lemma strings of the sentences that hold one: most rules run on a few sentences or none.
 * Rules without a head-word list run once over the whole document's lemmas (sentences joined by
 * " \n ", which no pattern can cross).
 */
export function findActMentionsAll(views: readonly SentView[]): ActMention[][] {
  const out: ActMention[][] = views.map(() => []);
  const seen: Set<string>[] = views.map(() => new Set<string>());
  // Head word → sentences holding it (as a \b-word of a lemma, or that word with a plural "s").
  const headSents = new Map<string, number[]>();
  for (let si = 0; si < views.length; si++) {
    for (const t of (views[si] as SentView).tokens) {
      for (const w of headsIn(t.lemma)) {
        let list = headSents.get(w);
        if (list === undefined) {
          list = [];
          headSents.set(w, list);
        }
        if (list[list.length - 1] !== si) list.push(si);
      }
    }
  }
  let doc: string | null = null;
  const starts: number[] = [];
  for (const [rule, re, heads] of COMPILED) {
    if (heads !== null) {
      for (const si of sentencesWith(heads, headSents)) {
        const v = views[si] as SentView;
        re.lastIndex = 0;
        for (let m = re.exec(v.lem); m !== null; m = re.exec(v.lem)) {
          collect(v, rule, headOf(m), m.index + m[0].length - 1, out[si] as ActMention[], seen[si] as Set<string>);
        }
      }
      continue;
    }
    if (doc === null) {
      doc = '';
      for (const v of views) {
        if (doc.length > 0) doc += ' \n ';
        starts.push(doc.length);
        doc += v.lem;
      }
    }
    re.lastIndex = 0;
    for (let m = re.exec(doc); m !== null; m = re.exec(doc)) {
      const si = tokenAt(starts, m.index);
      const v = views[si];
      if (!v) continue;
      const base = starts[si] ?? 0;
      collect(v, rule, headOf(m) - base, m.index - base + m[0].length - 1, out[si] as ActMention[], seen[si] as Set<string>);
    }
  }
  for (const list of out) list.sort((a, b) => a.head - b.head);
  return out;
}

export function findActMentions(v: SentView): ActMention[] {
  return findActMentionsAll([v])[0] ?? [];
}

function collect(v: SentView, rule: TriggerRule, headPos: number, lastPos: number, out: ActMention[], seen: Set<string>): void {
  {
    {
      const head = tokenAt(v.lemAt, headPos);
      const end = tokenAt(v.lemAt, lastPos) + 1;
      const t = v.tokens[head];
      if (!t) return;
      const key = `${head}:${rule.act}`;
      if (seen.has(key)) return;
      const prevTok = v.tokens[head - 1];
      // One-word triggers after a determiner or preposition are nouns whatever the tagger says
      // ("as a result of torture", "an earlier arrest", "the illegal detentions, tortures").
      const oneWord = end - head === 1;
      const isNoun = t.pos === 'NOUN' || t.pos === 'PROPN' || (oneWord && prevTok !== undefined && ((prevTok.pos === 'DET' && prevTok.lower !== 'those' && !/ed$/.test(t.lower)) || (prevTok.pos === 'ADP' && prevTok.lower !== 'to') || ((prevTok.pos === 'ADJ' || prevTok.pos === 'ADV') && v.tokens[head - 2]?.pos === 'DET')));
      if (rule.verbOnly && isNoun) return;
      if (rule.noun && !isNoun) return;
      if (rule.passiveOnly && !auxChainStart(v, head).passive && !coordinatedWithPassive(v, head)) return;
      seen.add(key);
      // A verb-or-noun trigger used as a noun ("as a result of torture") needs a count or a frame.
      const noun = rule.noun === true || rule.mode === 'noun' || ((rule.mode === 'auto' || rule.mode === 'none') && oneWord && isNoun && !rule.passiveOnly);
      out.push({ act: rule.act, rule: rule.name, head, end, mode: noun && rule.mode === 'auto' ? 'noun' : rule.mode, noun });
    }
  }
}

/** "had been taken to the base and held there": a verb coordinated with an earlier passive. */
function coordinatedWithPassive(v: SentView, head: number): boolean {
  const prev = v.tokens[head - 1]?.lower;
  if (prev !== 'and' && prev !== 'or') return false;
  for (let k = head - 2; k >= Math.max(0, head - 12); k--) {
    const t = v.tokens[k];
    if (!t || t.text === ';' || t.text === '.') break;
    if (t.pos === 'VERB' && auxChainStart(v, k).passive) return true;
  }
  return false;
}

export interface ActDecision {
  readonly keep: boolean;
  readonly why: string;
}

export function ruleOf(name: string): TriggerRule | undefined {
  return RULES.find((r) => r.name === name);
}

/** Whether a mention is a reported act, or a negated / hypothetical / modifying / back-referring one. */
export function judgeMention(v: SentView, m: ActMention, others: readonly ActMention[]): ActDecision {
  const rule = ruleOf(m.rule);
  if (!rule) return { keep: false, why: 'unknown rule' };
  const s = suppressed(v, m.head, rule.negated === true);
  if (s) return { keep: false, why: s };
  if (isModifier(v, m.head, rule)) return { keep: false, why: 'modifier' };
  // Relative clause on a victim of another act ("men who died in custody had injuries …").
  const chain = auxChainStart(v, m.head);
  const rel = v.tokens[chain.start - 1]?.lower;
  if ((rel === 'who' || rel === 'which' || rel === 'that') && others.some((o) => o !== m && o.head !== m.head)) {
    return { keep: false, why: 'relative clause' };
  }
  // "Workers are being jailed for …": a generic present passive with no count is a pattern.
  if (!m.noun && v.tokens[m.head - 1]?.lower === 'being' && ['are', 'is'].includes(v.tokens[m.head - 2]?.lower ?? '')) {
    const subj = npLeft(v, m.head - 2);
    const q = quantityIn(v, subj, () => false);
    if (!q && singularHead(v, subj) === 'plural' && !['the', 'these', 'those'].includes(v.tokens[subj.first]?.lower ?? '')) return { keep: false, why: 'generic' };
  }
  if (m.noun) {
    const words = lowers(v);
    // Counted noun: "587 expulsions", "three deaths", "the deaths of at least 16 civilians".
    const nc = nounCount(v, m);
    // "Both deaths …": "both" points back to acts already counted.
    if (nc !== null && words[nc.q.first] === 'both') return { keep: false, why: 'back-reference (both)' };
    if (nc !== null) return { keep: true, why: 'counted noun' };
    for (let i = m.head - 1; i >= Math.max(0, m.head - 3); i--) {
      const w = words[i] ?? '';
      if (BACKREF_DETS.has(w)) return { keep: false, why: 'back-reference' };
      if (v.tokens[i]?.pos !== 'ADJ' && v.tokens[i]?.pos !== 'NOUN') break;
    }
    const before = v.lem.slice(0, v.lemAt[m.head] ?? 0);
    const lemBefore = withSpaceEnd(withoutFrameDet(before));
    if (NOUN_FRAMES.test(tailAfterSpaces(lemBefore, 6))) return { keep: true, why: 'act frame' };
    return { keep: false, why: 'bare noun' };
  }
  return { keep: true, why: 'verb' };
}

/** The count standing right at a noun trigger: before it ("three deaths") or after "of". */
export function nounCount(v: SentView, m: ActMention): FoundQuantity | null {
  // Walk left over adjectives/nouns to a count phrase ending right before the noun.
  let i = m.head - 1;
  while (i >= 0 && (v.tokens[i]?.pos === 'ADJ' || v.tokens[i]?.lower === 'electric' || v.tokens[i]?.lower === 'death' || v.tokens[i]?.lower === 'gunshot')) i--;
  const words = lowers(v);
  for (let start = Math.max(0, i - 4); start <= i; start++) {
    const q = parseQuantity(words, start);
    if (q && q.next === i + 1) return { q, textFirst: q.first, textLast: q.next };
  }
  if (words[m.end] === 'of') {
    const r = npRight(v, m.end + 1);
    const q = quantityIn(v, { first: r.first, last: Math.min(r.last, r.first + 6) }, () => false);
    if (q && q.q.first === m.end + 1) return q;
  }
  return null;
}

export interface VictimCount {
  readonly found: FoundQuantity | null;
  /** When no count phrase: 1 for a single named or singular victim, else unspecified. */
  readonly single: boolean;
  /** The phrase holding the victims, if any. */
  readonly np: Range | null;
  /** A pronoun stands for the victims ("forcibly returned them"). */
  readonly pronoun: string | null;
  readonly how: string;
}

const PARTICLES = new Set(['up', 'away', 'dead', 'down', 'off', 'out', 'back', 'forcibly', 'also', 'illegally', 'arbitrarily']);

/** Victims and their count for a kept mention, by voice. */
export function victimCount(v: SentView, m: ActMention, blocked: (i: number) => boolean): VictimCount {
  if (m.mode === 'none') return { found: null, single: false, np: null, pronoun: null, how: 'never counted' };
  if (m.noun) {
    const q = nounCount(v, m);
    if (q) return { found: q, single: false, np: null, pronoun: null, how: 'count on noun' };
    const before = v.lem.slice(0, v.lemAt[m.head] ?? 0);
    if (/\b(?:receive|suffer|sustain|endure|undergo|face)(?: \S+){0,3} $/.test(before)) {
      const verb = tokenAt(v.lemAt, before.search(/\b(?:receive|suffer|sustain|endure|undergo|face)\b/));
      return subjectCount(v, verb, blocked, 'subject of receive');
    }
    if (/\bgive (?:\S+ ){0,3}$/.test(before)) {
      const gv = tokenAt(v.lemAt, before.search(/\bgive (?:\S+ ){0,3}$/));
      if (auxChainStart(v, gv).passive) return subjectCount(v, gv, blocked, 'subject of passive give');
      const obj = npRight(v, gv + 1);
      return fromPhrase(v, obj, blocked, 'indirect object');
    }
    // "as a result of torture", "injuries consistent with torture": the sentence's subject.
    // "died under torture": those who died.
    if (/\bdie under $/.test(before)) return subjectCount(v, tokenAt(v.lemAt, before.search(/\bdie under $/)), blocked, 'subject of die under');
    if (!/\b(?:result of|consistent with|sign of|mark of|evidence of)(?: \S+){0,2} $/.test(before)) return { found: null, single: false, np: null, pronoun: null, how: 'uncounted noun' };
    const subj = npRight(v, 0);
    const sq = quantityIn(v, subj, blocked);
    if (sq) return { found: sq, single: false, np: subj, pronoun: null, how: 'sentence subject' };
    return { found: null, single: false, np: null, pronoun: null, how: 'uncounted noun' };
  }
  if (m.rule === 'not-told-where') {
    const obj = npRight(v, m.end);
    return fromPhrase(v, obj, blocked, 'after where');
  }
  if (m.rule === 'whereabouts-unknown') {
    // "In at least 11 cases the person's whereabouts remain unknown": a count before wins.
    const cq = quantityIn(v, { first: 0, last: m.head }, blocked);
    if (cq) return { found: cq, single: false, np: null, pronoun: null, how: 'cases count' };
    const poss = v.tokens[m.head - 1];
    if (poss && (poss.lower === 'his' || poss.lower === 'her' || poss.text === '’s' || poss.text === "'s")) return { found: null, single: true, np: null, pronoun: null, how: 'possessor' };
  }
  const aux = auxChainStart(v, m.head);
  // "were preventing them" is a progressive: its victims are the object, as in any active verb.
  const chain = aux.passive && (v.tokens[m.head]?.lower ?? '').endsWith('ing') ? { start: aux.start, passive: false } : aux;
  const prevTok = v.tokens[chain.start - 1];
  const reduced = prevTok !== undefined && (prevTok.pos === 'NUM' || parseQuantity(lowers(v), chain.start - 1) !== null) && !chain.passive;
  // "were dragged into the yard and beaten with batons": a participle coordinated with a
  // passive, with no object of its own.
  const coordinatedPassive = !chain.passive && parseQuantity(lowers(v), m.head + 1) === null && ['and', 'or'].includes(prevTok?.lower ?? '') && (['ADP', 'PUNCT', 'ADV'].includes(v.tokens[m.head + 1]?.pos ?? 'PUNCT') || v.tokens[m.head + 1]?.lower === 'there') && /(?:ed|en)$|^held$/.test(v.tokens[m.head]?.lower ?? '');
  if (m.mode === 'subject' || chain.passive || reduced || coordinatedPassive) return subjectCount(v, m.head, blocked, chain.passive ? 'passive subject' : 'subject');
  // Active: the object.
  let i = m.end;
  if (m.rule === 'kill' || m.rule === 'detain' || m.rule === 'beat' || m.rule === 'abduct' || m.rule === 'expel' || m.rule === 'threaten' || m.rule === 'torture' || m.rule === 'wound' || m.rule === 'electrocute' || m.rule === 'seize-person') i = m.head + 1;
  else i = m.head + 1;
  while (i < v.tokens.length && PARTICLES.has(v.tokens[i]?.lower ?? '')) i++;
  const t = v.tokens[i];
  if (isPronoun(t)) return { found: null, single: ['him', 'her', 'me'].includes(t?.lower ?? ''), np: { first: i, last: i + 1 }, pronoun: t?.lower ?? null, how: 'object pronoun' };
  const obj = npRight(v, i);
  if (obj.last > obj.first) return fromPhrase(v, obj, blocked, 'object');
  return { found: null, single: false, np: null, pronoun: null, how: 'no object' };
}

function fromPhrase(v: SentView, r: Range, blocked: (i: number) => boolean, how: string): VictimCount {
  const t = v.tokens[r.first];
  if (r.last - r.first === 1 && isPronoun(t)) return { found: null, single: ['him', 'her', 'he', 'she'].includes(t?.lower ?? ''), np: r, pronoun: t?.lower ?? null, how: `${how} pronoun` };
  const q = quantityIn(v, r, blocked);
  if (q) return { found: q, single: false, np: r, pronoun: null, how };
  return { found: null, single: singularHead(v, r) === 'singular', np: r.last > r.first ? r : null, pronoun: null, how: `${how} (no count)` };
}

function subjectCount(v: SentView, verb: number, blocked: (i: number) => boolean, how: string): VictimCount {
  const chain = auxChainStart(v, verb);
  const before = v.tokens[chain.start - 1];
  const subj = npLeft(v, chain.start);
  if (subj.last > subj.first) return fromPhrase(v, subj, blocked, how);
  if (isPronoun(before)) return { found: null, single: ['he', 'she', 'him', 'her', 'i', 'me'].includes(before?.lower ?? ''), np: { first: chain.start - 1, last: chain.start }, pronoun: before?.lower ?? null, how: `${how} pronoun` };
  // Coordinated verb with no subject of its own ("were dragged … and beaten", "held … before
  // being put on a flight"): the subject of the verb it is coordinated with.
  if (before && ['and', 'or', ',', 'before', 'after', 'then', 'while'].includes(before.lower)) {
    for (let k = chain.start - 2; k >= 0; k--) {
      const t = v.tokens[k];
      if (!t) break;
      if (t.text === ';' || t.text === ':') break;
      if (t.pos === 'VERB') return subjectCount(v, k, blocked, `${how} via coordination`);
    }
  }
  return { found: null, single: false, np: null, pronoun: null, how: `${how} (none)` };
}
