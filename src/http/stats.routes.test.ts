import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestHttp, call, create, incidentInput, placeIdByName, sourceInput, type TestHttp } from './testing.js';

let t: TestHttp;
beforeAll(async () => {
  t = await buildTestHttp();
  const chechnya = await placeIdByName(t.http, 'Chechnya', 'RU-CE');
  const s = await create(t.http, '/sources', sourceInput());
  const i = await create<{ acts: { id: string; type: string }[] }>(
    t.http,
    '/incidents',
    incidentInput({ placeId: chechnya, acts: [{ type: 'killing', date: { start: '2019-01-10', end: '2019-01-10', precision: 'day' } }] }),
  );
  const killing = i.acts[0];
  if (!killing) throw new Error('no act');
  await create(t.http, '/claims', { sourceId: s.id, actId: killing.id, stance: 'alleges', about: 'two killed', asserts: { count: { qualifier: 'range', min: 2, max: 5 } } });
});
afterAll(async () => {
  await t.close();
});

interface StatsJson {
  cells: { actType: string; period: string | null; countryCode: string | null; regionCode: string | null; low: number; high: number | null; incidents: number; acts: number }[];
  totals: { actType: string; low: number; high: number | null; acts: number }[];
}

describe('stats', () => {
  it('counts by act type × month × region with bounds', async () => {
    const res = await call(t.http, 'GET', '/stats');
    expect(res.statusCode).toBe(200);
    const body = res.json<StatsJson>();
    expect(body.cells).toEqual([{ actType: 'killing', period: '2019-01', countryCode: 'RU', regionCode: 'RU-CE', low: 2, high: 5, incidents: 1, acts: 1 }]);
    expect(body.totals).toEqual([{ actType: 'killing', low: 2, high: 5, acts: 1 }]);
  });

  it('filters by date, country, act type and (repeated) status', async () => {
    const empty = async (q: string) => (await call(t.http, 'GET', `/stats?${q}`)).json<StatsJson>().cells.length === 0;
    expect(await empty('from=2019-02-01')).toBe(true);
    expect(await empty('to=2018-12-31')).toBe(true);
    expect(await empty('from=2019-01-01&to=2019-01-31')).toBe(false);
    expect(await empty('country=ua')).toBe(true);
    expect(await empty('country=ru')).toBe(false);
    expect(await empty('actType=torture')).toBe(true);
    expect(await empty('status=alleged')).toBe(false);
    expect(await empty('status=verified&status=refuted')).toBe(true);
    expect(await empty('status=verified&status=alleged')).toBe(false);
  });

  it('refuses an end before the start and unknown codes, naming the parameter', async () => {
    for (const [query, path] of [
      ['from=2019-02-01&to=2019-01-01', 'to'],
      ['status=zzz', 'status'],
      ['from=2019-02-30', 'from'],
      ['collectionId=nope', 'collectionId'],
    ] as const) {
      const res = await call(t.http, 'GET', `/stats?${query}`);
      expect(res.statusCode, query).toBe(400);
      expect(res.json<{ error: { fields: { path: string }[] } }>().error.fields.map((f) => f.path.split('.')[0]), query).toContain(path);
    }
  });
});
