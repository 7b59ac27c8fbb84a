import { ActorInputSchema, ActorPatchSchema, type Actor } from '../core/actor.js';
import { parseInput } from '../core/common.js';
import { VigilError } from '../core/errors.js';
import type { ActorFilter, Page } from '../core/ports.js';
import { resolveCollectionId, stripUndefined } from './collections.js';
import { nowIso, type UseCaseContext } from './context.js';
import { mustGet } from './lookup.js';
import { PageQuerySchema } from './paging.js';
import { refreshIncidents } from './refresh.js';

export async function getActor(ctx: UseCaseContext, id: string, field?: string): Promise<Actor> {
  return mustGet((i) => ctx.repos.actors.get(i), 'ACTOR_NOT_FOUND', 'actor', id, field);
}

/** An actor referenced by a record must exist and be in the record's collection. */
export async function requireActorIn(ctx: UseCaseContext, collectionId: string, id: string, field: string): Promise<Actor> {
  const a = await getActor(ctx, id, field);
  if (a.collectionId !== collectionId) throw new VigilError('ACTOR_NOT_FOUND', `actor ${id} does not exist`, [{ path: field, message: 'no actor with this id in this collection' }]);
  return a;
}

async function checkParent(ctx: UseCaseContext, collectionId: string, selfId: string | null, parentId: string | null): Promise<void> {
  if (parentId === null) return;
  const parent = await requireActorIn(ctx, collectionId, parentId, 'parentId');
  if (parent.kind !== 'organisation')
    throw new VigilError('VALIDATION_FAILED', 'a parent must be an organisation', [{ path: 'parentId', message: 'must be an organisation' }]);
  // Organisations nest; a cycle would make "the body behind a statement" undefined.
  let cursor: Actor | undefined = parent;
  for (let depth = 0; cursor && depth < 64; depth++) {
    if (cursor.id === selfId) throw new VigilError('VALIDATION_FAILED', 'organisations cannot contain themselves', [{ path: 'parentId', message: 'would create a cycle' }]);
    cursor = cursor.parentId ? await ctx.repos.actors.get(cursor.parentId) : undefined;
  }
}

export async function createActor(ctx: UseCaseContext, input: unknown): Promise<Actor> {
  const data = parseInput(ActorInputSchema, input, 'actor');
  const collectionId = await resolveCollectionId(ctx, data.collectionId);
  await checkParent(ctx, collectionId, null, data.parentId);
  const now = nowIso(ctx);
  const a: Actor = { ...data, id: ctx.ids.newId(), collectionId, createdAt: now, updatedAt: now };
  await ctx.repos.actors.insert(a);
  return a;
}

export async function updateActor(ctx: UseCaseContext, input: { id: string; patch: unknown }): Promise<Actor> {
  const patch = parseInput(ActorPatchSchema, input.patch, 'actor');
  const a = await getActor(ctx, input.id);
  if (patch.organisationType && a.kind === 'person')
    throw new VigilError('VALIDATION_FAILED', 'only organisations have an organisation type', [{ path: 'organisationType', message: 'not for persons' }]);
  if (patch.parentId !== undefined) await checkParent(ctx, a.collectionId, a.id, patch.parentId);
  const next: Actor = { ...a, ...stripUndefined(patch), updatedAt: nowIso(ctx) };
  await ctx.repos.actors.update(next);
  // Names and affiliations feed claim origins and the search text of the claims they made.
  await refreshIncidents(ctx, await ctx.repos.claims.incidentIdsBy({ actorId: a.id }), { reindexClaimsOf: { actorId: a.id } });
  return next;
}

export async function deleteActor(ctx: UseCaseContext, id: string): Promise<void> {
  await getActor(ctx, id);
  if (await ctx.repos.actors.isReferenced(id))
    throw new VigilError('IN_USE', 'the actor is still named by claims, acts or other actors');
  await ctx.repos.actors.delete(id);
}

export async function listActors(
  ctx: UseCaseContext,
  input: { collectionId?: string; kind?: Actor['kind']; name?: string; limit?: number; offset?: number },
): Promise<Page<Actor>> {
  const page = parseInput(PageQuerySchema, { limit: input.limit, offset: input.offset }, 'page');
  const filter: ActorFilter = stripUndefined({
    collectionIds: input.collectionId ? [input.collectionId] : undefined,
    kind: input.kind,
    name: input.name,
  });
  return ctx.repos.actors.list(filter, page);
}
