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
import type { Role } from '../core/access.js';
import { createSecurityServices, newServerSecret, TEST_PASSWORD_COST } from '../crypto/services.js';
import { totpCode } from '../crypto/totp.js';

export interface TestHttp {
  readonly http: FastifyInstance;
  readonly app: VigilApp;
  readonly store: Store;
  /** The first admin, signed in: `call` sends its session cookie and CSRF token. */
  readonly admin: TestUser;
  close(): Promise<void>;
}

/** A signed-in account of a test server. */
export interface TestUser {
  readonly id: string;
  readonly email: string;
  readonly password: string;
  readonly totpSecret: string;
  readonly cookie: string;
  readonly csrfToken: string;
}

export const TEST_ADMIN = { email: 'admin@vigil.test', password: 'a long test passphrase for vigil', displayName: 'Test Admin' } as const;

/** Fast Argon2 settings for tests only; a fresh server secret per test server. */
export function testSecurity() {
  return createSecurityServices({ serverSecret: newServerSecret(), passwordCost: TEST_PASSWORD_COST });
}

/** Whose session `call` uses on a test server (the admin unless a test signs in someone else). */
const sessions = new WeakMap<FastifyInstance, TestUser>();

/** Signs in through the API; the TOTP code comes from the secret (one per 30-second step: `at` moves it). */
export async function signIn(
  http: FastifyInstance,
  who: { id?: string; email: string; password: string; totpSecret: string },
  at: Date = new Date(),
): Promise<TestUser> {
  const res = await http.inject({
    method: 'POST',
    url: `${API_PREFIX}/auth/sign-in`,
    payload: { email: who.email, password: who.password, code: totpCode(who.totpSecret, at) },
  });
  if (res.statusCode !== 200) throw new Error(`sign-in → ${res.statusCode}: ${res.body}`);
  const setCookie = String(res.headers['set-cookie'] ?? '');
  const cookie = setCookie.split(';')[0] ?? '';
  const body = res.json<{ user: { id: string }; csrfToken: string }>();
  return { id: body.user.id, email: who.email, password: who.password, totpSecret: who.totpSecret, cookie, csrfToken: body.csrfToken };
}

/** Makes `call` act as this user on this server. */
export function actAs(http: FastifyInstance, user: TestUser): void {
  sessions.set(http, user);
}

/** Creates an account (as the admin) with a role and membership of the given collections, and signs it in. */
export async function createTestUser(
  t: TestHttp,
  role: Role,
  collectionIds: readonly string[],
  email = `${role}-${Math.random().toString(36).slice(2, 8)}@vigil.test`,
): Promise<TestUser> {
  const password = `a long passphrase for the ${role}`;
  const res = await callAs(t.http, t.admin, 'POST', '/accounts', { email, password, displayName: `Test ${role}`, role });
  if (res.statusCode !== 201) throw new Error(`POST /accounts → ${res.statusCode}: ${res.body}`);
  const made = res.json<{ user: { id: string }; totp: { secret: string } }>();
  for (const collectionId of collectionIds) {
    const m = await callAs(t.http, t.admin, 'POST', `/collections/${collectionId}/members`, { userId: made.user.id });
    if (m.statusCode !== 201) throw new Error(`POST members → ${m.statusCode}: ${m.body}`);
  }
  return signIn(t.http, { email, password, totpSecret: made.totp.secret });
}

/**
 * The HTTP app on a fresh store: in-memory SQLite unless an engine is given (src/db/testing.ts
 * `testEngines()` adds PostgreSQL when VIGIL_TEST_DATABASE_URL is set), set up with its first
 * admin, who is signed in for `call`.
 */
export async function buildTestHttp(
  opts: Omit<HttpAppOptions, 'app'> & { wrapApp?: (app: VigilApp) => VigilApp; engine?: TestEngine } = {},
): Promise<TestHttp> {
  const store = await (opts.engine ?? sqliteEngine).open();
  const app = createApp({ store, clock: systemClock, ids: uuidV7Ids, extractor: { extract }, security: testSecurity() });
  await app.ensureDefaultCollection();
  await app.seedGazetteer();
  const setup = await app.setupAdmin(TEST_ADMIN);
  const { wrapApp, engine: _engine, ...httpOpts } = opts;
  // A wrapper replaces use cases as every signed-in caller sees them.
  const served: VigilApp = wrapApp ? { ...app, as: (caller) => wrapApp({ ...app, ...app.as(caller) }) } : app;
  const http = await buildHttpApp({ ...httpOpts, app: served });
  const admin = await signIn(http, { email: TEST_ADMIN.email, password: TEST_ADMIN.password, totpSecret: setup.totp.secret });
  sessions.set(http, admin);
  return {
    http,
    app,
    store,
    admin,
    async close() {
      await http.close();
      await store.close();
    },
  };
}

type Method = 'GET' | 'POST' | 'PATCH' | 'DELETE';

/** A request to the API as a given user (or as nobody: `null`); `path` is relative to /api/v1. */
export function callAs(http: FastifyInstance, user: TestUser | null, method: Method, path: string, body?: unknown): Promise<LightMyRequestResponse> {
  const headers: Record<string, string> = user ? { cookie: user.cookie, 'x-csrf-token': user.csrfToken } : {};
  return http.inject({ method, url: `${API_PREFIX}${path}`, headers, ...(body === undefined ? {} : { payload: body as object }) });
}

/** The cookie and CSRF headers of the server's current test user, for raw `inject` calls. */
export function authHeaders(http: FastifyInstance): Record<string, string> {
  const user = sessions.get(http);
  return user ? { cookie: user.cookie, 'x-csrf-token': user.csrfToken } : {};
}

/** A request to the API as the server's current test user (the admin by default); `path` is relative to /api/v1. */
export function call(http: FastifyInstance, method: Method, path: string, body?: unknown): Promise<LightMyRequestResponse> {
  return callAs(http, sessions.get(http) ?? null, method, path, body);
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
