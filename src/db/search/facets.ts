import { createHash } from 'node:crypto';
import type { SearchQuery } from '../../core/ports.js';

/**
 * What a search document is filtered and faceted by, copied onto its row (search_doc) from the
 * incident and the source it belongs to, and written into its index entry as tokens, so that a
 * filter is one more term of the full-text query: the engine intersects it with the words
 * inside its index (FTS5 doclists, GIN posting lists) instead of checking match after match. A
 * common word with a rare filter ("police" in one region in one year) costs what the rare side
 * costs. The db layer keeps them in step when incidents and sources change.
 */
export interface DocFacets {
  readonly status: string | null;
  readonly country_code: string | null;
  readonly region_code: string | null;
  readonly date_start: string | null;
  readonly date_end: string | null;
  readonly outlet: string | null;
  /** The incident's act types, distinct, sorted, space-separated. */
  readonly act_types: string | null;
}

export const NO_FACETS: DocFacets = Object.freeze({
  status: null,
  country_code: null,
  region_code: null,
  date_start: null,
  date_end: null,
  outlet: null,
  act_types: null,
});

export const FACET_COLUMNS = ['status', 'country_code', 'region_code', 'date_start', 'date_end', 'outlet', 'act_types'] as const;

export function facetsEqual(a: DocFacets, b: DocFacets): boolean {
  return FACET_COLUMNS.every((k) => (a[k] ?? null) === (b[k] ?? null));
}

export function actTypesOf(types: Iterable<string>): string | null {
  const s = [...new Set(types)].sort();
  return s.length === 0 ? null : s.join(' ');
}

/**
 * Tokens are letters and digits only, so both engines' tokenizers keep each one whole, and
 * start with "zz" plus a letter per facet; words of a text are stemmed, so a typed word could
 * only meet a token by being the token itself.
 */
const token = (facet: string, value: string): string => `zz${facet}${value.toLowerCase().replace(/[^a-z0-9]/g, '')}`;
const hashed = (value: string): string => createHash('sha256').update(value).digest('hex').slice(0, 16);
/** Years of a date range given one token each; a range wider than this has none (and no year filter finds it). */
const MAX_YEARS = 200;

function years(start: string | null, end: string | null): number[] {
  if (start === null || end === null) return [];
  const from = Number(start.slice(0, 4));
  const to = Number(end.slice(0, 4));
  if (!Number.isInteger(from) || !Number.isInteger(to) || to < from || to - from >= MAX_YEARS) return [];
  return Array.from({ length: to - from + 1 }, (_, i) => from + i);
}

export function facetTokens(doc: { readonly kind: string; readonly collection_id: string }, f: DocFacets): string[] {
  const out = [token('k', doc.kind), token('c', doc.collection_id)];
  if (f.status !== null) out.push(token('s', f.status));
  if (f.country_code !== null) out.push(token('n', f.country_code));
  if (f.region_code !== null) out.push(token('r', f.region_code));
  for (const y of years(f.date_start, f.date_end)) out.push(token('y', String(y)));
  if (f.outlet !== null) out.push(token('o', hashed(f.outlet)));
  for (const t of f.act_types?.split(' ') ?? []) out.push(token('a', t));
  return out;
}

/** The text written to the index: the document's terms, then its facet tokens. */
export function indexBody(terms: string, doc: { readonly kind: string; readonly collection_id: string }, f: DocFacets): string {
  const tokens = facetTokens(doc, f).join(' ');
  return terms === '' ? tokens : `${terms} ${tokens}`;
}

/** The filters of a query as groups of tokens: every group must match, any token of a group will do. */
export function filterTokens(q: SearchQuery): string[][] {
  const groups: string[][] = [];
  if (q.collectionIds) groups.push(q.collectionIds.map((c) => token('c', c)));
  if (q.kinds) groups.push(q.kinds.map((k) => token('k', k)));
  if (q.status) groups.push([token('s', q.status)]);
  if (q.countryCode) groups.push([token('n', q.countryCode)]);
  if (q.regionCode) groups.push([token('r', q.regionCode)]);
  if (q.year !== undefined) groups.push([token('y', String(q.year))]);
  if (q.outlet) groups.push([token('o', hashed(q.outlet))]);
  if (q.actType) groups.push([token('a', q.actType)]);
  return groups;
}
