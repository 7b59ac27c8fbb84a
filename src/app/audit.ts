/**
 * The audit chain (docs/audit.md): sign-ins, reveals of sealed fields, writes, exports and admin
 * actions, appended as rows of ids, codes and counts — never a sealed value, a name, a text or an
 * address — each hashing its predecessor (SHA-256). The head is signed (Ed25519) at every append
 * and a durable checkpoint is kept every AUDIT_CHECKPOINT_INTERVAL rows, so that verification
 * names the first altered, removed, reordered or cut row, and an export carries the signatures
 * that let anyone check it elsewhere.
 *
 * The crypto arrives through `ctx.security` (the SecurityServices port); storage through
 * `ctx.repos.audit` and `ctx.repos.installation`.
 */
import { z } from 'zod';
import { parseInput } from '../core/common.js';
import type { Page } from '../core/ports.js';
import {
  AUDIT_OUTCOMES,
  type AuditCheckpointRecord,
  type AuditEvent,
  type AuditHead,
  type AuditRow,
  type Installation,
  type SecurityServices,
} from '../core/security.js';
import { nowIso, type UseCaseContext } from './context.js';
import { PageQuerySchema } from './paging.js';

/**
 * A durable checkpoint (a row of audit_checkpoint) every this many rows. The head itself is
 * signed at every append; durable checkpoints outlive the head, so they localise a rewrite to
 * within this many rows and survive the loss of the head row. (Measured: signing one checkpoint
 * costs about 0.05 ms and verifying one about 0.13 ms; see docs/audit.md.)
 */
export const AUDIT_CHECKPOINT_INTERVAL = 100;

export const AUDIT_EXPORT_FORMAT = 'vigil-audit-export';
export const AUDIT_EXPORT_VERSION = 1;

/** Rows verified per call of the port, and rows of the next page verified with them. */
const PAGE = 500;
const LOOKAHEAD = 16;

function services(ctx: UseCaseContext): SecurityServices {
  if (!ctx.security) throw new Error('the security services are not configured: build the app with `security`');
  return ctx.security;
}

// ------------------------------------------------------------------------------ the guard

/**
 * A programming error: an audit event carried something that is not an id, a short code, a
 * number or a boolean. The message names the field, never the value.
 */
export class AuditEventError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'AuditEventError';
  }
}

/** Ids and short codes: no spaces, no letters outside ASCII, nothing long. */
const CODE = /^[A-Za-z0-9_.:-]{0,100}$/;
/** Ids (UUIDs, `@recovery`). */
const ID = /^[A-Za-z0-9_.:@-]{1,100}$/;
/** `sign_in`, `person.reveal`, `incident.create`. */
const ACTION = /^[a-z][a-z0-9_]{0,39}(\.[a-z][a-z0-9_]{0,39}){0,3}$/;
const DETAIL_KEY = /^[A-Za-z][A-Za-z0-9_]{0,39}$/;
const MAX_DETAILS = 20;

function checkId(field: string, v: unknown): void {
  if (v !== null && (typeof v !== 'string' || !ID.test(v))) throw new AuditEventError(`audit event: ${field} must be an id or null`);
}

/**
 * Refuses an event that could carry a name, a text or an address: every field must be an id or a
 * known code, and every details value an id-like short code, a finite number, a boolean or null.
 * A guard against mistakes, not a proof: a one-word Latin name still looks like a code.
 */
export function checkAuditEvent(event: AuditEvent): void {
  if (typeof event.action !== 'string' || !ACTION.test(event.action)) throw new AuditEventError('audit event: action must be a lower-case code such as incident.create');
  if (event.entity !== null && (typeof event.entity !== 'string' || !ACTION.test(event.entity))) throw new AuditEventError('audit event: entity must be a lower-case code or null');
  checkId('actorId', event.actorId);
  checkId('entityId', event.entityId);
  checkId('collectionId', event.collectionId);
  if (!(AUDIT_OUTCOMES as readonly string[]).includes(event.outcome)) throw new AuditEventError(`audit event: outcome must be one of ${AUDIT_OUTCOMES.join(', ')}`);
  const details: unknown = event.details;
  if (details === null || typeof details !== 'object' || Array.isArray(details) || ![Object.prototype, null].includes(Object.getPrototypeOf(details) as object | null)) {
    throw new AuditEventError('audit event: details must be a plain object');
  }
  const entries = Object.entries(details as Record<string, unknown>);
  if (entries.length > MAX_DETAILS) throw new AuditEventError(`audit event: at most ${MAX_DETAILS} details`);
  for (const [key, v] of entries) {
    if (!DETAIL_KEY.test(key)) throw new AuditEventError('audit event: a details key must be a short ASCII name');
    const ok =
      v === null ||
      typeof v === 'boolean' ||
      (typeof v === 'number' && Number.isFinite(v)) ||
      (typeof v === 'string' && CODE.test(v));
    if (!ok) throw new AuditEventError(`audit event: details.${key} must be an id, a short code (A–Z, a–z, 0–9, _ . : -), a number or a boolean`);
  }
}

// ------------------------------------------------------------------------------ the chain

/** What each row's hash covers besides its seq: every field of the event, and its time. */
export function auditBody(r: Omit<AuditRow, 'seq' | 'prevHash' | 'hash'>): Record<string, unknown> {
  return {
    at: r.at,
    actorId: r.actorId,
    action: r.action,
    entity: r.entity,
    entityId: r.entityId,
    collectionId: r.collectionId,
    outcome: r.outcome,
    details: r.details,
  };
}

/**
 * The installation: its id is the chain's genesis input, its audit public key the key that
 * verifies the checkpoints. Made on first need, under the audit head's lock, so two first
 * requests cannot make two installations.
 */
export async function ensureInstallation(ctx: UseCaseContext): Promise<Installation> {
  const existing = await ctx.repos.installation.get();
  if (existing) return existing;
  await ctx.repos.audit.head();
  const again = await ctx.repos.installation.get();
  if (again) return again;
  const installation: Installation = { id: ctx.ids.newId(), recoveryPublicKey: null, auditPublicKey: services(ctx).auditPublicKey, createdAt: nowIso(ctx) };
  await ctx.repos.installation.insert(installation);
  return installation;
}

/** The installation's audit key is not the one the server secret gives: the wrong secret is loaded. */
export class AuditKeyMismatchError extends Error {
  constructor() {
    super('the server secret does not give this installation\'s audit key: load the installation\'s own server secret (audit rows are not written under another key)');
    this.name = 'AuditKeyMismatchError';
  }
}

/**
 * Appends one event in the caller's transaction: locks the head, hashes the row over the
 * previous hash, its seq, its time (ctx.clock, UTC) and every field of the event, signs the new
 * head, and stores a durable checkpoint every AUDIT_CHECKPOINT_INTERVAL rows.
 */
export async function appendAudit(ctx: UseCaseContext, event: AuditEvent): Promise<AuditRow> {
  const s = services(ctx);
  checkAuditEvent(event);
  const head = await ctx.repos.audit.head();
  const installation = await ensureInstallation(ctx);
  if (installation.auditPublicKey !== s.auditPublicKey) throw new AuditKeyMismatchError();
  const seq = (head?.seq ?? 0) + 1;
  const prevHash = head?.hash ?? s.auditGenesis(installation.id);
  const fields = {
    at: nowIso(ctx),
    actorId: event.actorId,
    action: event.action,
    entity: event.entity,
    entityId: event.entityId,
    collectionId: event.collectionId,
    outcome: event.outcome,
    details: { ...event.details },
  };
  const hash = s.auditEntryHash(prevHash, seq, auditBody(fields));
  const row: AuditRow = { seq, ...fields, prevHash, hash };
  const signed: AuditCheckpointRecord = { seq, hash, at: fields.at, ...s.signAuditCheckpoint({ seq, hash, at: fields.at }) };
  await ctx.repos.audit.append(row, signed);
  if (seq % AUDIT_CHECKPOINT_INTERVAL === 0) await ctx.repos.audit.insertCheckpoint(signed);
  return row;
}

// ------------------------------------------------------------------------------ verification

export type AuditFailureReason =
  /** A row does not match its hash, or does not link to its predecessor. */
  | 'altered'
  | 'removed'
  | 'reordered'
  | 'inserted'
  /** The chain is consistent but differs from a signed checkpoint: rehashed from firstBadSeq on. */
  | 'rewritten'
  /** A signed checkpoint (or the head) names a row beyond the last one: the tail was cut. */
  | 'truncated'
  | 'bad_checkpoint'
  /** Rows after the last signature: added without the server secret, or the head was replaced. */
  | 'unsigned'
  /** The installation names another audit key than the one verified against. */
  | 'wrong_key'
  /** Rows exist but the installation (the chain's genesis) does not. */
  | 'no_installation'
  /** An exported file that is not an audit export, or a line that is not one of its records. */
  | 'malformed';

export type AuditVerification =
  | { readonly ok: true; readonly checkedRows: number; readonly lastSeq: number }
  | { readonly ok: false; readonly checkedRows: number; readonly firstBadSeq: number; readonly reason: AuditFailureReason; readonly message: string };

type Failure = Extract<AuditVerification, { ok: false }>;

const failure = (checkedRows: number, firstBadSeq: number, reason: AuditFailureReason, message: string): Failure => ({ ok: false, checkedRows, firstBadSeq, reason, message });

/**
 * Verifies rows fed in seq order, page by page through the port (`start` = the last row of the
 * previous page), so memory stays bounded whatever the length of the log. Each page is verified
 * together with the first LOOKAHEAD rows of the next, so that a problem at a page's last row is
 * judged with its successor in view (a swap across the boundary is a reordering, not a removal).
 */
class ChainWalker {
  private buffer: AuditRow[] = [];
  private start: { seq: number; hash: string } | undefined;
  /** Signed checkpoints in seq order, and the index of the first one beyond `start`. */
  private readonly checkpoints: AuditCheckpointRecord[];
  private next = 0;
  /** The highest checkpoint seq matched so far (all checkpoints up to `start` have matched). */
  private lastSigned = 0;
  rows = 0;
  failed: Failure | null = null;

  /**
   * `resumeAt`: the seq of a checkpoint whose row comes first (rows before it are not fed): the
   * walk starts from that row's own prevHash; the row is verified against its hash and the
   * checkpoint, whose signature then anchors everything after it.
   */
  constructor(
    private readonly s: SecurityServices,
    private readonly genesis: string,
    checkpoints: readonly AuditCheckpointRecord[],
    private readonly publicKey?: string,
    private readonly resumeAt?: number,
  ) {
    this.checkpoints = [...checkpoints].sort((a, b) => a.seq - b.seq);
    if (resumeAt !== undefined) this.lastSigned = resumeAt - 1;
  }

  private get startSeq(): number {
    return this.start?.seq ?? (this.resumeAt !== undefined ? this.resumeAt - 1 : 0);
  }

  /** False once a problem is found: the caller can stop reading. */
  push(row: AuditRow): boolean {
    if (this.failed) return false;
    if (this.start === undefined && this.resumeAt !== undefined) {
      if (typeof row.prevHash !== 'string' || !/^[0-9a-f]{64}$/.test(row.prevHash)) {
        this.failed = failure(this.rows, this.resumeAt, 'altered', `entry ${this.resumeAt} does not match its hash`);
        return false;
      }
      this.start = { seq: this.resumeAt - 1, hash: row.prevHash };
    }
    this.rows++;
    this.buffer.push(row);
    if (this.buffer.length >= PAGE + LOOKAHEAD) this.verify(false, []);
    return this.failed === null;
  }

  /** Verifies what is left; `extra`: checkpoints known only now (an export's final one). */
  finish(extra: readonly AuditCheckpointRecord[] = []): Failure | { ok: true; lastSeq: number; lastHash: string; lastSigned: number } {
    if (!this.failed && this.buffer.length > 0) this.verify(true, extra);
    if (this.failed) return this.failed;
    const lastSeq = this.startSeq;
    const beyond = [...this.checkpoints.slice(this.next), ...extra].filter((cp) => cp.seq > lastSeq);
    if (beyond.length > 0) {
      const furthest = Math.max(...beyond.map((cp) => cp.seq));
      return failure(this.rows, lastSeq + 1, 'truncated', `a signed checkpoint covers seq ${furthest}; the log ends at ${lastSeq}: entries ${lastSeq + 1}–${furthest} were cut`);
    }
    return { ok: true, lastSeq, lastHash: this.start?.hash ?? this.genesis, lastSigned: this.lastSigned };
  }

  private verify(final: boolean, extra: readonly AuditCheckpointRecord[]): void {
    const window = this.buffer;
    const startSeq = this.startSeq;
    const windowEnd = startSeq + window.length;
    const cps: AuditCheckpointRecord[] = [];
    for (let i = this.next; i < this.checkpoints.length && this.checkpoints[i]!.seq <= windowEnd; i++) {
      if (this.checkpoints[i]!.seq > startSeq) cps.push(this.checkpoints[i]!);
    }
    for (const cp of extra) if (cp.seq > startSeq && cp.seq <= windowEnd) cps.push(cp);
    const entries = window.map((r) => ({ seq: r.seq, prevHash: r.prevHash, hash: r.hash, body: auditBody(r) }));
    const r = this.s.verifyAuditChain(entries, this.genesis, cps, { ...(this.start ? { start: this.start } : {}), ...(this.publicKey ? { publicKey: this.publicKey } : {}) });
    // A problem in the lookahead is judged again, with its own successors, in the next page.
    const advance = final ? window.length : PAGE;
    if (!r.ok && (final || r.firstBadSeq <= startSeq + advance)) {
      const reason = r.reason as AuditFailureReason;
      if (reason === 'rewritten') {
        // Everything after the last checkpoint below the first one that differs may be forged
        // (the port counts from the page's start, and a second checkpoint of the same seq — an
        // anchor from an export — may agree with the chain where the first one does not).
        const hashAt = new Map(window.map((row) => [row.seq, row.hash]));
        const differs = cps.filter((cp) => hashAt.get(cp.seq) !== cp.hash).reduce((m, cp) => Math.min(m, cp.seq), Infinity);
        const first = cps.filter((cp) => cp.seq < differs).reduce((m, cp) => Math.max(m, cp.seq), this.lastSigned) + 1;
        this.failed = failure(this.rows, first, reason, `entries from ${first} on differ from a signed checkpoint: the chain was rewritten`);
      } else {
        this.failed = failure(this.rows, r.firstBadSeq, reason, r.message);
      }
      return;
    }
    const last = window[advance - 1]!;
    this.start = { seq: startSeq + advance, hash: last.hash };
    while (this.next < this.checkpoints.length && this.checkpoints[this.next]!.seq <= this.start.seq) {
      if (this.checkpoints[this.next]!.seq > startSeq) this.lastSigned = Math.max(this.lastSigned, this.checkpoints[this.next]!.seq);
      this.next++;
    }
    for (const cp of extra) if (cp.seq > startSeq && cp.seq <= this.start.seq) this.lastSigned = Math.max(this.lastSigned, cp.seq);
    this.buffer = window.slice(advance);
  }
}

const range = (a: number, b: number) => (a === b ? `entry ${a}` : `entries ${a}–${b}`);

export interface AuditVerifyOptions {
  /**
   * Checkpoints kept elsewhere (`readExportAnchors` of an earlier export): the log must still
   * hold the rows they sign. They catch what the database alone cannot: a cut tail whose head was
   * put back, or a rewrite by someone holding the server secret, after the export was made.
   */
  readonly anchors?: readonly AuditCheckpointRecord[];
  /**
   * Resume at the stored durable checkpoint of this seq: rows before it are not read (a run
   * before this one verified them). The checkpoint's row is verified against its hash and the
   * checkpoint's signature, which anchors every row after it. For checking what was added since.
   */
  readonly since?: number;
}

/**
 * Verifies the whole log, streaming it page by page: every row against its hash and its
 * predecessor, every durable checkpoint and the signed head against the rows, and the head
 * against the last row (a head beyond it: the tail was cut). Reads the head without locking it,
 * so verifying never holds up a writer. Messages name seqs only.
 */
export async function verifyAudit(ctx: UseCaseContext, options: AuditVerifyOptions = {}): Promise<AuditVerification> {
  const s = services(ctx);
  // Checkpoints before the head: every checkpoint read was committed before the head was read,
  // so one beyond the head's seq is a sign of a cut tail, never of a concurrent append.
  const stored = [...(await ctx.repos.audit.checkpoints()), ...(options.anchors ?? [])];
  const installation = await ctx.repos.installation.get();
  const h1 = await ctx.repos.audit.head({ lock: false });
  if (!installation) {
    const rows = ctx.repos.audit.all()[Symbol.asyncIterator]();
    const first = await rows.next();
    await rows.return?.();
    if (first.done && !h1 && stored.length === 0) return { ok: true, checkedRows: 0, lastSeq: 0 };
    return failure(0, 1, 'no_installation', 'the installation record (the genesis of the chain) is missing');
  }
  if (installation.auditPublicKey !== s.auditPublicKey) {
    return failure(0, 1, 'wrong_key', 'the installation names another audit key than the server secret gives: the wrong secret is loaded, or the installation was changed');
  }
  // A head without a signature covers nothing: the rows after the last durable checkpoint are then unsigned.

  const since = options.since !== undefined && options.since > 0 ? options.since : undefined;
  if (since !== undefined && !stored.some((cp) => cp.seq === since)) throw new Error(`audit verification: there is no checkpoint at seq ${since} to resume from`);
  const walker = new ChainWalker(s, s.auditGenesis(installation.id), h1?.signed ? [...stored, h1.signed] : stored, undefined, since);
  for await (const row of ctx.repos.audit.all(since === undefined ? 0 : since - 1)) if (!walker.push(row)) break;
  const end = walker.finish();
  if (!end.ok) return end;
  if (end.lastSeq > end.lastSigned) {
    // Rows after the last signature. On PostgreSQL the pages are read one after another, so rows
    // appended meanwhile (their head moved with them) are read too: the next run verifies them.
    const h2 = await ctx.repos.audit.head({ lock: false });
    const movedPast = h2 !== undefined && h2.seq >= end.lastSeq && h2.seq > (h1?.seq ?? 0);
    if (!movedPast) {
      return failure(walker.rows, end.lastSigned + 1, 'unsigned', `${range(end.lastSigned + 1, end.lastSeq)} come after the signed head (seq ${h2?.seq ?? 0}): added or replaced without the server secret`);
    }
  }
  return { ok: true, checkedRows: walker.rows, lastSeq: end.lastSeq };
}

// ------------------------------------------------------------------------------ listing

const AuditFilterSchema = z
  .object({
    action: z.string().regex(ACTION).optional(),
    actorId: z.string().regex(ID).optional(),
    collectionId: z.string().regex(ID).optional(),
    outcome: z.enum(AUDIT_OUTCOMES).optional(),
  })
  .strict();

/** `{ filter: { action }, limit, offset }`; the filter's fields may also be given at the top (a query string). */
const AuditListSchema = AuditFilterSchema.extend({ filter: AuditFilterSchema.default({}) }).extend(PageQuerySchema.shape).strict();

export type AuditListInput = z.input<typeof AuditListSchema>;

/** Rows, newest first, filtered by action, actor, collection or outcome. */
export async function listAudit(ctx: UseCaseContext, input: unknown = {}): Promise<Page<AuditRow>> {
  const { filter, limit, offset, ...top } = parseInput(AuditListSchema, input ?? {}, 'query');
  const f = { ...top, ...filter };
  return ctx.repos.audit.list(
    {
      ...(f.action !== undefined ? { action: f.action } : {}),
      ...(f.actorId !== undefined ? { actorId: f.actorId } : {}),
      ...(f.collectionId !== undefined ? { collectionId: f.collectionId } : {}),
      ...(f.outcome !== undefined ? { outcome: f.outcome } : {}),
    },
    { limit, offset },
  );
}

// ------------------------------------------------------------------------------ export

/** The first line of an export. */
export interface AuditExportHeader {
  readonly type: 'header';
  readonly format: typeof AUDIT_EXPORT_FORMAT;
  readonly version: number;
  readonly installationId: string | null;
  readonly genesis: string | null;
  /** Ed25519 public key (hex) that verifies every signature in the file. */
  readonly auditPublicKey: string;
  readonly exportedAt: string;
  readonly checkpointInterval: number;
}

export interface AuditExportSummary {
  readonly rows: number;
  readonly checkpoints: number;
  readonly lastSeq: number;
  /** The log as exported: when not ok, the file ends with an unsigned `end` line naming the problem. */
  readonly verification: AuditVerification;
}

const checkpointLine = (cp: AuditCheckpointRecord, type: 'checkpoint' | 'final', head = false): string =>
  JSON.stringify({ type, seq: cp.seq, hash: cp.hash, at: cp.at, signature: cp.signature, publicKey: cp.publicKey, ...(head ? { head: true } : {}) });

/**
 * Writes the log as JSON lines for safekeeping elsewhere: a header (format, installation id,
 * genesis, audit public key), every durable checkpoint and the signed head, every row up to the
 * head, and — if the rows verified — a final checkpoint of the head signed now. The checkpoints
 * come before the rows, so that a file of any length is verified in one pass
 * (`verifyAuditExport`). Rows appended after the export began are not in it.
 */
export async function exportAudit(ctx: UseCaseContext, write: (line: string) => Promise<void>): Promise<AuditExportSummary> {
  const s = services(ctx);
  const stored = await ctx.repos.audit.checkpoints();
  const installation = await ctx.repos.installation.get();
  const head: AuditHead | undefined = await ctx.repos.audit.head({ lock: false });
  const header: AuditExportHeader = {
    type: 'header',
    format: AUDIT_EXPORT_FORMAT,
    version: AUDIT_EXPORT_VERSION,
    installationId: installation?.id ?? null,
    genesis: installation ? s.auditGenesis(installation.id) : null,
    auditPublicKey: s.auditPublicKey,
    exportedAt: nowIso(ctx),
    checkpointInterval: AUDIT_CHECKPOINT_INTERVAL,
  };
  await write(JSON.stringify(header));
  for (const cp of stored) await write(checkpointLine(cp, 'checkpoint'));
  if (head?.signed) await write(checkpointLine(head.signed, 'checkpoint', true));

  let verdict: Failure | null = null;
  if (!installation && (head || stored.length > 0)) verdict = failure(0, 1, 'no_installation', 'the installation record (the genesis of the chain) is missing');
  else if (installation && installation.auditPublicKey !== s.auditPublicKey) verdict = failure(0, 1, 'wrong_key', 'the installation names another audit key than the server secret gives');
  const walker = new ChainWalker(s, header.genesis ?? s.auditGenesis(''), head?.signed ? [...stored, head.signed] : stored);
  // Rows up to the head: later ones were appended after the export began. Without a head, every
  // row (they are evidence; the verification below then fails).
  const limit = head?.seq ?? Infinity;
  let rows = 0;
  for await (const row of ctx.repos.audit.all()) {
    if (row.seq > limit) break;
    await write(JSON.stringify({ type: 'row', ...row }));
    rows++;
    if (!verdict && installation) walker.push(row);
  }
  let lastSeq = 0;
  if (!verdict && installation) {
    const end = walker.finish();
    if (!end.ok) verdict = end;
    else if (end.lastSeq > end.lastSigned) verdict = failure(rows, end.lastSigned + 1, 'unsigned', `${range(end.lastSigned + 1, end.lastSeq)} come after the signed head`);
    else {
      lastSeq = end.lastSeq;
      if (lastSeq > 0) {
        const at = nowIso(ctx);
        await write(checkpointLine({ seq: end.lastSeq, hash: end.lastHash, at, ...s.signAuditCheckpoint({ seq: end.lastSeq, hash: end.lastHash, at }) }, 'final'));
      }
    }
  }
  if (verdict) await write(JSON.stringify({ type: 'end', ok: false, firstBadSeq: verdict.firstBadSeq, reason: verdict.reason }));
  return {
    rows,
    checkpoints: stored.length + (head?.signed ? 1 : 0),
    lastSeq,
    verification: verdict ?? { ok: true, checkedRows: rows, lastSeq },
  };
}

/**
 * The checkpoints of an export (its durable ones, its head and its final one), to verify the
 * live log against with `verifyAudit(ctx, { anchors })`. Their signatures are checked then,
 * under the installation's key. Rows are skipped; throws on a file that is not an audit export.
 */
export async function readExportAnchors(lines: AsyncIterable<string> | Iterable<string>): Promise<AuditCheckpointRecord[]> {
  const out: AuditCheckpointRecord[] = [];
  let header = false;
  for await (const raw of lines) {
    const text = raw.trim();
    if (text === '' || text.startsWith('{"type":"row"')) continue;
    let o: Record<string, unknown> | null = null;
    try {
      const v: unknown = JSON.parse(text);
      if (v !== null && typeof v === 'object' && !Array.isArray(v)) o = v as Record<string, unknown>;
    } catch {
      o = null;
    }
    if (!header) {
      if (o?.type !== 'header' || o.format !== AUDIT_EXPORT_FORMAT) throw new AuditExportFormatError('not a Vigil audit export');
      header = true;
      continue;
    }
    if (o && (o.type === 'checkpoint' || o.type === 'final')) {
      const cp = asCheckpoint(o);
      if (!cp) throw new AuditExportFormatError('a checkpoint of the export is malformed');
      out.push(cp);
    }
  }
  if (!header) throw new AuditExportFormatError('not a Vigil audit export (empty)');
  return out;
}

export class AuditExportFormatError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'AuditExportFormatError';
  }
}

export type AuditFileVerification = AuditVerification & {
  /** The key the file's signatures were checked against. */
  readonly publicKey: string | null;
  /** True when that key was given by the caller (--public-key), not only read from the file. */
  readonly keyGiven: boolean;
  readonly installationId: string | null;
};

const HEX64 = /^[0-9a-f]{64}$/;

function asCheckpoint(o: Record<string, unknown>): AuditCheckpointRecord | null {
  const { seq, hash, at, signature, publicKey } = o;
  if (typeof seq !== 'number' || typeof hash !== 'string' || typeof at !== 'string' || typeof signature !== 'string' || typeof publicKey !== 'string') return null;
  return { seq, hash, at, signature, publicKey };
}

function asRow(o: Record<string, unknown>): AuditRow {
  // Types are not checked here: a row with a field of the wrong type fails its hash.
  return {
    seq: o.seq as number,
    at: o.at as string,
    actorId: (o.actorId ?? null) as string | null,
    action: o.action as string,
    entity: (o.entity ?? null) as string | null,
    entityId: (o.entityId ?? null) as string | null,
    collectionId: (o.collectionId ?? null) as string | null,
    outcome: o.outcome as AuditRow['outcome'],
    details: o.details as AuditRow['details'],
    prevHash: typeof o.prevHash === 'string' ? o.prevHash : '',
    hash: typeof o.hash === 'string' ? o.hash : '',
  };
}

/**
 * Verifies an exported file on its own, in one pass: its rows against their hashes and each
 * other, its checkpoints and its final checkpoint against the rows, every signature under the
 * key in its header — or under `publicKey` when given, which must then be the header's. Without
 * `publicKey` the file only proves it is consistent with itself: whoever made it could have
 * signed it with a key of their own. Pass the installation's key (`vigil audit verify` prints it)
 * to prove it came from the installation.
 */
export async function verifyAuditExport(
  lines: AsyncIterable<string> | Iterable<string>,
  s: SecurityServices,
  opts: { readonly publicKey?: string } = {},
): Promise<AuditFileVerification> {
  const given = opts.publicKey?.trim().toLowerCase();
  let header: AuditExportHeader | null = null;
  const checkpoints: AuditCheckpointRecord[] = [];
  let walker: ChainWalker | null = null;
  let final: AuditCheckpointRecord | null = null;
  let ended = false;
  let lineNo = 0;
  const meta = () => ({ publicKey: given ?? header?.auditPublicKey ?? null, keyGiven: given !== undefined, installationId: header?.installationId ?? null });
  const fail = (firstBadSeq: number, reason: AuditFailureReason, message: string): AuditFileVerification => ({ ...failure(walker?.rows ?? 0, firstBadSeq, reason, message), ...meta() });
  const expected = () => (walker?.rows ?? 0) + 1;

  if (given !== undefined && !HEX64.test(given)) return fail(0, 'malformed', 'the public key given must be 64 hex digits');
  for await (const raw of lines) {
    lineNo++;
    const text = raw.trim();
    if (text === '') continue;
    let o: Record<string, unknown>;
    try {
      const v: unknown = JSON.parse(text);
      if (v === null || typeof v !== 'object' || Array.isArray(v)) throw new Error('not an object');
      o = v as Record<string, unknown>;
    } catch {
      return header ? fail(expected(), 'altered', `line ${lineNo} is not a JSON record: the file was changed`) : fail(0, 'malformed', 'not a Vigil audit export');
    }
    if (!header) {
      if (o.type !== 'header' || o.format !== AUDIT_EXPORT_FORMAT || typeof o.auditPublicKey !== 'string' || !HEX64.test(o.auditPublicKey)) return fail(0, 'malformed', 'not a Vigil audit export');
      if (o.version !== AUDIT_EXPORT_VERSION) return fail(0, 'malformed', `audit export version ${String(o.version)} is not supported`);
      header = o as unknown as AuditExportHeader;
      if (given !== undefined && given !== header.auditPublicKey) return fail(0, 'wrong_key', 'the file is signed with another key than the one given');
      if (header.installationId !== null && (typeof header.installationId !== 'string' || header.genesis !== s.auditGenesis(header.installationId))) {
        return fail(0, 'malformed', 'the header\'s genesis is not its installation\'s');
      }
      continue;
    }
    if (ended) return fail(expected(), 'malformed', `line ${lineNo} follows the end of the export`);
    if (o.type === 'checkpoint') {
      const cp = asCheckpoint(o);
      if (walker || !cp) return fail(cp && !walker ? cp.seq : expected(), 'malformed', `line ${lineNo}: a checkpoint out of place or malformed`);
      checkpoints.push(cp);
    } else if (o.type === 'row') {
      if (header.installationId === null || header.genesis === null) return fail(1, 'no_installation', 'the export has rows but no installation (genesis)');
      walker ??= new ChainWalker(s, header.genesis, checkpoints, header.auditPublicKey);
      if (!walker.push(asRow(o))) return { ...walker.failed!, ...meta() };
    } else if (o.type === 'final') {
      final = asCheckpoint(o);
      if (!final) return fail(expected(), 'malformed', `line ${lineNo}: a malformed final checkpoint`);
      ended = true;
    } else if (o.type === 'end') {
      const seq = typeof o.firstBadSeq === 'number' ? o.firstBadSeq : expected();
      const reason = typeof o.reason === 'string' ? o.reason : 'unknown';
      return fail(seq, 'unsigned', `the log was already broken when exported (at seq ${seq}: ${reason}); the export carries no final signature`);
    } else {
      return fail(expected(), 'malformed', `line ${lineNo} is not a record of an audit export`);
    }
  }
  if (!header) return fail(0, 'malformed', 'not a Vigil audit export (empty)');
  if (!walker) {
    if (checkpoints.length === 0 && (final === null || final.seq === 0)) return { ok: true, checkedRows: 0, lastSeq: 0, ...meta() };
    walker = new ChainWalker(s, header.genesis ?? s.auditGenesis(''), checkpoints, header.auditPublicKey);
  }
  const end = walker.finish(final ? [final] : []);
  if (!end.ok) return { ...end, ...meta() };
  if (!final) return fail(end.lastSigned + 1, 'unsigned', 'the export has no final checkpoint: it was cut short');
  if (end.lastSeq > end.lastSigned) return fail(end.lastSigned + 1, 'unsigned', `${range(end.lastSigned + 1, end.lastSeq)} come after the final checkpoint`);
  return { ok: true, checkedRows: walker.rows, lastSeq: end.lastSeq, ...meta() };
}
