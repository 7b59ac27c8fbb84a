/**
 * Object-level authorisation as a wrapper (DESIGN §2, §4): the repositories a signed-in
 * caller's use case sees hold only the collections the caller is a member of. A record of
 * another collection reads as absent (so the use case answers NOT_FOUND, the same as for an id
 * that exists nowhere); lists, search and statistics are narrowed to the caller's collections;
 * a write to another collection throws NOT_FOUND before it reaches storage. Use cases need no
 * checks of their own, and a new repository method fails the build here until it is scoped.
 */
import type { Principal } from '../core/access.js';
import { NotFoundError } from '../core/errors.js';
import type {
  ActorRepository,
  ClaimRepository,
  CollectionRepository,
  IncidentRepository,
  Page,
  PageRequest,
  Repositories,
  SearchIndex,
  SourceRepository,
  StatsRepository,
} from '../core/ports.js';
import type { PersonRepository } from '../core/security.js';

type UserPrincipal = Principal & { kind: 'user' };

/**
 * The collection ids a filter may reach: all of the caller's when none is named. Naming a
 * collection the caller is not a member of is answered like naming one that does not exist.
 */
function narrow(p: UserPrincipal, given: readonly string[] | undefined): string[] {
  if (!given) return [...p.collectionIds];
  const foreign = given.find((id) => !p.collectionIds.includes(id));
  if (foreign !== undefined) throw new NotFoundError('COLLECTION_NOT_FOUND', 'collection', foreign, 'collectionId');
  return [...given];
}

const emptyPage = <T>(page: PageRequest): Page<T> => ({ items: [], total: 0, limit: page.limit, offset: page.offset });

async function* none<T>(): AsyncIterable<T> {
  // Nothing to yield: the caller reaches no collection of the request.
}

export function scopeRepositories(repos: Repositories, p: UserPrincipal): Repositories {
  const reaches = (collectionId: string) => p.collectionIds.includes(collectionId);
  const visible = <T extends { collectionId: string }>(r: T | undefined): T | undefined => (r && reaches(r.collectionId) ? r : undefined);
  const guard = (collectionId: string, entity: 'collection' | 'record') => {
    if (!reaches(collectionId)) throw new NotFoundError('COLLECTION_NOT_FOUND', entity === 'collection' ? 'collection' : 'collection of the record', collectionId);
  };

  const collections: CollectionRepository = {
    // Creating a collection is allowed by role (policy); the creator becomes a member with its key.
    insert: (c) => repos.collections.insert(c),
    get: async (id) => (reaches(id) ? repos.collections.get(id) : undefined),
    update: async (c) => {
      guard(c.id, 'collection');
      await repos.collections.update(c);
    },
    delete: async (id) => {
      guard(id, 'collection');
      await repos.collections.delete(id);
    },
    list: async () => (await repos.collections.list()).filter((c) => reaches(c.id)),
  };

  const sources: SourceRepository = {
    insert: async (s) => {
      guard(s.collectionId, 'record');
      await repos.sources.insert(s);
    },
    get: async (id) => visible(await repos.sources.get(id)),
    update: async (s) => {
      guard(s.collectionId, 'record');
      guard((await repos.sources.get(s.id))?.collectionId ?? s.collectionId, 'record');
      await repos.sources.update(s);
    },
    delete: async (id) => {
      const s = await repos.sources.get(id);
      if (s) guard(s.collectionId, 'record');
      await repos.sources.delete(id);
    },
    list: async (filter, page) => {
      const ids = narrow(p, filter.collectionIds);
      return ids.length === 0 ? emptyPage(page) : repos.sources.list({ ...filter, collectionIds: ids }, page);
    },
    findByContentHash: async (collectionId, hash) => (reaches(collectionId) ? repos.sources.findByContentHash(collectionId, hash) : undefined),
    all: (collectionIds) => {
      const ids = narrow(p, collectionIds);
      return ids.length === 0 ? none() : repos.sources.all(ids);
    },
  };

  const actors: ActorRepository = {
    insert: async (a) => {
      guard(a.collectionId, 'record');
      await repos.actors.insert(a);
    },
    get: async (id) => visible(await repos.actors.get(id)),
    getMany: async (ids) => (await repos.actors.getMany(ids)).filter((a) => reaches(a.collectionId)),
    update: async (a) => {
      guard(a.collectionId, 'record');
      guard((await repos.actors.get(a.id))?.collectionId ?? a.collectionId, 'record');
      await repos.actors.update(a);
    },
    delete: async (id) => {
      const a = await repos.actors.get(id);
      if (a) guard(a.collectionId, 'record');
      await repos.actors.delete(id);
    },
    list: async (filter, page) => {
      const ids = narrow(p, filter.collectionIds);
      return ids.length === 0 ? emptyPage(page) : repos.actors.list({ ...filter, collectionIds: ids }, page);
    },
    all: (collectionIds) => {
      const ids = narrow(p, collectionIds);
      return ids.length === 0 ? none() : repos.actors.all(ids);
    },
    isReferenced: (id) => repos.actors.isReferenced(id),
  };

  const incidentVisible = async (id: string) => visible(await repos.incidents.get(id)) !== undefined;

  const incidents: IncidentRepository = {
    save: async (incident, placement, actPlacements) => {
      guard(incident.collectionId, 'record');
      const before = await repos.incidents.get(incident.id);
      if (before) guard(before.collectionId, 'record');
      await repos.incidents.save(incident, placement, actPlacements);
    },
    insertMany: async (entries) => {
      for (const e of entries) guard(e.incident.collectionId, 'record');
      await repos.incidents.insertMany(entries);
    },
    get: async (id) => visible(await repos.incidents.get(id)),
    incidentIdOfAct: async (actId) => {
      const id = await repos.incidents.incidentIdOfAct(actId);
      return id && (await incidentVisible(id)) ? id : undefined;
    },
    delete: async (id) => {
      const i = await repos.incidents.get(id);
      if (i) guard(i.collectionId, 'record');
      await repos.incidents.delete(id);
    },
    list: async (filter, page) => {
      const ids = narrow(p, filter.collectionIds);
      return ids.length === 0 ? emptyPage(page) : repos.incidents.list({ ...filter, collectionIds: ids }, page);
    },
    all: (collectionIds) => {
      const ids = narrow(p, collectionIds);
      return ids.length === 0 ? none() : repos.incidents.all(ids);
    },
    // Places are shared: which incidents use one matters to deleting it, whoever can see them.
    idsByPlace: (placeId) => repos.incidents.idsByPlace(placeId),
  };

  const claims: ClaimRepository = {
    insert: async (c) => {
      guard(c.collectionId, 'record');
      await repos.claims.insert(c);
    },
    insertMany: async (cs) => {
      for (const c of cs) guard(c.collectionId, 'record');
      await repos.claims.insertMany(cs);
    },
    get: async (id) => visible(await repos.claims.get(id)),
    update: async (c) => {
      guard(c.collectionId, 'record');
      guard((await repos.claims.get(c.id))?.collectionId ?? c.collectionId, 'record');
      await repos.claims.update(c);
    },
    delete: async (id) => {
      const c = await repos.claims.get(id);
      if (c) guard(c.collectionId, 'record');
      await repos.claims.delete(id);
    },
    list: async (filter, page) => {
      const ids = narrow(p, filter.collectionIds);
      return ids.length === 0 ? emptyPage(page) : repos.claims.list({ ...filter, collectionIds: ids }, page);
    },
    forIncident: async (incidentId) => (await incidentVisible(incidentId) ? repos.claims.forIncident(incidentId) : []),
    all: (collectionIds) => {
      const ids = narrow(p, collectionIds);
      return ids.length === 0 ? none() : repos.claims.all(ids);
    },
    incidentIdsBy: async (ref) => {
      const out: string[] = [];
      for (const id of await repos.claims.incidentIdsBy(ref)) if (await incidentVisible(id)) out.push(id);
      return out;
    },
  };

  const search: SearchIndex = {
    upsert: async (doc) => {
      guard(doc.collectionId, 'record');
      await repos.search.upsert(doc);
    },
    upsertMany: async (docs) => {
      for (const d of docs) guard(d.collectionId, 'record');
      await repos.search.upsertMany(docs);
    },
    remove: (entityId) => repos.search.remove(entityId),
    search: async (q) => {
      const ids = narrow(p, q.collectionIds);
      if (ids.length === 0) {
        return { total: 0, totalExact: true, hits: [], facets: { actType: [], status: [], country: [], region: [], year: [], outlet: [] } };
      }
      return repos.search.search({ ...q, collectionIds: ids });
    },
  };

  const stats: StatsRepository = {
    byActTypeMonthRegion: async (q) => {
      const ids = narrow(p, q.collectionIds);
      return ids.length === 0 ? [] : repos.stats.byActTypeMonthRegion({ ...q, collectionIds: ids });
    },
  };

  const persons: PersonRepository = {
    insert: async (x) => {
      guard(x.collectionId, 'record');
      await repos.persons.insert(x);
    },
    insertMany: async (xs) => {
      for (const x of xs) guard(x.collectionId, 'record');
      await repos.persons.insertMany(xs);
    },
    update: async (x) => {
      guard(x.collectionId, 'record');
      guard((await repos.persons.get(x.id))?.collectionId ?? x.collectionId, 'record');
      await repos.persons.update(x);
    },
    get: async (id) => visible(await repos.persons.get(id)),
    delete: async (id) => {
      const x = await repos.persons.get(id);
      if (x) guard(x.collectionId, 'record');
      await repos.persons.delete(id);
    },
    list: async (filter, page) => {
      const ids = narrow(p, filter.collectionIds);
      return ids.length === 0 ? emptyPage(page) : repos.persons.list({ ...filter, collectionIds: ids }, page);
    },
    findByTokens: async (collectionId, tokens, limit) => (reaches(collectionId) ? repos.persons.findByTokens(collectionId, tokens, limit) : []),
  };

  return {
    ...repos,
    collections,
    sources,
    actors,
    incidents,
    claims,
    search,
    stats,
    persons,
    // Places are shared by all collections (the gazetteer and user-added places).
    places: repos.places,
  };
}
