/**
 * 10,000 generated bad payloads per write route (fast-check): no 5xx, none accepted, nothing
 * written (docs/security.md: "malformed or hostile input").
 *
 * The write routes are read from the OpenAPI document: every operation with a JSON request body.
 * Each has a valid base body (BASES; a route without one fails the test), and a control sends
 * every base once and expects it to pass validation, so that the mutations below are what makes
 * a payload bad. A payload is one of:
 *  - the base with 1–3 mutations: a field replaced by a value of the wrong type, null, an empty
 *    or over-long string, a code outside its vocabulary, a non-UUID id, a date that does not
 *    exist, a number out of range, an array instead of an object, or arbitrary nested JSON; a
 *    required field deleted; an unknown key added (every schema is strict); a NUL character put
 *    into a text or a key; an array over its item limit;
 *  - a JSON value that is not an object;
 *  - the base's JSON text cut short (a proper prefix of an object's JSON is never valid JSON).
 * A mutated payload is sent only when the route's own JSON schema (from the OpenAPI document)
 * certainly refuses it (`certainlyInvalid`: every branch of the schema at some location refuses
 * the value there, checked conservatively) or it holds a NUL character (refused at the edge for
 * every route); otherwise an unknown key is added at the root. So every payload is invalid, and
 * "none accepted" is a real assertion.
 *
 * Per payload: a 4xx with the error body, never 2xx or 5xx (nor 401/403/404, which would refuse
 * the caller or the route instead of the body). Per route, after its run: every list total, the
 * audit log, the accounts, the members and each record the routes aim at are as before (edge
 * validation happens before any use case runs, so not even a refusal is audited).
 *
 * Speed: 24 routes × 10,000 payloads × 2 engines is 480,000 requests. They go through `inject`
 * with the admin's cookie and CSRF token, to a second HTTP instance of the same app that looks
 * the session up once instead of once per request (sessionCachingServer); each route's payloads
 * go to both engines at once, and several routes run at once. Measured on an idle 2-core machine:
 * about 80 s on SQLite alone, about 200 s on both engines.
 *
 * FUZZ_RUNS (env VIGIL_FUZZ_RUNS) may lower the count for local runs; CI always runs 10,000.
 */
import fc from 'fast-check';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it, type ExpectStatic } from 'vitest';
import type { VigilApp } from '../app/index.js';
import type { ActiveSession } from '../app/sessions.js';
import { testEngines, type TestEngine } from '../db/testing.js';
import { buildHttpApp } from './app.js';
import {
  authHeaders,
  buildTestHttp,
  call,
  create,
  createTestUser,
  incidentInput,
  placeIdByName,
  snapshotTotals,
  sourceInput,
  type TestHttp,
} from './testing.js';

const FUZZ_RUNS = process.env.CI === 'true' ? 10_000 : Number(process.env.VIGIL_FUZZ_RUNS ?? 10_000);
/** Per route: 10,000 payloads on both engines take about 30–45 s on an idle 2-core machine; CI machines are not idle. */
const ROUTE_TIMEOUT_MS = 20 * 60_000;

// ------------------------------------------------------------------------------ JSON values

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
type JsonObject = { [key: string]: Json };

const isObject = (v: unknown): v is JsonObject => typeof v === 'object' && v !== null && !Array.isArray(v);
const clone = <T extends Json>(v: T): T => JSON.parse(JSON.stringify(v)) as T;
const NUL = '\u0000';

/** Sets an own property, even `__proto__`, the way JSON.parse would. */
function setKey(o: JsonObject, key: string, value: Json): void {
  Object.defineProperty(o, key, { value, enumerable: true, writable: true, configurable: true });
}

function hasNul(v: Json): boolean {
  if (typeof v === 'string') return v.includes(NUL);
  if (Array.isArray(v)) return v.some(hasNul);
  if (isObject(v)) return Object.entries(v).some(([k, x]) => k.includes(NUL) || hasNul(x));
  return false;
}

function deepEqual(a: unknown, b: unknown): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

// --------------------------------------------------------- a conservative JSON-schema check

/** The subset of JSON Schema the OpenAPI document uses for request bodies (no $ref, allOf or oneOf). */
interface Schema {
  type?: string | string[];
  properties?: Record<string, Schema>;
  required?: string[];
  additionalProperties?: boolean | Schema;
  anyOf?: Schema[];
  oneOf?: Schema[];
  allOf?: Schema[];
  $ref?: string;
  enum?: Json[];
  const?: Json;
  maxLength?: number;
  minLength?: number;
  pattern?: string;
  minimum?: number;
  maximum?: number;
  exclusiveMinimum?: number;
  exclusiveMaximum?: number;
  items?: Schema;
  maxItems?: number;
  minItems?: number;
}

const patterns = new Map<string, RegExp>();
const patternOf = (source: string): RegExp => {
  let re = patterns.get(source);
  if (!re) patterns.set(source, (re = new RegExp(source)));
  return re;
};

const branchCache = new WeakMap<Schema, Schema[]>();
function branches(s: Schema): Schema[] {
  let bs = branchCache.get(s);
  if (!bs) branchCache.set(s, (bs = s.anyOf ?? s.oneOf ? (s.anyOf ?? s.oneOf ?? []).flatMap(branches) : [s]));
  return bs;
}

/** Equality of JSON values, cheap for the scalars enums and consts hold. */
const same = (a: Json, b: Json): boolean => a === b || (typeof a === 'object' && typeof b === 'object' && deepEqual(a, b));

function typeMatches(t: string, v: Json): boolean {
  switch (t) {
    case 'null':
      return v === null;
    case 'boolean':
      return typeof v === 'boolean';
    case 'number':
      return typeof v === 'number';
    case 'integer':
      return typeof v === 'number' && Number.isInteger(v);
    case 'string':
      return typeof v === 'string';
    case 'array':
      return Array.isArray(v);
    case 'object':
      return isObject(v);
    default:
      return true;
  }
}

/**
 * Whether one branch of a schema refuses a value for certain. Only structural facts count
 * (types, enums, required and unknown keys, lengths, patterns, ranges); where a schema could
 * transform the value first (zod trims lines) the length and pattern checks are skipped, and
 * anything unfamiliar ($ref, allOf) counts as "might accept".
 */
function branchRefuses(b: Schema, v: Json): boolean {
  if (b.allOf || b.$ref) return false;
  if (b.const !== undefined && !same(b.const, v)) return true;
  if (b.enum && !b.enum.some((e) => same(e, v))) return true;
  if (b.type !== undefined) {
    const types = Array.isArray(b.type) ? b.type : [b.type];
    if (!types.some((t) => typeMatches(t, v))) return true;
  }
  if (typeof v === 'string' && v === v.trim()) {
    if (b.maxLength !== undefined && v.length > b.maxLength) return true;
    if (b.minLength !== undefined && v.length < b.minLength) return true;
    if (b.pattern !== undefined && !patternOf(b.pattern).test(v)) return true;
  }
  if (typeof v === 'number') {
    if (b.maximum !== undefined && v > b.maximum) return true;
    if (b.minimum !== undefined && v < b.minimum) return true;
    if (b.exclusiveMaximum !== undefined && v >= b.exclusiveMaximum) return true;
    if (b.exclusiveMinimum !== undefined && v <= b.exclusiveMinimum) return true;
  }
  if (Array.isArray(v)) {
    if (b.maxItems !== undefined && v.length > b.maxItems) return true;
    if (b.minItems !== undefined && v.length < b.minItems) return true;
    if (b.items && v.some((x) => refuses(b.items as Schema, x))) return true;
  }
  if (isObject(v)) {
    const keys = Object.keys(v);
    if ((b.required ?? []).some((k) => !keys.includes(k))) return true;
    if (b.additionalProperties === false && keys.some((k) => !(b.properties && Object.hasOwn(b.properties, k)))) return true;
    for (const k of keys) {
      const p = b.properties?.[k];
      if (p && Object.hasOwn(b.properties ?? {}, k) && refuses(p, v[k] as Json)) return true;
    }
  }
  return false;
}

/** Every branch refuses the value: no reading of the schema can accept it. */
function refuses(s: Schema, v: Json): boolean {
  return branches(s).every((b) => branchRefuses(b, v));
}

/** Invalid for certain: the schema refuses it, or it holds a NUL (refused at the edge of every route). */
function certainlyInvalid(s: Schema, v: Json): boolean {
  return hasNul(v) || refuses(s, v);
}

// ---------------------------------------------------------------------------- mutations

/** A place in the base body where a mutation can act: a present value or an absent optional property. */
interface Site {
  readonly path: readonly (string | number)[];
  readonly schema: Schema;
  /** The property is in the schema but not in the base. */
  readonly absent: boolean;
  /** The property is required by its object. */
  readonly required: boolean;
  /** Values the schema here certainly refuses (computed once per route). */
  readonly invalid: readonly Json[];
}

/** The single object (or array) branch of a schema, when it has exactly one. */
const only = (s: Schema, type: 'object' | 'array'): Schema | undefined => {
  const bs = branches(s).filter((b) => b.type === type || (Array.isArray(b.type) && b.type.includes(type)));
  return bs.length === 1 ? bs[0] : undefined;
};

function sitesOf(schema: Schema, value: Json, path: (string | number)[] = [], required = false, out: Site[] = []): Site[] {
  out.push({ path, schema, absent: false, required, invalid: replacementPool(schema, value).filter((v) => refuses(schema, v)) });
  const obj = isObject(value) ? only(schema, 'object') : undefined;
  if (obj && isObject(value)) {
    for (const [k, p] of Object.entries(obj.properties ?? {})) {
      const req = (obj.required ?? []).includes(k);
      if (Object.hasOwn(value, k)) sitesOf(p, value[k] as Json, [...path, k], req, out);
      else out.push({ path: [...path, k], schema: p, absent: true, required: req, invalid: replacementPool(p, undefined).filter((v) => refuses(p, v)) });
    }
  }
  const arr = Array.isArray(value) ? only(schema, 'array') : undefined;
  if (arr?.items && Array.isArray(value)) value.forEach((x, i) => sitesOf(arr.items as Schema, x, [...path, i], false, out));
  return out;
}

/** Values to try in place of a field; those the field's schema certainly refuses are used. */
function replacementPool(s: Schema, current: Json | undefined): Json[] {
  const pool: Json[] = [null, true, false, 0, -1, 0.5, 1e12, -1e12, '', 'zzz_not_in_any_vocabulary', 'not-a-uuid', '2019-02-30', '19-1-1', [], {}, [1, 'a'], { unexpected: true }];
  if (current !== undefined) pool.push([current], String(JSON.stringify(current)));
  if (isObject(current)) pool.push([current, current]);
  for (const b of branches(s)) {
    if (b.maxLength !== undefined) pool.push('x'.repeat(b.maxLength + 1));
    if (b.maximum !== undefined) pool.push(b.maximum + 1);
    if (b.minimum !== undefined) pool.push(b.minimum - 1);
    if (b.enum) pool.push(`${String(b.enum[0])}_not_a_code`);
  }
  return pool;
}

interface MutationChoice {
  readonly site: number;
  readonly kind: number;
  readonly pick: number;
  readonly garbage: Json;
  readonly key: string;
}

const KINDS = ['replace', 'delete', 'unknown-key', 'nul', 'nul-key', 'too-many'] as const;

function parentAndKey(root: Json, path: readonly (string | number)[]): { parent: Json; key: string | number } | undefined {
  let cursor: Json = root;
  for (const step of path.slice(0, -1)) {
    if (Array.isArray(cursor) && typeof step === 'number' && step < cursor.length) cursor = cursor[step] as Json;
    else if (isObject(cursor) && typeof step === 'string' && Object.hasOwn(cursor, step)) cursor = cursor[step] as Json;
    else return undefined;
  }
  const key = path[path.length - 1];
  return key === undefined ? undefined : { parent: cursor, key };
}

/** Applies one mutation to `root` (in place where possible); returns the new root. */
function mutate(root: Json, sites: readonly Site[], m: MutationChoice): Json {
  const site = sites[m.site % sites.length] as Site;
  const kind = KINDS[m.kind % KINDS.length];
  const at = parentAndKey(root, site.path);
  const current: Json | undefined =
    site.path.length === 0 ? root : at && (Array.isArray(at.parent) || isObject(at.parent)) ? (at.parent as Record<string | number, Json>)[at.key] : undefined;
  const put = (v: Json | undefined): Json => {
    if (site.path.length === 0) return v === undefined ? root : v;
    if (!at) return root;
    if (Array.isArray(at.parent) && typeof at.key === 'number' && at.key < at.parent.length && v !== undefined) at.parent[at.key] = v;
    else if (isObject(at.parent) && typeof at.key === 'string') {
      if (v === undefined) delete at.parent[at.key];
      else setKey(at.parent, at.key, v);
    }
    return root;
  };
  switch (kind) {
    case 'delete':
      if (site.required && !site.absent) return put(undefined);
      break;
    case 'unknown-key':
      if (isObject(current)) {
        const known = Object.keys(only(site.schema, 'object')?.properties ?? {});
        const key = m.key && !known.includes(m.key) ? m.key : 'unknownField';
        setKey(current, key, m.garbage);
        return root;
      }
      break;
    case 'nul':
      if (typeof current === 'string') return put(current.slice(0, m.pick % (current.length + 1)) + NUL + current.slice(m.pick % (current.length + 1)));
      break;
    case 'nul-key':
      if (isObject(current)) {
        setKey(current, `${m.key}${NUL}`, m.garbage);
        return root;
      }
      break;
    case 'too-many': {
      const arr = only(site.schema, 'array');
      if (Array.isArray(current) && current.length > 0 && arr?.maxItems !== undefined && arr.maxItems <= 1000) {
        return put(Array.from({ length: arr.maxItems + 1 }, (_, i) => clone(current[i % current.length] as Json)));
      }
      break;
    }
  }
  // 'replace', and the fallback of a kind that does not fit the site.
  // Arbitrary nested garbage when the schema here refuses it, else a value from the site's pool.
  if (m.pick % 4 === 0 && refuses(site.schema, m.garbage)) return put(clone(m.garbage));
  if (site.invalid.length === 0) return root;
  return put(clone(site.invalid[m.pick % site.invalid.length] as Json));
}

type PayloadSpec =
  | { readonly kind: 'mutated'; readonly mutations: readonly MutationChoice[] }
  | { readonly kind: 'not-an-object'; readonly value: Json }
  | { readonly kind: 'truncated'; readonly at: number };

/** Small arbitrary JSON: scalars, strings of any code unit, short arrays and objects of them. */
const scalarArb: fc.Arbitrary<Json> = fc.oneof(
  fc.constant(null),
  fc.boolean(),
  fc.integer(),
  fc.double({ noNaN: true, noDefaultInfinity: true }),
  fc.string({ maxLength: 8, unit: 'binary' }),
);
const garbageArb: fc.Arbitrary<Json> = fc.oneof(
  { weight: 3, arbitrary: scalarArb },
  { weight: 1, arbitrary: fc.array(scalarArb, { maxLength: 3 }) },
  { weight: 1, arbitrary: fc.dictionary(fc.string({ maxLength: 6 }), scalarArb, { maxKeys: 3 }) as fc.Arbitrary<Json> },
);

const mutationArb: fc.Arbitrary<MutationChoice> = fc.record({
  site: fc.nat(),
  kind: fc.nat(),
  pick: fc.nat(),
  garbage: garbageArb,
  key: fc.string({ maxLength: 8 }),
});

const payloadArb: fc.Arbitrary<PayloadSpec> = fc.oneof(
  { weight: 8, arbitrary: fc.array(mutationArb, { minLength: 1, maxLength: 3 }).map((mutations) => ({ kind: 'mutated' as const, mutations })) },
  {
    weight: 1,
    arbitrary: (fc.jsonValue({ maxDepth: 3 }) as fc.Arbitrary<Json>).filter((v) => !isObject(v)).map((value) => ({ kind: 'not-an-object' as const, value })),
  },
  { weight: 1, arbitrary: fc.nat().map((at) => ({ kind: 'truncated' as const, at })) },
);

interface Built {
  readonly text: string;
  /** The mutations did not make the payload invalid by themselves: an unknown root key was added. */
  readonly fellBack: boolean;
}

function build(schema: Schema, base: JsonObject, sites: readonly Site[], spec: PayloadSpec): Built {
  if (spec.kind === 'not-an-object') return { text: JSON.stringify(spec.value), fellBack: false };
  if (spec.kind === 'truncated') {
    const full = JSON.stringify(base);
    return { text: full.slice(0, spec.at % full.length), fellBack: false };
  }
  let body: Json = clone(base);
  for (const m of spec.mutations) body = mutate(body, sites, m);
  if (certainlyInvalid(schema, body)) return { text: JSON.stringify(body), fellBack: false };
  const fixed: Json = isObject(body) ? body : clone(base);
  if (isObject(fixed)) setKey(fixed, 'fuzzUnknownKey', true);
  return { text: JSON.stringify(fixed), fellBack: true };
}

// ------------------------------------------------------------------------- the write routes

interface Ids {
  collection: string;
  source: string;
  incident: string;
  killing: string;
  claim: string;
  org: string;
  person: string;
  place: string;
  chechnya: string;
  vaultPerson: string;
  account: string;
}

interface Base {
  readonly path: string;
  readonly body: JsonObject;
}

/** A valid body for every write route, keyed by `METHOD /path` as the OpenAPI document names it. */
const BASES: Readonly<Record<string, (i: Ids) => Base>> = {
  'POST /api/v1/auth/setup': () => ({ path: '/auth/setup', body: { email: 'second-admin@vigil.test', password: 'a long passphrase for a second admin', displayName: 'Second' } }),
  'POST /api/v1/auth/sign-in': () => ({ path: '/auth/sign-in', body: { email: 'nobody@vigil.test', password: 'not the password of anyone', code: '000000' } }),
  'POST /api/v1/accounts': () => ({
    path: '/accounts',
    body: { email: 'fuzz-account@vigil.test', password: 'a long passphrase for fuzzing', displayName: 'Fuzz account', role: 'viewer' },
  }),
  'PATCH /api/v1/accounts/{id}': (i) => ({ path: `/accounts/${i.account}`, body: { displayName: 'Fuzz target', role: 'viewer', disabled: false } }),
  'POST /api/v1/collections/{id}/members': (i) => ({ path: `/collections/${i.collection}/members`, body: { userId: i.account } }),
  'POST /api/v1/persons': (i) => ({
    path: '/persons',
    body: {
      collectionId: i.collection,
      pseudonym: 'Witness F',
      names: ['Ivan Fuzzov'],
      aliases: ['Vanya'],
      birthDate: '1990-05-17',
      contacts: ['+7 900 000 00 00'],
      address: 'Grozny',
      notes: 'met in 2019',
    },
  }),
  'PATCH /api/v1/persons/{id}': (i) => ({
    path: `/persons/${i.vaultPerson}`,
    body: { pseudonym: 'Witness G', identity: { names: ['Petr Fuzzov'], aliases: [], birthDate: null, contacts: ['fuzz@example.org'], address: null, notes: 'n' } },
  }),
  'POST /api/v1/collections': () => ({ path: '/collections', body: { name: 'Fuzz collection', description: 'made by the fuzz control' } }),
  'PATCH /api/v1/collections/{id}': (i) => ({ path: `/collections/${i.collection}`, body: { name: 'Default', description: 'the default collection' } }),
  'POST /api/v1/sources': (i) => ({ path: '/sources', body: { ...sourceInput({ collectionId: i.collection, author: 'A. Reporter', obtainedAt: '2019-01-15', notes: 'n' }) } as JsonObject }),
  'PATCH /api/v1/sources/{id}': (i) => ({
    path: `/sources/${i.source}`,
    body: { ...sourceInput({ author: 'A. Reporter', obtainedAt: '2019-01-15', notes: 'n' }) } as JsonObject,
  }),
  'POST /api/v1/sources/{id}/review': (i) => ({ path: `/sources/${i.source}/review`, body: { decision: 'accepted' } }),
  'POST /api/v1/incidents': (i) => ({
    path: '/incidents',
    body: incidentInput({
      collectionId: i.collection,
      placeId: i.chechnya,
      reviewDecision: null,
      review: 'accepted',
      acts: [
        {
          type: 'killing',
          victims: 'detainees',
          perpetrators: 'police',
          date: { start: '2019-01-01', end: '2019-01-31', precision: 'month' },
          placeId: i.chechnya,
          involvements: [{ actorId: i.org, degree: 'ordered' }],
        },
      ],
    }) as JsonObject,
  }),
  'PATCH /api/v1/incidents/{id}': (i) => ({
    path: `/incidents/${i.incident}`,
    body: {
      title: 'Detentions of LGBT people in Chechnya, winter 2018–2019',
      summary: 's',
      date: { start: '2018-12-21', end: '2019-01-31', precision: 'month' },
      placeId: i.chechnya,
      tags: ['lgbt'],
      acts: [{ id: i.killing, type: 'killing', victims: 'detainees', involvements: [{ actorId: i.org, degree: 'direct' }] }],
      reviewDecision: null,
    },
  }),
  'POST /api/v1/incidents/{id}/review': (i) => ({ path: `/incidents/${i.incident}/review`, body: { decision: 'accepted' } }),
  'POST /api/v1/claims': (i) => ({
    path: '/claims',
    body: {
      sourceId: i.source,
      incidentId: i.incident,
      actId: i.killing,
      speakerId: i.person,
      speakerRole: 'a witness',
      relayId: i.org,
      stance: 'alleges',
      about: 'two killed',
      quote: 'At least 2 people were killed',
      asserts: { count: { qualifier: 'at_least', value: 2 }, date: { start: '2019-01-01', end: '2019-01-31', precision: 'month' }, placeId: i.chechnya, perpetratorId: i.org },
      evidence: { start: 0, end: 29 },
      credibility: '2',
      review: 'accepted',
    },
  }),
  'PATCH /api/v1/claims/{id}': (i) => ({
    path: `/claims/${i.claim}`,
    body: { incidentId: i.incident, actId: i.killing, stance: 'alleges', about: 'two killed', quote: 'q', asserts: { count: { qualifier: 'range', min: 1, max: 3 } }, credibility: null },
  }),
  'POST /api/v1/claims/{id}/review': (i) => ({ path: `/claims/${i.claim}/review`, body: { decision: 'accepted' } }),
  'POST /api/v1/extract': () => ({
    path: '/extract',
    body: { text: 'At least 2 people were killed, the Russian LGBT Network said.', published: '2019-01-14', outlet: 'Novaya Gazeta', title: 'T', url: 'https://example.org/a' },
  }),
  'POST /api/v1/sources/ingest': (i) => ({
    path: '/sources/ingest',
    body: {
      collectionId: i.collection,
      text: 'Police detained 12 people in Grozny on Monday, the Russian LGBT Network said.',
      published: '2019-01-14',
      outlet: 'Novaya Gazeta',
      title: 'Detentions in Grozny',
      url: 'https://example.org/b',
      kind: 'news_article',
      language: 'en',
    },
  }),
  'POST /api/v1/actors': (i) => ({
    path: '/actors',
    body: { collectionId: i.collection, kind: 'organisation', name: 'Fuzz unit', nameRu: 'Отряд', organisationType: 'police', parentId: i.org, role: null, notes: 'n' },
  }),
  'PATCH /api/v1/actors/{id}': (i) => ({ path: `/actors/${i.org}`, body: { name: 'Russian LGBT Network', nameRu: 'Российская ЛГБТ-сеть', organisationType: 'ngo', parentId: null, role: null, notes: '' } }),
  'POST /api/v1/places': (i) => ({ path: '/places', body: { kind: 'locality', nameEn: 'Fuzzville', nameRu: 'Фаззвиль', parentId: i.chechnya, latitude: 43.3, longitude: 45.7 } }),
  'PATCH /api/v1/places/{id}': (i) => ({ path: `/places/${i.place}`, body: { nameEn: 'Argun', nameRu: 'Аргун', latitude: 43.29, longitude: 45.87 } }),
};

interface OpenApiDoc {
  paths: Record<string, Record<string, { requestBody?: { content: Record<string, { schema: Schema }> } }>>;
}

/** What must not change while bad payloads are sent: totals, the audit log, and every record aimed at. */
async function snapshot(http: FastifyInstance, ids: Ids): Promise<unknown> {
  const get = async (path: string) => {
    const res = await call(http, 'GET', path);
    if (res.statusCode !== 200) throw new Error(`GET ${path} → ${res.statusCode}: ${res.body}`);
    return res.json<unknown>();
  };
  const audit = await get('/audit?limit=1');
  return {
    totals: await snapshotTotals(http),
    persons: await get('/persons?limit=100'),
    accounts: await get('/accounts?limit=100'),
    members: await get(`/collections/${ids.collection}/members`),
    audit,
    records: await Promise.all(
      [`/collections/${ids.collection}`, `/sources/${ids.source}`, `/incidents/${ids.incident}`, `/claims/${ids.claim}`, `/actors/${ids.org}`, `/actors/${ids.person}`, `/places/${ids.place}`].map(get),
    ),
  };
}

interface ErrorJson {
  error: { code: string; message: string; fields: { path: string; message: string }[] };
}

/** Every operation of the OpenAPI document with a JSON request body. */
function writeRoutes(doc: OpenApiDoc): { key: string; schema: Schema }[] {
  return Object.entries(doc.paths)
    .flatMap(([path, ops]) => Object.entries(ops).map(([method, op]) => ({ key: `${method.toUpperCase()} ${path}`, schema: op.requestBody?.content['application/json']?.schema })))
    .filter((r): r is { key: string; schema: Schema } => r.schema !== undefined);
}

/** One engine's server, with the records the bases aim at. */
interface Fixture {
  readonly engine: TestEngine['name'];
  readonly t: TestHttp;
  readonly ids: Ids;
  readonly routes: readonly { key: string; schema: Schema }[];
  /** After the control: what no bad payload may change. */
  readonly before: unknown;
  /** Where the bad payloads go: the same app, the session looked up once (see sessionCachingServer). */
  readonly fuzzHttp: FastifyInstance;
  /** Time spent sending payloads, per route (routes overlap: see the note on concurrency). */
  readonly timings: string[];
}

async function setUp(engine: TestEngine): Promise<Fixture> {
  const t = await buildTestHttp({ engine });
  const { http } = t;
  const collection = (await t.app.ensureDefaultCollection()).id;
  const chechnya = await placeIdByName(http, 'Chechnya', 'RU-CE');
  const org = await create(http, '/actors', { kind: 'organisation', name: 'Russian LGBT Network', organisationType: 'ngo' });
  const person = await create(http, '/actors', { kind: 'person', name: 'Witness', parentId: org.id });
  const source = await create(http, '/sources', sourceInput());
  const incident = await create<{ acts: { id: string; type: string }[] }>(http, '/incidents', incidentInput());
  const killing = incident.acts.find((a) => a.type === 'killing')?.id ?? '';
  const claim = await create(http, '/claims', { sourceId: source.id, incidentId: incident.id, actId: killing, stance: 'alleges', about: 'killed' });
  const place = await create(http, '/places', { kind: 'locality', nameEn: 'Argun', parentId: chechnya });
  const vaultPerson = await create(http, '/persons', { pseudonym: 'Witness V', names: ['Vault Person'] });
  const account = await createTestUser(t, 'monitor', [collection]);
  const ids: Ids = { collection, source: source.id, incident: incident.id, killing, claim: claim.id, org: org.id, person: person.id, place: place.id, chechnya, vaultPerson: vaultPerson.id, account: account.id };
  const routes = writeRoutes((await call(http, 'GET', '/openapi.json')).json<OpenApiDoc>());

  // The control: every write route has a base body, the checker that vouches for the bad
  // payloads accepts it, and so does the server. Its writes come before the "before" snapshot.
  expect(routes.length).toBeGreaterThanOrEqual(20);
  // A new write route must get a base body here; a removed one must leave.
  expect(routes.map((r) => r.key).sort()).toEqual(Object.keys(BASES).sort());
  for (const { key, schema } of routes) {
    const base = (BASES[key] as (i: Ids) => Base)(ids);
    expect(refuses(schema, base.body), `${key}: the base body breaks the route's own schema`).toBe(false);
    const res = await call(http, key.split(' ')[0] as 'POST' | 'PATCH', base.path, base.body);
    // Set-up is done already (409) and nobody has this sign-in (401): both got past validation.
    const expected = key === 'POST /api/v1/auth/setup' ? [409] : key === 'POST /api/v1/auth/sign-in' ? [401] : [200, 201];
    expect(expected, `${engine.name}: ${key} → ${res.statusCode}: ${res.body}`).toContain(res.statusCode);
  }
  return { engine: engine.name, t, ids, routes, before: await snapshot(http, ids), fuzzHttp: await sessionCachingServer(t.app), timings: [] };
}

/**
 * The same app behind a second HTTP instance whose session lookups are remembered: the admin's
 * cookie and CSRF token still go through the real check (cookie, Origin, CSRF), but the session
 * row is read once, not once per payload. Bad payloads are refused at the edge, before any use
 * case; without this, reading the session would be a third of the work (and the database's only
 * work) of every one of the 480,000 requests. Built after the control, whose writes change the
 * admin's memberships; sessions themselves are tested in session.test.ts.
 */
async function sessionCachingServer(app: VigilApp): Promise<FastifyInstance> {
  const seen = new Map<string, Promise<ActiveSession | undefined>>();
  const resume = (id: string): Promise<ActiveSession | undefined> => {
    let session = seen.get(id);
    if (!session) seen.set(id, (session = app.auth.resume(id)));
    return session;
  };
  return buildHttpApp({ app: { ...app, auth: { ...app.auth, resume } } });
}

/** Statuses that refuse the caller or the route rather than the body. */
const NOT_ABOUT_THE_PAYLOAD = [401, 403, 404, 405];

/** Sends FUZZ_RUNS bad payloads to one route of one engine's server. */
async function fuzzRoute(f: Fixture, key: string, expect: ExpectStatic): Promise<void> {
  const route = f.routes.find((r) => r.key === key);
  if (!route) throw new Error(`${key} is not in the OpenAPI document`);
  const base = (BASES[key] as (i: Ids) => Base)(f.ids);
  const method = key.split(' ')[0] as 'POST' | 'PATCH';
  const url = `/api/v1${base.path}`;
  const sites = sitesOf(route.schema, base.body);
  const headers = { ...authHeaders(f.t.http), 'content-type': 'application/json' };
  const statuses = new Map<number, number>();
  let fellBack = 0;
  const t0 = performance.now();
  await fc.assert(
    fc.asyncProperty(payloadArb, async (spec) => {
      const built = build(route.schema, base.body, sites, spec);
      if (built.fellBack) fellBack++;
      const res = await f.fuzzHttp.inject({ method, url, headers, payload: built.text });
      statuses.set(res.statusCode, (statuses.get(res.statusCode) ?? 0) + 1);
      // A 4xx, never 2xx or 5xx; and not a refusal of the session or the route, which would
      // make the run say nothing about the payloads.
      if (res.statusCode < 400 || res.statusCode > 499 || NOT_ABOUT_THE_PAYLOAD.includes(res.statusCode)) {
        throw new Error(`${f.engine}: ${res.statusCode} for ${built.text.slice(0, 500)}: ${res.body.slice(0, 300)}`);
      }
      const code = (JSON.parse(res.body) as ErrorJson).error?.code;
      if (!/^[A-Z_]+$/.test(code ?? '')) throw new Error(`${f.engine}: no error code in ${res.body.slice(0, 300)}`);
    }),
    { numRuns: FUZZ_RUNS },
  );
  const ms = performance.now() - t0;
  f.timings.push(`${key}: ${(ms / 1000).toFixed(1)} s, statuses ${JSON.stringify(Object.fromEntries(statuses))}, fallbacks ${fellBack}`);
  // The mutations themselves make payloads bad: the unknown-key fallback stays rare.
  expect(fellBack, `${f.engine}: ${key}`).toBeLessThan(FUZZ_RUNS * 0.1);
  expect(await snapshot(f.t.http, f.ids), `${f.engine}: ${key} wrote something`).toEqual(f.before);
}

/**
 * One suite for every engine: each route's payloads go to SQLite and PostgreSQL at once, and
 * several routes run at once (vitest's maxConcurrency). Nothing here writes after the control,
 * so the runs cannot disturb each other; on PostgreSQL the waits for the database overlap with
 * the work on SQLite.
 */
describe(`${FUZZ_RUNS} bad payloads per write route on ${testEngines()
  .map((e) => e.name)
  .join(' and ')}`, () => {
  const fixtures: Fixture[] = [];
  let started = 0;
  let cpuStarted: NodeJS.CpuUsage;

  beforeAll(async () => {
    started = performance.now();
    cpuStarted = process.cpuUsage();
    for (const engine of testEngines()) fixtures.push(await setUp(engine));
  }, 300_000);

  afterAll(async () => {
    for (const f of fixtures) {
      await f.fuzzHttp.close();
      await f.t.close();
    }
    const cpu = process.cpuUsage(cpuStarted);
    console.log(
      [
        `[fuzz] ${FUZZ_RUNS} payloads per route: ${((performance.now() - started) / 1000).toFixed(1)} s wall for the file, ${((cpu.user + cpu.system) / 1e6).toFixed(1)} s CPU of this process`,
        ...fixtures.flatMap((f) => [`  ${f.engine}: ${f.timings.length} routes (each route's time overlaps the others')`, ...f.timings.map((x) => `    ${x}`)]),
      ].join('\n'),
    );
  });

  it('the checker refuses plainly bad bodies, accepts good ones, and the builder makes only payloads it refuses', () => {
    const f = fixtures[0] as Fixture;
    const { schema } = f.routes.find((r) => r.key === 'POST /api/v1/incidents') as { schema: Schema };
    const base = (BASES['POST /api/v1/incidents'] as (i: Ids) => Base)(f.ids).body;
    expect(refuses(schema, base)).toBe(false);
    expect(refuses(schema, { ...base, tags: ['x'], summary: '', placeId: null })).toBe(false);
    expect(refuses(schema, { ...base, title: 42 })).toBe(true);
    expect(refuses(schema, { ...base, title: null })).toBe(true);
    expect(refuses(schema, { ...base, title: 'x'.repeat(501) })).toBe(true);
    expect(refuses(schema, { ...base, acts: [{ type: 'zzz' }] })).toBe(true);
    expect(refuses(schema, { ...base, acts: [{}] })).toBe(true);
    expect(refuses(schema, { ...base, placeId: 'not-a-uuid' })).toBe(true);
    expect(refuses(schema, { ...base, date: [base['date'] as Json] })).toBe(true);
    expect(refuses(schema, { ...base, surprise: 1 })).toBe(true);
    expect(refuses(schema, [base])).toBe(true);
    // Where zod may transform first (it trims lines), length is not held against a value.
    expect(refuses(schema, { ...base, title: ` ${'x'.repeat(500)} ` })).toBe(false);
    for (const { key, schema: s } of f.routes) {
      const b = (BASES[key] as (i: Ids) => Base)(f.ids).body;
      const sites = sitesOf(s, b);
      fc.assert(
        fc.property(payloadArb, (spec) => {
          const { text } = build(s, b, sites, spec);
          let parsed: Json;
          try {
            parsed = JSON.parse(text) as Json;
          } catch {
            return; // not JSON at all
          }
          expect(certainlyInvalid(s, parsed)).toBe(true);
        }),
        { numRuns: 200 },
      );
    }
  });

  it.concurrent.for(Object.keys(BASES))('%s: 4xx for every payload, nothing written', { timeout: ROUTE_TIMEOUT_MS }, async (key, { expect }) => {
    expect(fixtures.length).toBe(testEngines().length);
    await Promise.all(fixtures.map((f) => fuzzRoute(f, key, expect)));
  });
});
