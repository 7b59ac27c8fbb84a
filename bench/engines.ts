import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { createApp, type VigilApp } from '../src/app/index.js';
import { createSource } from '../src/app/sources.js';
import type { Actor } from '../src/core/actor.js';
import type { Place } from '../src/core/place.js';
import type { Source } from '../src/core/source.js';
import type { Store } from '../src/core/ports.js';
import { openStore } from '../src/db/store.js';
import { setupData, type Refs } from './data.js';
import { SequentialIds } from './prng.js';
import type { Lookups } from './rows.js';

export type Engine = 'sqlite' | 'postgres';

/** Every record the bench makes is stamped with this instant, so two runs write the same rows. */
export const BENCH_NOW = '2026-01-15T10:00:00.000Z';
export const benchClock = { now: () => new Date(BENCH_NOW) };

export interface BenchEnv {
  /** Where SQLite files go; removed at the end. */
  readonly tmpDir: string;
  /** Server URL for PostgreSQL (any database; bench databases are created beside it). */
  readonly pgUrl: string;
}

export function makeTmpDir(): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), 'vigil-bench-'));
}

export function pgDatabaseUrl(serverUrl: string, name: string): string {
  const u = new URL(serverUrl);
  u.pathname = `/${name}`;
  return u.toString();
}

async function admin<T>(serverUrl: string, fn: (c: pg.Client) => Promise<T>): Promise<T> {
  const c = new pg.Client({ connectionString: serverUrl });
  await c.connect();
  try {
    return await fn(c);
  } finally {
    await c.end();
  }
}

/** A bench database: the app over it, the setup's records, and how to reach it without the app. */
export interface BenchDb {
  readonly engine: Engine;
  readonly name: string;
  readonly store: Store;
  readonly app: VigilApp;
  readonly ids: SequentialIds;
  readonly refs: Refs;
  readonly lookups: Lookups;
  /** SQLite file path, or PostgreSQL database URL. */
  readonly location: string;
  /** Closes the store (the database stays until `drop`). */
  close(): Promise<void>;
  drop(): Promise<void>;
}

/**
 * Creates an empty database of the current schema (through openStore, so the same migrations
 * and indexes as the app), then the setup records through the app: the default collection, the
 * gazetteer, the actors and sources the corpus refers to. Ids are sequential from a fixed
 * start, so every bench database gets the same setup rows.
 */
export async function openBenchDb(env: BenchEnv, engine: Engine, name: string, seed: number): Promise<BenchDb> {
  let store: Store;
  let location: string;
  let drop: () => Promise<void>;
  if (engine === 'sqlite') {
    location = path.join(env.tmpDir, `${name}.sqlite`);
    for (const f of [location, `${location}-wal`, `${location}-shm`]) fs.rmSync(f, { force: true });
    store = await openStore({ sqliteFile: location });
    drop = async () => {
      for (const f of [location, `${location}-wal`, `${location}-shm`]) fs.rmSync(f, { force: true });
    };
  } else {
    const db = `vigil_bench_${name}`;
    await admin(env.pgUrl, async (c) => {
      await c.query(`DROP DATABASE IF EXISTS ${db} WITH (FORCE)`);
      await c.query(`CREATE DATABASE ${db}`);
    });
    location = pgDatabaseUrl(env.pgUrl, db);
    store = await openStore({ postgresUrl: location, poolSize: 2 });
    drop = () => admin(env.pgUrl, async (c) => void (await c.query(`DROP DATABASE IF EXISTS ${db} WITH (FORCE)`)));
  }
  const ids = new SequentialIds(0xbe0c4);
  const app = createApp({ store, clock: benchClock, ids });
  const collection = await app.ensureDefaultCollection();
  await app.seedGazetteer();
  const setup = setupData(seed);
  const actorIds: string[] = [];
  for (const a of setup.actors) {
    const created = await app.createActor({ ...a.input, parentId: a.parentIndex === null ? null : actorIds[a.parentIndex] });
    actorIds.push(created.id);
  }
  const sourceIds: string[] = [];
  await app.batch(async (ctx) => {
    for (const s of setup.sources) sourceIds.push((await createSource(ctx, s)).id);
  });
  const places = (await store.places.list({}, { limit: 100_000, offset: 0 })).items;
  const actors = await store.actors.getMany(actorIds);
  const sources: Source[] = [];
  for (const id of sourceIds) sources.push((await store.sources.get(id))!);
  const lookups: Lookups = {
    collectionId: collection.id,
    places: new Map(places.map((p: Place) => [p.id, p])),
    actors: new Map(actors.map((a: Actor) => [a.id, a])),
    sources: new Map(sources.map((s) => [s.id, s])),
  };
  let closed = false;
  const close = async () => {
    if (!closed) await store.close();
    closed = true;
  };
  return {
    engine,
    name,
    store,
    app,
    ids,
    refs: { sourceIds, actorIds },
    lookups,
    location,
    close,
    async drop() {
      await close();
      await drop();
    },
  };
}
