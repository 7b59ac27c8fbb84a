import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { DemoResult } from '../app/demo.js';
import { exportRecords, importRecords, type ExportRecord, type ImportSummary } from '../app/exchange.js';
import type { IncidentView, StatsResult } from '../app/index.js';
import type { Page, SearchResult } from '../core/ports.js';
import type { Incident } from '../core/incident.js';
import type { Source } from '../core/source.js';
import { cliHarness, type CliHarness } from './testing.js';

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'vigil-cli-'));
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

describe('vigil demo', () => {
  it('gives stats with at least 2 killings and exactly 40 detentions in Chechnya for the crackdown', async () => {
    await cli.json<DemoResult>(['demo']);
    const all = await cli.json<StatsResult>(['stats']);
    const killing = all.totals.find((t) => t.actType === 'killing');
    expect(killing?.low).toBeGreaterThanOrEqual(2);
    const killingCell = all.cells.find((c) => c.actType === 'killing' && c.period === '2019-01' && c.regionCode === 'RU-CE');
    expect(killingCell?.low).toBeGreaterThanOrEqual(2);

    // The administrator's detention is part of the crackdown's figure, not counted again.
    const detention = all.cells.filter((c) => c.actType === 'detention' && c.regionCode === 'RU-CE' && c.period === '2018-12');
    expect(detention).toEqual([
      { actType: 'detention', period: '2018-12', countryCode: 'RU', regionCode: 'RU-CE', low: 40, high: 40, incidents: 1, acts: 1 },
    ]);
    const contested = await cli.json<StatsResult>(['stats', '--status', 'contested', '--country', 'RU']);
    expect(contested.cells.filter((c) => c.actType === 'detention')).toEqual(detention);
  });

  it('is idempotent', async () => {
    const first = await cli.json<DemoResult>(['demo']);
    const exported = await cli.run(['export']);
    const second = await cli.json<DemoResult>(['demo']);
    expect(first.created).toBeGreaterThan(30);
    expect(second.created).toBe(0);
    expect(second.incidentId).toBe(first.incidentId);
    expect((await cli.run(['export'])).stdout).toBe(exported.stdout);
  });

  it('makes Kochetkov findable', async () => {
    const demo = await cli.json<DemoResult>(['demo']);
    const r = await cli.json<SearchResult>(['search', 'Kochetkov', '--kind', 'claim', '--limit', '100']);
    const claims = await cli.json<Page<{ id: string }>>(['claim', 'list', '--speaker', demo.actorIds.kochetkov, '--limit', '100']);
    expect(claims.total).toBe(9);
    expect(r.hits.map((h) => h.id).sort()).toEqual(claims.items.map((c) => c.id).sort());
  });

  it('shows the crackdown as contested, with the figures and the denial side by side', async () => {
    const demo = await cli.json<DemoResult>(['demo']);
    const view = await cli.json<IncidentView>(['incident', 'show', demo.incidentId]);
    expect(view.incident.status).toBe('contested');
    const act = (t: string) => view.incident.acts.find((a) => a.type === t);
    const detention = act('detention');
    const killing = act('killing');
    expect(detention?.reconciled).toMatchObject({ count: { qualifier: 'exact', value: 40 }, low: 40, high: 40 });
    expect(killing?.reconciled).toMatchObject({ count: { qualifier: 'at_least', value: 2 }, low: 2, high: null });

    const detentionClaims = view.actClaims[detention?.id ?? ''];
    const ngo = detentionClaims?.supporting.find((v) => v.claim.asserts.count?.value === 40);
    expect(ngo?.relay?.name).toBe('Russian LGBT Network');
    expect(ngo?.source?.outlet).toBe('The Moscow Times');
    const denial = detentionClaims?.denying[0];
    expect(denial?.speaker?.name).toBe('Alvi Kraimov');
    expect(denial?.relay?.name).toBe('RT');
    expect(denial?.source?.outlet).toBe('The Moscow Times');
    expect(view.actClaims[killing?.id ?? '']?.denying.map((v) => v.claim.quote)).toEqual(['The claim that two were killed is even more absurd.']);

    const text = await cli.run(['incident', 'show', demo.incidentId]);
    expect(text.code).toBe(0);
    expect(text.stdout).toContain('status   contested');
    expect(text.stdout).toContain('count: 40 (low 40, high 40)');
    expect(text.stdout).toContain('count: at least 2 (low 2, high open)');
    expect(text.stdout).toMatch(/alleges \[40\]: .*\n\s+speaker: activists[^\n]*\n\s+relay: Russian LGBT Network\n\s+source: The Moscow Times, 2019-01-14/);
    expect(text.stdout).toMatch(/denies: .*\n\s+“If even a single person[^\n]*\n\s+speaker: Alvi Kraimov \(spokesperson, Chechen Republic government\)\n\s+relay: RT\n\s+source: The Moscow Times/);
  });
});

describe('vigil export / import', () => {
  it('round-trips JSONL into an empty store byte for byte, and importing twice changes nothing', async () => {
    await cli.run(['demo']);
    await cli.json(['actor', 'add', '--kind', 'organisation', '--name', 'Memorial', '--type', 'ngo']);
    const file = path.join(dir, 'roundtrip.jsonl');
    expect((await cli.run(['export', '--out', file])).code).toBe(0);
    const original = await readFile(file, 'utf8');
    expect(original.split('\n')[0]).toMatch(/^\{"type":"collection"/);

    const other = await cliHarness();
    try {
      const first = await other.json<ImportSummary>(['import', file]);
      expect(first.claim.created).toBe(22);
      expect(first.incident.created).toBe(2);
      const again = (await other.run(['export'])).stdout;
      expect(again).toBe(original);

      const second = await other.json<ImportSummary>(['import', file]);
      for (const counts of Object.values(second)) expect(counts.created + counts.updated).toBe(0);
      expect(second.claim.unchanged).toBe(22);
      expect((await other.run(['export'])).stdout).toBe(original);

      // Derived state came back too, recomputed from the imported claims.
      const demo = await other.json<DemoResult>(['demo']);
      expect(demo.created).toBe(0);
      const view = await other.json<IncidentView>(['incident', 'show', demo.incidentId]);
      expect(view.incident.status).toBe('contested');
      expect((await other.json<SearchResult>(['search', 'Kochetkov'])).total).toBeGreaterThan(0);
    } finally {
      await other.close();
    }
  });

  it('imports records through the app API, recomputing derived state that the file leaves out', async () => {
    await cli.run(['demo']);
    const records: ExportRecord[] = [];
    await cli.app.batch(async (ctx) => {
      for await (const r of exportRecords(ctx)) records.push(r);
    });
    expect(records.map((r) => r.type).filter((t, i, all) => all.indexOf(t) === i)).toEqual(['collection', 'actor', 'source', 'incident', 'claim']);
    // Parents before children: every actor's parent comes earlier in the stream.
    const seen = new Set<string>();
    for (const r of records) {
      if (r.type !== 'actor') continue;
      if (r.data.parentId !== null) expect(seen.has(r.data.parentId)).toBe(true);
      seen.add(r.data.id);
    }
    const stripped = records.map((r) => {
      if (r.type !== 'incident') return r;
      const { status: _s, derivation: _d, ...rest } = r.data;
      return { type: r.type, data: { ...rest, acts: rest.acts.map(({ reconciled: _r, ...a }) => a) } };
    });
    const other = await cliHarness();
    try {
      const progress: number[] = [];
      const summary = await other.app.batch((ctx) => importRecords(ctx, stripped, (n) => progress.push(n)));
      expect(progress.at(-1)).toBe(records.length);
      expect(summary.actor).toEqual({ created: 10, updated: 0, unchanged: 0 });
      const back: ExportRecord[] = [];
      await other.app.batch(async (ctx) => {
        for await (const r of exportRecords(ctx)) back.push(r);
      });
      expect(back).toEqual(records);
    } finally {
      await other.close();
    }
  });

  it('refuses a record whose id exists with different content, unless told to overwrite', async () => {
    const source = await cli.json<Source>(['source', 'add', '--kind', 'ngo_report', '--title', 'Quarterly report']);
    const exported = (await cli.run(['export'])).stdout;
    const changed = exported.replace('"Quarterly report"', '"Quarterly report, revised"');
    const refused = await cli.run(['import', '-'], { stdin: changed });
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(/^error: CONFLICT: source [0-9a-f-]{36} exists with different content/);
    expect(refused.stderr).not.toContain('Quarterly');
    expect((await cli.json<Source>(['source', 'show', source.id])).title).toBe('Quarterly report');

    const r = await cli.run(['import', '-', '--overwrite', '--json'], { stdin: changed });
    expect(r.code).toBe(0);
    expect((JSON.parse(r.stdout) as ImportSummary).source).toEqual({ created: 0, updated: 1, unchanged: 0 });
    expect((await cli.json<Source>(['source', 'show', source.id])).title).toBe('Quarterly report, revised');
  });

  it('rejects a malformed record naming its line, and imports nothing', async () => {
    await cli.run(['demo']);
    const lines = (await cli.run(['export'])).stdout.trimEnd().split('\n');
    const fresh = await cliHarness();
    try {
      const broken = [...lines];
      const claimLine = broken.findIndex((l) => l.startsWith('{"type":"claim"'));
      broken[claimLine] = (broken[claimLine] as string).replace('"stance":"alleges"', '"stance":"whispers"');
      const r = await fresh.run(['import', '-'], { stdin: broken.join('\n') });
      expect(r.code).toBe(2);
      expect(r.stderr).toContain(`error: VALIDATION_FAILED: invalid record (line ${claimLine + 1})`);
      expect(r.stderr).toContain(`line ${claimLine + 1}: data.stance`);
      expect((await fresh.json<Page<unknown>>(['incident', 'list'])).total).toBe(0);
    } finally {
      await fresh.close();
    }
  });

  it('exports incidents as CSV, one row per act', async () => {
    await cli.run(['demo']);
    const r = await cli.run(['export', '--format', 'csv']);
    expect(r.code).toBe(0);
    const rows = r.stdout.trimEnd().split('\r\n');
    expect(rows[0]).toMatch(/^incident_id,collection_id,title,summary,date_start,date_end,date_precision,place,status/);
    expect(rows).toHaveLength(1 + 8 + 2);
    const detention = rows.find((l) => l.includes(',detention,') && l.includes(',contested,'));
    expect(detention).toContain(',RU-CE,');
    expect(detention).toContain(',exact,40,,,40,40,false,');
  });
});

describe('vigil import (CSV)', () => {
  const header = 'incident,title,date_start,date_end,date_precision,place,act_type,count_qualifier,count_value,stance';

  it('imports grouped rows as incidents with acts and count claims', async () => {
    const source = await cli.json<Source>(['source', 'add', '--kind', 'ngo_report', '--title', 'Field notes']);
    const csv = [
      header,
      'a,Raid on a flat,2020-03-02,,,RU-CE,detention,exact,5,',
      'a,,,,,,ill_treatment,at_least,2,',
      ',"Dispersal, central square",2020-04-01,2020-04-30,month,RU,dispersal,,,',
    ].join('\r\n');
    const file = path.join(dir, 'ok.csv');
    await writeFile(file, csv);
    const r = await cli.run(['import', file, '--source', source.id, '--json']);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({ incidents: 2, acts: 3, claims: 2 });
    const list = await cli.json<Page<Incident>>(['incident', 'list']);
    const raid = list.items.find((i) => i.title === 'Raid on a flat');
    expect(raid?.acts.map((a) => [a.type, a.reconciled.low, a.reconciled.high])).toEqual([
      ['detention', 5, 5],
      ['ill_treatment', 2, null],
    ]);
    expect(raid?.status).toBe('alleged');
    expect(list.items.find((i) => i.title === 'Dispersal, central square')?.date).toEqual({ start: '2020-04-01', end: '2020-04-30', precision: 'month' });
  });

  it('imports nothing when one row is bad, and names the row', async () => {
    const source = await cli.json<Source>(['source', 'add', '--kind', 'ngo_report', '--title', 'Field notes']);
    const csv = [
      header,
      ',Raid one,2020-03-02,,,RU-CE,detention,exact,5,',
      ',Raid two,2020-03-03,,,RU-CE,detention,about,,',
      ',Raid three,2020-03-04,,,RU-CE,detention,exact,3,',
    ].join('\n');
    const r = await cli.run(['import', '-', '--format', 'csv', '--source', source.id], { stdin: csv });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^error: VALIDATION_FAILED: invalid CSV: 1 row\(s\) with errors; nothing was imported/);
    expect(r.stderr).toContain('row 3: count_value');
    expect(r.stderr).not.toContain('Raid');
    expect((await cli.json<Page<unknown>>(['incident', 'list'])).total).toBe(0);
    expect((await cli.json<Page<unknown>>(['claim', 'list'])).total).toBe(0);
  });
});

describe('exit codes and errors', () => {
  it('exits 2 on bad input, with the code and the field', async () => {
    const missing = await cli.run(['source', 'add', '--kind', 'news_article']);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toBe('error: VALIDATION_FAILED: invalid source\n  title: Invalid input: expected string, received undefined\n');

    const notFound = await cli.run(['incident', 'show', '0190a000-0000-7000-8000-000000000000']);
    expect(notFound.code).toBe(2);
    expect(notFound.stderr).toMatch(/^error: INCIDENT_NOT_FOUND: /);

    const badFlag = await cli.run(['stats', '--frobnicate']);
    expect(badFlag.code).toBe(2);
    expect(badFlag.stderr).toMatch(/^error: USAGE: unknown option '--frobnicate'/);

    const badValue = await cli.run(['claim', 'add', '--count', 'lots']);
    expect(badValue.code).toBe(2);
    expect(badValue.stderr).toMatch(/^error: USAGE: option '--count <count>' argument 'lots' is invalid/);

    const noFile = await cli.run(['import', path.join(dir, 'does-not-exist.jsonl')]);
    expect(noFile.code).toBe(2);
    expect(noFile.stderr).toMatch(/^error: FILE_UNREADABLE: cannot read JSONL file .*: ENOENT/);

    const badJson = await cli.run(['actor', 'add', '--json-input', '-'], { stdin: '{ not json' });
    expect(badJson.code).toBe(2);
    expect(badJson.stderr).toContain('--json-input: not valid JSON');

    expect((await cli.run(['nonsense'])).code).toBe(2);
  });

  it('never repeats names or texts from the data in an error', async () => {
    const secret = 'Zarema Testimony-Witness';
    const r = await cli.run(['actor', 'add', '--kind', 'person', '--name', secret, '--type', 'ngo']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('organisationType');
    expect(r.stderr).not.toContain('Zarema');
  });

  it('exits 1 when a valid request cannot be done', async () => {
    const org = await cli.json<{ id: string }>(['actor', 'add', '--kind', 'organisation', '--name', 'Unit']);
    await cli.json(['actor', 'add', '--kind', 'person', '--name', 'P', '--parent', org.id]);
    const src = await cli.json<Source>(['source', 'add', '--kind', 'other', '--title', 't']);
    const claim = await cli.json<{ id: string }>(['claim', 'add', '--source', src.id, '--stance', 'alleges', '--about', 'x', '--speaker', org.id]);
    expect(claim.id).toBeTruthy();
    const reviewed = await cli.run(['claim', 'reject', claim.id, '--json']);
    expect(reviewed.code).toBe(0);
    expect(JSON.parse(reviewed.stdout)).toMatchObject({ review: 'rejected' });
  });

  it('prints help and the version with status 0', async () => {
    const help = await cli.run(['--help']);
    expect(help.code).toBe(0);
    expect(help.stdout).toContain('Usage: vigil');
    expect((await cli.run(['incident', 'show', '--help'])).stdout).toContain('--json');
    expect((await cli.run(['--version'])).stdout.trim()).toBe('0.1.0');
  });
});

describe('add commands', () => {
  it('creates an incident with flags, then a claim on its act by type', async () => {
    const inc = await cli.json<Incident>([
      'incident',
      'add',
      '--title',
      'Detentions after a protest',
      '--date',
      '2018-12/late..2019-01-14',
      '--place',
      'RU-CE',
      '--act',
      'detention',
      '--tag',
      'protest',
    ]);
    expect(inc.date).toEqual({ start: '2018-12-21', end: '2019-01-14', precision: 'month' });
    expect(inc.acts.map((a) => a.type)).toEqual(['detention']);
    const src = await cli.json<Source>(['source', 'add', '--kind', 'news_article', '--title', 'Report', '--outlet', 'Outlet', '--published', '2019-01-15']);
    await cli.json(['claim', 'add', '--source', src.id, '--incident', inc.id, '--act-type', 'detention', '--stance', 'alleges', '--about', 'many held', '--count', 'about:40']);
    const shown = await cli.json<IncidentView>(['incident', 'show', inc.id]);
    expect(shown.incident.acts[0]?.reconciled).toMatchObject({ count: { qualifier: 'about', value: 40 }, low: 32, high: 48 });
    expect(shown.incident.status).toBe('alleged');
  });

  it('takes a full JSON body from --json-input, with flags overriding it', async () => {
    const body = JSON.stringify({ kind: 'organisation', name: 'From JSON', organisationType: 'police', notes: 'n' });
    const a = await cli.run(['actor', 'add', '--json-input', '-', '--name', 'Overridden', '--json'], { stdin: body });
    expect(a.code).toBe(0);
    expect(JSON.parse(a.stdout)).toMatchObject({ name: 'Overridden', organisationType: 'police', notes: 'n' });
  });

  it('serve starts the server with the defaults and stops it on shutdown', async () => {
    const calls: unknown[] = [];
    let closed = false;
    const r = await cli.run(['serve', '--port', '7444'], {
      startServer: async (opts) => {
        calls.push(opts);
        return { url: 'http://127.0.0.1:7444', close: async () => void (closed = true) };
      },
    });
    expect(r.code).toBe(0);
    expect(calls).toEqual([{ host: '127.0.0.1', port: 7444 }]);
    expect(r.stdout).toContain('http://127.0.0.1:7444');
    expect(closed).toBe(true);
  });
});
