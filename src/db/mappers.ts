import type { Actor } from '../core/actor.js';
import type { Claim } from '../core/claim.js';
import type { Collection } from '../core/collection.js';
import { statsPeriod, type FuzzyDate } from '../core/fuzzy-date.js';
import type { Act, Incident, Involvement, ReconciledCount, StatusDerivation } from '../core/incident.js';
import type { Place } from '../core/place.js';
import type { Source } from '../core/source.js';
import type { ActTable, ActorTable, ClaimTable, CollectionTable, IncidentTable, PlaceTable, SourceTable } from './tables.js';

/** Row ↔ domain conversions, one named pair per entity. Rows are never domain objects. */

export function nameKey(...names: (string | null | undefined)[]): string {
  return names
    .filter((n): n is string => !!n)
    .map((n) => n.toLowerCase().replaceAll('ё', 'е'))
    .join('\u0001');
}

export const collectionFromRow = (r: CollectionTable): Collection => ({
  id: r.id,
  name: r.name,
  description: r.description,
  createdAt: r.created_at,
  updatedAt: r.updated_at,
});
export const collectionToRow = (c: Collection): CollectionTable => ({
  id: c.id,
  name: c.name,
  description: c.description,
  created_at: c.createdAt,
  updated_at: c.updatedAt,
});

export const placeFromRow = (r: PlaceTable): Place => ({
  id: r.id,
  kind: r.kind as Place['kind'],
  code: r.code,
  nameEn: r.name_en,
  nameRu: r.name_ru,
  parentId: r.parent_id,
  countryCode: r.country_code,
  regionCode: r.region_code,
  latitude: r.latitude === null ? null : Number(r.latitude),
  longitude: r.longitude === null ? null : Number(r.longitude),
  builtin: Number(r.builtin) === 1,
});
export const placeToRow = (p: Place): PlaceTable => ({
  id: p.id,
  kind: p.kind,
  code: p.code,
  name_en: p.nameEn,
  name_ru: p.nameRu,
  name_key: nameKey(p.nameEn, p.nameRu),
  parent_id: p.parentId,
  country_code: p.countryCode,
  region_code: p.regionCode,
  latitude: p.latitude,
  longitude: p.longitude,
  builtin: p.builtin ? 1 : 0,
});

export const actorFromRow = (r: ActorTable): Actor => ({
  id: r.id,
  collectionId: r.collection_id,
  kind: r.kind as Actor['kind'],
  name: r.name,
  nameRu: r.name_ru,
  organisationType: r.organisation_type as Actor['organisationType'],
  parentId: r.parent_id,
  role: r.role,
  notes: r.notes,
  createdAt: r.created_at,
  updatedAt: r.updated_at,
});
export const actorToRow = (a: Actor): ActorTable => ({
  id: a.id,
  collection_id: a.collectionId,
  kind: a.kind,
  name: a.name,
  name_ru: a.nameRu,
  name_key: nameKey(a.name, a.nameRu),
  organisation_type: a.organisationType,
  parent_id: a.parentId,
  role: a.role,
  notes: a.notes,
  created_at: a.createdAt,
  updated_at: a.updatedAt,
});

export const sourceFromRow = (r: SourceTable): Source => ({
  id: r.id,
  collectionId: r.collection_id,
  kind: r.kind as Source['kind'],
  title: r.title,
  outlet: r.outlet,
  author: r.author,
  url: r.url,
  language: r.language,
  publishedAt: r.published_at,
  obtainedAt: r.obtained_at,
  reliability: r.reliability as Source['reliability'],
  text: r.text,
  notes: r.notes,
  contentHash: r.content_hash,
  textSealed: r.text_sealed,
  keyVersion: r.key_version === null ? null : Number(r.key_version),
  createdAt: r.created_at,
  updatedAt: r.updated_at,
});
export const sourceToRow = (s: Source): SourceTable => ({
  id: s.id,
  collection_id: s.collectionId,
  kind: s.kind,
  title: s.title,
  outlet: s.outlet,
  author: s.author,
  url: s.url,
  language: s.language,
  published_at: s.publishedAt,
  obtained_at: s.obtainedAt,
  reliability: s.reliability,
  text: s.text,
  notes: s.notes,
  content_hash: s.contentHash,
  text_sealed: s.textSealed ?? null,
  key_version: s.keyVersion ?? null,
  created_at: s.createdAt,
  updated_at: s.updatedAt,
});

const dateFromCols = (start: string | null, end: string | null, precision: string): FuzzyDate => ({
  start,
  end,
  precision: precision as FuzzyDate['precision'],
});

export function actFromRow(r: ActTable): Act {
  return {
    id: r.id,
    incidentId: r.incident_id,
    type: r.type as Act['type'],
    victims: r.victims,
    perpetrators: r.perpetrators,
    date: dateFromCols(r.date_start, r.date_end, r.date_precision),
    placeId: r.place_id,
    involvements: JSON.parse(r.involvements) as Involvement[],
    reconciled: JSON.parse(r.reconciled) as ReconciledCount,
  };
}

export function actToRow(
  a: Act,
  i: Incident,
  position: number,
  placement: { countryCode: string | null; regionCode: string | null },
): ActTable {
  // An act without its own date is counted under its incident's date.
  const date = a.date.start !== null ? a.date : i.date;
  return {
    id: a.id,
    incident_id: i.id,
    collection_id: i.collectionId,
    position,
    type: a.type,
    victims: a.victims,
    perpetrators: a.perpetrators,
    date_start: a.date.start,
    date_end: a.date.end,
    date_precision: a.date.precision,
    place_id: a.placeId,
    involvements: JSON.stringify(a.involvements),
    reconciled: JSON.stringify(a.reconciled),
    count_low: a.reconciled.low,
    count_high: a.reconciled.high,
    status: i.review === 'accepted' ? i.status : i.review,
    stats_month: statsPeriod(date),
    country_code: placement.countryCode,
    region_code: placement.regionCode,
  };
}

export function incidentFromRow(r: IncidentTable, acts: Act[]): Incident {
  return {
    id: r.id,
    collectionId: r.collection_id,
    title: r.title,
    summary: r.summary,
    date: dateFromCols(r.date_start, r.date_end, r.date_precision),
    placeId: r.place_id,
    tags: JSON.parse(r.tags) as string[],
    reviewDecision: r.review_decision as Incident['reviewDecision'],
    review: r.review as Incident['review'],
    status: r.status as Incident['status'],
    derivation: JSON.parse(r.derivation) as StatusDerivation,
    acts,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
  };
}

export function incidentToRow(i: Incident, placement: { countryCode: string | null; regionCode: string | null }): IncidentTable {
  return {
    id: i.id,
    collection_id: i.collectionId,
    title: i.title,
    summary: i.summary,
    date_start: i.date.start,
    date_end: i.date.end,
    date_precision: i.date.precision,
    place_id: i.placeId,
    tags: JSON.stringify(i.tags),
    review_decision: i.reviewDecision,
    review: i.review,
    status: i.status,
    derivation: JSON.stringify(i.derivation),
    country_code: placement.countryCode,
    region_code: placement.regionCode,
    created_at: i.createdAt,
    updated_at: i.updatedAt,
  };
}

export function claimFromRow(r: ClaimTable): Claim {
  return {
    id: r.id,
    collectionId: r.collection_id,
    sourceId: r.source_id,
    incidentId: r.incident_id,
    actId: r.act_id,
    speakerId: r.speaker_id,
    speakerRole: r.speaker_role,
    relayId: r.relay_id,
    stance: r.stance as Claim['stance'],
    about: r.about,
    quote: r.quote,
    asserts: JSON.parse(r.asserts) as Claim['asserts'],
    evidence: r.evidence_start === null || r.evidence_end === null ? null : { start: Number(r.evidence_start), end: Number(r.evidence_end) },
    credibility: r.credibility as Claim['credibility'],
    review: r.review as Claim['review'],
    createdAt: r.created_at,
    updatedAt: r.updated_at,
  };
}

export function claimToRow(c: Claim): ClaimTable {
  return {
    id: c.id,
    collection_id: c.collectionId,
    source_id: c.sourceId,
    incident_id: c.incidentId,
    act_id: c.actId,
    speaker_id: c.speakerId,
    speaker_role: c.speakerRole,
    relay_id: c.relayId,
    stance: c.stance,
    about: c.about,
    quote: c.quote,
    asserts: JSON.stringify(c.asserts),
    perpetrator_id: c.asserts.perpetratorId,
    asserted_place_id: c.asserts.placeId,
    evidence_start: c.evidence?.start ?? null,
    evidence_end: c.evidence?.end ?? null,
    credibility: c.credibility,
    review: c.review,
    created_at: c.createdAt,
    updated_at: c.updatedAt,
  };
}
