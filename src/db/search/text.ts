import snowball from 'snowball-stemmers';

/**
 * Text normalisation for full-text search, done here rather than by each engine so that
 * SQLite (FTS5) and PostgreSQL (tsvector, 'simple' configuration) index exactly the same terms
 * and return the same results: words are lower-cased, ё folded to е, stemmed with the Snowball
 * stemmer of their script (Russian for Cyrillic, English otherwise), then stripped of marks.
 */
const russian = snowball.newStemmer('russian');
const english = snowball.newStemmer('english');
const WORD = /[\p{L}\p{N}]+/gu;
const CYRILLIC = /\p{Script=Cyrillic}/u;
const MAX_TERM = 60;

function fold(s: string): string {
  return s.normalize('NFD').replace(/\p{M}/gu, '');
}

function stemUncached(word: string): string {
  const w = word.toLowerCase().replaceAll('ё', 'е');
  if (/^\p{N}+$/u.test(w)) return w;
  const stem = CYRILLIC.test(w) ? russian.stem(w) : english.stem(w);
  return fold(stem).slice(0, MAX_TERM);
}

/**
 * Stemming is most of the cost of indexing (a few microseconds a word) and text repeats its
 * words, so stems are remembered: a bounded cache, emptied when full, holding no more than
 * words already in the database.
 */
const STEM_CACHE_SIZE = 50_000;
const stems = new Map<string, string>();

export function stemWord(word: string): string {
  let stem = stems.get(word);
  if (stem === undefined) {
    stem = stemUncached(word);
    if (stems.size >= STEM_CACHE_SIZE) stems.clear();
    stems.set(word, stem);
  }
  return stem;
}

export function searchTerms(text: string): string[] {
  const out: string[] = [];
  for (const m of text.matchAll(WORD)) {
    const t = stemWord(m[0]);
    if (t) out.push(t);
  }
  return out;
}

/** The text stored in the index: stemmed terms separated by spaces. */
export function indexText(text: string): string {
  return searchTerms(text).join(' ');
}

/** Distinct query terms, at most 16 (every term must match). */
export function queryTerms(query: string): string[] {
  return [...new Set(searchTerms(query))].slice(0, 16);
}
