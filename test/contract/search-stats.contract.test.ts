import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp, randomIds, type VigilApp } from '../../src/app/index.js';
import { gazetteerId } from '../../src/app/places.js';
import type { Store } from '../../src/core/ports.js';
import { testEngines } from '../../src/db/testing.js';

/**
 * Search and statistics through the app, on every engine, over the same data: the same hits
 * (as sets) and the same facets and cells.
 */
const fixedClock = { now: () => new Date('2026-02-01T12:00:00.000Z') };

async function load(app: VigilApp) {
  await app.ensureDefaultCollection();
  await app.seedGazetteer();
  const ngo = await app.createActor({ kind: 'organisation', name: 'Northern Watch', nameRu: 'Северный дозор', organisationType: 'ngo' });
  const lead = await app.createActor({ kind: 'person', name: 'Ruslan Tamaev', nameRu: 'Руслан Тамаев', parentId: ngo.id, role: 'director' });
  const gov = await app.createActor({ kind: 'organisation', name: 'Regional administration', organisationType: 'government' });
  const spokes = await app.createActor({ kind: 'person', name: 'Oleg Vasin', parentId: gov.id, role: 'spokesperson' });
  const en = await app.createSource({ kind: 'news_article', title: 'Detentions in Grozny', outlet: 'Daily Ledger', publishedAt: '2024-03-05', text: 'Police detained activists in Grozny.' });
  const ru = await app.createSource({ kind: 'news_article', title: 'Задержания в Махачкале', outlet: 'Вестник', publishedAt: '2023-07-02', language: 'ru', text: 'Полиция задержала активистов в Махачкале. Сообщается о пытках.' });
  const a = await app.createIncident({
    title: 'Detentions of activists in Grozny',
    summary: 'Activists were detained and beaten.',
    placeId: gazetteerId('RU-CE'),
    date: { start: '2024-03-01', end: '2024-03-01', precision: 'day' },
    acts: [{ type: 'detention', victims: 'activists' }, { type: 'ill_treatment' }],
  });
  const b = await app.createIncident({
    title: 'Задержания активистов в Махачкале',
    summary: 'Задержанных активистов пытали.',
    placeId: gazetteerId('RU-DA'),
    date: { start: '2023-06-21', end: '2023-06-30', precision: 'month' },
    acts: [{ type: 'detention' }, { type: 'torture' }],
  });
  await app.addClaim({ sourceId: en.id, actId: a.acts[0]!.id, speakerId: lead.id, stance: 'alleges', about: 'at least 12 activists detained', asserts: { count: { qualifier: 'at_least', value: 12 } } });
  await app.addClaim({ sourceId: en.id, actId: a.acts[0]!.id, speakerId: spokes.id, stance: 'denies', about: 'nobody was detained', quote: 'Nobody was detained.' });
  await app.addClaim({ sourceId: ru.id, actId: b.acts[0]!.id, speakerId: lead.id, stance: 'alleges', about: 'задержаны от 5 до 8 активистов', asserts: { count: { qualifier: 'range', min: 5, max: 8 } } });
  await app.addClaim({ sourceId: ru.id, actId: b.acts[1]!.id, speakerRole: 'witnesses', stance: 'alleges', about: 'задержанных пытали', asserts: { count: { qualifier: 'about', value: 3 } } });
  return { a, b };
}

const results = new Map<string, unknown>();

describe.each(testEngines())('search and stats on $name', (engine) => {
  let store: Store;
  let app: VigilApp;
  let ids: { a: { id: string }; b: { id: string } };
  beforeAll(async () => {
    store = await engine.open();
    app = createApp({ store, clock: fixedClock, ids: randomIds });
    ids = await load(app);
  });
  afterAll(async () => {
    await store?.close();
  });

  const hitIds = async (q: string, extra: Record<string, unknown> = {}) =>
    (await app.search({ q, ...extra })).hits.map((h) => `${h.kind}:${h.title}`).sort();

  it('finds speakers by name in claims', async () => {
    expect(await hitIds('Tamaev')).toEqual(['claim:at least 12 activists detained', 'claim:задержаны от 5 до 8 активистов']);
    expect(await hitIds('Тамаев')).toEqual(['claim:at least 12 activists detained', 'claim:задержаны от 5 до 8 активистов']);
  });

  it('stems English and Russian words', async () => {
    expect(await hitIds('detention', { kind: 'incident' })).toEqual(['incident:Detentions of activists in Grozny', 'incident:Задержания активистов в Махачкале']);
    expect(await hitIds('задержание', { kind: 'source' })).toEqual(['source:Задержания в Махачкале']);
    expect(await hitIds('пытка')).toContain('incident:Задержания активистов в Махачкале');
  });

  it('finds incidents by the names of their places in both languages', async () => {
    expect(await hitIds('Chechnya')).toEqual(['incident:Detentions of activists in Grozny']);
    expect(await hitIds('Дагестан')).toEqual(['incident:Задержания активистов в Махачкале']);
  });

  it('requires every term and ranks, pages and filters', async () => {
    expect(await hitIds('Grozny nonexistentword')).toEqual([]);
    const all = await app.search({ q: 'activists', limit: 2 });
    expect(all.total).toBeGreaterThan(2);
    expect(all.hits).toHaveLength(2);
    expect(all.hits[0]!.rank).toBeGreaterThanOrEqual(all.hits[1]!.rank);
    const page2 = await app.search({ q: 'activists', limit: 2, offset: 2 });
    expect(page2.hits.map((h) => h.id)).not.toContain(all.hits[0]!.id);
    // Vocabulary labels are indexed in both languages, so an English act type finds Russian records.
    expect(await hitIds('detention', { region: 'RU-DA' })).toEqual(['incident:Задержания активистов в Махачкале']);
    expect(await hitIds('активистов', { region: 'RU-DA' })).toEqual(['claim:задержаны от 5 до 8 активистов', 'incident:Задержания активистов в Махачкале']);
    expect(await hitIds('detention', { year: 2024, kind: 'incident' })).toEqual(['incident:Detentions of activists in Grozny']);
    expect(await hitIds('detention', { actType: 'torture', kind: 'incident' })).toEqual(['incident:Задержания активистов в Махачкале']);
    expect(await hitIds('detention', { status: 'contested', kind: 'incident' })).toEqual(['incident:Detentions of activists in Grozny']);
    expect(await hitIds('Grozny', { outlet: 'Daily Ledger' })).toEqual(['source:Detentions in Grozny']);
  });

  it('returns facets over the matches', async () => {
    const r = await app.search({ q: 'detention' });
    const facets = r.facets;
    expect(facets.region).toEqual(expect.arrayContaining([{ value: 'RU-CE', count: expect.any(Number) }, { value: 'RU-DA', count: expect.any(Number) }]));
    expect(facets.status.map((f) => f.value).sort()).toEqual(['contested', 'corroborated']);
    expect(facets.year.map((f) => f.value).sort()).toEqual(['2023', '2024']);
    expect(facets.actType.map((f) => f.value)).toEqual(expect.arrayContaining(['detention', 'torture', 'ill_treatment']));
    results.set(`${engine.name}:facets`, facets);
    results.set(`${engine.name}:hits`, r.hits.map((h) => h.id).sort());
  });

  it('counts by act type × month × region with honest bounds', async () => {
    const s = await app.stats({});
    const cell = (t: string, region: string) => s.cells.find((c) => c.actType === t && c.regionCode === region);
    expect(cell('detention', 'RU-CE')).toMatchObject({ period: '2024-03', low: 12, high: null, incidents: 1 });
    expect(cell('detention', 'RU-DA')).toMatchObject({ period: '2023-06', low: 5, high: 8, incidents: 1 });
    expect(cell('torture', 'RU-DA')).toMatchObject({ low: 2, high: 4 });
    // An act no accepted claim supports contributes nothing.
    expect(cell('ill_treatment', 'RU-CE')).toMatchObject({ low: 0, acts: 1 });
    expect(s.totals.find((t) => t.actType === 'detention')).toMatchObject({ low: 17, high: null, acts: 2 });
    expect((await app.stats({ from: '2024-01-01' })).cells.every((c) => (c.period ?? '') >= '2024-01')).toBe(true);
    expect(new Set((await app.stats({ status: 'corroborated' })).cells.map((c) => c.regionCode))).toEqual(new Set(['RU-DA']));
    results.set(`${engine.name}:stats`, s);
    // A date known only to the year is counted under the year, never under its January.
    const yearOnly = await app.createIncident({ title: 'Abductions, 2019', date: { start: '2019-01-01', end: '2019-12-31', precision: 'year' }, acts: [{ type: 'abduction' }] });
    const src = await app.createSource({ kind: 'ngo_report', title: 'Annual report' });
    await app.addClaim({ sourceId: src.id, actId: yearOnly.acts[0]!.id, stance: 'alleges', about: 'four abducted', asserts: { count: { qualifier: 'exact', value: 4 } } });
    const abductions = (await app.stats({ actType: 'abduction' })).cells;
    expect(abductions).toEqual([{ actType: 'abduction', period: '2019', countryCode: null, regionCode: null, low: 4, high: 4, incidents: 1, acts: 1 }]);
    expect((await app.stats({ actType: 'abduction', from: '2019-06-01' })).cells).toHaveLength(1);
    expect((await app.stats({ actType: 'abduction', from: '2020-01-01' })).cells).toHaveLength(0);
    await app.deleteClaim((await app.listClaims({ incidentId: yearOnly.id })).items[0]!.id);
    await app.deleteIncident(yearOnly.id);
    expect(ids.a.id).not.toBe(ids.b.id);
  });

  it('gives the same results as every other engine', () => {
    const others = [...results.keys()].filter((k) => !k.startsWith(`${engine.name}:`));
    for (const k of others) {
      const mine = results.get(k.replace(/^[^:]+:/, `${engine.name}:`));
      if (k.endsWith(':hits')) continue; // ids differ between runs; facets and stats carry the comparison
      expect(mine).toEqual(results.get(k));
    }
  });
});
