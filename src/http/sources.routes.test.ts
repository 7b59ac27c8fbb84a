import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestHttp, call, create, sourceInput, type TestHttp } from './testing.js';

let t: TestHttp;
beforeAll(async () => {
  t = await buildTestHttp();
});
afterAll(async () => {
  await t.close();
});

interface SourceJson {
  id: string;
  collectionId: string;
  title: string;
  outlet: string | null;
  url: string | null;
  text: string | null;
  notes: string;
  reliability: string | null;
}

describe('sources', () => {
  it('round-trips: create, get, list, patch, delete', async () => {
    const { http } = t;
    const created = await call(http, 'POST', '/sources', sourceInput({ notes: 'first seen on Telegram' }));
    expect(created.statusCode).toBe(201);
    const s = created.json<SourceJson>();
    expect(created.headers['location']).toBe(`/api/v1/sources/${s.id}`);
    expect(s).toMatchObject({ title: sourceInput().title, outlet: 'The Moscow Times', reliability: 'B', notes: 'first seen on Telegram' });

    expect((await call(http, 'GET', `/sources/${s.id}`)).json()).toEqual(s);
    const list = (await call(http, 'GET', '/sources?outlet=The%20Moscow%20Times')).json<{ items: SourceJson[]; total: number }>();
    expect(list.items.map((x) => x.id)).toContain(s.id);

    // Only the fields sent change; the others keep their values (not their create-time defaults).
    const patched = await call(http, 'PATCH', `/sources/${s.id}`, { title: 'A corrected title', reliability: 'C' });
    expect(patched.statusCode).toBe(200);
    expect(patched.json()).toMatchObject({ id: s.id, title: 'A corrected title', reliability: 'C', outlet: 'The Moscow Times', url: s.url, text: s.text, notes: 'first seen on Telegram' });

    // null clears a nullable field.
    expect((await call(http, 'PATCH', `/sources/${s.id}`, { url: null })).json<SourceJson>().url).toBeNull();

    expect((await call(http, 'DELETE', `/sources/${s.id}`)).statusCode).toBe(204);
    expect((await call(http, 'GET', `/sources/${s.id}`)).statusCode).toBe(404);
  });

  it('pages: limit and offset', async () => {
    const { http } = t;
    for (let i = 0; i < 3; i++) await create(http, '/sources', sourceInput({ title: `Paged ${i}`, outlet: 'Paging Gazette' }));
    const first = (await call(http, 'GET', '/sources?outlet=Paging%20Gazette&limit=2')).json<{ items: SourceJson[]; total: number; limit: number; offset: number }>();
    expect(first).toMatchObject({ total: 3, limit: 2, offset: 0 });
    expect(first.items).toHaveLength(2);
    const rest = (await call(http, 'GET', '/sources?outlet=Paging%20Gazette&limit=2&offset=2')).json<{ items: SourceJson[] }>();
    expect(rest.items).toHaveLength(1);
    expect(new Set([...first.items, ...rest.items].map((s) => s.id)).size).toBe(3);
  });

  it('accepts a source text at the domain limit in Russian (2,000,000 Cyrillic characters)', async () => {
    const text = 'д'.repeat(2_000_000);
    const res = await call(t.http, 'POST', '/sources', sourceInput({ title: 'A long report', text }));
    expect(res.statusCode).toBe(201);
    expect(res.json<SourceJson>().text).toHaveLength(2_000_000);
  });

  it('refuses to delete a source that claims cite (409 IN_USE) and keeps it', async () => {
    const { http } = t;
    const s = await create(http, '/sources', sourceInput());
    await create(http, '/claims', { sourceId: s.id, stance: 'alleges', about: 'something happened' });
    const res = await call(http, 'DELETE', `/sources/${s.id}`);
    expect(res.statusCode).toBe(409);
    expect(res.json()).toMatchObject({ error: { code: 'IN_USE' } });
    expect((await call(http, 'GET', `/sources/${s.id}`)).statusCode).toBe(200);
  });
});
