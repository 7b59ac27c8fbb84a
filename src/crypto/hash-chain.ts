/**
 * Audit-chain primitives: canonical JSON, the hash chain, and signed checkpoints.
 *
 * Each audit entry stores `seq` (1, 2, 3, …), `prevHash` (the previous entry's hash, or the
 * genesis hash for seq 1), `body` (ids and actions, never sensitive values) and
 *
 *   hash = SHA-256("vigil/audit-chain/v1\n" + prevHash + "\n" + canonicalJson({ seq, body }))
 *
 * as 64 lower-case hex digits. Anyone can recompute the chain, so on its own it proves only
 * that a row was changed *without* rewriting everything after it. Signed checkpoints — the
 * server's Ed25519 signature over (seq, hash, at), kept where the log's writer cannot rewrite
 * them (exported, mailed, printed) — pin the chain: a rewrite or a cut tail no longer matches
 * a checkpoint signed before it.
 */
import { KeyObject, createHash, generateKeyPairSync, hash as oneShotHash, sign, verify as verifySignature } from 'node:crypto';
import { fromBase64UrlStrict, toBase64Url } from './encoding.js';
import { CryptoError } from './errors.js';
import { privateKeyFromRaw, publicKeyFromRaw, rawPrivateKey, rawPublicKey } from './raw-keys.js';

// ---------------------------------------------------------------------------------------------
// Canonical JSON
// ---------------------------------------------------------------------------------------------

function notJson(what: string): CryptoError {
  return new CryptoError('INVALID_ARGUMENT', `canonicalJson: ${what} is not plain JSON`);
}

/**
 * JSON with object keys sorted (by UTF-16 code units, as RFC 8785) and no whitespace, so the
 * same value always gives the same string, whatever order its keys were written in. Only plain
 * JSON values are accepted — no undefined in arrays, NaN, Infinity, BigInt, Date, Map or class
 * instances — because anything JSON.stringify would coerce could read back differently from
 * the database. Object properties that are undefined are left out, as JSON.stringify does.
 */
export function canonicalJson(value: unknown): string {
  return write(value, []);
}

// Audit bodies are small and shallow; anything deeper is a mistake (or a cycle).
const MAX_DEPTH = 100;

function write(value: unknown, ancestors: object[]): string {
  if (value === null) return 'null';
  switch (typeof value) {
    case 'boolean':
      return value ? 'true' : 'false';
    case 'number':
      if (!Number.isFinite(value)) throw notJson(String(value));
      return JSON.stringify(value);
    case 'string':
      // JSON.stringify escapes lone surrogates (ES2019), so distinct strings stay distinct.
      return JSON.stringify(value);
    case 'object':
      break;
    default:
      throw notJson(`a ${typeof value}`);
  }
  if (ancestors.includes(value)) throw notJson('a cyclic value');
  if (ancestors.length >= MAX_DEPTH) throw notJson('a value nested this deep');
  ancestors.push(value);
  let out: string;
  if (Array.isArray(value)) {
    out = '[';
    for (let i = 0; i < value.length; i++) {
      const item: unknown = value[i];
      if (item === undefined) throw notJson('undefined in an array');
      out += (i === 0 ? '' : ',') + write(item, ancestors);
    }
    out += ']';
  } else {
    const proto: unknown = Object.getPrototypeOf(value);
    if (proto !== Object.prototype && proto !== null) throw notJson('an instance of a class');
    const record = value as Record<string, unknown>;
    out = '{';
    let first = true;
    for (const key of Object.keys(record).sort()) {
      const v = record[key];
      if (v === undefined) continue;
      out += (first ? '' : ',') + JSON.stringify(key) + ':' + write(v, ancestors);
      first = false;
    }
    out += '}';
  }
  ancestors.pop();
  return out;
}

// ---------------------------------------------------------------------------------------------
// The chain
// ---------------------------------------------------------------------------------------------

const HEX64 = /^[0-9a-f]{64}$/;
const CHAIN_LABEL = 'vigil/audit-chain/v1';

function checkHash(hash: string, what: string): void {
  if (typeof hash !== 'string' || !HEX64.test(hash)) throw new CryptoError('INVALID_ARGUMENT', `${what} must be 64 lower-case hex digits`);
}

/** The genesis hash of one installation's chain, so chains of two installations never splice. */
export function genesisHash(installationId: string): string {
  return createHash('sha256').update(`vigil/audit-genesis/v1\n${installationId}`, 'utf8').digest('hex');
}

/**
 * SHA-256 over a domain label, the previous hash and the canonical JSON of the entry. The
 * previous hash has a fixed length, so the concatenation is unambiguous.
 */
export function chainHash(prevHash: string, entry: object): string {
  checkHash(prevHash, 'prevHash');
  // The one-shot hash: `vigil audit verify` hashes every row, and this halves the cost per row.
  return oneShotHash('sha256', `${CHAIN_LABEL}\n${prevHash}\n${canonicalJson(entry)}`, 'hex');
}

/** One stored audit entry. */
export interface ChainEntry<B = unknown> {
  readonly seq: number;
  readonly prevHash: string;
  readonly hash: string;
  readonly body: B;
}

/** The hash an entry must carry: its seq is inside the hash, so renumbering is an alteration. */
export function entryHash(prevHash: string, seq: number, body: unknown): string {
  return chainHash(prevHash, { seq, body });
}

/** The next entry after `prev` (or the first, after the genesis hash). */
export function appendEntry<B>(prev: { readonly seq: number; readonly hash: string } | null, body: B, genesis: string): ChainEntry<B> {
  const seq = prev ? prev.seq + 1 : 1;
  const prevHash = prev ? prev.hash : genesis;
  return { seq, prevHash, hash: entryHash(prevHash, seq, body), body };
}

// ---------------------------------------------------------------------------------------------
// Checkpoints
// ---------------------------------------------------------------------------------------------

/** A raw Ed25519 key pair (32-byte halves) for signing checkpoints. */
export interface SigningKeyPair {
  readonly publicKey: Buffer;
  readonly privateKey: Buffer;
}

export function generateSigningKeyPair(): SigningKeyPair {
  const { publicKey, privateKey } = generateKeyPairSync('ed25519');
  return { publicKey: rawPublicKey('ed25519', publicKey), privateKey: rawPrivateKey('ed25519', privateKey) };
}

export interface Checkpoint {
  /** The seq of the last entry covered. */
  readonly seq: number;
  /** That entry's hash. */
  readonly hash: string;
  /** When the checkpoint was made (ISO 8601, UTC). */
  readonly at: string;
}

export interface SignedCheckpoint extends Checkpoint {
  /** Ed25519 signature, base64url. */
  readonly signature: string;
}

function checkpointMessage(cp: Checkpoint): Buffer {
  if (!Number.isSafeInteger(cp.seq) || cp.seq < 0) throw new CryptoError('INVALID_ARGUMENT', 'checkpoint seq must be a non-negative integer');
  checkHash(cp.hash, 'checkpoint hash');
  if (typeof cp.at !== 'string' || Number.isNaN(Date.parse(cp.at))) throw new CryptoError('INVALID_ARGUMENT', 'checkpoint at must be an ISO date-time');
  return Buffer.from(`vigil/audit-checkpoint/v1\n${canonicalJson({ seq: cp.seq, hash: cp.hash, at: cp.at })}`, 'utf8');
}

/**
 * `privateKey`: the raw 32-byte seed, or its KeyObject. Importing a raw key costs about 1 ms
 * (OpenSSL 3 derives the public half); a signer that signs often (a checkpoint per audit row)
 * imports it once and passes the KeyObject.
 */
export function signCheckpoint(privateKey: Uint8Array | KeyObject, cp: Checkpoint): SignedCheckpoint {
  const key = privateKey instanceof KeyObject ? privateKey : privateKeyFromRaw('ed25519', privateKey);
  const signature = sign(null, checkpointMessage(cp), key);
  return { seq: cp.seq, hash: cp.hash, at: cp.at, signature: toBase64Url(signature) };
}

/** True only for a well-formed checkpoint whose signature is valid under `publicKey`. */
export function verifyCheckpoint(publicKey: Uint8Array, cp: SignedCheckpoint): boolean {
  return checkpointValid(publicKeyFromRaw('ed25519', publicKey), Buffer.from(publicKey).toString('hex'), cp);
}

/**
 * Signature checks already done, keyed by everything they depend on (key, seq, hash, at,
 * signature): a pure function's memo. Paging through a long log calls verifyChain once per
 * page with the same checkpoints; each signature is then checked once, not once per page.
 */
const verifiedCheckpoints = new Map<string, boolean>();
const VERIFIED_CHECKPOINTS_MAX = 4096;

/** The last public key imported (about 0.1–0.2 ms each): paging through a log verifies under one key. */
let lastPublicKey: { readonly hex: string; readonly key: KeyObject } | null = null;

function publicKeyObject(raw: Uint8Array): KeyObject {
  const hex = Buffer.from(raw).toString('hex');
  if (lastPublicKey?.hex !== hex) lastPublicKey = { hex, key: publicKeyFromRaw('ed25519', raw) };
  return lastPublicKey.key;
}

function checkpointValid(key: KeyObject, keyHex: string, cp: SignedCheckpoint): boolean {
  const memoKey = JSON.stringify([keyHex, cp.seq, cp.hash, cp.at, cp.signature]);
  const known = verifiedCheckpoints.get(memoKey);
  if (known !== undefined) return known;
  let valid: boolean;
  try {
    const signature = fromBase64UrlStrict(cp.signature);
    valid = signature !== null && signature.length === 64 && verifySignature(null, checkpointMessage(cp), key, signature);
  } catch {
    valid = false;
  }
  if (verifiedCheckpoints.size >= VERIFIED_CHECKPOINTS_MAX) verifiedCheckpoints.clear();
  verifiedCheckpoints.set(memoKey, valid);
  return valid;
}

// ---------------------------------------------------------------------------------------------
// Verification
// ---------------------------------------------------------------------------------------------

/**
 * What verification can tell apart, for the first problem found walking from the start:
 *
 * - `removed`     seq jumps forward: entries firstBadSeq… are missing; or the entry at
 *                 firstBadSeq was hashed as the next seq (one was deleted, the rest renumbered).
 * - `reordered`   an entry appears before one it should follow: its seq is lower than
 *                 expected, or the expected seq occurs later, or it links to a later entry.
 * - `inserted`    an extra entry: a seq occurs twice, or the entry after firstBadSeq links to
 *                 the one before it, skipping it.
 * - `altered`     the entry at firstBadSeq does not match its own hash (any field edited), or
 *                 a self-consistent entry does not link to its predecessor: then either it or
 *                 that predecessor was replaced wholesale, and firstBadSeq is the earlier of
 *                 the two.
 * - `rewritten`   the chain is consistent but differs from a signed checkpoint: everything
 *                 after the previous matching checkpoint may be forged; firstBadSeq is the
 *                 first seq after it.
 * - `truncated`   a signed checkpoint names a seq beyond the last entry: the tail from
 *                 firstBadSeq on was cut.
 * - `bad_checkpoint` a checkpoint's signature does not verify (firstBadSeq is its seq).
 *
 * Without checkpoints, a cut tail or a wholesale rewrite of the chain cannot be detected.
 */
export type ChainFailureReason = 'altered' | 'removed' | 'reordered' | 'inserted' | 'rewritten' | 'truncated' | 'bad_checkpoint';

export type ChainVerification =
  | { readonly ok: true; readonly lastSeq: number; readonly lastHash: string; readonly checkpointsMatched: number }
  | { readonly ok: false; readonly firstBadSeq: number; readonly reason: ChainFailureReason; readonly message: string };

export interface VerifyChainOptions {
  /** Signed checkpoints to hold the chain to; requires `publicKey`. */
  readonly checkpoints?: readonly SignedCheckpoint[];
  readonly publicKey?: Uint8Array;
  /**
   * Start after a trusted point instead of the genesis (seq 0): e.g. the last entry of the
   * previous page, or a verified checkpoint. Entries must then begin at `start.seq + 1`.
   */
  readonly start?: { readonly seq: number; readonly hash: string };
}

function fail(firstBadSeq: number, reason: ChainFailureReason, message: string): ChainVerification {
  return { ok: false, firstBadSeq, reason, message };
}

function hashMatches(e: ChainEntry, seq: number): boolean {
  try {
    return typeof e.hash === 'string' && HEX64.test(e.hash) && entryHash(e.prevHash, seq, e.body) === e.hash;
  } catch {
    // A malformed prevHash or a body that is not plain JSON: the row was tampered with.
    return false;
  }
}

/**
 * Verify entries in the order given (read them ordered by seq). Stops at the first problem and
 * reports its seq and kind; messages name seqs only, never body contents.
 */
export function verifyChain(entries: readonly ChainEntry[], genesis: string, options: VerifyChainOptions = {}): ChainVerification {
  const start = options.start ?? { seq: 0, hash: genesis };
  checkHash(start.hash, options.start ? 'start hash' : 'genesis');

  const checkpoints = [...(options.checkpoints ?? [])].filter((cp) => cp.seq > start.seq).sort((a, b) => a.seq - b.seq);
  if (checkpoints.length > 0) {
    if (!options.publicKey) throw new CryptoError('INVALID_ARGUMENT', 'checkpoints need the public key to verify them');
    const key = publicKeyObject(options.publicKey);
    const keyHex = Buffer.from(options.publicKey).toString('hex');
    for (const cp of checkpoints) {
      if (!checkpointValid(key, keyHex, cp)) {
        return fail(cp.seq, 'bad_checkpoint', `the checkpoint at seq ${cp.seq} does not carry a valid signature`);
      }
    }
  }

  // Where each seq and each stored hash last occurs, to tell a reordering from a removal.
  // Built only once something is wrong: an intact log of millions of rows never needs them.
  let index: { seqAt: Map<number, number>; hashAt: Map<string, number> } | null = null;
  const lookup = () => {
    if (!index) {
      index = { seqAt: new Map(), hashAt: new Map() };
      for (let i = 0; i < entries.length; i++) {
        index.seqAt.set(entries[i]!.seq, i);
        index.hashAt.set(entries[i]!.hash, i);
      }
    }
    return index;
  };

  let prevSeq = start.seq;
  let prevHash = start.hash;
  let prevPrevHash: string | null = null;
  let lastMatched = start.seq;
  let matched = 0;
  let next = 0; // index of the next checkpoint to reach

  for (let i = 0; i < entries.length; i++) {
    const e = entries[i]!;
    const expected = prevSeq + 1;

    if (e.seq !== expected) {
      if (e.seq === prevSeq && i > 0) {
        return fail(prevSeq, 'inserted', `seq ${prevSeq} occurs twice`);
      }
      if (!Number.isSafeInteger(e.seq) || e.seq < expected || (lookup().seqAt.get(expected) ?? -1) > i) {
        return fail(expected, 'reordered', `entry ${expected} is out of order`);
      }
      return fail(expected, 'removed', e.seq === expected + 1 ? `entry ${expected} is missing` : `entries ${expected}–${e.seq - 1} are missing`);
    }

    const linked = e.prevHash === prevHash;
    if (!linked) {
      if ((lookup().hashAt.get(e.prevHash) ?? -1) > i) {
        return fail(expected, 'reordered', `entry ${expected} follows an entry that comes after it`);
      }
      if (prevPrevHash !== null && e.prevHash === prevPrevHash && (hashMatches(e, e.seq) || hashMatches(e, e.seq - 1))) {
        return fail(prevSeq, 'inserted', `entry ${prevSeq} was inserted: entry ${expected} links past it`);
      }
    }
    if (!hashMatches(e, e.seq)) {
      // Hashed as the next seq: the entry before it was deleted and the rest renumbered.
      if (!linked && hashMatches(e, e.seq + 1)) {
        return fail(expected, 'removed', `entry ${expected} is missing; later entries were renumbered`);
      }
      return fail(expected, 'altered', `entry ${expected} does not match its hash`);
    }
    if (!linked) {
      const first = Math.max(expected - 1, start.seq + 1);
      return fail(first, 'altered', `entry ${expected} does not link to entry ${expected - 1}: one of them was replaced`);
    }

    while (next < checkpoints.length && checkpoints[next]!.seq === e.seq) {
      if (checkpoints[next]!.hash !== e.hash) {
        return fail(lastMatched + 1, 'rewritten', `entries ${lastMatched + 1}–${e.seq} differ from the checkpoint signed at seq ${e.seq}`);
      }
      lastMatched = e.seq;
      matched++;
      next++;
    }

    prevPrevHash = prevHash;
    prevHash = e.hash;
    prevSeq = e.seq;
  }

  if (next < checkpoints.length) {
    return fail(prevSeq + 1, 'truncated', `a checkpoint covers seq ${checkpoints[checkpoints.length - 1]!.seq}; the chain ends at ${prevSeq}`);
  }
  return { ok: true, lastSeq: prevSeq, lastHash: prevHash, checkpointsMatched: matched };
}
