import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestHttp, call, snapshotTotals, type TestHttp } from './testing.js';

/**
 * A made-up report with the shape of real ones: an NGO's figures, a relay of its statement by
 * a news agency, and an official denial relayed by another outlet.
 */
const TEXT = [
  'At least four people were killed on Tuesday and 30 detained when police broke up a protest in Makhachkala, Dagestan, the Caspian Rights Centre said.',
  'Amina Gadzhieva, the head of the Caspian Rights Centre, told Northwind Agency that the detainees were beaten at the police station.',
  'However, a spokesperson for the regional interior ministry denied the allegations, Radio Delta reported.',
  '“No one was killed and no one was beaten,” said spokesperson Timur Aliev.',
].join('\n\n');

const PUBLISHED = '2024-05-02';

interface CountJson {
  qualifier: string;
  value: number | null;
}
interface ProposalJson {
  source: { published: string; outlet: string | null; title: string | null };
  incidents: { act: string; count: CountJson; date: { start: string | null; precision: string }; evidence: { start: number; end: number } }[];
  statements: { speaker: string | null; stance: string; reported_by: string | null; organisation: string | null }[];
}
interface IncidentJson {
  id: string;
  review: string;
  status: string;
  acts: { id: string; type: string; reconciled: { low: number; high: number | null } }[];
}
interface ClaimJson {
  id: string;
  review: string;
  sourceId: string;
  incidentId: string | null;
  evidence: { start: number; end: number } | null;
}
interface IngestJson {
  created: boolean;
  source: { id: string; title: string; outlet: string | null; publishedAt: string; text: string | null };
  incidents: IncidentJson[];
  claims: ClaimJson[];
  proposal: ProposalJson;
}
interface ErrorJson {
  error: { code: string; fields: { path: string; message: string }[] };
}

let t: TestHttp;
beforeAll(async () => {
  t = await buildTestHttp();
});
afterAll(async () => {
  await t.close();
});

const badPath = (res: { json<T>(): T }) => res.json<ErrorJson>().error.fields.map((f) => f.path);

describe('POST /extract', () => {
  it('proposes incidents and attributed statements and stores nothing', async () => {
    const before = await snapshotTotals(t.http);
    const res = await call(t.http, 'POST', '/extract', { text: TEXT, published: PUBLISHED, outlet: 'Daily Ledger' });
    expect(res.statusCode).toBe(200);
    const p = res.json<ProposalJson>();
    expect(p.source).toMatchObject({ published: PUBLISHED, outlet: 'Daily Ledger' });
    expect(p.incidents.map((i) => [i.act, i.count.qualifier, i.count.value])).toEqual(
      expect.arrayContaining([
        ['killing', 'at_least', 4],
        ['detention', 'exact', 30],
      ]),
    );
    expect(p.statements.some((s) => s.stance === 'denies' && s.reported_by === 'Radio Delta')).toBe(true);
    expect(p.statements.some((s) => s.speaker === 'Amina Gadzhieva' && s.organisation === 'Caspian Rights Centre')).toBe(true);
    expect(await snapshotTotals(t.http)).toEqual(before);
  });

  it('refuses bad input with 400 naming the field', async () => {
    const cases: [Record<string, unknown>, string][] = [
      [{ text: '', published: PUBLISHED }, 'text'],
      [{ text: '  \n ', published: PUBLISHED }, 'text'],
      [{ text: 'binary\u0000data'.repeat(10), published: PUBLISHED }, 'text'],
      [{ text: 'x\u0001\u0002\u0003\u0004'.repeat(100), published: PUBLISHED }, 'text'],
      [{ text: TEXT, published: '2099-01-01' }, 'published'],
      [{ text: TEXT, published: '2024-02-30' }, 'published'],
      [{ text: TEXT, published: '02/05/2024' }, 'published'],
      [{ text: TEXT }, 'published'],
    ];
    for (const [body, path] of cases) {
      const res = await call(t.http, 'POST', '/extract', body);
      expect(res.statusCode, JSON.stringify(body).slice(0, 80)).toBe(400);
      expect(res.json<ErrorJson>().error.code).toBe('VALIDATION_FAILED');
      expect(badPath(res)).toContain(path);
    }
  });
});

describe('POST /sources/ingest and review', () => {
  let first: IngestJson;

  it('refuses bad input with 400 naming the field, and stores nothing', async () => {
    const before = await snapshotTotals(t.http);
    const cases: [Record<string, unknown>, string][] = [
      [{ text: '', published: PUBLISHED }, 'text'],
      [{ text: '\u0000\u0001\u0002binary', published: PUBLISHED }, 'text'],
      [{ text: 'x\u0001\u0002\u0003\u0004'.repeat(100), published: PUBLISHED }, 'text'],
      // Fits in the 5 MiB body limit, so the text is refused by its own limit: 400, not 413.
      [{ text: 'a'.repeat(2_000_001), published: PUBLISHED }, 'text'],
      [{ text: TEXT, published: '2099-01-01' }, 'published'],
      [{ text: TEXT, published: 'yesterday' }, 'published'],
    ];
    for (const [body, path] of cases) {
      const res = await call(t.http, 'POST', '/sources/ingest', body);
      expect(res.statusCode, JSON.stringify(body).slice(0, 80)).toBe(400);
      expect(res.json<ErrorJson>().error.code).toBe('VALIDATION_FAILED');
      expect(badPath(res)).toContain(path);
    }
    expect(await snapshotTotals(t.http)).toEqual(before);
  });

  it('stores the text with its proposals (201), and the same text again only once (200)', async () => {
    const res = await call(t.http, 'POST', '/sources/ingest', { text: TEXT, published: PUBLISHED, outlet: 'Daily Ledger', title: 'Protest broken up in Makhachkala' });
    expect(res.statusCode).toBe(201);
    first = res.json<IngestJson>();
    expect(res.headers['location']).toBe(`/api/v1/sources/${first.source.id}`);
    expect(first.created).toBe(true);
    expect(first.source).toMatchObject({ title: 'Protest broken up in Makhachkala', outlet: 'Daily Ledger', publishedAt: PUBLISHED, text: TEXT });
    expect(first.incidents.length).toBeGreaterThan(0);
    expect(first.incidents.every((i) => i.review === 'proposed' && i.status === 'unverified')).toBe(true);
    expect(first.claims.length).toBeGreaterThan(0);
    for (const c of first.claims) {
      expect(c).toMatchObject({ review: 'proposed', sourceId: first.source.id });
      expect(c.evidence).not.toBeNull();
    }
    expect(first.proposal.incidents.length).toBeGreaterThanOrEqual(2);

    // Nothing proposed counts yet.
    expect((await call(t.http, 'GET', '/stats')).json<{ cells: unknown[] }>().cells).toEqual([]);
    const proposed = (await call(t.http, 'GET', '/incidents?review=proposed')).json<{ items: IncidentJson[]; total: number }>();
    expect(proposed.items.map((i) => i.id).sort()).toEqual(first.incidents.map((i) => i.id).sort());
    expect((await call(t.http, 'GET', '/incidents?review=accepted')).json<{ total: number }>().total).toBe(0);

    const before = await snapshotTotals(t.http);
    const again = await call(t.http, 'POST', '/sources/ingest', { text: `${TEXT}\n`, published: PUBLISHED, outlet: 'Daily Ledger' });
    expect(again.statusCode).toBe(200);
    const second = again.json<IngestJson>();
    expect(second.created).toBe(false);
    expect(second.source.id).toBe(first.source.id);
    expect(again.headers['location']).toBe(`/api/v1/sources/${first.source.id}`);
    expect(second.claims.map((c) => c.id).sort()).toEqual(first.claims.map((c) => c.id).sort());
    expect(await snapshotTotals(t.http)).toEqual(before);
  });

  it('accepting the source makes the figures count, the denial included', async () => {
    const res = await call(t.http, 'POST', `/sources/${first.source.id}/review`, { decision: 'accepted' });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ claims: first.claims.length, incidents: first.incidents.length });
    expect((await call(t.http, 'GET', '/incidents?review=proposed')).json<{ total: number }>().total).toBe(0);

    const raid = first.incidents.find((i) => i.acts.some((a) => a.type === 'killing'))!;
    const view = (await call(t.http, 'GET', `/incidents/${raid.id}`)).json<{
      incident: IncidentJson;
      timeline: { claim: { stance: string }; relay: { name: string } | null }[];
    }>();
    expect(view.incident.review).toBe('accepted');
    expect(view.incident.status).toBe('contested');
    expect(view.incident.acts.find((a) => a.type === 'killing')?.reconciled).toMatchObject({ low: 4 });
    expect(view.incident.acts.find((a) => a.type === 'detention')?.reconciled).toMatchObject({ low: 30, high: 30 });
    expect(view.timeline.some((v) => v.claim.stance === 'denies' && v.relay?.name === 'Radio Delta')).toBe(true);

    // A second review finds nothing left to decide.
    expect((await call(t.http, 'POST', `/sources/${first.source.id}/review`, { decision: 'rejected' })).json()).toEqual({ claims: 0, incidents: 0 });
  });

  it('rejects a proposed incident, and what is still proposed on it', async () => {
    const res = await call(t.http, 'POST', '/sources/ingest', { text: 'Police detained 12 activists in Grozny on Monday, the Daily Ledger reported.', published: PUBLISHED });
    expect(res.statusCode).toBe(201);
    const inc = res.json<IngestJson>().incidents[0]!;
    const rejected = await call(t.http, 'POST', `/incidents/${inc.id}/review`, { decision: 'rejected' });
    expect(rejected.statusCode).toBe(200);
    expect(rejected.json<IncidentJson>()).toMatchObject({ id: inc.id, review: 'rejected' });
    expect((await call(t.http, 'GET', `/claims?incidentId=${inc.id}&review=proposed`)).json<{ total: number }>().total).toBe(0);
    expect((await call(t.http, 'GET', '/incidents?review=rejected')).json<{ items: IncidentJson[] }>().items.map((i) => i.id)).toEqual([inc.id]);
  });

  it('refuses a bad decision (400) and unknown records (404)', async () => {
    const missing = '00000000-0000-4000-8000-000000000000';
    const bad = await call(t.http, 'POST', `/sources/${first.source.id}/review`, { decision: 'maybe' });
    expect(bad.statusCode).toBe(400);
    expect(badPath(bad)).toEqual(['decision']);
    expect((await call(t.http, 'POST', `/incidents/${missing}/review`, { decision: 'accepted' })).json<ErrorJson>().error.code).toBe('INCIDENT_NOT_FOUND');
    expect((await call(t.http, 'POST', `/sources/${missing}/review`, { decision: 'accepted' })).json<ErrorJson>().error.code).toBe('SOURCE_NOT_FOUND');
    expect((await call(t.http, 'POST', `/incidents/${missing}/review`, { decision: 'accepted' })).statusCode).toBe(404);
    expect((await call(t.http, 'GET', '/incidents?review=maybe')).statusCode).toBe(400);
  });
});
