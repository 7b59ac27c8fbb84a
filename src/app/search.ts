import { z } from 'zod';
import { parseInput } from '../core/common.js';
import { ValidationError } from '../core/errors.js';
import type { SearchResult, StatsCell } from '../core/ports.js';
import { ACT_TYPES, VERIFICATION_STATUSES } from '../core/vocabularies.js';
import { IsoDateSchema } from '../core/fuzzy-date.js';
import { stripUndefined } from './collections.js';
import type { UseCaseContext } from './context.js';

const countryCode = z.string().regex(/^[A-Za-z]{2}$/, 'an ISO 3166-1 alpha-2 code').transform((s) => s.toUpperCase());
const regionCode = z.string().regex(/^[A-Za-z]{2}-[A-Za-z0-9]{1,3}$/, 'an ISO 3166-2 code').transform((s) => s.toUpperCase());

export const SearchQuerySchema = z.object({
  q: z.string().trim().min(1).max(500),
  collectionId: z.uuid().optional(),
  kind: z.enum(['incident', 'claim', 'source']).optional(),
  actType: z.enum(ACT_TYPES.codes).optional(),
  status: z.enum(VERIFICATION_STATUSES.codes).optional(),
  country: countryCode.optional(),
  region: regionCode.optional(),
  year: z.coerce.number().int().min(1000).max(9999).optional(),
  outlet: z.string().trim().min(1).max(200).optional(),
  limit: z.coerce.number().int().min(1).max(100).default(20),
  offset: z.coerce.number().int().min(0).max(10_000).default(0),
});
export type SearchQueryInput = z.input<typeof SearchQuerySchema>;

/** Full text over incidents, claims and sources, in English and Russian, ranked and paged, with facets. */
export async function search(ctx: UseCaseContext, input: SearchQueryInput): Promise<SearchResult> {
  const q = parseInput(SearchQuerySchema, input, 'search');
  return ctx.repos.search.search(
    stripUndefined({
      text: q.q,
      collectionIds: q.collectionId ? [q.collectionId] : undefined,
      kinds: q.kind ? [q.kind] : undefined,
      actType: q.actType,
      status: q.status,
      countryCode: q.country,
      regionCode: q.region,
      year: q.year,
      outlet: q.outlet,
      limit: q.limit,
      offset: q.offset,
    }),
  );
}

export const StatsQuerySchema = z.object({
  collectionId: z.uuid().optional(),
  status: z
    .union([z.enum(VERIFICATION_STATUSES.codes), z.array(z.enum(VERIFICATION_STATUSES.codes))])
    .optional()
    .transform((s) => (s === undefined ? undefined : Array.isArray(s) ? s : [s])),
  actType: z.enum(ACT_TYPES.codes).optional(),
  from: IsoDateSchema.optional(),
  to: IsoDateSchema.optional(),
  country: countryCode.optional(),
});
export type StatsQueryInput = z.input<typeof StatsQuerySchema>;

export interface StatsResult {
  readonly cells: StatsCell[];
  /** Totals per act type over all cells, with honest bounds. */
  readonly totals: { actType: string; low: number; high: number | null; acts: number }[];
}

/**
 * Counts by act type × month × region, with lower and upper bounds and the number of incidents
 * behind each cell. Refuted incidents are left out unless asked for by status.
 */
export async function stats(ctx: UseCaseContext, input: StatsQueryInput): Promise<StatsResult> {
  const q = parseInput(StatsQuerySchema, input, 'stats');
  if (q.from && q.to && q.to < q.from) throw new ValidationError('invalid stats', [{ path: 'to', message: 'must not be before from' }]);
  const cells = await ctx.repos.stats.byActTypeMonthRegion(
    stripUndefined({
      collectionIds: q.collectionId ? [q.collectionId] : undefined,
      statuses: q.status,
      actType: q.actType,
      from: q.from,
      to: q.to,
      countryCode: q.country,
    }),
  );
  // Totals carry no incident count: one incident can fall in several cells of the same act type.
  const totals = new Map<string, { actType: string; low: number; high: number | null; acts: number }>();
  for (const c of cells) {
    const t = totals.get(c.actType) ?? { actType: c.actType, low: 0, high: 0, acts: 0 };
    t.low += c.low;
    t.high = t.high === null || c.high === null ? null : t.high + c.high;
    t.acts += c.acts;
    totals.set(c.actType, t);
  }
  return { cells, totals: [...totals.values()].sort((a, b) => a.actType.localeCompare(b.actType)) };
}
