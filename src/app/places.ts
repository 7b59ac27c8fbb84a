import { parseInput } from '../core/common.js';
import { VigilError } from '../core/errors.js';
import { builtinPlaces } from '../core/gazetteer.js';
import { PlaceInputSchema, PlacePatchSchema, type Place } from '../core/place.js';
import type { Page, PlaceFilter } from '../core/ports.js';
import { stripUndefined } from './collections.js';
import type { UseCaseContext } from './context.js';
import { mustGet } from './lookup.js';
import { PageQuerySchema } from './paging.js';

export async function getPlace(ctx: UseCaseContext, id: string, field?: string): Promise<Place> {
  return mustGet((i) => ctx.repos.places.get(i), 'PLACE_NOT_FOUND', 'place', id, field);
}

export async function createPlace(ctx: UseCaseContext, input: unknown): Promise<Place> {
  const data = parseInput(PlaceInputSchema, input, 'place');
  const parent = await getPlace(ctx, data.parentId, 'parentId');
  if (data.kind === 'region' && parent.kind !== 'country')
    throw new VigilError('VALIDATION_FAILED', 'a region belongs to a country', [{ path: 'parentId', message: 'must be a country' }]);
  const p: Place = {
    id: ctx.ids.newId(),
    kind: data.kind,
    code: null,
    nameEn: data.nameEn,
    nameRu: data.nameRu,
    parentId: parent.id,
    countryCode: parent.countryCode,
    regionCode: parent.kind === 'region' ? parent.code : parent.regionCode,
    latitude: data.latitude,
    longitude: data.longitude,
    builtin: false,
  };
  await ctx.repos.places.insert(p);
  return p;
}

export async function updatePlace(ctx: UseCaseContext, input: { id: string; patch: unknown }): Promise<Place> {
  const patch = parseInput(PlacePatchSchema, input.patch, 'place');
  const p = await getPlace(ctx, input.id);
  if (p.builtin) throw new VigilError('CONFLICT', 'built-in places cannot be changed');
  const next: Place = { ...p, ...stripUndefined(patch) };
  await ctx.repos.places.update(next);
  return next;
}

export async function deletePlace(ctx: UseCaseContext, id: string): Promise<void> {
  const p = await getPlace(ctx, id);
  if (p.builtin) throw new VigilError('CONFLICT', 'built-in places cannot be deleted');
  if (await ctx.repos.places.isReferenced(id)) throw new VigilError('IN_USE', 'the place is still used by records or other places');
  await ctx.repos.places.delete(id);
}

export async function listPlaces(ctx: UseCaseContext, input: PlaceFilter & { limit?: number; offset?: number }): Promise<Page<Place>> {
  const page = parseInput(PageQuerySchema, { limit: input.limit, offset: input.offset }, 'page');
  const filter: PlaceFilter = stripUndefined({
    name: input.name,
    kind: input.kind,
    countryCode: input.countryCode?.toUpperCase(),
    parentId: input.parentId,
  });
  return ctx.repos.places.list(filter, page);
}

/** Loads the built-in gazetteer (countries, regions) once; ids are stable per code. */
export async function seedGazetteer(ctx: UseCaseContext): Promise<number> {
  const builtins = builtinPlaces();
  const countryIds = new Map<string, string>();
  const places: Place[] = [];
  for (const b of builtins) {
    const id = gazetteerId(b.code);
    if (b.kind === 'country') countryIds.set(b.code, id);
    places.push({
      id,
      kind: b.kind,
      code: b.code,
      nameEn: b.nameEn,
      nameRu: b.nameRu,
      parentId: b.kind === 'region' ? (countryIds.get(b.countryCode) ?? null) : null,
      countryCode: b.countryCode,
      regionCode: b.kind === 'region' ? b.code : null,
      latitude: null,
      longitude: null,
      builtin: true,
    });
  }
  return ctx.repos.places.ensureBuiltins(places);
}

/**
 * A built-in place's id is derived from its ISO code so that every installation (and every
 * export) agrees on it: a name-based UUID (v5-shaped) over the code.
 */
export function gazetteerId(code: string): string {
  let h1 = 0x811c9dc5;
  let h2 = 0x01000193;
  const bytes: number[] = [];
  for (let round = 0; round < 4; round++) {
    for (const ch of `vigil-gazetteer:${round}:${code.toUpperCase()}`) {
      h1 = Math.imul(h1 ^ ch.charCodeAt(0), 0x01000193) >>> 0;
      h2 = Math.imul(h2 ^ ch.charCodeAt(0), 0x5bd1e995) >>> 0;
    }
    const v = (h1 ^ h2) >>> 0;
    bytes.push((v >>> 24) & 0xff, (v >>> 16) & 0xff, (v >>> 8) & 0xff, v & 0xff);
  }
  bytes[6] = ((bytes[6] ?? 0) & 0x0f) | 0x50;
  bytes[8] = ((bytes[8] ?? 0) & 0x3f) | 0x80;
  const hex = bytes.map((b) => b.toString(16).padStart(2, '0')).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20, 32)}`;
}
