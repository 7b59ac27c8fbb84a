import { describe, expect, it } from 'vitest';
import { CryptoError } from './errors.js';
import type { ChainEntry, SignedCheckpoint } from './hash-chain.js';
import {
  appendEntry,
  canonicalJson,
  chainHash,
  entryHash,
  generateSigningKeyPair,
  genesisHash,
  signCheckpoint,
  verifyChain,
  verifyCheckpoint,
} from './hash-chain.js';

interface Body {
  readonly action: string;
  readonly actorId: string;
  readonly targetId: string;
  readonly at: string;
}

const GENESIS = genesisHash('test-installation');

function buildChain(n: number): ChainEntry<Body>[] {
  const entries: ChainEntry<Body>[] = [];
  for (let i = 1; i <= n; i++) {
    const body: Body = {
      action: i % 3 === 0 ? 'person.read' : 'claim.create',
      actorId: `user-${i % 7}`,
      targetId: `row-${i}`,
      at: new Date(Date.UTC(2024, 0, 1, 0, 0, i)).toISOString(),
    };
    entries.push(appendEntry(entries.at(-1) ?? null, body, GENESIS));
  }
  return entries;
}

describe('canonicalJson', () => {
  it('sorts keys at every depth and has no whitespace', () => {
    expect(canonicalJson({ b: 1, a: { d: [3, { z: true, y: null }], c: 'x' } })).toBe('{"a":{"c":"x","d":[3,{"y":null,"z":true}]},"b":1}');
  });

  it('is the same whatever order keys were written in', () => {
    expect(canonicalJson({ x: 1, y: 2, z: { b: 2, a: 1 } })).toBe(canonicalJson({ z: { a: 1, b: 2 }, y: 2, x: 1 }));
  });

  it('parses back to the same value', () => {
    const v = { name: 'Исаев', n: -0.5, list: [1, 'two', null, false], nested: { 'key with "quotes"': '\n' } };
    expect(JSON.parse(canonicalJson(v))).toEqual(v);
  });

  it('leaves out undefined properties, as JSON does', () => {
    expect(canonicalJson({ a: 1, b: undefined })).toBe('{"a":1}');
  });

  it.each([
    ['NaN', Number.NaN],
    ['Infinity', Number.POSITIVE_INFINITY],
    ['a bigint', 10n],
    ['a Date', new Date(0)],
    ['a Map', new Map()],
    ['undefined in an array', [1, undefined]],
    ['a function', () => 1],
    ['undefined', undefined],
  ])('refuses %s', (_name, value) => {
    expect(() => canonicalJson(value)).toThrow(CryptoError);
  });

  it('refuses cycles but accepts shared (acyclic) references', () => {
    const shared = { a: 1 };
    expect(canonicalJson({ x: shared, y: shared })).toBe('{"x":{"a":1},"y":{"a":1}}');
    const cyclic: Record<string, unknown> = {};
    cyclic.self = cyclic;
    expect(() => canonicalJson(cyclic)).toThrow(CryptoError);
  });
});

describe('chainHash', () => {
  it('is SHA-256 hex, depends on the previous hash and on every field', () => {
    const h = chainHash(GENESIS, { seq: 1, body: { a: 1 } });
    expect(h).toMatch(/^[0-9a-f]{64}$/);
    expect(chainHash(GENESIS, { body: { a: 1 }, seq: 1 })).toBe(h);
    expect(chainHash(genesisHash('other'), { seq: 1, body: { a: 1 } })).not.toBe(h);
    expect(chainHash(GENESIS, { seq: 2, body: { a: 1 } })).not.toBe(h);
    expect(chainHash(GENESIS, { seq: 1, body: { a: 2 } })).not.toBe(h);
  });

  it('refuses a malformed previous hash', () => {
    expect(() => chainHash('abc', {})).toThrow(CryptoError);
  });
});

describe('checkpoints', () => {
  const keys = generateSigningKeyPair();
  const cp = { seq: 10, hash: GENESIS, at: '2024-05-01T12:00:00.000Z' };

  it('a signed checkpoint verifies under its key only', () => {
    const signed = signCheckpoint(keys.privateKey, cp);
    expect(verifyCheckpoint(keys.publicKey, signed)).toBe(true);
    expect(verifyCheckpoint(generateSigningKeyPair().publicKey, signed)).toBe(false);
  });

  it.each([
    ['seq', { seq: 11 }],
    ['hash', { hash: genesisHash('x') }],
    ['time', { at: '2024-05-01T12:00:01.000Z' }],
    ['signature', { signature: 'A'.repeat(86) }],
    ['signature encoding', { signature: 'not base64url!' }],
  ])('changing its %s breaks it', (_name, change) => {
    const signed = signCheckpoint(keys.privateKey, cp);
    expect(verifyCheckpoint(keys.publicKey, { ...signed, ...change })).toBe(false);
  });
});

describe('verifyChain', () => {
  const N = 1000;
  const chain = buildChain(N);
  const keys = generateSigningKeyPair();
  const sign = (seq: number, entries: readonly ChainEntry[] = chain): SignedCheckpoint =>
    signCheckpoint(keys.privateKey, { seq, hash: entries[seq - 1]!.hash, at: '2024-06-01T00:00:00.000Z' });
  // A checkpoint every 100 entries, the last one at the end.
  const checkpoints = Array.from({ length: N / 100 }, (_, i) => sign((i + 1) * 100));
  const verify = (entries: readonly ChainEntry[]) => verifyChain(entries, GENESIS, { checkpoints, publicKey: keys.publicKey });

  it('accepts the intact chain', () => {
    expect(verify(chain)).toEqual({ ok: true, lastSeq: N, lastHash: chain[N - 1]!.hash, checkpointsMatched: 10 });
    expect(verifyChain(chain, GENESIS)).toMatchObject({ ok: true, lastSeq: N, checkpointsMatched: 0 });
    expect(verifyChain([], GENESIS)).toEqual({ ok: true, lastSeq: 0, lastHash: GENESIS, checkpointsMatched: 0 });
  });

  it('refuses a chain started from another genesis', () => {
    expect(verifyChain(chain, genesisHash('elsewhere'))).toMatchObject({ ok: false, firstBadSeq: 1, reason: 'altered' });
  });

  // The four tamperings, applied at position k (1-based seq), with the reason expected.
  type Tampering = (k: number) => { entries: ChainEntry[]; reason: string } | null;
  const tamperings: Record<string, Tampering> = {
    'an edited entry': (k) => {
      const entries: ChainEntry[] = [...chain];
      const e = chain[k - 1]!;
      entries[k - 1] = { ...e, body: { ...e.body, actorId: 'user-forged' } };
      return { entries, reason: 'altered' };
    },
    // Deleting the last entry is a cut tail: only the checkpoint can tell.
    'a deleted entry': (k) => ({ entries: chain.filter((_, i) => i !== k - 1), reason: k === N ? 'truncated' : 'removed' }),
    // The rows exchange their contents with the next one; the seq column keeps its order.
    'an entry swapped with its neighbour': (k) => {
      if (k === N) return null;
      const entries: ChainEntry[] = [...chain];
      entries[k - 1] = { ...chain[k]!, seq: k };
      entries[k] = { ...chain[k - 1]!, seq: k + 1 };
      return { entries, reason: 'reordered' };
    },
    // Reported at the position after the new end.
    'the tail cut': (k) => ({ entries: chain.slice(0, k - 1), reason: 'truncated' }),
  };

  // Every position, every tampering: 4,000 verifications. Each starts from the last signed
  // checkpoint before the position, as `vigil audit verify` resumes from the last verified
  // checkpoint, so each costs at most 100 hashes instead of up to 1,000.
  it.each(Object.keys(tamperings))('detects %s at every position, at that position', (name) => {
    let checked = 0;
    for (let k = 1; k <= N; k++) {
      const t = tamperings[name]!(k);
      if (!t) continue;
      const from = Math.floor((k - 1) / 100) * 100;
      const start = from === 0 ? undefined : { seq: from, hash: chain[from - 1]!.hash };
      const result = verifyChain(t.entries.slice(from), GENESIS, { checkpoints, publicKey: keys.publicKey, ...(start ? { start } : {}) });
      expect(result, `${name} at ${k}`).toMatchObject({ ok: false, firstBadSeq: k, reason: t.reason });
      checked++;
    }
    expect(checked).toBeGreaterThanOrEqual(N - 1);
  });

  // The same from the genesis, at a spread of positions including every edge: a resumed
  // verification and a full one agree.
  it.each(Object.keys(tamperings))('detects %s from the genesis too', (name) => {
    const positions = new Set([1, 2, 3, 99, 100, 101, 500, 998, 999, 1000]);
    for (let k = 7; k <= N; k += 37) positions.add(k);
    for (const k of positions) {
      const t = tamperings[name]!(k);
      if (!t) continue;
      expect(verify(t.entries), `${name} at ${k}`).toMatchObject({ ok: false, firstBadSeq: k, reason: t.reason });
    }
  });

  it('detects entries returned out of order', () => {
    const tampered = [...chain];
    [tampered[499], tampered[500]] = [tampered[500]!, tampered[499]!];
    expect(verify(tampered)).toMatchObject({ ok: false, firstBadSeq: 500, reason: 'reordered' });
  });

  it('detects an inserted entry, with or without renumbering', () => {
    const forged = appendEntry(chain[498]!, { action: 'person.delete', actorId: 'user-1', targetId: 'row-x', at: 'now' }, GENESIS);
    expect(forged.seq).toBe(500);
    // Renumbered: the forged entry takes seq 500, everything after moves up by one.
    const renumbered = [...chain.slice(0, 499), forged, ...chain.slice(499).map((e) => ({ ...e, seq: e.seq + 1 }))];
    expect(verifyChain(renumbered, GENESIS)).toMatchObject({ ok: false, firstBadSeq: 500, reason: 'inserted' });
    // Not renumbered: seq 500 occurs twice.
    const duplicated = [...chain.slice(0, 499), forged, ...chain.slice(499)];
    expect(verifyChain(duplicated, GENESIS)).toMatchObject({ ok: false, firstBadSeq: 500, reason: 'inserted' });
  });

  it('detects a deleted entry when the later ones were renumbered to close the gap', () => {
    const renumbered = [...chain.slice(0, 699), ...chain.slice(700).map((e) => ({ ...e, seq: e.seq - 1 }))];
    expect(verifyChain(renumbered, GENESIS)).toMatchObject({ ok: false, firstBadSeq: 700, reason: 'removed' });
  });

  it('detects a renumbered entry (seq is inside the hash)', () => {
    const tampered: ChainEntry[] = [...chain];
    tampered[199] = { ...chain[199]!, seq: 201 };
    tampered[200] = { ...chain[200]!, seq: 200 };
    expect(verifyChain(tampered, GENESIS)).toMatchObject({ ok: false, firstBadSeq: 200 });
    expect(entryHash(GENESIS, 1, { a: 1 })).not.toBe(entryHash(GENESIS, 2, { a: 1 }));
  });

  it('detects an edited hash or link field', () => {
    const badHash = [...chain];
    badHash[299] = { ...chain[299]!, hash: chain[299]!.hash.replace(/^./, (c) => (c === '0' ? '1' : '0')) };
    expect(verify(badHash)).toMatchObject({ ok: false, firstBadSeq: 300, reason: 'altered' });
    const badLink = [...chain];
    badLink[299] = { ...chain[299]!, prevHash: genesisHash('x') };
    expect(verify(badLink)).toMatchObject({ ok: false, firstBadSeq: 300, reason: 'altered' });
  });

  it('a replaced entry with a recomputed hash is reported at that entry', () => {
    const e = chain[399]!;
    const tampered = [...chain];
    tampered[399] = { ...e, body: { ...(e.body as Body), actorId: 'user-forged' }, hash: entryHash(e.prevHash, e.seq, { ...(e.body as Body), actorId: 'user-forged' }) };
    expect(verifyChain(tampered, GENESIS)).toMatchObject({ ok: false, firstBadSeq: 400, reason: 'altered' });
  });

  it('a full rewrite from an edited entry is caught only by checkpoints, after the last good one', () => {
    // The forger edits entry 450 and recomputes every hash after it: internally consistent.
    const rewritten: ChainEntry[] = chain.slice(0, 449);
    for (const e of chain.slice(449)) {
      const body = e.seq === 450 ? { ...e.body, actorId: 'user-forged' } : e.body;
      rewritten.push(appendEntry(rewritten.at(-1)!, body, GENESIS));
    }
    expect(verifyChain(rewritten, GENESIS)).toMatchObject({ ok: true });
    expect(verify(rewritten)).toMatchObject({ ok: false, firstBadSeq: 401, reason: 'rewritten' });
  });

  it('a forged or altered checkpoint is reported, and checkpoints need the key', () => {
    const forged = { ...checkpoints[3]!, hash: genesisHash('x') };
    expect(verifyChain(chain, GENESIS, { checkpoints: [forged], publicKey: keys.publicKey })).toMatchObject({
      ok: false,
      firstBadSeq: 400,
      reason: 'bad_checkpoint',
    });
    const otherKey = generateSigningKeyPair();
    expect(verifyChain(chain, GENESIS, { checkpoints, publicKey: otherKey.publicKey })).toMatchObject({ ok: false, reason: 'bad_checkpoint' });
    expect(() => verifyChain(chain, GENESIS, { checkpoints })).toThrow(CryptoError);
  });

  it('verifies page by page from a trusted start', () => {
    const start = { seq: 600, hash: chain[599]!.hash };
    expect(verifyChain(chain.slice(600), GENESIS, { start, checkpoints, publicKey: keys.publicKey })).toMatchObject({
      ok: true,
      lastSeq: N,
      checkpointsMatched: 4,
    });
    const tampered: ChainEntry[] = chain.slice(600);
    tampered[10] = { ...tampered[10]!, body: { tampered: true } };
    expect(verifyChain(tampered, GENESIS, { start })).toMatchObject({ ok: false, firstBadSeq: 611, reason: 'altered' });
    expect(verifyChain(chain.slice(601), GENESIS, { start })).toMatchObject({ ok: false, firstBadSeq: 601, reason: 'removed' });
  });

  it('failure messages name seqs, never body contents', () => {
    const tampered: ChainEntry[] = [...chain];
    tampered[5] = { ...chain[5]!, body: { secret: 'Магомед Исаев' } };
    const r = verify(tampered);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.message).not.toContain('Магомед');
  });
});
