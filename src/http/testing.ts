/**
 * Test factories for the HTTP layer: an app on a fresh in-memory store, and request helpers
 * that build the records most tests need. Used by tests only.
 */
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { createApp, systemClock, uuidV7Ids, type VigilApp } from '../app/index.js';
import type { Store } from '../core/ports.js';
import { sqliteEngine, type TestEngine } from '../db/testing.js';
import { extract } from '../extract/index.js';
import { API_PREFIX, buildHttpApp, type HttpAppOptions } from './app.js';

export interface TestHttp {
  readonly http: FastifyInstance;
  readonly app: VigilApp;
  readonly store: Store;
  close(): Promise<void>;
}

/**
 * The HTTP app on a fresh store: in-memory SQLite unless an engine is given (src/db/testing.ts
 * `testEngines()` adds PostgreSQL when VIGIL_TEST_DATABASE_URL is set).
 */
export async function buildTestHttp(
  opts: Omit<HttpAppOptions, 'app'> & { wrapApp?: (app: VigilApp) => VigilApp; engine?: TestEngine } = {},
): Promise<TestHttp> {
  const store = await (opts.engine ?? sqliteEngine).open();
  const app = createApp({ store, clock: systemClock, ids: uuidV7Ids, extractor: { extract } });
  await app.ensureDefaultCollection();
  await app.seedGazetteer();
  const { wrapApp, engine: _engine, ...httpOpts } = opts;
  const http = await buildHttpApp({ ...httpOpts, app: wrapApp ? wrapApp(app) : app });
  return {
    http,
    app,
    store,
    async close() {
      await http.close();
      await store.close();
    },
  };
}

type Method = 'GET' | 'POST' | 'PATCH' | 'DELETE';

/** A request to the API; `path` is relative to /api/v1. */
export function call(http: FastifyInstance, method: Method, path: string, body?: unknown): Promise<LightMyRequestResponse> {
  return http.inject({ method, url: `${API_PREFIX}${path}`, ...(body === undefined ? {} : { payload: body as object }) });
}

/** POSTs and returns the created record; fails loudly with the error body otherwise. */
export async function create<T = Record<string, unknown>>(http: FastifyInstance, path: string, body: unknown): Promise<T & { id: string }> {
  const res = await call(http, 'POST', path, body);
  if (res.statusCode !== 201) throw new Error(`POST ${path} → ${res.statusCode}: ${res.body}`);
  return res.json<T & { id: string }>();
}

/** The `total` of a list endpoint, to check that a refused request wrote nothing. */
export async function totalOf(http: FastifyInstance, path: string): Promise<number> {
  const res = await call(http, 'GET', path);
  if (res.statusCode !== 200) throw new Error(`GET ${path} → ${res.statusCode}: ${res.body}`);
  return res.json<{ total: number }>().total;
}

/** Totals of every list the API has, in one object, for before/after comparisons. */
export async function snapshotTotals(http: FastifyInstance): Promise<Record<string, number>> {
  const out: Record<string, number> = {};
  for (const area of ['collections', 'sources', 'incidents', 'claims', 'actors', 'places']) out[area] = await totalOf(http, `/${area}?limit=1`);
  return out;
}

/** The id of a built-in place found by its English name (e.g. Chechnya → RU-CE). */
export async function placeIdByName(http: FastifyInstance, name: string, code?: string): Promise<string> {
  const res = await call(http, 'GET', `/places?name=${encodeURIComponent(name)}`);
  const items = res.json<{ items: { id: string; code: string | null }[] }>().items;
  const hit = code ? items.find((p) => p.code === code) : items[0];
  if (!hit) throw new Error(`no place named ${name}`);
  return hit.id;
}

export const sourceInput = (over: Record<string, unknown> = {}) => ({
  kind: 'news_article',
  title: 'Chechen authorities detain dozens of gay men, activists say',
  outlet: 'The Moscow Times',
  url: 'https://www.themoscowtimes.com/2019/01/14/example',
  language: 'en',
  publishedAt: '2019-01-14',
  reliability: 'B',
  text: 'At least 2 people were killed and 40 detained, the Russian LGBT Network said.',
  ...over,
});

export const incidentInput = (over: Record<string, unknown> = {}) => ({
  title: 'Detentions of LGBT people in Chechnya, winter 2018–2019',
  summary: 'A wave of detentions reported by the Russian LGBT Network.',
  date: { start: '2018-12-21', end: '2019-01-31', precision: 'month' },
  tags: ['lgbt'],
  acts: [
    { type: 'killing', victims: 'detainees' },
    { type: 'detention', victims: 'men and women perceived as LGBT' },
  ],
  ...over,
});
