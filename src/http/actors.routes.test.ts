import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestHttp, call, create, type TestHttp } from './testing.js';

let t: TestHttp;
beforeAll(async () => {
  t = await buildTestHttp();
});
afterAll(async () => {
  await t.close();
});

interface ActorJson {
  id: string;
  kind: string;
  name: string;
  nameRu: string | null;
  parentId: string | null;
  role: string | null;
  notes: string;
}

describe('actors', () => {
  it('round-trips: create, get, list (by kind and name), patch, delete', async () => {
    const { http } = t;
    const org = await create<ActorJson>(http, '/actors', { kind: 'organisation', name: 'Russian LGBT Network', nameRu: 'Российская ЛГБТ-сеть', organisationType: 'ngo', notes: 'NGO' });
    const person = await create<ActorJson>(http, '/actors', { kind: 'person', name: 'Witness A', parentId: org.id, role: 'volunteer' });
    expect(person.parentId).toBe(org.id);
    expect((await call(http, 'GET', `/actors/${org.id}`)).json()).toEqual(org);

    const orgs = (await call(http, 'GET', '/actors?kind=organisation')).json<{ items: ActorJson[] }>();
    expect(orgs.items.map((a) => a.id)).toEqual([org.id]);
    const byName = (await call(http, 'GET', `/actors?name=${encodeURIComponent('ЛГБТ')}`)).json<{ items: ActorJson[] }>();
    expect(byName.items.map((a) => a.id)).toContain(org.id);

    const patched = (await call(http, 'PATCH', `/actors/${person.id}`, { role: 'coordinator' })).json<ActorJson>();
    expect(patched).toMatchObject({ role: 'coordinator', parentId: org.id, name: 'Witness A' });

    // The organisation is still named as the person's parent.
    const inUse = await call(http, 'DELETE', `/actors/${org.id}`);
    expect(inUse.statusCode).toBe(409);
    expect(inUse.json()).toMatchObject({ error: { code: 'IN_USE' } });

    expect((await call(http, 'DELETE', `/actors/${person.id}`)).statusCode).toBe(204);
    expect((await call(http, 'DELETE', `/actors/${org.id}`)).statusCode).toBe(204);
    expect((await call(http, 'GET', `/actors/${org.id}`)).json()).toMatchObject({ error: { code: 'ACTOR_NOT_FOUND' } });
  });

  it('refuses a person as a parent and an organisation type on a person, naming the field', async () => {
    const { http } = t;
    const p = await create<ActorJson>(http, '/actors', { kind: 'person', name: 'Someone' });
    const child = await call(http, 'POST', '/actors', { kind: 'person', name: 'Other', parentId: p.id });
    expect(child.statusCode).toBe(400);
    expect(child.json()).toMatchObject({ error: { code: 'VALIDATION_FAILED', fields: [{ path: 'parentId' }] } });
    const typed = await call(http, 'POST', '/actors', { kind: 'person', name: 'Other', organisationType: 'police' });
    expect(typed.statusCode).toBe(400);
    expect(typed.json()).toMatchObject({ error: { fields: [{ path: 'organisationType' }] } });
  });
});
