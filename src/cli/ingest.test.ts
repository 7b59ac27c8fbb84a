import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { DemoResult } from '../app/demo.js';
import type { ClaimView, IncidentView, IngestResult, StatsResult } from '../app/index.js';
import type { Page } from '../core/ports.js';
import type { Incident } from '../core/incident.js';
import type { ExtractionResult } from '../core/proposal.js';
import { cliHarness, type CliHarness } from './testing.js';

/**
 * A made-up report with the shape of real ones: an NGO's figures, its director's statement
 * relayed by an agency, and an official denial relayed by a radio station.
 */
const TEXT = [
  'At least five people were killed on Friday and 18 detained in a police raid on a village near Nazran, Ingushetia, the Highland Rights Committee said.',
  'Zarema Evloeva, the director of the Highland Rights Committee, told Northwind Agency that the detainees were held without charge.',
  'However, a spokesperson for the regional interior ministry denied the allegations, Radio Delta reported.',
  '“Nobody was detained in the village,” said spokesperson Adam Tsechoev.',
].join('\n\n');
const PUBLISHED = '2024-06-10';

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'vigil-ingest-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

let cli: CliHarness;
beforeEach(async () => {
  cli = await cliHarness();
});
afterEach(async () => {
  await cli.close();
});

async function file(name: string, content: string | Buffer): Promise<string> {
  const p = path.join(dir, name);
  await writeFile(p, content);
  return p;
}

const totals = async (h: CliHarness) => ({
  sources: (await h.json<Page<unknown>>(['source', 'list', '--limit', '1'])).total,
  incidents: (await h.json<Page<unknown>>(['incident', 'list', '--limit', '1'])).total,
  claims: (await h.json<Page<unknown>>(['claim', 'list', '--limit', '1'])).total,
});

describe('vigil extract', () => {
  it('prints the proposal as JSON, and as a readable summary, storing nothing', async () => {
    const f = await file('raid.txt', TEXT);
    const p = await cli.json<ExtractionResult>(['extract', f, '--published', PUBLISHED, '--outlet', 'Daily Ledger']);
    expect(p.source).toMatchObject({ published: PUBLISHED, outlet: 'Daily Ledger' });
    expect(p.incidents.map((i) => [i.act, i.count.qualifier, i.count.value])).toEqual(
      expect.arrayContaining([
        ['killing', 'at_least', 5],
        ['detention', 'exact', 18],
      ]),
    );
    expect(p.statements.some((s) => s.stance === 'denies' && s.reported_by === 'Radio Delta')).toBe(true);

    const text = await cli.run(['extract', f, '--published', PUBLISHED, '--title', 'Raid near Nazran']);
    expect(text.code).toBe(0);
    expect(text.stdout).toContain('Proposed from “Raid near Nazran”, published 2024-06-10');
    expect(text.stdout).toMatch(/1\. killing — at least 5 — 7 June 2024 — \S/);
    expect(text.stdout).toMatch(/detention — 18 — 7 June 2024/);
    expect(text.stdout).toMatch(/denies, relayed by Radio Delta/);
    expect(text.stdout).toMatch(/Zarema Evloeva \([^)]*Highland Rights Committee\) alleges/);
    expect(await totals(cli)).toEqual({ sources: 0, incidents: 0, claims: 0 });
  });

  it('reads stdin for -', async () => {
    const p = await cli.run(['extract', '-', '--published', PUBLISHED, '--json'], { stdin: TEXT });
    expect(p.code).toBe(0);
    expect((JSON.parse(p.stdout) as ExtractionResult).incidents.length).toBeGreaterThan(0);
  });

  it('exits 2 on bad input: a future or malformed date, an empty or binary file, no --published, a missing file', async () => {
    const f = await file('ok.txt', TEXT);
    const empty = await file('empty.txt', '');
    const blank = await file('blank.txt', ' \n\n \t\n');
    const binary = await file('binary.dat', Buffer.from(Array.from({ length: 4000 }, (_, i) => (i * 37) % 256)));
    const long = await file('long.txt', 'a'.repeat(2_000_001));
    const cases: [string[], RegExp][] = [
      [['extract', f, '--published', '2099-01-01'], /published: is in the future/],
      [['extract', f, '--published', '2024-02-30'], /published/],
      [['extract', f, '--published', '10/06/2024'], /published/],
      [['extract', empty, '--published', PUBLISHED], /text: is empty/],
      [['extract', blank, '--published', PUBLISHED], /text: is empty/],
      [['extract', binary, '--published', PUBLISHED], /text: looks like binary/],
      [['extract', f], /required option '--published/],
      [['extract', path.join(dir, 'missing.txt'), '--published', PUBLISHED], /FILE_UNREADABLE/],
      [['ingest', binary, '--published', PUBLISHED], /text: looks like binary/],
      [['ingest', long, '--published', PUBLISHED], /text: is longer than 2000000 characters/],
      [['ingest', empty, '--published', PUBLISHED], /text: is empty/],
      [['ingest', f, '--published', '2099-01-01'], /published: is in the future/],
      [['ingest', f, '--published', PUBLISHED, '--kind', 'rumour'], /--kind/],
    ];
    for (const [args, err] of cases) {
      const r = await cli.run(args);
      expect(r.code, args.join(' ')).toBe(2);
      expect(r.stderr, args.join(' ')).toMatch(err);
    }
    expect(await totals(cli)).toEqual({ sources: 0, incidents: 0, claims: 0 });
  });
});

describe('vigil ingest and review', () => {
  it('stores the text once with its proposals, which count only after review', async () => {
    const f = await file('raid.txt', TEXT);
    const first = await cli.json<IngestResult>(['ingest', f, '--published', PUBLISHED, '--outlet', 'Daily Ledger', '--title', 'Raid near Nazran']);
    expect(first.created).toBe(true);
    expect(first.source).toMatchObject({ title: 'Raid near Nazran', outlet: 'Daily Ledger', publishedAt: PUBLISHED, kind: 'news_article', text: TEXT });
    expect(first.incidents.length).toBeGreaterThan(0);
    expect(first.claims.every((c) => c.review === 'proposed')).toBe(true);
    expect((await cli.json<StatsResult>(['stats'])).cells).toEqual([]);
    const proposed = await cli.json<Page<Incident>>(['incident', 'list', '--review', 'proposed']);
    expect(proposed.items.map((i) => i.id).sort()).toEqual(first.incidents.map((i) => i.id).sort());

    // The same text again (here from stdin, with other line endings): nothing new.
    const again = await cli.run(['ingest', '-', '--published', PUBLISHED], { stdin: TEXT.replace(/\n/g, '\r\n') });
    expect(again.code).toBe(0);
    expect(again.stdout).toContain(`source ${first.source.id} already holds this text: nothing new stored`);
    for (const c of first.claims) expect(again.stdout).toContain(c.id);
    expect(await totals(cli)).toEqual({ sources: 1, incidents: first.incidents.length, claims: first.claims.length });

    const accepted = await cli.run(['review', 'source', first.source.id, 'accept']);
    expect(accepted).toMatchObject({ code: 0, stdout: `source ${first.source.id}: ${first.claims.length} claim(s) and ${first.incidents.length} incident(s) accepted\n` });
    const raid = first.incidents.find((i) => i.acts.some((a) => a.type === 'killing'))!;
    const view = await cli.json<IncidentView>(['incident', 'show', raid.id]);
    expect(view.incident).toMatchObject({ review: 'accepted', status: 'contested' });
    expect(view.incident.acts.find((a) => a.type === 'killing')?.reconciled).toMatchObject({ low: 5 });
    expect(view.incident.acts.find((a) => a.type === 'detention')?.reconciled).toMatchObject({ low: 18, high: 18 });
    expect(view.timeline.some((v) => v.claim.stance === 'denies' && v.relay?.name === 'Radio Delta')).toBe(true);
    expect((await cli.json<StatsResult>(['stats'])).totals.find((t) => t.actType === 'killing')?.low).toBe(5);
  });

  it('prints the source id, the proposals and whether the text was new', async () => {
    const f = await file('short.txt', 'Police detained 12 activists in Grozny on Monday, the Daily Ledger reported.');
    const r = await cli.run(['ingest', f, '--published', PUBLISHED, '--kind', 'ngo_report']);
    expect(r.code).toBe(0);
    const [source] = (await cli.json<Page<{ id: string; kind: string }>>(['source', 'list'])).items;
    expect(source?.kind).toBe('ngo_report');
    expect(r.stdout).toContain(`stored source ${source?.id} (new)`);
    const [incident] = (await cli.json<Page<Incident>>(['incident', 'list', '--review', 'proposed'])).items;
    expect(r.stdout).toMatch(/proposed incidents \(1\):/);
    expect(r.stdout).toContain(incident?.id);
    expect(r.stdout).toMatch(/proposed claims \(\d+\):/);
    expect(r.stdout).toContain(`vigil review source ${source?.id} accept|reject`);

    // An incident rejected on its own takes its proposed claims with it.
    const rejected = await cli.run(['incident', 'reject', incident!.id]);
    expect(rejected).toMatchObject({ code: 0, stdout: `incident ${incident!.id} rejected (status unverified)\n` });
    expect((await cli.json<Page<unknown>>(['claim', 'list', '--incident', incident!.id, '--review', 'proposed'])).total).toBe(0);
    expect((await cli.json<Page<Incident>>(['incident', 'list', '--review', 'rejected'])).items.map((i) => i.id)).toEqual([incident!.id]);
    expect((await cli.json<Incident>(['incident', 'accept', incident!.id])).review).toBe('accepted');
  });

  it('exits 2 on a bad decision or an unknown record', async () => {
    const missing = '00000000-0000-4000-8000-000000000000';
    expect((await cli.run(['review', 'source', missing, 'maybe'])).code).toBe(2);
    expect((await cli.run(['review', 'source', missing, 'accept'])).stderr).toMatch(/^error: SOURCE_NOT_FOUND/);
    expect((await cli.run(['incident', 'accept', missing])).code).toBe(2);
    expect((await cli.run(['incident', 'list', '--review', 'maybe'])).code).toBe(2);
  });
});

// ---- the worked example: the extractor on the seed article, against its expected reading and the demo ----

const REPO = fileURLToPath(new URL('../../', import.meta.url));
const SEED_TXT = path.resolve(REPO, '../shared/samples/extraction/seed.txt');
const SEED_JSON = path.resolve(REPO, '../shared/samples/extraction/seed.expected.json');
const haveSeed = existsSync(SEED_TXT) && existsSync(SEED_JSON);
if (!haveSeed) console.warn(`[vigil tests] seed check skipped: ${SEED_TXT} or seed.expected.json not found (the shared samples are not checked out next to the repository)`);

interface ExpectedSeed {
  source: { title: string; outlet: string };
  incidents: ExtractionResult['incidents'];
  statements: ExtractionResult['statements'];
}

const sorted = (xs: unknown[]): string[] => xs.map((x) => JSON.stringify(x)).sort();
const incidentKeys = (xs: ExtractionResult['incidents']) =>
  sorted(xs.map((i) => ({ act: i.act, count: [i.count.qualifier, i.count.value, i.count.min, i.count.max], date: [i.date.start, i.date.end, i.date.precision] })));
const statementKeys = (xs: ExtractionResult['statements']) => sorted(xs.map((s) => ({ speaker: s.speaker, stance: s.stance, reported_by: s.reported_by })));

const LGBT_NETWORK = 'Russian LGBT Network';
const voicedBy = (v: ClaimView, name: string): boolean => [v.speaker?.name, v.organisation?.name, v.relay?.name].includes(name);

/** What the worked example must show, whether typed in (the demo) or read from the article. */
function expectCrackdown(view: IncidentView, label: string): void {
  const act = (t: string) => view.incident.acts.find((a) => a.type === t);
  const killing = act('killing');
  const detention = act('detention');
  expect(view.incident.status, label).toBe('contested');
  expect(killing?.reconciled.low, label).toBeGreaterThanOrEqual(2);
  expect(detention?.reconciled, label).toMatchObject({ count: { qualifier: 'exact', value: 40 }, low: 40, high: 40 });
  // Side by side: the Network's figure of 40 supporting the detention, and against it the
  // spokesperson's denial relayed by RT (the demo files the denial under the detention; a
  // denial read from text names no act, so ingest files it under the incident as a whole).
  const all = [view.incidentClaims, ...Object.values(view.actClaims)];
  expect(view.actClaims[detention?.id ?? '']?.supporting.some((v) => voicedBy(v, LGBT_NETWORK) && v.claim.asserts.count?.value === 40), label).toBe(true);
  expect(all.some((s) => s.denying.some((v) => v.relay?.name === 'RT' && v.speaker?.name === 'Alvi Kraimov')), label).toBe(true);
}

describe('the seed article', () => {
  it.skipIf(!haveSeed)('is read as its expected reading, and ingested and accepted it shows what the demo shows', { timeout: 60_000 }, async () => {
    const expected = JSON.parse(await readFile(SEED_JSON, 'utf8')) as ExpectedSeed;
    const p = await cli.json<ExtractionResult>(['extract', SEED_TXT, '--published', '2019-01-14']);
    // Soft: a difference in the reading is reported without hiding what the rest of the test finds.
    expect.soft(incidentKeys(p.incidents), 'incidents: act, count, date').toEqual(incidentKeys(expected.incidents));
    expect.soft(statementKeys(p.statements), 'statements: speaker, stance, reported_by').toEqual(statementKeys(expected.statements));

    const r = await cli.json<IngestResult>(['ingest', SEED_TXT, '--published', '2019-01-14', '--outlet', expected.source.outlet, '--title', expected.source.title]);
    expect(r.created).toBe(true);
    expect((await cli.run(['review', 'source', r.source.id, 'accept'])).code).toBe(0);
    const crackdown = r.incidents.find((i) => i.acts.some((a) => a.type === 'killing') && i.date.start !== null && i.date.start >= '2018-12-01');
    expect(crackdown).toBeDefined();
    expectCrackdown(await cli.json<IncidentView>(['incident', 'show', crackdown!.id]), 'ingested');

    const demo = await cli.json<DemoResult>(['demo']);
    expectCrackdown(await cli.json<IncidentView>(['incident', 'show', demo.incidentId]), 'demo');
  });
});
