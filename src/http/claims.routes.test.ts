import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestHttp, call, create, incidentInput, sourceInput, type TestHttp } from './testing.js';

let t: TestHttp;
beforeAll(async () => {
  t = await buildTestHttp();
});
afterAll(async () => {
  await t.close();
});

interface ClaimJson {
  id: string;
  sourceId: string;
  incidentId: string | null;
  actId: string | null;
  stance: string;
  about: string;
  quote: string | null;
  review: string;
  asserts: { count: { qualifier: string; value: number | null } | null };
}
interface IncidentJson {
  id: string;
  status: string;
  acts: { id: string; type: string; reconciled: { low: number } }[];
}

async function fixture() {
  const s = await create(t.http, '/sources', sourceInput());
  const i = await create<IncidentJson>(t.http, '/incidents', incidentInput());
  const killing = i.acts.find((a) => a.type === 'killing');
  const detention = i.acts.find((a) => a.type === 'detention');
  if (!killing || !detention) throw new Error('fixture acts missing');
  return { s, i, killing, detention };
}

const viewOf = async (id: string) => (await call(t.http, 'GET', `/incidents/${id}`)).json<{ incident: IncidentJson }>().incident;

describe('claims', () => {
  it('round-trips: create (incident filled from the act), get, list by incident, patch, delete', async () => {
    const { http } = t;
    const { s, i, killing, detention } = await fixture();
    const c = await create<ClaimJson>(http, '/claims', {
      sourceId: s.id,
      actId: killing.id,
      stance: 'alleges',
      about: 'Two men died after torture',
      quote: 'two men died',
      asserts: { count: { qualifier: 'exact', value: 2 } },
      evidence: { start: 0, end: 10 },
    });
    expect(c.incidentId).toBe(i.id);
    expect((await call(http, 'GET', `/claims/${c.id}`)).json()).toEqual(c);
    const list = (await call(http, 'GET', `/claims?incidentId=${i.id}`)).json<{ items: ClaimJson[]; total: number }>();
    expect(list.items.map((x) => x.id)).toEqual([c.id]);
    expect((await viewOf(i.id)).status).toBe('alleged');

    // A patch of the quote alone keeps the incident, act, count and review.
    const patched = (await call(http, 'PATCH', `/claims/${c.id}`, { quote: 'two men died after torture' })).json<ClaimJson>();
    expect(patched).toMatchObject({ incidentId: i.id, actId: killing.id, review: 'accepted', about: c.about, asserts: c.asserts, quote: 'two men died after torture' });

    // Moving the claim to another act of the same incident, naming only the act.
    const moved = (await call(http, 'PATCH', `/claims/${c.id}`, { actId: detention.id })).json<ClaimJson>();
    expect(moved).toMatchObject({ incidentId: i.id, actId: detention.id });

    expect((await call(http, 'DELETE', `/claims/${c.id}`)).statusCode).toBe(204);
    expect((await call(http, 'GET', `/claims/${c.id}`)).json()).toMatchObject({ error: { code: 'CLAIM_NOT_FOUND' } });
    expect((await viewOf(i.id)).status).toBe('unverified');
  });

  it('reviews a proposed claim: only accepted claims count, and the claim keeps its incident', async () => {
    const { http } = t;
    const { s, i, killing } = await fixture();
    const c = await create<ClaimJson>(http, '/claims', {
      sourceId: s.id,
      incidentId: i.id,
      actId: killing.id,
      stance: 'alleges',
      about: 'at least 3 killed',
      asserts: { count: { qualifier: 'at_least', value: 3 } },
      review: 'proposed',
    });
    expect((await viewOf(i.id)).status).toBe('unverified');

    const accepted = await call(http, 'POST', `/claims/${c.id}/review`, { decision: 'accepted' });
    expect(accepted.statusCode).toBe(200);
    expect(accepted.json()).toMatchObject({ review: 'accepted', incidentId: i.id, actId: killing.id, asserts: c.asserts });
    const after = await viewOf(i.id);
    expect(after.status).toBe('alleged');
    expect(after.acts.find((a) => a.id === killing.id)?.reconciled.low).toBe(3);

    const rejected = (await call(http, 'POST', `/claims/${c.id}/review`, { decision: 'rejected' })).json<ClaimJson>();
    expect(rejected).toMatchObject({ review: 'rejected', incidentId: i.id });
    expect((await viewOf(i.id)).status).toBe('unverified');

    const bad = await call(http, 'POST', `/claims/${c.id}/review`, { decision: 'maybe' });
    expect(bad.statusCode).toBe(400);
    expect(bad.json()).toMatchObject({ error: { code: 'VALIDATION_FAILED', fields: [{ path: 'decision' }] } });
  });

  it('lists by stance and review', async () => {
    const { http } = t;
    const { s, i } = await fixture();
    await create(http, '/claims', { sourceId: s.id, incidentId: i.id, stance: 'denies', about: 'nothing happened' });
    const denials = (await call(http, 'GET', `/claims?incidentId=${i.id}&stance=denies`)).json<{ items: ClaimJson[] }>();
    expect(denials.items.map((c) => c.stance)).toEqual(['denies']);
    const proposed = (await call(http, 'GET', `/claims?incidentId=${i.id}&review=proposed`)).json<{ total: number }>();
    expect(proposed.total).toBe(0);
  });
});
