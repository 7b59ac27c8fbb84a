import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestHttp, call, create, placeIdByName, type TestHttp } from './testing.js';

let t: TestHttp;
beforeAll(async () => {
  t = await buildTestHttp();
});
afterAll(async () => {
  await t.close();
});

interface PlaceJson {
  id: string;
  kind: string;
  code: string | null;
  nameEn: string;
  nameRu: string | null;
  parentId: string | null;
  countryCode: string;
  regionCode: string | null;
  latitude: number | null;
  longitude: number | null;
  builtin: boolean;
}

describe('places', () => {
  it('finds built-in places by name, in English and Russian, and by country', async () => {
    const { http } = t;
    const en = (await call(http, 'GET', '/places?name=Chechnya')).json<{ items: PlaceJson[] }>();
    expect(en.items.map((p) => p.code)).toContain('RU-CE');
    const ru = (await call(http, 'GET', `/places?name=${encodeURIComponent('Чечня')}`)).json<{ items: PlaceJson[] }>();
    expect(ru.items.map((p) => p.code)).toContain('RU-CE');
    const regions = (await call(http, 'GET', '/places?country=ru&kind=region&limit=500')).json<{ items: PlaceJson[]; total: number }>();
    expect(regions.total).toBeGreaterThan(80);
    expect(regions.items.every((p) => p.countryCode === 'RU' && p.kind === 'region')).toBe(true);
  });

  it('round-trips a user-added locality; built-in places cannot change', async () => {
    const { http } = t;
    const chechnya = await placeIdByName(http, 'Chechnya', 'RU-CE');
    const grozny = await create<PlaceJson>(http, '/places', { nameEn: 'Argun', nameRu: 'Аргун', parentId: chechnya, latitude: 43.29, longitude: 45.87 });
    expect(grozny).toMatchObject({ kind: 'locality', countryCode: 'RU', regionCode: 'RU-CE', builtin: false });
    expect((await call(http, 'GET', `/places/${grozny.id}`)).json()).toEqual(grozny);
    const children = (await call(http, 'GET', `/places?parentId=${chechnya}`)).json<{ items: PlaceJson[] }>();
    expect(children.items.map((p) => p.id)).toContain(grozny.id);

    const patched = (await call(http, 'PATCH', `/places/${grozny.id}`, { nameEn: 'Argun city' })).json<PlaceJson>();
    expect(patched).toMatchObject({ nameEn: 'Argun city', nameRu: 'Аргун', latitude: 43.29, longitude: 45.87 });

    const builtin = await call(http, 'PATCH', `/places/${chechnya}`, { nameEn: 'Renamed' });
    expect(builtin.statusCode).toBe(409);
    expect(builtin.json()).toMatchObject({ error: { code: 'CONFLICT' } });
    expect((await call(http, 'DELETE', `/places/${chechnya}`)).statusCode).toBe(409);

    expect((await call(http, 'DELETE', `/places/${grozny.id}`)).statusCode).toBe(204);
    expect((await call(http, 'GET', `/places/${grozny.id}`)).json()).toMatchObject({ error: { code: 'PLACE_NOT_FOUND' } });
  });

  it('refuses coordinates out of range, naming the field', async () => {
    const chechnya = await placeIdByName(t.http, 'Chechnya', 'RU-CE');
    const res = await call(t.http, 'POST', '/places', { nameEn: 'Nowhere', parentId: chechnya, latitude: 91 });
    expect(res.statusCode).toBe(400);
    expect(res.json()).toMatchObject({ error: { code: 'VALIDATION_FAILED', fields: [{ path: 'latitude' }] } });
  });
});
