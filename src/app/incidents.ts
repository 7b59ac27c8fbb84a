import { z } from 'zod';
import type { Claim } from '../core/claim.js';
import { parseInput } from '../core/common.js';
import { VigilError } from '../core/errors.js';
import {
  IncidentInputSchema,
  IncidentPatchSchema,
  ActInputSchema,
  type Act,
  type Incident,
  type ReconciledCount,
} from '../core/incident.js';
import type { Actor } from '../core/actor.js';
import type { Page } from '../core/ports.js';
import type { Source } from '../core/source.js';
import { ACT_TYPES, REVIEW_STATES, VERIFICATION_STATUSES } from '../core/vocabularies.js';
import { resolveCollectionId, stripUndefined } from './collections.js';
import { nowIso, type UseCaseContext } from './context.js';
import { requireActorIn } from './actors.js';
import { mustGet } from './lookup.js';
import { PageQuerySchema } from './paging.js';
import { getPlace } from './places.js';
import { loadClaimContext, originOf, refreshIncident } from './refresh.js';

export const EMPTY_RECONCILIATION: ReconciledCount = Object.freeze({
  count: null,
  low: 0,
  high: null,
  claimIds: [],
  figures: [],
  conflict: false,
  denialClaimIds: [],
}) as ReconciledCount;

export async function getIncident(ctx: UseCaseContext, id: string, field?: string): Promise<Incident> {
  return mustGet((i) => ctx.repos.incidents.get(i), 'INCIDENT_NOT_FOUND', 'incident', id, field);
}

type ActInput = z.output<typeof ActInputSchema>;

async function buildActs(ctx: UseCaseContext, collectionId: string, incidentId: string, inputs: ActInput[], existing: readonly Act[]): Promise<Act[]> {
  const byId = new Map(existing.map((a) => [a.id, a]));
  const acts: Act[] = [];
  for (const [i, a] of inputs.entries()) {
    if (a.id !== undefined && !byId.has(a.id))
      throw new VigilError('ACT_NOT_FOUND', `act ${a.id} is not part of this incident`, [{ path: `acts.${i}.id`, message: 'no such act in this incident' }]);
    if (a.placeId !== null) await getPlace(ctx, a.placeId, `acts.${i}.placeId`);
    for (const [j, inv] of a.involvements.entries()) await requireActorIn(ctx, collectionId, inv.actorId, `acts.${i}.involvements.${j}.actorId`);
    const prev = a.id !== undefined ? byId.get(a.id) : undefined;
    acts.push({
      id: prev?.id ?? ctx.ids.newId(),
      incidentId,
      type: a.type,
      victims: a.victims,
      perpetrators: a.perpetrators,
      date: a.date,
      placeId: a.placeId,
      involvements: a.involvements,
      reconciled: prev?.reconciled ?? EMPTY_RECONCILIATION,
    });
  }
  return acts;
}

export async function createIncident(ctx: UseCaseContext, input: unknown): Promise<Incident> {
  const data = parseInput(IncidentInputSchema, input, 'incident');
  const collectionId = await resolveCollectionId(ctx, data.collectionId);
  if (data.placeId !== null) await getPlace(ctx, data.placeId, 'placeId');
  const id = ctx.ids.newId();
  const now = nowIso(ctx);
  const incident: Incident = {
    id,
    collectionId,
    title: data.title,
    summary: data.summary,
    date: data.date,
    placeId: data.placeId,
    tags: data.tags,
    reviewDecision: data.reviewDecision,
    review: data.review,
    status: 'unverified',
    derivation: { status: 'unverified', reasons: [], supportingOrigins: [], denialClaimIds: [] },
    acts: await buildActs(ctx, collectionId, id, data.acts, []),
    createdAt: now,
    updatedAt: now,
  };
  return refreshIncident(ctx, incident, { claims: [] });
}

export async function updateIncident(ctx: UseCaseContext, input: { id: string; patch: unknown }): Promise<Incident> {
  const patch = parseInput(IncidentPatchSchema, input.patch, 'incident');
  const current = await getIncident(ctx, input.id);
  if (patch.placeId) await getPlace(ctx, patch.placeId, 'placeId');
  const { acts: actInputs, ...rest } = patch;
  let acts = current.acts;
  if (actInputs !== undefined) {
    acts = await buildActs(ctx, current.collectionId, current.id, actInputs, current.acts);
    const kept = new Set(acts.map((a) => a.id));
    const removed = current.acts.filter((a) => !kept.has(a.id)).map((a) => a.id);
    if (removed.length > 0) {
      const claims = await ctx.repos.claims.forIncident(current.id);
      const stranded = claims.filter((c) => c.actId !== null && removed.includes(c.actId));
      if (stranded.length > 0)
        throw new VigilError('IN_USE', `${stranded.length} claim(s) are about acts this change removes; move or delete them first`, [
          { path: 'acts', message: 'an act with claims cannot be removed' },
        ]);
    }
  }
  const next: Incident = { ...current, ...stripUndefined(rest), acts, updatedAt: nowIso(ctx) };
  return refreshIncident(ctx, next);
}

export async function deleteIncident(ctx: UseCaseContext, id: string): Promise<void> {
  await getIncident(ctx, id);
  const claims = await ctx.repos.claims.forIncident(id);
  // Claims outlive the incident they were filed under: they still record what a source said.
  for (const c of claims) {
    const detached: Claim = { ...c, incidentId: null, actId: null, updatedAt: nowIso(ctx) };
    await ctx.repos.claims.update(detached);
  }
  await ctx.repos.incidents.delete(id);
  await ctx.repos.search.remove(id);
}

export const IncidentListQuerySchema = PageQuerySchema.extend({
  collectionId: z.uuid().optional(),
  status: z.enum(VERIFICATION_STATUSES.codes).optional(),
  actType: z.enum(ACT_TYPES.codes).optional(),
  review: z.enum(REVIEW_STATES.codes).optional(),
});

export async function listIncidents(ctx: UseCaseContext, input: z.input<typeof IncidentListQuerySchema>): Promise<Page<Incident>> {
  const q = parseInput(IncidentListQuerySchema, input, 'query');
  return ctx.repos.incidents.list(
    stripUndefined({ collectionIds: q.collectionId ? [q.collectionId] : undefined, status: q.status, actType: q.actType, review: q.review }),
    { limit: q.limit, offset: q.offset },
  );
}

/** A claim with the people and documents behind it resolved, for showing side by side. */
export interface ClaimView {
  readonly claim: Claim;
  readonly origin: string;
  readonly speaker: Pick<Actor, 'id' | 'name' | 'nameRu' | 'kind' | 'role'> | null;
  readonly organisation: Pick<Actor, 'id' | 'name' | 'nameRu'> | null;
  readonly relay: Pick<Actor, 'id' | 'name' | 'nameRu'> | null;
  readonly source: Pick<Source, 'id' | 'title' | 'outlet' | 'publishedAt' | 'kind' | 'url'> | null;
}

export interface ClaimsBySide {
  readonly supporting: ClaimView[];
  readonly denying: ClaimView[];
  readonly other: ClaimView[];
}

export interface IncidentView {
  readonly incident: Incident;
  /** Claims about the incident as a whole (no act). */
  readonly incidentClaims: ClaimsBySide;
  /** Per act id: the claims about that act. */
  readonly actClaims: Record<string, ClaimsBySide>;
  /** Every claim, oldest first: the incident's timeline of statements. */
  readonly timeline: ClaimView[];
}

const SUPPORTING = new Set(['alleges', 'confirms', 'acknowledges']);

function sides(views: ClaimView[]): ClaimsBySide {
  return {
    supporting: views.filter((v) => SUPPORTING.has(v.claim.stance)),
    denying: views.filter((v) => v.claim.stance === 'denies'),
    other: views.filter((v) => !SUPPORTING.has(v.claim.stance) && v.claim.stance !== 'denies'),
  };
}

export async function getIncidentView(ctx: UseCaseContext, id: string): Promise<IncidentView> {
  const incident = await getIncident(ctx, id);
  const claims = await ctx.repos.claims.forIncident(id);
  const lookups = await loadClaimContext(ctx, claims);
  const orgIds = [...lookups.actors.values()].map((a) => a.parentId).filter((p): p is string => p !== null && !lookups.actors.has(p));
  for (const a of await ctx.repos.actors.getMany([...new Set(orgIds)])) lookups.actors.set(a.id, a);
  const views: ClaimView[] = claims.map((c) => {
    const speaker = c.speakerId ? lookups.actors.get(c.speakerId) : undefined;
    const org = speaker?.kind === 'person' && speaker.parentId ? lookups.actors.get(speaker.parentId) : undefined;
    const relay = c.relayId ? lookups.actors.get(c.relayId) : undefined;
    const source = lookups.sources.get(c.sourceId);
    return {
      claim: c,
      origin: originOf(c, lookups),
      speaker: speaker ? { id: speaker.id, name: speaker.name, nameRu: speaker.nameRu, kind: speaker.kind, role: speaker.role } : null,
      organisation: org ? { id: org.id, name: org.name, nameRu: org.nameRu } : null,
      relay: relay ? { id: relay.id, name: relay.name, nameRu: relay.nameRu } : null,
      source: source
        ? { id: source.id, title: source.title, outlet: source.outlet, publishedAt: source.publishedAt, kind: source.kind, url: source.url }
        : null,
    };
  });
  const actClaims: Record<string, ClaimsBySide> = {};
  for (const a of incident.acts) actClaims[a.id] = sides(views.filter((v) => v.claim.actId === a.id));
  return {
    incident,
    incidentClaims: sides(views.filter((v) => v.claim.actId === null)),
    actClaims,
    timeline: views,
  };
}
