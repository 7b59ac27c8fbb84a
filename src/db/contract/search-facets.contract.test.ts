import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SearchQuery, Store } from '../../core/ports.js';
import { SEARCH_EXACT_CAP } from '../repositories/search.repository.js';
import { testEngines } from '../testing.js';
import { aClaim, aCollection, anIncident, aSource } from './fixtures.js';

/**
 * Search filters are facet tokens in the index, copied from incidents and sources: they must
 * follow every change to those, for the incident's own document and its claims' documents.
 */
const MOSCOW = { countryCode: 'RU', regionCode: 'RU-MOW' };
const q = (text: string, extra: Partial<SearchQuery> = {}): SearchQuery => ({ text, limit: 50, offset: 0, ...extra });

describe.each(testEngines())('search facets on $name', (engine) => {
  let store: Store;
  beforeAll(async () => {
    store = await engine.open();
  });
  afterAll(async () => {
    await store?.close();
  });

  const ids = async (query: SearchQuery) => (await store.search.search(query)).hits.map((h) => h.id).sort();

  it('filters follow the incident and the source as they change', async () => {
    const c = aCollection();
    await store.collections.insert(c);
    const s = aSource(c.id, { outlet: 'Kestrel Post' });
    await store.sources.insert(s);
    const inc = anIncident(c.id, { status: 'alleged', date: { start: '2019-12-20', end: '2021-01-10', precision: 'day' } });
    await store.incidents.save(inc, MOSCOW, {});
    const claim = aClaim(c.id, s.id, { incidentId: inc.id, actId: inc.acts[0]!.id });
    await store.claims.insert(claim);
    await store.search.upsert({ kind: 'incident', entityId: inc.id, collectionId: c.id, incidentId: inc.id, sourceId: null, title: inc.title, body: 'quokka sighting' });
    await store.search.upsert({ kind: 'claim', entityId: claim.id, collectionId: c.id, incidentId: inc.id, sourceId: s.id, title: claim.about, body: 'quokka claim' });
    const both = [inc.id, claim.id].sort();

    expect(await ids(q('quokka', { status: 'alleged' }))).toEqual(both);
    expect(await ids(q('quokka', { regionCode: 'RU-MOW', countryCode: 'RU', actType: 'detention' }))).toEqual(both);
    // A range over three years is found under each of them.
    for (const year of [2019, 2020, 2021]) expect(await ids(q('quokka', { year }))).toEqual(both);
    expect(await ids(q('quokka', { year: 2022 }))).toEqual([]);
    expect(await ids(q('quokka', { outlet: 'Kestrel Post' }))).toEqual([claim.id]);

    // The claims' documents are not rewritten by the app here: the incident's save moves them.
    await store.incidents.save({ ...inc, status: 'contested', acts: [{ ...inc.acts[0]!, type: 'torture' }] }, { countryCode: 'BY', regionCode: null }, {});
    expect(await ids(q('quokka', { status: 'alleged' }))).toEqual([]);
    expect(await ids(q('quokka', { status: 'contested', countryCode: 'BY', actType: 'torture' }))).toEqual(both);
    expect(await ids(q('quokka', { regionCode: 'RU-MOW' }))).toEqual([]);

    await store.sources.update({ ...s, outlet: 'Osprey Daily' });
    expect(await ids(q('quokka', { outlet: 'Kestrel Post' }))).toEqual([]);
    expect(await ids(q('quokka', { outlet: 'Osprey Daily' }))).toEqual([claim.id]);

    const r = await store.search.search(q('quokka', { status: 'contested' }));
    expect(r.facets.status).toEqual([{ value: 'contested', count: 2 }]);
    expect(r.facets.actType).toEqual([{ value: 'torture', count: 2 }]);
    expect(r.facets.year).toEqual([{ value: '2019', count: 2 }]);

    // Without its incident a claim has no incident facets (the app detaches claims, then deletes).
    await store.claims.update({ ...claim, incidentId: null, actId: null });
    await store.incidents.delete(inc.id);
    await store.search.remove(inc.id);
    expect(await ids(q('quokka', { status: 'contested' }))).toEqual([]);
    expect(await ids(q('quokka'))).toEqual([claim.id]);
  });

  it('counts exactly up to the cap, and says when it stops counting', async () => {
    const c = aCollection();
    await store.collections.insert(c);
    const docs = Array.from({ length: SEARCH_EXACT_CAP + 5 }, (_, i) => ({
      kind: 'source' as const,
      entityId: `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`,
      collectionId: c.id,
      incidentId: null,
      sourceId: null,
      title: `wombat ${i}`,
      body: i < 3 ? 'wombat burrow' : 'wombat',
    }));
    await store.search.upsertMany(docs);
    const all = await store.search.search(q('wombat', { limit: 10 }));
    expect(all).toMatchObject({ total: SEARCH_EXACT_CAP, totalExact: false });
    expect(all.hits).toHaveLength(10);
    expect(await store.search.search(q('wombat burrow'))).toMatchObject({ total: 3, totalExact: true });
    // Deep pages are read as far as they go.
    const deep = await store.search.search(q('wombat', { limit: 10, offset: SEARCH_EXACT_CAP }));
    expect(deep.hits).toHaveLength(5);
  });
});
