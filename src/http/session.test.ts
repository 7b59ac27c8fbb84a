/**
 * Sessions at the edge (docs/security.md: "a stolen session cookie or CSRF", "the web app
 * leaking to third parties", set-up from the server itself):
 *  - every route but the public ones answers 401 without a session;
 *  - every state-changing route refuses a request without this session's CSRF token, or from a
 *    foreign Origin, and writes nothing — while the same request with the token and the
 *    server's own Origin goes through (the control);
 *  - the session cookie's attributes; a new id at every sign-in, the old one ending; signing out
 *    one session or every session of the account;
 *  - Cache-Control, Content-Security-Policy and Referrer-Policy on API responses;
 *  - first-run set-up only from loopback, and only while no account exists.
 */
import { randomUUID } from 'node:crypto';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp, systemClock, uuidV7Ids } from '../app/index.js';
import { totpCode } from '../crypto/totp.js';
import { testEngines, type TestEngine } from '../db/testing.js';
import { extract } from '../extract/index.js';
import { API_PREFIX, buildHttpApp } from './app.js';
import { CSRF_HEADER, SESSION_COOKIE } from './session.js';
import { buildTestHttp, call, callAs, create, incidentInput, placeIdByName, snapshotTotals, sourceInput, testSecurity, type TestHttp, type TestUser } from './testing.js';

type Method = 'GET' | 'POST' | 'PATCH' | 'DELETE';

interface ErrorJson {
  error: { code: string; message: string; fields: { path: string; message: string }[] };
}

/** Reachable without a session, by design: the set-up page, the sign-in, and whether either is needed. */
const PUBLIC_ROUTES = ['GET /api/v1/auth/state', 'POST /api/v1/auth/setup', 'POST /api/v1/auth/sign-in'];

const HOST = 'vigil.example';
const OWN_ORIGIN = `https://${HOST}`;
const FOREIGN_ORIGINS = ['https://evil.example', 'null', `https://${HOST}.evil.example`, `http://${HOST}:8080`, 'not a url'];

/** The headers every API response carries (docs/security.md). */
function expectApiHeaders(res: LightMyRequestResponse, what: string): void {
  expect(res.headers['cache-control'], `cache-control on ${what}`).toBe('no-store');
  const csp = String(res.headers['content-security-policy'] ?? '');
  expect(csp, `content-security-policy on ${what}`).toContain("frame-ancestors 'none'");
  expect(csp).toContain("default-src 'self'");
  expect(res.headers['referrer-policy'], `referrer-policy on ${what}`).toBe('no-referrer');
}

interface Account {
  readonly id: string;
  readonly email: string;
  readonly password: string;
  readonly totpSecret: string;
  readonly recoveryCodes: string[];
}

interface SignedIn {
  readonly cookie: string;
  readonly csrfToken: string;
  readonly setCookie: string;
  readonly res: LightMyRequestResponse;
}

/** A request as a session (cookie and CSRF token given separately, so a test can leave either out). */
function send(http: FastifyInstance, method: Method, path: string, opts: { cookie?: string; csrf?: string; origin?: string; body?: unknown } = {}): Promise<LightMyRequestResponse> {
  const headers: Record<string, string> = { host: HOST };
  if (opts.cookie !== undefined) headers['cookie'] = opts.cookie;
  if (opts.csrf !== undefined) headers[CSRF_HEADER] = opts.csrf;
  if (opts.origin !== undefined) headers['origin'] = opts.origin;
  return http.inject({ method, url: `${API_PREFIX}${path}`, headers, ...(opts.body === undefined ? {} : { payload: opts.body as object }) });
}

describe.each(testEngines().map((e) => [e.name, e] as const))('sessions, CSRF and headers on %s', (_engineName, engine: TestEngine) => {
  let t: TestHttp;
  let doc: { paths: Record<string, Record<string, unknown>> };
  let counter = 0;
  let defaultCollection: string;

  /** An account made through the API, with its recovery codes (each a second factor that works once). */
  async function newAccount(role: 'admin' | 'coordinator' | 'analyst' | 'monitor' | 'viewer' = 'monitor', memberOf: string[] = []): Promise<Account> {
    const email = `session-${++counter}-${role}@vigil.test`;
    const password = `a long passphrase number ${counter} for sessions`;
    const res = await call(t.http, 'POST', '/accounts', { email, password, displayName: `Session ${counter}`, role });
    expect(res.statusCode, res.body).toBe(201);
    const made = res.json<{ user: { id: string }; totp: { secret: string }; recoveryCodes: string[] }>();
    for (const c of memberOf) expect((await call(t.http, 'POST', `/collections/${c}/members`, { userId: made.user.id })).statusCode).toBe(201);
    return { id: made.user.id, email, password, totpSecret: made.totp.secret, recoveryCodes: [...made.recoveryCodes] };
  }

  /** Signs in with the next recovery code (TOTP codes work once per 30 s; tests sign in more often). */
  async function signIn(a: Account, cookie?: string): Promise<SignedIn> {
    const code = a.recoveryCodes.shift();
    if (!code) throw new Error('out of recovery codes');
    const res = await t.http.inject({
      method: 'POST',
      url: `${API_PREFIX}/auth/sign-in`,
      headers: { host: HOST, ...(cookie ? { cookie } : {}) },
      payload: { email: a.email, password: a.password, code },
    });
    expect(res.statusCode, res.body).toBe(200);
    const setCookie = String(res.headers['set-cookie'] ?? '');
    return { cookie: setCookie.split(';')[0] ?? '', csrfToken: res.json<{ csrfToken: string }>().csrfToken, setCookie, res };
  }

  const whoAmI = async (s: { cookie: string }) => (await send(t.http, 'GET', '/auth/state', { cookie: s.cookie })).json<{ user: { id: string } | null }>().user?.id ?? null;
  const reaches = async (s: { cookie: string }) => (await send(t.http, 'GET', '/collections', { cookie: s.cookie })).statusCode;

  beforeAll(async () => {
    t = await buildTestHttp({ engine });
    doc = (await call(t.http, 'GET', '/openapi.json')).json();
    defaultCollection = (await t.app.ensureDefaultCollection()).id;
  });
  afterAll(async () => {
    await t?.close();
  });

  const routes = () => Object.entries(doc.paths).flatMap(([path, ops]) => Object.keys(ops).map((m) => ({ method: m.toUpperCase() as Method, path, key: `${m.toUpperCase()} ${path}` })));
  const concrete = (path: string) => path.slice(API_PREFIX.length).replace(/\{\w+\}/g, () => randomUUID());

  it('answers 401 without a session on every route but the public ones, with the API headers', async () => {
    const all = routes();
    expect(all.length).toBeGreaterThan(50);
    for (const key of PUBLIC_ROUTES) expect(all.map((r) => r.key)).toContain(key);
    const forged = `${SESSION_COOKIE}=${'A'.repeat(43)}`;
    for (const r of all.filter((x) => !PUBLIC_ROUTES.includes(x.key))) {
      const path = concrete(r.path);
      const body = r.method === 'GET' || r.method === 'DELETE' ? undefined : {};
      for (const cookie of [undefined, forged, `${SESSION_COOKIE}=`, 'vigil_session=whatever']) {
        const res = await send(t.http, r.method, path, { ...(cookie ? { cookie } : {}), ...(body ? { body } : {}) });
        expect(res.statusCode, `${r.key} with ${cookie ?? 'no cookie'}: ${res.body}`).toBe(401);
        expect(res.json<ErrorJson>().error.code).toBe('UNAUTHENTICATED');
        expectApiHeaders(res, `${r.key} (401)`);
      }
    }
    // The public routes answer without one (set-up is done already: 409).
    expect((await send(t.http, 'GET', '/auth/state')).statusCode).toBe(200);
    expect((await send(t.http, 'POST', '/auth/setup', { body: { email: 'x@vigil.test', password: 'a long passphrase again', displayName: 'X' } })).statusCode).toBe(409);
    expect((await send(t.http, 'POST', '/auth/sign-in', { body: { email: 'nobody@vigil.test', password: 'wrong wrong wrong', code: '000000' } })).statusCode).toBe(401);
    // The API description is public too, and hidden from itself.
    expect((await send(t.http, 'GET', '/openapi.json')).statusCode).toBe(200);
  });

  /**
   * A valid request for every state-changing route, on targets made for it, so that a missing
   * CSRF or Origin check would let it through (and write).
   */
  interface Target {
    readonly req: { method: Method; path: string; body?: unknown };
    /** Whose session sends it; the admin's unless given (sign-out routes end the caller's own). */
    readonly as?: () => Promise<SignedIn>;
  }

  async function targetFor(key: string): Promise<Target> {
    const { http } = t;
    const collection = defaultCollection;
    const source = async () => (await create(http, '/sources', sourceInput({ title: `CSRF target ${++counter}`, url: null, text: `text ${counter}` }))).id;
    const incident = async () => create<{ id: string; acts: { id: string }[] }>(http, '/incidents', incidentInput({ title: `CSRF target ${++counter}` }));
    const claim = async () => (await create(http, '/claims', { sourceId: await source(), stance: 'alleges', about: 'x', review: 'proposed' })).id;
    const actor = async () => (await create(http, '/actors', { kind: 'organisation', name: `CSRF target ${++counter}` })).id;
    const person = async () => (await create(http, '/persons', { pseudonym: `CSRF target ${++counter}`, names: ['Csrf Target'] })).id;
    const testimony = async () => (await create(http, '/sources', { kind: 'testimony', title: 'T', text: 'sealed words' })).id;
    const chechnya = await placeIdByName(http, 'Chechnya', 'RU-CE');
    const place = async () => (await create(http, '/places', { nameEn: `Csrfville ${++counter}`, parentId: chechnya })).id;
    const newCollection = async () => (await create(http, '/collections', { name: `CSRF target ${++counter}` })).id;
    const spareUser = async () => (await newAccount('viewer')).id;
    const ownSession = async () => signIn(await newAccount('viewer'));
    switch (key) {
      case 'POST /api/v1/auth/sign-out':
        return { req: { method: 'POST', path: '/auth/sign-out' }, as: ownSession };
      case 'POST /api/v1/auth/sign-out-everywhere':
        return { req: { method: 'POST', path: '/auth/sign-out-everywhere' }, as: ownSession };
      case 'POST /api/v1/accounts':
        return { req: { method: 'POST', path: '/accounts', body: { email: `csrf-${++counter}@vigil.test`, password: 'a long passphrase for csrf', displayName: 'C', role: 'viewer' } } };
      case 'PATCH /api/v1/accounts/{id}':
        return { req: { method: 'PATCH', path: `/accounts/${await spareUser()}`, body: { disabled: true } } };
      case 'POST /api/v1/collections/{id}/members':
        return { req: { method: 'POST', path: `/collections/${collection}/members`, body: { userId: await spareUser() } } };
      case 'DELETE /api/v1/collections/{id}/members/{userId}': {
        const id = await spareUser();
        expect((await call(http, 'POST', `/collections/${collection}/members`, { userId: id })).statusCode).toBe(201);
        return { req: { method: 'DELETE', path: `/collections/${collection}/members/${id}` } };
      }
      case 'POST /api/v1/persons':
        return { req: { method: 'POST', path: '/persons', body: { pseudonym: 'P', names: ['Csrf Person'] } } };
      case 'POST /api/v1/persons/{id}/reveal':
        return { req: { method: 'POST', path: `/persons/${await person()}/reveal` } };
      case 'PATCH /api/v1/persons/{id}':
        return { req: { method: 'PATCH', path: `/persons/${await person()}`, body: { pseudonym: 'Renamed' } } };
      case 'DELETE /api/v1/persons/{id}':
        return { req: { method: 'DELETE', path: `/persons/${await person()}` } };
      case 'POST /api/v1/collections':
        return { req: { method: 'POST', path: '/collections', body: { name: 'Made by CSRF' } } };
      case 'PATCH /api/v1/collections/{id}':
        return { req: { method: 'PATCH', path: `/collections/${await newCollection()}`, body: { name: 'Renamed' } } };
      case 'DELETE /api/v1/collections/{id}':
        return { req: { method: 'DELETE', path: `/collections/${await newCollection()}` } };
      case 'POST /api/v1/sources':
        return { req: { method: 'POST', path: '/sources', body: { kind: 'other', title: 'Made by CSRF' } } };
      case 'PATCH /api/v1/sources/{id}':
        return { req: { method: 'PATCH', path: `/sources/${await source()}`, body: { title: 'Renamed' } } };
      case 'DELETE /api/v1/sources/{id}':
        return { req: { method: 'DELETE', path: `/sources/${await source()}` } };
      case 'POST /api/v1/sources/{id}/review': {
        const c = (await call(http, 'GET', `/claims/${await claim()}`)).json<{ sourceId: string }>();
        return { req: { method: 'POST', path: `/sources/${c.sourceId}/review`, body: { decision: 'rejected' } } };
      }
      case 'POST /api/v1/sources/{id}/reveal':
        return { req: { method: 'POST', path: `/sources/${await testimony()}/reveal` } };
      case 'POST /api/v1/sources/ingest':
        return { req: { method: 'POST', path: '/sources/ingest', body: { text: `Police detained ${++counter} people in Grozny, activists said.`, published: '2019-03-01' } } };
      case 'POST /api/v1/extract':
        return { req: { method: 'POST', path: '/extract', body: { text: 'Police detained 5 people in Grozny, activists said.', published: '2019-03-01' } } };
      case 'POST /api/v1/incidents':
        return { req: { method: 'POST', path: '/incidents', body: { title: 'Made by CSRF' } } };
      case 'PATCH /api/v1/incidents/{id}':
        return { req: { method: 'PATCH', path: `/incidents/${(await incident()).id}`, body: { title: 'Renamed' } } };
      case 'DELETE /api/v1/incidents/{id}':
        return { req: { method: 'DELETE', path: `/incidents/${(await incident()).id}` } };
      case 'POST /api/v1/incidents/{id}/review':
        return { req: { method: 'POST', path: `/incidents/${(await incident()).id}/review`, body: { decision: 'rejected' } } };
      case 'POST /api/v1/claims':
        return { req: { method: 'POST', path: '/claims', body: { sourceId: await source(), stance: 'alleges', about: 'made by CSRF' } } };
      case 'PATCH /api/v1/claims/{id}':
        return { req: { method: 'PATCH', path: `/claims/${await claim()}`, body: { stance: 'denies' } } };
      case 'DELETE /api/v1/claims/{id}':
        return { req: { method: 'DELETE', path: `/claims/${await claim()}` } };
      case 'POST /api/v1/claims/{id}/review':
        return { req: { method: 'POST', path: `/claims/${await claim()}/review`, body: { decision: 'accepted' } } };
      case 'POST /api/v1/actors':
        return { req: { method: 'POST', path: '/actors', body: { kind: 'organisation', name: 'Made by CSRF' } } };
      case 'PATCH /api/v1/actors/{id}':
        return { req: { method: 'PATCH', path: `/actors/${await actor()}`, body: { name: 'Renamed' } } };
      case 'DELETE /api/v1/actors/{id}':
        return { req: { method: 'DELETE', path: `/actors/${await actor()}` } };
      case 'POST /api/v1/places':
        return { req: { method: 'POST', path: '/places', body: { nameEn: 'Made by CSRF', parentId: chechnya } } };
      case 'PATCH /api/v1/places/{id}':
        return { req: { method: 'PATCH', path: `/places/${await place()}`, body: { nameEn: 'Renamed' } } };
      case 'DELETE /api/v1/places/{id}':
        return { req: { method: 'DELETE', path: `/places/${await place()}` } };
      default:
        throw new Error(`${key}: a state-changing route without a CSRF target here; add one`);
    }
  }

  /** Everything a refused request must leave as it was. */
  async function written(): Promise<unknown> {
    const get = async (path: string) => (await call(t.http, 'GET', path)).json<unknown>();
    const collection = defaultCollection;
    return {
      totals: await snapshotTotals(t.http),
      persons: await get('/persons?limit=1'),
      accounts: await get('/accounts?limit=100'),
      members: await get(`/collections/${collection}/members`),
      // Refused at the edge: not even an audit row of a refusal.
      audit: await get('/audit?limit=1'),
    };
  }

  it('refuses every state-changing request without this session’s CSRF token or from a foreign Origin, and writes nothing; with both it works', async () => {
    const stateChanging = routes().filter((r) => r.method !== 'GET' && !PUBLIC_ROUTES.includes(r.key));
    expect(stateChanging.length).toBeGreaterThan(30);
    const other = await signIn(await newAccount('admin'));
    const failures: string[] = [];
    for (const r of stateChanging) {
      const target = await targetFor(r.key);
      const session = target.as ? await target.as() : { cookie: t.admin.cookie, csrfToken: t.admin.csrfToken };
      const { method, path, body } = target.req;
      const before = await written();
      const tampered = session.csrfToken.slice(0, -1) + (session.csrfToken.endsWith('A') ? 'B' : 'A');
      const attempts: [string, Parameters<typeof send>[3], string][] = [
        ['no CSRF token', { cookie: session.cookie, origin: OWN_ORIGIN }, 'CSRF_FAILED'],
        ['an empty CSRF token', { cookie: session.cookie, csrf: '', origin: OWN_ORIGIN }, 'CSRF_FAILED'],
        ['a tampered CSRF token', { cookie: session.cookie, csrf: tampered, origin: OWN_ORIGIN }, 'CSRF_FAILED'],
        ['another session’s CSRF token', { cookie: session.cookie, csrf: other.csrfToken, origin: OWN_ORIGIN }, 'CSRF_FAILED'],
        ['the session id as the token', { cookie: session.cookie, csrf: session.cookie.split('=')[1] ?? '', origin: OWN_ORIGIN }, 'CSRF_FAILED'],
        ...FOREIGN_ORIGINS.map((origin): [string, Parameters<typeof send>[3], string] => [`Origin ${origin}`, { cookie: session.cookie, csrf: session.csrfToken, origin }, 'FORBIDDEN']),
      ];
      for (const [what, opts, code] of attempts) {
        const res = await send(t.http, method, path, { ...opts, ...(body === undefined ? {} : { body }) });
        if (res.statusCode !== 403 || res.json<ErrorJson>().error.code !== code) failures.push(`${r.key} with ${what}: ${res.statusCode} ${res.body.slice(0, 200)}`);
      }
      const after = await written();
      if (JSON.stringify(after) !== JSON.stringify(before)) failures.push(`${r.key}: a refused request wrote something: ${JSON.stringify(after)}`);
      if (target.as && (await reaches(session)) !== 200) failures.push(`${r.key}: a refused sign-out ended the session`);
      // The control: the token and the server's own Origin (or none, as non-browser clients send) let it through.
      const ok = await send(t.http, method, path, { cookie: session.cookie, csrf: session.csrfToken, origin: OWN_ORIGIN, ...(body === undefined ? {} : { body }) });
      if (ok.statusCode < 200 || ok.statusCode > 299) failures.push(`${r.key} (control): ${ok.statusCode} ${ok.body.slice(0, 200)}`);
      else expectApiHeaders(ok, r.key);
    }
    expect(failures).toEqual([]);
  });

  it('sets the session cookie HttpOnly, Secure, SameSite=Strict, Path=/, host-only, with the __Host- prefix', async () => {
    const s = await signIn(await newAccount());
    expectApiHeaders(s.res, 'sign-in');
    const [pair, ...attributes] = s.setCookie.split(';').map((p) => p.trim());
    expect(pair?.startsWith(`${SESSION_COOKIE}=`)).toBe(true);
    expect(SESSION_COOKIE.startsWith('__Host-')).toBe(true);
    // 256 random bits, base64url.
    expect(pair?.slice(SESSION_COOKIE.length + 1)).toMatch(/^[A-Za-z0-9_-]{43}$/);
    const names = attributes.map((a) => a.split('=')[0]?.toLowerCase());
    expect(names).toEqual(expect.arrayContaining(['httponly', 'secure', 'samesite', 'path']));
    expect(attributes).toContain('SameSite=Strict');
    expect(attributes).toContain('Path=/');
    // __Host- cookies must not name a domain.
    expect(names).not.toContain('domain');
    // The session id never appears in the body; the CSRF token is not the id.
    expect(s.res.body).not.toContain(pair?.slice(SESSION_COOKIE.length + 1));
    expect(s.csrfToken).not.toBe(pair?.slice(SESSION_COOKIE.length + 1));
  });

  it('gives a new session id at every sign-in; the one the browser held before stops working', async () => {
    const a = await newAccount();
    const first = await signIn(a);
    expect(await whoAmI(first)).toBe(a.id);
    const second = await signIn(a, first.cookie);
    expect(second.cookie).not.toBe(first.cookie);
    expect(second.csrfToken).not.toBe(first.csrfToken);
    expect(await reaches(first)).toBe(401);
    expect(await whoAmI(first)).toBe(null);
    expect(await reaches(second)).toBe(200);
    // The old CSRF token is bound to the old session: useless with the new one.
    const res = await send(t.http, 'POST', '/auth/sign-out', { cookie: second.cookie, csrf: first.csrfToken });
    expect(res.statusCode).toBe(403);
    expect(await reaches(second)).toBe(200);
  });

  it('signs out one session, or every session of the account, and no one else’s', async () => {
    const a = await newAccount();
    const laptop = await signIn(a);
    const phone = await signIn(a);
    const bystander = await signIn(await newAccount());
    expect([await reaches(laptop), await reaches(phone)]).toEqual([200, 200]);

    const out = await send(t.http, 'POST', '/auth/sign-out', { cookie: phone.cookie, csrf: phone.csrfToken });
    expect(out.statusCode).toBe(204);
    expect(String(out.headers['set-cookie'])).toMatch(new RegExp(`^${SESSION_COOKIE}=; .*Max-Age=0`));
    expect([await reaches(laptop), await reaches(phone)]).toEqual([200, 401]);

    const tablet = await signIn(a);
    expect(await reaches(tablet)).toBe(200);
    const everywhere = await send(t.http, 'POST', '/auth/sign-out-everywhere', { cookie: laptop.cookie, csrf: laptop.csrfToken });
    expect(everywhere.statusCode).toBe(204);
    expect(String(everywhere.headers['set-cookie'])).toMatch(new RegExp(`^${SESSION_COOKIE}=; .*Max-Age=0`));
    expect([await reaches(laptop), await reaches(phone), await reaches(tablet)]).toEqual([401, 401, 401]);
    // Other accounts keep their sessions.
    expect(await reaches(bystander)).toBe(200);
    expect((await call(t.http, 'GET', '/collections')).statusCode).toBe(200);
    // And the account can sign in again.
    expect(await reaches(await signIn(a))).toBe(200);
  });

  it('puts no-store, the CSP with frame-ancestors none and no-referrer on API answers of every kind', async () => {
    const responses: [string, LightMyRequestResponse][] = [
      ['200', await call(t.http, 'GET', '/collections')],
      ['201', await t.http.inject({ method: 'POST', url: `${API_PREFIX}/sources`, headers: { cookie: t.admin.cookie, [CSRF_HEADER]: t.admin.csrfToken }, payload: { kind: 'other', title: 'h' } })],
      ['400', await call(t.http, 'POST', '/incidents', { title: 42 })],
      ['401', await send(t.http, 'GET', '/collections')],
      ['403', await send(t.http, 'POST', '/incidents', { cookie: t.admin.cookie, body: { title: 'x' } })],
      ['404', await call(t.http, 'GET', `/sources/${randomUUID()}`)],
      ['no route', await call(t.http, 'GET', '/nowhere')],
      ['public', await send(t.http, 'GET', '/auth/state')],
      ['openapi', await send(t.http, 'GET', '/openapi.json')],
    ];
    for (const [what, res] of responses) expectApiHeaders(res, what);
  });

  describe('first-run set-up', () => {
    let fresh: FastifyInstance;
    let close: () => Promise<void>;
    const admin = { email: 'first@vigil.test', password: 'a long passphrase for the first admin', displayName: 'First' };
    const setup = (remoteAddress: string, headers: Record<string, string> = {}) =>
      fresh.inject({ method: 'POST', url: `${API_PREFIX}/auth/setup`, remoteAddress, headers, payload: admin });
    const state = async () => (await fresh.inject({ method: 'GET', url: `${API_PREFIX}/auth/state` })).json<{ setupRequired: boolean }>().setupRequired;

    beforeAll(async () => {
      const store = await engine.open();
      const app = createApp({ store, clock: systemClock, ids: uuidV7Ids, extractor: { extract }, security: testSecurity() });
      await app.ensureDefaultCollection();
      fresh = await buildHttpApp({ app });
      close = async () => {
        await fresh.close();
        await store.close();
      };
    });
    afterAll(async () => {
      await close?.();
    });

    it('is refused from any address but loopback, whatever the forwarding headers claim', async () => {
      expect(await state()).toBe(true);
      for (const [address, headers] of [
        ['203.0.113.5', {}],
        ['192.168.1.10', {}],
        ['10.0.0.1', { 'x-forwarded-for': '127.0.0.1', 'x-real-ip': '127.0.0.1', forwarded: 'for=127.0.0.1' }],
        ['::ffff:203.0.113.5', {}],
        ['2001:db8::1', {}],
        ['127.0.0.2', {}],
      ] as const) {
        const res = await setup(address, headers);
        expect(res.statusCode, `${address}: ${res.body}`).toBe(403);
        expect(res.json<ErrorJson>().error.code).toBe('FORBIDDEN');
        expect(res.body).not.toContain('recoveryKey');
      }
      expect(await state()).toBe(true);
    });

    it('works from loopback while no account exists, and never again', async () => {
      const res = await setup('127.0.0.1');
      expect(res.statusCode, res.body).toBe(201);
      const made = res.json<{ recoveryKey: string; totp: { secret: string } }>();
      expect(made.recoveryKey).toBeTruthy();
      expect(await state()).toBe(false);
      for (const address of ['127.0.0.1', '::1', '::ffff:127.0.0.1']) {
        const again = await setup(address);
        expect(again.statusCode, `${address}: ${again.body}`).toBe(409);
        expect(again.json<ErrorJson>().error.code).toBe('SETUP_DONE');
      }
      // The admin that set-up made can sign in; a second set-up made no second account.
      const signIn = await fresh.inject({ method: 'POST', url: `${API_PREFIX}/auth/sign-in`, payload: { email: admin.email, password: admin.password, code: totpCode(made.totp.secret, new Date()) } });
      expect(signIn.statusCode, signIn.body).toBe(200);
      const cookie = String(signIn.headers['set-cookie']).split(';')[0] ?? '';
      const accounts = await fresh.inject({ method: 'GET', url: `${API_PREFIX}/accounts`, headers: { cookie } });
      expect(accounts.json<{ total: number }>().total).toBe(1);
    });
  });

  it('a session of a disabled account ends at once', async () => {
    const a = await newAccount();
    const s = await signIn(a);
    expect(await reaches(s)).toBe(200);
    expect((await call(t.http, 'PATCH', `/accounts/${a.id}`, { disabled: true })).statusCode).toBe(200);
    expect(await reaches(s)).toBe(401);
    // And a user is a TestUser-shaped session for the helpers too.
    const u: TestUser = { id: a.id, email: a.email, password: a.password, totpSecret: a.totpSecret, cookie: s.cookie, csrfToken: s.csrfToken };
    expect((await callAs(t.http, u, 'GET', '/collections')).statusCode).toBe(401);
  });
});
