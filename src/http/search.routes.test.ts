import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestHttp, call, create, incidentInput, placeIdByName, sourceInput, type TestHttp } from './testing.js';

let t: TestHttp;
beforeAll(async () => {
  t = await buildTestHttp();
  const chechnya = await placeIdByName(t.http, 'Chechnya', 'RU-CE');
  const s = await create(t.http, '/sources', sourceInput({ title: 'Задержания в Чечне', language: 'ru', text: 'Правозащитники сообщают о задержаниях.' }));
  const i = await create<{ acts: { id: string; type: string }[] }>(t.http, '/incidents', incidentInput({ placeId: chechnya }));
  await create(t.http, '/claims', { sourceId: s.id, incidentId: i.id, stance: 'alleges', about: 'Detentions of gay men in Grozny' });
});
afterAll(async () => {
  await t.close();
});

interface SearchJson {
  total: number;
  limit: number;
  offset: number;
  hits: { kind: string; id: string; title: string }[];
  facets: Record<string, { value: string; count: number }[]>;
}

describe('search', () => {
  it('finds incidents, claims and sources, with facets', async () => {
    const res = await call(t.http, 'GET', '/search?q=detentions');
    expect(res.statusCode).toBe(200);
    const body = res.json<SearchJson>();
    expect(body.total).toBeGreaterThan(0);
    expect(body.limit).toBe(20);
    expect(body.offset).toBe(0);
    expect(new Set(body.hits.map((h) => h.kind))).toEqual(new Set(['incident', 'claim']));
    expect(Object.keys(body.facets).sort()).toEqual(['actType', 'country', 'outlet', 'region', 'status', 'year']);
  });

  it('filters by kind and region and finds Russian text', async () => {
    const claims = (await call(t.http, 'GET', '/search?q=detentions&kind=claim')).json<SearchJson>();
    expect(claims.hits.every((h) => h.kind === 'claim')).toBe(true);
    const inRegion = (await call(t.http, 'GET', '/search?q=detentions&kind=incident&region=ru-ce')).json<SearchJson>();
    expect(inRegion.hits).toHaveLength(1);
    const elsewhere = (await call(t.http, 'GET', '/search?q=detentions&kind=incident&region=RU-MOW')).json<SearchJson>();
    expect(elsewhere.hits).toHaveLength(0);
    const ru = (await call(t.http, 'GET', `/search?q=${encodeURIComponent('задержаниях')}`)).json<SearchJson>();
    expect(ru.hits.map((h) => h.kind)).toContain('source');
  });

  it('refuses a missing query and bad filters, naming the parameter', async () => {
    for (const [query, path] of [
      ['', 'q'],
      ['q=x&actType=zzz', 'actType'],
      ['q=x&year=20', 'year'],
      ['q=x&limit=1000', 'limit'],
      ['q=x&country=Russia', 'country'],
    ] as const) {
      const res = await call(t.http, 'GET', `/search?${query}`);
      expect(res.statusCode, query).toBe(400);
      expect(res.json<{ error: { fields: { path: string }[] } }>().error.fields.map((f) => f.path), query).toContain(path);
    }
  });
});
