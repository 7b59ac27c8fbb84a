import type { ColumnDefinitionBuilder, Kysely, RawBuilder } from 'kysely';
import type { DocFacets } from '../search/facets.js';
import type { Database, SearchDocTable } from '../tables.js';

/** A search_doc row as the search reads it: with its facets (search/facets.ts) and its score. */
export type MatchedDoc = Omit<SearchDocTable, 'doc_id'> & DocFacets & { doc_id: number; score: number };

/** A search document not stored yet, with its index text (terms and facet tokens). */
export interface NewSearchDoc {
  readonly row: Omit<SearchDocTable, 'doc_id'> & DocFacets & { terms: string };
  readonly body: string;
}

/** What a document must match: every term, and one token of every group. */
export interface MatchSpec {
  readonly terms: readonly string[];
  readonly groups: readonly (readonly string[])[];
}

/**
 * Everything that differs between the engines, by name. Nothing outside db/dialects/ writes
 * engine-only SQL.
 */
export interface DialectCapabilities {
  readonly engine: 'sqlite' | 'postgres';
  /** Column type of an auto-increment integer key, and its definition. */
  readonly autoIncrementKey: 'integer' | 'serial';
  autoIncrementPrimaryKey(c: ColumnDefinitionBuilder): ColumnDefinitionBuilder;
  createSearchIndex(db: Kysely<unknown>): Promise<void>;
  dropSearchIndex(db: Kysely<unknown>): Promise<void>;
  /** Writes (or rewrites) a document's index entry. */
  writeSearchText(db: Kysely<Database>, docId: number, body: string): Promise<void>;
  deleteSearchText(db: Kysely<Database>, docIds: readonly number[]): Promise<void>;
  /** Inserts new search documents with their index entries, in order (doc ids ascend with it), in multi-row statements. */
  insertSearchDocs(db: Kysely<Database>, docs: readonly NewSearchDoc[]): Promise<void>;
  /**
   * A derived table of the search documents that match, with their score (higher is better;
   * 0 for all when `rank` is false). Read without ORDER BY it must yield matches as the index
   * finds them, so that a LIMIT stops the reading.
   */
  matchedDocs(match: MatchSpec, rank: boolean): RawBuilder<MatchedDoc>;
  /**
   * Whether scoring the matches costs little. FTS5's bm25 first counts every document that holds
   * each term or token of the query, so a very common one costs tens of milliseconds before the
   * first match; such queries' matches go unscored (newest first).
   */
  rankable(db: Kysely<Database>, match: MatchSpec): Promise<boolean>;
  /** Session settings for the search query that follows, in the same transaction. */
  beforeSearch(db: Kysely<Database>): Promise<void>;
  /** Every document's indexed words in text order, read back from the index (for migrations; reads it all). */
  indexedTerms(db: Kysely<unknown>): Promise<Map<number, string>>;
  /** Removes what deleted documents left in the full-text index (after a collection is deleted). */
  purgeSearchIndex(db: Kysely<Database>): Promise<void>;
  /** Engine-specific tuning run after migrations (pragmas, settings). */
  afterOpen(db: Kysely<Database>): Promise<void>;
}
