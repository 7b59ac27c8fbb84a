import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestHttp, call, create, incidentInput, placeIdByName, sourceInput, type TestHttp } from './testing.js';

interface ActJson {
  id: string;
  type: string;
  placeId: string | null;
  involvements: { actorId: string; degree: string }[];
  reconciled: { low: number; high: number | null; claimIds: string[]; denialClaimIds: string[]; conflict: boolean };
}
interface IncidentJson {
  id: string;
  title: string;
  summary: string;
  status: string;
  placeId: string | null;
  tags: string[];
  acts: ActJson[];
}
interface ClaimViewJson {
  claim: { id: string; stance: string; actId: string | null };
  origin: string;
  speaker: { id: string; name: string; role: string | null } | null;
  organisation: { id: string; name: string } | null;
  relay: { id: string; name: string } | null;
  source: { id: string; title: string; outlet: string | null } | null;
}
interface SidesJson {
  supporting: ClaimViewJson[];
  denying: ClaimViewJson[];
  other: ClaimViewJson[];
}
interface ViewJson {
  incident: IncidentJson;
  incidentClaims: SidesJson;
  actClaims: Record<string, SidesJson>;
  timeline: ClaimViewJson[];
}

let t: TestHttp;
beforeAll(async () => {
  t = await buildTestHttp();
});
afterAll(async () => {
  await t.close();
});

const actOf = (i: IncidentJson, type: string): ActJson => {
  const a = i.acts.find((x) => x.type === type);
  if (!a) throw new Error(`no ${type} act`);
  return a;
};

describe('the Chechnya flow: an NGO alleges, a spokesperson denies through RT', () => {
  it('shows the incident contested, the killing reconciled at ≥ 2, and both sides with source and relay', async () => {
    const { http } = t;
    const mt = await create(http, '/sources', sourceInput());
    const network = await create(http, '/actors', { kind: 'organisation', name: 'Russian LGBT Network', nameRu: 'Российская ЛГБТ-сеть', organisationType: 'ngo' });
    const director = await create(http, '/actors', { kind: 'person', name: 'Programme director (pseudonym)', parentId: network.id, role: 'programme director' });
    const rt = await create(http, '/actors', { kind: 'organisation', name: 'RT', organisationType: 'media' });
    const government = await create(http, '/actors', { kind: 'organisation', name: 'Government of the Chechen Republic', organisationType: 'government' });
    const spokesperson = await create(http, '/actors', { kind: 'person', name: 'Government spokesperson', parentId: government.id, role: 'spokesperson' });

    const chechnya = await placeIdByName(http, 'Chechnya', 'RU-CE');
    const incident = await create<IncidentJson>(
      http,
      '/incidents',
      incidentInput({
        placeId: chechnya,
        acts: [
          { type: 'killing', victims: 'detainees', involvements: [{ actorId: government.id, degree: 'ordered' }] },
          { type: 'detention', victims: 'men and women perceived as LGBT', involvements: [{ actorId: government.id }] },
        ],
      }),
    );
    expect(incident.status).toBe('unverified');
    expect(incident.placeId).toBe(chechnya);
    const killing = actOf(incident, 'killing');
    const detention = actOf(incident, 'detention');
    expect(killing.involvements).toEqual([{ actorId: government.id, degree: 'ordered' }]);
    expect(detention.involvements).toEqual([{ actorId: government.id, degree: 'direct' }]);

    const alleged = await create(http, '/claims', {
      sourceId: mt.id,
      incidentId: incident.id,
      actId: killing.id,
      speakerId: director.id,
      stance: 'alleges',
      about: 'At least two people were killed',
      asserts: { count: { qualifier: 'at_least', value: 2 } },
    });
    await create(http, '/claims', {
      sourceId: mt.id,
      actId: detention.id,
      speakerId: director.id,
      stance: 'alleges',
      about: 'About 40 people were detained',
      asserts: { count: { qualifier: 'at_least', value: 40 } },
    });
    const denied = await create(http, '/claims', {
      sourceId: mt.id,
      incidentId: incident.id,
      actId: killing.id,
      speakerId: spokesperson.id,
      relayId: rt.id,
      stance: 'denies',
      about: 'The claim that two people were killed is absurd',
      quote: 'absurd',
    });

    const res = await call(http, 'GET', `/incidents/${incident.id}`);
    expect(res.statusCode).toBe(200);
    const view = res.json<ViewJson>();
    expect(view.incident.status).toBe('contested');
    const k = actOf(view.incident, 'killing');
    expect(k.reconciled.low).toBe(2);
    expect(k.reconciled.high).toBeNull();
    expect(k.reconciled.claimIds).toEqual([alleged.id]);
    expect(k.reconciled.denialClaimIds).toEqual([denied.id]);
    expect(actOf(view.incident, 'detention').reconciled.low).toBe(40);

    const sides = view.actClaims[killing.id];
    expect(sides?.supporting).toHaveLength(1);
    expect(sides?.denying).toHaveLength(1);
    const [support] = sides?.supporting ?? [];
    const [denial] = sides?.denying ?? [];
    expect(support?.claim.id).toBe(alleged.id);
    expect(support?.speaker?.name).toBe('Programme director (pseudonym)');
    expect(support?.organisation?.name).toBe('Russian LGBT Network');
    expect(support?.source?.outlet).toBe('The Moscow Times');
    expect(support?.relay).toBeNull();
    expect(denial?.claim.id).toBe(denied.id);
    expect(denial?.speaker?.role).toBe('spokesperson');
    expect(denial?.organisation?.name).toBe('Government of the Chechen Republic');
    expect(denial?.relay?.name).toBe('RT');
    expect(denial?.source?.title).toBe(mt['title']);
    expect(view.actClaims[detention.id]?.supporting).toHaveLength(1);
    expect(view.timeline.map((c) => c.claim.stance)).toEqual(['alleges', 'alleges', 'denies']);
    expect(view.incidentClaims).toEqual({ supporting: [], denying: [], other: [] });
  });
});

describe('incident CRUD', () => {
  it('creates, reads, lists, patches and deletes', async () => {
    const { http } = t;
    const before = (await call(http, 'GET', '/incidents?limit=1')).json<{ total: number }>().total;
    const created = await create<IncidentJson>(http, '/incidents', incidentInput({ title: 'CRUD incident' }));
    const res = await call(http, 'GET', `/incidents/${created.id}`);
    expect(res.json<ViewJson>().incident).toMatchObject({ id: created.id, title: 'CRUD incident' });

    const list = (await call(http, 'GET', '/incidents?limit=500')).json<{ items: IncidentJson[]; total: number; limit: number; offset: number }>();
    expect(list.total).toBe(before + 1);
    expect(list.limit).toBe(500);
    expect(list.offset).toBe(0);
    expect(list.items.map((i) => i.id)).toContain(created.id);
    const byType = (await call(http, 'GET', '/incidents?actType=killing&limit=500')).json<{ items: IncidentJson[] }>();
    expect(byType.items.every((i) => i.acts.some((a) => a.type === 'killing'))).toBe(true);

    // A patch of the title alone keeps the acts, the summary and the tags.
    const patched = await call(http, 'PATCH', `/incidents/${created.id}`, { title: 'Renamed' });
    expect(patched.statusCode).toBe(200);
    const p = patched.json<IncidentJson>();
    expect(p.title).toBe('Renamed');
    expect(p.acts.map((a) => a.id).sort()).toEqual(created.acts.map((a) => a.id).sort());
    expect(p.summary).toBe(created.summary);
    expect(p.tags).toEqual(created.tags);

    // Replacing the acts: keep the killing by id, drop the detention, add a torture act.
    const killing = actOf(created, 'killing');
    const replaced = (
      await call(http, 'PATCH', `/incidents/${created.id}`, { acts: [{ id: killing.id, type: 'killing' }, { type: 'torture' }] })
    ).json<IncidentJson>();
    expect(replaced.acts.map((a) => a.type).sort()).toEqual(['killing', 'torture']);
    expect(actOf(replaced, 'killing').id).toBe(killing.id);

    expect((await call(http, 'DELETE', `/incidents/${created.id}`)).statusCode).toBe(204);
    const gone = await call(http, 'GET', `/incidents/${created.id}`);
    expect(gone.statusCode).toBe(404);
    expect(gone.json<{ error: { code: string } }>().error.code).toBe('INCIDENT_NOT_FOUND');
    expect((await call(http, 'GET', '/incidents?limit=1')).json<{ total: number }>().total).toBe(before);
  });

  it('refuses to drop an act that claims are about, and changes nothing', async () => {
    const { http } = t;
    const s = await create(http, '/sources', sourceInput({ title: 'Another article' }));
    const i = await create<IncidentJson>(http, '/incidents', incidentInput());
    const killing = actOf(i, 'killing');
    await create(http, '/claims', { sourceId: s.id, actId: killing.id, stance: 'alleges', about: 'a killing' });
    const res = await call(http, 'PATCH', `/incidents/${i.id}`, { title: 'changed', acts: [{ type: 'other' }] });
    expect(res.statusCode).toBe(409);
    expect(res.json()).toMatchObject({ error: { code: 'IN_USE', fields: [{ path: 'acts' }] } });
    const after = (await call(http, 'GET', `/incidents/${i.id}`)).json<ViewJson>().incident;
    expect(after.title).toBe(i.title);
    expect(after.acts.map((a) => a.id).sort()).toEqual(i.acts.map((a) => a.id).sort());
  });
});
