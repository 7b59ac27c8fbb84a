import { randomUUID } from 'node:crypto';
import { v7 as uuidv7 } from 'uuid';
import type { Clock, IdGenerator } from '../core/ports.js';
import { VOCABULARIES } from '../core/vocabularies.js';
import * as actors from './actors.js';
import * as claims from './claims.js';
import * as collections from './collections.js';
import type { AppDeps, UseCaseContext } from './context.js';
import * as incidents from './incidents.js';
import * as ingest from './ingest.js';
import * as places from './places.js';
import * as searchCases from './search.js';
import * as sources from './sources.js';

export type { AppDeps, UseCaseContext } from './context.js';
export type { ClaimView, ClaimsBySide, IncidentView } from './incidents.js';
export type { StatsResult } from './search.js';
export type { IngestResult } from './ingest.js';

/** Every operation a user can do. HTTP, CLI and tests call these; each runs in one transaction. */
const useCases = {
  createCollection: collections.createCollection,
  getCollection: collections.getCollection,
  listCollections: (ctx: UseCaseContext, _input: void) => collections.listCollections(ctx),
  updateCollection: collections.updateCollection,
  deleteCollection: collections.deleteCollection,
  ensureDefaultCollection: (ctx: UseCaseContext, _input: void) => collections.ensureDefaultCollection(ctx),

  createPlace: places.createPlace,
  getPlace: (ctx: UseCaseContext, id: string) => places.getPlace(ctx, id),
  listPlaces: places.listPlaces,
  updatePlace: places.updatePlace,
  deletePlace: places.deletePlace,
  seedGazetteer: (ctx: UseCaseContext, _input: void) => places.seedGazetteer(ctx),

  createActor: actors.createActor,
  getActor: (ctx: UseCaseContext, id: string) => actors.getActor(ctx, id),
  listActors: actors.listActors,
  updateActor: actors.updateActor,
  deleteActor: actors.deleteActor,

  createSource: sources.createSource,
  getSource: (ctx: UseCaseContext, id: string) => sources.getSource(ctx, id),
  listSources: sources.listSources,
  updateSource: sources.updateSource,
  deleteSource: sources.deleteSource,

  createIncident: incidents.createIncident,
  getIncident: (ctx: UseCaseContext, id: string) => incidents.getIncident(ctx, id),
  getIncidentView: incidents.getIncidentView,
  listIncidents: incidents.listIncidents,
  updateIncident: incidents.updateIncident,
  deleteIncident: incidents.deleteIncident,

  addClaim: claims.addClaim,
  getClaim: claims.getClaim,
  listClaims: claims.listClaims,
  updateClaim: claims.updateClaim,
  reviewClaim: claims.reviewClaim,
  deleteClaim: claims.deleteClaim,

  extractText: ingest.extractText,
  ingestText: ingest.ingestText,
  reviewIncident: ingest.reviewIncident,
  reviewSource: ingest.reviewSource,

  search: searchCases.search,
  stats: searchCases.stats,
};

type UseCases = typeof useCases;
type Bound<F> = F extends (ctx: UseCaseContext, input: infer I) => Promise<infer O>
  ? [I] extends [void]
    ? () => Promise<O>
    : (input: I) => Promise<O>
  : never;

export type VigilApp = { readonly [K in keyof UseCases]: Bound<UseCases[K]> } & {
  readonly vocabularies: () => typeof VOCABULARIES;
  /** Runs several use cases in one transaction (import, demo). */
  readonly batch: <T>(fn: (ctx: UseCaseContext) => Promise<T>) => Promise<T>;
  readonly deps: AppDeps;
};

export const systemClock: Clock = { now: () => new Date() };
export const uuidV7Ids: IdGenerator = { newId: () => uuidv7() };
/** For tests that need ids without time order. */
export const randomIds: IdGenerator = { newId: () => randomUUID() };

/** Binds every use case to storage, each wrapped in its own transaction. */
export function createApp(deps: AppDeps): VigilApp {
  const batch = <T>(fn: (ctx: UseCaseContext) => Promise<T>): Promise<T> =>
    deps.store.transaction((repos) => fn({ repos, clock: deps.clock, ids: deps.ids, ...(deps.extractor ? { extractor: deps.extractor } : {}) }));
  const bound: Record<string, unknown> = {};
  for (const [name, fn] of Object.entries(useCases)) {
    bound[name] = (input: unknown) => batch((ctx) => (fn as (c: UseCaseContext, i: unknown) => Promise<unknown>)(ctx, input));
  }
  return { ...(bound as { [K in keyof UseCases]: Bound<UseCases[K]> }), vocabularies: () => VOCABULARIES, batch, deps };
}

export { useCases };
