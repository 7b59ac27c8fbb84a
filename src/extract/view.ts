/**
 * A sentence seen as strings the rules can match with regular expressions (lemmas, lower-case
 * words), with a map from string offsets back to tokens. Regexes over "force them to sign" are
 * easier to read and to audit than hand-written token walkers.
 */
import type { Analysis, Sentence, Token } from './nlp.js';

export interface SentView {
  readonly sent: Sentence;
  readonly tokens: readonly Token[];
  /** Lemmas joined by single spaces. */
  readonly lem: string;
  /** Start offset of each token inside `lem` (same index as `tokens`). */
  readonly lemAt: readonly number[];
  /** Lower-case surface form of each token (same index as `tokens`). */
  readonly words: readonly string[];
  /** Token index (within `tokens`) for every quotation, and whether a token is inside one. */
  readonly inQuote: readonly boolean[];
  readonly quotes: readonly { first: number; last: number }[];
}

/** The lemmas appended one by one, with a space before each once the string is non-empty. */
function appendJoin(lemmas: readonly string[]): string {
  let s = '';
  for (const w of lemmas) {
    if (s.length > 0) s += ' ';
    s += w;
  }
  return s;
}

export function viewOf(a: Analysis, sent: Sentence): SentView {
  const tokens = a.tokens.slice(sent.first, sent.last);
  // One pass over the tokens gives the lemmas, their offsets in the string the rules read and
  // the word list; join() then builds the flat string at once (no chain of partial
  // concatenations). Offsets follow appending with a space only once the string is non-empty,
  // which differs from join(' ') only when a lemma is empty: then the pieces are joined as such.
  const lemmas: string[] = [];
  const lemAt: number[] = [];
  const words: string[] = [];
  let len = 0;
  let anyEmpty = false;
  for (const t of tokens) {
    if (len > 0) len += 1;
    lemAt.push(len);
    lemmas.push(t.lemma);
    len += t.lemma.length;
    if (t.lemma.length === 0) anyEmpty = true;
    words.push(t.lower);
  }
  const lem = anyEmpty ? appendJoin(lemmas) : lemmas.join(' ');
  const inQuote: boolean[] = new Array<boolean>(tokens.length).fill(false);
  const quotes: { first: number; last: number }[] = [];
  let open = -1;
  let straightOpen = -1;
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i]?.text ?? '';
    if (t === '“') {
      open = i;
    } else if (t === '”' && open >= 0) {
      quotes.push({ first: open + 1, last: i });
      open = -1;
    } else if (t === '"') {
      if (straightOpen < 0) straightOpen = i;
      else {
        quotes.push({ first: straightOpen + 1, last: i });
        straightOpen = -1;
      }
    }
  }
  // A quotation left open runs to the end of the sentence (multi-paragraph quotes).
  if (open >= 0) quotes.push({ first: open + 1, last: tokens.length });
  for (const q of quotes) for (let i = q.first; i < q.last; i++) inQuote[i] = true;
  return { sent, tokens, lem, lemAt, words, inQuote, quotes };
}

/** Index of the token starting at or containing string offset `pos` (binary search). */
export function tokenAt(at: readonly number[], pos: number): number {
  let lo = 0;
  let hi = at.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if ((at[mid] ?? 0) <= pos) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

/** Text of tokens [first, last) as it stands in the original (exact substring). */
export function spanText(text: string, tokens: readonly Token[], first: number, last: number): string {
  const a = tokens[first];
  const b = tokens[last - 1];
  if (!a || !b || last <= first) return '';
  return text.slice(a.start, b.end);
}

/** /^[A-ZÀ-ÖØ-Þ]/ on a first UTF-16 unit, without a regex call (it runs for every token). */
export function isCapital(c: number): boolean {
  return (c >= 65 && c <= 90) || (c >= 0xc0 && c <= 0xd6) || (c >= 0xd8 && c <= 0xde);
}
