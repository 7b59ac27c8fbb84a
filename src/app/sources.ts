import { createHash } from 'node:crypto';
import { parseInput } from '../core/common.js';
import type { Page } from '../core/ports.js';
import { SourceInputSchema, SourcePatchSchema, type Source } from '../core/source.js';
import { VigilError } from '../core/errors.js';
import { resolveCollectionId, stripUndefined } from './collections.js';
import { nowIso, type UseCaseContext } from './context.js';
import { mustGet } from './lookup.js';
import { PageQuerySchema } from './paging.js';
import { indexSource, refreshIncidents } from './refresh.js';

export async function getSource(ctx: UseCaseContext, id: string, field?: string): Promise<Source> {
  return mustGet((i) => ctx.repos.sources.get(i), 'SOURCE_NOT_FOUND', 'source', id, field);
}

export async function createSource(ctx: UseCaseContext, input: unknown): Promise<Source> {
  const data = parseInput(SourceInputSchema, input, 'source');
  const collectionId = await resolveCollectionId(ctx, data.collectionId);
  const now = nowIso(ctx);
  const s: Source = { ...data, id: ctx.ids.newId(), collectionId, contentHash: hashOf(data.text), createdAt: now, updatedAt: now };
  await ctx.repos.sources.insert(s);
  await indexSource(ctx, s);
  return s;
}

export async function updateSource(ctx: UseCaseContext, input: { id: string; patch: unknown }): Promise<Source> {
  const patch = parseInput(SourcePatchSchema, input.patch, 'source');
  const s = await getSource(ctx, input.id);
  const merged = { ...s, ...stripUndefined(patch) };
  const next: Source = { ...merged, contentHash: hashOf(merged.text), updatedAt: nowIso(ctx) };
  await ctx.repos.sources.update(next);
  await indexSource(ctx, next);
  // The outlet decides the origin of claims that name no speaker.
  await refreshIncidents(ctx, await ctx.repos.claims.incidentIdsBy({ sourceId: s.id }), { reindexClaimsOf: { sourceId: s.id } });
  return next;
}

export async function deleteSource(ctx: UseCaseContext, id: string): Promise<void> {
  await getSource(ctx, id);
  const claims = await ctx.repos.claims.list({ sourceId: id }, { limit: 1, offset: 0 });
  if (claims.total > 0) throw new VigilError('IN_USE', `the source still has ${claims.total} claim(s); delete them first`);
  await ctx.repos.sources.delete(id);
  await ctx.repos.search.remove(id);
}

export async function listSources(
  ctx: UseCaseContext,
  input: { collectionId?: string; outlet?: string; limit?: number; offset?: number },
): Promise<Page<Source>> {
  const page = parseInput(PageQuerySchema, { limit: input.limit, offset: input.offset }, 'page');
  return ctx.repos.sources.list(
    stripUndefined({ collectionIds: input.collectionId ? [input.collectionId] : undefined, outlet: input.outlet }),
    page,
  );
}

/** SHA-256 of a text; line endings and outer white space do not make a different text. */
export function contentHash(text: string): string {
  return createHash('sha256').update(text.replace(/\r\n?/g, '\n').trim(), 'utf8').digest('hex');
}

function hashOf(text: string | null): string | null {
  return text === null ? null : contentHash(text);
}
