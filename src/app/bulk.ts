import { z } from 'zod';
import type { Actor } from '../core/actor.js';
import type { Claim } from '../core/claim.js';
import type { Collection } from '../core/collection.js';
import { parseInput } from '../core/common.js';
import { ValidationError, VigilError, isVigilError } from '../core/errors.js';
import type { Place } from '../core/place.js';
import type {
  ActorRepository,
  ClaimRepository,
  CollectionRepository,
  IncidentRepository,
  IncidentWrite,
  PlaceRepository,
  Repositories,
  SearchDocument,
  SearchIndex,
  SourceRepository,
  StatsRepository,
} from '../core/ports.js';
import type { Source } from '../core/source.js';
import { addClaim } from './claims.js';
import type { UseCaseContext } from './context.js';
import { createIncident } from './incidents.js';

/** One incident to import, with the claims about it; `act` is the index of the act a claim is about. */
export const ImportItemSchema = z
  .object({
    incident: z.record(z.string(), z.unknown()),
    claims: z
      .array(z.object({ act: z.number().int().nonnegative().nullable().default(null), claim: z.record(z.string(), z.unknown()) }).strict())
      .max(1000)
      .default([]),
  })
  .strict();
export type ImportItem = z.input<typeof ImportItemSchema>;

export const MAX_IMPORT_ITEMS = 10_000;

export interface ImportResult {
  readonly incidentIds: string[];
  readonly claims: number;
}

/**
 * Imports new incidents, each with its claims, in the caller's transaction: the same as
 * `createIncident` and then `addClaim` for each claim, and it runs exactly those use cases, so
 * the checks, the errors and the derived figures, status and search text are theirs. What
 * differs is the storage traffic: the records the items refer to (collections, places, actors,
 * sources) are loaded once for the whole batch, the new records are kept in memory while the
 * use cases run, and then written in multi-row statements. Any error leaves nothing written;
 * its field paths start with the item's index (`3.claims.1.claim.sourceId`).
 */
export async function importIncidents(ctx: UseCaseContext, items: readonly unknown[]): Promise<ImportResult> {
  if (items.length > MAX_IMPORT_ITEMS)
    throw new ValidationError('too many items', [{ path: '(root)', message: `at most ${MAX_IMPORT_ITEMS} items in one import` }]);
  const parsed = items.map((item, i) => within(`${i}`, () => parseInput(ImportItemSchema, item, 'import item')));
  const work = new UnitOfWork(ctx.repos);
  await work.preload(parsed);
  const inner: UseCaseContext = { repos: work.repos, clock: ctx.clock, ids: ctx.ids };
  const incidentIds: string[] = [];
  let claims = 0;
  for (const [i, item] of parsed.entries()) {
    const incident = await withinAsync(`${i}.incident`, () => createIncident(inner, item.incident));
    incidentIds.push(incident.id);
    for (const [j, c] of item.claims.entries()) {
      const at = `${i}.claims.${j}`;
      for (const key of ['incidentId', 'actId'] as const)
        if (c.claim[key] !== undefined && c.claim[key] !== null)
          throw new ValidationError('invalid import item', [{ path: `${at}.claim.${key}`, message: 'set by the import: give the act index as `act`' }]);
      const act = c.act === null ? null : incident.acts[c.act];
      if (act === undefined)
        throw new ValidationError('invalid import item', [{ path: `${at}.act`, message: `the incident has ${incident.acts.length} act(s)` }]);
      await withinAsync(`${at}.claim`, () => addClaim(inner, { ...c.claim, incidentId: incident.id, actId: act?.id ?? null }));
      claims++;
    }
  }
  await work.flush();
  return { incidentIds, claims };
}

function prefixed(e: unknown, at: string): unknown {
  if (!isVigilError(e)) return e;
  const fields = (e.fields.length > 0 ? e.fields : [{ path: '(root)', message: e.message }]).map((f) => ({
    path: f.path === '(root)' ? at : `${at}.${f.path}`,
    message: f.message,
  }));
  return e.code === 'VALIDATION_FAILED' ? new ValidationError(e.message, fields) : new VigilError(e.code, e.message, fields);
}

function within<T>(at: string, fn: () => T): T {
  try {
    return fn();
  } catch (e) {
    throw prefixed(e, at);
  }
}

async function withinAsync<T>(at: string, fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (e) {
    throw prefixed(e, at);
  }
}

const unavailable = (what: string) => (): never => {
  throw new Error(`${what} is not available during an import`);
};

const UuidSchema = z.uuid();

function str(v: unknown): string | undefined {
  return typeof v === 'string' ? v : undefined;
}

/** Reads and writes of one import: references cached, new records held until `flush`. */
class UnitOfWork {
  private readonly collections = new Map<string, Collection | undefined>();
  private collectionList: Collection[] | undefined;
  private readonly places = new Map<string, Place | undefined>();
  private readonly actors = new Map<string, Actor | undefined>();
  private readonly sources = new Map<string, Source | undefined>();
  /** Saved incidents by id, in the order first saved; the last save of each wins. */
  private readonly incidents = new Map<string, IncidentWrite>();
  private readonly actIncident = new Map<string, string>();
  private readonly claims: Claim[] = [];
  private readonly claimsByIncident = new Map<string, Claim[]>();
  private readonly docs: SearchDocument[] = [];
  readonly repos: Repositories;

  constructor(private readonly base: Repositories) {
    this.repos = {
      collections: this.collectionRepo(),
      places: this.placeRepo(),
      actors: this.actorRepo(),
      sources: this.sourceRepo(),
      incidents: this.incidentRepo(),
      claims: this.claimRepo(),
      search: this.searchIndex(),
      stats: { byActTypeMonthRegion: unavailable('stats') } satisfies StatsRepository,
      // The security layer's records are written straight through (persons of a sealed import).
      accounts: base.accounts,
      sessions: base.sessions,
      memberships: base.memberships,
      installation: base.installation,
      persons: base.persons,
      audit: base.audit,
    };
  }

  /** Loads every place, actor and source the items name, in a few queries. */
  async preload(items: readonly z.output<typeof ImportItemSchema>[]): Promise<void> {
    const placeIds = new Set<string>();
    const actorIds = new Set<string>();
    const sourceIds = new Set<string>();
    const add = (set: Set<string>, v: unknown) => {
      const s = str(v);
      if (s !== undefined) set.add(s);
    };
    for (const item of items) {
      add(placeIds, item.incident.placeId);
      for (const a of Array.isArray(item.incident.acts) ? (item.incident.acts as unknown[]) : []) {
        if (typeof a !== 'object' || a === null) continue;
        const act = a as Record<string, unknown>;
        add(placeIds, act.placeId);
        for (const inv of Array.isArray(act.involvements) ? (act.involvements as unknown[]) : [])
          if (typeof inv === 'object' && inv !== null) add(actorIds, (inv as Record<string, unknown>).actorId);
      }
      for (const { claim } of item.claims) {
        add(sourceIds, claim.sourceId);
        add(actorIds, claim.speakerId);
        add(actorIds, claim.relayId);
        const asserts = claim.asserts;
        if (typeof asserts === 'object' && asserts !== null) {
          add(actorIds, (asserts as Record<string, unknown>).perpetratorId);
          add(placeIds, (asserts as Record<string, unknown>).placeId);
        }
      }
    }
    await this.loadMany(this.places, [...placeIds], (ids) => this.base.places.getMany(ids));
    await this.loadMany(this.actors, [...actorIds], (ids) => this.base.actors.getMany(ids));
    for (const id of sourceIds) this.sources.set(id, await this.base.sources.get(id));
  }

  private async loadMany<T extends { id: string }>(cache: Map<string, T | undefined>, ids: string[], fetch: (ids: string[]) => Promise<T[]>) {
    const wellFormed = ids.filter((id) => UuidSchema.safeParse(id).success && !cache.has(id));
    for (let i = 0; i < wellFormed.length; i += 500) {
      const chunk = wellFormed.slice(i, i + 500);
      const found = new Map((await fetch(chunk)).map((r) => [r.id, r]));
      for (const id of chunk) cache.set(id, found.get(id));
    }
  }

  private async cached<T>(cache: Map<string, T | undefined>, id: string, fetch: (id: string) => Promise<T | undefined>): Promise<T | undefined> {
    if (!cache.has(id)) cache.set(id, await fetch(id));
    return cache.get(id);
  }

  private async cachedMany<T extends { id: string }>(cache: Map<string, T | undefined>, ids: readonly string[], fetch: (ids: string[]) => Promise<T[]>) {
    await this.loadMany(cache, ids.filter((id) => !cache.has(id)), fetch);
    // In id order, as the engines return a primary-key lookup.
    return [...new Set(ids)]
      .sort()
      .map((id) => cache.get(id))
      .filter((x): x is T => x !== undefined);
  }

  private collectionRepo(): CollectionRepository {
    return {
      get: (id) => this.cached(this.collections, id, (i) => this.base.collections.get(i)),
      list: async () => (this.collectionList ??= await this.base.collections.list()),
      insert: unavailable('collections.insert'),
      update: unavailable('collections.update'),
      delete: unavailable('collections.delete'),
    };
  }

  private placeRepo(): PlaceRepository {
    return {
      get: (id) => this.cached(this.places, id, (i) => this.base.places.get(i)),
      getMany: (ids) => this.cachedMany(this.places, ids, (i) => this.base.places.getMany(i)),
      insert: unavailable('places.insert'),
      ensureBuiltins: unavailable('places.ensureBuiltins'),
      getByCode: unavailable('places.getByCode'),
      update: unavailable('places.update'),
      delete: unavailable('places.delete'),
      list: unavailable('places.list'),
      userAdded: unavailable('places.userAdded'),
      isReferenced: unavailable('places.isReferenced'),
    };
  }

  private actorRepo(): ActorRepository {
    return {
      get: (id) => this.cached(this.actors, id, (i) => this.base.actors.get(i)),
      getMany: (ids) => this.cachedMany(this.actors, ids, (i) => this.base.actors.getMany(i)),
      insert: unavailable('actors.insert'),
      update: unavailable('actors.update'),
      delete: unavailable('actors.delete'),
      list: unavailable('actors.list'),
      all: unavailable('actors.all'),
      isReferenced: unavailable('actors.isReferenced'),
    };
  }

  private sourceRepo(): SourceRepository {
    return {
      get: (id) => this.cached(this.sources, id, (i) => this.base.sources.get(i)),
      insert: unavailable('sources.insert'),
      update: unavailable('sources.update'),
      delete: unavailable('sources.delete'),
      list: unavailable('sources.list'),
      findByContentHash: unavailable('sources.findByContentHash'),
      all: unavailable('sources.all'),
    };
  }

  private incidentRepo(): IncidentRepository {
    return {
      save: async (incident, placement, actPlacements) => {
        // Only incidents this import creates are saved here; they are not in storage yet.
        this.incidents.set(incident.id, { incident, placement, actPlacements });
        for (const a of incident.acts) this.actIncident.set(a.id, incident.id);
      },
      get: async (id) => this.incidents.get(id)?.incident ?? (await this.base.incidents.get(id)),
      incidentIdOfAct: async (actId) => this.actIncident.get(actId) ?? (await this.base.incidents.incidentIdOfAct(actId)),
      insertMany: unavailable('incidents.insertMany'),
      delete: unavailable('incidents.delete'),
      list: unavailable('incidents.list'),
      all: unavailable('incidents.all'),
      idsByPlace: unavailable('incidents.idsByPlace'),
    };
  }

  private claimRepo(): ClaimRepository {
    const byCreation = (a: Claim, b: Claim) => (a.createdAt < b.createdAt ? -1 : a.createdAt > b.createdAt ? 1 : a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
    return {
      insert: async (c) => {
        this.claims.push(c);
        if (c.incidentId !== null) {
          const list = this.claimsByIncident.get(c.incidentId) ?? [];
          list.push(c);
          this.claimsByIncident.set(c.incidentId, list);
        }
      },
      forIncident: async (incidentId) =>
        this.incidents.has(incidentId)
          ? [...(this.claimsByIncident.get(incidentId) ?? [])].sort(byCreation)
          : this.base.claims.forIncident(incidentId),
      insertMany: unavailable('claims.insertMany'),
      get: unavailable('claims.get'),
      update: unavailable('claims.update'),
      delete: unavailable('claims.delete'),
      list: unavailable('claims.list'),
      all: unavailable('claims.all'),
      incidentIdsBy: unavailable('claims.incidentIdsBy'),
    };
  }

  private searchIndex(): SearchIndex {
    return {
      upsert: async (doc) => {
        this.docs.push(doc);
      },
      upsertMany: unavailable('search.upsertMany'),
      remove: unavailable('search.remove'),
      search: unavailable('search.search'),
    };
  }

  /** Writes what the use cases stored: incidents before the claims that point at them, then the search documents. */
  async flush(): Promise<void> {
    await this.base.incidents.insertMany([...this.incidents.values()]);
    await this.base.claims.insertMany(this.claims);
    await this.base.search.upsertMany(this.docs);
  }
}
