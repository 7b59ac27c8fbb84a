/**
 * Moving records between installations and tools.
 *
 * JSONL (lossless): one `{"type": …, "data": …}` object per line, `data` being the record
 * exactly as the repositories return it, in dependency order (collections, user-added places,
 * actors with parents before children, sources, incidents, claims). Importing it into an empty
 * store and exporting again gives the same bytes.
 *
 * Import is idempotent by id: a record whose id exists with the same content is skipped. A
 * record whose id exists with *different* content is refused (CONFLICT, nothing imported)
 * unless the caller asks to overwrite: silently replacing newer edits with an older export
 * is the worse failure for a monitoring team, and a refusal names the ids to look at.
 * Derived incident state (status, derivation, reconciled counts) is never taken from the
 * file: it is recomputed from the imported claims, so it may be left out of hand-made files.
 *
 * CSV (flat, for spreadsheets): export writes one row per act; import creates new incidents
 * (and optional count claims) from rows, validating every row before writing any.
 */
import { z } from 'zod';
import { ActorSchema, type Actor } from '../core/actor.js';
import { ClaimSchema, type Claim } from '../core/claim.js';
import { CollectionSchema, type Collection } from '../core/collection.js';
import { issuesToFields } from '../core/common.js';
import { CountSchema, type Count } from '../core/count.js';
import { NotFoundError, ValidationError, VigilError, type FieldIssue } from '../core/errors.js';
import { IsoDateSchema } from '../core/fuzzy-date.js';
import {
  ActSchema,
  IncidentInputSchema,
  IncidentSchema,
  ReconciledCountSchema,
  StatusDerivationSchema,
  type Incident,
  type IncidentInput,
} from '../core/incident.js';
import { PlaceSchema, type Place } from '../core/place.js';
import { SourceSchema, type Source } from '../core/source.js';
import { ACT_TYPES, COUNT_QUALIFIERS, DATE_PRECISIONS, STANCES, label } from '../core/vocabularies.js';
import { addClaim } from './claims.js';
import { resolveCollectionId } from './collections.js';
import type { UseCaseContext } from './context.js';
import { createIncident, EMPTY_RECONCILIATION } from './incidents.js';
import { seedGazetteer } from './places.js';
import { indexClaim, indexSource, refreshIncident } from './refresh.js';

// ---------------------------------------------------------------------------------------
// JSONL records

export const RECORD_TYPES = ['collection', 'place', 'actor', 'source', 'incident', 'claim'] as const;
export type RecordType = (typeof RECORD_TYPES)[number];

/** Derived state is optional on import: it is recomputed from the claims anyway. */
const IncidentRecordSchema = IncidentSchema.extend({
  status: IncidentSchema.shape.status.optional(),
  derivation: StatusDerivationSchema.optional(),
  acts: z.array(ActSchema.extend({ reconciled: ReconciledCountSchema.optional() }).strict()),
}).strict();

// Strict: a field this version does not know would be dropped silently, which is not lossless.
export const ExportRecordSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('collection'), data: CollectionSchema.strict() }).strict(),
  z.object({ type: z.literal('place'), data: PlaceSchema.strict() }).strict(),
  z.object({ type: z.literal('actor'), data: ActorSchema.strict() }).strict(),
  z.object({ type: z.literal('source'), data: SourceSchema.strict() }).strict(),
  z.object({ type: z.literal('incident'), data: IncidentRecordSchema }).strict(),
  z.object({ type: z.literal('claim'), data: ClaimSchema.strict() }).strict(),
]);

export type ExportRecord =
  | { type: 'collection'; data: Collection }
  | { type: 'place'; data: Place }
  | { type: 'actor'; data: Actor }
  | { type: 'source'; data: Source }
  | { type: 'incident'; data: Incident }
  | { type: 'claim'; data: Claim };

type ParsedRecord = z.output<typeof ExportRecordSchema>;

export interface ExportOptions {
  /** Only these collections (and the user-added places, which all collections share). */
  readonly collectionIds?: readonly string[];
}

/** Orders records so that a parent comes before its children; otherwise keeps the input order. */
function parentsFirst<T extends { id: string; parentId: string | null }>(items: readonly T[]): T[] {
  const byId = new Map(items.map((i) => [i.id, i]));
  const seen = new Set<string>();
  const out: T[] = [];
  const visit = (item: T): void => {
    if (seen.has(item.id)) return;
    seen.add(item.id);
    const parent = item.parentId !== null ? byId.get(item.parentId) : undefined;
    if (parent) visit(parent);
    out.push(item);
  };
  for (const item of items) visit(item);
  return out;
}

/** Every record, in dependency order, as the repositories return it. */
export async function* exportRecords(ctx: UseCaseContext, opts: ExportOptions = {}): AsyncIterable<ExportRecord> {
  const ids = opts.collectionIds;
  const wanted = ids ? new Set(ids) : null;
  for (const c of await ctx.repos.collections.list()) if (!wanted || wanted.has(c.id)) yield { type: 'collection', data: c };
  const places: Place[] = [];
  for await (const p of ctx.repos.places.userAdded()) places.push(p);
  for (const p of parentsFirst(places)) yield { type: 'place', data: p };
  const actors: Actor[] = [];
  for await (const a of ctx.repos.actors.all(ids)) actors.push(a);
  for (const a of parentsFirst(actors)) yield { type: 'actor', data: a };
  for await (const s of ctx.repos.sources.all(ids)) yield { type: 'source', data: s };
  for await (const i of ctx.repos.incidents.all(ids)) yield { type: 'incident', data: i };
  for await (const c of ctx.repos.claims.all(ids)) yield { type: 'claim', data: c };
}

/** One JSONL line (without the newline) per record. */
export async function* exportJsonl(ctx: UseCaseContext, opts: ExportOptions = {}): AsyncIterable<string> {
  for await (const r of exportRecords(ctx, opts)) yield JSON.stringify(r);
}

export interface TypeCounts {
  created: number;
  updated: number;
  unchanged: number;
}
export type ImportSummary = Record<RecordType, TypeCounts>;

export interface ImportOptions {
  /** What to do with an id that exists with different content; default 'refuse'. */
  readonly onConflict?: 'refuse' | 'overwrite';
}

/** Called after each record with the number processed so far. */
export type ProgressFn = (done: number) => void;

interface Item {
  /** Where the record came from, for error messages: "line 12", "record 3". */
  readonly at: string;
  readonly value: unknown;
}

/**
 * Imports records (already parsed JSON values) in the order given, which must be dependency
 * order as `exportRecords` writes it. Run it inside one transaction (`app.batch`): any error
 * leaves the store as it was.
 */
export async function importRecords(
  ctx: UseCaseContext,
  records: Iterable<unknown> | AsyncIterable<unknown>,
  onProgress?: ProgressFn,
  opts: ImportOptions = {},
): Promise<ImportSummary> {
  async function* items(): AsyncIterable<Item> {
    let n = 0;
    for await (const value of records) yield { at: `record ${++n}`, value };
  }
  return importItems(ctx, items(), onProgress, opts);
}

/** Imports JSONL text lines; blank lines are skipped; errors name the line. */
export async function importJsonl(
  ctx: UseCaseContext,
  lines: Iterable<string> | AsyncIterable<string>,
  onProgress?: ProgressFn,
  opts: ImportOptions = {},
): Promise<ImportSummary> {
  async function* items(): AsyncIterable<Item> {
    let n = 0;
    for await (const line of lines) {
      n++;
      if (line.trim() === '') continue;
      let value: unknown;
      try {
        value = JSON.parse(line);
      } catch {
        // The parser's message quotes the line's text: say only where it failed.
        throw new ValidationError('invalid JSONL', [{ path: `line ${n}`, message: 'not valid JSON' }]);
      }
      yield { at: `line ${n}`, value };
    }
  }
  return importItems(ctx, items(), onProgress, opts);
}

const emptySummary = (): ImportSummary =>
  Object.fromEntries(RECORD_TYPES.map((t) => [t, { created: 0, updated: 0, unchanged: 0 }])) as ImportSummary;

/** JSON with object keys sorted, so that equal records compare equal whatever their key order. */
function canonical(v: unknown): string {
  return JSON.stringify(v, (_k, x: unknown) =>
    x !== null && typeof x === 'object' && !Array.isArray(x)
      ? Object.fromEntries(Object.entries(x as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
      : x,
  );
}

/** An incident without what is derived from its claims: only the rest is compared on import. */
function incidentFacts(i: Incident | ParsedIncident): unknown {
  const { status: _s, derivation: _d, acts, ...rest } = i;
  return { ...rest, acts: acts.map(({ reconciled: _r, ...a }) => a) };
}

type ParsedIncident = z.output<typeof IncidentRecordSchema>;

function withDerivedDefaults(i: ParsedIncident): Incident {
  return {
    ...i,
    status: i.status ?? 'unverified',
    derivation: i.derivation ?? { status: 'unverified', reasons: [], supportingOrigins: [], denialClaimIds: [] },
    acts: i.acts.map((a) => ({ ...a, reconciled: a.reconciled ?? EMPTY_RECONCILIATION })),
  };
}

async function importItems(ctx: UseCaseContext, items: AsyncIterable<Item>, onProgress: ProgressFn | undefined, opts: ImportOptions): Promise<ImportSummary> {
  const summary = emptySummary();
  const overwrite = opts.onConflict === 'overwrite';
  // Built-in places are not exported: every installation has them, with the same ids.
  await seedGazetteer(ctx);
  const touchedIncidents = new Set<string>();
  const touchedClaims: Claim[] = [];
  const touchedSources: Source[] = [];
  let done = 0;

  for await (const { at, value } of items) {
    const parsed = ExportRecordSchema.safeParse(value);
    if (!parsed.success)
      throw new ValidationError(`invalid record (${at})`, issuesToFields(parsed.error.issues).map((f) => ({ path: `${at}: ${f.path}`, message: f.message })));
    const r = parsed.data;
    const fail = (code: ConstructorParameters<typeof VigilError>[0], message: string, field: string, why: string): never => {
      throw new VigilError(code, `${message} (${at})`, [{ path: `${at}: data.${field}`, message: why }]);
    };
    const existing = await getExisting(ctx, r);
    const same = existing !== undefined && (r.type === 'incident'
      ? canonical(incidentFacts(existing as Incident)) === canonical(incidentFacts(r.data))
      : canonical(existing) === canonical(r.data));
    const counts = summary[r.type];
    if (same) {
      counts.unchanged++;
    } else {
      if (existing !== undefined && !overwrite)
        fail('CONFLICT', `${r.type} ${r.data.id} exists with different content; import with overwrite to replace it`, 'id', 'exists with different content');
      await checkReferences(ctx, r, fail);
      await write(ctx, r, existing !== undefined);
      if (existing !== undefined) counts.updated++;
      else counts.created++;
      if (r.type === 'incident') touchedIncidents.add(r.data.id);
      if (r.type === 'source') touchedSources.push(r.data);
      if (r.type === 'claim') {
        touchedClaims.push(r.data);
        if (r.data.incidentId) touchedIncidents.add(r.data.incidentId);
        const before = existing as Claim | undefined;
        if (before?.incidentId) touchedIncidents.add(before.incidentId);
      }
    }
    onProgress?.(++done);
  }

  // Derived state and search text are rebuilt from what now stands, not taken from the file.
  for (const s of touchedSources) await indexSource(ctx, s);
  for (const id of touchedIncidents) {
    const incident = await ctx.repos.incidents.get(id);
    if (incident) await refreshIncident(ctx, incident);
  }
  for (const c of touchedClaims) await indexClaim(ctx, c);
  return summary;
}

async function getExisting(ctx: UseCaseContext, r: ParsedRecord): Promise<unknown> {
  switch (r.type) {
    case 'collection':
      return ctx.repos.collections.get(r.data.id);
    case 'place':
      return ctx.repos.places.get(r.data.id);
    case 'actor':
      return ctx.repos.actors.get(r.data.id);
    case 'source':
      return ctx.repos.sources.get(r.data.id);
    case 'incident':
      return ctx.repos.incidents.get(r.data.id);
    case 'claim':
      return ctx.repos.claims.get(r.data.id);
  }
}

type Fail = (code: ConstructorParameters<typeof VigilError>[0], message: string, field: string, why: string) => never;

/** References must point at records already in the store (or earlier in the file), in the same collection. */
async function checkReferences(ctx: UseCaseContext, r: ParsedRecord, fail: Fail): Promise<void> {
  const collection = async (id: string): Promise<void> => {
    if (!(await ctx.repos.collections.get(id))) fail('COLLECTION_NOT_FOUND', `collection ${id} does not exist`, 'collectionId', 'no such collection');
  };
  const actorIn = async (collectionId: string, id: string | null, field: string): Promise<Actor | undefined> => {
    if (id === null) return undefined;
    const a = await ctx.repos.actors.get(id);
    if (!a || a.collectionId !== collectionId) fail('ACTOR_NOT_FOUND', `actor ${id} does not exist`, field, 'no actor with this id in this collection');
    return a;
  };
  const place = async (id: string | null, field: string): Promise<void> => {
    if (id !== null && !(await ctx.repos.places.get(id))) fail('PLACE_NOT_FOUND', `place ${id} does not exist`, field, 'no such place');
  };

  switch (r.type) {
    case 'collection':
      return;
    case 'place': {
      const p = r.data;
      if (p.builtin) fail('VALIDATION_FAILED', 'built-in places come from the gazetteer and cannot be imported', 'builtin', 'must be false');
      if (p.parentId === null) fail('VALIDATION_FAILED', 'a user-added place needs a parent', 'parentId', 'required');
      await place(p.parentId, 'parentId');
      return;
    }
    case 'actor': {
      const a = r.data;
      await collection(a.collectionId);
      if (a.kind === 'person' && a.organisationType !== null) fail('VALIDATION_FAILED', 'only organisations have an organisation type', 'organisationType', 'not for persons');
      const parent = await actorIn(a.collectionId, a.parentId, 'parentId');
      if (parent && parent.kind !== 'organisation') fail('VALIDATION_FAILED', 'a parent must be an organisation', 'parentId', 'must be an organisation');
      return;
    }
    case 'source':
      return collection(r.data.collectionId);
    case 'incident': {
      const i = r.data;
      await collection(i.collectionId);
      await place(i.placeId, 'placeId');
      const seen = new Set<string>();
      for (const [n, a] of i.acts.entries()) {
        if (a.incidentId !== i.id) fail('VALIDATION_FAILED', 'an act belongs to its incident', `acts.${n}.incidentId`, 'must be the incident id');
        if (seen.has(a.id)) fail('VALIDATION_FAILED', 'act ids must be unique', `acts.${n}.id`, 'duplicate');
        seen.add(a.id);
        const holder = await ctx.repos.incidents.incidentIdOfAct(a.id);
        if (holder !== undefined && holder !== i.id) fail('CONFLICT', `act ${a.id} belongs to another incident`, `acts.${n}.id`, 'belongs to another incident');
        await place(a.placeId, `acts.${n}.placeId`);
        for (const [j, inv] of a.involvements.entries()) await actorIn(i.collectionId, inv.actorId, `acts.${n}.involvements.${j}.actorId`);
      }
      const before = await ctx.repos.incidents.get(i.id);
      if (before) {
        // Replacing an incident must not strand claims on acts it no longer has.
        const removed = new Set(before.acts.filter((a) => !seen.has(a.id)).map((a) => a.id));
        const stranded = (await ctx.repos.claims.forIncident(i.id)).filter((c) => c.actId !== null && removed.has(c.actId));
        if (stranded.length > 0) fail('IN_USE', `${stranded.length} claim(s) are about acts this record removes`, 'acts', 'an act with claims cannot be removed');
      }
      return;
    }
    case 'claim': {
      const c = r.data;
      await collection(c.collectionId);
      const source = await ctx.repos.sources.get(c.sourceId);
      if (!source || source.collectionId !== c.collectionId) fail('SOURCE_NOT_FOUND', `source ${c.sourceId} does not exist`, 'sourceId', 'no source with this id in this collection');
      if (c.actId !== null && c.incidentId === null) fail('VALIDATION_FAILED', 'a claim about an act names its incident', 'incidentId', 'required with actId');
      if (c.incidentId !== null) {
        const incident = await ctx.repos.incidents.get(c.incidentId);
        if (!incident || incident.collectionId !== c.collectionId)
          fail('INCIDENT_NOT_FOUND', `incident ${c.incidentId} does not exist`, 'incidentId', 'no incident with this id in this collection');
        if (c.actId !== null && !incident?.acts.some((a) => a.id === c.actId)) fail('ACT_NOT_FOUND', `act ${c.actId} is not part of incident ${c.incidentId}`, 'actId', 'not an act of this incident');
      }
      await actorIn(c.collectionId, c.speakerId, 'speakerId');
      await actorIn(c.collectionId, c.relayId, 'relayId');
      await actorIn(c.collectionId, c.asserts.perpetratorId, 'asserts.perpetratorId');
      await place(c.asserts.placeId, 'asserts.placeId');
      if (c.evidence && c.evidence.end > (source?.text?.length ?? 0)) fail('VALIDATION_FAILED', 'the evidence span lies outside the source text', 'evidence.end', 'beyond the source text');
      return;
    }
  }
}

async function write(ctx: UseCaseContext, r: ParsedRecord, exists: boolean): Promise<void> {
  switch (r.type) {
    case 'collection':
      return exists ? ctx.repos.collections.update(r.data) : ctx.repos.collections.insert(r.data);
    case 'place':
      return exists ? ctx.repos.places.update(r.data) : ctx.repos.places.insert(r.data);
    case 'actor':
      return exists ? ctx.repos.actors.update(r.data) : ctx.repos.actors.insert(r.data);
    case 'source':
      return exists ? ctx.repos.sources.update(r.data) : ctx.repos.sources.insert(r.data);
    case 'incident':
      // refreshIncident works out the statistics placement and saves; claims come later.
      await refreshIncident(ctx, withDerivedDefaults(r.data), { claims: [] });
      return;
    case 'claim':
      return exists ? ctx.repos.claims.update(r.data) : ctx.repos.claims.insert(r.data);
  }
}

// ---------------------------------------------------------------------------------------
// CSV (RFC 4180)

/** Parses RFC 4180 CSV (quoted fields, "" escapes, CRLF or LF, optional BOM). */
export function parseCsv(text: string): { rows: string[][]; error: FieldIssue | null } {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  let line = 1;
  let i = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  let fieldStarted = false;
  while (i < text.length) {
    const ch = text[i] as string;
    if (quoted) {
      if (ch === '"') {
        if (text[i + 1] === '"') {
          field += '"';
          i += 2;
          continue;
        }
        quoted = false;
        i++;
        continue;
      }
      if (ch === '\n') line++;
      field += ch;
      i++;
      continue;
    }
    if (ch === '"' && !fieldStarted) {
      quoted = true;
      fieldStarted = true;
      i++;
      continue;
    }
    if (ch === ',') {
      row.push(field);
      field = '';
      fieldStarted = false;
      i++;
      continue;
    }
    if (ch === '\r' || ch === '\n') {
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
      fieldStarted = false;
      i += ch === '\r' && text[i + 1] === '\n' ? 2 : 1;
      line++;
      continue;
    }
    if (fieldStarted && text[i - 1] === '"')
      return { rows, error: { path: `line ${line}`, message: 'text after a closing quote' } };
    field += ch;
    fieldStarted = true;
    i++;
  }
  if (quoted) return { rows, error: { path: `line ${line}`, message: 'a quoted field is not closed' } };
  if (fieldStarted || row.length > 0) {
    row.push(field);
    rows.push(row);
  }
  return { rows, error: null };
}

// Spreadsheets run a cell that starts with one of these as a formula: a title taken from a
// hostile source must not become one. The JSONL export is the lossless format.
const FORMULA_START = /^[=+\-@\t\r]/;

/** One CSV line (no line break) from cells; text cells that look like formulas get a leading '. */
export function csvLine(cells: readonly (string | number | boolean | null)[]): string {
  return cells
    .map((c) => {
      if (c === null) return '';
      if (typeof c !== 'string') return String(c);
      const s = FORMULA_START.test(c) ? `'${c}` : c;
      return /[",\r\n]/.test(s) || s !== s.trim() ? `"${s.replace(/"/g, '""')}"` : s;
    })
    .join(',');
}

export const INCIDENT_CSV_EXPORT_COLUMNS = [
  'incident_id',
  'collection_id',
  'title',
  'summary',
  'date_start',
  'date_end',
  'date_precision',
  'place',
  'status',
  'review_decision',
  'tags',
  'act_id',
  'act_type',
  'act_date_start',
  'act_date_end',
  'act_date_precision',
  'act_place',
  'victims',
  'perpetrators',
  'count_qualifier',
  'count_value',
  'count_min',
  'count_max',
  'low',
  'high',
  'conflict',
  'supporting_claims',
  'denying_claims',
] as const;

/** Incidents as CSV lines (header first), one row per act; an incident with no act gets one row with empty act cells. */
export async function* exportIncidentsCsv(ctx: UseCaseContext, opts: ExportOptions = {}): AsyncIterable<string> {
  yield csvLine([...INCIDENT_CSV_EXPORT_COLUMNS]);
  const placeCache = new Map<string, string>();
  const placeRef = async (id: string | null): Promise<string | null> => {
    if (id === null) return null;
    let ref = placeCache.get(id);
    if (ref === undefined) {
      // Built-in places by ISO code, which spreadsheets and other tools understand; others by id.
      ref = (await ctx.repos.places.get(id))?.code ?? id;
      placeCache.set(id, ref);
    }
    return ref;
  };
  for await (const i of ctx.repos.incidents.all(opts.collectionIds)) {
    const head = [
      i.id,
      i.collectionId,
      i.title,
      i.summary,
      i.date.start,
      i.date.end,
      i.date.precision,
      await placeRef(i.placeId),
      i.status,
      i.reviewDecision,
      i.tags.join(';'),
    ];
    if (i.acts.length === 0) {
      yield csvLine([...head, ...new Array<null>(INCIDENT_CSV_EXPORT_COLUMNS.length - head.length).fill(null)]);
      continue;
    }
    for (const a of i.acts) {
      const r = a.reconciled;
      yield csvLine([
        ...head,
        a.id,
        a.type,
        a.date.start,
        a.date.end,
        a.date.precision,
        await placeRef(a.placeId),
        a.victims,
        a.perpetrators,
        r.count?.qualifier ?? null,
        r.count?.value ?? null,
        r.count?.min ?? null,
        r.count?.max ?? null,
        r.low,
        r.high,
        r.conflict,
        r.claimIds.length,
        r.denialClaimIds.length,
      ]);
    }
  }
}

/**
 * Columns of an incident CSV import. Only `title` is required; the others may be left out.
 * Rows with the same `incident` label form one incident (its fields come from the first
 * row; later rows may repeat them or leave them empty); a row without a label is an incident
 * of its own. Each row with an `act_type` adds an act; a row with a `count_qualifier` or a
 * `stance` also adds a claim (from `source_id`, or the default source given to the import).
 */
export const INCIDENT_CSV_IMPORT_COLUMNS = [
  'incident',
  'title',
  'summary',
  'date_start',
  'date_end',
  'date_precision',
  'place',
  'tags',
  'act_type',
  'act_date_start',
  'act_date_end',
  'act_date_precision',
  'act_place',
  'victims',
  'perpetrators',
  'source_id',
  'stance',
  'count_qualifier',
  'count_value',
  'count_min',
  'count_max',
  'claim_about',
] as const;
type CsvColumn = (typeof INCIDENT_CSV_IMPORT_COLUMNS)[number];

const INCIDENT_FIELDS = ['title', 'summary', 'date_start', 'date_end', 'date_precision', 'place', 'tags'] as const satisfies readonly CsvColumn[];

const cell = z.string().transform((s) => s.trim());
const optionalInt = cell.pipe(z.union([z.literal('').transform(() => null), z.string().regex(/^\d+$/, 'a whole number').transform(Number)]));
const optionalEnum = <const T extends readonly string[]>(codes: T) =>
  cell.pipe(z.union([z.literal('').transform(() => null), z.enum(codes)]));
const optionalDate = cell.pipe(z.union([z.literal('').transform(() => null), IsoDateSchema]));

const CsvRowSchema = z.object({
  incident: cell,
  title: cell.pipe(z.string().max(500)),
  summary: cell.pipe(z.string().max(20_000)),
  date_start: optionalDate,
  date_end: optionalDate,
  date_precision: optionalEnum(DATE_PRECISIONS.codes),
  place: cell,
  tags: cell,
  act_type: optionalEnum(ACT_TYPES.codes),
  act_date_start: optionalDate,
  act_date_end: optionalDate,
  act_date_precision: optionalEnum(DATE_PRECISIONS.codes),
  act_place: cell,
  victims: cell.pipe(z.string().max(1000)),
  perpetrators: cell.pipe(z.string().max(1000)),
  source_id: cell.pipe(z.union([z.literal(''), z.uuid()])),
  stance: optionalEnum(STANCES.codes),
  count_qualifier: optionalEnum(COUNT_QUALIFIERS.codes),
  count_value: optionalInt,
  count_min: optionalInt,
  count_max: optionalInt,
  claim_about: cell.pipe(z.string().max(2000)),
});

type CsvRow = z.output<typeof CsvRowSchema>;

export interface CsvImportOptions {
  /** The collection the incidents go to; default: the oldest collection. */
  readonly collectionId?: string;
  /** The source of claims in rows that name no `source_id`. */
  readonly sourceId?: string;
}

export interface CsvImportSummary {
  readonly incidents: number;
  readonly acts: number;
  readonly claims: number;
  readonly incidentIds: string[];
}

interface ParsedCsvRow {
  /** Row number counting the header as row 1. */
  readonly n: number;
  readonly raw: Record<CsvColumn, string>;
  readonly data: CsvRow;
}

interface PlannedClaim {
  readonly actIndex: number | null;
  readonly sourceId: string;
  readonly stance: z.output<typeof CsvRowSchema>['stance'] & string;
  readonly about: string;
  readonly count: Count | null;
}

const UUID = z.uuid();

/**
 * Creates incidents from CSV rows (columns: INCIDENT_CSV_IMPORT_COLUMNS). Every row is
 * checked before anything is written; when any row is bad, nothing is imported and the
 * ValidationError lists every fault as `row N: column`. Run it inside one transaction.
 */
export async function importIncidentsCsv(
  ctx: UseCaseContext,
  text: string,
  onProgress?: ProgressFn,
  opts: CsvImportOptions = {},
): Promise<CsvImportSummary> {
  const { rows, error } = parseCsv(text);
  if (error) throw new ValidationError('invalid CSV', [error]);
  const header = rows[0];
  if (!header) throw new ValidationError('invalid CSV', [{ path: 'row 1', message: 'no header row' }]);
  const issues: FieldIssue[] = [];
  const allowed: readonly string[] = INCIDENT_CSV_IMPORT_COLUMNS;
  const columns = header.map((h) => h.trim().toLowerCase());
  columns.forEach((c, i) => {
    // Position, not the header text: error output never repeats the file's contents.
    if (!allowed.includes(c)) issues.push({ path: `row 1: column ${i + 1}`, message: `unknown column; the columns are ${allowed.join(', ')}` });
    else if (columns.indexOf(c) !== i) issues.push({ path: `row 1: column ${i + 1}`, message: 'repeats an earlier column' });
  });
  if (!columns.includes('title')) issues.push({ path: 'row 1', message: 'the title column is required' });
  if (issues.length > 0) throw new ValidationError('invalid CSV header; nothing was imported', issues);

  const collectionId = await resolveCollectionId(ctx, opts.collectionId);
  // Place codes resolve through the gazetteer, which may not be loaded yet in a new store.
  await seedGazetteer(ctx);
  let defaultSource: Source | undefined;
  if (opts.sourceId !== undefined) {
    defaultSource = await ctx.repos.sources.get(opts.sourceId);
    if (!defaultSource || defaultSource.collectionId !== collectionId) throw new NotFoundError('SOURCE_NOT_FOUND', 'source', opts.sourceId.slice(0, 64), 'source');
  }

  const parsed: ParsedCsvRow[] = [];
  for (const [index, cells] of rows.entries()) {
    if (index === 0 || cells.every((c) => c.trim() === '')) continue;
    const n = index + 1;
    if (cells.length !== columns.length) {
      issues.push({ path: `row ${n}`, message: `has ${cells.length} cells where the header has ${columns.length}` });
      continue;
    }
    const raw = Object.fromEntries(INCIDENT_CSV_IMPORT_COLUMNS.map((c) => [c, ''])) as Record<CsvColumn, string>;
    columns.forEach((c, i) => (raw[c as CsvColumn] = cells[i] ?? ''));
    const r = CsvRowSchema.safeParse(raw);
    if (!r.success) {
      for (const f of issuesToFields(r.error.issues)) issues.push({ path: `row ${n}: ${f.path}`, message: f.message });
      continue;
    }
    parsed.push({ n, raw, data: r.data });
  }

  const groups = new Map<string, ParsedCsvRow[]>();
  for (const row of parsed) {
    // A row with no label is an incident of its own; \u0000 cannot occur in a label.
    const key = row.data.incident !== '' ? row.data.incident : `\u0000${row.n}`;
    const g = groups.get(key);
    if (g) g.push(row);
    else groups.set(key, [row]);
  }

  const placeIds = new Map<string, string | null>();
  const resolvePlace = async (ref: string, n: number, column: CsvColumn): Promise<string | null> => {
    if (ref === '') return null;
    if (!placeIds.has(ref)) {
      const p = UUID.safeParse(ref).success ? await ctx.repos.places.get(ref) : await ctx.repos.places.getByCode(ref.toUpperCase());
      placeIds.set(ref, p?.id ?? null);
    }
    const id = placeIds.get(ref) ?? null;
    if (id === null) issues.push({ path: `row ${n}: ${column}`, message: 'no place with this ISO code or id' });
    return id;
  };
  const sources = new Map<string, Source | undefined>();
  const resolveSource = async (row: ParsedCsvRow): Promise<string | null> => {
    const id = row.data.source_id;
    if (id === '') {
      if (defaultSource) return defaultSource.id;
      issues.push({ path: `row ${row.n}: source_id`, message: 'a claim needs a source: fill source_id or give a default source' });
      return null;
    }
    if (!sources.has(id)) sources.set(id, await ctx.repos.sources.get(id));
    const s = sources.get(id);
    if (!s || s.collectionId !== collectionId) {
      issues.push({ path: `row ${row.n}: source_id`, message: 'no source with this id in the target collection' });
      return null;
    }
    return s.id;
  };
  const date = (row: ParsedCsvRow, prefix: '' | 'act_'): IncidentInput['date'] => {
    const start = row.data[`${prefix}date_start`];
    const end = row.data[`${prefix}date_end`] ?? start;
    const precision = row.data[`${prefix}date_precision`];
    if (start === null && end === null) {
      if (precision !== null && precision !== 'unknown') issues.push({ path: `row ${row.n}: ${prefix}date_start`, message: 'required with a date precision' });
      return { start: null, end: null, precision: 'unknown' };
    }
    if (start === null) {
      issues.push({ path: `row ${row.n}: ${prefix}date_start`, message: 'required with an end date' });
      return { start: null, end: null, precision: 'unknown' };
    }
    if (precision === null && start !== end) {
      issues.push({ path: `row ${row.n}: ${prefix}date_precision`, message: 'required for a date range (day, week, month or year)' });
      return { start: null, end: null, precision: 'unknown' };
    }
    return { start, end, precision: precision ?? 'day' };
  };

  const plans: { input: IncidentInput; claims: PlannedClaim[]; firstRow: number }[] = [];
  for (const rowsOfIncident of groups.values()) {
    const first = rowsOfIncident[0] as ParsedCsvRow;
    if (first.data.title === '') issues.push({ path: `row ${first.n}: title`, message: 'required on the first row of an incident' });
    for (const row of rowsOfIncident.slice(1))
      for (const f of INCIDENT_FIELDS)
        if (row.raw[f].trim() !== '' && row.raw[f].trim() !== first.raw[f].trim())
          issues.push({ path: `row ${row.n}: ${f}`, message: `differs from the incident's first row (row ${first.n}); leave it empty or repeat it` });
    const acts: NonNullable<IncidentInput['acts']> = [];
    const claims: PlannedClaim[] = [];
    for (const row of rowsOfIncident) {
      const d = row.data;
      let actIndex: number | null = null;
      if (d.act_type !== null) {
        actIndex = acts.length;
        acts.push({
          type: d.act_type,
          date: date(row, 'act_'),
          placeId: await resolvePlace(d.act_place, row.n, 'act_place'),
          victims: d.victims || null,
          perpetrators: d.perpetrators || null,
        });
      } else {
        for (const c of ['act_date_start', 'act_date_end', 'act_date_precision', 'act_place', 'victims', 'perpetrators'] as const)
          if (row.raw[c].trim() !== '') issues.push({ path: `row ${row.n}: ${c}`, message: 'belongs to an act: fill act_type' });
      }
      const hasCountNumbers = d.count_value !== null || d.count_min !== null || d.count_max !== null;
      if (d.count_qualifier === null && hasCountNumbers) issues.push({ path: `row ${row.n}: count_qualifier`, message: 'required with a count' });
      if (d.count_qualifier !== null || d.stance !== null) {
        let count: Count | null = null;
        if (d.count_qualifier !== null) {
          if (actIndex === null) issues.push({ path: `row ${row.n}: count_qualifier`, message: 'a count is about an act: fill act_type' });
          const c = CountSchema.safeParse({ qualifier: d.count_qualifier, value: d.count_value, min: d.count_min, max: d.count_max });
          if (c.success) count = c.data;
          else for (const f of issuesToFields(c.error.issues)) issues.push({ path: `row ${row.n}: count_${f.path}`, message: f.message });
        }
        const sourceId = await resolveSource(row);
        const what = actIndex !== null && d.act_type !== null ? `${label(ACT_TYPES, d.act_type)}` : 'Incident';
        if (sourceId !== null)
          claims.push({ actIndex, sourceId, stance: d.stance ?? 'alleges', about: d.claim_about || `${what}, as recorded in an imported spreadsheet`, count });
      } else if (d.source_id !== '' || d.claim_about !== '') {
        issues.push({ path: `row ${row.n}: stance`, message: 'a claim needs a stance or a count' });
      }
    }
    const input = {
      collectionId,
      title: first.data.title,
      summary: first.data.summary,
      date: date(first, ''),
      placeId: await resolvePlace(first.data.place, first.n, 'place'),
      tags: first.data.tags === '' ? [] : first.data.tags.split(';').map((t) => t.trim()).filter(Boolean),
      acts,
    } satisfies IncidentInput;
    const check = IncidentInputSchema.safeParse(input);
    if (!check.success && first.data.title !== '')
      for (const f of issuesToFields(check.error.issues)) issues.push({ path: `row ${first.n}: ${f.path}`, message: f.message });
    plans.push({ input, claims, firstRow: first.n });
  }

  if (parsed.length === 0 && issues.length === 0) issues.push({ path: 'row 2', message: 'the file has no data rows' });
  if (issues.length > 0) {
    const rowOf = (i: FieldIssue): number => Number(/^row (\d+)/.exec(i.path)?.[1] ?? 0);
    issues.sort((a, b) => rowOf(a) - rowOf(b));
    const badRows = new Set(issues.map(rowOf));
    throw new ValidationError(`invalid CSV: ${badRows.size} row(s) with errors; nothing was imported`, issues);
  }

  // Everything is valid: write. The caller's transaction undoes it all if a write still fails.
  const incidentIds: string[] = [];
  let actCount = 0;
  let claimCount = 0;
  let done = 0;
  for (const plan of plans) {
    const incident = await createIncident(ctx, plan.input);
    incidentIds.push(incident.id);
    actCount += incident.acts.length;
    for (const c of plan.claims) {
      const act = c.actIndex !== null ? incident.acts[c.actIndex] : undefined;
      await addClaim(ctx, {
        sourceId: c.sourceId,
        incidentId: incident.id,
        actId: act?.id ?? null,
        stance: c.stance,
        about: c.about,
        asserts: { count: c.count, date: null, placeId: null, perpetratorId: null },
      });
      claimCount++;
    }
    done += (plan.input.acts?.length ?? 0) || 1;
    onProgress?.(done);
  }
  return { incidents: incidentIds.length, acts: actCount, claims: claimCount, incidentIds };
}
