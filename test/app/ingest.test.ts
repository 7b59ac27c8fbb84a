import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp, randomIds, type VigilApp } from '../../src/app/index.js';
import type { Store } from '../../src/core/ports.js';
import { testEngines } from '../../src/db/testing.js';
import { extract } from '../../src/extract/index.js';

/** A made-up report with the shape of real ones: an NGO's figures, a relay, a denial. */
const TEXT = [
  'At least three people were killed on Saturday and 25 detained in a raid on a shelter in Dagestan, the Northern Watch rights group said.',
  'Ruslan Tamaev, the director of Northern Watch, said that the detentions were carried out by police officers.',
  'However, a regional government spokesperson denied the allegations, Interfax reported.',
  '“Nobody was detained,” said spokesperson Oleg Vasin.',
].join('\n\n');

const clock = { now: () => new Date('2024-03-12T10:00:00.000Z') };

describe.each(testEngines())('ingest on $name', (engine) => {
  let store: Store;
  let app: VigilApp;
  beforeAll(async () => {
    store = await engine.open();
    app = createApp({ store, clock, ids: randomIds, extractor: { extract } });
    await app.ensureDefaultCollection();
    await app.seedGazetteer();
  });
  afterAll(async () => {
    await store?.close();
  });

  it('extracts without storing anything', async () => {
    const p = await app.extractText({ text: TEXT, published: '2024-03-11', outlet: 'Daily Ledger' });
    expect(p.incidents.map((i) => [i.act, i.count.qualifier, i.count.value])).toEqual(expect.arrayContaining([['killing', 'at_least', 3], ['detention', 'exact', 25]]));
    expect((await app.listSources({})).total).toBe(0);
  });

  it('refuses bad input with the field at fault and stores nothing', async () => {
    await expect(app.ingestText({ text: TEXT, published: '2030-01-01' })).rejects.toMatchObject({ code: 'VALIDATION_FAILED', fields: [expect.objectContaining({ path: 'published' })] });
    await expect(app.ingestText({ text: '   ', published: '2024-03-11' })).rejects.toMatchObject({ code: 'VALIDATION_FAILED', fields: [expect.objectContaining({ path: 'text' })] });
    await expect(app.ingestText({ text: TEXT, published: '11/03/2024' })).rejects.toMatchObject({ code: 'VALIDATION_FAILED' });
    expect((await app.listSources({})).total).toBe(0);
    expect((await app.listIncidents({})).total).toBe(0);
  });

  it('stores the proposal for review, once, and counts nothing until it is accepted', async () => {
    const first = await app.ingestText({ text: TEXT, published: '2024-03-11', outlet: 'Daily Ledger', title: 'Raid on a shelter' });
    expect(first.created).toBe(true);
    expect(first.incidents.length).toBeGreaterThan(0);
    expect(first.claims.every((c) => c.review === 'proposed')).toBe(true);
    expect(first.incidents.every((i) => i.review === 'proposed' && i.status === 'unverified')).toBe(true);
    for (const c of first.claims) {
      expect(c.evidence).not.toBeNull();
      const span = TEXT.slice(c.evidence!.start, c.evidence!.end);
      expect(span.length).toBeGreaterThan(10);
    }
    expect((await app.stats({})).cells).toEqual([]);

    const again = await app.ingestText({ text: `${TEXT}\r\n`, published: '2024-03-11', outlet: 'Daily Ledger' });
    expect(again.created).toBe(false);
    expect(again.source.id).toBe(first.source.id);
    expect((await app.listSources({})).total).toBe(1);
    expect((await app.listClaims({})).total).toBe(first.claims.length);
  });

  it('accepting the source makes the figures count, the denial included', async () => {
    const source = (await app.listSources({})).items[0]!;
    const r = await app.reviewSource({ id: source.id, decision: 'accepted' });
    expect(r.claims).toBeGreaterThan(0);
    const incidents = (await app.listIncidents({ review: 'accepted' })).items;
    const raid = incidents.find((i) => i.acts.some((a) => a.type === 'killing'))!;
    expect(raid.status).toBe('contested');
    expect(raid.acts.find((a) => a.type === 'killing')?.reconciled).toMatchObject({ count: { qualifier: 'at_least', value: 3 }, low: 3 });
    expect(raid.acts.find((a) => a.type === 'detention')?.reconciled).toMatchObject({ low: 25, high: 25 });
    const view = await app.getIncidentView(raid.id);
    const all = view.timeline;
    expect(all.some((v) => v.claim.stance === 'denies' && v.relay?.name === 'Interfax')).toBe(true);
    expect(all.some((v) => v.speaker?.name === 'Ruslan Tamaev' && v.organisation?.name === 'Northern Watch')).toBe(true);
    const killing = (await app.stats({})).cells.find((c) => c.actType === 'killing');
    expect(killing).toMatchObject({ period: '2024-03', regionCode: 'RU-DA', low: 3 });
  });

  it('rejecting an incident rejects what is still proposed on it and keeps it out of statistics', async () => {
    const r = await app.ingestText({ text: 'Police detained 12 activists in Grozny on Monday, the Daily Ledger reported.', published: '2024-03-11' });
    const inc = r.incidents[0]!;
    const rejected = await app.reviewIncident({ id: inc.id, decision: 'rejected' });
    expect(rejected.review).toBe('rejected');
    expect((await app.listClaims({ incidentId: inc.id, review: 'proposed' })).total).toBe(0);
    expect((await app.stats({})).cells.filter((c) => c.regionCode === 'RU-CE')).toEqual([]);
  });
});
