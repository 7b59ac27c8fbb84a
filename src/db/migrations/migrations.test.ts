import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Kysely, Migrator, PostgresDialect, SqliteDialect, sql } from 'kysely';
import SQLite from 'better-sqlite3';
import pg from 'pg';
import { describe, expect, it } from 'vitest';
import { postgresCapabilities } from '../dialects/postgres.js';
import { sqliteCapabilities } from '../dialects/sqlite.js';
import { migrationProvider } from '../store.js';
import { dropTestDatabase, testEngines } from '../testing.js';
import { MIGRATIONS } from './index.js';

const dir = path.dirname(fileURLToPath(import.meta.url));

describe('migration rules (README.md)', () => {
  const files = fs.readdirSync(dir).filter((f) => /^\d/.test(f) && f.endsWith('.ts') && !f.endsWith('.test.ts'));

  it('names every file YYYYMMDDHHMMSS_what.ts and registers each under its name', () => {
    for (const f of files) expect(f).toMatch(/^\d{14}_[a-z0-9_]+\.ts$/);
    expect(Object.keys(MIGRATIONS).sort()).toEqual(files.map((f) => f.replace(/\.ts$/, '')).sort());
  });

  it('registers them in the order they sort', () => {
    const names = Object.keys(MIGRATIONS);
    expect(names).toEqual([...names].sort());
  });

  it('keeps engine-only SQL out of migrations', () => {
    for (const f of files) {
      const src = fs.readFileSync(path.join(dir, f), 'utf8');
      expect(src, f).not.toMatch(/\bsql`/);
      expect(src, f).not.toMatch(/tsvector|fts5|AUTOINCREMENT|'serial'|jsonb|caps\.engine/);
    }
  });
});

describe.each(testEngines())('migrations on $name', (engine) => {
  it('run up, down to nothing, and up again', async () => {
    let db: Kysely<unknown>;
    let cleanup = async () => {};
    if (engine.name === 'sqlite') {
      db = new Kysely({ dialect: new SqliteDialect({ database: new SQLite(':memory:') }) });
    } else {
      const admin = process.env.VIGIL_TEST_DATABASE_URL ?? '';
      const name = `vigil_mig_${Date.now().toString(36)}`;
      const c = new pg.Client({ connectionString: admin });
      await c.connect();
      await c.query(`CREATE DATABASE ${name}`);
      await c.end();
      const url = new URL(admin);
      url.pathname = `/${name}`;
      db = new Kysely({ dialect: new PostgresDialect({ pool: new pg.Pool({ connectionString: url.toString(), max: 2 }) }) });
      cleanup = () => dropTestDatabase(admin, name);
    }
    const caps = engine.name === 'sqlite' ? sqliteCapabilities : postgresCapabilities;
    const migrator = new Migrator({ db, provider: migrationProvider(caps) });
    try {
      expect((await migrator.migrateToLatest()).error).toBeUndefined();
      const tables = async () => (await db.introspection.getTables()).map((t) => t.name).filter((n) => !n.startsWith('kysely_') && !n.startsWith('search_fts'));
      expect(await tables()).toEqual(expect.arrayContaining(['incident', 'act', 'claim', 'source', 'actor', 'place', 'collection', 'search_doc']));
      for (let i = 0; i < Object.keys(MIGRATIONS).length; i++) expect((await migrator.migrateDown()).error).toBeUndefined();
      expect(await tables()).toEqual([]);
      expect((await migrator.migrateToLatest()).error).toBeUndefined();
      await sql`SELECT count(*) FROM incident`.execute(db);
    } finally {
      await db.destroy();
      await cleanup();
    }
  });
});
