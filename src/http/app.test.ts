import { Writable } from 'node:stream';
import fc from 'fast-check';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ACT_TYPES, COUNT_QUALIFIERS, CREDIBILITY, DATE_PRECISIONS, STANCES } from '../core/vocabularies.js';
import { testEngines, type TestEngine } from '../db/testing.js';
import { SECURITY_HEADERS } from './app.js';
import {
  authHeaders,
  buildTestHttp,
  call,
  create,
  incidentInput,
  placeIdByName,
  snapshotTotals,
  sourceInput,
  totalOf,
  type TestHttp,
} from './testing.js';

interface ErrorJson {
  error: { code: string; message: string; fields: { path: string; message: string }[] };
}
interface IncidentJson {
  id: string;
  title: string;
  acts: { id: string; type: string }[];
}

const MISSING = '01900000-0000-7000-8000-000000000000';

interface Ids {
  source: string;
  shortSource: string;
  incident: string;
  killing: string;
  otherIncidentAct: string;
  person: string;
  org: string;
  chechnya: string;
  collection: string;
}


interface BadCase {
  readonly name: string;
  readonly method: 'GET' | 'POST' | 'PATCH' | 'DELETE';
  readonly path: (i: Ids) => string;
  /** A JSON body, or raw bytes with a content type. */
  readonly body?: (i: Ids) => unknown;
  readonly raw?: { payload: string; contentType?: string };
  readonly status: number;
  readonly code: string;
  /** A path `error.fields` must name. */
  readonly field?: string;
}

const claim = (i: Ids, over: Record<string, unknown> = {}) => ({ sourceId: i.source, incidentId: i.incident, stance: 'alleges', about: 'x', ...over });

const BAD_INPUT: readonly BadCase[] = [
  // Wrong types and shapes.
  { name: 'title is a number', method: 'POST', path: () => '/incidents', body: () => ({ title: 42 }), status: 400, code: 'VALIDATION_FAILED', field: 'title' },
  { name: 'title is blank', method: 'POST', path: () => '/incidents', body: () => ({ title: '   ' }), status: 400, code: 'VALIDATION_FAILED', field: 'title' },
  { name: 'acts is a string', method: 'POST', path: () => '/incidents', body: () => ({ title: 'x', acts: 'killing' }), status: 400, code: 'VALIDATION_FAILED', field: 'acts' },
  { name: 'tags hold numbers', method: 'POST', path: () => '/incidents', body: () => ({ title: 'x', tags: [1] }), status: 400, code: 'VALIDATION_FAILED', field: 'tags.0' },
  { name: 'the body is an array', method: 'POST', path: () => '/sources', body: () => [sourceInput()], status: 400, code: 'VALIDATION_FAILED', field: '(root)' },
  { name: 'the body is null', method: 'POST', path: () => '/claims', raw: { payload: 'null', contentType: 'application/json' }, status: 400, code: 'VALIDATION_FAILED', field: '(root)' },
  { name: 'no body at all', method: 'POST', path: () => '/actors', status: 400, code: 'VALIDATION_FAILED', field: '(root)' },
  { name: 'a negative count', method: 'POST', path: () => '/claims', body: (i) => claim(i, { asserts: { count: { qualifier: 'exact', value: -1 } } }), status: 400, code: 'VALIDATION_FAILED', field: 'asserts.count.value' },
  { name: 'a range without max', method: 'POST', path: () => '/claims', body: (i) => claim(i, { asserts: { count: { qualifier: 'range', min: 1 } } }), status: 400, code: 'VALIDATION_FAILED', field: 'asserts.count.max' },
  { name: 'a javascript: URL', method: 'POST', path: () => '/sources', body: () => sourceInput({ url: 'javascript:alert(1)' }), status: 400, code: 'VALIDATION_FAILED', field: 'url' },
  // Unknown vocabulary codes.
  { name: "act type 'zzz'", method: 'POST', path: () => '/incidents', body: () => ({ title: 'x', acts: [{ type: 'zzz' }] }), status: 400, code: 'VALIDATION_FAILED', field: 'acts.0.type' },
  { name: "stance 'zzz'", method: 'POST', path: () => '/claims', body: (i) => claim(i, { stance: 'zzz' }), status: 400, code: 'VALIDATION_FAILED', field: 'stance' },
  { name: "qualifier 'lots'", method: 'POST', path: () => '/claims', body: (i) => claim(i, { asserts: { count: { qualifier: 'lots', value: 3 } } }), status: 400, code: 'VALIDATION_FAILED', field: 'asserts.count.qualifier' },
  { name: "source kind 'blog'", method: 'POST', path: () => '/sources', body: () => sourceInput({ kind: 'blog' }), status: 400, code: 'VALIDATION_FAILED', field: 'kind' },
  { name: "reliability 'Z'", method: 'POST', path: () => '/sources', body: () => sourceInput({ reliability: 'Z' }), status: 400, code: 'VALIDATION_FAILED', field: 'reliability' },
  { name: "degree 'mastermind'", method: 'POST', path: () => '/incidents', body: (i) => ({ title: 'x', acts: [{ type: 'killing', involvements: [{ actorId: i.org, degree: 'mastermind' }] }] }), status: 400, code: 'VALIDATION_FAILED', field: 'acts.0.involvements.0.degree' },
  // Dates.
  { name: 'date end before start', method: 'POST', path: () => '/incidents', body: () => ({ title: 'x', date: { start: '2019-02-01', end: '2019-01-01', precision: 'day' } }), status: 400, code: 'VALIDATION_FAILED', field: 'date.end' },
  { name: 'a day that does not exist', method: 'POST', path: () => '/incidents', body: () => ({ title: 'x', date: { start: '2019-02-29', end: '2019-02-29', precision: 'day' } }), status: 400, code: 'VALIDATION_FAILED', field: 'date.start' },
  { name: 'an act date end before start', method: 'POST', path: () => '/incidents', body: () => ({ title: 'x', acts: [{ type: 'killing', date: { start: '2019-02-01', end: '2019-01-01', precision: 'month' } }] }), status: 400, code: 'VALIDATION_FAILED', field: 'acts.0.date.end' },
  // References to records that do not exist.
  { name: 'a claim on a missing incident', method: 'POST', path: () => '/claims', body: (i) => claim(i, { incidentId: MISSING }), status: 404, code: 'INCIDENT_NOT_FOUND', field: 'incidentId' },
  { name: 'a claim citing a missing source', method: 'POST', path: () => '/claims', body: (i) => claim(i, { sourceId: MISSING }), status: 404, code: 'SOURCE_NOT_FOUND', field: 'sourceId' },
  { name: "a claim on another incident's act", method: 'POST', path: () => '/claims', body: (i) => claim(i, { actId: i.otherIncidentAct }), status: 404, code: 'ACT_NOT_FOUND', field: 'actId' },
  { name: 'a claim by a missing speaker', method: 'POST', path: () => '/claims', body: (i) => claim(i, { speakerId: MISSING }), status: 404, code: 'ACTOR_NOT_FOUND', field: 'speakerId' },
  { name: 'an incident in a missing place', method: 'POST', path: () => '/incidents', body: () => ({ title: 'x', placeId: MISSING }), status: 404, code: 'PLACE_NOT_FOUND', field: 'placeId' },
  { name: 'an act by a missing perpetrator', method: 'POST', path: () => '/incidents', body: () => ({ title: 'x', acts: [{ type: 'killing', involvements: [{ actorId: MISSING }] }] }), status: 404, code: 'ACTOR_NOT_FOUND', field: 'acts.0.involvements.0.actorId' },
  { name: 'a person as a parent', method: 'POST', path: () => '/actors', body: (i) => ({ kind: 'organisation', name: 'Unit', parentId: i.person }), status: 400, code: 'VALIDATION_FAILED', field: 'parentId' },
  { name: 'evidence beyond the source text', method: 'POST', path: () => '/claims', body: (i) => claim(i, { sourceId: i.shortSource, evidence: { start: 0, end: 500 } }), status: 400, code: 'VALIDATION_FAILED', field: 'evidence.end' },
  { name: 'an id that is not a UUID in the body', method: 'POST', path: () => '/claims', body: (i) => claim(i, { sourceId: 'abc' }), status: 400, code: 'VALIDATION_FAILED', field: 'sourceId' },
  // Unknown fields.
  { name: 'an unknown field', method: 'POST', path: () => '/sources', body: () => sourceInput({ secret: 'x' }), status: 400, code: 'VALIDATION_FAILED', field: 'secret' },
  { name: 'an unknown nested field', method: 'POST', path: () => '/incidents', body: () => ({ title: 'x', acts: [{ type: 'killing', victimNames: 'A, B' }] }), status: 400, code: 'VALIDATION_FAILED', field: 'acts.0.victimNames' },
  { name: 'an unknown field in a patch', method: 'PATCH', path: (i) => `/incidents/${i.incident}`, body: () => ({ collectionId: MISSING }), status: 400, code: 'VALIDATION_FAILED', field: 'collectionId' },
  { name: 'a bad act in a patch', method: 'PATCH', path: (i) => `/incidents/${i.incident}`, body: () => ({ title: 'changed', acts: [{ type: 'zzz' }] }), status: 400, code: 'VALIDATION_FAILED', field: 'acts.0.type' },
  { name: 'a patch naming an act of another incident', method: 'PATCH', path: (i) => `/incidents/${i.incident}`, body: (i) => ({ title: 'changed', acts: [{ id: i.otherIncidentAct, type: 'killing' }] }), status: 404, code: 'ACT_NOT_FOUND', field: 'acts.0.id' },
  // Ids in the path that are not UUIDs: 400, the same for every route.
  { name: 'GET /incidents/123', method: 'GET', path: () => '/incidents/123', status: 400, code: 'VALIDATION_FAILED', field: 'id' },
  { name: 'PATCH /sources/abc', method: 'PATCH', path: () => '/sources/abc', body: () => ({ title: 'x' }), status: 400, code: 'VALIDATION_FAILED', field: 'id' },
  { name: 'DELETE /claims/xyz', method: 'DELETE', path: () => '/claims/xyz', status: 400, code: 'VALIDATION_FAILED', field: 'id' },
  { name: 'DELETE /actors/1', method: 'DELETE', path: () => '/actors/1', status: 400, code: 'VALIDATION_FAILED', field: 'id' },
  { name: 'POST /claims/nope/review', method: 'POST', path: () => '/claims/nope/review', body: () => ({ decision: 'accepted' }), status: 400, code: 'VALIDATION_FAILED', field: 'id' },
  { name: 'a UUID that names nothing', method: 'GET', path: () => `/claims/${MISSING}`, status: 404, code: 'CLAIM_NOT_FOUND' },
  // Bad query strings.
  { name: 'limit=0', method: 'GET', path: () => '/incidents?limit=0', status: 400, code: 'VALIDATION_FAILED', field: 'limit' },
  { name: 'limit=abc', method: 'GET', path: () => '/sources?limit=abc', status: 400, code: 'VALIDATION_FAILED', field: 'limit' },
  { name: 'offset=-1', method: 'GET', path: () => '/actors?offset=-1', status: 400, code: 'VALIDATION_FAILED', field: 'offset' },
  { name: 'actType=zzz', method: 'GET', path: () => '/incidents?actType=zzz', status: 400, code: 'VALIDATION_FAILED', field: 'actType' },
  { name: 'stance=zzz', method: 'GET', path: () => '/claims?stance=zzz', status: 400, code: 'VALIDATION_FAILED', field: 'stance' },
  { name: 'collectionId=nope', method: 'GET', path: () => '/incidents?collectionId=nope', status: 400, code: 'VALIDATION_FAILED', field: 'collectionId' },
  // Text no engine should store: PostgreSQL refuses NUL in text columns.
  { name: 'a NUL character in a title', method: 'POST', path: () => '/incidents', body: () => ({ title: 'a\u0000b' }), status: 400, code: 'VALIDATION_FAILED', field: 'title' },
  { name: 'a NUL character in a nested field', method: 'POST', path: () => '/claims', body: (i) => claim(i, { asserts: { count: { qualifier: 'unspecified' } }, quote: 'x\u0000' }), status: 400, code: 'VALIDATION_FAILED', field: 'quote' },
  { name: 'a NUL character in a query string', method: 'GET', path: () => '/actors?name=a%00b', status: 400, code: 'VALIDATION_FAILED', field: 'name' },
  { name: 'a NUL character in a search', method: 'GET', path: () => '/search?q=%00', status: 400, code: 'VALIDATION_FAILED', field: 'q' },
  // Bodies that are not JSON objects Fastify can read.
  { name: 'deeply nested arrays', method: 'POST', path: () => '/incidents', raw: { payload: '['.repeat(50_000) + ']'.repeat(50_000), contentType: 'application/json' }, status: 400, code: 'VALIDATION_FAILED', field: '(root)' },
  { name: 'deeply nested objects', method: 'POST', path: () => '/claims', raw: { payload: '{"a":'.repeat(50_000) + '1' + '}'.repeat(50_000), contentType: 'application/json' }, status: 400, code: 'VALIDATION_FAILED', field: 'a' },
  { name: 'malformed JSON', method: 'POST', path: () => '/incidents', raw: { payload: '{"title": "x",', contentType: 'application/json' }, status: 400, code: 'MALFORMED_JSON' },
  { name: 'an empty JSON body', method: 'POST', path: () => '/incidents', raw: { payload: '', contentType: 'application/json' }, status: 400, code: 'MALFORMED_JSON' },
  { name: 'prototype poisoning', method: 'POST', path: () => '/incidents', raw: { payload: '{"title":"x","__proto__":{"admin":true}}', contentType: 'application/json' }, status: 400, code: 'MALFORMED_JSON' },
  { name: 'text/plain', method: 'POST', path: () => '/incidents', raw: { payload: '{"title":"x"}', contentType: 'text/plain' }, status: 415, code: 'UNSUPPORTED_MEDIA_TYPE' },
  { name: 'a form', method: 'POST', path: () => '/sources', raw: { payload: 'kind=other&title=x', contentType: 'application/x-www-form-urlencoded' }, status: 415, code: 'UNSUPPORTED_MEDIA_TYPE' },
  { name: 'an oversized body', method: 'POST', path: () => '/sources', body: () => sourceInput({ text: 'x'.repeat(6 * 1024 * 1024) }), status: 413, code: 'PAYLOAD_TOO_LARGE' },
  { name: 'an unknown route', method: 'GET', path: () => '/secrets', status: 404, code: 'ROUTE_NOT_FOUND' },
  { name: 'an unknown method on a known path', method: 'DELETE', path: () => '/vocabularies', status: 404, code: 'ROUTE_NOT_FOUND' },
];

async function send(http: FastifyInstance, c: BadCase, ids: Ids) {
  const url = `/api/v1${c.path(ids)}`;
  if (c.raw) {
    const headers = c.raw.contentType ? { 'content-type': c.raw.contentType } : {};
    return http.inject({ method: c.method, url, headers: { ...authHeaders(http), ...headers }, payload: c.raw.payload });
  }
  const body = c.body?.(ids);
  return http.inject({ method: c.method, url, headers: authHeaders(http), ...(body === undefined ? {} : { payload: body as object }) });
}

const EXPECTED_ROUTES = [
  ...['collections', 'sources', 'incidents', 'claims', 'actors', 'places'].flatMap((area) => [
    `post /api/v1/${area}`,
    `get /api/v1/${area}`,
    `get /api/v1/${area}/{id}`,
    `patch /api/v1/${area}/{id}`,
    `delete /api/v1/${area}/{id}`,
  ]),
  'post /api/v1/claims/{id}/review',
  'post /api/v1/incidents/{id}/review',
  'post /api/v1/sources/{id}/review',
  'post /api/v1/extract',
  'post /api/v1/sources/ingest',
  'get /api/v1/vocabularies',
  'get /api/v1/vocabularies/{id}',
  'get /api/v1/search',
  'get /api/v1/stats',
  'get /api/v1/auth/state',
  'post /api/v1/auth/setup',
  'post /api/v1/auth/sign-in',
  'post /api/v1/auth/sign-out',
  'post /api/v1/auth/sign-out-everywhere',
  'post /api/v1/accounts',
  'get /api/v1/accounts',
  'patch /api/v1/accounts/{id}',
  'get /api/v1/collections/{id}/members',
  'post /api/v1/collections/{id}/members',
  'delete /api/v1/collections/{id}/members/{userId}',
  'post /api/v1/persons',
  'get /api/v1/persons',
  'get /api/v1/persons/find',
  'post /api/v1/persons/{id}/reveal',
  'patch /api/v1/persons/{id}',
  'delete /api/v1/persons/{id}',
  'get /api/v1/audit',
  'get /api/v1/audit/verify',
  'post /api/v1/sources/{id}/reveal',
].sort();

interface OpenApiOperation {
  operationId?: string;
  tags?: string[];
  parameters?: { name: string; in: string }[];
  requestBody?: { content: Record<string, { schema: Record<string, unknown> }> };
  responses: Record<string, unknown>;
}
interface OpenApiDoc {
  openapi: string;
  info: { title: string; version: string };
  paths: Record<string, Record<string, OpenApiOperation>>;
}

// Every suite runs on each engine available: SQLite always, PostgreSQL when
// VIGIL_TEST_DATABASE_URL is set (always in CI). Engines differ in what they refuse (a NUL
// character in text, say), and none of it may surface as a 5xx.
describe.each(testEngines().map((e) => [e.name, e] as const))('on %s', (_engineName, engine: TestEngine) => {
  let t: TestHttp;
  let ids: Ids;

  beforeAll(async () => {
    t = await buildTestHttp({ engine });
    const { http } = t;
    const source = await create(http, '/sources', sourceInput());
    const shortSource = await create(http, '/sources', sourceInput({ title: 'Short', text: 'ten chars.' }));
    const incident = await create<IncidentJson>(http, '/incidents', incidentInput());
    const other = await create<IncidentJson>(http, '/incidents', incidentInput({ title: 'Another incident' }));
    const org = await create(http, '/actors', { kind: 'organisation', name: 'Russian LGBT Network', organisationType: 'ngo' });
    const person = await create(http, '/actors', { kind: 'person', name: 'Witness', parentId: org.id });
    ids = {
      source: source.id,
      shortSource: shortSource.id,
      incident: incident.id,
      killing: incident.acts.find((a) => a.type === 'killing')?.id ?? '',
      otherIncidentAct: other.acts[0]?.id ?? '',
      person: person.id,
      org: org.id,
      chechnya: await placeIdByName(http, 'Chechnya', 'RU-CE'),
      collection: (await t.app.ensureDefaultCollection()).id,
    };
  });
  afterAll(async () => {
    await t.close();
  });

  describe('bad input gets a 4xx naming the field, and writes nothing', () => {
    it.each(BAD_INPUT.map((c) => [c.name, c] as const))('%s', async (_name, c) => {
      const before = await snapshotTotals(t.http);
      const incidentBefore = (await call(t.http, 'GET', `/incidents/${ids.incident}`)).json<{ incident: IncidentJson }>().incident;
      const res = await send(t.http, c, ids);
      expect(res.statusCode).toBe(c.status);
      const body = res.json<ErrorJson>();
      expect(body.error.code).toBe(c.code);
      expect(typeof body.error.message).toBe('string');
      expect(Array.isArray(body.error.fields)).toBe(true);
      if (c.field !== undefined) expect(body.error.fields.map((f) => f.path)).toContain(c.field);
      expect(await snapshotTotals(t.http)).toEqual(before);
      const incidentAfter = (await call(t.http, 'GET', `/incidents/${ids.incident}`)).json<{ incident: IncidentJson }>().incident;
      expect(incidentAfter).toEqual(incidentBefore);
    });

    it('refuses a body over the configured limit', async () => {
      const small = await buildTestHttp({ bodyLimit: 1024, engine });
      try {
        const res = await call(small.http, 'POST', '/sources', sourceInput({ text: 'x'.repeat(2048) }));
        expect(res.statusCode).toBe(413);
        expect(await totalOf(small.http, '/sources')).toBe(0);
      } finally {
        await small.close();
      }
    });
  });

  describe('random payloads never cause a 5xx', () => {
    const anyJson = fc.jsonValue({ maxDepth: 3 });
    /** Mostly a valid value, sometimes anything: payloads get past the schema often enough to reach the use cases. */
    const mostly = <T,>(valid: fc.Arbitrary<T>, invalid: fc.Arbitrary<unknown> = anyJson) =>
      fc.oneof({ arbitrary: valid, weight: 15 }, { arbitrary: invalid, weight: 1 });
    const text = fc.oneof(fc.string({ maxLength: 40 }), fc.string({ unit: 'binary', maxLength: 40 }), fc.constant(' '));
    const line = fc.string({ unit: 'binary', minLength: 1, maxLength: 40 }).filter((x) => x.trim().length > 0);
    const idOr = (...known: [string, ...string[]]) =>
      fc.oneof({ arbitrary: fc.constantFrom(...known), weight: 12 }, { arbitrary: fc.constant(MISSING), weight: 1 }, { arbitrary: fc.oneof(fc.uuid(), text), weight: 1 });
    const day = fc.date({ min: new Date('1000-01-01'), max: new Date('9999-12-31'), noInvalidDate: true }).map((d) => d.toISOString().slice(0, 10));
    const dayish = mostly(day, fc.constantFrom('2019-02-29', '2019-13-01', '0000-00-00', '', 20190101));
    const fuzzyDate = mostly(
      fc.oneof(
        fc.constant({ precision: 'unknown' }),
        fc.record({ span: fc.tuple(day, day).map(([a, b]) => (a <= b ? [a, b] : [b, a])), precision: fc.constantFrom('day', 'week', 'month', 'year') }).map(({ span, precision }) => ({ start: span[0], end: span[1], precision })),
        fc.record({ start: fc.option(dayish, { nil: null }), end: fc.option(dayish, { nil: null }), precision: fc.constantFrom(...DATE_PRECISIONS.codes, 'zzz') }, { requiredKeys: [] }),
      ),
    );
    const count = mostly(
      fc.oneof(
        fc.record({ qualifier: fc.constantFrom('exact', 'at_least', 'about', 'more_than', 'fewer_than', 'at_most'), value: fc.integer({ min: 0, max: 1_000_000_000 }) }),
        fc.record({ qualifier: fc.constant('range'), min: fc.nat(100), max: fc.nat(100) }),
        fc.constant({ qualifier: 'unspecified' }),
        fc.record(
          {
            qualifier: fc.constantFrom(...COUNT_QUALIFIERS.codes, 'lots'),
            value: fc.option(fc.oneof(fc.integer({ min: -5, max: 2_000_000_000 }), fc.double()), { nil: null }),
            min: fc.option(fc.integer({ min: -5, max: 100 }), { nil: null }),
            max: fc.option(fc.integer({ min: -5, max: 100 }), { nil: null }),
          },
          { requiredKeys: [] },
        ),
      ),
    );
    /** Now and then an unknown key, which a strict schema must refuse. */
    const withStray = (arb: fc.Arbitrary<Record<string, unknown>>) =>
      fc.oneof({ arbitrary: arb, weight: 9 }, { arbitrary: fc.tuple(arb, fc.string(), anyJson).map(([o, k, v]) => ({ ...o, [k]: v })), weight: 1 });

    it('POST /incidents: 300 payloads', async () => {
      const act = fc.record(
        {
          id: idOr(ids.killing),
          type: mostly(fc.constantFrom(...ACT_TYPES.codes), fc.constant('zzz')),
          victims: fc.option(mostly(line), { nil: null }),
          date: fuzzyDate,
          placeId: fc.option(idOr(ids.chechnya), { nil: null }),
          involvements: mostly(fc.array(fc.record({ actorId: idOr(ids.org, ids.person), degree: mostly(fc.constantFrom('direct', 'ordered')) }, { requiredKeys: ['actorId'] }), { maxLength: 3 })),
        },
        { requiredKeys: ['type'] },
      );
      const incident = fc.record(
        {
          title: mostly(line),
          summary: mostly(text),
          date: fuzzyDate,
          placeId: fc.option(idOr(ids.chechnya), { nil: null }),
          tags: mostly(fc.array(line, { maxLength: 3 })),
          acts: mostly(fc.array(withStray(act), { maxLength: 4 })),
          reviewDecision: mostly(fc.constantFrom('verified', 'refuted', null)),
          collectionId: idOr(ids.collection),
        },
        { requiredKeys: ['title'] },
      );
      await checkNever5xx('/incidents', mostly(withStray(incident)));
    });

    it('POST /claims: 300 payloads', async () => {
      const actorId = idOr(ids.org, ids.person);
      const claimArb = fc.record(
        {
          sourceId: idOr(ids.source, ids.shortSource),
          incidentId: fc.option(idOr(ids.incident), { nil: null }),
          actId: fc.option(idOr(ids.killing, ids.otherIncidentAct), { nil: null }),
          speakerId: fc.option(actorId, { nil: null }),
          speakerRole: fc.option(mostly(line), { nil: null }),
          relayId: fc.option(actorId, { nil: null }),
          stance: mostly(fc.constantFrom(...STANCES.codes), fc.constant('zzz')),
          about: mostly(line),
          quote: fc.option(mostly(text), { nil: null }),
          asserts: mostly(
            fc.record(
              { count: fc.option(count, { nil: null }), date: fc.option(fuzzyDate, { nil: null }), placeId: fc.option(idOr(ids.chechnya), { nil: null }), perpetratorId: fc.option(actorId, { nil: null }) },
              { requiredKeys: [] },
            ),
          ),
          evidence: fc.option(
            mostly(
              fc.tuple(fc.nat(12), fc.integer({ min: -2, max: 8 })).map(([start, len]) => ({ start, end: start + len })),
              fc.record({ start: fc.integer({ min: -5, max: 120 }), end: fc.integer({ min: -5, max: 120 }) }),
            ),
            { nil: null },
          ),
          credibility: mostly(fc.constantFrom(...CREDIBILITY.codes, null), fc.constant('9')),
          review: mostly(fc.constantFrom('proposed', 'accepted', 'rejected'), fc.constant('zzz')),
        },
        { requiredKeys: ['sourceId', 'stance', 'about'] },
      );
      await checkNever5xx('/claims', mostly(withStray(claimArb)));
    });

    async function checkNever5xx(path: string, arb: fc.Arbitrary<unknown>): Promise<void> {
      let written = 0;
      await fc.assert(
        fc.asyncProperty(arb, async (payload) => {
          const before = await totalOf(t.http, `${path}?limit=1`);
          const res = await t.http.inject({
            method: 'POST',
            url: `/api/v1${path}`,
            headers: { ...authHeaders(t.http), 'content-type': 'application/json' },
            payload: JSON.stringify(payload) ?? '',
          });
          expect(res.statusCode, res.body).toBeLessThan(500);
          expect(res.statusCode).toBeGreaterThanOrEqual(200);
          const after = await totalOf(t.http, `${path}?limit=1`);
          if (res.statusCode === 201) written++;
          expect(after).toBe(res.statusCode === 201 ? before + 1 : before);
          if (res.statusCode !== 201) expect(res.json<ErrorJson>().error.code).toMatch(/^[A-Z_]+$/);
        }),
        { numRuns: 300 },
      );
      // The generator reaches the use cases, not only the schema: some payloads are valid.
      expect(written).toBeGreaterThan(0);
    }
  });

  describe('unexpected errors', () => {
    it('are a 500 INTERNAL with a generic message that echoes nothing', async () => {
      const broken = await buildTestHttp({
        engine,
        wrapApp: (app) => ({
          ...app,
          createSource: async () => {
            throw new Error('UNIQUE constraint failed: Ivanov Ivan Ivanovich');
          },
          // A use case that returns something outside its response schema.
          getCollection: async () => ({ id: 'not-a-uuid', name: 'Ivanov', description: '', createdAt: 'x', updatedAt: 'y' }),
        }),
      });
      try {
        for (const res of [
          await call(broken.http, 'POST', '/sources', sourceInput({ title: 'Ivanov' })),
          await call(broken.http, 'GET', `/collections/${MISSING}`),
        ]) {
          expect(res.statusCode).toBe(500);
          expect(res.json()).toEqual({ error: { code: 'INTERNAL', message: 'internal error', fields: [] } });
          expect(res.body).not.toContain('Ivanov');
          expect(res.headers['content-security-policy']).toBe(SECURITY_HEADERS['content-security-policy']);
        }
      } finally {
        await broken.close();
      }
    });
  });

  describe('security headers', () => {
    it('are on every response: API, errors, 404, the root page, framework errors', async () => {
      const responses = [
        await call(t.http, 'GET', '/vocabularies'),
        await call(t.http, 'GET', `/incidents/${ids.incident}`),
        await call(t.http, 'POST', '/incidents', { title: 42 }),
        await call(t.http, 'GET', '/nowhere'),
        await call(t.http, 'GET', '/openapi.json'),
        await t.http.inject({ method: 'GET', url: '/api/v1/sources/%E0%A4%A', headers: authHeaders(t.http) }),
        await t.http.inject({ method: 'GET', url: '/' }),
        await t.http.inject({ method: 'GET', url: '/favicon.ico' }),
      ];
      for (const res of responses) {
        expect(res.statusCode).toBeLessThan(500);
        for (const [name, value] of Object.entries(SECURITY_HEADERS)) expect(res.headers[name], `${name} on ${res.statusCode}`).toBe(value);
      }
      expect(responses[0]?.headers['content-security-policy']).toBe("default-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'");
      expect(responses[0]?.headers['referrer-policy']).toBe('no-referrer');
      expect(responses[0]?.headers['x-content-type-options']).toBe('nosniff');
      for (const res of responses.slice(0, 6)) expect(res.headers['cache-control']).toBe('no-store');
      expect(responses[5]?.json<ErrorJson>().error.code).toBe('BAD_REQUEST');
    });
  });

  describe('the OpenAPI document', () => {
    it('is OpenAPI 3.x and lists every route, and only those', async () => {
      const res = await call(t.http, 'GET', '/openapi.json');
      expect(res.statusCode).toBe(200);
      const doc = res.json<OpenApiDoc>();
      expect(doc.openapi).toMatch(/^3\.\d+\.\d+$/);
      expect(doc.info.title).toBe('Vigil API');
      const listed = Object.entries(doc.paths)
        .flatMap(([path, ops]) => Object.keys(ops).map((m) => `${m} ${path}`))
        .sort();
      expect(listed).toEqual(EXPECTED_ROUTES);
      for (const [path, ops] of Object.entries(doc.paths)) {
        for (const [method, op] of Object.entries(ops)) {
          expect(t.http.hasRoute({ method: method.toUpperCase() as 'GET', url: path.replace(/\{(\w+)\}/g, ':$1') }), `${method} ${path}`).toBe(true);
          expect(op.operationId, `${method} ${path}`).toMatch(/^[a-zA-Z]+$/);
          expect(op.tags?.length).toBe(1);
          expect(Object.keys(op.responses).some((s) => s.startsWith('2'))).toBe(true);
        }
      }
      const operationIds = Object.values(doc.paths).flatMap((ops) => Object.values(ops).map((op) => op.operationId));
      expect(new Set(operationIds).size).toBe(operationIds.length);
    });

    it('describes bodies, parameters and errors from the domain schemas', async () => {
      const doc = (await call(t.http, 'GET', '/openapi.json')).json<OpenApiDoc>();
      const createIncident = doc.paths['/api/v1/incidents']?.['post'];
      const body = createIncident?.requestBody?.content['application/json']?.schema as {
        properties: { acts: { items: { properties: { type: { enum: string[] } } } } };
        additionalProperties: unknown;
      };
      expect(body.properties.acts.items.properties.type.enum).toEqual([...ACT_TYPES.codes]);
      expect(body.additionalProperties).toBe(false);
      expect(Object.keys(createIncident?.responses ?? {})).toEqual(expect.arrayContaining(['201', '400', '404', '413', '415', '500']));
      const notFound = createIncident?.responses['404'] as { description: string; content: Record<string, { schema: { required: string[] } }> };
      expect(notFound.description).toMatch(/^Not found/);
      expect(notFound.content['application/json']?.schema.required).toEqual(['error']);
      expect(doc.paths['/api/v1/incidents/{id}']?.['delete']?.responses['204']).toEqual({ description: 'Deleted' });
      const listParams = doc.paths['/api/v1/incidents']?.['get']?.parameters?.map((p) => `${p.in}:${p.name}`);
      expect(listParams).toEqual(expect.arrayContaining(['query:limit', 'query:offset', 'query:status', 'query:actType', 'query:collectionId']));
      expect(doc.paths['/api/v1/incidents/{id}']?.['get']?.parameters?.map((p) => `${p.in}:${p.name}`)).toEqual(['path:id']);
      // A patch documents no create-time defaults: absent means unchanged.
      const patch = doc.paths['/api/v1/incidents/{id}']?.['patch']?.requestBody?.content['application/json']?.schema as { properties: Record<string, { default?: unknown }> };
      expect(Object.values(patch.properties).filter((p) => 'default' in p)).toEqual([]);
    });
  });

  describe('logging', () => {
    it('never writes bodies, query strings, raw URLs or IP addresses', async () => {
      const lines: string[] = [];
      const stream = new Writable({
        write(chunk: Buffer, _enc, cb) {
          lines.push(chunk.toString());
          cb();
        },
      });
      const logged = await buildTestHttp({
        engine,
        logger: { level: 'trace', stream },
        wrapApp: (app) => ({
          ...app,
          getCollection: async () => {
            throw new Error('Secretov is at 12 Lenin St');
          },
        }),
      });
      try {
        const person = await create(logged.http, '/actors', { kind: 'person', name: 'Ivan Secretov' });
        await call(logged.http, 'GET', '/actors?name=Secretov');
        await call(logged.http, 'GET', `/actors/${person.id}`);
        await call(logged.http, 'POST', '/actors', { kind: 'person', name: 'Secretov', secret: 'Secretov' });
        await call(logged.http, 'GET', '/Secretov?name=Secretov');
        await call(logged.http, 'GET', `/collections/${MISSING}`);
        await logged.http.inject({ method: 'POST', url: '/api/v1/actors', headers: { ...authHeaders(logged.http), 'content-type': 'application/json', 'x-forwarded-for': '203.0.113.9' }, payload: '{"name":"Secretov"' });
      } finally {
        await logged.close();
      }
      const log = lines.join('');
      expect(lines.length).toBeGreaterThan(5);
      expect(log).toContain('"route":"/api/v1/actors/:id"');
      expect(log).toContain('"route":"/api/v1/actors"');
      expect(log).toContain('unexpected error');
      expect(log).not.toContain('Secretov');
      expect(log).not.toContain('Lenin');
      expect(log).not.toContain('name=');
      expect(log).not.toContain('127.0.0.1');
      expect(log).not.toContain('203.0.113.9');
      expect(log).not.toContain('remoteAddress');
    });
  });
});
