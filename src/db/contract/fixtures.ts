import { randomUUID } from 'node:crypto';
import type { Actor } from '../../core/actor.js';
import type { Claim } from '../../core/claim.js';
import type { Collection } from '../../core/collection.js';
import type { Incident } from '../../core/incident.js';
import type { Place } from '../../core/place.js';
import type { Source } from '../../core/source.js';

/** Factories for contract tests: made-up records, Latin and Cyrillic. */
const T = '2026-01-01T00:00:00.000Z';

export const aCollection = (o: Partial<Collection> = {}): Collection => ({ id: randomUUID(), name: 'Test collection', description: '', createdAt: T, updatedAt: T, ...o });

export const aPlace = (o: Partial<Place> = {}): Place => ({
  id: randomUUID(),
  kind: 'country',
  code: null,
  nameEn: 'Testland',
  nameRu: 'Тестляндия',
  parentId: null,
  countryCode: 'ZZ',
  regionCode: null,
  latitude: null,
  longitude: null,
  builtin: false,
  ...o,
});

export const anActor = (collectionId: string, o: Partial<Actor> = {}): Actor => ({
  id: randomUUID(),
  collectionId,
  kind: 'organisation',
  name: 'Committee for Open Records',
  nameRu: 'Комитет открытых записей',
  organisationType: 'ngo',
  parentId: null,
  role: null,
  notes: '',
  createdAt: T,
  updatedAt: T,
  ...o,
});

export const aSource = (collectionId: string, o: Partial<Source> = {}): Source => ({
  id: randomUUID(),
  collectionId,
  kind: 'news_article',
  title: 'Detentions reported in Testland',
  outlet: 'Daily Ledger',
  author: null,
  url: null,
  language: 'en',
  publishedAt: '2024-03-05',
  obtainedAt: null,
  reliability: 'B',
  text: null,
  notes: '',
  contentHash: null,
  textSealed: null,
  keyVersion: null,
  createdAt: T,
  updatedAt: T,
  ...o,
});

export const anIncident = (collectionId: string, o: Partial<Incident> = {}): Incident => {
  const id = o.id ?? randomUUID();
  return {
    id,
    collectionId,
    title: 'Detentions after a rally',
    summary: '',
    date: { start: '2024-03-01', end: '2024-03-01', precision: 'day' },
    placeId: null,
    tags: [],
    reviewDecision: null,
    review: 'accepted',
    status: 'alleged',
    derivation: { status: 'alleged', reasons: ['1 origin supports it'], supportingOrigins: ['actor:x'], denialClaimIds: [] },
    acts: [
      {
        id: randomUUID(),
        incidentId: id,
        type: 'detention',
        victims: 'protesters',
        perpetrators: null,
        date: { start: null, end: null, precision: 'unknown' },
        placeId: null,
        involvements: [],
        reconciled: { count: { qualifier: 'exact', value: 12, min: null, max: null }, low: 12, high: 12, claimIds: [], figures: [], conflict: false, denialClaimIds: [] },
      },
    ],
    createdAt: T,
    updatedAt: T,
    ...o,
  };
};

export const aClaim = (collectionId: string, sourceId: string, o: Partial<Claim> = {}): Claim => ({
  id: randomUUID(),
  collectionId,
  sourceId,
  incidentId: null,
  actId: null,
  speakerId: null,
  speakerRole: null,
  relayId: null,
  stance: 'alleges',
  about: 'twelve people were detained',
  quote: null,
  asserts: { count: null, date: null, placeId: null, perpetratorId: null },
  evidence: null,
  credibility: null,
  review: 'accepted',
  createdAt: T,
  updatedAt: T,
  ...o,
});

export const NO_PLACE = { countryCode: null, regionCode: null };
