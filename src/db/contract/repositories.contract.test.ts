import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Store } from '../../core/ports.js';
import { testEngines } from '../testing.js';
import { aClaim, aCollection, anActor, anIncident, aPlace, aSource, NO_PLACE } from './fixtures.js';

/** One contract per repository, run on every engine: both must behave the same. */
describe.each(testEngines())('repositories on $name', (engine) => {
  let store: Store;
  beforeAll(async () => {
    store = await engine.open();
  });
  afterAll(async () => {
    await store?.close();
  });

  describe('collections', () => {
    it('inserts, reads, updates, lists in creation order and deletes', async () => {
      const a = aCollection({ name: 'A', createdAt: '2026-01-01T00:00:00.000Z' });
      const b = aCollection({ name: 'B', createdAt: '2026-01-02T00:00:00.000Z' });
      await store.collections.insert(b);
      await store.collections.insert(a);
      expect(await store.collections.get(a.id)).toEqual(a);
      await store.collections.update({ ...a, name: 'A2' });
      expect((await store.collections.get(a.id))?.name).toBe('A2');
      const ids = (await store.collections.list()).map((c) => c.id);
      expect(ids.indexOf(a.id)).toBeLessThan(ids.indexOf(b.id));
      await store.collections.delete(b.id);
      expect(await store.collections.get(b.id)).toBeUndefined();
    });

    it('deleting a collection removes every record in it and its search documents', async () => {
      const c = aCollection();
      await store.collections.insert(c);
      const s = aSource(c.id);
      await store.sources.insert(s);
      const actor = anActor(c.id);
      await store.actors.insert(actor);
      const inc = anIncident(c.id);
      await store.incidents.save(inc, NO_PLACE, {});
      await store.claims.insert(aClaim(c.id, s.id, { incidentId: inc.id, actId: inc.acts[0]!.id, speakerId: actor.id }));
      await store.search.upsert({ kind: 'source', entityId: s.id, collectionId: c.id, incidentId: null, sourceId: s.id, title: s.title, body: 'zebrafish ledger' });
      await store.collections.delete(c.id);
      expect(await store.sources.get(s.id)).toBeUndefined();
      expect(await store.incidents.get(inc.id)).toBeUndefined();
      expect(await store.actors.get(actor.id)).toBeUndefined();
      expect((await store.search.search({ text: 'zebrafish', limit: 10, offset: 0 })).total).toBe(0);
    });
  });

  describe('places', () => {
    it('keeps built-ins idempotent, finds by code and by English or Russian name prefix', async () => {
      const country = aPlace({ code: 'QQ', countryCode: 'QQ', builtin: true, nameEn: 'Qualia', nameRu: 'Квалия' });
      expect(await store.places.ensureBuiltins([country])).toBe(1);
      expect(await store.places.ensureBuiltins([country])).toBe(0);
      expect((await store.places.getByCode('qq'))?.id).toBe(country.id);
      const town = aPlace({ kind: 'locality', nameEn: 'Ostrovok', nameRu: 'Островок', parentId: country.id, countryCode: 'QQ' });
      await store.places.insert(town);
      expect((await store.places.list({ name: 'остров' }, { limit: 10, offset: 0 })).items.map((p) => p.id)).toEqual([town.id]);
      expect((await store.places.list({ name: 'OSTRO' }, { limit: 10, offset: 0 })).items.map((p) => p.id)).toEqual([town.id]);
      expect(await store.places.isReferenced(country.id)).toBe(true);
      expect(await store.places.isReferenced(town.id)).toBe(false);
      const added = [];
      for await (const p of store.places.userAdded()) added.push(p.id);
      expect(added).toContain(town.id);
      expect(added).not.toContain(country.id);
      await store.places.update({ ...town, latitude: 43.5, longitude: 45.25 });
      expect(await store.places.get(town.id)).toMatchObject({ latitude: 43.5, longitude: 45.25 });
    });
  });

  describe('actors', () => {
    it('round-trips, filters by name in either script and reports references', async () => {
      const c = aCollection();
      await store.collections.insert(c);
      const org = anActor(c.id);
      const person = anActor(c.id, { kind: 'person', name: 'Aslan B.', nameRu: 'Аслан Б.', organisationType: null, parentId: org.id, role: 'lawyer' });
      await store.actors.insert(org);
      await store.actors.insert(person);
      expect(await store.actors.get(person.id)).toEqual(person);
      expect((await store.actors.list({ collectionIds: [c.id], name: 'аслан' }, { limit: 10, offset: 0 })).items).toEqual([person]);
      expect((await store.actors.list({ collectionIds: [c.id], kind: 'organisation' }, { limit: 10, offset: 0 })).total).toBe(1);
      expect(await store.actors.isReferenced(org.id)).toBe(true);
      expect(await store.actors.isReferenced(person.id)).toBe(false);
      expect((await store.actors.getMany([org.id, person.id])).length).toBe(2);
    });
  });

  describe('sources', () => {
    it('round-trips with a long Cyrillic text and pages by creation time', async () => {
      const c = aCollection();
      await store.collections.insert(c);
      const text = 'Задержаны двенадцать человек. '.repeat(2000);
      const s1 = aSource(c.id, { text, createdAt: '2026-01-01T00:00:00.000Z' });
      const s2 = aSource(c.id, { outlet: 'Вестник', createdAt: '2026-01-02T00:00:00.000Z' });
      await store.sources.insert(s1);
      await store.sources.insert(s2);
      expect(await store.sources.get(s1.id)).toEqual(s1);
      const page = await store.sources.list({ collectionIds: [c.id] }, { limit: 1, offset: 0 });
      expect(page.total).toBe(2);
      expect(page.items[0]?.id).toBe(s2.id);
      expect((await store.sources.list({ collectionIds: [c.id], outlet: 'Вестник' }, { limit: 5, offset: 0 })).items).toEqual([s2]);
      const all = [];
      for await (const s of store.sources.all([c.id])) all.push(s.id);
      expect(all.sort()).toEqual([s1.id, s2.id].sort());
    });
  });

  describe('incidents', () => {
    it('saves with acts and involvements, replaces acts on save, and filters', async () => {
      const c = aCollection();
      await store.collections.insert(c);
      const actor = anActor(c.id);
      await store.actors.insert(actor);
      const inc = anIncident(c.id, { tags: ['rally', 'митинг'] });
      inc.acts[0]!.involvements = [{ actorId: actor.id, degree: 'ordered' }];
      await store.incidents.save(inc, { countryCode: 'RU', regionCode: 'RU-CE' }, {});
      expect(await store.incidents.get(inc.id)).toEqual(inc);
      expect(await store.incidents.incidentIdOfAct(inc.acts[0]!.id)).toBe(inc.id);

      const second = { ...inc.acts[0]!, id: crypto.randomUUID(), type: 'torture' as const, involvements: [] };
      const next = { ...inc, status: 'contested' as const, acts: [second] };
      await store.incidents.save(next, NO_PLACE, {});
      const got = await store.incidents.get(inc.id);
      expect(got?.acts.map((a) => a.type)).toEqual(['torture']);
      expect(got?.status).toBe('contested');
      expect(await store.actors.isReferenced(actor.id)).toBe(false);

      expect((await store.incidents.list({ collectionIds: [c.id], actType: 'torture' }, { limit: 5, offset: 0 })).total).toBe(1);
      expect((await store.incidents.list({ collectionIds: [c.id], status: 'alleged' }, { limit: 5, offset: 0 })).total).toBe(0);
      await store.incidents.delete(inc.id);
      expect(await store.incidents.get(inc.id)).toBeUndefined();
    });
  });

  describe('claims', () => {
    it('round-trips every field and lists by incident, source, speaker and review state', async () => {
      const c = aCollection();
      await store.collections.insert(c);
      const s = aSource(c.id, { text: 'x'.repeat(100) });
      await store.sources.insert(s);
      const speaker = anActor(c.id);
      await store.actors.insert(speaker);
      const inc = anIncident(c.id);
      await store.incidents.save(inc, NO_PLACE, {});
      const claim = aClaim(c.id, s.id, {
        incidentId: inc.id,
        actId: inc.acts[0]!.id,
        speakerId: speaker.id,
        stance: 'denies',
        quote: '«Никого не задерживали»',
        asserts: { count: { qualifier: 'range', value: null, min: 10, max: 20 }, date: { start: '2024-03-01', end: '2024-03-31', precision: 'month' }, placeId: null, perpetratorId: speaker.id },
        evidence: { start: 3, end: 42 },
        credibility: '2',
        review: 'proposed',
      });
      await store.claims.insert(claim);
      expect(await store.claims.get(claim.id)).toEqual(claim);
      expect((await store.claims.forIncident(inc.id)).map((x) => x.id)).toEqual([claim.id]);
      expect((await store.claims.list({ speakerId: speaker.id, review: 'proposed' }, { limit: 5, offset: 0 })).total).toBe(1);
      expect((await store.claims.list({ sourceId: s.id, review: 'accepted' }, { limit: 5, offset: 0 })).total).toBe(0);
      expect(await store.claims.incidentIdsBy({ actorId: speaker.id })).toEqual([inc.id]);
      await store.claims.update({ ...claim, review: 'accepted' });
      expect((await store.claims.get(claim.id))?.review).toBe('accepted');
      await store.claims.delete(claim.id);
      expect(await store.claims.get(claim.id)).toBeUndefined();
    });
  });

  describe('transactions', () => {
    it('rolls back every write when the function throws', async () => {
      const c = aCollection();
      await expect(
        store.transaction(async (tx) => {
          await tx.collections.insert(c);
          throw new Error('boom');
        }),
      ).rejects.toThrow('boom');
      expect(await store.collections.get(c.id)).toBeUndefined();
    });
  });
});
