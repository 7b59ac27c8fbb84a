import type { Actor } from '../src/core/actor.js';
import type { Claim } from '../src/core/claim.js';
import type { Act, Incident } from '../src/core/incident.js';
import type { Place } from '../src/core/place.js';
import type { IncidentPlacement, SearchKind } from '../src/core/ports.js';
import { claimOrigin, reconcileIncident } from '../src/core/reconcile.js';
import type { Source } from '../src/core/source.js';
import { ACT_TYPES } from '../src/core/vocabularies.js';
import { actToRow, claimToRow, incidentToRow } from '../src/db/mappers.js';
import { indexText } from '../src/db/search/text.js';
import { actTypesOf, indexBody, type DocFacets } from '../src/db/search/facets.js';
import type { ActTable, ClaimTable, IncidentTable, InvolvementTable } from '../src/db/tables.js';
import type { BenchItem } from './data.js';

/**
 * The rows the storage holds for one import item, built straight from the item the way a
 * hand-written importer would (no validation, no use cases): the raw baseline of the import
 * benchmark and the fast loader of the search and statistics benchmarks. The bench checks
 * that they equal what the app stores.
 */

export interface SearchDocRow extends DocFacets {
  readonly kind: SearchKind;
  readonly entity_id: string;
  readonly collection_id: string;
  readonly incident_id: string | null;
  readonly source_id: string | null;
  readonly title: string;
  /** Index terms (search/text.ts). */
  readonly terms: string;
  /** What goes into the full-text index: the terms and the facet tokens (search/facets.ts). */
  readonly body: string;
}

export interface ItemRows {
  readonly incident: IncidentTable;
  readonly acts: ActTable[];
  readonly involvements: InvolvementTable[];
  readonly claims: ClaimTable[];
  /** In the order the app indexes them: the incident, then its claims. */
  readonly docs: SearchDocRow[];
}

export interface Lookups {
  readonly collectionId: string;
  readonly places: ReadonlyMap<string, Place>;
  readonly actors: ReadonlyMap<string, Actor>;
  readonly sources: ReadonlyMap<string, Source>;
}

export interface IdSource {
  newId(): string;
}

/** Index terms of a text. */
export type TermsOf = (text: string) => string;

/** indexText itself, as the app uses it. */
export const plainTerms: TermsOf = indexText;

const placementOf = (p: Place | undefined): IncidentPlacement => ({ countryCode: p?.countryCode ?? null, regionCode: p?.regionCode ?? null });

export function itemRows(item: BenchItem, ids: IdSource, now: string, l: Lookups, terms: TermsOf): ItemRows {
  const src = item.incident;
  const incidentId = ids.newId();
  const acts: Act[] = (src.acts ?? []).map((a) => ({
    id: ids.newId(),
    incidentId,
    type: a.type,
    victims: a.victims ?? null,
    perpetrators: a.perpetrators ?? null,
    date: { start: a.date?.start ?? null, end: a.date?.end ?? null, precision: a.date?.precision ?? 'unknown' },
    placeId: a.placeId ?? null,
    involvements: (a.involvements ?? []).map((inv) => ({ actorId: inv.actorId, degree: inv.degree ?? 'direct' })),
    reconciled: { count: null, low: 0, high: null, claimIds: [], figures: [], conflict: false, denialClaimIds: [] },
  }));
  const claims: Claim[] = item.claims.map((c) => {
    const i = c.claim;
    const count = i.asserts?.count ?? null;
    return {
      sourceId: i.sourceId,
      incidentId,
      actId: c.act === null ? null : acts[c.act]!.id,
      speakerId: i.speakerId ?? null,
      speakerRole: i.speakerRole ?? null,
      relayId: i.relayId ?? null,
      stance: i.stance,
      about: i.about,
      quote: i.quote ?? null,
      asserts: {
        count: count === null ? null : { qualifier: count.qualifier, value: count.value ?? null, min: count.min ?? null, max: count.max ?? null },
        date: null,
        placeId: i.asserts?.placeId ?? null,
        perpetratorId: i.asserts?.perpetratorId ?? null,
      },
      evidence: null,
      credibility: i.credibility ?? null,
      review: i.review ?? 'accepted',
      id: ids.newId(),
      collectionId: l.collectionId,
      createdAt: now,
      updatedAt: now,
    };
  });
  const origin = (c: Claim): string => {
    const speaker = c.speakerId ? l.actors.get(c.speakerId) : undefined;
    return claimOrigin({
      speaker: speaker ? { id: speaker.id, kind: speaker.kind, parentId: speaker.parentId } : null,
      relayId: c.relayId,
      sourceOutlet: l.sources.get(c.sourceId)?.outlet ?? null,
      sourceId: c.sourceId,
    });
  };
  const reviewDecision = src.reviewDecision ?? null;
  const rec = reconcileIncident({
    actIds: acts.map((a) => a.id),
    claims: claims.map((c) => ({ id: c.id, stance: c.stance, review: c.review, actId: c.actId, count: c.asserts.count, origin: origin(c), createdAt: c.createdAt })),
    reviewDecision,
  });
  const incident: Incident = {
    id: incidentId,
    collectionId: l.collectionId,
    title: src.title,
    summary: src.summary ?? '',
    date: { start: src.date?.start ?? null, end: src.date?.end ?? null, precision: src.date?.precision ?? 'unknown' },
    placeId: src.placeId ?? null,
    tags: src.tags ?? [],
    reviewDecision,
    review: src.review ?? 'accepted',
    status: rec.status.status,
    derivation: rec.status,
    acts: acts.map((a) => ({ ...a, reconciled: rec.acts[a.id]! })),
    createdAt: now,
    updatedAt: now,
  };
  const placeIds = [...new Set([incident.placeId, ...incident.acts.map((a) => a.placeId)].filter((p): p is string => p !== null))].sort();
  const places = placeIds.map((id) => l.places.get(id)).filter((p): p is Place => p !== undefined);
  const placement = placementOf(incident.placeId ? l.places.get(incident.placeId) : undefined);

  const involvements: InvolvementTable[] = [];
  const actRows = incident.acts.map((a, position) => {
    a.involvements.forEach((inv, k) => involvements.push({ act_id: a.id, actor_id: inv.actorId, degree: inv.degree, position: k }));
    return actToRow(a, incident, position, a.placeId ? placementOf(l.places.get(a.placeId)) : placement);
  });

  const text: string[] = [incident.title, incident.summary, ...incident.tags];
  for (const a of incident.acts) {
    const t = ACT_TYPES.terms.find((x) => x.code === a.type);
    text.push(t ? `${t.en} ${t.ru}` : a.type, a.victims ?? '', a.perpetrators ?? '');
  }
  for (const p of places) text.push(p.nameEn, p.nameRu ?? '');
  const facets: DocFacets = {
    status: incident.status,
    country_code: placement.countryCode,
    region_code: placement.regionCode,
    date_start: incident.date.start,
    date_end: incident.date.end,
    outlet: null,
    act_types: actTypesOf(incident.acts.map((a) => a.type)),
  };
  const doc = (d: Omit<SearchDocRow, 'body'>): SearchDocRow => ({ ...d, body: indexBody(d.terms, d, d) });
  const docs: SearchDocRow[] = [
    doc({
      kind: 'incident',
      entity_id: incident.id,
      collection_id: incident.collectionId,
      incident_id: incident.id,
      source_id: null,
      title: incident.title.slice(0, 500),
      terms: terms(text.filter(Boolean).join('\n')),
      ...facets,
    }),
  ];
  for (const c of claims) {
    const speaker = c.speakerId ? l.actors.get(c.speakerId) : undefined;
    const relay = c.relayId ? l.actors.get(c.relayId) : undefined;
    const body = [c.about, c.quote ?? '', c.speakerRole ?? '', speaker?.name ?? '', speaker?.nameRu ?? '', speaker?.role ?? '', relay?.name ?? ''];
    docs.push(
      doc({
        kind: 'claim',
        entity_id: c.id,
        collection_id: c.collectionId,
        incident_id: c.incidentId,
        source_id: c.sourceId,
        title: c.about.slice(0, 500),
        terms: terms(body.filter(Boolean).join('\n')),
        ...facets,
        outlet: l.sources.get(c.sourceId)?.outlet ?? null,
      }),
    );
  }
  return { incident: incidentToRow(incident, placement), acts: actRows, involvements, claims: claims.map(claimToRow), docs };
}
