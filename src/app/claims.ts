import { z } from 'zod';
import { ClaimInputSchema, ClaimPatchSchema, type Claim } from '../core/claim.js';
import { IdSchema, parseInput } from '../core/common.js';
import { VigilError } from '../core/errors.js';
import type { Page } from '../core/ports.js';
import { REVIEW_STATES, STANCES } from '../core/vocabularies.js';
import { requireActorIn } from './actors.js';
import { stripUndefined } from './collections.js';
import { nowIso, type UseCaseContext } from './context.js';
import { getIncident } from './incidents.js';
import { mustGet } from './lookup.js';
import { PageQuerySchema } from './paging.js';
import { getPlace } from './places.js';
import { indexClaim, refreshIncidents } from './refresh.js';
import { getSource, openSourceText } from './sources.js';

export async function getClaim(ctx: UseCaseContext, id: string): Promise<Claim> {
  return mustGet((i) => ctx.repos.claims.get(i), 'CLAIM_NOT_FOUND', 'claim', id);
}

/** Checks every reference a claim makes; fills the incident from the act when only the act is given. */
async function checkReferences(ctx: UseCaseContext, c: Claim): Promise<Claim> {
  const source = await getSource(ctx, c.sourceId, 'sourceId');
  if (source.collectionId !== c.collectionId) throw new VigilError('SOURCE_NOT_FOUND', 'source not in this collection', [{ path: 'sourceId', message: 'no source with this id in this collection' }]);
  let incidentId = c.incidentId;
  if (c.actId !== null && incidentId === null) {
    incidentId = (await ctx.repos.incidents.incidentIdOfAct(c.actId)) ?? null;
    if (incidentId === null) throw new VigilError('ACT_NOT_FOUND', `act ${c.actId} does not exist`, [{ path: 'actId', message: 'no act with this id' }]);
  }
  if (incidentId !== null) {
    const incident = await getIncident(ctx, incidentId, 'incidentId');
    if (incident.collectionId !== c.collectionId)
      throw new VigilError('INCIDENT_NOT_FOUND', `incident ${incidentId} does not exist`, [{ path: 'incidentId', message: 'no incident with this id in this collection' }]);
    if (c.actId !== null && !incident.acts.some((a) => a.id === c.actId))
      throw new VigilError('ACT_NOT_FOUND', `act ${c.actId} is not part of incident ${incidentId}`, [{ path: 'actId', message: 'not an act of this incident' }]);
  }
  if (c.speakerId) await requireActorIn(ctx, c.collectionId, c.speakerId, 'speakerId');
  if (c.relayId) await requireActorIn(ctx, c.collectionId, c.relayId, 'relayId');
  if (c.asserts.perpetratorId) await requireActorIn(ctx, c.collectionId, c.asserts.perpetratorId, 'asserts.perpetratorId');
  if (c.asserts.placeId) await getPlace(ctx, c.asserts.placeId, 'asserts.placeId');
  if (c.evidence) {
    const length = openSourceText(ctx, source)?.length ?? 0;
    if (c.evidence.end > length)
      throw new VigilError('VALIDATION_FAILED', 'the evidence span lies outside the source text', [{ path: 'evidence.end', message: `must be at most ${length}` }]);
  }
  return { ...c, incidentId };
}

export async function addClaim(ctx: UseCaseContext, input: unknown): Promise<Claim> {
  const data = parseInput(ClaimInputSchema, input, 'claim');
  const source = await getSource(ctx, data.sourceId, 'sourceId');
  const now = nowIso(ctx);
  const claim = await checkReferences(ctx, {
    ...data,
    id: ctx.ids.newId(),
    collectionId: source.collectionId,
    createdAt: now,
    updatedAt: now,
  });
  await ctx.repos.claims.insert(claim);
  await indexClaim(ctx, claim);
  if (claim.incidentId) await refreshIncidents(ctx, [claim.incidentId]);
  return claim;
}

export async function updateClaim(ctx: UseCaseContext, input: { id: string; patch: unknown }): Promise<Claim> {
  const patch = parseInput(ClaimPatchSchema, input.patch, 'claim');
  const current = await getClaim(ctx, input.id);
  const merged: Claim = { ...current, ...stripUndefined(patch), updatedAt: nowIso(ctx) } as Claim;
  // Moving a claim to another act without naming the incident: find the incident from the act.
  if (patch.actId !== undefined && patch.incidentId === undefined && patch.actId !== null) merged.incidentId = null;
  const next = await checkReferences(ctx, merged);
  await ctx.repos.claims.update(next);
  await indexClaim(ctx, next);
  await refreshIncidents(ctx, [current.incidentId, next.incidentId].filter((x): x is string => x !== null));
  return next;
}

export const ReviewInputSchema = z.object({ id: IdSchema, decision: z.enum(['accepted', 'rejected']) }).strict();

/** A reviewer accepts or rejects a proposed claim; only accepted claims count. */
export async function reviewClaim(ctx: UseCaseContext, input: unknown): Promise<Claim> {
  const { id, decision } = parseInput(ReviewInputSchema, input, 'review');
  return updateClaim(ctx, { id, patch: { review: decision } });
}

export async function deleteClaim(ctx: UseCaseContext, id: string): Promise<void> {
  const c = await getClaim(ctx, id);
  await ctx.repos.claims.delete(id);
  await ctx.repos.search.remove(id);
  if (c.incidentId) await refreshIncidents(ctx, [c.incidentId]);
}

export const ClaimListQuerySchema = PageQuerySchema.extend({
  collectionId: z.uuid().optional(),
  incidentId: z.uuid().optional(),
  sourceId: z.uuid().optional(),
  speakerId: z.uuid().optional(),
  stance: z.enum(STANCES.codes).optional(),
  review: z.enum(REVIEW_STATES.codes).optional(),
});

export async function listClaims(ctx: UseCaseContext, input: z.input<typeof ClaimListQuerySchema>): Promise<Page<Claim>> {
  const q = parseInput(ClaimListQuerySchema, input, 'query');
  const { limit, offset, collectionId, ...filter } = q;
  return ctx.repos.claims.list(stripUndefined({ ...filter, collectionIds: collectionId ? [collectionId] : undefined }), { limit, offset });
}
