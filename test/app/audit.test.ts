import type { Kysely } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  appendAudit,
  AUDIT_CHECKPOINT_INTERVAL,
  AuditEventError,
  AuditKeyMismatchError,
  auditBody,
  ensureInstallation,
  exportAudit,
  listAudit,
  readExportAnchors,
  verifyAudit,
  verifyAuditExport,
  type AuditVerification,
} from '../../src/app/audit.js';
import type { UseCaseContext } from '../../src/app/context.js';
import { randomIds, systemClock } from '../../src/app/index.js';
import type { Repositories, Store } from '../../src/core/ports.js';
import type { AuditEvent, AuditRow, SecurityServices } from '../../src/core/security.js';
import { createSecurityServices, newServerSecret, TEST_PASSWORD_COST } from '../../src/crypto/services.js';
import { testEngines } from '../../src/db/testing.js';
import type { AuditTable, Database } from '../../src/db/tables.js';
import { openRawDb, type RawDb } from './audit-support.js';

const secret = newServerSecret();
const security = createSecurityServices({ serverSecret: secret, passwordCost: TEST_PASSWORD_COST });
/** Someone with the database but another server secret (another key). */
const intruder = createSecurityServices({ serverSecret: newServerSecret(), passwordCost: TEST_PASSWORD_COST });

const ctxOf = (repos: Repositories, s: SecurityServices = security): UseCaseContext => ({ repos, clock: systemClock, ids: randomIds, security: s });

const ACTORS = ['0190a0b0-0000-7000-8000-000000000001', '0190a0b0-0000-7000-8000-000000000002', null] as const;
const ACTIONS = ['sign_in', 'person.reveal', 'incident.create', 'incident.update', 'collection.export', 'account.update'] as const;
const COLLECTION = '0190a0b0-0000-7000-8000-0000000000c1';
const idOf = (i: number) => `0190a0b0-0000-7000-8000-${String(i).padStart(12, '0')}`;

function event(i: number): AuditEvent {
  return {
    actorId: ACTORS[i % 3]!,
    action: ACTIONS[i % ACTIONS.length]!,
    entity: i % 9 === 0 ? null : 'incident',
    entityId: i % 9 === 0 ? null : idOf(i),
    collectionId: i % 5 === 0 ? null : COLLECTION,
    outcome: i % 11 === 0 ? 'denied' : i % 13 === 0 ? 'failed' : 'ok',
    details: i % 4 === 0 ? {} : { n: i, code: `E_${i}`, first: i === 1, note: null },
  };
}

/** Appends events `from..to` in transactions of up to 100. */
async function appendMany(raw: RawDb, from: number, to: number): Promise<void> {
  for (let a = from; a <= to; a += 100) {
    await raw.db.transaction().execute(async (trx) => {
      const ctx = ctxOf(raw.repos(trx));
      for (let i = a; i <= Math.min(to, a + 99); i++) await appendAudit(ctx, event(i));
    });
  }
}

const ROLLBACK = new Error('rollback');

/** Runs `tamper` and then verification in one transaction, and rolls both back. */
async function verifyTampered(raw: RawDb, tamper: (trx: Kysely<Database>) => Promise<void>, options: Parameters<typeof verifyAudit>[1] = {}): Promise<AuditVerification> {
  let result: AuditVerification | undefined;
  try {
    await raw.db.transaction().execute(async (trx) => {
      await tamper(trx);
      result = await verifyAudit(ctxOf(raw.repos(trx)), options);
      throw ROLLBACK;
    });
  } catch (e) {
    if (e !== ROLLBACK) throw e;
  }
  return result!;
}

const verifyNow = (raw: RawDb, options: Parameters<typeof verifyAudit>[1] = {}) => verifyTampered(raw, async () => undefined, options);

/** The columns of a row other than its seq, as stored. */
const contents = (r: AuditTable): Omit<AuditTable, 'seq'> => {
  const { seq: _seq, ...rest } = r;
  return rest;
};

const flipHex = (h: string) => (h[0] === '0' ? '1' : '0') + h.slice(1);

/** The field edited at position p, and its new value (always different from the stored one). */
function editOf(r: AuditTable, p: number): Partial<AuditTable> {
  switch (p % 10) {
    case 0:
      return { action: r.action === 'incident.delete' ? 'incident.create' : 'incident.delete' };
    case 1:
      return { outcome: r.outcome === 'ok' ? 'denied' : 'ok' };
    case 2:
      return { details: JSON.stringify({ ...(JSON.parse(r.details) as object), n: -1 }) };
    case 3:
      return { actor_id: r.actor_id === ACTORS[0] ? ACTORS[1] : ACTORS[0] };
    case 4:
      return { at: new Date(Date.parse(r.at) + 1).toISOString() };
    case 5:
      return { entity_id: r.entity_id === idOf(0) ? idOf(1) : idOf(0) };
    case 6:
      return { collection_id: r.collection_id === null ? COLLECTION : null };
    case 7:
      return { entity: r.entity === 'person' ? 'incident' : 'person' };
    case 8:
      return { prev_hash: flipHex(r.prev_hash) };
    default:
      return { hash: flipHex(r.hash) };
  }
}

describe.each(testEngines())('the audit chain on $name', (engine) => {
  describe('a store opened as the app opens it', () => {
    let store: Store;
    beforeAll(async () => {
      store = await engine.open();
    });
    afterAll(async () => {
      await store?.close();
    });

    it('an empty log verifies; appending N events yields a chain that verifies, with the fields given', async () => {
      expect(await store.transaction((repos) => verifyAudit(ctxOf(repos)))).toEqual({ ok: true, checkedRows: 0, lastSeq: 0 });
      for (let i = 1; i <= 30; i++) await store.transaction((repos) => appendAudit(ctxOf(repos), event(i)));
      expect(await store.transaction((repos) => verifyAudit(ctxOf(repos)))).toEqual({ ok: true, checkedRows: 30, lastSeq: 30 });
      const page = await store.transaction((repos) => listAudit(ctxOf(repos), { limit: 500 }));
      expect(page.total).toBe(30);
      expect(page.items[0]).toMatchObject({ seq: 30, ...event(30) });
      expect(page.items.at(-1)).toMatchObject({ seq: 1, ...event(1) });
      expect(page.items[0]!.at).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
      const head = await store.transaction((repos) => repos.audit.head({ lock: false }));
      expect(head).toMatchObject({ seq: 30, hash: page.items[0]!.hash, signed: { seq: 30, hash: page.items[0]!.hash, publicKey: security.auditPublicKey } });
    });

    it('concurrent appends, each in its own transaction, stay one valid chain', async () => {
      const before = (await store.transaction((repos) => repos.audit.head({ lock: false })))?.seq ?? 0;
      const rows = await Promise.all(Array.from({ length: 20 }, (_, i) => store.transaction((repos) => appendAudit(ctxOf(repos), event(100 + i)))));
      expect(rows.map((r) => r.seq).sort((a, b) => a - b)).toEqual(Array.from({ length: 20 }, (_, i) => before + i + 1));
      expect(await store.transaction((repos) => verifyAudit(ctxOf(repos)))).toEqual({ ok: true, checkedRows: before + 20, lastSeq: before + 20 });
    });

    it('lists by action, actor and outcome, newest first', async () => {
      const page = await store.transaction((repos) => listAudit(ctxOf(repos), { filter: { action: 'person.reveal', outcome: 'ok' }, limit: 500 }));
      expect(page.items.length).toBeGreaterThan(0);
      expect(page.items.every((r) => r.action === 'person.reveal' && r.outcome === 'ok')).toBe(true);
      expect(page.items.map((r) => r.seq)).toEqual([...page.items.map((r) => r.seq)].sort((a, b) => b - a));
      const flat = await store.transaction((repos) => listAudit(ctxOf(repos), { actorId: ACTORS[0], limit: 2 }));
      expect(flat.items).toHaveLength(2);
      expect(flat.items.every((r) => r.actorId === ACTORS[0])).toBe(true);
      await expect(store.transaction((repos) => listAudit(ctxOf(repos), { filter: { action: 'Иван Петров' } }))).rejects.toMatchObject({ code: 'VALIDATION_FAILED' });
    });
  });

  it('the first appends of a new installation, concurrent, make one installation and one chain', async () => {
    const raw = await openRawDb(engine.name);
    try {
      await Promise.all(Array.from({ length: 12 }, (_, i) => raw.db.transaction().execute((trx) => appendAudit(ctxOf(raw.repos(trx)), event(i + 1)))));
      const installations = await raw.db.selectFrom('installation').selectAll().execute();
      expect(installations).toHaveLength(1);
      expect(installations[0]!.audit_public_key).toBe(security.auditPublicKey);
      expect(await verifyNow(raw)).toEqual({ ok: true, checkedRows: 12, lastSeq: 12 });
      // ensureInstallation returns it, and never makes another.
      const again = await raw.db.transaction().execute((trx) => ensureInstallation(ctxOf(raw.repos(trx))));
      expect(again.id).toBe(installations[0]!.id);
    } finally {
      await raw.close();
    }
  });

  it('the details guard refuses names, texts and anything that is not an id, a short code, a number or a boolean', async () => {
    const raw = await openRawDb(engine.name);
    try {
      const refused: AuditEvent['details'][] = [
        { name: 'Ivan Petrov' },
        { name: 'Иван' },
        { address: 'ul. Lenina 5, Grozny' },
        { text: 'x'.repeat(101) },
        { n: Number.NaN },
        { n: Number.POSITIVE_INFINITY },
        { 'bad key': 'x' },
        { nested: { a: 1 } as unknown as string },
        { list: ['a'] as unknown as string },
      ];
      for (const details of refused) {
        await expect(raw.db.transaction().execute((trx) => appendAudit(ctxOf(raw.repos(trx)), { ...event(1), details }))).rejects.toBeInstanceOf(AuditEventError);
      }
      const badEvents: Partial<AuditEvent>[] = [{ action: 'Sign in' }, { entityId: 'Иван Петров' }, { actorId: 'a b' }, { outcome: 'maybe' as never }, { entity: 'Person Name' }];
      for (const bad of badEvents) {
        await expect(raw.db.transaction().execute((trx) => appendAudit(ctxOf(raw.repos(trx)), { ...event(1), ...bad }))).rejects.toBeInstanceOf(AuditEventError);
      }
      // The message names the field, never the value.
      let e: Error | undefined;
      try {
        await raw.db.transaction().execute((trx) => appendAudit(ctxOf(raw.repos(trx)), { ...event(1), details: { name: 'Magomed Isaev' } }));
      } catch (x) {
        e = x as Error;
      }
      expect(e?.message).toContain('details.name');
      expect(e?.message).not.toContain('Magomed');
      // Nothing was written; codes, ids, numbers, booleans and null are accepted.
      expect(await raw.db.selectFrom('audit').selectAll().execute()).toHaveLength(0);
      const ok = await raw.db
        .transaction()
        .execute((trx) => appendAudit(ctxOf(raw.repos(trx)), { ...event(1), details: { code: 'SIGN_IN_FAILED', id: idOf(3), n: 3, x: 1.5, b: false, z: null, empty: '' } }));
      expect(ok.seq).toBe(1);
    } finally {
      await raw.close();
    }
  });

  it('refuses to append under another server secret than the installation was made with', async () => {
    const raw = await openRawDb(engine.name);
    try {
      await appendMany(raw, 1, 3);
      await expect(raw.db.transaction().execute((trx) => appendAudit(ctxOf(raw.repos(trx), intruder), event(4)))).rejects.toBeInstanceOf(AuditKeyMismatchError);
      const r = await raw.db.transaction().execute((trx) => verifyAudit(ctxOf(raw.repos(trx), intruder)));
      expect(r).toMatchObject({ ok: false, reason: 'wrong_key' });
    } finally {
      await raw.close();
    }
  });

  describe('a 1,000-row log', () => {
    const N = 1000;
    let raw: RawDb;
    let rows: AuditTable[];
    beforeAll(async () => {
      raw = await openRawDb(engine.name);
      await appendMany(raw, 1, N);
      rows = await raw.db.selectFrom('audit').selectAll().orderBy('seq').execute();
    }, 120_000);
    afterAll(async () => {
      await raw?.close();
    });

    it('verifies, with a durable checkpoint every interval and the head signed', async () => {
      expect(rows).toHaveLength(N);
      expect(await verifyNow(raw)).toEqual({ ok: true, checkedRows: N, lastSeq: N });
      const cps = await raw.db.selectFrom('audit_checkpoint').select('seq').orderBy('seq').execute();
      expect(cps.map((c) => Number(c.seq))).toEqual(Array.from({ length: N / AUDIT_CHECKPOINT_INTERVAL }, (_, i) => (i + 1) * AUDIT_CHECKPOINT_INTERVAL));
      // Each row's hash covers every field of the event and its time.
      const r = rows[41]!;
      const body = auditBody({ ...event(42), at: r.at });
      expect(security.auditEntryHash(r.prev_hash, 42, body)).toBe(r.hash);
    });

    it(
      'at every position, an edited field, a deleted row, a swap with the next row and a cut tail are each detected at that position',
      async () => {
        const wrong: string[] = [];
        let fullRuns = 0;
        /**
         * Verifies the tampering at p: from the durable checkpoint before p (whose row and
         * signature are checked, so everything from it on is held to the same standard as from
         * the genesis) and, at a spread of positions including every edge, from the genesis too.
         */
        const check = async (what: string, p: number, tamper: (trx: Kysely<Database>) => Promise<unknown>, reasons: readonly string[]) => {
          const since = Math.floor((p - 1) / AUDIT_CHECKPOINT_INTERVAL) * AUDIT_CHECKPOINT_INTERVAL;
          const run = async (from: number | undefined) => {
            const r = await verifyTampered(raw, async (trx) => void (await tamper(trx)), from ? { since: from } : {});
            if (r.ok || r.firstBadSeq !== p || !reasons.includes(r.reason)) wrong.push(`${what} at ${p}${from ? ` (from ${from})` : ''}: ${JSON.stringify(r)}`);
          };
          await run(since > 0 ? since : undefined);
          if (since > 0 && (p <= 2 || p >= N - 1 || p % 37 === 0 || [101, 102, 499, 500, 501, 502, 516, 517].includes(p))) {
            fullRuns++;
            await run(undefined);
          }
        };
        for (let p = 1; p <= N; p++) {
          const row = rows[p - 1]!;
          // Edit one field of row p (the field differs from one position to the next).
          await check('edit', p, (trx) => trx.updateTable('audit').set(editOf(row, p)).where('seq', '=', p).execute(), ['altered']);
          // Delete row p: a gap in the seqs, or (the last row) a head that names a row no longer there.
          await check('delete', p, (trx) => trx.deleteFrom('audit').where('seq', '=', p).execute(), p < N ? ['removed'] : ['truncated']);
          // Swap the contents of rows p and p+1, each keeping its seq (there is no row after the last).
          if (p < N) {
            const next = rows[p]!;
            await check(
              'swap',
              p,
              async (trx) => {
                await trx.updateTable('audit').set(contents(next)).where('seq', '=', p).execute();
                await trx.updateTable('audit').set(contents(row)).where('seq', '=', p + 1).execute();
              },
              ['reordered'],
            );
          }
          // Cut the tail from p on (the head row still names seq 1000, and so do the checkpoints).
          await check('truncate', p, (trx) => trx.deleteFrom('audit').where('seq', '>=', p).execute(), ['truncated']);
        }
        expect(fullRuns).toBeGreaterThan(100);
        expect(wrong).toEqual([]);
        // Nothing of the tampering stayed.
        expect(await verifyNow(raw)).toEqual({ ok: true, checkedRows: N, lastSeq: N });
      },
      300_000,
    );

    it('a cut tail is detected by the signatures alone, even when the head row is put back', async () => {
      const p = 537;
      const prev = rows[p - 2]!;
      // Rows, later checkpoints gone and the head moved to row 536: its signature is for seq 1000.
      const moved = await verifyTampered(raw, async (trx) => {
        await trx.deleteFrom('audit').where('seq', '>=', p).execute();
        await trx.deleteFrom('audit_checkpoint').where('seq', '>=', p).execute();
        await trx.updateTable('audit_head').set({ seq: p - 1, hash: prev.hash }).execute();
      });
      expect(moved).toMatchObject({ ok: false, firstBadSeq: p - 1, reason: 'bad_checkpoint' });
      // With the signature removed, the rows after the last durable checkpoint are unsigned.
      const unsigned = await verifyTampered(raw, async (trx) => {
        await trx.deleteFrom('audit').where('seq', '>=', p).execute();
        await trx.deleteFrom('audit_checkpoint').where('seq', '>=', p).execute();
        await trx.updateTable('audit_head').set({ seq: p - 1, hash: prev.hash, signature: null, at: null, public_key: null }).execute();
      });
      expect(unsigned).toMatchObject({ ok: false, firstBadSeq: 501, reason: 'unsigned' });
      // Rows added after the head without moving it are unsigned.
      const extra = await verifyTampered(raw, async (trx) => {
        const last = rows[N - 1]!;
        const at = new Date().toISOString();
        const ev = event(2000);
        const hash = security.auditEntryHash(last.hash, N + 1, auditBody({ ...ev, at }));
        await trx
          .insertInto('audit')
          .values({ seq: N + 1, at, actor_id: ev.actorId, action: ev.action, entity: ev.entity, entity_id: ev.entityId, collection_id: ev.collectionId, outcome: ev.outcome, details: JSON.stringify(ev.details), prev_hash: last.hash, hash })
          .execute();
      });
      expect(extra).toMatchObject({ ok: false, firstBadSeq: N + 1, reason: 'unsigned' });
    });

    it('a rewritten chain with recomputed hashes is detected by the checkpoints; a forged checkpoint by its signature', async () => {
      const rewriteFrom = async (trx: Kysely<Database>, from: number, s: SecurityServices | null) => {
        let prevHash = rows[from - 2]!.hash;
        let last: AuditRow | undefined;
        for (let seq = from; seq <= N; seq++) {
          const r = rows[seq - 1]!;
          const fields = { at: r.at, actorId: r.actor_id, action: seq === from ? 'incident.delete' : r.action, entity: r.entity, entityId: r.entity_id, collectionId: r.collection_id, outcome: r.outcome as AuditRow['outcome'], details: JSON.parse(r.details) as AuditRow['details'] };
          const hash = security.auditEntryHash(prevHash, seq, auditBody(fields));
          await trx.updateTable('audit').set({ action: fields.action, prev_hash: prevHash, hash }).where('seq', '=', seq).execute();
          last = { seq, ...fields, prevHash, hash };
          prevHash = hash;
          if (s && seq % AUDIT_CHECKPOINT_INTERVAL === 0) {
            const at = r.at;
            const signed = s.signAuditCheckpoint({ seq, hash, at });
            await trx.updateTable('audit_checkpoint').set({ hash, at, signature: signed.signature, public_key: signed.publicKey }).where('seq', '=', seq).execute();
          }
        }
        const head = { seq: N, hash: last!.hash };
        if (s) {
          const at = last!.at;
          const signed = s.signAuditCheckpoint({ ...head, at });
          await trx.updateTable('audit_head').set({ ...head, at, signature: signed.signature, public_key: signed.publicKey }).execute();
        } else {
          await trx.updateTable('audit_head').set(head).execute();
        }
      };

      // Without the server secret: the durable checkpoint at 300 no longer matches; 200 still does.
      expect(await verifyTampered(raw, (trx) => rewriteFrom(trx, 250, null))).toMatchObject({ ok: false, firstBadSeq: 201, reason: 'rewritten' });
      // Checkpoints deleted too: the head's signature no longer matches its hash.
      expect(
        await verifyTampered(raw, async (trx) => {
          await rewriteFrom(trx, 250, null);
          await trx.deleteFrom('audit_checkpoint').where('seq', '>=', 250).execute();
        }),
      ).toMatchObject({ ok: false, firstBadSeq: N, reason: 'bad_checkpoint' });
      // Re-signed with another key (the installation's public key cannot be forged either).
      expect(await verifyTampered(raw, (trx) => rewriteFrom(trx, 250, intruder))).toMatchObject({ ok: false, firstBadSeq: 300, reason: 'bad_checkpoint' });

      // A forged checkpoint: signed by another key, or bearing this key but not its signature.
      const forged = intruder.signAuditCheckpoint({ seq: 150, hash: rows[149]!.hash, at: rows[149]!.at });
      expect(
        await verifyTampered(raw, (trx) => trx.insertInto('audit_checkpoint').values({ seq: 150, hash: rows[149]!.hash, at: rows[149]!.at, signature: forged.signature, public_key: forged.publicKey }).execute().then(() => undefined)),
      ).toMatchObject({ ok: false, firstBadSeq: 150, reason: 'bad_checkpoint' });
      expect(
        await verifyTampered(raw, (trx) => trx.insertInto('audit_checkpoint').values({ seq: 150, hash: rows[149]!.hash, at: rows[149]!.at, signature: forged.signature, public_key: security.auditPublicKey }).execute().then(() => undefined)),
      ).toMatchObject({ ok: false, firstBadSeq: 150, reason: 'bad_checkpoint' });

      // Whoever holds the server secret can rewrite the database so that it verifies; an earlier
      // export, kept elsewhere, still pins the chain.
      const lines: string[] = [];
      await raw.db.transaction().execute((trx) => exportAudit(ctxOf(raw.repos(trx)), async (l) => void lines.push(l)));
      const anchors = await readExportAnchors(lines);
      expect(await verifyTampered(raw, (trx) => rewriteFrom(trx, 250, security))).toEqual({ ok: true, checkedRows: N, lastSeq: N });
      expect(await verifyTampered(raw, (trx) => rewriteFrom(trx, 250, security), { anchors })).toMatchObject({ ok: false, firstBadSeq: 201, reason: 'rewritten' });
      // …and so does it when the tail is cut back to a durable checkpoint with its signature.
      const cut = async (trx: Kysely<Database>) => {
        const cp = await trx.selectFrom('audit_checkpoint').selectAll().where('seq', '=', 500).executeTakeFirstOrThrow();
        await trx.deleteFrom('audit').where('seq', '>', 500).execute();
        await trx.deleteFrom('audit_checkpoint').where('seq', '>', 500).execute();
        await trx.updateTable('audit_head').set({ seq: 500, hash: cp.hash, at: cp.at, signature: cp.signature, public_key: cp.public_key }).execute();
      };
      expect(await verifyTampered(raw, cut)).toEqual({ ok: true, checkedRows: 500, lastSeq: 500 });
      expect(await verifyTampered(raw, cut, { anchors })).toMatchObject({ ok: false, firstBadSeq: 501, reason: 'truncated' });
    });

    it('an export verifies on its own, and a changed, dropped or cut line is named', async () => {
      const lines: string[] = [];
      const summary = await raw.db.transaction().execute((trx) => exportAudit(ctxOf(raw.repos(trx)), async (l) => void lines.push(l)));
      expect(summary).toMatchObject({ rows: N, checkpoints: N / AUDIT_CHECKPOINT_INTERVAL + 1, lastSeq: N, verification: { ok: true } });
      const header = JSON.parse(lines[0]!) as Record<string, unknown>;
      expect(header).toMatchObject({ type: 'header', format: 'vigil-audit-export', version: 1, auditPublicKey: security.auditPublicKey });
      expect(JSON.parse(lines.at(-1)!)).toMatchObject({ type: 'final', seq: N });
      // Nothing but ids and codes: no row carries a value outside the guard's alphabet.
      expect(lines.join('\n')).not.toMatch(/[^\x20-\x7e\n]/);

      const verifier = createSecurityServices({ serverSecret: newServerSecret() });
      expect(await verifyAuditExport(lines, verifier)).toMatchObject({ ok: true, checkedRows: N, lastSeq: N, keyGiven: false, publicKey: security.auditPublicKey });
      expect(await verifyAuditExport(lines, verifier, { publicKey: security.auditPublicKey })).toMatchObject({ ok: true, keyGiven: true });
      expect(await verifyAuditExport(lines, verifier, { publicKey: intruder.auditPublicKey })).toMatchObject({ ok: false, reason: 'wrong_key' });

      const rowLine = (seq: number) => lines.findIndex((l) => l.startsWith('{"type":"row"') && (JSON.parse(l) as { seq: number }).seq === seq);
      const edited = [...lines];
      edited[rowLine(517)] = edited[rowLine(517)]!.replace(/"outcome":"\w+"/, '"outcome":"failed"').replace(/"action":"[\w.]+"/, '"action":"incident.delete"');
      expect(await verifyAuditExport(edited, verifier)).toMatchObject({ ok: false, firstBadSeq: 517, reason: 'altered' });
      const dropped = lines.filter((_, i) => i !== rowLine(333));
      expect(await verifyAuditExport(dropped, verifier)).toMatchObject({ ok: false, firstBadSeq: 333, reason: 'removed' });
      const cut = lines.filter((l) => !l.startsWith('{"type":"row"') || (JSON.parse(l) as { seq: number }).seq < 901);
      expect(await verifyAuditExport(cut, verifier)).toMatchObject({ ok: false, firstBadSeq: 901, reason: 'truncated' });
      expect(await verifyAuditExport(lines.slice(0, -1), verifier)).toMatchObject({ ok: false, reason: 'unsigned' });
      const forgedFinal = [...lines];
      forgedFinal[forgedFinal.length - 1] = forgedFinal.at(-1)!.replace(/"at":"[^"]+"/, '"at":"2020-01-01T00:00:00.000Z"');
      expect(await verifyAuditExport(forgedFinal, verifier)).toMatchObject({ ok: false, firstBadSeq: N, reason: 'bad_checkpoint' });
      expect(await verifyAuditExport(['{"type":"something"}'], verifier)).toMatchObject({ ok: false, reason: 'malformed' });
    });
  });
});
