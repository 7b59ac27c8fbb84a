import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp, randomIds, systemClock, type VigilApp } from '../../src/app/index.js';
import type { Store } from '../../src/core/ports.js';
import { testEngines } from '../../src/db/testing.js';

/** Partial updates change what they name and nothing else. */
describe.each(testEngines())('updates on $name', (engine) => {
  let store: Store;
  let app: VigilApp;
  beforeAll(async () => {
    store = await engine.open();
    app = createApp({ store, clock: systemClock, ids: randomIds });
    await app.ensureDefaultCollection();
  });
  afterAll(async () => {
    await store?.close();
  });

  it('renaming an incident keeps its acts, summary and claims', async () => {
    const src = await app.createSource({ kind: 'ngo_report', title: 'Report' });
    const inc = await app.createIncident({ title: 'Raid', summary: 'A raid on a shelter.', acts: [{ type: 'raid' }, { type: 'detention' }] });
    const claim = await app.addClaim({ sourceId: src.id, actId: inc.acts[1]!.id, stance: 'alleges', about: 'seven detained', asserts: { count: { qualifier: 'exact', value: 7 } } });
    const renamed = await app.updateIncident({ id: inc.id, patch: { title: 'Raid on a shelter' } });
    expect(renamed.title).toBe('Raid on a shelter');
    expect(renamed.summary).toBe('A raid on a shelter.');
    expect(renamed.acts.map((a) => a.id)).toEqual(inc.acts.map((a) => a.id));
    expect(renamed.acts[1]!.reconciled.low).toBe(7);
    expect((await app.getClaim(claim.id)).actId).toBe(inc.acts[1]!.id);
  });

  it('reviewing a claim keeps it on its incident and act', async () => {
    const src = await app.createSource({ kind: 'news_article', title: 'Article' });
    const inc = await app.createIncident({ title: 'Detentions', acts: [{ type: 'detention' }] });
    const claim = await app.addClaim({ sourceId: src.id, actId: inc.acts[0]!.id, stance: 'alleges', about: 'twelve detained', review: 'proposed', asserts: { count: { qualifier: 'exact', value: 12 } } });
    expect((await app.getIncident(inc.id)).status).toBe('unverified');
    const accepted = await app.reviewClaim({ id: claim.id, decision: 'accepted' });
    expect(accepted).toMatchObject({ incidentId: inc.id, actId: inc.acts[0]!.id, review: 'accepted', about: 'twelve detained' });
    const after = await app.getIncident(inc.id);
    expect(after.status).toBe('alleged');
    expect(after.acts[0]!.reconciled.low).toBe(12);
  });

  it('removing an act that claims are about is refused and changes nothing', async () => {
    const src = await app.createSource({ kind: 'news_article', title: 'Article' });
    const inc = await app.createIncident({ title: 'Beatings', acts: [{ type: 'ill_treatment' }] });
    await app.addClaim({ sourceId: src.id, actId: inc.acts[0]!.id, stance: 'alleges', about: 'beaten' });
    await expect(app.updateIncident({ id: inc.id, patch: { acts: [] } })).rejects.toMatchObject({ code: 'IN_USE' });
    expect((await app.getIncident(inc.id)).acts).toHaveLength(1);
  });
});
