import { randomBytes } from 'node:crypto';
import pg from 'pg';
import type { Store } from '../core/ports.js';
import { openStore } from './store.js';

/**
 * The engines a contract suite runs on. SQLite always; PostgreSQL when
 * VIGIL_TEST_DATABASE_URL names a server (each suite gets a fresh database, dropped after).
 * In CI (CI=true) a missing or unreachable PostgreSQL is a failure, not a skip.
 */
export interface TestEngine {
  readonly name: 'sqlite' | 'postgres';
  open(): Promise<Store>;
}

const adminUrl = process.env.VIGIL_TEST_DATABASE_URL;
const inCi = process.env.CI === 'true';

export const sqliteEngine: TestEngine = { name: 'sqlite', open: () => openStore({ sqliteFile: ':memory:' }) };

export const postgresEngine: TestEngine = {
  name: 'postgres',
  async open() {
    if (!adminUrl) throw new Error('VIGIL_TEST_DATABASE_URL is not set');
    const dbName = `vigil_test_${randomBytes(6).toString('hex')}`;
    const admin = new pg.Client({ connectionString: adminUrl });
    await admin.connect();
    try {
      await admin.query(`CREATE DATABASE ${dbName}`);
    } finally {
      await admin.end();
    }
    const url = new URL(adminUrl);
    url.pathname = `/${dbName}`;
    const store = await openStore({ postgresUrl: url.toString(), poolSize: 4 });
    return {
      ...store,
      async close() {
        await store.close();
        await dropTestDatabase(adminUrl, dbName);
      },
    };
  },
};

/**
 * Drops a test database once its pool's connections are gone. pg-pool's end() returns before
 * they have closed; dropping WITH (FORCE) at once would kill them mid-close, an uncaught 57P01
 * in the test run. So: plain DROP, retried while the database is still in use (55006), and FORCE
 * only after five seconds.
 */
export async function dropTestDatabase(serverUrl: string, dbName: string): Promise<void> {
  if (!/^[a-z0-9_]+$/.test(dbName)) throw new Error('not a test database name');
  const a = new pg.Client({ connectionString: serverUrl });
  await a.connect();
  try {
    for (let attempt = 0; ; attempt++) {
      try {
        await a.query(`DROP DATABASE IF EXISTS ${dbName}${attempt >= 50 ? ' WITH (FORCE)' : ''}`);
        return;
      } catch (e) {
        if ((e as { code?: string }).code !== '55006' || attempt >= 50) throw e;
        await new Promise((r) => setTimeout(r, 100));
      }
    }
  } finally {
    await a.end();
  }
}

let announced = false;

/** The engines to run on here; prints why PostgreSQL is skipped, once. */
export function testEngines(): TestEngine[] {
  if (adminUrl) return [sqliteEngine, postgresEngine];
  if (inCi) {
    // Returning the engine makes every PostgreSQL test fail loudly with the reason above.
    return [sqliteEngine, postgresEngine];
  }
  if (!announced) {
    announced = true;
    console.warn('[vigil tests] PostgreSQL contract runs skipped: set VIGIL_TEST_DATABASE_URL (e.g. postgres://postgres@127.0.0.1:5432/postgres) to run them.');
  }
  return [sqliteEngine];
}
