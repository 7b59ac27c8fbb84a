import { randomUUID } from 'node:crypto';
import { v7 as uuidv7 } from 'uuid';
import type { Clock, IdGenerator } from '../core/ports.js';
import { VOCABULARIES } from '../core/vocabularies.js';
import * as actors from './actors.js';
import * as claims from './claims.js';
import * as collections from './collections.js';
import type { AppDeps, UseCaseContext } from './context.js';
import * as incidents from './incidents.js';
import * as ingest from './ingest.js';
import * as places from './places.js';
import * as searchCases from './search.js';
import * as sources from './sources.js';
import * as accounts from './accounts.js';
import * as audit from './audit.js';
import * as persons from './persons.js';
import { KeyRing, type KeyAccess } from './keyring.js';
import { POLICY } from './policy.js';
import { scopeRepositories } from './scope.js';
import { createAuth, type Auth } from './sessions.js';
import { isVigilError, ForbiddenError, VigilError } from '../core/errors.js';
import { IdSchema } from '../core/common.js';
import { OPERATOR, principalCan, type Principal } from '../core/access.js';

export type { AppDeps, UseCaseContext } from './context.js';
export type { ClaimView, ClaimsBySide, IncidentView } from './incidents.js';
export type { StatsResult } from './search.js';
export type { IngestResult } from './ingest.js';

/** Every operation a user can do. HTTP, CLI and tests call these; each runs in one transaction. */
const useCases = {
  createCollection: collections.createCollection,
  getCollection: collections.getCollection,
  listCollections: (ctx: UseCaseContext, _input: void) => collections.listCollections(ctx),
  updateCollection: collections.updateCollection,
  deleteCollection: collections.deleteCollection,
  ensureDefaultCollection: (ctx: UseCaseContext, _input: void) => collections.ensureDefaultCollection(ctx),

  createPlace: places.createPlace,
  getPlace: (ctx: UseCaseContext, id: string) => places.getPlace(ctx, id),
  listPlaces: places.listPlaces,
  updatePlace: places.updatePlace,
  deletePlace: places.deletePlace,
  seedGazetteer: (ctx: UseCaseContext, _input: void) => places.seedGazetteer(ctx),

  createActor: actors.createActor,
  getActor: (ctx: UseCaseContext, id: string) => actors.getActor(ctx, id),
  listActors: actors.listActors,
  updateActor: actors.updateActor,
  deleteActor: actors.deleteActor,

  createSource: sources.createSource,
  getSource: (ctx: UseCaseContext, id: string) => sources.getSource(ctx, id),
  listSources: sources.listSources,
  updateSource: sources.updateSource,
  deleteSource: sources.deleteSource,
  revealSourceText: (ctx: UseCaseContext, id: string) => sources.revealSourceText(ctx, id),

  createIncident: incidents.createIncident,
  getIncident: (ctx: UseCaseContext, id: string) => incidents.getIncident(ctx, id),
  getIncidentView: incidents.getIncidentView,
  listIncidents: incidents.listIncidents,
  updateIncident: incidents.updateIncident,
  deleteIncident: incidents.deleteIncident,

  addClaim: claims.addClaim,
  getClaim: claims.getClaim,
  listClaims: claims.listClaims,
  updateClaim: claims.updateClaim,
  reviewClaim: claims.reviewClaim,
  deleteClaim: claims.deleteClaim,

  extractText: ingest.extractText,
  ingestText: ingest.ingestText,
  reviewIncident: ingest.reviewIncident,
  reviewSource: ingest.reviewSource,

  search: searchCases.search,
  stats: searchCases.stats,

  createAccount: accounts.createAccount,
  listAccounts: accounts.listAccounts,
  updateAccount: accounts.updateAccount,
  addMember: accounts.addMember,
  removeMember: accounts.removeMember,
  listMembers: (ctx: UseCaseContext, collectionId: string) => accounts.listMembers(ctx, collectionId),

  createPerson: persons.createPerson,
  listPersons: persons.listPersons,
  revealPerson: (ctx: UseCaseContext, id: string) => persons.revealPerson(ctx, id),
  updatePerson: persons.updatePerson,
  deletePerson: (ctx: UseCaseContext, id: string) => persons.deletePerson(ctx, id),
  findPersons: persons.findPersons,
  importPersons: (ctx: UseCaseContext, items: readonly unknown[]) => persons.importPersons(ctx, items),

  listAudit: audit.listAudit,
  verifyAudit: (ctx: UseCaseContext, _input: void) => audit.verifyAudit(ctx),
};

type UseCases = typeof useCases;
export type UseCaseName = keyof UseCases;
type Bound<F> = F extends (ctx: UseCaseContext, input: infer I) => Promise<infer O>
  ? [I] extends [void]
    ? () => Promise<O>
    : (input: I) => Promise<O>
  : never;

/** Every use case, bound to one caller. */
export type BoundUseCases = { readonly [K in keyof UseCases]: Bound<UseCases[K]> };

/** The caller's credentials for `app.as`: who, and the collection keys their session holds. */
export interface Caller {
  readonly principal: Principal;
  readonly keys?: KeyAccess;
}

export type VigilApp = BoundUseCases & {
  readonly vocabularies: () => typeof VOCABULARIES;
  /** Runs several use cases in one transaction (import, demo), as the operator. */
  readonly batch: <T>(fn: (ctx: UseCaseContext) => Promise<T>) => Promise<T>;
  readonly deps: AppDeps;
  /** The use cases as a signed-in caller: role checked, records narrowed to their collections, writes audited. */
  readonly as: (caller: Caller) => BoundUseCases;
  /** Sign-in, sessions and the keys they hold. */
  readonly auth: Auth;
  /** First-run set-up (no caller: allowed only while no account exists). */
  readonly setupAdmin: (input: unknown) => Promise<accounts.SetupResult>;
  readonly setupRequired: () => Promise<boolean>;
  /** A forgotten password, reset with the installation's recovery key (the CLI on the server). */
  readonly recoverAccount: (input: unknown) => Promise<accounts.NewAccountResult>;
};

export const systemClock: Clock = { now: () => new Date() };
export const uuidV7Ids: IdGenerator = { newId: () => uuidv7() };
/** For tests that need ids without time order. */
export const randomIds: IdGenerator = { newId: () => randomUUID() };

const isId = (v: unknown): v is string => typeof v === 'string' && IdSchema.safeParse(v).success;

/** What an audit row names of a use case's input and result: ids only. */
function auditIds(input: unknown, result: unknown): { entityId: string | null; collectionId: string | null } {
  const pick = (o: unknown, k: string): unknown => (o && typeof o === 'object' ? (o as Record<string, unknown>)[k] : undefined);
  const fromResult = pick(result, 'id') ?? pick(pick(result, 'user'), 'id') ?? pick(pick(result, 'source'), 'id');
  const entityId = [fromResult, typeof input === 'string' ? input : undefined, pick(input, 'id'), pick(input, 'userId')].find(isId) ?? null;
  const collectionId = [pick(result, 'collectionId'), pick(pick(result, 'source'), 'collectionId'), pick(input, 'collectionId'), pick(pick(input, 'patch'), 'collectionId')].find(isId) ?? null;
  return { entityId, collectionId };
}

/**
 * Binds every use case to storage, each in its own transaction. The plain methods run as the
 * local operator (the CLI on the machine that holds the database); `as(caller)` binds them to a
 * signed-in account: the policy's capability is checked against the role, the repositories are
 * narrowed to the account's collections (scope.ts), and audited operations append to the audit
 * chain in the same transaction — or, when they fail, in one of their own.
 */
export function createApp(deps: AppDeps): VigilApp {
  const keyring = new KeyRing();
  const context = (repos: UseCaseContext['repos'], caller: Caller): UseCaseContext => ({
    repos: caller.principal.kind === 'user' ? scopeRepositories(repos, caller.principal) : repos,
    clock: deps.clock,
    ids: deps.ids,
    ...(deps.extractor ? { extractor: deps.extractor } : {}),
    ...(deps.security ? { security: deps.security } : {}),
    principal: caller.principal,
    ...(caller.keys ? { keys: caller.keys } : {}),
    keyring,
  });
  const run = <T>(caller: Caller, fn: (ctx: UseCaseContext) => Promise<T>): Promise<T> => deps.store.transaction((repos) => fn(context(repos, caller)));
  const batch = <T>(fn: (ctx: UseCaseContext) => Promise<T>): Promise<T> => run({ principal: OPERATOR }, fn);

  const bind = (caller: Caller): BoundUseCases => {
    const bound: Record<string, unknown> = {};
    const actorId = caller.principal.kind === 'user' ? caller.principal.userId : null;
    for (const [name, fn] of Object.entries(useCases)) {
      const policy = POLICY[name as UseCaseName];
      const call = fn as (c: UseCaseContext, i: unknown) => Promise<unknown>;
      const audited = policy.audit !== undefined && deps.security !== undefined;
      bound[name] = async (input: unknown) => {
        try {
          if (!principalCan(caller.principal, policy.capability)) throw new ForbiddenError();
          return await run(caller, async (ctx) => {
            const result = await call(ctx, input);
            if (audited) await audit.appendAudit(ctx, { actorId, action: policy.audit!, entity: policy.entity, ...auditIds(input, result), outcome: 'ok', details: {} });
            return result;
          }).then(async (result) => {
            if (name.startsWith('delete')) await deps.store.checkpointAfterDelete({ purgeIndex: name === 'deleteCollection' });
            return result;
          });
        } catch (e) {
          if (audited && isVigilError(e)) {
            const outcome = e.code === 'FORBIDDEN' || e.code.endsWith('_NOT_FOUND') ? 'denied' : 'failed';
            await run({ principal: OPERATOR }, (ctx) =>
              audit.appendAudit(ctx, { actorId, action: policy.audit!, entity: policy.entity, ...auditIds(input, undefined), outcome, details: { code: e.code } }),
            );
          }
          throw e;
        }
      };
    }
    return bound as BoundUseCases;
  };

  const operator = bind({ principal: OPERATOR });
  return {
    ...operator,
    vocabularies: () => VOCABULARIES,
    batch,
    deps,
    as: (caller) => bind(caller),
    auth: createAuth(deps, keyring),
    setupAdmin: (input) => run({ principal: OPERATOR }, (ctx) => accounts.setupAdmin(ctx, input)),
    setupRequired: () => run({ principal: OPERATOR }, (ctx) => accounts.setupRequired(ctx)),
    recoverAccount: (input) => run({ principal: OPERATOR }, (ctx) => accounts.recoverAccount(ctx, input)),
  };
}

export { useCases, VigilError };
