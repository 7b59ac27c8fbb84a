import { createHash } from 'node:crypto';
import { parseInput } from '../core/common.js';
import type { Page } from '../core/ports.js';
import { SourceInputSchema, SourcePatchSchema, type Source } from '../core/source.js';
import { ValidationError, VigilError } from '../core/errors.js';
import { resolveCollectionId, stripUndefined } from './collections.js';
import { nowIso, type UseCaseContext } from './context.js';
import { mustGet } from './lookup.js';
import { PageQuerySchema } from './paging.js';
import { indexSource, refreshIncidents } from './refresh.js';

export async function getSource(ctx: UseCaseContext, id: string, field?: string): Promise<Source> {
  return mustGet((i) => ctx.repos.sources.get(i), 'SOURCE_NOT_FOUND', 'source', id, field);
}

const sealPlace = (s: { id: string; collectionId: string }, keyVersion: number) => ({ table: 'source', column: 'text', rowId: s.id, collectionId: s.collectionId, keyVersion });

/**
 * A testimony's text is sealed (DESIGN §4): it goes to `textSealed` under the collection key,
 * `text` stays null, and it has no content hash. Other sources keep their text in the clear.
 */
function sealTestimony(ctx: UseCaseContext, s: Source): Source {
  if (s.kind !== 'testimony' || s.text === null) return { ...s, contentHash: hashOf(s.text), textSealed: s.kind === 'testimony' ? s.textSealed : null, keyVersion: s.kind === 'testimony' ? s.keyVersion : null };
  const k = ctx.keys?.get(s.collectionId);
  if (!k || !ctx.security) throw new VigilError('KEYS_LOCKED', 'a testimony is sealed: record it as a member of the collection who holds its key');
  return { ...s, text: null, contentHash: null, textSealed: ctx.security.seal(k.key, sealPlace(s, k.keyVersion), s.text), keyVersion: k.keyVersion };
}

/** The text of a source, opened if it is a sealed testimony (for checks; never stored or logged). */
export function openSourceText(ctx: UseCaseContext, s: Source): string | null {
  if (s.textSealed === null || s.textSealed === undefined) return s.text;
  const k = ctx.keys?.get(s.collectionId);
  if (!k || !ctx.security || k.keyVersion !== s.keyVersion) throw new VigilError('KEYS_LOCKED', 'this testimony is sealed: only a member holding the collection key can use its text');
  return ctx.security.open(k.key, sealPlace(s, k.keyVersion), s.textSealed);
}

/** Opens a testimony's sealed text (roles that may reveal; audited). */
export async function revealSourceText(ctx: UseCaseContext, id: string): Promise<{ id: string; text: string | null }> {
  const s = await getSource(ctx, id);
  return { id: s.id, text: openSourceText(ctx, s) };
}

export async function createSource(ctx: UseCaseContext, input: unknown): Promise<Source> {
  const data = parseInput(SourceInputSchema, input, 'source');
  const collectionId = await resolveCollectionId(ctx, data.collectionId);
  const now = nowIso(ctx);
  const s: Source = sealTestimony(ctx, { ...data, id: ctx.ids.newId(), collectionId, contentHash: null, textSealed: null, keyVersion: null, createdAt: now, updatedAt: now });
  await ctx.repos.sources.insert(s);
  await indexSource(ctx, s);
  return s;
}

export async function updateSource(ctx: UseCaseContext, input: { id: string; patch: unknown }): Promise<Source> {
  const patch = parseInput(SourcePatchSchema, input.patch, 'source');
  const s = await getSource(ctx, input.id);
  if (s.kind === 'testimony' && patch.kind !== undefined && patch.kind !== 'testimony') {
    throw new ValidationError('a testimony stays a testimony: its text is sealed', [{ path: 'kind', message: 'cannot change the kind of a testimony' }]);
  }
  const merged = { ...s, ...stripUndefined(patch) };
  const next: Source = sealTestimony(ctx, { ...merged, updatedAt: nowIso(ctx) });
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
