/**
 * A small lemmatiser of our own, replacing wink-nlp's lemma output (which runs a rule-based
 * lemmatiser with lexicon look-ups for every inflected token and was the largest single cost of
 * reading a real article). The rules only ever compare lemmas with a closed set of words — act
 * verbs and nouns, verbs of saying, auxiliaries — so what matters is that those come out right:
 * irregular forms from a table, regular inflections by suffix, and where a suffix is ambiguous
 * ("added" → add, "forced" → force, "barred" → bar) the candidate that is a known base wins.
 * Other words get a plausible base form; nothing depends on it being exact.
 *
 * Input is wink's `normal` form, lower-cased (US spelling: "organizing", "busses").
 */

/** Base forms the rules look for; used to choose between suffix-stripping candidates. */
const BASES = new Set(
  `abduct abuse accept accord accuse acknowledge act add admit agree allege allow announce appeal appear apply
  apprehend argue arrest ask assassinate assault attack attempt bar ban base beat become begin blame break bring
  burn call carry cause claim close club coerce come commit compel complain concede condemn conduct confess
  confirm confiscate continue count crawl create cross cut damage demand deny deport describe destroy detain die
  disappear dismiss disperse document drag drive drop electrocute endure examine execute exit expel explain
  extradite face fail fear feel fight find fire flee flog fly follow forbid force free gather give go grab gun hack
  halt happen have hear hide hit hold hospitalise hospitalize humiliate ill-treat imprison incarcerate include
  incriminate injure insist intend interview intimidate investigate issue jail keep kick kidnap kill know lack
  launch lead leave let lie live look lose make march massacre meet miss mistreat monitor move murder note occur
  open order pay pick place plan pledge police pressure pressurise pressurize prevent probe promise propose
  protest provide publish pull punch punish push put question quote raid rape receive record recount refuse refute
  reject release remain remove report require rescue restore return review round rule rush say search see seek
  seize send sentence shoot show sign slay snatch speak stab starve state stay stone stop storm strip subject
  suffer summon surround suspect suspend sustain take tear tell testify threaten torture transfer travel treat try
  undergo urge use verify visit vow want warn waterboard whip wound wrap write name compile control focus
  open happen question`.split(/\s+/),
);

const IRREGULAR_VERBS: ReadonlyMap<string, string> = new Map(Object.entries({
  was: 'be', were: 'be', is: 'be', are: 'be', am: 'be', been: 'be', being: 'be',
  has: 'have', had: 'have', having: 'have', does: 'do', did: 'do', done: 'do', doing: 'do',
  said: 'say', told: 'tell', held: 'hold', kept: 'keep', took: 'take', taken: 'take', beaten: 'beat',
  shot: 'shoot', tore: 'tear', torn: 'tear', threw: 'throw', thrown: 'throw', drove: 'drive',
  driven: 'drive', fled: 'flee', went: 'go', gone: 'go', got: 'get', gotten: 'get', gave: 'give',
  given: 'give', made: 'make', came: 'come', become: 'become', became: 'become', found: 'find',
  left: 'leave', brought: 'bring', thought: 'think', put: 'put', ran: 'run', began: 'begin',
  begun: 'begin', broke: 'break', broken: 'break', wrote: 'write', written: 'write', spoke: 'speak',
  spoken: 'speak', knew: 'know', known: 'know', stood: 'stand', sent: 'send', spent: 'spend',
  led: 'lead', fell: 'fall', fallen: 'fall', felt: 'feel', met: 'meet', paid: 'pay', sat: 'sit',
  lost: 'lose', hid: 'hide', hidden: 'hide', fought: 'fight', caught: 'catch', taught: 'teach',
  sought: 'seek', bought: 'buy', stole: 'steal', stolen: 'steal', woke: 'wake', woken: 'wake',
  chose: 'choose', chosen: 'choose', hung: 'hang', struck: 'strike', stricken: 'strike', saw: 'see',
  seen: 'see', heard: 'hear', built: 'build', flew: 'fly', flown: 'fly', forbade: 'forbid',
  forbidden: 'forbid', underwent: 'undergo', undergone: 'undergo', withdrew: 'withdraw',
  withdrawn: 'withdraw', drew: 'draw', drawn: 'draw', meant: 'mean', rode: 'ride', ridden: 'ride',
  shook: 'shake', shaken: 'shake', let: 'let', cut: 'cut', hit: 'hit', set: 'set', beat: 'beat',
  bore: 'bear', borne: 'bear', born: 'bear', grew: 'grow', grown: 'grow', slew: 'slay', slain: 'slay',
  lay: 'lie', lain: 'lie', laid: 'lay', won: 'win', dealt: 'deal',
  understood: 'understand', forgot: 'forget', forgotten: 'forget', rose: 'rise', risen: 'rise',
  sold: 'sell', shut: 'shut', spread: 'spread', stuck: 'stick', swore: 'swear', sworn: 'swear',
  wore: 'wear', worn: 'wear', ate: 'eat', eaten: 'eat', fed: 'feed', bled: 'bleed', bound: 'bind',
  dug: 'dig', froze: 'freeze', frozen: 'freeze', hurt: 'hurt', kneeled: 'kneel', knelt: 'kneel',
  sank: 'sink', sunk: 'sink', slid: 'slide', split: 'split', sprang: 'spring', sprung: 'spring',
  thrust: 'thrust', upheld: 'uphold', withheld: 'withhold', overthrew: 'overthrow',
  overthrown: 'overthrow', mistook: 'mistake', mistaken: 'mistake', dying: 'die', lying: 'lie',
  tying: 'tie', dies: 'die', lies: 'lie', ties: 'tie', died: 'die', lied: 'lie', tied: 'tie',
}));

const IRREGULAR_NOUNS: ReadonlyMap<string, string> = new Map(Object.entries({
  men: 'man', women: 'woman', children: 'child', people: 'people', police: 'police', feet: 'foot',
  teeth: 'tooth', mice: 'mouse', lives: 'life', wives: 'wife', knives: 'knife', thieves: 'thief',
  busses: 'bus', buses: 'bus', whereabouts: 'whereabouts', news: 'news', series: 'series',
  species: 'species', headquarters: 'headquarters', crises: 'crisis', analyses: 'analysis',
  bases: 'base', cases: 'case', halves: 'half', shelves: 'shelf', selves: 'self', leaves: 'leaf',
  data: 'datum', others: 'others', media: 'medium', criteria: 'criterion', phenomena: 'phenomenon', premises: 'premise',
  dozens: 'dozen', arms: 'arm', clothes: 'clothes', authorities: 'authority',
  allies: 'ally', parties: 'party', countries: 'country', cities: 'city', bodies: 'body',
  injuries: 'injury', casualties: 'casualty', families: 'family', facilities: 'facility',
}));

const ADJECTIVES: ReadonlyMap<string, string> = new Map(Object.entries({
  fewer: 'few', fewest: 'few', better: 'good', best: 'good', worse: 'bad', worst: 'bad',
}));

const VOWEL = /[aeiou]/;
const VOWEL_Y = /[aeiouy]/;

function pickBase(cands: readonly string[], fallback: string): string {
  for (const c of cands) if (c.length > 1 && BASES.has(c)) return c;
  return fallback;
}

function undouble(stem: string): string | null {
  const n = stem.length;
  if (n >= 3 && stem[n - 1] === stem[n - 2] && !VOWEL.test(stem[n - 1] ?? 'a')) return stem.slice(0, -1);
  return null;
}

function verbLemma(w: string): string {
  const irr = IRREGULAR_VERBS.get(w);
  if (irr) return irr;
  const n = w.length;
  if (n > 4 && w.endsWith('ied')) return `${w.slice(0, -3)}y`;
  if (n > 3 && w.endsWith('ed') && VOWEL_Y.test(w.slice(0, -2))) {
    const stem = w.slice(0, -2);
    const un = undouble(stem);
    const cands = [stem, w.slice(0, -1)];
    if (un) cands.push(un);
    return pickBase(cands, fallbackEd(stem, un));
  }
  if (n > 4 && w.endsWith('ing') && VOWEL_Y.test(w.slice(0, -3))) {
    const stem = w.slice(0, -3);
    const un = undouble(stem);
    const cands = [stem, `${stem}e`];
    if (un) cands.push(un);
    return pickBase(cands, fallbackEd(stem, un));
  }
  if (n > 3 && w.endsWith('s') && !w.endsWith('ss') && !w.endsWith('us') && !w.endsWith('is')) {
    if (w.endsWith('ies') && n > 4) return pickBase([w.slice(0, -1)], `${w.slice(0, -3)}y`);
    const cands = w.endsWith('es') ? [w.slice(0, -1), w.slice(0, -2)] : [w.slice(0, -1)];
    return pickBase(cands, /(?:ss|x|ch|sh|zz|o)es$/.test(w) ? w.slice(0, -2) : w.slice(0, -1));
  }
  return w;
}

/** A guess for bases not in the table: undouble, restore a silent "e" after typical endings. */
function fallbackEd(stem: string, un: string | null): string {
  if (un && !/(?:ll|ss|ff|zz|dd)$/.test(stem)) return un;
  if (/(?:[cgsvz]|[^e]at|ut|iz|is|ur|ul|bl|pl|tl|gl|dl|kl|u)$/.test(stem) && !/(?:ss|sh|ch|ght|ct|st)$/.test(stem)) return `${stem}e`;
  // consonant, single vowel, consonant ("decid", "tim", "fram"), but not the unstressed "-en",
  // "-er", "-on" of "opened", "ordered", "questioned".
  if (/(?:^|[^aeiou])[aiou][bdkmnpt]$/.test(stem) && stem.length <= 6) return `${stem}e`;
  return stem;
}

function nounLemma(w: string): string {
  const irr = IRREGULAR_NOUNS.get(w);
  if (irr) return irr;
  const n = w.length;
  if (n <= 3 || !w.endsWith('s') || /(?:ss|us|is)$/.test(w)) return w;
  if (w.endsWith('ies') && n > 4) return `${w.slice(0, -3)}y`;
  if (/(?:sses|xes|ches|shes|zzes)$/.test(w)) return w.slice(0, -2);
  return w.slice(0, -1);
}

/** Lemma of one token from its lower-cased normal form and wink's POS tag. */
export function lemmatise(lower: string, pos: string): string {
  switch (pos) {
    case 'VERB':
      return verbLemma(lower);
    case 'AUX':
      // wink leaves "being" as it is when tagged AUX.
      if (lower === 'being') return lower;
    {
      const base = IRREGULAR_VERBS.get(lower);
      return base === 'be' || base === 'have' || base === 'do' ? base : lower;
    }
    case 'NOUN':
      return nounLemma(lower);
    case 'ADJ':
      return ADJECTIVES.get(lower) ?? lower;
    case 'SPACE':
      return lower.includes('\n') ? '\n' : lower;
    default:
      return lower;
  }
}
