/**
 * Who is speaking: a phrase such as "Igor Kochetkov, the programme director for the Russian LGBT
 * Network" is split into a person's name, a role and an organisation; pronouns and descriptions
 * ("he", "the spokeswoman", "its director", "the group", "a local rights monitor") are resolved
 * against what the text has named so far (or, for an indefinite description, names next).
 */
import type { Token } from './nlp.js';
import { lookupPlace } from './places.js';
import type { SentView } from './view.js';
import { isCapital, spanText } from './view.js';

export interface Speaker {
  readonly name: string | null;
  readonly role: string | null;
  readonly org: string | null;
  readonly kind: 'person' | 'org' | 'group' | 'unknown';
  readonly authority: boolean;
  /** True when the phrase carries a count ("Several", "At least 37 of those detained"). */
  readonly counted: boolean;
  /** How the speaker was resolved (for the statement's basis). */
  readonly how: string;
}

export const ORG_HEADS = [
  'network', 'centre', 'center', 'watch', 'authority', 'forum', 'ministry', 'agency', 'association',
  'observatory', 'committee', 'desk', 'circle', 'alliance', 'league', 'party', 'union', 'office',
  'bureau', 'commission', 'court', 'government', 'service', 'services', 'police', 'army', 'council',
  'group', 'institute', 'foundation', 'coalition', 'administration', 'ombudsman', 'monitor',
  'kremlin', 'prosecutor', 'military', 'hospital', 'organisation', 'organization', 'movement',
  'project', 'initiative', 'federation', 'mission', 'department', 'directorate', 'guard', 'troops',
  'forces', 'force', 'parliament', 'assembly', 'embassy', 'tribunal', 'secretariat', 'inspectorate',
];
const ORG_HEAD_SET = new Set(ORG_HEADS);
const ORG_CAP = /^(?:Network|Centre|Center|Watch|Authority|Forum|Ministry|Agency|Association|Observatory|Committee|Desk|Circle|Alliance|League|Party|Union|Office|Bureau|Commission|Court|Government|Service|Services|Police|Army|Council|Group|Institute|Foundation|Coalition|Administration|Ombudsman|Monitor|Kremlin|Hospital|Organisation|Organization|Movement|Project|Initiative|Federation|Mission|Department|Directorate|Guard|Forces|Parliament|Assembly|Embassy|Tribunal|Times|News|Press|Post|Radio|Television|TV|Broadcasting|Gazette|Journal|Herald|Tribune|Wire|Memorial|International|Info|Viasna|Amnesty|Reuters|Interfax|TASS|RT|Mediazona|Meduza)$/;
const KNOWN_ORGS = new Set(['Memorial', 'OVD-Info', 'Viasna', 'Amnesty International', 'Human Rights Watch', 'Reuters', 'RT', 'TASS', 'Interfax', 'AFP', 'AP', 'BBC', 'Meduza', 'Mediazona', 'Kremlin', 'UN', 'OSCE', 'UNHCR', 'OHCHR', 'FSB', 'Rosgvardia', 'SK SOS']);
const TITLES = new Set([
  'mayor', 'president', 'colonel', 'general', 'governor', 'dr', 'dr.', 'mr', 'mr.', 'mrs', 'mrs.', 'ms', 'ms.',
  'judge', 'minister', 'senator', 'police', 'army', 'government', 'ministry', 'county', 'lieutenant',
  'major', 'captain', 'sergeant', 'prosecutor', 'chief', 'deputy', 'head', 'commander', 'spokesman',
  'spokeswoman', 'spokesperson', 'lawyer', 'activist', 'journalist', 'photographer', 'reporter',
  'director', 'coordinator', 'officer', 'official', 'leader', 'chairman', 'chairwoman', 'chair',
  'sheikh', 'imam', 'father', 'sister', 'brother', 'professor', 'prof.', 'state', 'interior',
  'foreign', 'defence', 'defense', 'opposition', 'organiser', 'organizer', 'human', 'rights',
  'advocate', 'ombudsman', 'premier', 'prime', 'secretary', 'press', 'putin', 'loyalist', 'kremlin',
]);
const OUTLET_RE = /\b(?:Reuters|AFP|AP|Associated Press|Agence France-Presse|RT|TASS|Interfax|RIA Novosti|BBC|CNN|Al Jazeera|Meduza|Mediazona|Novaya Gazeta|Kommersant|Vedomosti|Izvestia|Dozhd|TV Rain|Nasha Niva|Zerkalo|Belsat|Euronews|Bloomberg|Caucasian Knot|Kavkaz Uzel|Radio Free Europe|RFE\/RL|Radio Liberty|Ekho Moskvy|Times|Post|News|Agency|Broadcasting|Radio|Television|TV|Gazette|Journal|Herald|Tribune|Daily|Wire|Press|Guardian|Telegraph|Independent|Observer|Ledger|Service)\b/;
const AUTHORITY_RE = /\b(?:police|ministry|government|authorit(?:y|ies)|army|military|official|governor|mayor|commander|president|minister|kremlin|prosecutor|court|bureau|administration|press secretary|security service|fsb|investigative committee|head of|leader|interior|defen[cs]e|troops|office|ombudsman|municipal|federal|jail|prison|immigration|migration|spokes(?:man|woman|person) for the (?:police|government|ministry)|colonel|general|kadyrov|peskov)\b/i;
const NGO_RE = /\b(?:rights|network|watch|centre|center|forum|observatory|desk|circle|alliance|league|association|committee for|legal aid|union|party|memorial|amnesty|ovd|viasna|hospital|monitor|group|ngo|activists?|lawyers?'? group|shelters?|survivors?|witness(?:es)?|relatives?|families|family|wife|mother|father|inmates?|detainees?|migrants?|workers?|villagers?|residents?)\b/i;

const STOP_END = new Set([',', '.', ';', ':', '”', '“', '"']);

function capitalised(t: Token | undefined): boolean {
  return t !== undefined && isCapital(t.text.charCodeAt(0));
}

export function isOutletName(s: string): boolean {
  return OUTLET_RE.test(s) && !/\b(?:Network|Centre|Watch|Committee|Ministry|Police|Observatory)\b/.test(s);
}

// Pure functions of a short string that run several times per statement on the same few
// phrases: their answers are memoised (bounded maps; the answer for a string never changes).
const AUTHORITY_MEMO = new Map<string, boolean>();
const CLEAN_MEMO = new Map<string, string>();
const ROLE_WORD_MEMO = new Map<string, string | null>();

function remember<V>(memo: Map<string, V>, key: string, value: V): V {
  if (memo.size > 20_000) memo.clear();
  memo.set(key, value);
  return value;
}

export function isAuthority(s: string): boolean {
  const hit = AUTHORITY_MEMO.get(s);
  return hit !== undefined ? hit : remember(AUTHORITY_MEMO, s, isAuthorityRaw(s));
}

function isAuthorityRaw(s: string): boolean {
  if (/\b(?:rights|legal aid|network|watch|observatory|forum|hospital|party|alliance|league|union|memorial|amnesty|ovd-info|viasna|centre|desk|circle)\b/i.test(s) && !/\bombudsman\b/i.test(s)) return false;
  return AUTHORITY_RE.test(s);
}

function clean(s: string): string {
  const hit = CLEAN_MEMO.get(s);
  return hit !== undefined ? hit : remember(CLEAN_MEMO, s, cleanRaw(s));
}

function cleanRaw(s: string): string {
  return s
    .replace(/^[\s,]+|[\s,]+$/g, '')
    .replace(/^(?:and|but|however|the|a|an)\s+/i, '')
    .replace(/^(?:the|a|an)\s+/i, '')
    .trim();
}

/** Names that read as a rights group or monitor (what "a local rights group" turns out to be). */
const RIGHTS_GROUP = /\b(?:Network|Watch|Rights|Committee|Observatory|Forum|Desk|Monitor|Memorial|Amnesty|Support|Legal|Association|Union|League|Coalition|Foundation|Centre for|Center for|Helsinki|OVD-Info|Viasna)\b/;

export interface OrgMention {
  readonly name: string;
  readonly sent: number;
  readonly ngo: boolean;
  readonly outlet: boolean;
}

/** Capitalised organisation names in a sentence ("the Russian LGBT Network", "Kampala Legal Watch"). */
export function findOrgs(v: SentView, text: string, limit = v.tokens.length): OrgMention[] {
  const out: OrgMention[] = [];
  // Only the tokens of v.tokens.slice(0, limit) are read (every look-ahead below is bounded by
  // n), so a caller need not copy the view to cut it short.
  const n = limit < 0 ? Math.max(0, v.tokens.length + limit) : Math.min(limit, v.tokens.length);
  let i = 0;
  while (i < n) {
    const t = v.tokens[i];
    if (!t || !capitalised(t)) {
      i++;
      continue;
    }
    let j = i + 1;
    while (j < n) {
      const u = v.tokens[j];
      if (!u) break;
      if (capitalised(u) || ((u.lower === 'of' || u.lower === 'for' || u.lower === 'and' || u.lower === 'del' || u.lower === 'de' || u.text === '’' || u.text === '’s' || u.text === "'s" || u.text === '-') && capitalised(v.tokens[j + 1]) && j + 1 < n)) j++;
      else break;
    }
    // Trim trailing connector tokens, and a sentence-initial "The".
    let last = j;
    if (v.tokens[i]?.lower === 'the' && j - i > 1) i++;
    while (last > i && !capitalised(v.tokens[last - 1])) last--;
    const words = v.tokens.slice(i, last).map((x) => x.text);
    const name = spanText(text, v.tokens, i, last);
    const hasHead = words.some((w) => ORG_CAP.test(w));
    if ((hasHead && words.length >= 2) || KNOWN_ORGS.has(name) || (isOutletName(name) && /^(?:Novaya Gazeta|Meduza|Mediazona|Kommersant|Vedomosti|Izvestia|Interfax|TASS|RIA Novosti|Reuters|AFP|BBC|Nasha Niva|Zerkalo|Belsat|Dozhd|Caucasian Knot|Kavkaz Uzel)$/.test(name)) || (hasHead && ['Reuters', 'RT', 'TASS', 'Interfax', 'Memorial', 'Kremlin', 'Viasna', 'Meduza', 'Mediazona'].includes(name))) {
      // Not a sentence-initial common word glued to a name ("Police" alone is handled elsewhere).
      const outlet = isOutletName(name);
      out.push({ name, sent: v.sent.i, ngo: !outlet && !isAuthority(name), outlet });
    }
    i = Math.max(j, i + 1);
  }
  return out;
}

/** A person's name inside [first, last): the last run of two or more capitalised words that is
 * neither an organisation nor a place, titles stripped ("Colonel Danjuma Okafor" → "Danjuma Okafor"). */
export function personName(v: SentView, text: string, first: number, last: number, known: readonly string[], placeNames: ReadonlySet<string> = new Set()): { name: string; first: number; last: number } | null {
  let best: { name: string; first: number; last: number } | null = null;
  let i = first;
  while (i < last) {
    if (!capitalised(v.tokens[i]) || v.tokens[i]?.pos === 'DET') {
      i++;
      continue;
    }
    let j = i;
    while (j < last && capitalised(v.tokens[j]) && (v.tokens[j]?.pos === 'PROPN' || v.tokens[j]?.pos === 'NOUN' || v.tokens[j]?.pos === 'ADJ' || v.tokens[j]?.pos === 'X' || v.tokens[j]?.pos === 'VERB')) j++;
    if (j === i) {
      i++;
      continue;
    }
    let s = i;
    while (s < j && TITLES.has(v.tokens[s]?.lower ?? '')) s++;
    // "Vladimir Putin loyalist Ramzan Kadyrov": a lower-case word splits runs already.
    const words = v.tokens.slice(s, j).map((t) => t.text);
    const name = words.length > 0 ? spanText(text, v.tokens, s, j) : '';
    const isOrg = words.some((w) => ORG_CAP.test(w)) || (words.length > 0 && isOutletName(words.join(' ')));
    const isPlace = words.length > 0 && (lookupPlace(name) !== null || placeNames.has(name));
    const afterPossessive = v.tokens[s - 1]?.text === '’s' || v.tokens[s - 1]?.text === "'s";
    const followedByPossessive = v.tokens[j]?.text === '’s' || v.tokens[j]?.text === "'s";
    if (!isOrg && !isPlace && !followedByPossessive && !afterPossessive) {
      // The phrase's own name comes first ("Alvi Karimov, a spokesman for … Ramzan Kadyrov").
      if (words.length >= 2 && words.length <= 4) {
        best = { name, first: s, last: j };
        const after = v.tokens[j];
        if (s <= first + 1 && (j >= last || after?.text === ',' || after?.text === '(')) return best;
      }
      else if (words.length === 1) {
        const w = words[0] ?? '';
        const prev = v.tokens[s - 1]?.lower ?? '';
        // The last word of a known name (what k.split(' ').slice(-1)[0] gives, without the arrays).
        const knownFull = known.find((k) => k.slice(k.lastIndexOf(' ') + 1) === w);
        if (knownFull) best = { name: knownFull, first: s, last: j };
        else if (prev === 'as' || prev === 'named' || prev === 'called') best = { name: w, first: s, last: j };
      }
    }
    i = j;
  }
  return best;
}

/** A lower-case organisation phrase ending the range: "Tajikistan’s foreign ministry", "the provincial jail bureau". */
function orgPhrase(v: SentView, text: string, first: number, last: number): string | null {
  for (let k = last - 1; k >= first; k--) {
    const t = v.tokens[k];
    if (!t) continue;
    if (ORG_HEAD_SET.has(t.lower) && !(t.lower === 'group' && v.tokens[k - 1]?.lower === 'rights' && false)) {
      // Extend left over modifiers.
      let s = k;
      while (s - 1 >= first) {
        const p = v.tokens[s - 1];
        if (!p) break;
        if (p.pos === 'ADJ' || p.pos === 'NOUN' || p.pos === 'PROPN' || p.text === '’s' || p.text === "'s" || p.lower === 'the' || p.text === '-') s--;
        else break;
      }
      // "a spokeswoman for Kiraweni General Hospital" handled by findOrgs; here the phrase itself.
      return clean(spanText(text, v.tokens, s, k + 1));
    }
  }
  return null;
}

export interface Registry {
  persons: { name: string; role: string | null; org: string | null; gender: 'm' | 'f' | null; sent: number }[];
  orgs: OrgMention[];
  /** Organisation that published "the report" mentioned in the text. */
  reportOwner: string | null;
  outlet: string | null;
  outletIsNgo: boolean;
  /** The organisation of the latest statement: what "it" and "they" usually mean. */
  lastOrgSpeaker: string | null;
  /** Description heads seen in apposition to a name ("her party, the National Renewal Alliance"). */
  aliases: Map<string, string>;
  /** Place names found in the text: never a person's name. */
  placeNames: Set<string>;
}

const ROLE_NOUNS = ['spokeswoman', 'spokesman', 'spokesperson', 'director', 'coordinator', 'lawyer', 'official', 'researcher', 'editor', 'commander', 'governor', 'mayor', 'secretary', 'minister', 'head', 'chief', 'leader', 'chairman', 'activist', 'officer'];

function genderOf(role: string | null): 'm' | 'f' | null {
  if (!role) return null;
  if (/\b(?:spokeswoman|wife|mother|daughter|sister|chairwoman|she|her|mrs|ms)\b/i.test(role)) return 'f';
  if (/\b(?:spokesman|husband|father|son|brother|chairman|mr)\b/i.test(role)) return 'm';
  return null;
}

/** Resolve "the group", "the network", "it", "its" to a named organisation. */
export function resolveOrgRef(word: string, reg: Registry, sent: number, forward: boolean): string | null {
  const w = word.toLowerCase();
  if (w === 'report') return reg.reportOwner ?? (reg.outletIsNgo ? reg.outlet : null);
  const pool = forward ? reg.orgs.filter((o) => o.sent >= sent) : [...reg.orgs].filter((o) => o.sent <= sent).reverse();
  const alias = reg.aliases.get(w);
  if (alias) return alias;
  if (w === 'it' || w === 'its' || w === 'they') {
    if (reg.lastOrgSpeaker) return reg.lastOrgSpeaker;
    const hit = pool.find((o) => !o.outlet);
    return hit?.name ?? null;
  }
  if (w === 'agency' || w === 'newspaper' || w === 'outlet' || w === 'broadcaster' || w === 'channel') {
    const hit = pool.find((o) => o.outlet);
    return hit?.name ?? null;
  }
  const byName = pool.find((o) => o.name.toLowerCase().includes(w));
  if (byName) return byName.name;
  if (!forward) {
    const ahead = reg.orgs.find((o) => o.sent > sent && o.name.toLowerCase().includes(w));
    if (ahead) return ahead.name;
  }
  if (['group', 'monitor', 'organisation', 'organization', 'ngo'].includes(w)) {
    const ngo = pool.find((o) => o.ngo && RIGHTS_GROUP.test(o.name)) ?? pool.find((o) => o.ngo);
    if (ngo) return ngo.name;
    if (!forward) {
      const ahead = reg.orgs.find((o) => o.sent > sent && o.ngo && RIGHTS_GROUP.test(o.name));
      if (ahead) return ahead.name;
    }
  }
  if (reg.outletIsNgo && reg.outlet && reg.outlet.toLowerCase().includes(w)) return reg.outlet;
  return null;
}

/**
 * The speaker of a phrase [first, last) of sentence `v`. `pronounHint` is set when the phrase is
 * a pronoun; `reg` holds what the text has named so far.
 */
export function analyseSpeaker(v: SentView, text: string, first: number, last: number, reg: Registry): Speaker {
  while (first < last && STOP_END.has(v.tokens[first]?.text ?? '')) first++;
  while (last > first && STOP_END.has(v.tokens[last - 1]?.text ?? '')) last--;
  if (first < last && ['and', 'but', 'however', 'while'].includes(v.tokens[first]?.lower ?? '')) first++;
  while (first < last && v.tokens[first]?.text === ',') first++;
  const phrase = spanText(text, v.tokens, first, last);
  const lower = phrase.toLowerCase();
  const sent = v.sent.i;

  // Pronouns.
  if (last - first === 1) {
    const w = v.tokens[first]?.lower ?? '';
    if (w === 'he' || w === 'she') {
      const g = w === 'he' ? 'm' : 'f';
      const hit = [...reg.persons].reverse().find((p) => p.gender === null || p.gender === g);
      if (hit) {
        if (hit.gender === null) hit.gender = g;
        return { name: hit.name, role: hit.role, org: hit.org, kind: 'person', authority: isAuthority(`${hit.role ?? ''} ${hit.org ?? ''}`), counted: false, how: `pronoun ${w}` };
      }
      return { name: null, role: null, org: null, kind: 'unknown', authority: false, counted: false, how: `unresolved ${w}` };
    }
    if (w === 'it' || w === 'they' || w === 'we') {
      const org = resolveOrgRef('it', reg, sent, false);
      return { name: null, role: null, org, kind: org ? 'org' : 'unknown', authority: org ? isAuthority(org) : false, counted: false, how: `pronoun ${w}` };
    }
  }

  const knownNames = reg.persons.map((p) => p.name);
  const person = personName(v, text, first, last, knownNames, reg.placeNames);
  const orgs = findOrgs(v, text, last).filter((o) => {
    const start = text.indexOf(o.name, v.tokens[first]?.start ?? 0);
    return start >= (v.tokens[first]?.start ?? 0) && start < (v.tokens[last - 1]?.end ?? 0);
  });
  let org: string | null = orgs.find((o) => !o.outlet)?.name ?? orgs[0]?.name ?? null;
  let how = 'phrase';

  // Possessive or pronoun references: "the group’s coordinator", "Its director", "the centre’s researcher".
  const poss = /^(?:(?:the|a) )?(\w+)(?:’s|'s)\s/i.exec(phrase) ?? /\b(?:the )?(group|network|centre|center|committee|desk|party|office|authority|agency|ministry|bureau|monitor|observatory|league|alliance)(?:’s|'s)\b/i.exec(phrase);
  if (!org && /^(?:its|their)\b/i.test(phrase)) {
    org = resolveOrgRef('it', reg, sent, false);
    how = 'its';
  } else if (!org && poss && ORG_HEAD_SET.has((poss[1] ?? '').toLowerCase())) {
    org = resolveOrgRef(poss[1] ?? '', reg, sent, false);
    how = `the ${poss[1] ?? ''}'s`;
  } else if (!org && /\b(?:desk|centre|center)(?:’s|'s)\b/i.test(phrase) && reg.outletIsNgo) {
    org = reg.outlet;
  }
  const shortPoss = org ? null : /\b([A-Z][\w-]+)(?:’s|'s)\s/.exec(phrase);
  if (!org && shortPoss) {
    // "Amnesty's director": the short form of an organisation named before.
    const short = shortPoss[1] ?? '';
    const hit = [...reg.orgs].reverse().find((o) => o.sent <= sent && o.name.split(/\s+/)[0] === short && o.name !== short);
    if (hit) {
      org = hit.name;
      how = `${short}'s`;
    }
  }
  // "a spokesman for the network", "a lawyer with the group": the organisation named before.
  if (!org) {
    const ref = /\b(?:for|of|with|at|from) (?:the|its|their) (network|group|centre|center|organisation|organization|monitor|committee|desk|observatory|movement|project|association|foundation|coalition)\b/i.exec(phrase);
    if (ref) {
      const resolved = resolveOrgRef(ref[1] ?? '', reg, sent, false);
      if (resolved) {
        org = resolved;
        how = `the ${(ref[1] ?? '').toLowerCase()}`;
      }
    }
  }

  // A description with no name: "the spokeswoman", "the network", "a local rights monitor".
  if (!person) {
    const head = /^(?:the|a|an|one|another|its|their|her|his)?\s*(?:[\w’'-]+\s+){0,4}?(spokeswoman|spokesman|spokesperson|official|director|lawyer|commander|editor|researcher|coordinator)\b/i.exec(lower);
    if (head && /^the\b/i.test(lower) && !org) {
      const role = head[1] ?? '';
      const hit = [...reg.persons].reverse().find((p) => (p.role ?? '').toLowerCase().includes(role));
      if (hit) return { name: hit.name, role: hit.role, org: hit.org, kind: 'person', authority: isAuthority(`${hit.role ?? ''} ${hit.org ?? ''}`), counted: false, how: `the ${role}` };
    }
    if (!org) {
      const def = /^(?:the\s+)?(?:[\w-]+\s+){0,3}?(network|centre|center|group|party|office|authority|agency|ministry|bureau|committee|desk|monitor|observatory|report|association|league|alliance|newspaper|broadcaster|channel|outlet|organisation|organization)$/i.exec(lower);
      if (def && /^the\b/i.test(lower)) {
        const resolved = resolveOrgRef(def[1] ?? '', reg, sent, false);
        if (resolved) {
          org = resolved;
          how = `the ${def[1] ?? ''}`;
        }
      } else if (def && /^an?\b/i.test(lower) && /\b(?:rights|monitor|network|group|watch)\b/i.test(lower)) {
        const resolved = resolveOrgRef(def[1] ?? '', reg, sent + 1, true) ?? resolveOrgRef('group', reg, sent + 1, true);
        if (resolved) {
          org = resolved;
          how = 'indefinite description resolved forward';
        }
      }
    }
    if (!org) {
      const lowerOrg = orgPhrase(v, text, first, last);
      if (lowerOrg && !/^(?:rights )?groups$/i.test(lowerOrg) && !/\bgroups\b/i.test(lower)) org = lowerOrg;
    }
  }

  if (org) {
    // "her party, the National Renewal Alliance": "the party" will mean this name.
    const headWord = /\b(network|centre|center|group|party|office|authority|agency|ministry|bureau|committee|desk|monitor|observatory|association|league|alliance)\b/i.exec(phrase.replace(org, ''));
    if (headWord && headWord[1]) reg.aliases.set(headWord[1].toLowerCase(), org);
    if (!reg.orgs.some((o) => o.name === org)) reg.orgs.push({ name: org, sent, ngo: !isAuthority(org), outlet: isOutletName(org) });
  }
  let role: string | null = null;
  if (person) {
    const before = clean(spanText(text, v.tokens, first, person.first));
    const after = clean(spanText(text, v.tokens, person.last, last));
    role = clean([before, after].filter((s) => s.length > 0).join(', ')) || null;
    if (role && org && role.toLowerCase() === org.toLowerCase()) role = null;
  } else {
    role = clean(phrase) || null;
  }
  const counted = /^(?:at least|more than|some|several|dozens|many|scores|hundreds|both|one|two|three|four|five|six|seven|eight|nine|ten|\d)/i.test(clean(phrase)) && !person;
  const kind: Speaker['kind'] = person ? 'person' : org ? 'org' : role ? 'group' : 'unknown';
  const authority = isAuthority(`${role ?? ''} ${org ?? ''}`) && !(kind === 'group' && NGO_RE.test(role ?? '') && !AUTHORITY_RE.test(role ?? ''));
  if (person) {
    const existing = reg.persons.find((p) => p.name === person.name);
    if (existing) {
      return { name: existing.name, role: existing.role ?? role, org: existing.org ?? org, kind, authority: isAuthority(`${existing.role ?? role ?? ''} ${existing.org ?? org ?? ''}`), counted: false, how: 'known person' };
    }
    reg.persons.push({ name: person.name, role, org, gender: genderOf(role), sent });
  }
  return { name: person?.name ?? null, role, org, kind, authority, counted, how };
}

const ROLE_NOUN_RES: readonly RegExp[] = ROLE_NOUNS.map((r) => new RegExp(`\\b${r}\\b`));

/** Role words that make a description refer to one person ("a Chechen government spokesperson"). */
export function personRoleWord(role: string | null): string | null {
  if (!role) return null;
  const hit = ROLE_WORD_MEMO.get(role);
  return hit !== undefined ? hit : remember(ROLE_WORD_MEMO, role, personRoleWordRaw(role));
}

function personRoleWordRaw(role: string): string | null {
  const lw = role.toLowerCase();
  for (let k = 0; k < ROLE_NOUNS.length; k++) if ((ROLE_NOUN_RES[k] as RegExp).test(lw)) return ROLE_NOUNS[k] ?? null;
  return null;
}
