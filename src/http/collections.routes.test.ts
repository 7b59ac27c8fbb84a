import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestHttp, call, create, type TestHttp } from './testing.js';

let t: TestHttp;
beforeAll(async () => {
  t = await buildTestHttp();
});
afterAll(async () => {
  await t.close();
});

interface CollectionJson {
  id: string;
  name: string;
  description: string;
}

describe('collections', () => {
  it('starts with the default collection', async () => {
    const list = (await call(t.http, 'GET', '/collections')).json<{ items: CollectionJson[]; total: number }>();
    expect(list.total).toBe(1);
    expect(list.items[0]?.name).toBe('Default');
  });

  it('round-trips: create, get, list, patch, delete', async () => {
    const { http } = t;
    const c = await create<CollectionJson>(http, '/collections', { name: 'North Caucasus', description: 'Cases from the region' });
    expect((await call(http, 'GET', `/collections/${c.id}`)).json()).toEqual(c);
    const page = (await call(http, 'GET', '/collections?limit=1&offset=1')).json<{ items: CollectionJson[]; total: number; limit: number; offset: number }>();
    expect(page).toMatchObject({ total: 2, limit: 1, offset: 1 });
    expect(page.items.map((x) => x.id)).toEqual([c.id]);

    const patched = (await call(http, 'PATCH', `/collections/${c.id}`, { name: 'Chechnya' })).json<CollectionJson>();
    expect(patched).toMatchObject({ name: 'Chechnya', description: 'Cases from the region' });

    // Records go to the collection named, and deleting a collection deletes them with it.
    const s = await create<{ collectionId: string }>(http, '/sources', { kind: 'other', title: 'In the new collection', collectionId: c.id });
    expect(s.collectionId).toBe(c.id);
    expect((await call(http, 'DELETE', `/collections/${c.id}`)).statusCode).toBe(204);
    expect((await call(http, 'GET', `/collections/${c.id}`)).statusCode).toBe(404);
    expect((await call(http, 'GET', `/sources/${s.id}`)).statusCode).toBe(404);
  });

  it('names the missing collection of a new record', async () => {
    const res = await call(t.http, 'POST', '/sources', { kind: 'other', title: 'x', collectionId: '01900000-0000-7000-8000-000000000000' });
    expect(res.statusCode).toBe(404);
    expect(res.json()).toMatchObject({ error: { code: 'COLLECTION_NOT_FOUND', fields: [{ path: 'collectionId' }] } });
  });
});
