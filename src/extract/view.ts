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
  /** Lower-case surface forms joined by single spaces. */
  readonly low: string;
  /** Start offset of each token inside `lem` / `low` (same index as `tokens`). */
  readonly lemAt: readonly number[];
  readonly lowAt: readonly number[];
  /** Token index (within `tokens`) for every quotation, and whether a token is inside one. */
  readonly inQuote: readonly boolean[];
  readonly quotes: readonly { first: number; last: number }[];
}

function build(words: readonly string[]): { s: string; at: number[] } {
  const at: number[] = [];
  let s = '';
  for (const w of words) {
    if (s.length > 0) s += ' ';
    at.push(s.length);
    s += w;
  }
  return { s, at };
}

export function viewOf(a: Analysis, sent: Sentence): SentView {
  const tokens = a.tokens.slice(sent.first, sent.last);
  const lem = build(tokens.map((t) => t.lemma));
  const low = build(tokens.map((t) => t.lower));
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
  return { sent, tokens, lem: lem.s, low: low.s, lemAt: lem.at, lowAt: low.at, inQuote, quotes };
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
