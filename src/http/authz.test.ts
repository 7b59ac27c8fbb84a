/**
 * Every route × every role × ids from a collection the caller is not in: no success
 * (docs/security.md: "a member reaching beyond their remit"; src/app/scope.ts).
 *
 * The admin makes collections A and B and fills each with the same kinds of records. Then one
 * account per role is made a member of A only (after B exists: admins get the keys of the
 * collections made while they exist). The routes come from the OpenAPI document; each one is
 * either aimed at B below (ROUTES) or excluded with the reason (EXCLUDED), and a route that is
 * neither fails the test. For every role and every covered route:
 *  - aimed at B: 403 when the role lacks the capability, else 404 — the same status and code as
 *    the same request aimed at ids that exist nowhere (no oracle for what B holds);
 *  - aimed at A (the control): 2xx when the role has the capability, 403 when not — so a
 *    refusal above proves the scoping, not a broken route or a bad body;
 *  - afterwards B is as before, seen by the admin: every list, record, the search index,
 *    the statistics, the members, and the admin's reveal of B's person and testimony.
 * Lists without a collection filter (and filters naming B's records) answer, but show nothing
 * of B; writes in A that refer to B's records (a claim on B's incident, an act by B's actor…)
 * are refused like ids that exist nowhere.
 */
import { randomUUID } from 'node:crypto';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { POLICY } from '../app/policy.js';
import type { UseCaseName } from '../app/index.js';
import { ROLES, roleCan, type Capability, type Role } from '../core/access.js';
import { testEngines, type TestEngine } from '../db/testing.js';
import { buildTestHttp, call, callAs, create, createTestUser, type TestHttp, type TestUser } from './testing.js';

type Method = 'GET' | 'POST' | 'PATCH' | 'DELETE';

/** One request, relative to /api/v1. */
interface Req {
  readonly method: Method;
  readonly path: string;
  readonly body?: unknown;
}

/** The records of one collection (or, for `nowhere`, ids that exist nowhere). */
interface Side {
  readonly collection: string;
  readonly source: string;
  /** A testimony: its text is sealed. */
  readonly testimony: string;
  readonly org: string;
  readonly personActor: string;
  /** An actor nothing refers to: deletable. */
  readonly spareActor: string;
  readonly incident: string;
  readonly act: string;
  readonly claim: string;
  /** A person of the identity vault. */
  readonly person: string;
  readonly personName: string;
  readonly testimonyText: string;
}

interface World {
  readonly A: Side;
  /** B, or ids that exist nowhere. */
  readonly X: Side;
  /** The caller. */
  readonly user: TestUser;
  /** A member of B only (a target for membership routes). */
  readonly bystander: TestUser;
}

/** Made by the admin in A, right before a control request that destroys its target. */
interface Throwaway {
  source(): Promise<string>;
  incident(): Promise<string>;
  claim(): Promise<string>;
  actor(): Promise<string>;
  person(): Promise<string>;
  collection(): Promise<string>;
  memberOfA(userId: string): Promise<void>;
}

interface Covered {
  /** The request aimed at side X (B or nowhere). */
  readonly aim: (w: World) => Req;
  /** The control in A; absent: `aim` with X = A. */
  readonly control?: (w: World, make: Throwaway) => Promise<Req>;
}

const q = encodeURIComponent;

/**
 * Every route that takes a collection-scoped id, in the path, the query or the body, and how to
 * aim it at a collection.
 */
const ROUTES: Readonly<Record<string, Covered>> = {
  // collections and membership
  'GET /api/v1/collections/{id}': { aim: ({ X }) => ({ method: 'GET', path: `/collections/${X.collection}` }) },
  'PATCH /api/v1/collections/{id}': { aim: ({ X }) => ({ method: 'PATCH', path: `/collections/${X.collection}`, body: { description: 'changed by an outsider' } }) },
  'DELETE /api/v1/collections/{id}': {
    aim: ({ X }) => ({ method: 'DELETE', path: `/collections/${X.collection}` }),
    control: async (_w, make) => ({ method: 'DELETE', path: `/collections/${await make.collection()}` }),
  },
  'GET /api/v1/collections/{id}/members': { aim: ({ X }) => ({ method: 'GET', path: `/collections/${X.collection}/members` }) },
  // The caller tries to add itself to B: the key it would need is one its session does not hold.
  'POST /api/v1/collections/{id}/members': {
    aim: ({ X, user }) => ({ method: 'POST', path: `/collections/${X.collection}/members`, body: { userId: user.id } }),
    control: async ({ A, bystander }) => ({ method: 'POST', path: `/collections/${A.collection}/members`, body: { userId: bystander.id } }),
  },
  'DELETE /api/v1/collections/{id}/members/{userId}': {
    aim: ({ X, bystander }) => ({ method: 'DELETE', path: `/collections/${X.collection}/members/${bystander.id}` }),
    control: async ({ A, bystander }, make) => {
      await make.memberOfA(bystander.id);
      return { method: 'DELETE', path: `/collections/${A.collection}/members/${bystander.id}` };
    },
  },

  // sources
  'POST /api/v1/sources': { aim: ({ X }) => ({ method: 'POST', path: '/sources', body: { collectionId: X.collection, kind: 'other', title: 'Written from outside' } }) },
  'GET /api/v1/sources': { aim: ({ X }) => ({ method: 'GET', path: `/sources?collectionId=${X.collection}` }) },
  'GET /api/v1/sources/{id}': { aim: ({ X }) => ({ method: 'GET', path: `/sources/${X.source}` }) },
  'PATCH /api/v1/sources/{id}': { aim: ({ X }) => ({ method: 'PATCH', path: `/sources/${X.source}`, body: { title: 'Changed from outside' } }) },
  'DELETE /api/v1/sources/{id}': {
    // The testimony has no claims: the delete would go through if the scope let it.
    aim: ({ X }) => ({ method: 'DELETE', path: `/sources/${X.testimony}` }),
    control: async (_w, make) => ({ method: 'DELETE', path: `/sources/${await make.source()}` }),
  },
  'POST /api/v1/sources/{id}/review': { aim: ({ X }) => ({ method: 'POST', path: `/sources/${X.source}/review`, body: { decision: 'rejected' } }) },
  'POST /api/v1/sources/{id}/reveal': { aim: ({ X }) => ({ method: 'POST', path: `/sources/${X.testimony}/reveal` }) },
  'POST /api/v1/sources/ingest': {
    aim: ({ X, user }) => ({
      method: 'POST',
      path: '/sources/ingest',
      body: { collectionId: X.collection, text: `Police detained 3 people in Grozny, ${user.email} reported.`, published: '2019-02-01' },
    }),
  },

  // incidents
  'POST /api/v1/incidents': { aim: ({ X }) => ({ method: 'POST', path: '/incidents', body: { collectionId: X.collection, title: 'Recorded from outside' } }) },
  'GET /api/v1/incidents': { aim: ({ X }) => ({ method: 'GET', path: `/incidents?collectionId=${X.collection}` }) },
  'GET /api/v1/incidents/{id}': { aim: ({ X }) => ({ method: 'GET', path: `/incidents/${X.incident}` }) },
  'PATCH /api/v1/incidents/{id}': { aim: ({ X }) => ({ method: 'PATCH', path: `/incidents/${X.incident}`, body: { title: 'Changed from outside' } }) },
  'DELETE /api/v1/incidents/{id}': {
    aim: ({ X }) => ({ method: 'DELETE', path: `/incidents/${X.incident}` }),
    control: async (_w, make) => ({ method: 'DELETE', path: `/incidents/${await make.incident()}` }),
  },
  'POST /api/v1/incidents/{id}/review': { aim: ({ X }) => ({ method: 'POST', path: `/incidents/${X.incident}/review`, body: { decision: 'rejected' } }) },

  // claims
  'POST /api/v1/claims': {
    aim: ({ X }) => ({ method: 'POST', path: '/claims', body: { sourceId: X.source, incidentId: X.incident, actId: X.act, stance: 'denies', about: 'outside' } }),
  },
  'GET /api/v1/claims': { aim: ({ X }) => ({ method: 'GET', path: `/claims?collectionId=${X.collection}` }) },
  'GET /api/v1/claims/{id}': { aim: ({ X }) => ({ method: 'GET', path: `/claims/${X.claim}` }) },
  'PATCH /api/v1/claims/{id}': { aim: ({ X }) => ({ method: 'PATCH', path: `/claims/${X.claim}`, body: { stance: 'denies' } }) },
  'DELETE /api/v1/claims/{id}': {
    aim: ({ X }) => ({ method: 'DELETE', path: `/claims/${X.claim}` }),
    control: async (_w, make) => ({ method: 'DELETE', path: `/claims/${await make.claim()}` }),
  },
  'POST /api/v1/claims/{id}/review': { aim: ({ X }) => ({ method: 'POST', path: `/claims/${X.claim}/review`, body: { decision: 'rejected' } }) },

  // actors
  'POST /api/v1/actors': { aim: ({ X }) => ({ method: 'POST', path: '/actors', body: { collectionId: X.collection, kind: 'organisation', name: 'Outside unit' } }) },
  'GET /api/v1/actors': { aim: ({ X }) => ({ method: 'GET', path: `/actors?collectionId=${X.collection}` }) },
  'GET /api/v1/actors/{id}': { aim: ({ X }) => ({ method: 'GET', path: `/actors/${X.personActor}` }) },
  'PATCH /api/v1/actors/{id}': { aim: ({ X }) => ({ method: 'PATCH', path: `/actors/${X.org}`, body: { name: 'Renamed from outside' } }) },
  'DELETE /api/v1/actors/{id}': {
    aim: ({ X }) => ({ method: 'DELETE', path: `/actors/${X.spareActor}` }),
    control: async (_w, make) => ({ method: 'DELETE', path: `/actors/${await make.actor()}` }),
  },

  // persons (the identity vault)
  'POST /api/v1/persons': { aim: ({ X }) => ({ method: 'POST', path: '/persons', body: { collectionId: X.collection, pseudonym: 'Planted', names: ['Planted Person'] } }) },
  'GET /api/v1/persons': { aim: ({ X }) => ({ method: 'GET', path: `/persons?collectionId=${X.collection}` }) },
  'GET /api/v1/persons/find': { aim: ({ X }) => ({ method: 'GET', path: `/persons/find?collectionId=${X.collection}&name=${q(X.personName)}` }) },
  'POST /api/v1/persons/{id}/reveal': { aim: ({ X }) => ({ method: 'POST', path: `/persons/${X.person}/reveal` }) },
  'PATCH /api/v1/persons/{id}': {
    aim: ({ X }) => ({ method: 'PATCH', path: `/persons/${X.person}`, body: { pseudonym: 'Renamed', identity: { names: ['Someone Else'] } } }),
  },
  'DELETE /api/v1/persons/{id}': {
    aim: ({ X }) => ({ method: 'DELETE', path: `/persons/${X.person}` }),
    control: async (_w, make) => ({ method: 'DELETE', path: `/persons/${await make.person()}` }),
  },

  // search and statistics
  'GET /api/v1/search': { aim: ({ X }) => ({ method: 'GET', path: `/search?q=Shared&collectionId=${X.collection}` }) },
  'GET /api/v1/stats': { aim: ({ X }) => ({ method: 'GET', path: `/stats?collectionId=${X.collection}` }) },
};

/**
 * Routes that name no record of a collection, so there is nothing of B to aim them at. Each
 * says why; a route neither here nor in ROUTES fails the test.
 */
const EXCLUDED: Readonly<Record<string, string>> = {
  // Sessions: before or about the caller's own sign-in (session.test.ts covers them).
  'GET /api/v1/auth/state': 'the caller’s own session state',
  'POST /api/v1/auth/setup': 'first-run set-up, before any collection has members (session.test.ts)',
  'POST /api/v1/auth/sign-in': 'signing in names no record',
  'POST /api/v1/auth/sign-out': 'ends the caller’s own session',
  'POST /api/v1/auth/sign-out-everywhere': 'ends the caller’s own sessions',
  // Accounts belong to the installation, not to a collection; admin capability only.
  'POST /api/v1/accounts': 'accounts are installation-wide (admin only)',
  'GET /api/v1/accounts': 'accounts are installation-wide (admin only)',
  'PATCH /api/v1/accounts/{id}': 'accounts are installation-wide (admin only)',
  // The audit log holds ids and actions of the whole installation; admins read all of it by design.
  'GET /api/v1/audit': 'the installation’s audit log (admin only, ids and actions only)',
  'GET /api/v1/audit/verify': 'verifies the whole chain (admin only)',
  // Reading a text into a proposal stores nothing and reads no record.
  'POST /api/v1/extract': 'stores nothing and reads no record',
  // Places are the gazetteer, shared by every collection.
  'POST /api/v1/places': 'places are shared by all collections',
  'GET /api/v1/places': 'places are shared by all collections',
  'GET /api/v1/places/{id}': 'places are shared by all collections',
  'PATCH /api/v1/places/{id}': 'places are shared by all collections',
  'DELETE /api/v1/places/{id}': 'places are shared by all collections',
  // The vocabularies are fixed codes and labels.
  'GET /api/v1/vocabularies': 'fixed vocabularies',
  'GET /api/v1/vocabularies/{id}': 'fixed vocabularies',
  // A new collection names no existing one; its creator becomes its only member besides admins.
  'POST /api/v1/collections': 'creates a new collection; names none',
  // Lists every collection the caller is a member of; no filter to aim. Checked below: shows nothing of B.
  'GET /api/v1/collections': 'no collection filter; the "lists without a filter" test checks it shows nothing of B',
  // GET /api/v1/openapi.json is public and hidden from the document itself.
};

/** Lists that answer without naming a collection, and filters naming B's records: they answer, showing nothing of B. */
const UNFILTERED = (B: Side): string[] => [
  '/collections',
  '/sources?limit=100',
  '/incidents?limit=100',
  '/claims?limit=100',
  '/actors?limit=100',
  '/persons?limit=100',
  '/search?q=Shared&limit=100',
  `/claims?incidentId=${B.incident}`,
  `/claims?sourceId=${B.source}`,
  `/claims?speakerId=${B.personActor}`,
  `/sources?outlet=${q('Shared Outlet')}`,
  `/actors?name=${q('Shared')}`,
  `/persons?pseudonym=${q('Shared witness')}`,
];

/** Writes in A that refer to a record of X (B, or nowhere): refused like an id that exists nowhere. */
const CROSS: Readonly<Record<string, { capability: Capability; req: (A: Side, X: Side) => Req }>> = {
  'a claim from A’s source on X’s incident': { capability: 'write', req: (A, X) => ({ method: 'POST', path: '/claims', body: { sourceId: A.source, incidentId: X.incident, stance: 'alleges', about: 'x' } }) },
  'a claim on X’s act': { capability: 'write', req: (A, X) => ({ method: 'POST', path: '/claims', body: { sourceId: A.source, actId: X.act, stance: 'alleges', about: 'x' } }) },
  'a claim spoken by X’s actor': {
    capability: 'write',
    req: (A, X) => ({ method: 'POST', path: '/claims', body: { sourceId: A.source, incidentId: A.incident, speakerId: X.personActor, stance: 'alleges', about: 'x' } }),
  },
  'a claim relayed by X’s actor': {
    capability: 'write',
    req: (A, X) => ({ method: 'POST', path: '/claims', body: { sourceId: A.source, incidentId: A.incident, relayId: X.org, stance: 'alleges', about: 'x' } }),
  },
  'a claim naming X’s perpetrator': {
    capability: 'write',
    req: (A, X) => ({ method: 'POST', path: '/claims', body: { sourceId: A.source, incidentId: A.incident, stance: 'alleges', about: 'x', asserts: { perpetratorId: X.org } } }),
  },
  'an incident in A with an act by X’s actor': {
    capability: 'write',
    req: (A, X) => ({ method: 'POST', path: '/incidents', body: { collectionId: A.collection, title: 'x', acts: [{ type: 'killing', involvements: [{ actorId: X.org }] }] } }),
  },
  'an actor in A under X’s organisation': {
    capability: 'write',
    req: (A, X) => ({ method: 'POST', path: '/actors', body: { collectionId: A.collection, kind: 'person', name: 'x', parentId: X.org } }),
  },
  'A’s claim moved to X’s incident': { capability: 'write', req: (A, X) => ({ method: 'PATCH', path: `/claims/${A.claim}`, body: { incidentId: X.incident, actId: null } }) },
  'A’s claim moved to X’s act': { capability: 'write', req: (A, X) => ({ method: 'PATCH', path: `/claims/${A.claim}`, body: { actId: X.act } }) },
  'A’s incident given an act by X’s actor': {
    capability: 'write',
    req: (A, X) => ({ method: 'PATCH', path: `/incidents/${A.incident}`, body: { acts: [{ id: A.act, type: 'killing', involvements: [{ actorId: X.org }] }] } }),
  },
  'A’s actor put under X’s organisation': { capability: 'write', req: (A, X) => ({ method: 'PATCH', path: `/actors/${A.personActor}`, body: { parentId: X.org } }) },
};

interface ErrorJson {
  error: { code: string; message: string; fields: { path: string; message: string }[] };
}

function send(http: FastifyInstance, user: TestUser, r: Req): Promise<LightMyRequestResponse> {
  return callAs(http, user, r.method, r.path, r.body);
}

const describeRes = (r: Req, res: LightMyRequestResponse) => `${r.method} ${r.path} → ${res.statusCode} ${res.body.slice(0, 300)}`;

/** The error's status, code and fields: what a caller learns from a refusal. */
function refusal(res: LightMyRequestResponse): { status: number; code: string; fields: string[] } {
  const body = res.json<ErrorJson>();
  return { status: res.statusCode, code: body.error?.code, fields: (body.error?.fields ?? []).map((f) => f.path) };
}

interface SearchJson {
  total: number;
  hits: { kind: string; id: string; incidentId: string | null; sourceId: string | null; title: string; rank: number }[];
  facets: unknown;
}

function searchHits(body: unknown): unknown {
  const r = body as SearchJson;
  return { total: r.total, facets: r.facets, hits: r.hits.map(({ rank: _rank, ...hit }) => hit).sort((a, b) => a.id.localeCompare(b.id)) };
}

describe.each(testEngines().map((e) => [e.name, e] as const))('object-level authorisation on %s', (_engineName, engine: TestEngine) => {
  let t: TestHttp;
  let A: Side;
  let B: Side;
  let users: Record<Role, TestUser>;
  let bystander: TestUser;
  /** A member of B alone that no request touches. */
  let memberOfB: TestUser;
  let operations: Map<string, UseCaseName>;
  let allRoutes: string[];
  let bBefore: unknown;
  const nowhere = (): Side => ({
    collection: randomUUID(),
    source: randomUUID(),
    testimony: randomUUID(),
    org: randomUUID(),
    personActor: randomUUID(),
    spareActor: randomUUID(),
    incident: randomUUID(),
    act: randomUUID(),
    claim: randomUUID(),
    person: randomUUID(),
    personName: 'Nobody Anywhere',
    testimonyText: '',
  });

  async function fill(collection: string, label: string): Promise<Side> {
    const { http } = t;
    const source = await create(http, '/sources', {
      collectionId: collection,
      kind: 'news_article',
      title: `Shared report ${label}`,
      outlet: 'Shared Outlet',
      text: `Shared text ${label}: at least 2 people were killed and 40 detained, activists said.`,
      publishedAt: '2019-01-14',
    });
    const testimonyText = `Testimony ${label}: I was held in the basement for six days.`;
    const testimony = await create(http, '/sources', { collectionId: collection, kind: 'testimony', title: `Shared testimony ${label}`, text: testimonyText });
    const org = await create(http, '/actors', { collectionId: collection, kind: 'organisation', name: `Shared police ${label}`, organisationType: 'police' });
    const personActor = await create(http, '/actors', { collectionId: collection, kind: 'person', name: `Shared speaker ${label}`, parentId: org.id });
    const spareActor = await create(http, '/actors', { collectionId: collection, kind: 'organisation', name: `Shared spare ${label}` });
    const incident = await create<{ acts: { id: string }[] }>(http, '/incidents', {
      collectionId: collection,
      title: `Shared detentions ${label}`,
      date: { start: '2019-01-01', end: '2019-01-31', precision: 'month' },
      acts: [
        { type: 'detention', victims: 'men', involvements: [{ actorId: org.id, degree: 'direct' }] },
        { type: 'killing', victims: 'detainees' },
      ],
    });
    const act = incident.acts[0]?.id ?? '';
    const claim = await create(http, '/claims', {
      sourceId: source.id,
      incidentId: incident.id,
      actId: act,
      speakerId: personActor.id,
      stance: 'alleges',
      about: 'detained',
      asserts: { count: { qualifier: 'at_least', value: 40 } },
      review: 'proposed',
    });
    const personName = `Zarema ${label}ova`;
    const person = await create(http, '/persons', {
      collectionId: collection,
      pseudonym: 'Shared witness',
      names: [personName],
      contacts: [`+7 900 000 00 ${label === 'Alpha' ? '01' : '02'}`],
      address: `Grozny, street ${label}`,
    });
    return {
      collection,
      source: source.id,
      testimony: testimony.id,
      org: org.id,
      personActor: personActor.id,
      spareActor: spareActor.id,
      incident: incident.id,
      act,
      claim: claim.id,
      person: person.id,
      personName,
      testimonyText,
    };
  }

  /** B as the admin (a member of B) sees it: everything a refused request must have left alone. */
  async function snapshotB(): Promise<unknown> {
    const get = async (path: string) => {
      const res = await call(t.http, 'GET', path);
      expect(res.statusCode, `admin GET ${path}: ${res.body}`).toBe(200);
      return res.json<unknown>();
    };
    const post = async (path: string) => {
      const res = await call(t.http, 'POST', path);
      expect(res.statusCode, `admin POST ${path}: ${res.body}`).toBe(200);
      return res.json<unknown>();
    };
    const c = B.collection;
    return {
      collection: await get(`/collections/${c}`),
      members: await get(`/collections/${c}/members`),
      sources: await get(`/sources?collectionId=${c}&limit=100`),
      incidents: await get(`/incidents?collectionId=${c}&limit=100`),
      claims: await get(`/claims?collectionId=${c}&limit=100`),
      actors: await get(`/actors?collectionId=${c}&limit=100`),
      persons: await get(`/persons?collectionId=${c}&limit=100`),
      incidentView: await get(`/incidents/${B.incident}`),
      // Ranks move with the whole index (A's new records change term statistics); which hits is B's.
      search: searchHits(await get(`/search?q=Shared&collectionId=${c}&limit=100`)),
      stats: await get(`/stats?collectionId=${c}`),
      found: await get(`/persons/find?collectionId=${c}&name=${q(B.personName)}`),
      // The admin still opens B's sealed values: its key was not touched.
      revealed: await post(`/persons/${B.person}/reveal`),
      testimony: await post(`/sources/${B.testimony}/reveal`),
    };
  }

  beforeAll(async () => {
    t = await buildTestHttp({ engine });
    const a = await create(t.http, '/collections', { name: 'A', description: 'the callers’ collection' });
    const b = await create(t.http, '/collections', { name: 'B', description: 'a collection the callers are not in' });
    A = await fill(a.id, 'Alpha');
    B = await fill(b.id, 'Bravo');
    // Made after B exists: an admin made now is not a member of B and holds none of its keys.
    users = {} as Record<Role, TestUser>;
    for (const role of ROLES) users[role] = await createTestUser(t, role, [A.collection], `${role}-of-a@vigil.test`);
    bystander = await createTestUser(t, 'monitor', [B.collection], 'bystander-of-b@vigil.test');
    memberOfB = await createTestUser(t, 'monitor', [B.collection], 'member-of-b@vigil.test');
    const doc = (await call(t.http, 'GET', '/openapi.json')).json<{ paths: Record<string, Record<string, { operationId: string }>> }>();
    operations = new Map();
    for (const [path, ops] of Object.entries(doc.paths)) for (const [method, op] of Object.entries(ops)) operations.set(`${method.toUpperCase()} ${path}`, op.operationId as UseCaseName);
    allRoutes = [...operations.keys()].sort();
    expect((await call(t.http, 'POST', `/persons/${B.person}/reveal`)).json()).toMatchObject({ identity: { names: [B.personName] } });
    bBefore = await snapshotB();
  });

  afterAll(async () => {
    await t?.close();
  });

  it('covers or excludes every route of the API, and names none that does not exist', () => {
    const covered = Object.keys(ROUTES);
    const excluded = Object.keys(EXCLUDED);
    expect(covered.filter((r) => excluded.includes(r))).toEqual([]);
    const unknown = allRoutes.filter((r) => !covered.includes(r) && !excluded.includes(r));
    expect(unknown, 'new routes: aim them at B in ROUTES, or exclude them with the reason').toEqual([]);
    expect([...covered, ...excluded].filter((r) => !allRoutes.includes(r)), 'routes that no longer exist').toEqual([]);
    for (const r of covered) expect(POLICY[operations.get(r) as UseCaseName], `${r}: no policy for its operation`).toBeDefined();
    // Admins exist before B and after it: only the one made before is a member of B.
    expect(users.admin.id).not.toBe(t.admin.id);
  });

  it.each(ROLES.map((r) => [r]))('%s of A: every covered route aimed at B fails as for an id that exists nowhere; aimed at A it works', async (role) => {
    const user = users[role];
    const make: Throwaway = {
      source: async () => (await create(t.http, '/sources', { collectionId: A.collection, kind: 'other', title: 'Throwaway' })).id,
      incident: async () => (await create(t.http, '/incidents', { collectionId: A.collection, title: 'Throwaway' })).id,
      claim: async () => (await create(t.http, '/claims', { sourceId: A.source, stance: 'other', about: 'throwaway' })).id,
      actor: async () => (await create(t.http, '/actors', { collectionId: A.collection, kind: 'organisation', name: 'Throwaway' })).id,
      person: async () => (await create(t.http, '/persons', { collectionId: A.collection, pseudonym: 'Throwaway' })).id,
      collection: async () => (await create(t.http, '/collections', { name: 'Throwaway' })).id,
      memberOfA: async (userId) => {
        const res = await call(t.http, 'POST', `/collections/${A.collection}/members`, { userId });
        expect(res.statusCode, res.body).toBe(201);
      },
    };
    const failures: string[] = [];
    for (const [route, spec] of Object.entries(ROUTES)) {
      const capability = POLICY[operations.get(route) as UseCaseName].capability;
      const can = roleCan(role, capability);
      // Aimed at B.
      const atB = spec.aim({ A, X: B, user, bystander });
      const resB = await send(t.http, user, atB);
      const gotB = refusal(resB);
      if (resB.statusCode !== (can ? 404 : 403)) failures.push(`${route} at B: expected ${can ? 404 : 403}: ${describeRes(atB, resB)}`);
      else if (can && !gotB.code.endsWith('NOT_FOUND')) failures.push(`${route} at B: code ${gotB.code}`);
      // The same request at ids that exist nowhere: the same answer, so B's ids reveal nothing.
      const atNowhere = spec.aim({ A, X: nowhere(), user, bystander });
      const gotNowhere = refusal(await send(t.http, user, atNowhere));
      if (JSON.stringify(gotB) !== JSON.stringify(gotNowhere)) failures.push(`${route}: B answers ${JSON.stringify(gotB)}, nowhere answers ${JSON.stringify(gotNowhere)}`);
      // The control, in A.
      const atA = spec.control ? await spec.control({ A, X: A, user, bystander }, make) : spec.aim({ A, X: A, user, bystander });
      const resA = await send(t.http, user, atA);
      const ok = resA.statusCode >= 200 && resA.statusCode < 300;
      if (can && !ok) failures.push(`${route} at A (control): expected 2xx: ${describeRes(atA, resA)}`);
      if (!can && resA.statusCode !== 403) failures.push(`${route} at A (control): expected 403 for ${role}: ${describeRes(atA, resA)}`);
    }
    expect(failures).toEqual([]);
    expect(await snapshotB()).toEqual(bBefore);
  });

  it.each(ROLES.map((r) => [r]))('%s of A: writes in A that refer to B’s records are refused like ids that exist nowhere', async (role) => {
    const user = users[role];
    const failures: string[] = [];
    for (const [name, { capability, req }] of Object.entries(CROSS)) {
      const can = roleCan(role, capability);
      const r = req(A, B);
      const res = await send(t.http, user, r);
      if (res.statusCode !== (can ? 404 : 403)) failures.push(`${name}: expected ${can ? 404 : 403}: ${describeRes(r, res)}`);
      const nowhereAnswer = refusal(await send(t.http, user, req(A, nowhere())));
      if (JSON.stringify(refusal(res)) !== JSON.stringify(nowhereAnswer)) failures.push(`${name}: B answers ${JSON.stringify(refusal(res))}, nowhere ${JSON.stringify(nowhereAnswer)}`);
      // The control: the same write referring to A's own records works.
      if (can) {
        const ok = await send(t.http, user, req(A, A));
        if (ok.statusCode < 200 || ok.statusCode > 299) failures.push(`${name} within A (control): ${describeRes(req(A, A), ok)}`);
      }
    }
    expect(failures).toEqual([]);
    expect(await snapshotB()).toEqual(bBefore);
  });

  it.each(ROLES.map((r) => [r]))('%s of A: lists, search and statistics without a collection filter show nothing of B', async (role) => {
    const user = users[role];
    const bIds = [B.collection, B.source, B.testimony, B.org, B.personActor, B.spareActor, B.incident, B.act, B.claim, B.person];
    for (const path of UNFILTERED(B)) {
      const res = await callAs(t.http, user, 'GET', path);
      expect(res.statusCode, `${path}: ${res.body}`).toBe(200);
      for (const id of bIds) expect(res.body, `${path} shows ${id} of B`).not.toContain(id);
      expect(res.body, `${path} shows a record of B`).not.toContain('Bravo');
    }
    // The control: the same lists do show A's records, and the admin (a member of both) sees B's.
    const mine = await callAs(t.http, user, 'GET', '/search?q=Shared&limit=100');
    expect(mine.body).toContain(A.incident);
    expect((await call(t.http, 'GET', '/search?q=Shared&limit=100')).body).toContain(B.incident);
    // Statistics without a filter are those of A alone, though B holds acts of the same kinds.
    const all = await callAs(t.http, user, 'GET', '/stats');
    const ofA = await callAs(t.http, user, 'GET', `/stats?collectionId=${A.collection}`);
    expect(all.json()).toEqual(ofA.json());
    expect((await call(t.http, 'GET', '/stats')).json()).not.toEqual(all.json());
    expect(await snapshotB()).toEqual(bBefore);
  });

  it('the refused attempts are in the audit log, as denied, naming B’s record', async () => {
    expect((await callAs(t.http, users.monitor, 'POST', `/persons/${B.person}/reveal`)).statusCode).toBe(404);
    const res = await call(t.http, 'GET', `/audit?actorId=${users.monitor.id}&outcome=denied&action=person.reveal&limit=100`);
    expect(res.statusCode, res.body).toBe(200);
    const rows = res.json<{ items: { entityId: string | null; details: Record<string, unknown> }[] }>().items;
    expect(rows.some((r) => r.entityId === B.person && r.details['code'] === 'PERSON_NOT_FOUND')).toBe(true);
  });

  it('a member of B alone reaches B and not A (the scope works both ways)', async () => {
    const res = await callAs(t.http, memberOfB, 'POST', `/persons/${B.person}/reveal`);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ identity: { names: [B.personName] } });
    expect((await callAs(t.http, memberOfB, 'POST', `/persons/${A.person}/reveal`)).statusCode).toBe(404);
    expect((await callAs(t.http, memberOfB, 'GET', `/sources/${A.source}`)).statusCode).toBe(404);
  });
});
