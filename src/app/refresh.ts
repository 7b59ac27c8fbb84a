import type { Actor } from '../core/actor.js';
import type { Claim } from '../core/claim.js';
import type { Incident } from '../core/incident.js';
import type { Place } from '../core/place.js';
import type { IncidentPlacement } from '../core/ports.js';
import { claimOrigin, reconcileIncident, type ClaimForReconciliation } from '../core/reconcile.js';
import type { Source } from '../core/source.js';
import { ACT_TYPES } from '../core/vocabularies.js';
import type { UseCaseContext } from './context.js';

/**
 * Derived state is recomputed, never typed over: after any write that can change what an
 * incident's claims say, its figures and status are reconciled again and its search text
 * rewritten, in the same transaction as the write.
 */
export async function refreshIncidents(
  ctx: UseCaseContext,
  incidentIds: Iterable<string>,
  opts: { reindexClaimsOf?: { actorId?: string; sourceId?: string } } = {},
): Promise<void> {
  for (const id of new Set(incidentIds)) {
    const incident = await ctx.repos.incidents.get(id);
    if (incident) await refreshIncident(ctx, incident, { reindexClaims: opts.reindexClaimsOf !== undefined });
  }
}

export async function refreshIncident(
  ctx: UseCaseContext,
  incident: Incident,
  opts: { reindexClaims?: boolean; claims?: Claim[] } = {},
): Promise<Incident> {
  const claims = opts.claims ?? (await ctx.repos.claims.forIncident(incident.id));
  const lookups = await loadClaimContext(ctx, claims);
  const forRec: ClaimForReconciliation[] = claims.map((c) => ({
    id: c.id,
    stance: c.stance,
    review: c.review,
    actId: c.actId,
    count: c.asserts.count,
    origin: originOf(c, lookups),
    createdAt: c.createdAt,
  }));
  const rec = reconcileIncident({ actIds: incident.acts.map((a) => a.id), claims: forRec, reviewDecision: incident.reviewDecision });
  const next: Incident = {
    ...incident,
    status: rec.status.status,
    derivation: rec.status,
    acts: incident.acts.map((a) => ({ ...a, reconciled: rec.acts[a.id] ?? a.reconciled })),
  };
  const placeIds = [next.placeId, ...next.acts.map((a) => a.placeId)].filter((p): p is string => p !== null);
  const places = new Map((await ctx.repos.places.getMany([...new Set(placeIds)])).map((p) => [p.id, p]));
  const placement = placementOf(next.placeId ? places.get(next.placeId) : undefined);
  const actPlacements: Record<string, IncidentPlacement> = {};
  for (const a of next.acts) actPlacements[a.id] = a.placeId ? placementOf(places.get(a.placeId)) : placement;
  await ctx.repos.incidents.save(next, placement, actPlacements);
  await ctx.repos.search.upsert({
    kind: 'incident',
    entityId: next.id,
    collectionId: next.collectionId,
    incidentId: next.id,
    sourceId: null,
    title: next.title,
    body: incidentText(next, places),
  });
  if (opts.reindexClaims) for (const c of claims) await indexClaim(ctx, c, lookups);
  return next;
}

function placementOf(p: Place | undefined): IncidentPlacement {
  return { countryCode: p?.countryCode ?? null, regionCode: p?.regionCode ?? null };
}

function incidentText(i: Incident, places: Map<string, Place>): string {
  const parts: string[] = [i.title, i.summary, ...i.tags];
  for (const a of i.acts) {
    const t = ACT_TYPES.terms.find((x) => x.code === a.type);
    parts.push(t ? `${t.en} ${t.ru}` : a.type, a.victims ?? '', a.perpetrators ?? '');
  }
  for (const p of places.values()) parts.push(p.nameEn, p.nameRu ?? '');
  return parts.filter(Boolean).join('\n');
}

export interface ClaimLookups {
  readonly actors: Map<string, Actor>;
  readonly sources: Map<string, Source>;
}

export async function loadClaimContext(ctx: UseCaseContext, claims: readonly Claim[]): Promise<ClaimLookups> {
  const actorIds = new Set<string>();
  const sourceIds = new Set<string>();
  for (const c of claims) {
    if (c.speakerId) actorIds.add(c.speakerId);
    if (c.relayId) actorIds.add(c.relayId);
    sourceIds.add(c.sourceId);
  }
  const actors = new Map((await ctx.repos.actors.getMany([...actorIds])).map((a) => [a.id, a]));
  const sources = new Map<string, Source>();
  for (const id of sourceIds) {
    const s = await ctx.repos.sources.get(id);
    if (s) sources.set(id, s);
  }
  return { actors, sources };
}

export function originOf(c: Claim, l: ClaimLookups): string {
  const speaker = c.speakerId ? l.actors.get(c.speakerId) : undefined;
  const source = l.sources.get(c.sourceId);
  return claimOrigin({
    speaker: speaker ? { id: speaker.id, kind: speaker.kind, parentId: speaker.parentId } : null,
    relayId: c.relayId,
    sourceOutlet: source?.outlet ?? null,
    sourceId: c.sourceId,
  });
}

export async function indexClaim(ctx: UseCaseContext, c: Claim, l?: ClaimLookups): Promise<void> {
  const lookups = l ?? (await loadClaimContext(ctx, [c]));
  const speaker = c.speakerId ? lookups.actors.get(c.speakerId) : undefined;
  const relay = c.relayId ? lookups.actors.get(c.relayId) : undefined;
  const body = [c.about, c.quote ?? '', c.speakerRole ?? '', speaker?.name ?? '', speaker?.nameRu ?? '', speaker?.role ?? '', relay?.name ?? '']
    .filter(Boolean)
    .join('\n');
  await ctx.repos.search.upsert({
    kind: 'claim',
    entityId: c.id,
    collectionId: c.collectionId,
    incidentId: c.incidentId,
    sourceId: c.sourceId,
    title: c.about,
    body,
  });
}

export async function indexSource(ctx: UseCaseContext, s: Source): Promise<void> {
  await ctx.repos.search.upsert({
    kind: 'source',
    entityId: s.id,
    collectionId: s.collectionId,
    incidentId: null,
    sourceId: s.id,
    title: s.title,
    body: [s.title, s.outlet ?? '', s.author ?? '', s.text ?? ''].filter(Boolean).join('\n'),
  });
}
