import type { Actor } from './actor.js';
import type { Claim } from './claim.js';
import type { Collection } from './collection.js';
import type { Incident } from './incident.js';
import type { Place } from './place.js';
import type { SecurityRepositories } from './security.js';
import type { Source } from './source.js';
import type {
  ActType,
  ActorKind,
  ReviewState,
  Stance,
  VerificationStatus,
} from './vocabularies.js';

/** Interfaces the domain needs from the outside world; db/ implements them for both engines. */

export interface PageRequest {
  readonly limit: number;
  readonly offset: number;
}

export interface Page<T> {
  readonly items: T[];
  readonly total: number;
  readonly limit: number;
  readonly offset: number;
}

export interface CollectionRepository {
  insert(c: Collection): Promise<void>;
  get(id: string): Promise<Collection | undefined>;
  update(c: Collection): Promise<void>;
  /** Deletes the collection and every record in it. */
  delete(id: string): Promise<void>;
  list(): Promise<Collection[]>;
}

export interface SourceFilter {
  readonly collectionIds?: readonly string[];
  readonly outlet?: string;
}

export interface SourceRepository {
  insert(s: Source): Promise<void>;
  get(id: string): Promise<Source | undefined>;
  update(s: Source): Promise<void>;
  delete(id: string): Promise<void>;
  list(filter: SourceFilter, page: PageRequest): Promise<Page<Source>>;
  /** The source of a collection whose text has this hash, if any. */
  findByContentHash(collectionId: string, hash: string): Promise<Source | undefined>;
  /** Streams every source in id order, for export. */
  all(collectionIds?: readonly string[]): AsyncIterable<Source>;
}

export interface ActorFilter {
  readonly collectionIds?: readonly string[];
  readonly kind?: ActorKind;
  /** Case-insensitive match on the name (English or Russian). */
  readonly name?: string;
}

export interface ActorRepository {
  insert(a: Actor): Promise<void>;
  get(id: string): Promise<Actor | undefined>;
  getMany(ids: readonly string[]): Promise<Actor[]>;
  update(a: Actor): Promise<void>;
  delete(id: string): Promise<void>;
  list(filter: ActorFilter, page: PageRequest): Promise<Page<Actor>>;
  all(collectionIds?: readonly string[]): AsyncIterable<Actor>;
  /** Whether anything (claims, involvements, child actors) still points at the actor. */
  isReferenced(id: string): Promise<boolean>;
}

export interface PlaceFilter {
  /** Case-insensitive prefix of the English or Russian name. */
  readonly name?: string;
  readonly kind?: Place['kind'];
  readonly countryCode?: string;
  readonly parentId?: string;
}

export interface PlaceRepository {
  insert(p: Place): Promise<void>;
  /** Inserts built-in places that are not there yet (matched by code). */
  ensureBuiltins(places: readonly Place[]): Promise<number>;
  get(id: string): Promise<Place | undefined>;
  getMany(ids: readonly string[]): Promise<Place[]>;
  getByCode(code: string): Promise<Place | undefined>;
  update(p: Place): Promise<void>;
  delete(id: string): Promise<void>;
  list(filter: PlaceFilter, page: PageRequest): Promise<Page<Place>>;
  /** User-added places, for export. */
  userAdded(): AsyncIterable<Place>;
  isReferenced(id: string): Promise<boolean>;
}

export interface IncidentFilter {
  readonly collectionIds?: readonly string[];
  readonly review?: ReviewState;
  readonly status?: VerificationStatus;
  readonly actType?: ActType;
}

/** Place codes an incident's acts are counted under in statistics. */
export interface IncidentPlacement {
  readonly countryCode: string | null;
  readonly regionCode: string | null;
}

/** An incident as `IncidentRepository.save` takes it. */
export interface IncidentWrite {
  readonly incident: Incident;
  readonly placement: IncidentPlacement;
  readonly actPlacements: Record<string, IncidentPlacement>;
}

export interface IncidentRepository {
  /** Inserts or replaces the incident with its acts and involvements (acts not given are removed). */
  save(incident: Incident, placement: IncidentPlacement, actPlacements: Record<string, IncidentPlacement>): Promise<void>;
  /** Inserts new incidents (ids not stored yet) in multi-row statements: the rows `save` would write. For imports. */
  insertMany(entries: readonly IncidentWrite[]): Promise<void>;
  get(id: string): Promise<Incident | undefined>;
  /** The incident that holds an act. */
  incidentIdOfAct(actId: string): Promise<string | undefined>;
  delete(id: string): Promise<void>;
  list(filter: IncidentFilter, page: PageRequest): Promise<Page<Incident>>;
  all(collectionIds?: readonly string[]): AsyncIterable<Incident>;
  /** Incidents whose own place or an act's place is this place. */
  idsByPlace(placeId: string): Promise<string[]>;
}

export interface ClaimFilter {
  readonly collectionIds?: readonly string[];
  readonly incidentId?: string;
  readonly sourceId?: string;
  readonly speakerId?: string;
  readonly stance?: Stance;
  readonly review?: ReviewState;
}

export interface ClaimRepository {
  insert(c: Claim): Promise<void>;
  /** Inserts new claims in multi-row statements, in order. For imports. */
  insertMany(claims: readonly Claim[]): Promise<void>;
  get(id: string): Promise<Claim | undefined>;
  update(c: Claim): Promise<void>;
  delete(id: string): Promise<void>;
  list(filter: ClaimFilter, page: PageRequest): Promise<Page<Claim>>;
  /** Every claim on an incident or its acts, oldest first. */
  forIncident(incidentId: string): Promise<Claim[]>;
  all(collectionIds?: readonly string[]): AsyncIterable<Claim>;
  /** Incidents that claims of this source or speaker are about. */
  incidentIdsBy(ref: { sourceId?: string; actorId?: string }): Promise<string[]>;
}

export type SearchKind = 'incident' | 'claim' | 'source';

export interface SearchDocument {
  readonly kind: SearchKind;
  readonly entityId: string;
  readonly collectionId: string;
  readonly incidentId: string | null;
  readonly sourceId: string | null;
  readonly title: string;
  /** All searchable text of the entity. */
  readonly body: string;
}

export interface SearchQuery {
  readonly text: string;
  readonly collectionIds?: readonly string[];
  readonly kinds?: readonly SearchKind[];
  readonly actType?: ActType;
  readonly status?: VerificationStatus;
  readonly countryCode?: string;
  readonly regionCode?: string;
  readonly year?: number;
  readonly outlet?: string;
  readonly limit: number;
  readonly offset: number;
}

export interface FacetValue {
  readonly value: string;
  readonly count: number;
}

export interface SearchHit {
  readonly kind: SearchKind;
  readonly id: string;
  readonly incidentId: string | null;
  readonly sourceId: string | null;
  readonly title: string;
  readonly rank: number;
}

export interface SearchResult {
  /** How many documents match; a lower bound when `totalExact` is false. */
  readonly total: number;
  /**
   * False when more documents match than the engine counts one by one (SEARCH_EXACT_CAP in
   * db/repositories/search.repository.ts): then `total` is that cap, and the ranking and the
   * facets cover only the first `total` matches the index yields. Narrow the query (more words,
   * filters) to get exact figures.
   */
  readonly totalExact: boolean;
  readonly hits: SearchHit[];
  readonly facets: {
    readonly actType: FacetValue[];
    readonly status: FacetValue[];
    readonly country: FacetValue[];
    readonly region: FacetValue[];
    readonly year: FacetValue[];
    readonly outlet: FacetValue[];
  };
}

export interface SearchIndex {
  upsert(doc: SearchDocument): Promise<void>;
  /** `upsert` of each document in order, new ones in multi-row statements. For imports. */
  upsertMany(docs: readonly SearchDocument[]): Promise<void>;
  remove(entityId: string): Promise<void>;
  search(q: SearchQuery): Promise<SearchResult>;
}

export interface StatsQuery {
  readonly collectionIds?: readonly string[];
  /** Statuses to include; default: every status but refuted. */
  readonly statuses?: readonly VerificationStatus[];
  readonly actType?: ActType;
  readonly from?: string;
  readonly to?: string;
  readonly countryCode?: string;
}

export interface StatsCell {
  readonly actType: ActType;
  /**
   * When the act happened, as precisely as its date allows: `YYYY-MM` (the month it starts in)
   * for dates known to the day, week or month; `YYYY` for dates known only to the year; null
   * when the date is unknown. A year is never passed off as its January.
   */
  readonly period: string | null;
  readonly countryCode: string | null;
  readonly regionCode: string | null;
  readonly low: number;
  /** null: at least one act in the cell has no upper bound. */
  readonly high: number | null;
  readonly incidents: number;
  readonly acts: number;
}

export interface StatsRepository {
  byActTypeMonthRegion(q: StatsQuery): Promise<StatsCell[]>;
}

/** One transaction's view of storage (the security layer's repositories included). */
export interface Repositories extends SecurityRepositories {
  readonly collections: CollectionRepository;
  readonly sources: SourceRepository;
  readonly actors: ActorRepository;
  readonly places: PlaceRepository;
  readonly incidents: IncidentRepository;
  readonly claims: ClaimRepository;
  readonly search: SearchIndex;
  readonly stats: StatsRepository;
}

export interface Store extends Repositories {
  /** Runs `fn` in one transaction: all its writes land, or none. */
  transaction<T>(fn: (tx: Repositories) => Promise<T>): Promise<T>;
  readonly engine: 'sqlite' | 'postgres';
  /**
   * After deletions: SQLite copies its write-ahead log into the database file (where
   * secure_delete has overwritten the deleted rows) and empties it, so no deleted value lingers
   * in the -wal file. Nothing to do on PostgreSQL. `purgeIndex`: also rewrite the full-text
   * index without the deleted documents' words (costly: after a collection is deleted).
   */
  checkpointAfterDelete(opts?: { purgeIndex?: boolean }): Promise<void>;
  /**
   * A consistent copy of the whole database in a new file (SQLite: VACUUM INTO, which leaves no
   * free pages with deleted values behind). Sealed values stay sealed. PostgreSQL refuses: its
   * operators back up with pg_dump.
   */
  backup(file: string): Promise<void>;
  close(): Promise<void>;
}

/** Time and ids come from outside the domain so tests can fix them. */
export interface Clock {
  now(): Date;
}
export interface IdGenerator {
  newId(): string;
}
