import { z } from 'zod';
import { CollectionInputSchema, CollectionPatchSchema, type Collection } from '../core/collection.js';
import { IdSchema, parseInput } from '../core/common.js';
import { NotFoundError, ValidationError } from '../core/errors.js';
import { provisionCollectionKey } from './accounts.js';
import { nowIso, type UseCaseContext } from './context.js';

export async function createCollection(ctx: UseCaseContext, input: unknown): Promise<Collection> {
  const data = parseInput(CollectionInputSchema, input, 'collection');
  const now = nowIso(ctx);
  const c: Collection = { id: ctx.ids.newId(), ...data, createdAt: now, updatedAt: now };
  await ctx.repos.collections.insert(c);
  await provisionCollectionKey(ctx, c.id);
  return c;
}

export async function getCollection(ctx: UseCaseContext, id: string): Promise<Collection> {
  const c = IdSchema.safeParse(id).success ? await ctx.repos.collections.get(id) : undefined;
  if (!c) throw new NotFoundError('COLLECTION_NOT_FOUND', 'collection', String(id).slice(0, 64));
  return c;
}

export async function listCollections(ctx: UseCaseContext): Promise<Collection[]> {
  return ctx.repos.collections.list();
}

export async function updateCollection(ctx: UseCaseContext, input: { id: string; patch: unknown }): Promise<Collection> {
  const patch = parseInput(CollectionPatchSchema, input.patch, 'collection');
  const c = await getCollection(ctx, input.id);
  const next: Collection = { ...c, ...stripUndefined(patch), updatedAt: nowIso(ctx) };
  await ctx.repos.collections.update(next);
  return next;
}

export async function deleteCollection(ctx: UseCaseContext, id: string): Promise<void> {
  await getCollection(ctx, id);
  // Crypto-shredding: every wrapped copy of the collection's key goes with it, and every open
  // session forgets the key; sealed values anywhere else (a backup) can no longer be opened.
  await ctx.repos.memberships.removeCollection(id);
  await ctx.repos.collections.delete(id);
  ctx.keyring?.dropCollection(id);
}

/** The collection a record goes to when the caller names none: the oldest one. */
export async function resolveCollectionId(ctx: UseCaseContext, given: string | undefined, field = 'collectionId'): Promise<string> {
  if (given !== undefined) {
    const c = await ctx.repos.collections.get(given);
    if (!c) throw new NotFoundError('COLLECTION_NOT_FOUND', 'collection', given, field);
    return c.id;
  }
  const all = await ctx.repos.collections.list();
  const first = all[0];
  if (!first) throw new ValidationError('no collection exists yet: create one first', [{ path: field, message: 'required' }]);
  return first.id;
}

export const DEFAULT_COLLECTION_NAME = 'Default';

/** Creates the first collection when there is none; returns the default collection. */
export async function ensureDefaultCollection(ctx: UseCaseContext): Promise<Collection> {
  const all = await ctx.repos.collections.list();
  return all[0] ?? createCollection(ctx, { name: DEFAULT_COLLECTION_NAME, description: '' });
}

export function stripUndefined<T extends object>(o: T): { [K in keyof T]: Exclude<T[K], undefined> } {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as {
    [K in keyof T]: Exclude<T[K], undefined>;
  };
}

export const IdParamSchema = z.object({ id: IdSchema });
