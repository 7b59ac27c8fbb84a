/**
 * The identity vault (DESIGN §4): a person is known to everyone by a pseudonym; their names,
 * aliases, birth date, contacts, address and notes are sealed together under the collection's
 * data key (AES-256-GCM, with table, column, row id and key version bound in), opened only for
 * a caller whose role may reveal, and every reveal is audited (policy.ts). Finding a person by
 * name goes through keyed blind-index tokens of each name word and its ICAO 9303 Latin form, so
 * "Магомед" finds "Magomed" without any name being stored in the clear.
 */
import { z } from 'zod';
import { IdSchema, line, parseInput, text } from '../core/common.js';
import { NotFoundError, ValidationError, VigilError } from '../core/errors.js';
import type { Page } from '../core/ports.js';
import type { PersonIdentity, PersonRecord } from '../core/security.js';
import { resolveCollectionId } from './collections.js';
import { nowIso, type UseCaseContext } from './context.js';
import type { CollectionKey } from './keyring.js';
import { mustGet } from './lookup.js';
import { PageQuerySchema } from './paging.js';
import { security } from './accounts.js';

const nameList = z.array(line(300)).max(50).default([]);

export const PersonIdentitySchema = z
  .object({
    names: nameList,
    aliases: nameList,
    birthDate: z.iso.date().nullable().default(null),
    contacts: z.array(line(300)).max(50).default([]),
    address: text(2000).nullable().default(null),
    notes: text(20_000).nullable().default(null),
  })
  .strict();

export const PersonInputSchema = PersonIdentitySchema.extend({
  collectionId: IdSchema.optional(),
  /** A code name for everyone to see, e.g. "Witness 12" or "A." — never a real name. */
  pseudonym: line(100),
}).strict();

export const PersonPatchSchema = z.object({ pseudonym: line(100).optional(), identity: PersonIdentitySchema.optional() }).strict();

/** What every member sees of a person. */
export interface PersonView {
  readonly id: string;
  readonly collectionId: string;
  readonly pseudonym: string;
  readonly createdAt: string;
  readonly updatedAt: string;
}

export interface RevealedPerson extends PersonView {
  readonly identity: PersonIdentity;
}

const view = (p: PersonRecord): PersonView => ({ id: p.id, collectionId: p.collectionId, pseudonym: p.pseudonym, createdAt: p.createdAt, updatedAt: p.updatedAt });

const place = (p: { id: string; collectionId: string; keyVersion: number }) => ({ table: 'person', column: 'identity', rowId: p.id, collectionId: p.collectionId, keyVersion: p.keyVersion });

function keyFor(ctx: UseCaseContext, collectionId: string): CollectionKey {
  const k = ctx.keys?.get(collectionId);
  if (!k) throw new VigilError('KEYS_LOCKED', 'sealed data needs the keys of a member of this collection: sign in as one');
  return k;
}

function sealIdentity(ctx: UseCaseContext, id: string, collectionId: string, identity: PersonIdentity): Pick<PersonRecord, 'keyVersion' | 'identitySealed' | 'nameTokens'> {
  const s = security(ctx);
  const k = keyFor(ctx, collectionId);
  const tokens = new Set<string>();
  for (const n of [...identity.names, ...identity.aliases]) for (const t of s.nameTokens(k.key, collectionId, k.keyVersion, n)) tokens.add(t);
  return {
    keyVersion: k.keyVersion,
    identitySealed: s.seal(k.key, place({ id, collectionId, keyVersion: k.keyVersion }), JSON.stringify(identity)),
    nameTokens: [...tokens].sort(),
  };
}

export async function createPerson(ctx: UseCaseContext, input: unknown): Promise<PersonView> {
  const data = parseInput(PersonInputSchema, input, 'person');
  const collectionId = await resolveCollectionId(ctx, data.collectionId);
  const id = ctx.ids.newId();
  const now = nowIso(ctx);
  const { collectionId: _c, pseudonym, ...identity } = data;
  const record: PersonRecord = { id, collectionId, pseudonym, ...sealIdentity(ctx, id, collectionId, identity), createdAt: now, updatedAt: now };
  await ctx.repos.persons.insert(record);
  return view(record);
}

async function getRecord(ctx: UseCaseContext, id: string): Promise<PersonRecord> {
  return mustGet((i) => ctx.repos.persons.get(i), 'PERSON_NOT_FOUND', 'person', id);
}

export const PersonListQuerySchema = PageQuerySchema.extend({ collectionId: IdSchema.optional(), pseudonym: z.string().max(100).optional() });

export async function listPersons(ctx: UseCaseContext, input: unknown = {}): Promise<Page<PersonView>> {
  const q = parseInput(PersonListQuerySchema, input ?? {}, 'query');
  const page = await ctx.repos.persons.list(
    { ...(q.collectionId ? { collectionIds: [q.collectionId] } : {}), ...(q.pseudonym ? { pseudonym: q.pseudonym } : {}) },
    { limit: q.limit, offset: q.offset },
  );
  return { ...page, items: page.items.map(view) };
}

/** Opens a person's identity (audited by the policy wrapper). */
export async function revealPerson(ctx: UseCaseContext, id: string): Promise<RevealedPerson> {
  const p = await getRecord(ctx, id);
  const k = keyFor(ctx, p.collectionId);
  if (k.keyVersion !== p.keyVersion) throw new VigilError('KEYS_LOCKED', 'this record is sealed under another key version');
  const identity = JSON.parse(security(ctx).open(k.key, place(p), p.identitySealed)) as PersonIdentity;
  return { ...view(p), identity };
}

export async function updatePerson(ctx: UseCaseContext, input: { id: string; patch: unknown }): Promise<PersonView> {
  const patch = parseInput(PersonPatchSchema, input.patch, 'person');
  const p = await getRecord(ctx, input.id);
  const sealed = patch.identity ? sealIdentity(ctx, p.id, p.collectionId, patch.identity) : {};
  const next: PersonRecord = { ...p, ...(patch.pseudonym ? { pseudonym: patch.pseudonym } : {}), ...sealed, updatedAt: nowIso(ctx) };
  await ctx.repos.persons.update(next);
  return view(next);
}

export async function deletePerson(ctx: UseCaseContext, id: string): Promise<void> {
  const p = await getRecord(ctx, id);
  await ctx.repos.persons.delete(p.id);
}

export const PersonFindSchema = z.object({ collectionId: IdSchema.optional(), name: line(300), limit: z.coerce.number().int().min(1).max(100).default(20) }).strict();

/** Persons whose names or aliases hold every word of `name`, in any script (blind index). */
export async function findPersons(ctx: UseCaseContext, input: unknown): Promise<PersonView[]> {
  const q = parseInput(PersonFindSchema, input, 'query');
  const collectionId = await resolveCollectionId(ctx, q.collectionId);
  const k = keyFor(ctx, collectionId);
  const tokens = security(ctx).nameSearchTokens(k.key, collectionId, k.keyVersion, q.name);
  if (tokens.length === 0) return [];
  const found = await ctx.repos.persons.findByTokens(collectionId, tokens, q.limit);
  if (found.length === 0 && !(await ctx.repos.collections.get(collectionId))) throw new NotFoundError('COLLECTION_NOT_FOUND', 'collection', collectionId, 'collectionId');
  return found.map(view);
}

/** At most this many persons in one import call. */
export const MAX_PERSON_IMPORT = 10_000;

/**
 * Records many persons in one transaction (imports of lists): each sealed and indexed exactly
 * as `createPerson` does, written in multi-row statements. Any invalid item leaves nothing
 * written; its field paths start with the item's index.
 */
export async function importPersons(ctx: UseCaseContext, items: readonly unknown[]): Promise<{ personIds: string[] }> {
  if (!Array.isArray(items) || items.length > MAX_PERSON_IMPORT) {
    throw new ValidationError('invalid person import', [{ path: '(root)', message: `a list of at most ${MAX_PERSON_IMPORT} persons` }]);
  }
  const parsed = items.map((item, i) => {
    const r = PersonInputSchema.safeParse(item);
    if (!r.success) throw new ValidationError('invalid person', r.error.issues.map((x) => ({ path: [i, ...x.path].join('.'), message: x.message })));
    return r.data;
  });
  const collections = new Map<string | undefined, string>();
  const records: PersonRecord[] = [];
  const now = nowIso(ctx);
  for (const data of parsed) {
    let collectionId = collections.get(data.collectionId);
    if (collectionId === undefined) {
      collectionId = await resolveCollectionId(ctx, data.collectionId);
      collections.set(data.collectionId, collectionId);
    }
    const id = ctx.ids.newId();
    const { collectionId: _c, pseudonym, ...identity } = data;
    records.push({ id, collectionId, pseudonym, ...sealIdentity(ctx, id, collectionId, identity), createdAt: now, updatedAt: now });
  }
  await ctx.repos.persons.insertMany(records);
  return { personIds: records.map((r) => r.id) };
}
