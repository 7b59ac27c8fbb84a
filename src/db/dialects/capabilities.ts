import type { ColumnDefinitionBuilder, Kysely, RawBuilder } from 'kysely';
import type { Database } from '../tables.js';

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
  writeSearchText(db: Kysely<Database>, docId: number, terms: string): Promise<void>;
  deleteSearchText(db: Kysely<Database>, docIds: readonly number[]): Promise<void>;
  /** A derived table `(doc_id, score)` of documents matching every term; higher score is better. */
  matchTable(terms: readonly string[]): RawBuilder<{ doc_id: number; score: number }>;
  /** Engine-specific tuning run after migrations (pragmas, settings). */
  afterOpen(db: Kysely<Database>): Promise<void>;
}
