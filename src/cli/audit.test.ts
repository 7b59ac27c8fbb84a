import { mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appendAudit } from '../app/audit.js';
import type { AuditEvent } from '../core/security.js';
import { createSecurityServices, newServerSecret } from '../crypto/services.js';
import { cliHarness, type CliHarness } from './testing.js';

const ACTOR = '0190a0b0-0000-7000-8000-000000000001';
const event = (i: number): AuditEvent => ({
  actorId: i % 2 ? ACTOR : null,
  action: i % 3 === 0 ? 'sign_in' : 'incident.update',
  entity: 'incident',
  entityId: `0190a0b0-0000-7000-8000-${String(i).padStart(12, '0')}`,
  collectionId: null,
  outcome: i % 7 === 0 ? 'denied' : 'ok',
  details: { n: i },
});

describe('vigil audit', () => {
  let cli: CliHarness;
  let dir: string;
  let key: string;
  beforeAll(async () => {
    cli = await cliHarness();
    dir = await mkdtemp(path.join(tmpdir(), 'vigil-audit-'));
    key = cli.app.deps.security!.auditPublicKey;
    await cli.app.batch(async (ctx) => {
      for (let i = 1; i <= 250; i++) await appendAudit(ctx, event(i));
    });
  });
  afterAll(async () => {
    await cli?.close();
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it('verify: exit 0 on an intact chain, with the audit public key', async () => {
    const r = await cli.run(['audit', 'verify']);
    expect(r).toMatchObject({ code: 0, stderr: '' });
    expect(r.stdout).toContain('audit chain intact: 250 row(s), last seq 250');
    expect(r.stdout).toContain(`audit public key: ${key}`);
    expect(await cli.json(['audit', 'verify'])).toMatchObject({ ok: true, checkedRows: 250, lastSeq: 250, publicKey: key });
  });

  it('list: newest first, filtered, as a table or JSON', async () => {
    const page = await cli.json<{ items: { seq: number; action: string }[]; total: number }>(['audit', 'list', '--action', 'sign_in', '--limit', '5']);
    expect(page.total).toBe(83);
    expect(page.items.map((r) => r.seq)).toEqual([249, 246, 243, 240, 237]);
    const text = await cli.run(['audit', 'list', '--outcome', 'denied', '--limit', '2']);
    expect(text.code).toBe(0);
    expect(text.stdout).toContain('1–2 of 35 audit rows');
    expect(text.stdout).toMatch(/^seq\s+at\s+actor\s+action/m);
    expect((await cli.run(['audit', 'list', '--outcome', 'maybe'])).code).toBe(2);
  });

  it('export: a new file of mode 0600, never overwritten, that verifies on its own; a changed line is named', async () => {
    const file = path.join(dir, 'audit.jsonl');
    const r = await cli.run(['audit', 'export', '--out', file]);
    expect(r).toMatchObject({ code: 0, stderr: '' });
    expect(r.stdout).toContain('exported 250 row(s) and 3 checkpoint(s)');
    expect((await stat(file)).mode & 0o777).toBe(0o600);
    const again = await cli.run(['audit', 'export', '--out', file]);
    expect(again.code).toBe(2);
    expect(again.stderr).toContain('FILE_EXISTS');

    // The export was recorded, after the rows it holds.
    const recorded = await cli.json<{ items: { seq: number; details: Record<string, unknown> }[] }>(['audit', 'list', '--action', 'audit.export']);
    expect(recorded.items).toMatchObject([{ seq: 251, details: { rows: 250, lastSeq: 250 } }]);

    const ok = await cli.run(['audit', 'verify', '--file', file]);
    expect(ok.code).toBe(0);
    expect(ok.stdout).toContain('audit export intact: 250 row(s), signed up to seq 250');
    expect(ok.stdout).toContain('--public-key');
    expect((await cli.run(['audit', 'verify', '--file', file, '--public-key', key])).code).toBe(0);
    const other = await cli.run(['audit', 'verify', '--file', file, '--public-key', createSecurityServices({ serverSecret: newServerSecret() }).auditPublicKey]);
    expect(other.code).toBe(1);
    expect(other.stderr).toContain('wrong_key');

    const lines = (await readFile(file, 'utf8')).split('\n');
    const i = lines.findIndex((l) => l.includes('"type":"row"') && l.includes('"seq":117,'));
    lines[i] = lines[i]!.replace('"outcome":"ok"', '"outcome":"denied"');
    expect(lines[i]).not.toBe((await readFile(file, 'utf8')).split('\n')[i]);
    const tampered = path.join(dir, 'tampered.jsonl');
    await writeFile(tampered, lines.join('\n'));
    const bad = await cli.run(['audit', 'verify', '--file', tampered]);
    expect(bad.code).toBe(1);
    expect(bad.stderr).toContain('audit chain broken at row 117: altered');
    expect(JSON.parse((await cli.run(['audit', 'verify', '--file', tampered, '--json'])).stdout)).toMatchObject({ ok: false, firstBadSeq: 117, reason: 'altered' });

    // The live log still holds everything the export signed.
    expect((await cli.run(['audit', 'verify', '--against', file])).code).toBe(0);
    expect((await cli.run(['audit', 'verify', '--against', tampered, '--file', file])).code).toBe(2);
  });

  it('verify: exit 1 on a tampered store, naming the first bad row', async () => {
    // A row that does not match its hash, written past the API's guard (as someone with the database could).
    await cli.app.batch(async (ctx) => {
      const head = (await ctx.repos.audit.head())!;
      const row = { seq: head.seq + 1, at: new Date().toISOString(), ...event(999), prevHash: head.hash, hash: 'f'.repeat(64) };
      const signed = { seq: row.seq, hash: row.hash, at: row.at, ...ctx.security!.signAuditCheckpoint({ seq: row.seq, hash: row.hash, at: row.at }) };
      await ctx.repos.audit.append(row, signed);
    });
    const r = await cli.run(['audit', 'verify']);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('audit chain broken at row 252: altered');
    expect(r.stderr).toContain('row 252: entry 252 does not match its hash');
    const json = await cli.run(['audit', 'verify', '--json']);
    expect(json.code).toBe(1);
    expect(JSON.parse(json.stdout)).toMatchObject({ ok: false, firstBadSeq: 252, reason: 'altered' });
  });
});
