import fs from 'node:fs';
import path from 'node:path';
import SQLite from 'better-sqlite3';
import { Kysely, Migrator, sql, PostgresDialect, SqliteDialect, type MigrationProvider, type Migration } from 'kysely';
import pg from 'pg';
import type { Repositories, Store } from '../core/ports.js';
import type { DialectCapabilities } from './dialects/capabilities.js';
import { postgresCapabilities } from './dialects/postgres.js';
import { sqliteCapabilities } from './dialects/sqlite.js';
import { MIGRATIONS } from './migrations/index.js';
import { actorRepository } from './repositories/actor.repository.js';
import { claimRepository } from './repositories/claim.repository.js';
import { collectionRepository } from './repositories/collection.repository.js';
import { incidentRepository } from './repositories/incident.repository.js';
import { placeRepository } from './repositories/place.repository.js';
import { searchIndex } from './repositories/search.repository.js';
import { securityRepositories } from './repositories/security.repository.js';
import { sourceRepository } from './repositories/source.repository.js';
import { statsRepository } from './repositories/stats.repository.js';
import type { Db } from './repositories/shared.js';
import type { Database } from './tables.js';

export type StoreOptions = { sqliteFile: string } | { postgresUrl: string; poolSize?: number };

function repositories(db: Db, caps: DialectCapabilities): Repositories {
  return {
    collections: collectionRepository(db, caps),
    sources: sourceRepository(db, caps),
    actors: actorRepository(db),
    places: placeRepository(db),
    incidents: incidentRepository(db, caps),
    claims: claimRepository(db),
    search: searchIndex(db, caps),
    stats: statsRepository(db),
    ...securityRepositories(db),
  };
}

export function migrationProvider(caps: DialectCapabilities): MigrationProvider {
  return {
    async getMigrations() {
      const out: Record<string, Migration> = {};
      for (const [name, m] of Object.entries(MIGRATIONS)) out[name] = m(caps);
      return out;
    },
  };
}

export async function migrateToLatest(db: Kysely<Database>, caps: DialectCapabilities): Promise<void> {
  const migrator = new Migrator({ db, provider: migrationProvider(caps) });
  const { error, results } = await migrator.migrateToLatest();
  if (error) {
    const failed = results?.find((r) => r.status === 'Error');
    throw new Error(`database migration ${failed?.migrationName ?? ''} failed: ${error instanceof Error ? error.message : String(error)}`);
  }
}

/** Opens the embedded SQLite file, or PostgreSQL; brings the schema up to date. */
export async function openStore(opts: StoreOptions): Promise<Store> {
  let db: Kysely<Database>;
  let caps: DialectCapabilities;
  if ('sqliteFile' in opts) {
    if (opts.sqliteFile !== ':memory:') fs.mkdirSync(path.dirname(opts.sqliteFile), { recursive: true });
    const sqlite = new SQLite(opts.sqliteFile);
    sqlite.pragma('journal_mode = WAL');
    sqlite.pragma('synchronous = NORMAL');
    sqlite.pragma('foreign_keys = ON');
    // Deleted records are overwritten on disk, not left in free pages (DESIGN §4).
    sqlite.pragma('secure_delete = ON');
    sqlite.pragma('busy_timeout = 5000');
    db = new Kysely<Database>({ dialect: new SqliteDialect({ database: sqlite }) });
    caps = sqliteCapabilities;
  } else {
    const pool = new pg.Pool({ connectionString: opts.postgresUrl, max: opts.poolSize ?? 10 });
    db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
    caps = postgresCapabilities;
  }
  await migrateToLatest(db, caps);
  await caps.afterOpen(db);
  const base = repositories(db, caps);
  return {
    ...base,
    engine: caps.engine,
    checkpointAfterDelete: async (o = {}) => {
      if (o.purgeIndex) await caps.purgeSearchIndex(db);
      if (caps.engine === 'sqlite') await sql`PRAGMA wal_checkpoint(TRUNCATE)`.execute(db);
    },
    backup: async (file) => {
      if (caps.engine !== 'sqlite') throw new Error('on PostgreSQL, back up with pg_dump (docs/security.md)');
      if (fs.existsSync(file)) throw new Error('the backup file exists already: choose a new name');
      await sql`VACUUM INTO ${file}`.execute(db);
      fs.chmodSync(file, 0o600);
    },
    transaction: (fn) => db.transaction().execute((trx) => fn(repositories(trx, caps))),
    close: () => db.destroy(),
  };
}
