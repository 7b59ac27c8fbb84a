/**
 * A database of either engine opened directly (not through openStore), so an audit test can
 * tamper with rows in the same transaction that verifies them and then roll everything back.
 */
import { randomBytes } from 'node:crypto';
import SQLite from 'better-sqlite3';
import { Kysely, PostgresDialect, SqliteDialect } from 'kysely';
import pg from 'pg';
import { dropTestDatabase } from '../../src/db/testing.js';
import type { Repositories } from '../../src/core/ports.js';
import type { DialectCapabilities } from '../../src/db/dialects/capabilities.js';
import { postgresCapabilities } from '../../src/db/dialects/postgres.js';
import { sqliteCapabilities } from '../../src/db/dialects/sqlite.js';
import { actorRepository } from '../../src/db/repositories/actor.repository.js';
import { claimRepository } from '../../src/db/repositories/claim.repository.js';
import { collectionRepository } from '../../src/db/repositories/collection.repository.js';
import { incidentRepository } from '../../src/db/repositories/incident.repository.js';
import { placeRepository } from '../../src/db/repositories/place.repository.js';
import { searchIndex } from '../../src/db/repositories/search.repository.js';
import { securityRepositories } from '../../src/db/repositories/security.repository.js';
import { sourceRepository } from '../../src/db/repositories/source.repository.js';
import { statsRepository } from '../../src/db/repositories/stats.repository.js';
import { migrateToLatest } from '../../src/db/store.js';
import type { Database } from '../../src/db/tables.js';

export interface RawDb {
  readonly name: 'sqlite' | 'postgres';
  readonly db: Kysely<Database>;
  /** The repositories over `db` or over one of its transactions. */
  repos(db: Kysely<Database>): Repositories;
  close(): Promise<void>;
}

function repositories(db: Kysely<Database>, caps: DialectCapabilities): Repositories {
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

export async function openRawDb(name: 'sqlite' | 'postgres'): Promise<RawDb> {
  if (name === 'sqlite') {
    const db = new Kysely<Database>({ dialect: new SqliteDialect({ database: new SQLite(':memory:') }) });
    await migrateToLatest(db, sqliteCapabilities);
    await sqliteCapabilities.afterOpen(db);
    return { name, db, repos: (d) => repositories(d, sqliteCapabilities), close: () => db.destroy() };
  }
  const adminUrl = process.env.VIGIL_TEST_DATABASE_URL;
  if (!adminUrl) throw new Error('VIGIL_TEST_DATABASE_URL is not set');
  const dbName = `vigil_audit_${randomBytes(6).toString('hex')}`;
  const admin = async (query: string) => {
    const c = new pg.Client({ connectionString: adminUrl });
    await c.connect();
    try {
      await c.query(query);
    } finally {
      await c.end();
    }
  };
  await admin(`CREATE DATABASE ${dbName}`);
  const url = new URL(adminUrl);
  url.pathname = `/${dbName}`;
  const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool: new pg.Pool({ connectionString: url.toString(), max: 8 }) }) });
  await migrateToLatest(db, postgresCapabilities);
  await postgresCapabilities.afterOpen(db);
  return {
    name,
    db,
    repos: (d) => repositories(d, postgresCapabilities),
    async close() {
      await db.destroy();
      await dropTestDatabase(adminUrl, dbName);
    },
  };
}
