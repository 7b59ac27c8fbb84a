/**
 * The perpetrator of an act: who did it, as a span of the sentence, or nothing.
 *
 * CONVENTIONS.md gives `perpetrator: span|null` and no more; the dev set's annotation decision 6
 * adds that a pronoun perpetrator ("They …") is resolved to its antecedent and that a passive
 * act with no agent has none. So an act's perpetrator is its own agent only:
 *
 * - active verb: its subject ("Soldiers killed …"), skipping an aside ("Police, working with
 *   the FSB, detained …"); a verb coordinated with an earlier one ("… and detained scores"), a
 *   participle adjunct (", killing three") or an infinitive of purpose ("fired tear gas to
 *   disperse") takes the agent of the verb it hangs on;
 * - passive verb: its "by" agent ("were beaten by men who …"), else none: "40 people were
 *   detained" has no perpetrator, and neither has an intransitive ("died", "went missing");
 * - noun: "torture by police"; the subject of a light verb ("Guards gave inmates electric
 *   shocks"); "during a raid" takes the agent of the act verb it accompanies;
 * - a pronoun subject is reported as such and resolved by the caller (to the reporting
 *   verb's subject in "the army said it killed …", else to the last agent named before).
 *
 * Whatever the structure gives must then look like an agent: a phrase headed by a noun for
 * people or bodies that act (police, troops, guards, authorities, men, security services …) or
 * by a proper name; never a number or count phrase ("40", "three", "dozens of"), a date, an
 * abstract or function-word phrase ("every effort", "as a result of"), a pronoun, or the
 * victims of the same act. A locative tail is cut ("Police in the town of X" → "Police": the
 * place has its own field). Where a phrase fails, the answer is null, not a guess.
 */
import type { ActMention } from './acts.js';
import { auxChainStart } from './acts.js';
import type { Token } from './nlp.js';
import { lowers, npLeft, npRight, type Range } from './np.js';
import { parseQuantity } from './numbers.js';
import type { SentView } from './view.js';

export type AgentFind =
  | { readonly kind: 'span'; readonly first: number; readonly last: number; readonly how: string }
  | { readonly kind: 'pronoun'; readonly word: string; readonly how: string }
  | { readonly kind: 'none'; readonly how: string };

/** Head nouns (singular, lower case) of people and bodies that carry out acts. */
const AGENT_NOUNS = new Set([
  'police', 'policeman', 'officer', 'official', 'agent', 'operative', 'soldier', 'troop', 'army',
  'military', 'force', 'guard', 'warden', 'warder', 'jailer', 'gaoler', 'militia', 'militant',
  'fighter', 'rebel', 'insurgent', 'attacker', 'assailant', 'abductor', 'kidnapper', 'captor',
  'perpetrator', 'culprit', 'thug', 'mob', 'vigilante', 'gang', 'authority', 'government',
  'regime', 'state', 'ministry', 'service', 'unit', 'department', 'directorate', 'agency',
  'prosecutor', 'prosecution', 'court', 'judge', 'investigator', 'interrogator', 'personnel',
  'staff', 'commando', 'patrol', 'gendarme', 'gendarmerie', 'squad', 'battalion', 'brigade',
  'regiment', 'detachment', 'security', 'intelligence', 'inspector', 'commander', 'administration',
  'municipality', 'individual', 'person', 'paramilitary', 'sniper', 'gunman', 'mercenary',
  'jihadist', 'extremist', 'separatist', 'raider', 'bailiff', 'marshal', 'ranger', 'sheriff',
  'deputy', 'constable', 'trooper', 'serviceman', 'militiaman', 'henchman', 'bodyguard', 'guardsman',
]);
/** Group nouns whose "of" complement names the agent ("members of the security forces"). */
const GROUP_NOUNS = new Set(['member', 'group', 'team', 'unit', 'squad', 'detachment', 'contingent', 'band', 'dozens', 'scores', 'hundreds']);
/** "-men": gunmen, policemen, militiamen (not women, humans). */
const MEN = /m[ae]n$/;
const NOT_MEN = new Set(['woman', 'women', 'human', 'humans', 'german', 'germans', 'roman', 'romans', 'oman', 'yemen', 'specimen', 'abdomen']);
const CALENDAR = new Set([
  'monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday', 'january', 'february', 'march',
  'april', 'may', 'june', 'july', 'august', 'september', 'october', 'november', 'december',
]);
/** Where a locative tail starts ("Police in Kiraweni", "Guards at a jail"). */
const LOC_PREPS = new Set(['in', 'at', 'near', 'outside', 'inside', 'across', 'around', 'throughout']);
/** … unless it describes dress ("men in plain clothes", "officers in riot gear"). */
const DRESS = new Set(['clothes', 'clothing', 'uniform', 'uniforms', 'mask', 'masks', 'balaclavas', 'balaclava', 'camouflage', 'gear', 'fatigues', 'civilian', 'civvies', 'black', 'plainclothes']);
/** Anaphoric role nouns: an apposition after them is the fuller description. */
const ROLE_ANAPHORS = new Set(['abductor', 'kidnapper', 'attacker', 'assailant', 'perpetrator', 'captor', 'culprit']);
/** Generic heads that a relative clause identifies ("men who identified themselves as police"). */
const GENERIC_HEADS = new Set(['man', 'men', 'people', 'person', 'persons', 'individual', 'individuals', 'group']);
/** Light verbs whose subject is the agent of their noun object ("gave inmates electric shocks"). */
const LIGHT_VERBS = new Set(['give', 'inflict', 'carry', 'conduct', 'commit', 'perpetrate', 'use', 'impose', 'extract', 'stage', 'launch', 'mount', 'unleash', 'subject', 'administer', 'deliver', 'apply']);
/** Verbs of saying: a pronoun subject right after them is their subject ("the army said it …"). */
const SAYING = new Set(['say', 'tell', 'add', 'acknowledge', 'admit', 'confirm', 'deny', 'claim', 'report', 'state', 'announce', 'insist', 'explain', 'write']);
/** Rules whose subject is not an agent (victims, or carers): only a "by" agent counts. */
const NO_SUBJECT_AGENT = new Set(['die', 'lose-life', 'whereabouts-unknown', 'missing', 'disappear', 'not-heard-from', 'not-told-where', 'remain-held', 'documents-taken', 'hospital', 'treated-for-injuries']);
/** Rules with no agent at all, whatever the sentence says around them. */
const NEVER_AGENT = new Set(['hospital', 'treated-for-injuries']);
const PRONOUN_SUBJECTS = new Set(['they', 'it', 'he', 'she', 'we', 'i', 'you']);
const RELATIVES = new Set(['who', 'which', 'that']);
const CLAUSE_STOPS = new Set([';', ':', '“', '”', '"', '(', ')', '[', ']']);

const NONE_PASSIVE: AgentFind = { kind: 'none', how: 'passive without a "by" agent' };

function singular(w: string): string {
  if (w.endsWith('ies') && w.length > 4) return `${w.slice(0, -3)}y`;
  if (w.endsWith('ses') || w.endsWith('xes')) return w.slice(0, -2);
  if (w.endsWith('s') && !w.endsWith('ss') && w.length > 3) return w.slice(0, -1);
  return w;
}

function isAgentNoun(t: Token): boolean {
  const w = t.lower;
  if (AGENT_NOUNS.has(w) || AGENT_NOUNS.has(t.lemma) || AGENT_NOUNS.has(singular(w))) return true;
  return MEN.test(w) && !NOT_MEN.has(w);
}

function isNominal(t: Token | undefined): boolean {
  return t !== undefined && (t.pos === 'NOUN' || t.pos === 'PROPN');
}

/**
 * The agent phrase inside `r`, trimmed (leading adverbs and counts, a locative tail), or null
 * when what is left does not name people or a body that acts.
 */
export function agentRange(v: SentView, r: Range, blocked: (i: number) => boolean): Range | null {
  const words = lowers(v);
  let first = r.first;
  let last = r.last;
  // "told Mediazona by telephone that security forces had raided": the phrase starts after "that".
  for (let i = last - 1; i > first; i--) {
    if (RELATIVES.has(words[i] ?? '') || words[i] === 'whom' || words[i] === 'whose') {
      first = i + 1;
      break;
    }
  }
  // "six men", "as many as six men", "dozens of police": the count is not part of who did it.
  for (let pass = 0; pass < 2; pass++) {
    const q = first < last ? parseQuantity(words, first) : null;
    if (q && q.next > first) {
      first = q.next;
      while (first < last && (words[first] === 'of' || words[first] === 'the' || words[first] === 'those')) first++;
    }
    while (first < last && (v.tokens[first]?.pos === 'ADV' || v.tokens[first]?.pos === 'PUNCT' || v.tokens[first]?.pos === 'CCONJ')) first++;
  }
  for (let i = first + 1; i < last; i++) {
    const w = words[i] ?? '';
    if (LOC_PREPS.has(w)) {
      let k = i + 1;
      while (k < last && (v.tokens[k]?.pos === 'DET' || v.tokens[k]?.pos === 'ADJ')) k++;
      if (DRESS.has(words[k] ?? '') || DRESS.has(words[i + 1] ?? '')) continue;
      last = i;
      break;
    }
  }
  while (last > first && ['of', 'the', 'a', 'an', 'and', 'or', ',', '’s', "'s", '-', 'who', 'that'].includes(words[last - 1] ?? '')) last--;
  if (last <= first) return null;
  for (let i = first; i < last; i++) {
    const t = v.tokens[i];
    if (!t || blocked(i)) return null;
    if (t.pos === 'PRON' && !['his', 'her', 'their', 'its', 'our', 'my'].includes(t.lower)) return null;
    if (t.pos === 'NUM') return null;
  }
  // The head: the last noun before an "of"/"who"; a group noun may take its complement's head.
  let head = -1;
  let ofAt = -1;
  for (let i = first; i < last; i++) {
    const w = words[i] ?? '';
    if (w === 'of' || w === 'who' || w === 'from' || w === 'with' || w === 'for' || LOC_PREPS.has(w)) {
      if (w === 'of') ofAt = i;
      break;
    }
    if (isNominal(v.tokens[i])) head = i;
  }
  if (head < 0) return null;
  const h = v.tokens[head] as Token;
  if (isAgentNoun(h)) return { first, last };
  if (ofAt > head && (GROUP_NOUNS.has(h.lower) || GROUP_NOUNS.has(singular(h.lower)))) {
    let sub = -1;
    for (let i = ofAt + 1; i < last && !['who', 'in', 'at', 'from', 'with'].includes(words[i] ?? ''); i++) if (isNominal(v.tokens[i])) sub = i;
    if (sub >= 0 && (isAgentNoun(v.tokens[sub] as Token) || isName(v, sub))) return { first, last };
    return null;
  }
  return isName(v, head) ? { first, last } : null;
}

/** A proper name (an organisation, a person, a state), not a calendar word or a capitalised plural. */
function isName(v: SentView, i: number): boolean {
  const t = v.tokens[i];
  if (!t || t.pos !== 'PROPN') return false;
  const c = t.text.charCodeAt(0);
  if (!(c >= 65 && c <= 90) && !(c >= 0xc0 && c <= 0xde) && !(c >= 0x400 && c <= 0x42f)) return false;
  if (CALENDAR.has(t.lower)) return false;
  // A sentence-initial capitalised plural ("Protesters", "Migrants") is a common noun.
  if (i === 0 && t.lower.endsWith('s') && !t.lower.endsWith('ss')) return false;
  return true;
}

/** "by" + agent within the clause after `from` (a passive's agent, or "torture by police"). */
function byAgent(v: SentView, from: number, window: number, blocked: (i: number) => boolean): Range | null {
  const words = lowers(v);
  for (let i = from; i < Math.min(v.tokens.length, from + window); i++) {
    const w = words[i] ?? '';
    if (w === 'by') {
      const r = npRight(v, i + 1);
      if (r.last <= r.first) return null;
      let last = r.last;
      // "men who identified themselves as municipal police": the clause identifies them.
      const head = v.tokens[r.last - 1];
      if (head && GENERIC_HEADS.has(head.lower) && words[r.last] === 'who') {
        let k = r.last + 1;
        while (k < v.tokens.length && k < r.last + 12) {
          const t = v.tokens[k] as Token;
          if (t.text === ',' || t.text === '.' || t.text === ';' || CLAUSE_STOPS.has(t.text)) break;
          if ((t.lower === 'and' || t.lower === 'but') && (v.tokens[k + 1]?.pos === 'VERB' || v.tokens[k + 1]?.pos === 'AUX')) break;
          k++;
        }
        if (k > r.last + 2) last = k;
      }
      const a = agentRange(v, r, blocked);
      if (!a) return null;
      if (last > r.last && a.last === r.last) return { first: a.first, last };
      // "by agents and officials".
      if (a.last === r.last && (words[r.last] === 'and' || words[r.last] === 'or')) {
        const r2 = npRight(v, r.last + 1);
        const a2 = r2.last > r2.first ? agentRange(v, r2, blocked) : null;
        if (a2 && a2.first === r2.first) return { first: a.first, last: a2.last };
      }
      return a;
    }
    if (w === ',' || w === '.' || w === ';' || w === 'and' || w === 'but') return null;
  }
  return null;
}

/**
 * A VERB that heads no clause: a participle or gerund inside a noun phrase or after a
 * preposition ("an overcrowded jail", "an earlier arrest", "against rising prices", "from
 * travelling"), or a tagger slip in a compound ("fired tear gas", "gas and live rounds").
 */
function isNonClauseVerb(v: SentView, k: number): boolean {
  const prev = v.tokens[k - 1];
  const next = v.tokens[k + 1];
  const t = v.tokens[k] as Token;
  if (!prev) return false;
  if (prev.pos === 'DET' || (prev.pos === 'ADP' && prev.lower !== 'to')) return true;
  if ((prev.pos === 'ADJ' || prev.pos === 'ADV') && v.tokens[k - 2]?.pos === 'DET') return true;
  if ((prev.pos === 'VERB' || prev.pos === 'NUM' || prev.pos === 'ADJ') && next?.pos === 'NOUN') return true;
  if (t.lower === t.lemma && prev.pos === 'CCONJ' && v.tokens[k - 2]?.pos === 'NOUN' && next?.pos === 'NOUN') return true;
  return false;
}

/** Whether the verb is a passive participle ("were detained"), not a progressive ("were preventing"). */
function isPassiveVerb(v: SentView, k: number): boolean {
  return auxChainStart(v, k).passive && !(v.tokens[k]?.lower ?? '').endsWith('ing');
}

/**
 * The verb a coordinated verb, a participle adjunct or an infinitive hangs on: the nearest verb to
 * the left in the clause that is not an infinitive, a relative clause's verb, a participle inside
 * a noun phrase, or (with `finite`) an -ing form ("relatives living abroad and … returned").
 */
function governingVerb(v: SentView, from: number, finite: boolean): number {
  for (let k = from; k >= 0; k--) {
    const t = v.tokens[k];
    if (!t || CLAUSE_STOPS.has(t.text)) return -1;
    if (t.pos !== 'VERB') continue;
    if (SAYING.has(t.lemma)) return -1;
    if (isNonClauseVerb(v, k)) continue;
    if (finite && t.lower.endsWith('ing')) continue;
    const chain = auxChainStart(v, k);
    const before = v.tokens[chain.start - 1]?.lower ?? '';
    if (v.tokens[chain.start]?.lower === 'to' || before === 'to') continue;
    if (RELATIVES.has(before)) continue;
    return k;
  }
  return -1;
}

export interface AgentContext {
  readonly blocked: (i: number) => boolean;
  /** The victims' phrase of the act, if any: never its perpetrator. */
  readonly victims: Range | null;
  /** The sentence's act mentions (for "during a raid"). */
  readonly mentions: readonly ActMention[];
}

/** The perpetrator of an act mention: a span of the sentence, a pronoun to resolve, or none. */
export function agentOf(v: SentView, m: ActMention, ctx: AgentContext): AgentFind {
  const found = agentOfMention(v, m, ctx);
  if (found.kind === 'span' && ctx.victims && found.first < ctx.victims.last && ctx.victims.first < found.last) return { kind: 'none', how: 'agent phrase is the victims' };
  return found;
}

function agentOfMention(v: SentView, m: ActMention, ctx: AgentContext): AgentFind {
  if (NEVER_AGENT.has(m.rule)) return { kind: 'none', how: 'act names no agent' };
  const headTok = v.tokens[m.head];
  if (m.rule === 'heard-nothing') {
    // "We reported it to the state prosecutor and have heard nothing since": the one who ignored it.
    const words = lowers(v);
    for (let i = m.head + 1; i < m.end; i++) {
      if (words[i] !== 'to') continue;
      const r = npRight(v, i + 1);
      const a = r.last > r.first ? agentRange(v, r, ctx.blocked) : null;
      if (a) return { kind: 'span', ...a, how: 'addressee of the ignored complaint' };
    }
    return { kind: 'none', how: 'no addressee' };
  }
  if (m.noun || headTok?.pos === 'NOUN' || headTok?.pos === 'PROPN') return agentOfNoun(v, m, ctx);
  if (NO_SUBJECT_AGENT.has(m.rule)) {
    const by = byAgent(v, m.end, 8, ctx.blocked);
    return by ? { kind: 'span', ...by, how: '"by" agent' } : { kind: 'none', how: 'intransitive: no agent' };
  }
  return agentOfVerb(v, m.head, m.end, ctx, 0);
}

function agentOfNoun(v: SentView, m: ActMention, ctx: AgentContext): AgentFind {
  // "torture by police", "arrests by security forces".
  const by = byAgent(v, m.end, 4, ctx.blocked);
  if (by) return { kind: 'span', ...by, how: '"by" agent of the noun' };
  const words = lowers(v);
  // "gave inmates electric shocks", "used excessive force": the light verb's agent.
  for (let k = m.head - 1; k >= Math.max(0, m.head - 6); k--) {
    const t = v.tokens[k];
    if (!t || CLAUSE_STOPS.has(t.text) || t.text === ',') break;
    if (t.pos === 'VERB' && LIGHT_VERBS.has(t.lemma)) {
      const r = agentOfVerb(v, k, k + 1, ctx, 1);
      return r.kind === 'none' ? r : { ...r, how: `${r.how} (of the light verb "${t.text}")` };
    }
    if (t.pos === 'VERB') break;
  }
  // "killed … during a raid": the agent of the act verb the raid accompanies.
  let p = m.head - 1;
  while (p >= 0 && (v.tokens[p]?.pos === 'DET' || v.tokens[p]?.pos === 'ADJ')) p--;
  if (['during', 'amid', 'in'].includes(words[p] ?? '')) {
    const host = [...ctx.mentions].reverse().find((o) => o.head < p && !o.noun && v.tokens[o.head]?.pos === 'VERB');
    if (host && !NO_SUBJECT_AGENT.has(host.rule) && !NEVER_AGENT.has(host.rule)) {
      const r = agentOfVerb(v, host.head, host.end, ctx, 1);
      return r.kind === 'none' ? r : { ...r, how: `${r.how} (of the act it accompanies)` };
    }
  }
  return { kind: 'none', how: 'noun without an agent' };
}

function agentOfVerb(v: SentView, k: number, end: number, ctx: AgentContext, depth: number): AgentFind {
  if (depth > 4) return { kind: 'none', how: 'too deep' };
  const words = lowers(v);
  const chain = auxChainStart(v, k);
  if (isPassiveVerb(v, k)) {
    const by = byAgent(v, end, 8, ctx.blocked);
    return by ? { kind: 'span', ...by, how: '"by" agent of a passive' } : NONE_PASSIVE;
  }
  const headTok = v.tokens[k] as Token;
  // Infinitive of purpose or control: "fired tear gas to disperse", "were making every effort to prevent".
  const toAt = v.tokens[chain.start]?.lower === 'to' ? chain.start : words[chain.start - 1] === 'to' ? chain.start - 1 : -1;
  if (toAt >= 0) {
    const g = governingVerb(v, toAt - 1, false);
    if (g < 0) return { kind: 'none', how: 'infinitive without a governing verb' };
    // "ordered troops to disperse": an agent object between the verb and "to" is the agent.
    if (g + 1 < toAt) {
      const obj = agentRange(v, { first: g + 1, last: toAt }, ctx.blocked);
      if (obj && obj.last === toAt && !isPassiveVerb(v, g)) return { kind: 'span', ...obj, how: 'object of the verb governing the infinitive' };
    }
    const r = agentOfVerb(v, g, g + 1, ctx, depth + 1);
    return r.kind === 'none' ? r : { ...r, how: `${r.how} (of "${v.tokens[g]?.text}", governing the infinitive)` };
  }
  const before = v.tokens[chain.start - 1];
  const bw = before?.lower ?? '';
  // ", killing at least three protesters": a participle adjunct takes the clause's agent.
  if (bw === ',' && headTok.lower.endsWith('ing')) {
    const g = governingVerb(v, chain.start - 2, true);
    if (g < 0) return { kind: 'none', how: 'participle adjunct without a clause verb' };
    const r = agentOfVerb(v, g, g + 1, ctx, depth + 1);
    return r.kind === 'none' ? r : { ...r, how: `${r.how} (participle adjunct)` };
  }
  // The subject right before the verb chain.
  const subj = npLeft(v, chain.start);
  if (subj.last > subj.first) {
    // "40 detained": a count with no verb of being is a reduced passive, not an agent.
    const q = parseQuantity(words, subj.first);
    if (q && q.next >= subj.last) return { kind: 'none', how: 'reduced passive (count subject)' };
    const a = agentRange(v, subj, ctx.blocked);
    if (!a) return { kind: 'none', how: 'subject is not an agent' };
    return { kind: 'span', ...extendCoordinated(v, a, ctx.blocked), how: 'subject' };
  }
  if (before && PRONOUN_SUBJECTS.has(bw)) {
    return pronounSubject(v, chain.start - 1, ctx);
  }
  if (before && RELATIVES.has(bw) && before.pos !== 'SCONJ') {
    // "police, who detained 40": the relative pronoun's antecedent.
    const end2 = v.tokens[chain.start - 2]?.text === ',' ? chain.start - 2 : chain.start - 1;
    const ante = npLeft(v, end2);
    // The nearest noun phrase: "threw stones at police, who detained …" → police.
    let af = ante.first;
    for (let i = ante.last - 1; i > ante.first; i--) {
      if (v.tokens[i]?.pos === 'ADP' && words[i] !== 'of') {
        af = i + 1;
        break;
      }
    }
    const a = ante.last > af ? agentRange(v, { first: af, last: ante.last }, ctx.blocked) : null;
    return a ? { kind: 'span', ...a, how: 'antecedent of the relative pronoun' } : { kind: 'none', how: 'relative pronoun without an agent antecedent' };
  }
  if (bw === ',') {
    // "Police, working with the FSB, detained": an aside between the subject and its verb.
    const aside = asideSubject(v, chain.start - 1, ctx);
    if (aside) return aside;
  }
  if (bw === 'and' || bw === 'or' || bw === ',' || bw === 'then') {
    // "killed 18 villagers and detained scores", "gave inmates electric shocks, stripped them".
    const g = governingVerb(v, chain.start - 2, !headTok.lower.endsWith('ing'));
    if (g < 0) return { kind: 'none', how: 'coordinated verb without a first verb' };
    if (isPassiveVerb(v, g)) return { kind: 'none', how: 'coordinated with a passive without agent' };
    const r = agentOfVerb(v, g, g + 1, ctx, depth + 1);
    return r.kind === 'none' ? r : { ...r, how: `${r.how} (coordinated verb)` };
  }
  return { kind: 'none', how: 'no subject' };
}

/**
 * "X, working with Y, have abducted" / "the abductors, usually men in plain clothes, confiscated":
 * the subject before the aside; after an anaphoric role noun, the apposition that describes it.
 */
function asideSubject(v: SentView, comma: number, ctx: AgentContext): AgentFind | null {
  let j = comma - 1;
  while (j >= 0 && v.tokens[j]?.text !== ',' && !CLAUSE_STOPS.has(v.tokens[j]?.text ?? '')) j--;
  if (j <= 0 || v.tokens[j]?.text !== ',') return null;
  // The aside holds no finite clause of its own.
  for (let i = j + 1; i < comma; i++) {
    const t = v.tokens[i];
    if (t?.pos === 'AUX') return null;
  }
  const main = npLeft(v, j);
  if (main.last <= main.first) return null;
  // The subject must open its clause: no verb right before it ("gave inmates X, stripped").
  const pre = v.tokens[main.first - 1];
  if (pre && ((pre.pos === 'VERB' && !SAYING.has(pre.lemma)) || pre.pos === 'ADP' || pre.pos === 'AUX')) return null;
  const a = agentRange(v, main, ctx.blocked);
  if (!a) return null;
  const headMain = v.tokens[a.last - 1];
  if (headMain && ROLE_ANAPHORS.has(singular(headMain.lower))) {
    const app = agentRange(v, { first: j + 1, last: comma }, ctx.blocked);
    if (app && app.last === comma) return { kind: 'span', ...app, how: 'apposition describing the subject' };
  }
  return { kind: 'span', ...a, how: 'subject before an aside' };
}

/** "Police and industrial security units": a coordinated agent phrase opening its clause. */
function extendCoordinated(v: SentView, a: Range, blocked: (i: number) => boolean): Range {
  const and = v.tokens[a.first - 1];
  if (!and || (and.lower !== 'and' && and.lower !== 'or')) return a;
  const left = npLeft(v, a.first - 1);
  if (left.last <= left.first || left.last !== a.first - 1) return a;
  const pre = v.tokens[left.first - 1];
  if (pre && (pre.pos === 'ADP' || pre.pos === 'VERB' || pre.pos === 'AUX' || pre.pos === 'NUM')) return a;
  const la = agentRange(v, left, blocked);
  if (!la || la.first !== left.first || la.last !== left.last) return a;
  return { first: la.first, last: a.last };
}

/**
 * A pronoun subject. Right after a verb of saying ("the ministry said it had detained …") it is
 * that verb's subject when that is an agent (and nothing otherwise); "they" elsewhere is left to
 * the caller to resolve to the last agent named before; "he", "she", "we" are not resolved.
 */
function pronounSubject(v: SentView, at: number, ctx: AgentContext): AgentFind {
  const w = v.tokens[at]?.lower ?? '';
  let k = at - 1;
  if (v.tokens[k]?.lower === 'that') k--;
  const sv = v.tokens[k];
  if (sv && sv.pos === 'VERB' && SAYING.has(sv.lemma) && (w === 'they' || w === 'it')) {
    const subj = npLeft(v, auxChainStart(v, k).start);
    const a = subj.last > subj.first ? agentRange(v, subj, ctx.blocked) : null;
    return a ? { kind: 'span', ...a, how: `"${w}" = the subject of "${sv.text}"` } : { kind: 'none', how: `"${w}" = a speaker who is not an agent` };
  }
  if (w === 'they') return { kind: 'pronoun', word: w, how: 'pronoun' };
  return { kind: 'none', how: `pronoun "${w}" not resolved` };
}
